//! The CouchDB document of one annotation, written and read.
//!
//! One document per note: `_id` is the note's id, `annotation` its W3C Web Annotation form (the
//! same object the W3C export embeds, with the author as `creator`), `native` what the W3C form
//! cannot say and the native format needs (paragraph id, passage flag, orphan flag), and `type`,
//! `version`, `article` and `creator` (`{id, name}`, the host site's user) at the top, where the
//! server's `validate_doc_update` and a `_changes` selector read them. A deletion is a CouchDB
//! deletion (`_deleted: true`) that keeps `type`, `article` and `creator` and adds `deleted`, the
//! time of the deletion, so that the merge can tell it from a later edit.
//!
//! Reading is strict: anything that is not exactly this shape, is too large, or carries control
//! or bidirectional-override characters is a [`DocError`], never a panic and never a note.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use thiserror::Error;

use crate::core::notes::{
    clean_tags, NotAUuid, Note, NoteColor, NoteId, NotesError, Target, TextPosition, TextQuote,
    Timestamp, Tombstone, MAX_NOTE_CHARS,
};
use crate::core::w3c::{annotation_value, creator_iri, source_uri, ANNO_CONTEXT};

/// The documents' `type`.
pub const DOC_TYPE: &str = "article-annotator/annotation";
/// The document version this code writes and the newest it reads.
pub const DOC_VERSION: u64 = 1;
/// Longest quoted passage accepted, in code points (a whole long paragraph fits).
pub const MAX_QUOTE_CHARS: usize = 50_000;
/// Longest quote prefix or suffix accepted, in code points (the widget writes at most 32).
pub const MAX_CONTEXT_CHARS: usize = 256;
/// Longest paragraph id accepted, in code points.
pub const MAX_PARAGRAPH_ID_CHARS: usize = 200;
/// Longest user id and user name accepted, in code points.
pub const MAX_USER_CHARS: usize = 200;
/// Longest revision id accepted, in bytes (CouchDB's are about 34).
pub const MAX_REV_BYTES: usize = 200;
/// Largest code-point offset accepted in a position selector.
pub const MAX_OFFSET: usize = 100_000_000;

/// The reader as the host site names them (the `user` option), stored as the note's creator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The site's id for the reader; in a shared database, their CouchDB user name, which the
    /// server's `validate_doc_update` compares with the session's.
    pub id: String,
    /// The name shown beside their notes.
    #[serde(default)]
    pub name: String,
}

impl User {
    /// The reader as the host passes them (the `user` option), checked as documents are: an id
    /// that is not empty, both at most [`MAX_USER_CHARS`] code points, no control or
    /// bidirectional-override characters.
    pub fn checked(id: &str, name: &str) -> Result<User, DocError> {
        let user = User {
            id: id.to_owned(),
            name: name.to_owned(),
        };
        check_user(Some(&user))?;
        Ok(user)
    }
}

/// What a document needs besides the note: the article it belongs to, the URI its W3C target
/// names, and the language of the notes' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocContext {
    /// The article's id (the storage namespace), the documents' `article`.
    pub article_id: String,
    /// The W3C target's `source` ([`crate::core::w3c::article_source`]).
    pub source: String,
    /// BCP 47 tag of the notes' text.
    pub language: String,
}

impl DocContext {
    /// The context of an article's notes: its id, its URL (`None` for the bundled or host
    /// article, named by a URN as in the W3C export) and the notes' language.
    pub fn new(article_id: &str, url: Option<&str>, language: &str) -> DocContext {
        DocContext {
            article_id: article_id.to_owned(),
            source: source_uri(article_id, url),
            language: language.to_owned(),
        }
    }
}

/// A document read from the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteDoc {
    /// A note.
    Note {
        /// The note, as the native format holds it.
        note: Note,
        /// The document's revision.
        rev: String,
        /// Its author, when the document names one.
        creator: Option<User>,
        /// Revisions CouchDB keeps in conflict with this one (`_conflicts`).
        conflicts: Vec<String>,
    },
    /// A deletion (a CouchDB tombstone).
    Deleted {
        /// The deleted note's id.
        id: NoteId,
        /// The tombstone's revision.
        rev: String,
        /// When it was deleted, if the tombstone says (one deleted by hand may not).
        deleted: Option<Timestamp>,
        /// The author of the deleted note, when the tombstone names one.
        creator: Option<User>,
        /// Whether the tombstone names this article (one deleted by hand may name none).
        names_article: bool,
    },
    /// Not an annotation of this article: a design document, another article's note, another
    /// application's document. Ignored.
    Other,
}

/// Why a document was not accepted.
#[derive(Debug, Error)]
pub enum DocError {
    /// Not a JSON object.
    #[error("the document is not a JSON object")]
    NotAnObject,
    /// A required field is absent or not a string.
    #[error("the document has no {0}")]
    Missing(&'static str),
    /// `_id` is not a UUID.
    #[error("the document's id is not a note id")]
    BadId(#[source] NotAUuid),
    /// `_rev` is not a CouchDB revision (`<generation>-<hash>`).
    #[error("the document's revision {0:?} is not a CouchDB revision")]
    BadRev(String),
    /// A field has the wrong type or the annotation the wrong structure.
    #[error("the document does not have the shape of an annotation")]
    Shape(#[source] serde_json::Error),
    /// Written by a newer version than this one reads.
    #[error(
        "the document was written by a newer version ({found}) than this one reads ({DOC_VERSION})"
    )]
    NewerVersion {
        /// Its version.
        found: u64,
    },
    /// The annotation's id is not `urn:uuid:` and the document's id.
    #[error("the annotation's id {0:?} is not the document's")]
    IdMismatch(String),
    /// Not a commenting `Annotation` with one textual comment.
    #[error("the annotation is not a comment with a text")]
    NotAComment,
    /// A time that is not ISO 8601.
    #[error("the {field} time {value:?} is not an ISO 8601 time")]
    BadTime {
        /// Which time.
        field: &'static str,
        /// What was there.
        value: String,
    },
    /// The note's text is empty.
    #[error("the note is empty")]
    EmptyText,
    /// A field longer than its limit, in code points.
    #[error("the {field} has {chars} characters; the limit is {max}")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its length, in code points.
        chars: usize,
        /// The limit, in code points.
        max: usize,
    },
    /// Control or bidirectional-override characters, which no note needs and which can make
    /// text read differently from what it is.
    #[error("the {0} contains control or bidirectional-override characters")]
    HiddenCharacters(&'static str),
    /// Tags the notes reducer would refuse.
    #[error("the note's tags are not accepted")]
    Tags(#[source] NotesError),
    /// A selector the note needs is missing.
    #[error("the annotation has no {0}")]
    NoSelector(&'static str),
    /// A position selector whose start is after its end, or beyond any article.
    #[error("the position {start}–{end} is not a passage")]
    BadPosition {
        /// Start, in code points.
        start: usize,
        /// End, in code points.
        end: usize,
    },
    /// A style class that is none of the note colours.
    #[error("the style class {0:?} is not a note colour")]
    UnknownColour(String),
    /// The W3C `creator` names another user than the document's `creator`.
    #[error("the annotation's creator is not the document's")]
    CreatorMismatch,
}

/// The first part of a revision id (`3-abc…` → 3), if it is one.
pub fn rev_generation(rev: &str) -> Option<u64> {
    let (generation, hash) = rev.split_once('-')?;
    (rev.len() <= MAX_REV_BYTES
        && !hash.is_empty()
        && hash.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then(|| generation.parse().ok())
    .flatten()
}

fn header(
    ctx: &DocContext,
    id: NoteId,
    rev: Option<&str>,
    creator: Option<&User>,
) -> Map<String, Value> {
    let mut doc = Map::new();
    doc.insert("_id".into(), id.to_string().into());
    if let Some(rev) = rev {
        doc.insert("_rev".into(), rev.into());
    }
    doc.insert("type".into(), DOC_TYPE.into());
    doc.insert("version".into(), DOC_VERSION.into());
    doc.insert("article".into(), ctx.article_id.clone().into());
    if let Some(user) = creator {
        doc.insert("creator".into(), json!({"id": user.id, "name": user.name}));
    }
    doc
}

/// The document of a note; `rev` is the revision it replaces (none for a new document).
pub fn note_doc(note: &Note, rev: Option<&str>, creator: Option<&User>, ctx: &DocContext) -> Value {
    let mut doc = header(ctx, note.id, rev, creator);
    let agent = creator.map(|u| (u.id.as_str(), u.name.as_str()));
    doc.insert(
        "annotation".into(),
        annotation_value(note, &ctx.source, &ctx.language, agent),
    );
    doc.insert(
        "native".into(),
        json!({
            "paragraph": note.target.paragraph,
            "passage": note.target.passage,
            "orphan": note.orphan,
        }),
    );
    Value::Object(doc)
}

/// The tombstone of a deleted note, replacing revision `rev`.
pub fn tombstone_doc(
    tombstone: &Tombstone,
    rev: &str,
    creator: Option<&User>,
    ctx: &DocContext,
) -> Value {
    let mut doc = header(ctx, tombstone.id, Some(rev), creator);
    doc.insert("_deleted".into(), true.into());
    doc.insert("deleted".into(), tombstone.deleted.iso().into());
    Value::Object(doc)
}

/// The deletion of a losing revision after a conflict is resolved: no deletion time, so that it
/// never counts against the note that won (the note is not deleted, only that branch).
pub fn losing_revision_doc(
    id: NoteId,
    rev: &str,
    creator: Option<&User>,
    ctx: &DocContext,
) -> Value {
    let mut doc = header(ctx, id, Some(rev), creator);
    doc.insert("_deleted".into(), true.into());
    Value::Object(doc)
}

// The shapes read, with the types they must have.

#[derive(Deserialize)]
struct RawDoc {
    #[serde(rename = "_rev")]
    rev: String,
    #[serde(rename = "_conflicts", default)]
    conflicts: Vec<String>,
    #[serde(default)]
    version: Option<u64>,
    #[serde(default)]
    creator: Option<User>,
    #[serde(rename = "deleted", default)]
    deleted_at: Option<String>,
    #[serde(default)]
    annotation: Option<RawAnnotation>,
    #[serde(default)]
    native: Option<RawNative>,
}

#[derive(Deserialize)]
struct RawAnnotation {
    #[serde(rename = "@context")]
    context: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    motivation: String,
    created: String,
    modified: String,
    body: RawBodies,
    target: RawTarget,
    #[serde(default)]
    creator: Option<RawAgent>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawBodies {
    One(RawBody),
    Many(Vec<RawBody>),
}

#[derive(Deserialize)]
struct RawBody {
    #[serde(rename = "type")]
    kind: String,
    value: String,
    #[serde(default)]
    purpose: Option<String>,
}

#[derive(Deserialize)]
struct RawTarget {
    #[serde(rename = "selector")]
    selectors: Vec<RawSelector>,
    #[serde(rename = "styleClass", default)]
    style_class: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum RawSelector {
    TextQuoteSelector {
        exact: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct RawAgent {
    id: String,
}

#[derive(Deserialize)]
struct RawNative {
    paragraph: String,
    #[serde(default)]
    passage: bool,
    #[serde(default)]
    orphan: bool,
}

/// Characters no note needs: controls other than tab and line breaks, and the bidirectional
/// embeddings, overrides and isolates (text that renders in another order than it reads).
fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check_text(field: &'static str, s: &str, max: usize) -> Result<(), DocError> {
    let chars = s.chars().count();
    if chars > max {
        return Err(DocError::TooLong { field, chars, max });
    }
    if s.chars().any(is_hidden) {
        return Err(DocError::HiddenCharacters(field));
    }
    Ok(())
}

fn check_user(user: Option<&User>) -> Result<(), DocError> {
    if let Some(user) = user {
        if user.id.is_empty() {
            return Err(DocError::Missing("creator id"));
        }
        check_text("creator id", &user.id, MAX_USER_CHARS)?;
        check_text("creator name", &user.name, MAX_USER_CHARS)?;
    }
    Ok(())
}

fn time(field: &'static str, value: &str) -> Result<Timestamp, DocError> {
    Timestamp::parse_iso(value).ok_or_else(|| DocError::BadTime {
        field,
        value: value.chars().take(MAX_CONTEXT_CHARS).collect(),
    })
}

/// Reads a document as `_changes`, `open_revs` or `_all_docs` return it, for the article
/// `article_id`.
pub fn decode_doc(doc: &Value, article_id: &str) -> Result<RemoteDoc, DocError> {
    let obj = doc.as_object().ok_or(DocError::NotAnObject)?;
    let str_of = |key: &str| obj.get(key).and_then(Value::as_str);
    let id = str_of("_id").ok_or(DocError::Missing("_id"))?;
    if id.starts_with("_design/") || id.starts_with("_local/") {
        return Ok(RemoteDoc::Other);
    }
    let deleted = obj.get("_deleted") == Some(&Value::Bool(true));
    let kind = str_of("type");
    let article = str_of("article");
    let ours = if deleted {
        kind.is_none_or(|k| k == DOC_TYPE)
    } else {
        kind == Some(DOC_TYPE)
    };
    if !ours || article.is_some_and(|a| a != article_id) {
        return Ok(RemoteDoc::Other);
    }
    let id = NoteId::parse(id).map_err(DocError::BadId)?;
    let raw = RawDoc::deserialize(doc).map_err(DocError::Shape)?;
    if rev_generation(&raw.rev).is_none() {
        return Err(DocError::BadRev(
            raw.rev.chars().take(MAX_REV_BYTES).collect(),
        ));
    }
    if let Some(bad) = raw.conflicts.iter().find(|r| rev_generation(r).is_none()) {
        return Err(DocError::BadRev(bad.chars().take(MAX_REV_BYTES).collect()));
    }
    if let Some(found) = raw.version.filter(|&v| v > DOC_VERSION) {
        return Err(DocError::NewerVersion { found });
    }
    check_user(raw.creator.as_ref())?;
    if deleted {
        let when = raw
            .deleted_at
            .as_deref()
            .map(|t| time("deletion", t))
            .transpose()?;
        return Ok(RemoteDoc::Deleted {
            id,
            rev: raw.rev,
            deleted: when,
            creator: raw.creator,
            names_article: article.is_some(),
        });
    }
    if article.is_none() {
        return Err(DocError::Missing("article"));
    }
    if raw.version.is_none() {
        return Err(DocError::Missing("version"));
    }
    let annotation = raw.annotation.ok_or(DocError::Missing("annotation"))?;
    let native = raw.native.ok_or(DocError::Missing("native"))?;
    let note = note_of(id, annotation, native, raw.creator.as_ref())?;
    Ok(RemoteDoc::Note {
        note,
        rev: raw.rev,
        creator: raw.creator,
        conflicts: raw.conflicts,
    })
}

fn note_of(
    id: NoteId,
    a: RawAnnotation,
    native: RawNative,
    creator: Option<&User>,
) -> Result<Note, DocError> {
    if a.id.strip_prefix("urn:uuid:").map(NoteId::parse) != Some(Ok(id)) {
        return Err(DocError::IdMismatch(
            a.id.chars().take(MAX_CONTEXT_CHARS).collect(),
        ));
    }
    if a.context != ANNO_CONTEXT || a.kind != "Annotation" || a.motivation != "commenting" {
        return Err(DocError::NotAComment);
    }
    if a.creator.map(|c| c.id) != creator.map(|u| creator_iri(&u.id)) {
        return Err(DocError::CreatorMismatch);
    }
    let bodies = match a.body {
        RawBodies::One(b) => vec![b],
        RawBodies::Many(list) => list,
    };
    let mut text = None;
    let mut tags = Vec::new();
    for body in bodies {
        if body.kind != "TextualBody" {
            return Err(DocError::NotAComment);
        }
        match body.purpose.as_deref() {
            Some("tagging") => {
                check_text("tag", &body.value, MAX_NOTE_CHARS)?;
                tags.push(body.value);
            }
            Some("commenting") | None if text.is_none() => text = Some(body.value),
            _ => return Err(DocError::NotAComment),
        }
    }
    let text = text.ok_or(DocError::NotAComment)?;
    check_text("note", &text, MAX_NOTE_CHARS)?;
    if text.trim().is_empty() {
        return Err(DocError::EmptyText);
    }
    let tags = clean_tags(&tags).map_err(DocError::Tags)?;
    let (mut quote, mut position) = (None, None);
    for selector in a.target.selectors {
        match selector {
            RawSelector::TextQuoteSelector {
                exact,
                prefix,
                suffix,
            } => {
                quote = Some(TextQuote {
                    exact,
                    prefix,
                    suffix,
                })
            }
            RawSelector::TextPositionSelector { start, end } => {
                position = Some(TextPosition { start, end })
            }
            RawSelector::Other => {}
        }
    }
    let quote = quote.ok_or(DocError::NoSelector("TextQuoteSelector"))?;
    check_text("quote", &quote.exact, MAX_QUOTE_CHARS)?;
    check_text("quote prefix", &quote.prefix, MAX_CONTEXT_CHARS)?;
    check_text("quote suffix", &quote.suffix, MAX_CONTEXT_CHARS)?;
    let position = position.ok_or(DocError::NoSelector("TextPositionSelector"))?;
    if position.start > position.end || position.end > MAX_OFFSET {
        return Err(DocError::BadPosition {
            start: position.start,
            end: position.end,
        });
    }
    check_text("paragraph id", &native.paragraph, MAX_PARAGRAPH_ID_CHARS)?;
    if native.paragraph.is_empty() {
        return Err(DocError::Missing("paragraph id"));
    }
    let color = match a.target.style_class {
        None => None,
        Some(class) => Some(
            class
                .strip_prefix("aa-note-")
                .and_then(NoteColor::parse)
                .ok_or_else(|| {
                    DocError::UnknownColour(class.chars().take(MAX_CONTEXT_CHARS).collect())
                })?,
        ),
    };
    Ok(Note {
        id,
        target: Target {
            paragraph: native.paragraph,
            passage: native.passage,
            quote,
            position,
        },
        text,
        tags,
        created: time("created", &a.created)?,
        modified: time("modified", &a.modified)?,
        orphan: native.orphan,
        color,
    })
}
