//! Importing notes from a native or a W3C export: validated before anything changes, merged by id
//! (the newer modification wins, nothing is duplicated), with a report of what was added, updated,
//! skipped and rejected. Input that is not one of the two formats changes nothing.
//!
//! A W3C annotation is placed by its quote: its `TextQuoteSelector` (with its context) is found in
//! the article as the notes' anchoring finds a passage after an edit ([`anchor`]), and its
//! `TextPositionSelector`, when it has one, is taken as it is only where the article reads the
//! quote with its whole context there; otherwise it only says where to look first. So the positions of any
//! client (the page's text, this widget's older exports counting the article's paragraphs joined
//! by blank lines) and quotes taken from the page as it is written (white space, `<br>`,
//! decomposed letters) all land on the same text; when a position and its quote disagree, the
//! quote wins.

use serde_json::Value;
use thiserror::Error;

use super::anchor::{anchor, fold, Anchoring, Folded};
use super::article::Article;
use super::document_text::DocumentText;
use super::export::{EXPORT_FORMAT, EXPORT_VERSION};
use super::notes::{
    clean_tags, Note, NoteColor, NoteId, Notes, NotesError, Target, TextPosition, TextQuote,
    Timestamp, CONTEXT_CHARS, MAX_NOTE_CHARS,
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
    /// `TextQuoteSelector`).
    #[error("no {0}")]
    Missing(&'static str),
    /// A W3C annotation whose id is not a UUID (`urn:uuid:` or bare).
    #[error("the id {0:?} is not a UUID")]
    NotUuid(String),
    /// A W3C annotation whose quote is not found in this article, runs across paragraphs, or
    /// stands in several places with nothing in its context to tell them apart.
    #[error("its quoted text could not be placed in this article")]
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
    read_on(text, article, None)
}

/// What reads the page an article is shown on (the text a DOM client reads there, which W3C
/// positions count). It is called only for an annotation that needs it, at most once an import.
pub type PageReader<'a> = &'a dyn Fn() -> DocumentText;

/// [`read`], for the article shown on the page `page` reads: a quote the article has more than
/// once, in the same context, is placed on the copy whose place on the page its position names.
pub fn read_on(
    text: &str,
    article: &Article,
    page: Option<PageReader<'_>>,
) -> Result<Incoming, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let mut doc: Value = serde_json::from_str(text).map_err(ImportError::NotJson)?;
    let count = |n: usize| match n > MAX_IMPORT_ITEMS {
        true => Err(ImportError::TooMany { count: n }),
        false => Ok(()),
    };
    let native = doc.get("format").is_some();
    let at = Positions::new(article, !native, page);
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
    if native {
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
    // One target, or several (Recogito writes an array): the first is the note's.
    let target = match item.get("target") {
        Some(Value::Array(targets)) => targets.first(),
        one => one,
    };
    let selectors: Vec<&Value> = match target.and_then(|t| t.get("selector")) {
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
    // The position, if any, is only where to look first (see [`Positions::place`]).
    let position = find("TextPositionSelector").and_then(|p| {
        let num = |k: &str| p.get(k).and_then(Value::as_u64).map(|n| n as usize);
        Some(TextPosition {
            start: num("start")?,
            end: num("end")?,
        })
    });
    let (index, start, end) = at.place(&quote, position)?;
    let chars = &at.text;
    let slice = |a: usize, b: usize| -> String {
        chars
            .get(a.min(b)..b.min(chars.len()))
            .unwrap_or_default()
            .iter()
            .collect()
    };
    let paragraph = article
        .paragraphs
        .get(index)
        .ok_or(RejectReason::OutsideArticle)?;
    let p_start = at.starts.get(index).copied().unwrap_or_default();
    let passage = !(start == p_start && end == p_start + paragraph.text.chars().count());
    let quote = TextQuote {
        exact: slice(start, end),
        prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
        suffix: slice(end, end.saturating_add(CONTEXT_CHARS)),
    };
    let paragraph = paragraph.id.clone();
    let color = target
        .and_then(|t| t.get("styleClass"))
        .and_then(Value::as_str)
        .and_then(|c| c.strip_prefix("aa-note-"))
        .and_then(NoteColor::parse);
    Ok(Note {
        id,
        target: Target {
            paragraph,
            passage,
            quote,
            position: TextPosition { start, end },
        },
        text,
        tags,
        created,
        modified,
        orphan: false,
        color,
    })
}

/// The article's text as code points, where its paragraphs start and which is which, computed
/// once per import; for W3C annotations, the text folded for anchoring.
struct Positions<'a> {
    /// What reads the page the article is shown on, when known; and the page once read.
    page: Option<PageReader<'a>>,
    page_text: std::cell::OnceCell<DocumentText>,
    text: Vec<char>,
    starts: Vec<usize>,
    paragraph: rustc_hash::FxHashMap<&'a str, usize>,
    folded: Option<Folded>,
}

impl<'a> Positions<'a> {
    /// The positions of `article`; `fold`: with the folded text, for W3C annotations.
    fn new(article: &'a Article, fold: bool, page: Option<PageReader<'a>>) -> Positions<'a> {
        let paragraph = article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let text = article.text();
        Positions {
            page,
            page_text: std::cell::OnceCell::new(),
            folded: fold.then(|| Folded::new(&text)),
            text: text.chars().collect(),
            starts: article.paragraph_starts(),
            paragraph,
        }
    }

    /// Where a W3C annotation's quote stands in the article: the paragraph's index and code points
    /// of the article's text. Its position (in the page's text, or in this widget's older
    /// exports' article text) is taken as it is only where the article reads the quote with its
    /// whole prefix and suffix there; otherwise it is only where to look first, for a quote the
    /// article has at most once (read exactly or nearly). A quote the article has more than once
    /// is placed by its context alone (see [`copies_in_context`]): a position that counts
    /// another text cannot say which copy is meant.
    fn place(
        &self,
        quote: &TextQuote,
        position: Option<TextPosition>,
    ) -> Result<(usize, usize, usize), RejectReason> {
        let folded = self.folded.as_ref().ok_or(RejectReason::OutsideArticle)?;
        let reads = |a: usize, b: usize, s: &str| {
            self.text
                .get(a..b)
                .is_some_and(|t| t.iter().copied().eq(s.chars()))
        };
        let as_written = position.filter(|p| {
            let before = p.start.checked_sub(quote.prefix.chars().count());
            let after = p.end.saturating_add(quote.suffix.chars().count());
            reads(p.start, p.end, &quote.exact)
                && before.is_some_and(|b| reads(b, p.start, &quote.prefix))
                && reads(p.end, after, &quote.suffix)
        });
        let from = |hint: usize| match anchor(
            folded,
            quote,
            TextPosition {
                start: hint,
                end: hint,
            },
        ) {
            Anchoring::Placed { start, end, .. } => Some((start, end)),
            Anchoring::Orphan => None,
        };
        let hint = position.map_or(0, |p| p.start);
        let (start, end) = match as_written {
            Some(p) => (p.start, p.end),
            None => match copies_in_context(folded, quote) {
                Copies::One => from(hint).ok_or(RejectReason::OutsideArticle)?,
                Copies::ByContext(at) => at,
                // The copy the position names on the page, if the page is known: the copy whose
                // place there is nearest the position, taken only when every other copy is more
                // than twice as far (a page quoted from another rendering of the article counts
                // a few characters more or fewer; a position between two copies names neither).
                Copies::Ambiguous(copies) => {
                    let (read, p) = self
                        .page
                        .zip(position)
                        .ok_or(RejectReason::OutsideArticle)?;
                    let page = self.page_text.get_or_init(read);
                    let mut by_distance: Vec<(usize, (usize, usize))> = copies
                        .into_iter()
                        .filter_map(|(a, b)| Some((page.span(a, b)?.0.abs_diff(p.start), (a, b))))
                        .collect();
                    crate::core::order::sort_by_key(&mut by_distance, |&(d, _)| d);
                    match by_distance.as_slice() {
                        [(d, at), rest @ ..]
                            if rest
                                .first()
                                .is_none_or(|(next, _)| *next > d.saturating_mul(COPY_MARGIN)) =>
                        {
                            *at
                        }
                        _ => return Err(RejectReason::OutsideArticle),
                    }
                }
            },
        };
        let index = self
            .starts
            .iter()
            .rposition(|&s| s <= start)
            .ok_or(RejectReason::OutsideArticle)?;
        // Inside one paragraph: never across the blank line between two.
        let p_end = self.starts.get(index + 1).map_or(self.text.len(), |next| {
            next.saturating_sub(super::article::PARAGRAPH_SEPARATOR.chars().count())
        });
        if end > p_end || start >= end {
            return Err(RejectReason::OutsideArticle);
        }
        Ok((index, start, end))
    }
}

/// A copy of a repeated quote is the one a position names on the page only when every other copy
/// is more than this many times as far from it.
const COPY_MARGIN: usize = 2;

/// How a quote stands in the article's folded text.
enum Copies {
    /// At most one copy reads as the quote: anchoring decides (and may search near the hint).
    One,
    /// Several copies, and exactly one reads with the quote's prefix before it and suffix after
    /// it (folded, and white space aside: case, tone marks and spacing do not count): code
    /// points of the article's text.
    ByContext((usize, usize)),
    /// Several copies, and the context picks none or more than one: each copy, in code points
    /// of the article's text. Not guessed: only a position on a known page can choose, when it
    /// clearly names one copy.
    Ambiguous(Vec<(usize, usize)>),
}

/// How `quote` stands in `folded` (see [`Copies`]).
fn copies_in_context(folded: &Folded, quote: &TextQuote) -> Copies {
    let exact = fold(&quote.exact);
    let text = folded.text.as_str();
    let copies: Vec<usize> = text
        .match_indices(exact.as_str())
        .map(|(at, _)| at)
        .collect();
    if copies.len() < 2 {
        return Copies::One;
    }
    let (prefix, suffix) = (fold(&quote.prefix), fold(&quote.suffix));
    // White space aside: the page's text and the article's differ in it (source indentation,
    // blocks one after the other where the article has a blank line between paragraphs). In the
    // folded text every run of it is one space.
    // Compared as bytes: UTF-8 with the spaces left out reads alike exactly when the text does.
    fn solid(s: &str) -> impl DoubleEndedIterator<Item = u8> + '_ {
        s.bytes().filter(|&b| b != b' ')
    }
    let mut in_context = copies.iter().copied().filter(|&at| {
        let (before, after) = (text.get(..at), text.get(at + exact.len()..));
        let mut back = solid(before.unwrap_or_default()).rev();
        let mut on = solid(after.unwrap_or_default());
        solid(&prefix).rev().all(|c| back.next() == Some(c))
            && solid(&suffix).all(|c| on.next() == Some(c))
    });
    let place = |at: usize| folded.original(at, at + exact.len());
    match (in_context.next(), in_context.next()) {
        (Some(at), None) => Copies::ByContext(place(at)),
        _ => Copies::Ambiguous(copies.iter().map(|&at| place(at)).collect()),
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
            to_w3c_json(&export, "vi", None).expect("encodes"),
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

    /// A W3C annotation of the seed's paragraph `p`, quoting `exact` with `prefix` and `suffix`,
    /// with the selectors `extra` adds (a position, Recogito's array of targets …).
    fn w3c_item(
        exact: &str,
        prefix: &str,
        suffix: &str,
        position: Option<(usize, usize)>,
        array: bool,
    ) -> Value {
        let mut selectors = vec![serde_json::json!({
            "type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix
        })];
        if let Some((start, end)) = position {
            selectors.push(
                serde_json::json!({"type": "TextPositionSelector", "start": start, "end": end}),
            );
        }
        let target = serde_json::json!({"source": "https://example.vn/a", "selector": selectors});
        serde_json::json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "commenting", "value": "ghi chú"}],
            "created": "2026-12-06T01:00:00.000Z",
            "target": if array { serde_json::json!([target]) } else { target },
        })
    }

    /// W3C annotations land on their quote, whatever their position counts, and when their
    /// position and their quote disagree the quote wins.
    #[test]
    fn w3c_annotations_land_on_their_quote() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let fifth = &a.paragraphs[4];
        let own = a.passage_target(&fifth.id, 10, 40).expect("target");
        let (s, e) = (own.position.start, own.position.end);
        let page = DocumentText::rendered(&a, None);
        let on_page = page.passage(&own).expect("placed");
        // The page's text with its source white space, as a client reading `textContent` quotes it.
        let spaced = own.quote.exact.replacen(' ', "\n      ", 1);
        let short = |t: &str, n: usize, tail: bool| {
            let c: Vec<char> = t.chars().collect();
            let k = c.len().min(n);
            if tail {
                c[c.len() - k..].iter().collect::<String>()
            } else {
                c[..k].iter().collect()
            }
        };
        let (q, p, x) = (
            own.quote.exact.as_str(),
            own.quote.prefix.as_str(),
            own.quote.suffix.as_str(),
        );
        // (what, annotation)
        let cases: Vec<(&str, Value)> = vec![
            (
                "an older export: the article's text",
                w3c_item(q, p, x, Some((s, e)), false),
            ),
            (
                "the page's position",
                w3c_item(q, p, x, Some(on_page), false),
            ),
            (
                "a position that disagrees with the quote",
                w3c_item(q, p, x, Some((s + 45, e + 45)), false),
            ),
            (
                "a position past the end",
                w3c_item(q, p, x, Some((90_000, 90_010)), false),
            ),
            ("no position", w3c_item(q, p, x, None, false)),
            (
                "Recogito: targets in an array, short context, the page's white space",
                w3c_item(
                    &spaced,
                    &short(p, 10, true),
                    &short(x, 10, false),
                    Some(on_page),
                    true,
                ),
            ),
        ];
        for (what, item) in cases {
            let incoming = read_on(&item.to_string(), &a, Some(&|| page.clone())).expect(what);
            assert_eq!(incoming.rejected, vec![], "{what}");
            let target = &incoming.notes[0].target;
            assert_eq!(
                target, &own,
                "{what}: lands on its quote, with the article's selectors"
            );
        }
        // A `<br>` where the article has a space: the page's quote has nothing there. It lands on
        // the same words (the passage's white space at its end aside).
        let joined = w3c_item(&q.replacen(' ', "", 1), p, x, Some(on_page), false);
        let incoming = read_on(&joined.to_string(), &a, Some(&|| page.clone())).expect("reads");
        let landed = &incoming.notes[0].target;
        assert_eq!(landed.position.start, own.position.start);
        assert_eq!(landed.quote.exact.trim_end(), own.quote.exact.trim_end());
        // A quote the article has more than once, whose position (counted in another text) reads
        // as another copy of it: its context decides.
        let phrase = "Phó Bí thư Thường trực Tỉnh ủy";
        let copies: Vec<Target> = a
            .paragraphs
            .iter()
            .filter_map(|para| {
                let at = para.text.find(phrase)?;
                let from = para.text[..at].chars().count();
                a.passage_target(&para.id, from, from + phrase.chars().count())
            })
            .collect();
        assert!(copies.len() >= 3, "the seed repeats it");
        for (k, want) in copies.iter().enumerate() {
            let elsewhere = &copies[(k + 1) % copies.len()].position;
            let (wq, wp, wx) = (&want.quote.exact, &want.quote.prefix, &want.quote.suffix);
            let item = w3c_item(wq, wp, wx, Some((elsewhere.start, elsewhere.end)), false);
            let incoming = read(&item.to_string(), &a).expect("reads");
            assert_eq!(
                &incoming.notes[0].target, want,
                "copy {k}: its context wins"
            );
        }
        // A whole paragraph is a paragraph note; a quote the article does not have is rejected.
        let whole = a.paragraph_target(&fifth.id).expect("target");
        let item = w3c_item(&whole.quote.exact, "", "", None, false);
        let incoming = read(&item.to_string(), &a).expect("reads");
        assert_eq!(incoming.notes[0].target, whole);
        let item = w3c_item("Một câu không có trong bài.", "", "", Some((s, e)), false);
        let incoming = read(&item.to_string(), &a).expect("reads");
        assert_eq!(
            incoming
                .rejected
                .iter()
                .map(|r| &r.reason)
                .collect::<Vec<_>>(),
            vec![&RejectReason::OutsideArticle]
        );
    }

    /// A quote the article has twice (case aside) with no position is placed by its prefix; with
    /// nothing to tell the two apart it is not guessed: only its place on a known page decides.
    #[test]
    fn a_repeated_quote_is_told_apart_by_its_context_or_rejected() {
        let paragraphs = [
            "Đồng chí Trương Quốc Định phát biểu. Ảnh: Minh Khang",
            "Người cao tuổi vẫn góp ý được về chất lượng phục vụ.",
            "MINH KHANG",
        ]
        .map(String::from);
        let a = Article::from_parts("Tiêu đề", None, &paragraphs, None).expect("article");
        let item = w3c_item("MINH KHANG", "về chất lượng phục vụ.", "", None, false);
        let incoming = read(&item.to_string(), &a).expect("reads");
        assert_eq!(incoming.rejected, vec![]);
        assert_eq!(
            incoming.notes[0].target,
            a.paragraph_target(&a.paragraphs[2].id).expect("target")
        );
        // Nothing tells the copies apart: rejected, whatever position it gives, unless the page
        // it counts is known and the position names one copy's place on it.
        let page = DocumentText::rendered(&a, None);
        let last = a.paragraph_target(&a.paragraphs[2].id).expect("target");
        let on_page = page.passage(&last).expect("placed");
        let first_text = &a.paragraphs[0].text;
        let from = first_text[..first_text.find("Minh Khang").expect("copy")]
            .chars()
            .count();
        let first = a
            .passage_target(&a.paragraphs[0].id, from, from + 10)
            .expect("target");
        let first_on_page = page.passage(&first).expect("placed");
        let between = (first_on_page.0 + on_page.0) / 2;
        let cases = [
            ("no position", None, None),
            ("the page unknown", Some(on_page), None),
            ("between the copies", Some((between, between + 10)), None),
            ("the last copy's place", Some(on_page), Some(&last)),
            (
                "beside it (another rendering)",
                Some((on_page.0 + 3, on_page.1 + 3)),
                Some(&last),
            ),
            ("the first copy's place", Some(first_on_page), Some(&first)),
        ];
        for (what, position, want) in cases {
            let bare = w3c_item("Minh Khang", "", "", position, false);
            let reader = || page.clone();
            let known: Option<PageReader<'_>> = (what != "the page unknown").then_some(&reader);
            let incoming = read_on(&bare.to_string(), &a, known).expect("reads");
            let placed = incoming.notes.first().map(|n| &n.target);
            assert_eq!(placed, want, "{what}");
            if want.is_none() {
                let reasons: Vec<_> = incoming.rejected.iter().map(|r| &r.reason).collect();
                assert_eq!(reasons, vec![&RejectReason::OutsideArticle], "{what}");
            }
        }
    }

    /// The page is read only for an annotation that needs it, and once an import at most.
    #[test]
    fn the_page_is_read_only_when_a_quote_needs_it() {
        let paragraphs = ["Minh Khang viết.", "Ảnh: Minh Khang"].map(String::from);
        let a = Article::from_parts("Tiêu đề", None, &paragraphs, None).expect("article");
        let reads = std::cell::Cell::new(0);
        let reader = || {
            reads.set(reads.get() + 1);
            DocumentText::rendered(&a, None)
        };
        let unique = w3c_item("viết", "", "", Some((0, 4)), false);
        let repeated = w3c_item("Minh Khang", "", "", Some((100, 110)), false);
        // (what, annotations, reads of the page)
        let cases = [
            ("a quote the article has once", vec![unique.clone()], 0),
            ("two repeated quotes", vec![repeated.clone(), repeated], 1),
        ];
        for (what, items, want) in cases {
            reads.set(0);
            let text = Value::Array(items).to_string();
            read_on(&text, &a, Some(&reader)).expect(what);
            assert_eq!(reads.get(), want, "{what}");
        }
    }

    /// The widget's export placed on the page reads back as the notes it was made from.
    #[test]
    fn a_placed_export_round_trips() {
        let (a, notes) = setup();
        let page = DocumentText::rendered(&a, Some("https://example.vn/a".into()));
        let text = to_w3c_json(&export_of(&a, &notes), "vi", Some(&page)).expect("encodes");
        let back: Vec<Note> = read(&text, &a).expect("reads").notes;
        let want: Vec<Note> = notes.notes.iter().map(|n| Note::clone(n)).collect();
        assert_eq!(back, want);
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
