//! The folded view both texts are matched on: NFD without tone marks, lower case, every run of
//! white space one space; with the way back from folded bytes to code points of the text as given.

use crate::core::text::{composed, untone, CharIdx, TONE_MARKS};
use crate::core::unicode::{is_combining_mark, lower};

/// A text folded for matching, with the way back to the text as given.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text` (and one past the end): the code point of the original text where
    /// the folded character at or before that byte starts.
    start_of: Vec<u32>,
    /// For each byte of `text` (and one past the end): the code point of the original text where
    /// the folded character ending at that byte ends.
    end_of: Vec<u32>,
    /// Length of the original text in code points.
    pub chars: usize,
}

/// Folds one unit (a base character and its combining marks) into `out`: lower case, without
/// its tone; a decomposed unit is composed first, so NFD and NFC fold alike.
fn fold_unit(unit: &str, out: &mut String) {
    if unit.is_ascii() {
        out.extend(unit.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in lower(&composed(unit)).chars() {
        if !TONE_MARKS.contains(&c) {
            out.push(untone(c).0);
        }
    }
}

impl Folded {
    /// Folds `text`.
    pub fn new(text: &str) -> Folded {
        let mut folded = String::with_capacity(text.len());
        let mut start_of = Vec::with_capacity(text.len() + 1);
        let mut end_of = Vec::with_capacity(text.len() + 1);
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut unit = String::new();
        let mut piece = String::new();
        while i < chars.len() {
            let start = i;
            let c = chars[i];
            i += 1;
            piece.clear();
            if c.is_whitespace() {
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                piece.push(' ');
            } else {
                unit.clear();
                unit.push(c);
                while i < chars.len() && is_combining_mark(chars[i]) {
                    unit.push(chars[i]);
                    i += 1;
                }
                fold_unit(&unit, &mut piece);
            }
            for _ in 0..piece.len() {
                start_of.push(start as u32);
                end_of.push(i as u32);
            }
            folded.push_str(&piece);
        }
        start_of.push(chars.len() as u32);
        end_of.push(chars.len() as u32);
        Folded {
            text: folded,
            start_of,
            end_of,
            chars: chars.len(),
        }
    }

    /// The original code-point range of folded bytes `a..b`.
    pub(crate) fn original(&self, a: usize, b: usize) -> (CharIdx, CharIdx) {
        let start = self.start_of[a] as usize;
        let end = if b == 0 {
            0
        } else {
            self.end_of[b - 1] as usize
        };
        (start, end.max(start))
    }

    /// Whether original code points `start..end` lie inside one run of white space (which the
    /// folded text keeps as a single space).
    pub(super) fn blank_at(&self, start: CharIdx, end: CharIdx) -> bool {
        let k = self.start_of.partition_point(|&s| (s as usize) <= start);
        k > 0
            && self.text.as_bytes().get(k - 1) == Some(&b' ')
            && self.end_of[k - 1] as usize >= end
    }

    /// The folded byte of the piece original code point `c` belongs to (a code point inside a run
    /// of white space belongs to the run's single space).
    pub(super) fn byte_at(&self, c: CharIdx) -> usize {
        let last = self
            .start_of
            .partition_point(|&s| (s as usize) <= c)
            .saturating_sub(1);
        let piece = self.start_of.get(last).copied().unwrap_or_default();
        // The piece's first byte (a folded character may take several).
        self.start_of.partition_point(|&s| s < piece)
    }

    /// The folded byte where original code point `c` starts (or the nearest after it).
    pub(super) fn byte_of(&self, c: CharIdx) -> usize {
        self.start_of.partition_point(|&s| (s as usize) < c)
    }
}

/// Folds a short string (a quote, a prefix) the same way as [`Folded`].
pub fn fold(s: &str) -> String {
    Folded::new(s).text
}
