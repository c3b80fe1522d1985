//! Splitting a paragraph into non-overlapping runs for rendering.
//!
//! Entity mentions never overlap one another; note highlights may overlap mentions and each other.
//! Every boundary of either cuts the text, and each run carries the mention and notes covering it,
//! so the UI renders a flat list of spans and never touches text behind Yew's back.

use super::notes::NoteColor;
use super::order;
use super::recognize::Mention;
use super::text::ByteIdx;

/// A highlighted passage of a note, in bytes of the paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRange<'a> {
    pub start_byte: ByteIdx,
    pub end_byte: ByteIdx,
    pub note_id: &'a str,
    /// The note's colour, for its highlight.
    pub color: Option<NoteColor>,
}

/// One run of text with what covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub start_byte: ByteIdx,
    pub end_byte: ByteIdx,
    /// Index into the paragraph's mentions.
    pub mention: Option<usize>,
    pub notes: Vec<&'a str>,
}

/// Cuts `text` at every mention and note boundary. Ranges outside the text or not on character
/// boundaries are ignored.
pub fn segments<'a>(text: &str, mentions: &[Mention], notes: &[NoteRange<'a>]) -> Vec<Segment<'a>> {
    let ok = |a: ByteIdx, b: ByteIdx| {
        a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    let mut cuts = vec![0, text.len()];
    for m in mentions.iter().filter(|m| ok(m.start_byte, m.end_byte)) {
        cuts.extend([m.start_byte, m.end_byte]);
    }
    for n in notes.iter().filter(|n| ok(n.start_byte, n.end_byte)) {
        cuts.extend([n.start_byte, n.end_byte]);
    }
    order::sort(&mut cuts);
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let mention = mentions
                .iter()
                .position(|m| ok(m.start_byte, m.end_byte) && m.start_byte <= a && b <= m.end_byte);
            let notes = notes
                .iter()
                .filter(|n| ok(n.start_byte, n.end_byte) && n.start_byte <= a && b <= n.end_byte)
                .map(|n| n.note_id)
                .collect();
            Segment {
                start_byte: a,
                end_byte: b,
                mention,
                notes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::recognize::Label;

    fn m(a: usize, b: usize) -> Mention {
        Mention {
            start: a,
            end: b,
            start_byte: a,
            end_byte: b,
            label: Label::Body,
            entity: 0,
        }
    }

    #[test]
    fn runs_table() {
        let text = "abcdefghij";
        type Run = (usize, usize, Option<usize>, usize);
        let cases: Vec<(Vec<Mention>, Vec<NoteRange>, Vec<Run>)> = vec![
            (vec![], vec![], vec![(0, 10, None, 0)]),
            (
                vec![m(2, 4)],
                vec![],
                vec![(0, 2, None, 0), (2, 4, Some(0), 0), (4, 10, None, 0)],
            ),
            (
                vec![m(2, 6)],
                vec![NoteRange {
                    start_byte: 4,
                    end_byte: 8,
                    note_id: "n1",
                    color: None,
                }],
                vec![
                    (0, 2, None, 0),
                    (2, 4, Some(0), 0),
                    (4, 6, Some(0), 1),
                    (6, 8, None, 1),
                    (8, 10, None, 0),
                ],
            ),
            (vec![m(5, 99)], vec![], vec![(0, 10, None, 0)]),
        ];
        for (mentions, notes, want) in cases {
            let got: Vec<_> = segments(text, &mentions, &notes)
                .iter()
                .map(|s| (s.start_byte, s.end_byte, s.mention, s.notes.len()))
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn multibyte_boundaries_are_respected() {
        let text = "Tỉnh ủy";
        assert_eq!(
            segments(text, &[m(1, 2)], &[]).len(),
            1,
            "a cut inside 'ỉ' is ignored"
        );
    }
}
