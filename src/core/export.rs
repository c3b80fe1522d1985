//! The native JSON export: the notes of one article, versioned, with their targets.

use serde::{Deserialize, Serialize};

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

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings and numbers always serialise.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

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
        let v: serde_json::Value = serde_json::from_str(&e.to_json()).expect("json");
        assert_eq!(v["format"], "article-annotator");
        assert_eq!(v["version"], 1);
        assert_eq!(v["article"]["id"], "a-1");
        assert_eq!(v["annotations"][0]["target"]["paragraph"], "p2-1");
        assert_eq!(v["annotations"][0]["created"], "1970-01-01T00:00:00.000Z");
        let back: NativeExport = serde_json::from_str(&e.to_json()).expect("reads back");
        assert_eq!(back, e);
    }
}
