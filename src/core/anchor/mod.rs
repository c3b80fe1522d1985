//! Placing a note again after the article's text changed.
//!
//! A note keeps a quote (exact text with up to 32 code points of context on each side) and a
//! position (code points). [`anchor_near`] tries its strategies in order, each in its own module:
//! 1. [`exact::at_old_position`]: the old position (or the old position moved by the shift of
//!    the notes before it) still reads as the quote;
//! 2. [`exact::occurrences`]: every exact occurrence of the quote, anywhere in the article,
//!    chosen by its context and nearness; a unique occurrence of a long quote is taken whatever
//!    its context (its paragraph moved);
//! 3. [`approximate`]: places that read almost as the quote (Myers' bit-parallel edit distance)
//!    or that sit between the quote's prefix and suffix (the passage reworded in place), aligned
//!    on the quote, trimmed to its word boundaries, and judged on the passage's own similarity and
//!    on its context separately.
//!
//! What cannot be placed with confidence is an orphan: kept, never attached to a lookalike; when
//! two places score alike, the note is an orphan rather than a guess.
//!
//! Matching runs on a folded view of both texts ([`Folded`]: NFD without tone marks, lower case,
//! every run of white space one space), so NFD input, both tone-mark spellings and non-breaking
//! spaces do not matter; results are code points of the text as given.

mod approximate;
mod context;
mod exact;
mod fold;
mod reanchor;
mod words;

pub use fold::{fold, Folded};
pub use reanchor::reanchor;

use super::notes::{TextPosition, TextQuote, CONTEXT_CHARS};
use super::text::CharIdx;

/// Where a note now stands, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchoring {
    /// Code points of the text as given, end exclusive; `exact` when the quote was found as it was.
    Placed {
        /// First code point of the passage.
        start: CharIdx,
        /// Code point just past the passage.
        end: CharIdx,
        /// Whether the passage reads exactly as the quote (folded).
        exact: bool,
    },
    /// Not placed with confidence: the note is kept, attached nowhere.
    Orphan,
}

/// A note's selectors, folded once for every strategy.
#[derive(Debug)]
struct Query {
    /// The quote, folded.
    exact: String,
    /// Its prefix and suffix, folded (empty at the start or the end of the article).
    prefix: String,
    suffix: String,
    /// The old position (code points of the old text).
    position: TextPosition,
    /// The folded bytes of the new text where the note is expected: the old position, and the old
    /// position moved by the shift of the notes before it.
    expected: [usize; 2],
    /// The shift hint (code points).
    shift: isize,
    /// Whether the prefix (suffix) is shorter than a note keeps: it reaches the start (the end)
    /// of the old article.
    prefix_at_start: bool,
    suffix_at_end: bool,
}

impl Query {
    fn new(text: &Folded, quote: &TextQuote, position: TextPosition, shift: isize) -> Query {
        let at = |c: CharIdx| text.byte_of(c.min(text.chars));
        Query {
            exact: fold(&quote.exact),
            prefix: fold(&quote.prefix),
            suffix: fold(&quote.suffix),
            position,
            expected: [
                at(position.start),
                at(position.start.saturating_add_signed(shift)),
            ],
            shift,
            prefix_at_start: quote.prefix.chars().count() < CONTEXT_CHARS,
            suffix_at_end: quote.suffix.chars().count() < CONTEXT_CHARS,
        }
    }

    /// Folded bytes between `at` and the nearer of the places the note is expected.
    fn distance(&self, at: usize) -> usize {
        self.expected
            .iter()
            .map(|&e| e.abs_diff(at))
            .min()
            .unwrap_or(usize::MAX)
    }

    /// The context of folded bytes `a..b` of `text`, measured against the note's.
    fn context(&self, text: &str, a: usize, b: usize) -> context::Context {
        context::Context::of(text, (a, b), (&self.prefix, &self.suffix))
    }

    /// Length of the folded quote in code points.
    fn chars(&self) -> usize {
        self.exact.chars().count()
    }
}

/// Places the quote `quote`, last seen at `position`, in `text`.
pub fn anchor(text: &Folded, quote: &TextQuote, position: TextPosition) -> Anchoring {
    anchor_near(text, quote, position, 0)
}

/// [`anchor`], also trying the old position moved by `shift` code points first: after an edit
/// most notes move by the same amount, so the shift that placed the previous note usually places
/// the next one without a search. A shifted place is taken only when its context agrees.
pub fn anchor_near(
    text: &Folded,
    quote: &TextQuote,
    position: TextPosition,
    shift: isize,
) -> Anchoring {
    let query = Query::new(text, quote, position, shift);
    if query.exact.is_empty() {
        return Anchoring::Orphan;
    }
    if let Some(placed) = exact::at_old_position(text, &query) {
        return placed;
    }
    // Blank space cannot be searched for: only where it was.
    if query.exact.trim().is_empty() {
        return Anchoring::Orphan;
    }
    if let Some(decided) = exact::occurrences(text, &query) {
        return decided;
    }
    approximate::best(text, &query)
}

#[cfg(test)]
mod testing;
