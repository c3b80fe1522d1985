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

use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::core::notes::{
    clean_tags, NotAUuid, Note, NoteColor, NoteId, NotesError, Target, TextPosition, TextQuote,
    Timestamp, Tombstone, MAX_NOTE_CHARS,
};
use crate::core::w3c::{annotation_of, creator_iri, source_uri, ANNO_CONTEXT};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The site's id for the reader; in a shared database, their CouchDB user name, which the
    /// server's `validate_doc_update` compares with the session's.
    pub id: String,
    /// The name shown beside their notes.
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
    /// A field has the wrong type, or a required one of the annotation is missing: its name.
    #[error("the document's {0} is missing or of the wrong type")]
    Shape(&'static str),
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

/// The site's user as a document names them.
#[derive(Serialize)]
struct UserOut<'a> {
    id: &'a str,
    name: &'a str,
}

impl<'a> UserOut<'a> {
    fn of(user: Option<&'a User>) -> Option<UserOut<'a>> {
        user.map(|u| UserOut {
            id: &u.id,
            name: &u.name,
        })
    }
}

/// What the W3C form cannot say and the native format needs.
#[derive(Serialize)]
struct NativeOut<'a> {
    paragraph: &'a str,
    passage: bool,
    orphan: bool,
}

/// A document as written: a note's, a tombstone or the deletion of a losing revision.
#[derive(Serialize)]
struct DocOut<'a, A: Serialize> {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev", skip_serializing_if = "Option::is_none")]
    rev: Option<&'a str>,
    #[serde(rename = "_deleted", skip_serializing_if = "std::ops::Not::not")]
    gone: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    version: u64,
    article: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<UserOut<'a>>,
    /// When the note was deleted (tombstones only).
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotation: Option<A>,
    #[serde(skip_serializing_if = "Option::is_none")]
    native: Option<NativeOut<'a>>,
}

impl<'a, A: Serialize> DocOut<'a, A> {
    /// The fields every document has.
    fn new(
        ctx: &'a DocContext,
        id: NoteId,
        rev: Option<&'a str>,
        creator: Option<&'a User>,
    ) -> Self {
        DocOut {
            id: id.to_string(),
            rev,
            gone: false,
            kind: DOC_TYPE,
            version: DOC_VERSION,
            article: &ctx.article_id,
            creator: UserOut::of(creator),
            deleted: None,
            annotation: None,
            native: None,
        }
    }

    /// The document as JSON text. Plain structs of strings, numbers and times always serialise
    /// for the notes the widget holds: their times come from the clock or from ISO 8601 text,
    /// never past the year 9999, the one thing that cannot be written.
    fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The document of a note (JSON text); `rev` is the revision it replaces (none for a new
/// document).
pub fn note_doc(
    note: &Note,
    rev: Option<&str>,
    creator: Option<&User>,
    ctx: &DocContext,
) -> String {
    let agent = creator.map(|u| (u.id.as_str(), u.name.as_str()));
    let mut doc = DocOut::new(ctx, note.id, rev, creator);
    doc.annotation = Some(annotation_of(note, &ctx.source, &ctx.language, agent));
    doc.native = Some(NativeOut {
        paragraph: &note.target.paragraph,
        passage: note.target.passage,
        orphan: note.orphan,
    });
    doc.text()
}

/// The tombstone of a deleted note (JSON text), replacing revision `rev`.
pub fn tombstone_doc(
    tombstone: &Tombstone,
    rev: &str,
    creator: Option<&User>,
    ctx: &DocContext,
) -> String {
    let mut doc = DocOut::<()>::new(ctx, tombstone.id, Some(rev), creator);
    doc.gone = true;
    doc.deleted = Some(tombstone.deleted);
    doc.text()
}

/// The deletion of a losing revision after a conflict is resolved (JSON text): no deletion time,
/// so that it never counts against the note that won (the note is not deleted, only that branch).
pub fn losing_revision_doc(
    id: NoteId,
    rev: &str,
    creator: Option<&User>,
    ctx: &DocContext,
) -> String {
    let mut doc = DocOut::<()>::new(ctx, id, Some(rev), creator);
    doc.gone = true;
    doc.text()
}

/// One JSON object of a document, read field by field with the types the document format gives
/// them: a field that is absent or `null` is none, one of another type is a
/// [`DocError::Shape`] naming it. (Read by hand, not by derived `serde` decoders over `Value`:
/// those were most of what sync added to the wasm.)
#[derive(Clone, Copy)]
pub(super) struct Obj<'a>(&'a Map<String, Value>);

impl<'a> Obj<'a> {
    /// `value` as an object, or the shape error naming `what`.
    pub(super) fn of(value: &'a Value, what: &'static str) -> Result<Obj<'a>, DocError> {
        value.as_object().map(Obj).ok_or(DocError::Shape(what))
    }

    /// Field `key` read by `read`; absent or `null`: `None`.
    fn field<T>(
        self,
        key: &'static str,
        read: impl FnOnce(&'a Value) -> Option<T>,
    ) -> Result<Option<T>, DocError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => read(value).map(Some).ok_or(DocError::Shape(key)),
        }
    }

    /// An optional string.
    pub(super) fn str(self, key: &'static str) -> Result<Option<&'a str>, DocError> {
        self.field(key, Value::as_str)
    }

    /// A required string.
    pub(super) fn string(self, key: &'static str) -> Result<&'a str, DocError> {
        self.str(key)?.ok_or(DocError::Shape(key))
    }

    /// An optional whole number.
    pub(super) fn number(self, key: &'static str) -> Result<Option<u64>, DocError> {
        self.field(key, Value::as_u64)
    }

    /// A required whole number, as an offset.
    fn offset(self, key: &'static str) -> Result<usize, DocError> {
        self.number(key)?
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(DocError::Shape(key))
    }

    /// A flag, `false` when absent.
    pub(super) fn flag(self, key: &'static str) -> Result<bool, DocError> {
        Ok(self.field(key, Value::as_bool)?.unwrap_or(false))
    }

    /// An optional object.
    pub(super) fn object(self, key: &'static str) -> Result<Option<Obj<'a>>, DocError> {
        self.field(key, |v| v.as_object().map(Obj))
    }

    /// The object's fields, in order.
    pub(super) fn entries(self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// An optional list, its items as they are (empty when absent).
    pub(super) fn list(self, key: &'static str) -> Result<&'a [Value], DocError> {
        Ok(self
            .field(key, |v| v.as_array().map(Vec::as_slice))?
            .unwrap_or_default())
    }

    /// An optional list of strings (empty when absent).
    fn strings(self, key: &'static str) -> Result<Vec<&'a str>, DocError> {
        self.list(key)?
            .iter()
            .map(|v| v.as_str().ok_or(DocError::Shape(key)))
            .collect()
    }

    /// The document's `creator` (`{id, name}`), if any.
    pub(super) fn user(self, key: &'static str) -> Result<Option<User>, DocError> {
        self.object(key)?
            .map(|u| {
                Ok(User {
                    id: u.string("id")?.to_owned(),
                    name: u.str("name")?.unwrap_or_default().to_owned(),
                })
            })
            .transpose()
    }
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
    let doc = Obj(obj);
    let rev = doc.string("_rev")?;
    if rev_generation(rev).is_none() {
        return Err(DocError::BadRev(rev.chars().take(MAX_REV_BYTES).collect()));
    }
    let conflicts = doc.strings("_conflicts")?;
    if let Some(bad) = conflicts.iter().find(|r| rev_generation(r).is_none()) {
        return Err(DocError::BadRev(bad.chars().take(MAX_REV_BYTES).collect()));
    }
    let version = doc.number("version")?;
    if let Some(found) = version.filter(|&v| v > DOC_VERSION) {
        return Err(DocError::NewerVersion { found });
    }
    let creator = doc.user("creator")?;
    check_user(creator.as_ref())?;
    let rev = rev.to_owned();
    if deleted {
        let when = doc
            .str("deleted")?
            .map(|t| time("deletion", t))
            .transpose()?;
        return Ok(RemoteDoc::Deleted {
            id,
            rev,
            deleted: when,
            creator,
            names_article: article.is_some(),
        });
    }
    if article.is_none() {
        return Err(DocError::Missing("article"));
    }
    if version.is_none() {
        return Err(DocError::Missing("version"));
    }
    let annotation = doc
        .object("annotation")?
        .ok_or(DocError::Missing("annotation"))?;
    let native = doc.object("native")?.ok_or(DocError::Missing("native"))?;
    let note = note_of(id, annotation, native, creator.as_ref())?;
    Ok(RemoteDoc::Note {
        note,
        rev,
        creator,
        conflicts: conflicts.into_iter().map(str::to_owned).collect(),
    })
}

fn note_of(
    id: NoteId,
    a: Obj<'_>,
    native: Obj<'_>,
    creator: Option<&User>,
) -> Result<Note, DocError> {
    let own_id = a.string("id")?;
    if own_id.strip_prefix("urn:uuid:").map(NoteId::parse) != Some(Ok(id)) {
        return Err(DocError::IdMismatch(
            own_id.chars().take(MAX_CONTEXT_CHARS).collect(),
        ));
    }
    if a.string("@context")? != ANNO_CONTEXT
        || a.string("type")? != "Annotation"
        || a.string("motivation")? != "commenting"
    {
        return Err(DocError::NotAComment);
    }
    let (created, modified) = (a.string("created")?, a.string("modified")?);
    let author = a.object("creator")?.map(|c| c.string("id")).transpose()?;
    if author.map(str::to_owned) != creator.map(|u| creator_iri(&u.id)) {
        return Err(DocError::CreatorMismatch);
    }
    // One body, or a list of them.
    let bodies: Vec<Obj<'_>> = match a.0.get("body") {
        Some(Value::Array(list)) => list
            .iter()
            .map(|b| Obj::of(b, "body"))
            .collect::<Result<_, _>>()?,
        Some(one) => vec![Obj::of(one, "body")?],
        None => return Err(DocError::Shape("body")),
    };
    let mut text = None;
    let mut tags = Vec::new();
    for body in bodies {
        let value = body.string("value")?;
        if body.string("type")? != "TextualBody" {
            return Err(DocError::NotAComment);
        }
        match body.str("purpose")? {
            Some("tagging") => {
                check_text("tag", value, MAX_NOTE_CHARS)?;
                tags.push(value.to_owned());
            }
            Some("commenting") | None if text.is_none() => text = Some(value.to_owned()),
            _ => return Err(DocError::NotAComment),
        }
    }
    let text = text.ok_or(DocError::NotAComment)?;
    check_text("note", &text, MAX_NOTE_CHARS)?;
    if text.trim().is_empty() {
        return Err(DocError::EmptyText);
    }
    let tags = clean_tags(&tags).map_err(DocError::Tags)?;
    let target = a.object("target")?.ok_or(DocError::Shape("target"))?;
    if !matches!(target.0.get("selector"), Some(Value::Array(_))) {
        return Err(DocError::Shape("selector"));
    }
    let (mut quote, mut position) = (None, None);
    for selector in target.list("selector")? {
        let selector = Obj::of(selector, "selector")?;
        match selector.string("type")? {
            "TextQuoteSelector" => {
                let context =
                    |key| Ok::<_, DocError>(selector.str(key)?.unwrap_or_default().to_owned());
                quote = Some(TextQuote {
                    exact: selector.string("exact")?.to_owned(),
                    prefix: context("prefix")?,
                    suffix: context("suffix")?,
                })
            }
            "TextPositionSelector" => {
                position = Some(TextPosition {
                    start: selector.offset("start")?,
                    end: selector.offset("end")?,
                })
            }
            _ => {}
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
    let paragraph = native.string("paragraph")?;
    check_text("paragraph id", paragraph, MAX_PARAGRAPH_ID_CHARS)?;
    if paragraph.is_empty() {
        return Err(DocError::Missing("paragraph id"));
    }
    let color = match target.str("styleClass")? {
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
            paragraph: paragraph.to_owned(),
            passage: native.flag("passage")?,
            quote,
            position,
        },
        text,
        tags,
        created: time("created", created)?,
        modified: time("modified", modified)?,
        orphan: native.flag("orphan")?,
        color,
    })
}
