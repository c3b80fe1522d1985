//! The native JSON export: the notes of one article, versioned, with their targets.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::notes::{Note, Timestamp};

/// The export's `format` field.
pub const EXPORT_FORMAT: &str = "article-annotator";
/// The export version this code writes.
pub const EXPORT_VERSION: u32 = 1;

/// The article an export belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportArticle {
    pub id: String,
    pub title: String,
    /// The article's URL, or `null` for the bundled or host article.
    pub source: Option<String>,
}

/// A native export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeExport {
    pub format: String,
    pub version: u32,
    pub exported: Timestamp,
    pub article: ExportArticle,
    pub annotations: Vec<Note>,
}

impl NativeExport {
    pub fn new(
        article: ExportArticle,
        annotations: Vec<Note>,
        exported: Timestamp,
    ) -> NativeExport {
        NativeExport {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported,
            article,
            annotations,
        }
    }

    /// Pretty-printed JSON, or why it cannot be written (a time after the year 9999).
    pub fn to_json(&self) -> Result<String, EncodeError> {
        Ok(serde_json::to_string_pretty(self)?)
    }

    /// [`Self::to_json`] without the indentation. The widget indents it with the browser's
    /// `JSON.stringify(…, 2)`, which writes the same text (`platform::json::pretty`), so that
    /// serde_json's pretty printer is not shipped in the wasm.
    pub fn to_compact_json(&self) -> Result<String, EncodeError> {
        Ok(serde_json::to_string(self)?)
    }
}

/// Why notes could not be written as JSON (for an export, or for storage). Nothing is written
/// then: an empty string never replaces what was there.
#[derive(Debug, Error)]
#[error("the notes could not be written as JSON")]
pub struct EncodeError(#[from] pub serde_json::Error);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::notes::{NoteId, Target, TextPosition, TextQuote};

    #[test]
    fn export_shape() {
        let note = Note {
            id: NoteId::from_random_bytes([1; 16]),
            target: Target {
                paragraph: "p2-1".into(),
                passage: false,
                quote: TextQuote {
                    exact: "x".into(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                position: TextPosition { start: 0, end: 1 },
            },
            text: "x".into(),
            tags: vec![],
            created: Timestamp(0),
            modified: Timestamp(0),
            orphan: false,
            color: None,
        };
        let e = NativeExport::new(
            ExportArticle {
                id: "a-1".into(),
                title: "T".into(),
                source: None,
            },
            vec![note],
            Timestamp(0),
        );
        let v: serde_json::Value =
            serde_json::from_str(&e.to_json().expect("encodes")).expect("json");
        assert_eq!(v["format"], "article-annotator");
        assert_eq!(v["version"], 1);
        assert_eq!(v["article"]["id"], "a-1");
        assert_eq!(v["annotations"][0]["target"]["paragraph"], "p2-1");
        assert_eq!(v["annotations"][0]["created"], "1970-01-01T00:00:00.000Z");
        // The compact form (which the widget indents in the browser) holds the same document.
        let compact = e.to_compact_json().expect("encodes");
        assert!(!compact.contains('\n'));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&compact).expect("json"),
            v
        );
        let back: NativeExport =
            serde_json::from_str(&e.to_json().expect("encodes")).expect("reads back");
        assert_eq!(back, e);
    }

    /// Exports fail with an error, not an empty document, when a note's time cannot be written.
    #[test]
    fn an_export_that_cannot_be_written_is_an_error() {
        use crate::core::w3c::{to_w3c, to_w3c_json};
        let note = Note {
            id: NoteId::from_random_bytes([7; 16]),
            target: Target {
                paragraph: "p1-x".into(),
                passage: false,
                quote: TextQuote {
                    exact: "x".into(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
                position: TextPosition { start: 0, end: 1 },
            },
            text: "t".into(),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(u64::MAX),
            orphan: false,
            color: None,
        };
        let article = ExportArticle {
            id: "a".into(),
            title: "T".into(),
            source: None,
        };
        let bad = NativeExport::new(article.clone(), vec![note.clone()], Timestamp(1));
        assert!(bad.to_json().is_err());
        assert!(bad.to_compact_json().is_err());
        assert!(to_w3c_json(&bad, "vi", None).is_err());
        assert!(crate::core::w3c::to_w3c_compact_json(&bad, "vi", None).is_err());
        assert!(to_w3c(&bad, "vi", None).is_err());
        let good = NativeExport::new(
            article,
            vec![Note {
                modified: Timestamp(2),
                ..note
            }],
            Timestamp(1),
        );
        assert!(good.to_json().is_ok() && to_w3c_json(&good, "vi", None).is_ok());
    }
}
