//! Inputs the fuzzers found crashing, kept as regression tests: each runs exactly as its fuzz
//! target does (`fuzz/fuzz_targets/`).
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::core::anchor::{anchor, Anchoring, Folded};
use article_annotator::core::notes::{TextPosition, TextQuote};

/// The anchor target's decoding: two position bytes, then "text \0 exact \0 prefix \0 suffix".
fn run_anchor(data: &[u8]) {
    let (Some((&a, rest)), true) = (data.split_first(), data.len() > 1) else {
        return;
    };
    let Some((&b, rest)) = rest.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let mut parts = s.split('\0');
    let text = parts.next().unwrap_or_default();
    let quote = TextQuote {
        exact: parts.next().unwrap_or_default().to_owned(),
        prefix: parts.next().unwrap_or_default().to_owned(),
        suffix: parts.next().unwrap_or_default().to_owned(),
    };
    let position = TextPosition {
        start: usize::from(a.min(b)),
        end: usize::from(a.max(b)),
    };
    if let Anchoring::Placed { start, end, .. } = anchor(&Folded::new(text), &quote, position) {
        assert!(start <= end && end <= text.chars().count());
    }
}

#[test]
fn anchor_head_match_ending_before_code_point_32() {
    // A long quote whose head matched approximately near the start of the text: the window's
    // end was computed as h + 1 - 32 + len and underflowed.
    run_anchor(include_bytes!("fixtures/fuzz/anchor-head-before-32.bin"));
}
