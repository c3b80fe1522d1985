//! Shared helpers for the strategies' table-driven tests: texts with the passage in ⟦⟧.

use super::{anchor, Anchoring, Folded};
use crate::core::notes::{TextPosition, TextQuote, CONTEXT_CHARS};

/// What a case must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// Placed exactly on the ⟦⟧ of the new text, the quote found as it was.
    Exact,
    /// Placed exactly on the ⟦⟧ of the new text, by an approximate match.
    Approximate,
    /// An orphan (the new text has no ⟦⟧).
    Orphan,
}

/// `marked` without its ⟦⟧, and the code points they enclose.
#[track_caller]
pub fn unmark(marked: &str) -> (String, Option<(usize, usize)>) {
    let plain: String = marked.chars().filter(|&c| c != '⟦' && c != '⟧').collect();
    let at = |m: char| marked.chars().position(|c| c == m);
    let span = match (at('⟦'), at('⟧')) {
        (Some(s), Some(e)) => Some((s, e - 1)),
        (None, None) => None,
        _ => panic!("unbalanced marks in {marked:?}"),
    };
    (plain, span)
}

/// Anchors the ⟦quote⟧ of `old` (with its context as a note keeps it) in `new`.
#[track_caller]
pub fn place(old: &str, new: &str) -> Anchoring {
    let (old, span) = unmark(old);
    let (start, end) = span.expect("a quote in the old text");
    let chars: Vec<char> = old.chars().collect();
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    anchor(
        &Folded::new(new),
        &TextQuote {
            exact: slice(start, end),
            prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
            suffix: slice(end, (end + CONTEXT_CHARS).min(chars.len())),
        },
        TextPosition { start, end },
    )
}

/// Checks that the ⟦quote⟧ of `old` comes to `want` in `new` (whose ⟦⟧ is the expected place).
#[track_caller]
pub fn check(old: &str, new: &str, want: Want) {
    let (plain, span) = unmark(new);
    let got = place(old, &plain);
    let expected = match (want, span) {
        (Want::Orphan, None) => Anchoring::Orphan,
        (Want::Exact | Want::Approximate, Some((start, end))) => Anchoring::Placed {
            start,
            end,
            exact: want == Want::Exact,
        },
        _ => panic!("marks and want disagree in {new:?}"),
    };
    let shown = |a: Anchoring| match a {
        Anchoring::Placed { start, end, .. } => {
            format!(
                "{:?}",
                plain
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect::<String>()
            )
        }
        Anchoring::Orphan => "orphan".to_owned(),
    };
    assert_eq!(
        got,
        expected,
        "\nold: {old:?}\nnew: {new:?}\ngot {} instead of {}",
        shown(got),
        shown(expected)
    );
}
