//! The notes list: notes in article order, searched and filtered by text, tag and entity.
//!
//! Search ignores case and Vietnamese diacritics ("uy ban" finds "Ủy ban", "dang" finds "Đảng"),
//! since readers often type without tones. An entity filter keeps the notes whose passage overlaps
//! one of the entity's mentions, or, for a note on a whole paragraph, whose paragraph mentions it.

use std::rc::Rc;

use super::notes::Note;
use super::order;
use super::text::untone;
use super::text::CharIdx;
use super::unicode::{is_combining_mark, lower};

/// What the reader asked the notes list for. Empty fields filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFilter {
    /// Words that must all occur in the note's text, tags or passage.
    pub query: String,
    /// A tag the note must carry (compared ignoring case).
    pub tag: Option<String>,
    /// Where the chosen entity is mentioned: (paragraph id, start, end) in code points of the
    /// article's text, as note positions are.
    pub entity: Option<Vec<(String, CharIdx, CharIdx)>>,
}

/// `text` folded for search: lower case, every Vietnamese diacritic dropped ("Đảng" → "dang"),
/// combining marks of decomposed input too; no call to a normaliser.
pub fn search_key(text: &str) -> String {
    lower(text)
        .chars()
        .filter(|&c| !is_combining_mark(c))
        .map(|c| match untone(c).0 {
            'ă' | 'â' => 'a',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            'đ' => 'd',
            c => c,
        })
        .collect()
}

impl NoteFilter {
    /// Whether the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty() && self.tag.is_none() && self.entity.is_none()
    }

    /// Whether `note` passes.
    pub fn matches(&self, note: &Note) -> bool {
        self.matcher()(note)
    }

    /// The test of [`NoteFilter::matches`], with the query folded once for many notes.
    pub fn matcher(&self) -> impl Fn(&Note) -> bool + '_ {
        let words: Vec<String> = search_key(&self.query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        move |note| self.passes(note, &words)
    }

    fn passes(&self, note: &Note, words: &[String]) -> bool {
        if !words.is_empty() {
            // A passage's words belong to the note; a whole paragraph's would match too much.
            let quote = if note.target.passage {
                note.target.quote.exact.as_str()
            } else {
                ""
            };
            let haystack = search_key(&format!(
                "{}\n{}\n{}",
                note.text,
                note.tags.join("\n"),
                quote
            ));
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                return false;
            }
        }
        if let Some(tag) = &self.tag {
            let tag = lower(tag);
            if !note.tags.iter().any(|t| lower(t) == tag) {
                return false;
            }
        }
        if let Some(mentions) = &self.entity {
            let (a, b) = (note.target.position.start, note.target.position.end);
            let hit = mentions.iter().any(|(p, s, e)| {
                *p == note.target.paragraph && (!note.target.passage || (*s < b && a < *e))
            });
            if !hit {
                return false;
            }
        }
        true
    }
}

/// The notes placed in the article that pass `filter`: how many there are, and the first `limit`
/// of them in article order (position, then creation). Orphans are listed apart and never here.
pub fn in_article_order<'a>(
    notes: &'a [Rc<Note>],
    filter: &NoteFilter,
    limit: usize,
) -> (Vec<&'a Rc<Note>>, usize) {
    let passes = filter.matcher();
    let matching: Vec<&Rc<Note>> = notes.iter().filter(|n| !n.orphan && passes(n)).collect();
    let count = matching.len();
    let first = order::first_by_cached_key(matching, limit, |n| {
        (
            n.target.position.start,
            n.target.position.end,
            n.created,
            n.id,
        )
    });
    (first, count)
}

/// Every tag of the notes, each once (the first spelling met), sorted for the tag chooser.
pub fn all_tags(notes: &[Rc<Note>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    for tag in notes.iter().flat_map(|n| &n.tags) {
        if seen.insert(lower(tag)) {
            out.push(tag.clone());
        }
    }
    order::sort_by_cached_key(&mut out, |t| search_key(t));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::notes::{NoteId, Target, TextPosition, TextQuote, Timestamp};

    fn note(
        n: u8,
        paragraph: &str,
        passage: Option<(CharIdx, CharIdx)>,
        text: &str,
        tags: &[&str],
        quote: &str,
    ) -> Note {
        let (start, end) = passage.unwrap_or((100 * n as usize, 100 * n as usize + 50));
        Note {
            id: NoteId::from_random_bytes([n; 16]),
            target: Target {
                paragraph: paragraph.into(),
                passage: passage.is_some(),
                quote: TextQuote {
                    exact: quote.into(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                position: TextPosition { start, end },
            },
            text: text.into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            created: Timestamp(u64::from(n)),
            modified: Timestamp(u64::from(n)),
            orphan: false,
            color: None,
        }
    }

    fn notes() -> Vec<Rc<Note>> {
        [
            note(
                1,
                "p3",
                Some((310, 330)),
                "Hỏi lại Văn phòng Tỉnh ủy",
                &["nhân sự"],
                "Ban Thường vụ Tỉnh ủy",
            ),
            note(
                2,
                "p1",
                None,
                "Đoạn mở đầu rất dài",
                &["Nhân sự", "lịch"],
                "Sáng 3/7",
            ),
            note(
                3,
                "p3",
                Some((300, 305)),
                "Kiểm tra số liệu",
                &[],
                "đồng chí",
            ),
        ]
        .into_iter()
        .map(Rc::new)
        .collect()
    }

    #[test]
    fn search_folds_case_and_diacritics() {
        for (typed, text, hit) in [
            ("uy ban", "Ủy ban nhân dân", true),
            ("UỶ BAN", "ủy ban", true),
            ("dang", "Đảng ủy", true),
            ("tinh uy", "Tỉnh uỷ", true),
            ("tỉnh", "Thành ủy", false),
            ("thuong truc", "Thường trực", true),
            ("nguyen", "NGUYỄN", true),
            ("uy ban", &crate::core::unicode::nfd("Ủy ban"), true),
        ] {
            assert_eq!(
                search_key(text).contains(search_key(typed).as_str()),
                hit,
                "{typed:?} in {text:?}"
            );
        }
    }

    #[test]
    fn filter_table() {
        let all = notes();
        let ids = |f: &NoteFilter| {
            in_article_order(&all, f, usize::MAX)
                .0
                .iter()
                .map(|n| n.id.as_bytes()[0])
                .collect::<Vec<_>>()
        };
        let cases: Vec<(&str, NoteFilter, Vec<u8>)> = vec![
            (
                "nothing filters: article order, not creation order",
                NoteFilter::default(),
                vec![2, 3, 1],
            ),
            (
                "a word of the text, without tones",
                NoteFilter {
                    query: "van phong".into(),
                    ..NoteFilter::default()
                },
                vec![1],
            ),
            (
                "all words must occur",
                NoteFilter {
                    query: "van phong lịch".into(),
                    ..NoteFilter::default()
                },
                vec![],
            ),
            (
                "a word of the quote",
                NoteFilter {
                    query: "dong chi".into(),
                    ..NoteFilter::default()
                },
                vec![3],
            ),
            (
                "a word of a tag",
                NoteFilter {
                    query: "lich".into(),
                    ..NoteFilter::default()
                },
                vec![2],
            ),
            (
                "not the words of a paragraph noted whole",
                NoteFilter {
                    query: "sang".into(),
                    ..NoteFilter::default()
                },
                vec![],
            ),
            (
                "a tag, ignoring case",
                NoteFilter {
                    tag: Some("NHÂN SỰ".into()),
                    ..NoteFilter::default()
                },
                vec![2, 1],
            ),
            (
                "an entity mentioned inside a passage",
                NoteFilter {
                    entity: Some(vec![("p3".into(), 320, 325)]),
                    ..NoteFilter::default()
                },
                vec![1],
            ),
            (
                "an entity mentioned in a paragraph noted whole",
                NoteFilter {
                    entity: Some(vec![("p1".into(), 5, 9)]),
                    ..NoteFilter::default()
                },
                vec![2],
            ),
            (
                "a passage that only touches a mention does not overlap it",
                NoteFilter {
                    entity: Some(vec![("p3".into(), 305, 310)]),
                    ..NoteFilter::default()
                },
                vec![],
            ),
        ];
        for (what, filter, want) in cases {
            assert_eq!(ids(&filter), want, "{what}");
        }
    }

    #[test]
    fn orphans_are_not_listed_with_placed_notes() {
        let mut all = notes();
        Rc::make_mut(&mut all[0]).orphan = true;
        assert_eq!(in_article_order(&all, &NoteFilter::default(), 1).1, 2);
    }

    #[test]
    fn tags_once_each_sorted_without_tones() {
        assert_eq!(
            all_tags(&notes()),
            vec!["lịch".to_owned(), "nhân sự".to_owned()]
        );
    }
}
