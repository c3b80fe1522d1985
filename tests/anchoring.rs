//! Re-anchoring measured on the cases `scripts/make-anchor-cases.py` makes from realistic edits,
//! per edit kind: how many notes are placed exactly where they belong (same start and end, in
//! code points: no tolerance), placed overlapping it with other bounds (imprecise), orphaned, or
//! misplaced (placed where they do not belong — worse than an orphan; a note that must orphan and
//! is placed counts as misplaced).
//!
//! Two halves that never mix: `cases-tuned.jsonl` (articles the matcher was developed against)
//! and `cases-heldout.jsonl` (articles kept aside; its figures are the ones to quote).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use article_annotator::core::anchor::{anchor, Anchoring, Folded};
use article_annotator::core::notes::{TextPosition, TextQuote};
use serde_json::Value;

const TUNED: &str = include_str!("fixtures/anchor/cases-tuned.jsonl");
const HELDOUT: &str = include_str!("fixtures/anchor/cases-heldout.jsonl");

/// The bars a half must clear, per mille of its cases.
struct Bars {
    /// At least this share placed exactly (orphans that must orphan included).
    min_exact: usize,
    /// At most this share misplaced overall…
    max_misplaced: usize,
    /// …and in any one edit kind.
    max_kind_misplaced: usize,
}

/// The held-out half: the bars (≥ 97% exact, ≤ 0.5% misplaced, no kind over 1%), raised
/// to what is measured.
const HELDOUT_BARS: Bars = Bars {
    min_exact: 990,
    max_misplaced: 2,
    max_kind_misplaced: 10,
};
/// The tuned half, at what is measured: its one kind over 1% is a deleted short quote whose
/// words and context recur elsewhere in the seed article ("của Thường trực Tỉnh ủy").
const TUNED_BARS: Bars = Bars {
    min_exact: 990,
    max_misplaced: 2,
    max_kind_misplaced: 15,
};

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    cases: usize,
    exact: usize,
    imprecise: usize,
    orphaned: usize,
    misplaced: usize,
}

impl Tally {
    fn add(&mut self, t: Tally) {
        self.cases += t.cases;
        self.exact += t.exact;
        self.imprecise += t.imprecise;
        self.orphaned += t.orphaned;
        self.misplaced += t.misplaced;
    }
}

/// What one case came to.
fn outcome(case: &Value) -> Tally {
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
    let expect = case["expect"].as_object().map(|e| {
        (
            e["start"].as_u64().expect("start") as usize,
            e["end"].as_u64().expect("end") as usize,
        )
    });
    let mut t = Tally {
        cases: 1,
        ..Tally::default()
    };
    match (expect, got) {
        (None, Anchoring::Orphan) => t.exact += 1,
        (Some(_), Anchoring::Orphan) => t.orphaned += 1,
        (Some((es, ee)), Anchoring::Placed { start, end, .. }) if (start, end) == (es, ee) => {
            t.exact += 1
        }
        (Some((es, ee)), Anchoring::Placed { start, end, .. }) if start < ee && es < end => {
            t.imprecise += 1
        }
        (_, Anchoring::Placed { .. }) => t.misplaced += 1,
    }
    t
}

/// Runs every case of `cases`, prints the table per kind, and checks the bars.
#[track_caller]
fn measure(name: &str, cases: &str, bars: &Bars) {
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut misplaced = Vec::new();
    for line in cases.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("case");
        let t = outcome(&case);
        if t.misplaced > 0 || t.imprecise > 0 {
            misplaced.push(case["id"].as_str().unwrap_or("?").to_owned());
        }
        by_kind
            .entry(case["kind"].as_str().expect("kind").to_owned())
            .or_default()
            .add(t);
        total.add(t);
    }
    let row = |kind: &str, t: &Tally| {
        format!(
            "{kind:<22} {:>6} {:>6} {:>9} {:>8} {:>9}\n",
            t.cases, t.exact, t.imprecise, t.orphaned, t.misplaced
        )
    };
    let mut table = format!(
        "{name}\n{:<22} {:>6} {:>6} {:>9} {:>8} {:>9}\n",
        "kind", "cases", "exact", "imprecise", "orphaned", "misplaced"
    );
    for (kind, t) in &by_kind {
        table.push_str(&row(kind, t));
    }
    table.push_str(&row("all", &total));
    table.push_str(&format!(
        "exact {:.1}%, misplaced {:.2}%\n",
        100.0 * total.exact as f64 / total.cases as f64,
        100.0 * total.misplaced as f64 / total.cases as f64
    ));
    println!("{table}");
    if std::env::var_os("ANCHOR_SHOW_FAILURES").is_some() {
        for m in &misplaced {
            println!("misplaced or imprecise: {m}");
        }
    }
    assert!(total.cases > 1000, "the case file is there");
    assert!(
        total.exact * 1000 >= total.cases * bars.min_exact,
        "fewer than {}‰ placed exactly:\n{table}",
        bars.min_exact
    );
    assert!(
        total.misplaced * 1000 <= total.cases * bars.max_misplaced,
        "more than {}‰ misplaced:\n{table}",
        bars.max_misplaced
    );
    for (kind, t) in &by_kind {
        assert!(
            t.misplaced * 1000 <= t.cases * bars.max_kind_misplaced,
            "{kind}: more than {}‰ misplaced:\n{table}",
            bars.max_kind_misplaced
        );
    }
}

#[test]
fn anchoring_on_tuned_articles() {
    measure("tuned half (development figures)", TUNED, &TUNED_BARS);
}

#[test]
fn anchoring_on_heldout_articles() {
    measure("held-out half", HELDOUT, &HELDOUT_BARS);
}
