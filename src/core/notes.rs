//! The reader's notes and the pure reducer that changes them.
//!
//! A note targets a paragraph (by its id) and, later, a passage inside it. The UI never changes
//! notes itself: it sends a [`NotesAction`] to [`Notes::reduce`], which is pure and tested natively.
//! Ids and times come in with the action, so the reducer stays deterministic.

use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::fields::FromJson;
use super::import::{ImportReport, Incoming};
use super::order;
use super::text::CharIdx;

mod read;

/// Longest note text accepted, in code points.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// A point in time, in milliseconds since the Unix epoch; written as ISO 8601 (UTC) in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// ISO 8601 with milliseconds, UTC: "2020-07-03T12:09:13.000Z"; for a time ISO 8601 cannot
    /// write (after the year 9999), the milliseconds themselves ("@253402300800000ms").
    pub fn iso(self) -> String {
        self.try_iso().unwrap_or_else(|_| format!("@{}ms", self.0))
    }

    /// ISO 8601 with milliseconds, UTC, or an error for a time after the year 9999 (which the
    /// format cannot write).
    pub fn try_iso(self) -> Result<String, fmt::Error> {
        super::iso_time::format(self.0).ok_or(fmt::Error)
    }

    /// Reads an RFC 3339 / ISO 8601 UTC time (see [`super::iso_time::parse`]).
    pub fn parse_iso(s: &str) -> Option<Timestamp> {
        super::iso_time::parse(s).map(Timestamp)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let iso = self
            .try_iso()
            .map_err(|_| serde::ser::Error::custom(format!("time out of range: {} ms", self.0)))?;
        s.serialize_str(&iso)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Timestamp::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 time: {s:?}")))
    }
}

/// A note's id: a UUID (version 4), made from random bytes the caller supplies; its 16 bytes in
/// the UUID's byte order. Written in the hyphenated lower-case form ("5d1c3f6e-8a7b-4c2d-…");
/// read from that form, the 32-digit simple form, `{…}` or `urn:uuid:…`, in either case.
/// (Formatted and parsed here rather than by the `uuid` crate: 1.3 KB gzip less in the wasm.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteId([u8; 16]);

/// Why a string is not a note id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a UUID: {0:?}")]
pub struct NotAUuid(pub String);

/// Offsets of the four hyphens in the hyphenated form, in bytes.
const UUID_HYPHENS: [usize; 4] = [8, 13, 18, 23];

impl NoteId {
    /// A version 4, variant 1 UUID from 16 random bytes (the version and variant bits are set).
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> NoteId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        NoteId(bytes)
    }

    /// The id whose 16 bytes are `n`'s, big-endian (any UUID, for tests and fixtures).
    pub fn from_u128(n: u128) -> NoteId {
        NoteId(n.to_be_bytes())
    }

    /// The id's 16 bytes.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// Reads a UUID in any of its usual spellings (see [`NoteId`]).
    pub fn parse(s: &str) -> Result<NoteId, NotAUuid> {
        let err = || NotAUuid(s.to_owned());
        let lower = s.get(..9).map(str::to_ascii_lowercase);
        let body = if lower.as_deref() == Some("urn:uuid:") {
            &s[9..]
        } else if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            inner
        } else {
            s
        };
        let hex: Vec<u8> = match body.len() {
            32 => body.bytes().collect(),
            36 if UUID_HYPHENS.iter().all(|&i| body.as_bytes()[i] == b'-') => body
                .bytes()
                .enumerate()
                .filter(|(i, _)| !UUID_HYPHENS.contains(i))
                .map(|(_, b)| b)
                .collect(),
            _ => return Err(err()),
        };
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
            let digit = |c: u8| (c as char).to_digit(16);
            match (digit(pair[0]), digit(pair[1])) {
                (Some(h), Some(l)) => *byte = (h * 16 + l) as u8,
                _ => return Err(err()),
            }
        }
        Ok(NoteId(bytes))
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; 36];
        let mut at = 0;
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out[at] = b'-';
                at += 1;
            }
            out[at] = HEX[usize::from(b >> 4)];
            out[at + 1] = HEX[usize::from(b & 0x0f)];
            at += 2;
        }
        // Only ASCII was written.
        f.write_str(std::str::from_utf8(&out).map_err(|_| fmt::Error)?)
    }
}

impl Serialize for NoteId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NoteId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        NoteId::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The quoted text with up to [`CONTEXT_CHARS`] code points of context on each side, as the W3C
/// `TextQuoteSelector` defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Where the quote stands in the article's text, in code points, end exclusive: the W3C
/// `TextPositionSelector`. The article's text is its paragraphs joined by blank lines
/// ([`crate::core::article::Article::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub start: CharIdx,
    pub end: CharIdx,
}

/// Code points of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// What a note is attached to: a paragraph, or a passage inside it, with the selectors that find
/// it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The paragraph's id (`data-aa-paragraph`).
    pub paragraph: String,
    /// A passage inside the paragraph rather than the whole paragraph.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub passage: bool,
    pub quote: TextQuote,
    pub position: TextPosition,
}

/// Most tags a note can carry, and the longest tag, in code points.
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 60;

/// The colour a reader gives a note: its highlight and its mark in the notes list. Named, not
/// free-form, so that each has a tested contrast in light and dark themes and a name a screen
/// reader can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteColor {
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

impl NoteColor {
    pub const ALL: [NoteColor; 5] = [
        NoteColor::Yellow,
        NoteColor::Green,
        NoteColor::Blue,
        NoteColor::Pink,
        NoteColor::Purple,
    ];

    /// The name used in JSON, in `data-aa-color` and in CSS (`--aa-note-yellow`).
    pub fn as_str(self) -> &'static str {
        match self {
            NoteColor::Yellow => "yellow",
            NoteColor::Green => "green",
            NoteColor::Blue => "blue",
            NoteColor::Pink => "pink",
            NoteColor::Purple => "purple",
        }
    }

    pub fn parse(s: &str) -> Option<NoteColor> {
        NoteColor::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl FromJson for NoteColor {
    const WHAT: &'static str = "yellow, green, blue, pink or purple";
    fn from_json(value: serde_json::Value) -> Option<Self> {
        value.as_str().and_then(NoteColor::parse)
    }
}

impl FromJson for NoteId {
    const WHAT: &'static str = "a UUID";
    fn from_json(value: serde_json::Value) -> Option<Self> {
        value.as_str().and_then(|s| NoteId::parse(s).ok())
    }
}

impl FromJson for Timestamp {
    const WHAT: &'static str = "an ISO 8601 time";
    fn from_json(value: serde_json::Value) -> Option<Self> {
        value.as_str().and_then(Timestamp::parse_iso)
    }
}

/// Read from its name, as [`NoteColor::parse`] reads it (rather than by serde's derived enum
/// decoder, which also reads the `{"green": null}` form no one writes).
impl<'de> Deserialize<'de> for NoteColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const NAMES: &[&str] = &["yellow", "green", "blue", "pink", "purple"];
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        NoteColor::parse(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, NAMES))
    }
}

/// One note. Read from JSON by [`Note::from_json`] (its `Deserialize` goes through it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub id: NoteId,
    pub target: Target,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub created: Timestamp,
    pub modified: Timestamp,
    /// Its passage could not be found in the article as it now reads: kept, listed apart, and
    /// re-attachable by the reader, never attached to a lookalike.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub orphan: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<NoteColor>,
}

/// A deleted note's id and when it was deleted, so that another tab's copy does not bring it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    pub id: NoteId,
    pub deleted: Timestamp,
}

/// Everything that can happen to the notes, with the data it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesAction {
    Add {
        id: NoteId,
        target: Target,
        text: String,
        tags: Vec<String>,
        color: Option<NoteColor>,
        now: Timestamp,
    },
    Edit {
        id: NoteId,
        text: String,
        tags: Vec<String>,
        color: Option<NoteColor>,
        now: Timestamp,
    },
    Delete {
        id: NoteId,
        now: Timestamp,
    },
    /// Bring back a note just deleted (undo): its tombstone goes, its modification time is `now`
    /// so that other tabs take it back too.
    Restore {
        note: Note,
        now: Timestamp,
    },
    /// Attach a note (an orphan, or any) to another target.
    Reattach {
        id: NoteId,
        target: Target,
        now: Timestamp,
    },
    /// Replace all notes and deletions (loading from storage, importing).
    Load {
        notes: Notes,
    },
    /// Merge another copy of the notes (another tab's), by id and modification time.
    Merge {
        other: Notes,
    },
    /// Merge the notes read from an import (already validated against the article) by id: new
    /// ones are added, a newer modification replaces an older one, the rest are skipped. A note
    /// deleted here comes back (an import is the reader's explicit wish), modified at `now` at
    /// the earliest so that other tabs' copies of the deletion do not remove it again. The
    /// report is [`Applied::report`].
    Import {
        /// What the file holds, validated ([`super::import::read`]).
        incoming: Incoming,
        /// When the import happens.
        now: Timestamp,
    },
}

/// The notes after an action, and what an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The notes after the action.
    pub notes: Notes,
    /// For [`NotesAction::Import`]: what was added, updated, skipped and rejected.
    pub report: Option<ImportReport>,
}

/// Why an action was not applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotesError {
    #[error("a note cannot be empty")]
    Empty,
    #[error("a note can be at most {MAX_NOTE_CHARS} characters long; this one has {0}")]
    TooLong(usize),
    #[error("there is no note {0}")]
    NotFound(NoteId),
    #[error("a note {0} already exists")]
    Duplicate(NoteId),
    #[error("a note can have at most {MAX_TAGS} tags; this one has {0}")]
    TooManyTags(usize),
    #[error("a tag can be at most {MAX_TAG_CHARS} characters long: {0:?}")]
    TagTooLong(String),
}

/// The notes of one article, in the order they were added, and the deletions remembered.
///
/// Each note is shared (`Rc`): a change copies the list of pointers, not 5,000 notes, and an
/// unchanged note is the same allocation before and after, so comparing lists (which paragraphs
/// must render again) stops at the pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notes {
    pub notes: Vec<Rc<Note>>,
    #[serde(default)]
    pub deleted: Vec<Tombstone>,
}

fn check_text(text: &str) -> Result<String, NotesError> {
    let text = text.trim();
    let n = text.chars().count();
    if n == 0 {
        return Err(NotesError::Empty);
    }
    if n > MAX_NOTE_CHARS {
        return Err(NotesError::TooLong(n));
    }
    Ok(text.to_owned())
}

/// Tags as the reader typed them, cleaned: trimmed, inner spaces collapsed, empty ones dropped,
/// the same tag (ignoring case) kept once, in the order first written.
pub fn clean_tags(tags: &[String]) -> Result<Vec<String>, NotesError> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty()
            || out
                .iter()
                .any(|t| super::unicode::lower(t) == super::unicode::lower(&tag))
        {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(NotesError::TagTooLong(tag));
        }
        out.push(tag);
    }
    if out.len() > MAX_TAGS {
        return Err(NotesError::TooManyTags(out.len()));
    }
    Ok(out)
}

/// Splits a comma-separated list of tags, as typed in the editor.
pub fn split_tags(typed: &str) -> Vec<String> {
    typed.split([',', '，', ';']).map(str::to_owned).collect()
}

impl Notes {
    /// Applies an action, returning the new notes or why it cannot be applied (notes unchanged).
    pub fn reduce(&self, action: NotesAction) -> Result<Notes, NotesError> {
        self.apply(action).map(|applied| applied.notes)
    }

    /// Applies an action: the new notes and, for an import, its report; or why the action cannot
    /// be applied (notes unchanged).
    pub fn apply(&self, action: NotesAction) -> Result<Applied, NotesError> {
        if let NotesAction::Import { incoming, now } = action {
            let (notes, report) = super::import::merge(self, incoming, now);
            return Ok(Applied {
                notes,
                report: Some(report),
            });
        }
        let mut next = self.clone();
        match action {
            NotesAction::Add {
                id,
                target,
                text,
                tags,
                color,
                now,
            } => {
                if self.get(id).is_some() {
                    return Err(NotesError::Duplicate(id));
                }
                let (text, tags) = (check_text(&text)?, clean_tags(&tags)?);
                next.notes.push(Rc::new(Note {
                    id,
                    target,
                    text,
                    tags,
                    created: now,
                    modified: now,
                    orphan: false,
                    color,
                }));
            }
            NotesAction::Edit {
                id,
                text,
                tags,
                color,
                now,
            } => {
                let (text, tags) = (check_text(&text)?, clean_tags(&tags)?);
                let note = Rc::make_mut(
                    next.notes
                        .iter_mut()
                        .find(|n| n.id == id)
                        .ok_or(NotesError::NotFound(id))?,
                );
                note.text = text;
                note.tags = tags;
                note.color = color;
                note.modified = now.max(note.created);
            }
            NotesAction::Delete { id, now } => {
                let before = next.notes.len();
                next.notes.retain(|n| n.id != id);
                if next.notes.len() == before {
                    return Err(NotesError::NotFound(id));
                }
                next.deleted.push(Tombstone { id, deleted: now });
            }
            NotesAction::Restore { mut note, now } => {
                if self.get(note.id).is_some() {
                    return Err(NotesError::Duplicate(note.id));
                }
                next.deleted.retain(|t| t.id != note.id);
                note.modified = now.max(note.modified);
                next.notes.push(Rc::new(note));
                order::sort_by_key(&mut next.notes, |n| (n.created, n.id));
            }
            NotesAction::Reattach { id, target, now } => {
                let note = Rc::make_mut(
                    next.notes
                        .iter_mut()
                        .find(|n| n.id == id)
                        .ok_or(NotesError::NotFound(id))?,
                );
                note.target = target;
                note.orphan = false;
                note.modified = now.max(note.created);
            }
            NotesAction::Load { notes } => next = notes,
            NotesAction::Merge { other } => next = self.merge(&other),
            NotesAction::Import { .. } => {}
        }
        Ok(Applied {
            notes: next,
            report: None,
        })
    }

    /// The union of two copies of the notes: for each id the most recently modified version; a
    /// note deleted in either copy after its last modification stays deleted. Commutative, so two
    /// tabs that merge each other's copies agree.
    pub fn merge(&self, other: &Notes) -> Notes {
        let mut deleted: Vec<Tombstone> = Vec::new();
        for t in self.deleted.iter().chain(&other.deleted) {
            match deleted.iter_mut().find(|d| d.id == t.id) {
                Some(d) => d.deleted = d.deleted.max(t.deleted),
                None => deleted.push(*t),
            }
        }
        order::sort_by_key(&mut deleted, |t| t.id);
        let mut notes: Vec<Rc<Note>> = Vec::new();
        for n in self.notes.iter().chain(&other.notes) {
            match notes.iter_mut().find(|m| m.id == n.id) {
                Some(m) if (n.modified, &n.text) > (m.modified, &m.text) => *m = n.clone(),
                Some(_) => {}
                None => notes.push(n.clone()),
            }
        }
        notes.retain(|n| {
            !deleted
                .iter()
                .any(|d| d.id == n.id && d.deleted >= n.modified)
        });
        order::sort_by_key(&mut notes, |n| (n.created, n.id));
        Notes { notes, deleted }
    }

    /// The orphans: notes whose passage is no longer in the article.
    pub fn orphans(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.orphan).map(Rc::as_ref)
    }

    pub fn get(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id).map(Rc::as_ref)
    }

    /// The notes on one paragraph, oldest first.
    pub fn on_paragraph<'a>(&'a self, paragraph: &'a str) -> impl Iterator<Item = &'a Note> + 'a {
        self.notes
            .iter()
            .filter(move |n| !n.orphan && n.target.paragraph == paragraph)
            .map(Rc::as_ref)
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> NoteId {
        NoteId::from_random_bytes([n; 16])
    }

    fn target(paragraph: &str) -> Target {
        Target {
            paragraph: paragraph.into(),
            passage: false,
            quote: TextQuote {
                exact: "x".into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: TextPosition { start: 0, end: 1 },
        }
    }

    #[test]
    fn add_edit_delete() {
        let s = Notes::default();
        let s = s
            .reduce(NotesAction::Add {
                id: id(1),
                target: target("p2-x"),
                text: "  Ghi chú  ".into(),
                tags: vec![],
                color: None,
                now: Timestamp(1000),
            })
            .expect("add");
        assert_eq!(s.notes[0].text, "Ghi chú");
        assert_eq!(s.notes[0].created, Timestamp(1000));
        let s = s
            .reduce(NotesAction::Edit {
                id: id(1),
                text: "Sửa".into(),
                tags: vec![" nhân  sự ".into(), "Nhân sự".into(), "".into()],
                color: Some(NoteColor::Green),
                now: Timestamp(2000),
            })
            .expect("edit");
        assert_eq!(
            (
                s.notes[0].text.as_str(),
                s.notes[0].modified,
                s.notes[0].created
            ),
            ("Sửa", Timestamp(2000), Timestamp(1000))
        );
        assert_eq!(
            (s.notes[0].tags.clone(), s.notes[0].color),
            (vec!["nhân sự".to_owned()], Some(NoteColor::Green)),
            "tags cleaned, colour set"
        );
        assert_eq!(s.on_paragraph("p2-x").count(), 1);
        let s = s
            .reduce(NotesAction::Delete {
                id: id(1),
                now: Timestamp(3000),
            })
            .expect("delete");
        assert!(s.is_empty());
        assert_eq!(
            s.deleted,
            vec![Tombstone {
                id: id(1),
                deleted: Timestamp(3000)
            }]
        );
        // Undo: the note comes back, newer than its deletion, so a merge keeps it.
        let gone = Notes {
            notes: vec![],
            deleted: s.deleted.clone(),
        };
        let note = Note {
            id: id(1),
            target: target("p2-x"),
            text: "Sửa".into(),
            tags: vec![],
            created: Timestamp(1000),
            modified: Timestamp(2000),
            orphan: false,
            color: None,
        };
        let back = gone
            .reduce(NotesAction::Restore {
                note,
                now: Timestamp(4000),
            })
            .expect("restore");
        assert!(back.deleted.is_empty());
        assert_eq!(back.notes[0].modified, Timestamp(4000));
        assert_eq!(
            back.merge(&gone).notes.len(),
            1,
            "the restored note outlives the old tombstone"
        );
    }

    #[test]
    fn rejected_actions_change_nothing() {
        let s = Notes::default()
            .reduce(NotesAction::Add {
                id: id(1),
                target: target("p"),
                text: "a".into(),
                tags: vec![],
                color: None,
                now: Timestamp(1),
            })
            .expect("add");
        let cases = [
            (
                NotesAction::Add {
                    id: id(2),
                    target: target("p"),
                    text: " \n ".into(),
                    tags: vec![],
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::Empty,
            ),
            (
                NotesAction::Add {
                    id: id(1),
                    target: target("p"),
                    text: "b".into(),
                    tags: vec![],
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::Duplicate(id(1)),
            ),
            (
                NotesAction::Add {
                    id: id(3),
                    target: target("p"),
                    text: "b".into(),
                    tags: (0..=MAX_TAGS).map(|i| i.to_string()).collect(),
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::TooManyTags(MAX_TAGS + 1),
            ),
            (
                NotesAction::Edit {
                    id: id(1),
                    text: "b".into(),
                    tags: vec!["x".repeat(MAX_TAG_CHARS + 1)],
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::TagTooLong("x".repeat(MAX_TAG_CHARS + 1)),
            ),
            (
                NotesAction::Edit {
                    id: id(9),
                    text: "b".into(),
                    tags: vec![],
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::NotFound(id(9)),
            ),
            (
                NotesAction::Delete {
                    id: id(9),
                    now: Timestamp(2),
                },
                NotesError::NotFound(id(9)),
            ),
            (
                NotesAction::Edit {
                    id: id(1),
                    text: "x".repeat(MAX_NOTE_CHARS + 1),
                    tags: vec![],
                    color: None,
                    now: Timestamp(2),
                },
                NotesError::TooLong(MAX_NOTE_CHARS + 1),
            ),
        ];
        for (action, want) in cases {
            assert_eq!(s.reduce(action), Err(want));
        }
    }

    fn note(n: u8, text: &str, modified: u64) -> Note {
        Note {
            id: id(n),
            target: target("p"),
            text: text.into(),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(modified),
            orphan: false,
            color: None,
        }
    }

    #[test]
    fn merge_table() {
        let tomb = |n: u8, at: u64| Tombstone {
            id: id(n),
            deleted: Timestamp(at),
        };
        let a = Notes {
            notes: vec![note(1, "a1", 10).into(), note(2, "a2", 10).into()],
            deleted: vec![],
        };
        // (other copy, texts expected after merging either way round)
        let cases: Vec<(Notes, Vec<&str>)> = vec![
            (Notes::default(), vec!["a1", "a2"]),
            (
                Notes {
                    notes: vec![note(3, "b3", 5).into()],
                    deleted: vec![],
                },
                vec!["a1", "a2", "b3"],
            ),
            (
                Notes {
                    notes: vec![note(1, "b1 newer", 20).into()],
                    deleted: vec![],
                },
                vec!["b1 newer", "a2"],
            ),
            (
                Notes {
                    notes: vec![note(1, "b1 older", 5).into()],
                    deleted: vec![],
                },
                vec!["a1", "a2"],
            ),
            (
                Notes {
                    notes: vec![],
                    deleted: vec![tomb(2, 15)],
                },
                vec!["a1"],
            ),
            (
                Notes {
                    notes: vec![],
                    deleted: vec![tomb(2, 5)],
                },
                vec!["a1", "a2"],
            ),
        ];
        for (b, want) in cases {
            let ab = a.merge(&b);
            let ba = b.merge(&a);
            assert_eq!(ab, ba, "merging is commutative");
            let mut got: Vec<&str> = ab.notes.iter().map(|n| n.text.as_str()).collect();
            let mut want = want;
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
            assert_eq!(ab.merge(&ab), ab, "merging is idempotent");
        }
    }

    #[test]
    fn orphans_are_kept_apart_and_reattachable() {
        let mut n = note(1, "mồ côi", 10);
        n.orphan = true;
        let s = Notes {
            notes: vec![n.into()],
            deleted: vec![],
        };
        assert_eq!(s.on_paragraph("p").count(), 0);
        assert_eq!(s.orphans().count(), 1);
        let s = s
            .reduce(NotesAction::Reattach {
                id: id(1),
                target: target("p2"),
                now: Timestamp(11),
            })
            .expect("reattach");
        assert_eq!((s.orphans().count(), s.on_paragraph("p2").count()), (0, 1));
    }

    #[test]
    fn timestamps_round_trip_as_iso() {
        let t = Timestamp(1_593_778_153_000);
        assert_eq!(t.iso(), "2020-07-03T12:09:13.000Z");
        assert_eq!(Timestamp::parse_iso(&t.iso()), Some(t));
        assert_eq!(Timestamp::parse_iso("yesterday"), None);
    }

    #[test]
    fn ids_are_uuid_v4() {
        let s = id(7).to_string();
        assert_eq!(s.len(), 36);
        assert_eq!(&s[14..15], "4");
        assert!(
            matches!(&s[19..20], "8" | "9" | "a" | "b"),
            "variant 1: {s}"
        );
    }

    #[track_caller]
    fn assert_parses(input: &str, expected: Option<&str>) {
        let got = NoteId::parse(input).ok().map(|id| id.to_string());
        assert_eq!(got.as_deref(), expected, "{input:?}");
    }

    #[test]
    fn note_ids_parse_every_usual_spelling_and_nothing_else() {
        let canonical = "5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f";
        let cases: &[(&str, Option<&str>)] = &[
            (canonical, Some(canonical)),
            ("5D1C3F6E-8A7B-4C2D-9E0F-1A2B3C4D5E6F", Some(canonical)),
            ("5d1c3f6e8a7b4c2d9e0f1a2b3c4d5e6f", Some(canonical)),
            ("{5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f}", Some(canonical)),
            (
                "urn:uuid:5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f",
                Some(canonical),
            ),
            (
                "URN:UUID:5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f",
                Some(canonical),
            ),
            ("", None),
            ("not-a-uuid", None),
            ("5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6", None),
            ("5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f0", None),
            ("5d1c3f6e_8a7b_4c2d_9e0f_1a2b3c4d5e6f", None),
            ("5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6g", None),
            ("+d1c3f6e8a7b4c2d9e0f1a2b3c4d5e6f", None),
            ("5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5é", None),
            ("ệ", None),
        ];
        for &(input, expected) in cases {
            assert_parses(input, expected);
        }
    }

    #[test]
    fn note_ids_round_trip_through_json() {
        for n in [0u128, 1, u128::MAX, 0x5d1c3f6e_8a7b_4c2d_9e0f_1a2b3c4d5e6f] {
            let id = NoteId::from_u128(n);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{id}\""));
            assert_eq!(serde_json::from_str::<NoteId>(&json).unwrap(), id);
        }
        assert!(serde_json::from_str::<NoteId>("\"x\"").is_err());
        assert!(serde_json::from_str::<NoteId>("12").is_err());
    }
}
