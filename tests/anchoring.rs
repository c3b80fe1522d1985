//! Re-anchoring measured on `tests/fixtures/anchor/cases.jsonl` (made by
//! `scripts/make-anchor-cases.py` from realistic edits of the project's articles): per edit kind,
//! how many notes are placed correctly, orphaned, or misplaced. A misplacement is worse than an
//! orphan: the bars are at most 1% misplaced and at least 95% placed exactly where they belong.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use article_annotator::core::anchor::{anchor, Anchoring, Folded};
use article_annotator::core::notes::{TextPosition, TextQuote};
use serde_json::Value;

const CASES: &str = include_str!("fixtures/anchor/cases.jsonl");

#[derive(Default, Debug)]
struct Tally {
    cases: usize,
    correct: usize,
    imprecise: usize,
    orphaned: usize,
    misplaced: usize,
}

#[test]
fn anchoring_on_realistic_edits() {
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misplaced = Vec::new();
    for line in CASES.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("case");
        let sel = &case["selector"];
        let s = |k: &str| sel[k].as_str().expect(k).to_owned();
        let n = |k: &str| sel[k].as_u64().expect(k) as usize;
        let quote = TextQuote {
            exact: s("exact"),
            prefix: s("prefix"),
            suffix: s("suffix"),
        };
        let got = anchor(
            &Folded::new(case["text"].as_str().expect("text")),
            &quote,
            TextPosition {
                start: n("start"),
                end: n("end"),
            },
        );
        let t = by_kind
            .entry(case["kind"].as_str().expect("kind").to_owned())
            .or_default();
        t.cases += 1;
        let expect = case["expect"].as_object().map(|e| {
            (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            )
        });
        match (expect, got) {
            (None, Anchoring::Orphan) => t.correct += 1,
            (Some(_), Anchoring::Orphan) => t.orphaned += 1,
            (Some((es, ee)), Anchoring::Placed { start, end, .. })
                if start.abs_diff(es) <= 2 && end.abs_diff(ee) <= 2 =>
            {
                t.correct += 1
            }
            (Some((es, ee)), Anchoring::Placed { start, end, .. }) if start < ee && es < end => {
                t.imprecise += 1
            }
            (_, Anchoring::Placed { start, end, .. }) => {
                t.misplaced += 1;
                misplaced.push(format!(
                    "{} → {start}..{end} (expected {:?})",
                    case["id"], case["expect"]
                ));
            }
        }
    }
    let mut total = Tally::default();
    let mut table =
        String::from("kind                cases  correct  imprecise  orphaned  misplaced\n");
    for (kind, t) in &by_kind {
        table.push_str(&format!(
            "{kind:<18} {:>6} {:>8} {:>10} {:>9} {:>10}\n",
            t.cases, t.correct, t.imprecise, t.orphaned, t.misplaced
        ));
        total.cases += t.cases;
        total.correct += t.correct;
        total.imprecise += t.imprecise;
        total.orphaned += t.orphaned;
        total.misplaced += t.misplaced;
    }
    table.push_str(&format!(
        "{:<18} {:>6} {:>8} {:>10} {:>9} {:>10}\n",
        "all", total.cases, total.correct, total.imprecise, total.orphaned, total.misplaced
    ));
    println!("{table}");
    for m in misplaced.iter().take(20) {
        println!("misplaced: {m}");
    }
    assert!(total.cases > 1000, "the case file is there");
    assert!(
        total.misplaced * 100 <= total.cases,
        "more than 1% misplaced:\n{table}"
    );
    assert!(
        total.correct * 100 >= total.cases * 95,
        "fewer than 95% correct:\n{table}"
    );
}
