//! Importing notes from a native or a W3C export: validated before anything changes, merged by id
//! (the newer modification wins, nothing is duplicated), with a report of what was added, updated,
//! skipped and rejected. Input that is not one of the two formats changes nothing.

use serde_json::Value;
use thiserror::Error;

use super::article::Article;
use super::export::{EXPORT_FORMAT, EXPORT_VERSION};
use super::notes::{
    clean_tags, Note, NoteColor, NoteId, Notes, NotesError, Target, TextPosition, TextQuote,
    Timestamp, MAX_NOTE_CHARS,
};

/// Largest import accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
/// Most annotations one import may carry.
pub const MAX_IMPORT_ITEMS: usize = 20_000;

/// Why nothing was imported.
#[derive(Debug, Error)]
pub enum ImportError {
    /// Over [`MAX_IMPORT_BYTES`].
    #[error("the file is {bytes} bytes; imports are limited to {MAX_IMPORT_BYTES} bytes")]
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// Not JSON at all.
    #[error("the file is not valid JSON")]
    NotJson(#[source] serde_json::Error),
    /// JSON, but neither a native export nor W3C annotations.
    #[error("the file is neither an article-annotator export nor W3C annotations")]
    UnknownFormat,
    /// A native export of a version this code does not read.
    #[error("the export was written by a newer version ({found}) than this one reads ({EXPORT_VERSION})")]
    NewerVersion {
        /// The export's version.
        found: u64,
    },
    /// Over [`MAX_IMPORT_ITEMS`] annotations.
    #[error("the file holds {count} annotations; imports are limited to {MAX_IMPORT_ITEMS}")]
    TooMany {
        /// How many annotations it holds.
        count: usize,
    },
    /// The notes' reducer gave no report for the import (a fault of this code, never of the
    /// file): nothing was applied.
    #[error("the import was not applied")]
    NotApplied,
}

/// Why one annotation of an import was not taken. The UI says it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RejectReason {
    /// A native note that does not have a note's shape (serde's explanation kept).
    #[error("not a valid note: {0}")]
    NotANote(String),
    /// A W3C annotation without a part it needs (`id`, `created`, a textual body, a
    /// `TextQuoteSelector`, a `TextPositionSelector` with `start` and `end`).
    #[error("no {0}")]
    Missing(&'static str),
    /// A W3C annotation whose id is not a UUID (`urn:uuid:` or bare).
    #[error("the id {0:?} is not a UUID")]
    NotUuid(String),
    /// A W3C position beyond the article's text.
    #[error("the position is outside the article")]
    OutsideArticle,
    /// A note with no text.
    #[error("the note is empty")]
    Empty,
    /// A note longer than [`MAX_NOTE_CHARS`] (its length in code points).
    #[error("the note has {0} characters; the limit is {MAX_NOTE_CHARS}")]
    TooLong(usize),
    /// Its tags break a rule of the notes (too many, too long).
    #[error("{0}")]
    Tags(NotesError),
    /// A native note on a paragraph id this article does not have.
    #[error("paragraph {0} is not in this article")]
    UnknownParagraph(String),
    /// The quote is not at its position in this article's text.
    #[error("its quoted text is not where its position says in this article")]
    QuoteMismatch,
}

/// One annotation that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Its index in the file.
    pub index: usize,
    /// Its `id`, if it has one as text.
    pub id: Option<String>,
    /// Why it was not taken.
    pub reason: RejectReason,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Notes new to this article's notes.
    pub added: usize,
    /// Notes that replaced an older version of themselves.
    pub updated: usize,
    /// Notes already there, as new or newer.
    pub skipped: usize,
    /// Annotations not taken, in file order.
    pub errors: Vec<Rejected>,
}

/// What a file holds once read and validated against the article, before it is merged: the
/// notes to merge (in file order) and those rejected. The notes reducer merges it
/// ([`super::notes::NotesAction::Import`]) into the notes as they are at that moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Incoming {
    /// The valid notes, in file order.
    pub notes: Vec<Note>,
    /// The annotations not taken, and why.
    pub rejected: Vec<Rejected>,
}

/// Reads `text` (native or W3C) and validates every annotation against `article`. Input that is
/// not one of the two formats (or too large) is an error, and nothing is to be merged.
pub fn read(text: &str, article: &Article) -> Result<Incoming, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let mut doc: Value = serde_json::from_str(text).map_err(ImportError::NotJson)?;
    let count = |n: usize| match n > MAX_IMPORT_ITEMS {
        true => Err(ImportError::TooMany { count: n }),
        false => Ok(()),
    };
    let at = Positions::new(article);
    let mut incoming = Incoming::default();
    let mut take = |index: usize, id: Option<&str>, parsed: Result<Note, RejectReason>| match parsed
        .and_then(|n| validate(n, article, &at))
    {
        Ok(note) => incoming.notes.push(note),
        Err(reason) => incoming.rejected.push(Rejected {
            index,
            id: id.map(str::to_owned),
            reason,
        }),
    };
    if doc.get("format").is_some() {
        // A native export's annotations are taken out of the document and read as they are:
        // no copy of each one.
        let items = native_items(&mut doc)?;
        count(items.len())?;
        for (index, item) in items.into_iter().enumerate() {
            let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
            let parsed = Note::from_json(item).map_err(RejectReason::NotANote);
            take(index, id.as_deref(), parsed);
        }
    } else {
        let items = items_of(&doc)?;
        count(items.len())?;
        for (index, item) in items.into_iter().enumerate() {
            let id = item.get("id").and_then(Value::as_str);
            take(index, id, w3c_note(item, article, &at));
        }
    }
    Ok(incoming)
}

/// Merges `incoming` into `existing` (see [`super::notes::NotesAction::Import`]): the notes
/// reducer's import, pure.
pub(super) fn merge(existing: &Notes, incoming: Incoming, now: Timestamp) -> (Notes, ImportReport) {
    let mut report = ImportReport {
        errors: incoming.rejected,
        ..ImportReport::default()
    };
    let mut merged = existing.clone();
    // Where each note already is, by id: thousands of notes are merged without a scan each.
    let mut index_of: rustc_hash::FxHashMap<NoteId, usize> = merged
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let deleted: rustc_hash::FxHashSet<NoteId> = merged.deleted.iter().map(|t| t.id).collect();
    let mut revived: rustc_hash::FxHashSet<NoteId> = rustc_hash::FxHashSet::default();
    for mut note in incoming.notes {
        if deleted.contains(&note.id) {
            // Brought back: newer than the deletion every tab remembers.
            revived.insert(note.id);
            note.modified = note.modified.max(now);
        }
        match index_of
            .get(&note.id)
            .and_then(|&i| merged.notes.get_mut(i))
        {
            Some(old) if note.modified > old.modified => {
                *old = note.into();
                report.updated += 1;
            }
            Some(_) => report.skipped += 1,
            None => {
                index_of.insert(note.id, merged.notes.len());
                merged.notes.push(note.into());
                report.added += 1;
            }
        }
    }
    merged.deleted.retain(|t| !revived.contains(&t.id));
    (merged, report)
}

/// Reads `text` and merges it into `existing` as the notes reducer does: the merged notes and
/// the report; on an error nothing is merged. (The widget sends
/// [`super::notes::NotesAction::Import`] itself; this is the same path for the command and the
/// tests.)
pub fn import(
    existing: &Notes,
    text: &str,
    article: &Article,
    now: Timestamp,
) -> Result<(Notes, ImportReport), ImportError> {
    let incoming = read(text, article)?;
    Ok(merge(existing, incoming, now))
}

/// The annotations of a native export (`doc` has a `format`), taken out of it.
fn native_items(doc: &mut Value) -> Result<Vec<Value>, ImportError> {
    if doc.get("format").is_some_and(|f| f != EXPORT_FORMAT) {
        return Err(ImportError::UnknownFormat);
    }
    let version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(ImportError::UnknownFormat)?;
    if version > u64::from(EXPORT_VERSION) {
        return Err(ImportError::NewerVersion { found: version });
    }
    match doc.get_mut("annotations").map(Value::take) {
        Some(Value::Array(list)) => Ok(list),
        _ => Err(ImportError::UnknownFormat),
    }
}

/// The annotations of a W3C collection (all embedded pages), an array or one annotation.
fn items_of(doc: &Value) -> Result<Vec<&Value>, ImportError> {
    let is_type = |v: &Value, t: &str| match v.get("type") {
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x == t),
        _ => false,
    };
    if is_type(doc, "AnnotationCollection") {
        let mut out = Vec::new();
        let mut page = doc.get("first");
        while let Some(p) = page.filter(|p| p.is_object()) {
            out.extend(
                p.get("items")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten(),
            );
            page = p.get("next");
        }
        return Ok(out);
    }
    if let Some(list) = doc.as_array() {
        return Ok(list.iter().collect());
    }
    if is_type(doc, "Annotation") {
        return Ok(vec![doc]);
    }
    Err(ImportError::UnknownFormat)
}

fn w3c_note(item: &Value, article: &Article, at: &Positions) -> Result<Note, RejectReason> {
    let id = item
        .get("id")
        .and_then(Value::as_str)
        .ok_or(RejectReason::Missing("id"))?;
    let id = NoteId::parse(id).map_err(|_| RejectReason::NotUuid(id.to_owned()))?;
    let time = |key: &'static str| -> Result<Timestamp, RejectReason> {
        item.get(key)
            .and_then(Value::as_str)
            .and_then(Timestamp::parse_iso)
            .ok_or(RejectReason::Missing(key))
    };
    let created = time("created")?;
    let modified = time("modified").unwrap_or(created);
    let bodies: Vec<&Value> = match item.get("body") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(b) => vec![b],
        None => Vec::new(),
    };
    let purpose = |b: &Value| {
        b.get("purpose")
            .and_then(Value::as_str)
            .unwrap_or("commenting")
            .to_owned()
    };
    let text = bodies
        .iter()
        .find(|b| purpose(b) != "tagging")
        .and_then(|b| b.get("value").and_then(Value::as_str))
        .ok_or(RejectReason::Missing("textual body"))?
        .to_owned();
    let tags = bodies
        .iter()
        .filter(|b| purpose(b) == "tagging")
        .filter_map(|b| b.get("value").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    // `target.selector` and `target.styleClass` by `get`: `Value::pointer`'s path parser is not
    // needed for two fixed keys.
    let target = |key: &str| item.get("target").and_then(|t| t.get(key));
    let selectors: Vec<&Value> = match target("selector") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s) => vec![s],
        None => Vec::new(),
    };
    let find = |t: &str| {
        selectors
            .iter()
            .copied()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(t))
    };
    let quote = find("TextQuoteSelector").ok_or(RejectReason::Missing("TextQuoteSelector"))?;
    let str_of = |k: &str| {
        quote
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let quote = TextQuote {
        exact: str_of("exact"),
        prefix: str_of("prefix"),
        suffix: str_of("suffix"),
    };
    let position =
        find("TextPositionSelector").ok_or(RejectReason::Missing("TextPositionSelector"))?;
    let num = |k: &'static str| {
        position
            .get(k)
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .ok_or(RejectReason::Missing(k))
    };
    let position = TextPosition {
        start: num("start")?,
        end: num("end")?,
    };
    let index = at
        .starts
        .iter()
        .rposition(|&s| s <= position.start)
        .ok_or(RejectReason::OutsideArticle)?;
    let paragraph = article.paragraphs[index].id.clone();
    let passage = quote.exact != article.paragraphs[index].text;
    let color = target("styleClass")
        .and_then(Value::as_str)
        .and_then(|c| c.strip_prefix("aa-note-"))
        .and_then(NoteColor::parse);
    Ok(Note {
        id,
        target: Target {
            paragraph,
            passage,
            quote,
            position,
        },
        text,
        tags,
        created,
        modified,
        orphan: false,
        color,
    })
}

/// The article's text as code points and where its paragraphs start, computed once per import.
struct Positions<'a> {
    text: Vec<char>,
    starts: Vec<usize>,
    paragraph: rustc_hash::FxHashMap<&'a str, usize>,
}

impl<'a> Positions<'a> {
    fn new(article: &'a Article) -> Positions<'a> {
        let paragraph = article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        Positions {
            text: article.text().chars().collect(),
            starts: article.paragraph_starts(),
            paragraph,
        }
    }
}

/// A note is imported only if its text is sound and its target stands in this article as written.
fn validate(mut note: Note, article: &Article, at: &Positions) -> Result<Note, RejectReason> {
    note.tags = clean_tags(&note.tags).map_err(RejectReason::Tags)?;
    let n = note.text.trim().chars().count();
    if n == 0 {
        return Err(RejectReason::Empty);
    }
    if n > MAX_NOTE_CHARS {
        return Err(RejectReason::TooLong(n));
    }
    let Some(paragraph) = at
        .paragraph
        .get(note.target.paragraph.as_str())
        .and_then(|&i| article.paragraphs.get(i))
    else {
        return Err(RejectReason::UnknownParagraph(note.target.paragraph));
    };
    let text = &at.text;
    let TextPosition { start, end } = note.target.position;
    let quoted: Option<String> =
        (start <= end && end <= text.len()).then(|| text[start..end].iter().collect());
    if quoted.as_deref() != Some(note.target.quote.exact.as_str())
        || !paragraph.text.contains(&note.target.quote.exact)
    {
        return Err(RejectReason::QuoteMismatch);
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::export::{ExportArticle, NativeExport};
    use crate::core::w3c::to_w3c_json;
    use std::rc::Rc;

    fn setup() -> (Article, Notes) {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let notes = a
            .paragraphs
            .iter()
            .take(3)
            .enumerate()
            .map(|(i, p)| Note {
                id: NoteId::from_random_bytes([i as u8 + 1; 16]),
                target: a.paragraph_target(&p.id).expect("target"),
                text: format!("Ghi chú {i}"),
                tags: vec![],
                created: Timestamp(1000),
                modified: Timestamp(2000),
                orphan: false,
                color: None,
            })
            .map(Rc::new)
            .collect();
        (
            a,
            Notes {
                notes,
                deleted: vec![],
            },
        )
    }

    fn export_of(a: &Article, notes: &Notes) -> NativeExport {
        NativeExport::new(
            ExportArticle {
                id: a.derived_id(),
                title: a.title.clone(),
                source: None,
            },
            notes.notes.iter().map(|n| Note::clone(n)).collect(),
            Timestamp(3000),
        )
    }

    fn native(a: &Article, notes: &Notes) -> String {
        export_of(a, notes).to_json().expect("encodes")
    }

    #[test]
    fn both_formats_round_trip_into_an_empty_store() {
        let (a, notes) = setup();
        let export = export_of(&a, &notes);
        for text in [
            export.to_json().expect("encodes"),
            to_w3c_json(&export, "vi").expect("encodes"),
        ] {
            let (merged, report) =
                import(&Notes::default(), &text, &a, Timestamp(5000)).expect("imports");
            assert_eq!(
                report,
                ImportReport {
                    added: 3,
                    ..Default::default()
                }
            );
            assert_eq!(merged, notes, "export then import is the identity");
        }
    }

    #[test]
    fn merging_by_id_newer_wins_nothing_duplicated() {
        let (a, notes) = setup();
        let mut newer = notes.clone();
        let first = Rc::make_mut(&mut newer.notes[0]);
        first.text = "Đã sửa".into();
        first.modified = Timestamp(9000);
        let second = Rc::make_mut(&mut newer.notes[1]);
        second.text = "Cũ hơn".into();
        second.modified = Timestamp(1500);
        let (merged, report) =
            import(&notes, &native(&a, &newer), &a, Timestamp(5000)).expect("imports");
        assert_eq!(
            report,
            ImportReport {
                added: 0,
                updated: 1,
                skipped: 2,
                errors: vec![]
            }
        );
        assert_eq!(merged.notes.len(), 3);
        assert_eq!(merged.notes[0].text, "Đã sửa");
        assert_eq!(merged.notes[1].text, "Ghi chú 1");
    }

    #[test]
    fn bad_items_are_rejected_with_reasons_and_the_rest_imported() {
        let (a, notes) = setup();
        let mut v: Value = serde_json::from_str(&native(&a, &notes)).expect("json");
        v["annotations"][0]["text"] = "   ".into();
        v["annotations"][1]["target"]["paragraph"] = "p9-none".into();
        v["annotations"][2]["target"]["position"]["start"] = 5.into();
        let extra = serde_json::json!({"id": "not-a-uuid"});
        v["annotations"].as_array_mut().expect("array").push(extra);
        let (merged, report) =
            import(&Notes::default(), &v.to_string(), &a, Timestamp(5000)).expect("imports");
        assert_eq!((report.added, merged.notes.len()), (0, 0));
        let reasons: Vec<&RejectReason> = report.errors.iter().map(|e| &e.reason).collect();
        assert!(
            matches!(
                reasons.as_slice(),
                [
                    RejectReason::Empty,
                    RejectReason::UnknownParagraph(p),
                    RejectReason::QuoteMismatch,
                    RejectReason::NotANote(_),
                ] if p == "p9-none"
            ),
            "{reasons:?}"
        );
        assert_eq!(
            report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
            vec![0, 1, 2, 3]
        );
    }

    #[test]
    fn malformed_input_changes_nothing() {
        let (a, notes) = setup();
        let cases: Vec<(String, &str)> = vec![
            ("{not json".into(), "not valid JSON"),
            (
                r#"{"format":"other","version":1,"annotations":[]}"#.into(),
                "neither",
            ),
            (
                r#"{"format":"article-annotator","version":99,"annotations":[]}"#.into(),
                "newer version (99)",
            ),
            (r#"{"hello":"world"}"#.into(), "neither"),
            (" ".repeat(MAX_IMPORT_BYTES + 1), "imports are limited"),
        ];
        for (text, want) in cases {
            let err = import(&notes, &text, &a, Timestamp(5000)).expect_err(want);
            assert!(err.to_string().contains(want), "{err}");
        }
        let many = format!(
            r#"{{"format":"article-annotator","version":1,"annotations":[{}]}}"#,
            vec!["{}"; MAX_IMPORT_ITEMS + 1].join(",")
        );
        assert!(matches!(
            import(&notes, &many, &a, Timestamp(5000)),
            Err(ImportError::TooMany { .. })
        ));
    }

    /// The reducer's import works on the notes as they are: two imports one after the other
    /// keep both, and each reports against the state it was applied to.
    #[test]
    fn imports_in_sequence_through_the_reducer_keep_every_note() {
        use crate::core::notes::NotesAction;
        let (a, notes) = setup();
        let only = |k: usize| Notes {
            notes: vec![notes.notes[k].clone()],
            deleted: vec![],
        };
        let (file_a, file_b) = (native(&a, &only(0)), native(&a, &only(1)));
        let mut state = Notes::default();
        let mut reports = Vec::new();
        for text in [&file_a, &file_b, &file_a] {
            let incoming = read(text, &a).expect("reads");
            let applied = state
                .apply(NotesAction::Import {
                    incoming,
                    now: Timestamp(5000),
                })
                .expect("applies");
            state = applied.notes;
            let r = applied.report.expect("an import reports");
            reports.push((r.added, r.updated, r.skipped));
        }
        assert_eq!(reports, vec![(1, 0, 0), (1, 0, 0), (0, 0, 1)]);
        assert_eq!(state.notes, notes.notes[..2].to_vec());
    }

    /// A note deleted here and imported again comes back, and stays back when another tab that
    /// still remembers the deletion merges its copy.
    #[test]
    fn an_imported_note_revives_past_every_tabs_deletion() {
        use crate::core::notes::{NotesAction, Tombstone};
        let (a, notes) = setup();
        let id = notes.notes[0].id;
        let deleted_at = Timestamp(4000);
        let here = notes
            .reduce(NotesAction::Delete {
                id,
                now: deleted_at,
            })
            .expect("deletes");
        let other_tab = here.clone();
        let incoming = read(&native(&a, &notes), &a).expect("reads");
        let applied = here
            .apply(NotesAction::Import {
                incoming,
                now: Timestamp(6000),
            })
            .expect("applies");
        let report = applied.report.expect("report");
        assert_eq!((report.added, report.skipped), (1, 2));
        let revived = applied.notes.get(id).expect("back");
        assert_eq!(revived.modified, Timestamp(6000));
        assert!(!applied.notes.deleted.contains(&Tombstone {
            id,
            deleted: deleted_at
        }));
        let merged = applied.notes.merge(&other_tab);
        assert!(
            merged.get(id).is_some(),
            "the other tab's deletion is older"
        );
    }
}
