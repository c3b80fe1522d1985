//! Placing every note of an article again after its text changed, each through [`anchor_near`]
//! with the shift of the note before it as a hint.

use super::{anchor_near, Anchoring, Folded};
use crate::core::article::Article;
use crate::core::notes::{Notes, Target, TextPosition, TextQuote, CONTEXT_CHARS};
use crate::core::order;

/// Places every note again in `article` as it now reads. A note that is found gets its target
/// refreshed (paragraph id, quote, position); one that is not becomes an orphan, kept with its
/// old selectors. A note on a whole paragraph stays on the whole paragraph it is found in.
/// Modification times are left alone: re-anchoring is not the reader's edit.
pub fn reanchor(notes: &Notes, article: &Article) -> Notes {
    let text = article.text();
    let folded = Folded::new(&text);
    let chars: Vec<char> = text.chars().collect();
    let starts = article.paragraph_starts();
    let mut out = notes.clone();
    // In order of their old positions, so that one note's shift is the next one's hint.
    let mut order: Vec<usize> = (0..out.notes.len()).collect();
    order::sort_by_key(&mut order, |&i| out.notes[i].target.position.start);
    let mut shift: isize = 0;
    for i in order {
        let note = &out.notes[i];
        let old_start = note.target.position.start;
        let placed = match anchor_near(&folded, &note.target.quote, note.target.position, shift) {
            Anchoring::Placed { start, end, .. } => {
                shift = start as isize - old_start as isize;
                let index = starts.iter().rposition(|&s| s <= start).unwrap_or(0);
                let paragraph = &article.paragraphs[index];
                let p_end = starts[index] + paragraph.text.chars().count();
                if end > p_end {
                    None // it now runs across paragraphs: better an orphan than half a passage
                } else if note.target.passage {
                    Some((paragraph, start, end))
                } else {
                    Some((paragraph, starts[index], p_end))
                }
            }
            Anchoring::Orphan => None,
        };
        let (target, orphan) = match placed {
            Some((paragraph, start, end)) => {
                let slice = |a: usize, b: usize| {
                    chars[a.min(chars.len())..b.min(chars.len())]
                        .iter()
                        .collect::<String>()
                };
                let target = Target {
                    paragraph: paragraph.id.clone(),
                    passage: note.target.passage,
                    quote: TextQuote {
                        exact: slice(start, end),
                        prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
                        suffix: slice(end, end + CONTEXT_CHARS),
                    },
                    position: TextPosition { start, end },
                };
                (target, false)
            }
            None => (note.target.clone(), true),
        };
        // A note left as it was stays the same shared note.
        if note.target != target || note.orphan != orphan {
            let note = std::rc::Rc::make_mut(&mut out.notes[i]);
            note.target = target;
            note.orphan = orphan;
        }
    }
    out
}

#[cfg(test)]
mod reanchor_tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::notes::{Note, NoteId, Timestamp};

    fn note_on(a: &Article, i: usize) -> Note {
        Note {
            id: NoteId::from_random_bytes([i as u8; 16]),
            target: a.paragraph_target(&a.paragraphs[i].id).expect("target"),
            text: format!("n{i}"),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(1),
            orphan: false,
            color: None,
        }
    }

    #[test]
    fn notes_follow_their_paragraphs_through_edits() {
        let old = Article::parse(SEED_ARTICLE).expect("seed");
        let notes = Notes {
            notes: (0..old.paragraphs.len())
                .map(|i| note_on(&old, i).into())
                .collect(),
            deleted: vec![],
        };
        assert_eq!(
            reanchor(&notes, &old),
            notes,
            "an unedited article changes nothing"
        );
        // A paragraph inserted at the top, a typo fixed in paragraph 3, paragraph 5 deleted.
        let edited = SEED_ARTICLE
            .replacen("Đồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng yêu cầu", "Tin mới cập nhật.\n\nĐồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng yêu cầu", 1)
            .replacen("ghi nhận, đánh giá cao", "ghi nhận và đánh giá cao", 1);
        let fifth = edited
            .lines()
            .find(|l| {
                l.starts_with(
                    "Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu các ban xây dựng Đảng của",
                )
            })
            .expect("paragraph 5");
        let edited = edited.replacen(fifth, "", 1);
        let new = Article::parse(&edited).expect("edited");
        let moved = reanchor(&notes, &new);
        for (i, n) in moved.notes.iter().enumerate() {
            if i == 5 {
                assert!(
                    n.orphan,
                    "the deleted paragraph's note is an orphan, not attached elsewhere: {:?}",
                    n.target.position
                );
                continue;
            }
            assert!(!n.orphan, "note {i} found");
            let p = new
                .paragraphs
                .iter()
                .find(|p| p.id == n.target.paragraph)
                .expect("paragraph exists");
            assert_eq!(
                n.target.quote.exact, p.text,
                "note {i} is on the whole paragraph"
            );
        }
        let corrected = new
            .paragraphs
            .iter()
            .find(|p| p.text.contains("ghi nhận và đánh giá cao"))
            .expect("corrected paragraph");
        assert_eq!(
            moved.notes[3].target.paragraph, corrected.id,
            "the note on the corrected paragraph follows it"
        );
    }
}
