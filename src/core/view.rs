//! What the UI derives from an article and its notes, pure and tested natively: the tables made
//! once per article ([`Derived`]), where a note's passage stands inside its paragraph, and which
//! draft slot an open editor keeps its text under.

use std::rc::Rc;

use super::article::Article;
use super::host::{Highlight, HighlightRange, Region};
use super::notes::{Note, NoteId};
use super::recognize::{Entity, Mention, Recognition, Recognizer};
use super::text::CharIdx;

/// How many words of a paragraph name it in the notes list (for notes on a whole paragraph).
pub const HEAD_WORDS: usize = 10;

/// Where an entity is mentioned: (entity index, paragraph id, start, end), offsets in code points
/// of the article's text.
pub type EntitySpans = Vec<(usize, String, CharIdx, CharIdx)>;

/// What the view derives from the article and its recognition, made once per article: each
/// table is shared, so passing it down copies a pointer.
#[derive(Debug, Clone)]
pub struct Derived {
    /// The recognition of the title (first) and the paragraphs.
    pub recognition: Rc<Recognition>,
    /// The recognised entities (as `entities()` gives them).
    pub entities: Rc<Vec<Entity>>,
    /// Where each paragraph starts in the article's text (code points).
    pub starts: Rc<Vec<CharIdx>>,
    /// Paragraph texts as shared strings: a render passes pointers, not the article.
    pub texts: Rc<Vec<Rc<str>>>,
    /// Paragraph ids, in article order.
    pub ids: Rc<Vec<Rc<str>>>,
    /// Each text's mentions (the title's first, then the paragraphs').
    pub mentions: Rc<Vec<Rc<[Mention]>>>,
    /// Each mention in a paragraph, in article code points, for the notes list's entity filter.
    pub entity_spans: Rc<EntitySpans>,
    /// The opening words of each paragraph (id, words…), for notes on a whole paragraph.
    pub paragraph_heads: Rc<Vec<(String, String)>>,
    /// The recogniser these were made with (the newsroom's lexicon included), for the exports for
    /// people, which name the officials and bodies each note's quote mentions.
    pub recognizer: Rc<Recognizer>,
}

impl Derived {
    /// Recognises the article's title and paragraphs and makes every table.
    pub fn new(a: &Article, recognizer: Rc<Recognizer>) -> Derived {
        let mut texts = vec![a.title.as_str()];
        texts.extend(a.paragraphs.iter().map(|p| p.text.as_str()));
        let recognition = recognizer.recognize(&texts);
        let starts = a.paragraph_starts();
        let entity_spans = a
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                let at = starts.get(i).copied().unwrap_or_default();
                recognition
                    .mentions
                    .get(i + 1)
                    .into_iter()
                    .flatten()
                    .map(move |m| (m.entity, p.id.clone(), at + m.start, at + m.end))
            })
            .collect();
        let paragraph_heads = a
            .paragraphs
            .iter()
            .map(|p| {
                let head = p
                    .text
                    .split_whitespace()
                    .take(HEAD_WORDS)
                    .collect::<Vec<_>>();
                (p.id.clone(), head.join(" ") + "…")
            })
            .collect();
        Derived {
            entities: Rc::new(recognition.entities.clone()),
            starts: Rc::new(starts),
            texts: Rc::new(
                a.paragraphs
                    .iter()
                    .map(|p| Rc::from(p.text.as_str()))
                    .collect(),
            ),
            ids: Rc::new(
                a.paragraphs
                    .iter()
                    .map(|p| Rc::from(p.id.as_str()))
                    .collect(),
            ),
            mentions: Rc::new(
                recognition
                    .mentions
                    .iter()
                    .map(|m| Rc::from(m.as_slice()))
                    .collect(),
            ),
            entity_spans: Rc::new(entity_spans),
            paragraph_heads: Rc::new(paragraph_heads),
            recognition: Rc::new(recognition),
            recognizer,
        }
    }

    /// The indices of the paragraphs that mention entity `entity` (its index in `entities`).
    pub fn paragraphs_mentioning(&self, entity: usize) -> Vec<usize> {
        self.recognition
            .mentions
            .iter()
            .skip(1)
            .enumerate()
            .filter(|(_, ms)| ms.iter().any(|m| m.entity == entity))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Where a passage note stands inside its paragraph, in code points of the paragraph's text, end
/// exclusive: its position in the article minus where the paragraph starts (`paragraph_start`),
/// when it lies inside the paragraph's `paragraph_chars`. `None` for a note on the whole
/// paragraph, and for a position outside it (nothing is highlighted then).
pub fn passage_in_paragraph(
    note: &Note,
    paragraph_start: CharIdx,
    paragraph_chars: CharIdx,
) -> Option<(CharIdx, CharIdx)> {
    if !note.target.passage {
        return None;
    }
    let start = note.target.position.start.checked_sub(paragraph_start)?;
    let end = note.target.position.end.checked_sub(paragraph_start)?;
    (start <= end && end <= paragraph_chars).then_some((start, end))
}

/// The mentions the in-place mode steps through for entity `entity` (its index in the
/// entities), in reading order: (text index of the recognition — 0 the title, `i + 1` paragraph
/// `i` — and the mention). Title-labelled mentions are not stops, as in the rendered mode.
pub fn mention_stops(derived: &Derived, entity: usize) -> Vec<(usize, Mention)> {
    derived
        .recognition
        .mentions
        .iter()
        .enumerate()
        .flat_map(|(t, ms)| ms.iter().map(move |m| (t, m.clone())))
        .filter(|(_, m)| m.entity == entity && m.label != super::recognize::Label::Title)
        .collect()
}

/// What the in-place mode paints: every mention whose kind is not `hidden` (the title's only when
/// `title` is painted: it is the host's first `h1`), the `chosen` entity's marked chosen, and the
/// passage of every placed note. `note_ids` are the notes' ids as text, one for one with `notes`.
pub fn highlight_ranges<'a>(
    derived: &'a Derived,
    title: bool,
    chosen: Option<&str>,
    hidden: &[&str],
    notes: &'a [Rc<Note>],
    note_ids: &'a [String],
) -> Vec<HighlightRange<'a>> {
    let entities = &derived.recognition.entities;
    let mut ranges: Vec<HighlightRange<'a>> = Vec::new();
    for (t, ms) in derived.recognition.mentions.iter().enumerate() {
        let region = match t {
            0 if title => Region::Title,
            0 => continue,
            i => Region::Block(i - 1),
        };
        for m in ms.iter().filter(|m| !hidden.contains(&m.label.as_attr())) {
            let Some(entity) = entities.get(m.entity) else {
                continue;
            };
            ranges.push(HighlightRange {
                region,
                start: m.start,
                end: m.end,
                highlight: Highlight::Entity {
                    label: m.label,
                    entity: &entity.id,
                    chosen: chosen == Some(entity.id.as_str()),
                },
            });
        }
    }
    for (note, id) in notes.iter().zip(note_ids).filter(|(n, _)| !n.orphan) {
        let Some(i) = derived
            .ids
            .iter()
            .position(|p| **p == *note.target.paragraph)
        else {
            continue;
        };
        let start = derived.starts.get(i).copied().unwrap_or_default();
        let chars = derived.texts.get(i).map_or(0, |t| t.chars().count());
        if let Some((a, b)) = passage_in_paragraph(note, start, chars) {
            ranges.push(HighlightRange {
                region: Region::Block(i),
                start: a,
                end: b,
                highlight: Highlight::Note {
                    id,
                    color: note.color,
                },
            });
        }
    }
    ranges
}

/// What an open editor keeps its unsaved text under, so that a reload does not lose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftSlot<'a> {
    /// A new note on a paragraph (or a passage of it).
    New {
        /// The paragraph's id.
        paragraph: &'a str,
    },
    /// An edit of an existing note.
    Edit {
        /// The note's id.
        note: NoteId,
    },
}

impl DraftSlot<'_> {
    /// The slot's name in the draft key ([`super::storage::draft_key`]): `new:<paragraph id>` or
    /// `edit:<note id>`.
    pub fn name(self) -> String {
        match self {
            DraftSlot::New { paragraph } => format!("new:{paragraph}"),
            DraftSlot::Edit { note } => format!("edit:{note}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::notes::{Target, TextPosition, TextQuote, Timestamp};
    use crate::core::storage::draft_key;

    fn note(passage: bool, start: CharIdx, end: CharIdx) -> Note {
        Note {
            id: NoteId::from_random_bytes([9; 16]),
            target: Target {
                paragraph: "p1-x".into(),
                passage,
                quote: TextQuote {
                    exact: String::new(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                position: TextPosition { start, end },
            },
            text: "t".into(),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(1),
            orphan: false,
            color: None,
        }
    }

    #[track_caller]
    fn check_passage(n: &Note, start: CharIdx, chars: CharIdx, want: Option<(CharIdx, CharIdx)>) {
        assert_eq!(
            passage_in_paragraph(n, start, chars),
            want,
            "{:?}",
            n.target.position
        );
    }

    #[test]
    fn a_notes_passage_inside_its_paragraph() {
        // (passage?, position start, end, paragraph start, paragraph length, expected)
        let cases = [
            (true, 110, 120, 100, 50, Some((10, 20))),
            (true, 100, 150, 100, 50, Some((0, 50))),
            (true, 100, 100, 100, 50, Some((0, 0))),
            (false, 110, 120, 100, 50, None),
            (true, 90, 120, 100, 50, None),
            (true, 110, 151, 100, 50, None),
            (true, 120, 110, 100, 50, None),
        ];
        for (passage, a, b, start, chars, want) in cases {
            check_passage(&note(passage, a, b), start, chars, want);
        }
    }

    #[test]
    fn draft_slots_name_their_keys() {
        let id = NoteId::from_random_bytes([1; 16]);
        let cases = [
            (
                DraftSlot::New { paragraph: "p2-ab" },
                "new:p2-ab".to_owned(),
            ),
            (DraftSlot::Edit { note: id }, format!("edit:{id}")),
        ];
        for (slot, want) in cases {
            assert_eq!(slot.name(), want);
            assert_eq!(
                draft_key("a-1", &slot.name()),
                format!("article-annotator:draft:a-1:{want}")
            );
        }
    }

    /// (title painted?, chosen entity's index, hidden kinds, a passage note on paragraph 1?) →
    /// what `highlight_ranges` must give, checked against the recognition itself.
    #[test]
    fn in_place_highlights_follow_the_view() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let d = Derived::new(&a, Rc::new(Recognizer::default()));
        let start = d.starts[1];
        let mut passage = note(true, start + 2, start + 9);
        passage.target.paragraph = d.ids[1].to_string();
        let notes = vec![Rc::new(passage)];
        let ids = vec!["n1".to_owned()];
        // The spec: every mention of a painted text (the title only when painted) whose kind is
        // not hidden.
        let painted = |title: bool, hidden: &[&str]| {
            painted_mentions(&d, title)
                .filter(|m| !hidden.contains(&m.label.as_attr()))
                .count()
        };
        let chosen_id = d.entities[0].id.clone();
        let cases: Vec<(bool, Option<&str>, Vec<&str>, bool)> = vec![
            (true, None, vec![], false),
            (false, None, vec![], false),
            (true, Some(&chosen_id), vec![], true),
            (true, None, vec!["official"], true),
            (true, None, vec!["official", "title", "body"], true),
        ];
        for (title, chosen, hidden, with_note) in cases {
            let notes: &[Rc<Note>] = if with_note { &notes } else { &[] };
            let got = highlight_ranges(&d, title, chosen, &hidden, notes, &ids);
            let entities = got
                .iter()
                .filter(|r| matches!(r.highlight, Highlight::Entity { .. }))
                .count();
            let want = painted(title, &hidden);
            assert_eq!(entities, want, "title {title}, hidden {hidden:?}");
            let chosen_n = got
                .iter()
                .filter(|r| matches!(r.highlight, Highlight::Entity { chosen: true, .. }))
                .count();
            let want_chosen = match chosen {
                Some(_) => mention_count_of(&d, 0, title),
                None => 0,
            };
            assert_eq!(chosen_n, want_chosen);
            let note_ranges: Vec<_> = got
                .iter()
                .filter(|r| matches!(r.highlight, Highlight::Note { .. }))
                .map(|r| (r.region, r.start, r.end))
                .collect();
            let want_notes = if with_note {
                vec![(Region::Block(1), 2, 9)]
            } else {
                vec![]
            };
            assert_eq!(note_ranges, want_notes);
            assert!(got.iter().all(|r| title || r.region != Region::Title));
        }
    }

    /// The mentions of the painted texts: the title's (text 0) only when it is painted.
    fn painted_mentions(d: &Derived, title: bool) -> impl Iterator<Item = &Mention> {
        d.recognition
            .mentions
            .iter()
            .enumerate()
            .filter(move |(t, _)| title || *t > 0)
            .flat_map(|(_, ms)| ms)
    }

    /// How many mentions entity `k` has among the painted texts.
    fn mention_count_of(d: &Derived, k: usize, title: bool) -> usize {
        painted_mentions(d, title).filter(|m| m.entity == k).count()
    }

    #[test]
    fn stepping_stops_skip_title_labelled_mentions() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let d = Derived::new(&a, Rc::new(Recognizer::default()));
        for k in 0..d.entities.len() {
            let stops = mention_stops(&d, k);
            assert!(stops
                .iter()
                .all(|(_, m)| m.entity == k && m.label != crate::core::recognize::Label::Title));
            // In reading order: by text, then by place in the text.
            assert!(stops
                .windows(2)
                .all(|w| (w[0].0, w[0].1.start) < (w[1].0, w[1].1.start)));
        }
    }

    #[test]
    fn derived_tables_of_the_seed() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let d = Derived::new(&a, Rc::new(Recognizer::default()));
        let n = a.paragraphs.len();
        assert_eq!((d.texts.len(), d.ids.len(), d.starts.len()), (n, n, n));
        assert_eq!(d.mentions.len(), n + 1, "the title's mentions first");
        assert_eq!(&*d.ids[2], a.paragraphs[2].id.as_str());
        assert_eq!(&*d.texts[2], a.paragraphs[2].text.as_str());
        let text: Vec<char> = a.text().chars().collect();
        for (entity, paragraph, start, end) in d.entity_spans.iter() {
            let i = a
                .paragraphs
                .iter()
                .position(|p| &p.id == paragraph)
                .expect("a paragraph");
            let m = d.mentions[i + 1]
                .iter()
                .find(|m| d.starts[i] + m.start == *start)
                .expect("a mention there");
            assert_eq!((m.entity, d.starts[i] + m.end), (*entity, *end));
            assert!(*end <= text.len());
        }
        assert!(!d.entity_spans.is_empty());
        for (k, _) in d.entities.iter().enumerate() {
            let mentioning = d.paragraphs_mentioning(k);
            assert!(
                mentioning
                    .iter()
                    .all(|&i| d.mentions[i + 1].iter().any(|m| m.entity == k)),
                "entity {k}"
            );
        }
        let (id, head) = &d.paragraph_heads[0];
        assert_eq!(id, &a.paragraphs[0].id);
        assert!(head.ends_with('…') && head.split_whitespace().count() <= HEAD_WORDS);
    }
}
