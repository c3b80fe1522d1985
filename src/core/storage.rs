//! The versioned envelope the notes of one article are kept in (in the browser's localStorage).
//!
//! Decoding never destroys data: a value that does not parse, is not ours or is of a newer
//! version than this code knows is an error the caller must keep aside (under [`backup_key`])
//! before anything is written to the key again.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::export::EncodeError;
use super::fields::Fields;
use super::notes::{Note, Notes, Timestamp, Tombstone};

/// Every key the widget writes starts with this.
pub const KEY_PREFIX: &str = "article-annotator:";
/// The envelope's `format` field.
pub const ENVELOPE_FORMAT: &str = "article-annotator/notes";
/// The envelope version this code writes and the newest it reads.
///
/// - 1: the notes;
/// - 2: the notes and the deletions (tombstones), so that tabs merging their copies do not bring
///   a deleted note back. Version 1 is read as version 2 with no deletions.
pub const ENVELOPE_VERSION: u32 = 2;

/// The key of an article's notes.
pub fn notes_key(article_id: &str) -> String {
    format!("{KEY_PREFIX}notes:{article_id}")
}

/// The key of an unsaved draft: `slot` is `new:<paragraph id>` or `edit:<note id>`.
pub fn draft_key(article_id: &str, slot: &str) -> String {
    format!("{KEY_PREFIX}draft:{article_id}:{slot}")
}

/// Where the unreadable value `raw` is kept aside, untouched: named by the value's FNV-1a hash
/// (hex), so that loading the same value again finds its copy rather than making another.
pub fn backup_key(article_id: &str, raw: &str) -> String {
    let hash = super::text::fnv1a32(raw.as_bytes());
    format!("{KEY_PREFIX}backup:{article_id}:{hash:08x}")
}

/// What is kept for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    pub article_id: String,
    pub saved: Timestamp,
    pub notes: Vec<Rc<Note>>,
    #[serde(default)]
    pub deleted: Vec<Tombstone>,
}

impl Envelope {
    pub fn new(article_id: &str, notes: &Notes, saved: Timestamp) -> Envelope {
        Envelope {
            format: ENVELOPE_FORMAT.to_owned(),
            version: ENVELOPE_VERSION,
            article_id: article_id.to_owned(),
            saved,
            notes: notes.notes.clone(),
            deleted: notes.deleted.clone(),
        }
    }

    /// The notes and deletions it holds.
    pub fn into_notes(self) -> Notes {
        Notes {
            notes: self.notes,
            deleted: self.deleted,
        }
    }

    /// The value to store, or why it cannot be written (a time after the year 9999): the caller
    /// then writes nothing, and what is stored stays.
    pub fn encode(&self) -> Result<String, EncodeError> {
        Ok(serde_json::to_string(self)?)
    }
}

/// Why a stored value could not be read.
#[derive(Debug, Error)]
pub enum StorageError {
    #[error("the stored notes are not valid JSON")]
    Corrupt(#[source] serde_json::Error),
    #[error("the stored value is not an article-annotator envelope")]
    NotOurs,
    #[error("the stored notes were written by a newer version ({found}) than this one reads ({ENVELOPE_VERSION})")]
    NewerVersion { found: u64 },
    #[error("the stored notes (version {version}) do not have the expected shape")]
    BadShape {
        version: u64,
        #[source]
        source: serde_json::Error,
    },
}

/// Whether the stored value `raw` may be replaced by an envelope of this code: only when this
/// code reads it whole (ours, of a version it knows, every note of a shape it knows). A value it
/// cannot read (not JSON, not ours, newer, or damaged in its body) is never overwritten: the error
/// says why. Decoded in full each time: a save of 5,000 notes pays about 26 ms for it (natively),
/// after the change is on screen, rather than risk replacing notes it could not read.
pub fn check_replaceable(raw: &str) -> Result<(), StorageError> {
    decode(raw).map(|_| ())
}

/// Reads a stored value.
pub fn decode(raw: &str) -> Result<Envelope, StorageError> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(StorageError::Corrupt)?;
    // The header read in place: the value (2 MB for 5,000 notes) is not copied to look at it.
    if value.get("format").and_then(serde_json::Value::as_str) != Some(ENVELOPE_FORMAT) {
        return Err(StorageError::NotOurs);
    }
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .ok_or(StorageError::NotOurs)?;
    if version > u64::from(ENVELOPE_VERSION) {
        return Err(StorageError::NewerVersion { found: version });
    }
    // Version 1 has every field of version 2 but the deletions, which default to none: one
    // decoder reads both (a second struct for version 1 was a second copy of the decoding code).
    let mut envelope = envelope_of(value).map_err(|message| StorageError::BadShape {
        version,
        source: serde::de::Error::custom(message),
    })?;
    if version == 1 {
        // Version 1 knew no deletions: whatever such a field holds is not one. Read as version 2.
        envelope.deleted.clear();
        envelope.version = ENVELOPE_VERSION;
    }
    Ok(envelope)
}

/// The envelope `value` holds, its notes read by [`Note::from_json`] (as the derived decoder
/// read it: every field required but the deletions; fields it does not know ignored).
fn envelope_of(value: serde_json::Value) -> Result<Envelope, String> {
    let mut f = Fields::of(value, "the envelope")?;
    Ok(Envelope {
        format: f.take("format")?,
        version: f.take("version")?,
        article_id: f.take("article_id")?,
        saved: f.take("saved")?,
        notes: f
            .list("notes")?
            .into_iter()
            .map(|n| Note::from_json(n).map(Rc::new))
            .collect::<Result<_, _>>()?,
        deleted: f
            .list_or_empty("deleted")?
            .into_iter()
            .map(|t| {
                let mut t = Fields::of(t, "a deletion")?;
                Ok(Tombstone {
                    id: t.take("id")?,
                    deleted: t.take("deleted")?,
                })
            })
            .collect::<Result<_, String>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::notes::{NoteId, Target, TextPosition, TextQuote};

    fn note() -> Note {
        Note {
            id: NoteId::from_random_bytes([3; 16]),
            target: Target {
                paragraph: "p2-abc".into(),
                passage: false,
                quote: TextQuote {
                    exact: "Tỉnh ủy".into(),
                    prefix: "Ban ".into(),
                    suffix: " họp".into(),
                },
                position: TextPosition { start: 4, end: 11 },
            },
            text: "Ghi chú <b>đậm</b>".into(),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(2),
            orphan: false,
            color: None,
        }
    }

    #[test]
    fn round_trip() {
        let notes = Notes {
            notes: vec![note().into()],
            deleted: vec![Tombstone {
                id: NoteId::from_random_bytes([4; 16]),
                deleted: Timestamp(4),
            }],
        };
        let env = Envelope::new("a-1", &notes, Timestamp(5));
        let raw = env.encode().expect("encodes");
        assert!(check_replaceable(&raw).is_ok());
        let back = decode(&raw).expect("decodes");
        assert_eq!(back, env);
        assert!(notes_key("a-1").starts_with(KEY_PREFIX));
        let key = backup_key("a-1", "{broken");
        assert!(key.starts_with("article-annotator:backup:a-1:"), "{key}");
        assert_eq!(
            key,
            backup_key("a-1", "{broken"),
            "the same value, the same key"
        );
        assert_ne!(key, backup_key("a-1", "{broken!"));
        assert_ne!(key, backup_key("a-2", "{broken"));
    }

    /// Every envelope version ever written, as stored, and what it reads as now.
    #[test]
    fn migrations_from_every_version() {
        let v1 = include_str!("../../tests/fixtures/storage/envelope-v1.json");
        let v2 = include_str!("../../tests/fixtures/storage/envelope-v2.json");
        // Version 1 knew no deletions: a field of that name in one is not read as deletions.
        let v1_with_deleted = v1.replacen(
            "\"version\": 1,",
            r#""version": 1, "deleted": [{"id": "0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c", "deleted": "2026-11-01T08:00:00.000Z"}],"#,
            1,
        );
        assert_ne!(v1_with_deleted, v1);
        for (raw, deletions) in [(v1, 0), (&v1_with_deleted, 0), (v2, 1)] {
            let env = decode(raw).expect("reads");
            assert_eq!(env.version, ENVELOPE_VERSION);
            assert_eq!(env.notes.len(), 1);
            assert_eq!(env.notes[0].text, "Ghi chú đã lưu");
            assert_eq!(env.deleted.len(), deletions);
        }
    }

    #[test]
    fn unreadable_values_table() {
        let cases: &[(&str, &str)] = &[
            ("{not json", "not valid JSON"),
            ("[1,2]", "not an article-annotator envelope"),
            (
                r#"{"format":"other","version":1}"#,
                "not an article-annotator envelope",
            ),
            (
                r#"{"format":"article-annotator/notes","version":"2"}"#,
                "not an article-annotator envelope",
            ),
            (
                r#"{"format":"article-annotator/notes","version":99,"notes":[]}"#,
                "newer version (99)",
            ),
            (
                r#"{"format":"article-annotator/notes","version":1,"notes":"x"}"#,
                "expected shape",
            ),
            (
                r#"{"format":"article-annotator/notes","version":2,"article_id":"a","saved":"2020-01-01T00:00:00Z","notes":[{"id":1}]}"#,
                "expected shape",
            ),
        ];
        for (raw, want) in cases {
            let err = decode(raw).expect_err(raw);
            assert!(err.to_string().contains(want), "{raw}: {err}");
            // A save never replaces what a load cannot read, a damaged body included.
            let err = check_replaceable(raw).expect_err(raw);
            assert!(err.to_string().contains(want), "{raw}: {err}");
        }
    }

    #[test]
    fn only_readable_values_may_be_replaced() {
        let v1 = include_str!("../../tests/fixtures/storage/envelope-v1.json");
        let v2 = include_str!("../../tests/fixtures/storage/envelope-v2.json");
        for raw in [v1, v2] {
            assert!(check_replaceable(raw).is_ok(), "{raw}");
        }
        let newer = r#"{"format":"article-annotator/notes","version":3,"notes":[],"more":{}}"#;
        assert!(matches!(
            check_replaceable(newer),
            Err(StorageError::NewerVersion { found: 3 })
        ));
        // Cut short (a write interrupted): as this code writes it, but not whole.
        let cut = r#"{"format":"article-annotator/notes","version":2,"article_id":"a","notes":[{"#;
        assert!(matches!(
            check_replaceable(cut),
            Err(StorageError::Corrupt(_))
        ));
        // Fields in another order (another writer): decoded in full.
        let reordered = r#"{"version":4,"format":"article-annotator/notes"}"#;
        assert!(matches!(
            check_replaceable(reordered),
            Err(StorageError::NewerVersion { found: 4 })
        ));
    }

    /// A time JSON cannot say (after the year 9999) makes encoding fail: an error, never an
    /// empty string written over the stored notes, never a panic.
    #[test]
    fn encoding_fails_with_an_error_not_an_empty_value() {
        let far = Note {
            modified: Timestamp(u64::MAX),
            ..note()
        };
        let notes = Notes {
            notes: vec![far.clone().into()],
            deleted: vec![],
        };
        assert!(Envelope::new("a-1", &notes, Timestamp(5)).encode().is_err());
        let tomb = Notes {
            notes: vec![],
            deleted: vec![Tombstone {
                id: far.id,
                deleted: Timestamp(253_402_300_800_000),
            }],
        };
        assert!(Envelope::new("a-1", &tomb, Timestamp(5)).encode().is_err());
        assert!(Envelope::new("a-1", &Notes::default(), Timestamp(u64::MAX))
            .encode()
            .is_err());
        // The last millisecond of the year 9999 is still written.
        let edge = Envelope::new("a-1", &Notes::default(), Timestamp(253_402_300_799_999));
        assert!(edge.encode().is_ok());
        assert_eq!(Timestamp(u64::MAX).iso(), format!("@{}ms", u64::MAX));
    }
}
