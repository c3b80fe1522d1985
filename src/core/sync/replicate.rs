//! One replication round with a CouchDB database, as a sans-IO state machine.
//!
//! The [`Replicator`] never does a request itself: it says which request to make next
//! ([`Request`], relative to the database URL), and the shell hands it the answer
//! ([`Response`]). Each answer yields a [`Step`]: remote changes to merge into the local notes
//! (through the notes reducer's own merge), documents the server sent that were refused, and the
//! next request or the end of the round. The round:
//!
//! 1. pull: `_changes` since the checkpoint, a page at a time, documents included, conflicts and
//!    all leaf revisions listed; the checkpoint moves after each page is applied;
//! 2. resolve: for every document with `_conflicts` (or a deleted leaf as deep as its winner,
//!    which CouchDB does not count as a conflict but may be a concurrent deletion), and every
//!    write the server answered with a 409, fetch all its leaf revisions (`open_revs=all`),
//!    decide by the core's merge (the latest modification wins, a deletion is not undone by an
//!    older edit), write the winner on the current winning revision and delete the losing ones
//!    (without a deletion time: they lost, the note did not);
//! 3. push: every local change the server has not seen (new and edited notes, deletions of
//!    documents it holds), in `_bulk_docs` batches, each written on the revision last read.
//!
//! Any failure of a whole request ends the round with a [`SyncError`]; what was applied before it
//! stays applied (the checkpoint and the revisions in [`SyncState`] only move with what was
//! merged), so the next round, after [`backoff_delay`](super::backoff_delay), resumes.

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use super::doc::{
    decode_doc, losing_revision_doc, note_doc, rev_generation, tombstone_doc, DocContext, DocError,
    Obj, RemoteDoc, User,
};
use super::editable;
use crate::core::notes::{Note, NoteId, Notes, Timestamp, Tombstone};
use crate::core::w3c::urn_part;

/// Changes asked for per `_changes` page.
pub const CHANGES_BATCH: usize = 100;
/// Documents written per `_bulk_docs` request (halved after a 413).
pub const PUSH_BATCH: usize = 100;
/// Largest response read, in bytes (a page of large notes fits several times over).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// How many times one document's conflict is fetched and written again in one round.
pub const MAX_CONFLICT_ATTEMPTS: u32 = 3;
/// Most requests in one round; the next round goes on from the checkpoint.
pub const MAX_ROUND_REQUESTS: usize = 1_000;
/// Longest server-supplied reason kept in a message, in code points.
pub const MAX_REASON_CHARS: usize = 200;
/// The `format` of the stored [`SyncState`].
pub const STATE_FORMAT: &str = "article-annotator/sync";
/// The stored [`SyncState`] version this code writes and reads.
pub const STATE_VERSION: u32 = 1;

/// What the server last said about one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    /// Its current (winning) revision.
    pub rev: String,
    /// The modification time of the note it holds, or the deletion time of its tombstone.
    pub modified: Timestamp,
    /// It is a tombstone.
    pub deleted: bool,
    /// The note's author, when the document names one.
    pub creator: Option<User>,
}

/// What replication keeps between rounds, per database and article (in localStorage under
/// [`super::state_key`]): the checkpoint and what the server holds of each note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// The `_changes` sequence read up to (opaque; CouchDB 1 and PouchDB give numbers, CouchDB 2+
    /// strings).
    pub since: Option<String>,
    /// Each document the server holds, by note id.
    pub docs: FxHashMap<NoteId, DocMeta>,
}

/// The stored form of a [`SyncState`] (written only; read by hand in [`SyncState::decode`]).
#[derive(Serialize)]
struct StoredState<'a> {
    format: &'static str,
    version: u32,
    since: Option<&'a str>,
    docs: StoredDocs<'a>,
}

/// The documents, as an object keyed by note id.
struct StoredDocs<'a>(&'a FxHashMap<NoteId, DocMeta>);

impl Serialize for StoredDocs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .iter()
                .map(|(id, meta)| (id.to_string(), StoredMeta::of(meta))),
        )
    }
}

/// One document's entry, as stored.
#[derive(Serialize)]
struct StoredMeta<'a> {
    rev: &'a str,
    modified: Timestamp,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<StoredUser<'a>>,
}

/// A document's author, as stored.
#[derive(Serialize)]
struct StoredUser<'a> {
    id: &'a str,
    name: &'a str,
}

impl<'a> StoredMeta<'a> {
    fn of(meta: &'a DocMeta) -> StoredMeta<'a> {
        StoredMeta {
            rev: &meta.rev,
            modified: meta.modified,
            deleted: meta.deleted,
            creator: meta.creator.as_ref().map(|u| StoredUser {
                id: &u.id,
                name: &u.name,
            }),
        }
    }
}

/// The body of a `_changes` request filtered to one article's annotations (a Mango selector).
#[derive(Serialize)]
struct ChangesFilter<'a> {
    selector: ChangesSelector<'a>,
}

#[derive(Serialize)]
struct ChangesSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    article: &'a str,
}

/// Why a stored [`SyncState`] was not read. The caller starts from an empty state: the next
/// round pulls everything again, which the merge makes harmless.
#[derive(Debug, Error)]
pub enum StateError {
    /// Not JSON.
    #[error("the stored sync state is not JSON")]
    NotJson(#[source] serde_json::Error),
    /// Not this shape: the field that is not.
    #[error("the stored sync state is unreadable")]
    Shape(#[source] DocError),
    /// Another format or version.
    #[error("the stored sync state is not of a format this version reads")]
    UnknownFormat,
}

impl SyncState {
    /// The stored form: `{format, version, since, docs: {<note id>: {rev, modified, deleted?,
    /// creator?}}}`.
    pub fn encode(&self) -> String {
        let stored = StoredState {
            format: STATE_FORMAT,
            version: STATE_VERSION,
            since: self.since.as_deref(),
            docs: StoredDocs(&self.docs),
        };
        // Plain structs of strings and numbers always serialise; a time past the year 9999 (no
        // note has one) would leave the state unsaved, and the next round pulls again.
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// Reads the stored form.
    pub fn decode(raw: &str) -> Result<SyncState, StateError> {
        let value: Value = serde_json::from_str(raw).map_err(StateError::NotJson)?;
        let stored = Obj::of(&value, "state").map_err(StateError::Shape)?;
        let ours = stored.str("format").ok().flatten() == Some(STATE_FORMAT)
            && stored.number("version").ok().flatten() == Some(u64::from(STATE_VERSION));
        if !ours {
            return Err(StateError::UnknownFormat);
        }
        let read = || -> Result<SyncState, DocError> {
            let mut docs = FxHashMap::default();
            if let Some(listed) = stored.object("docs")? {
                for (id, meta) in listed.entries() {
                    let id = NoteId::parse(id).map_err(DocError::BadId)?;
                    let meta = Obj::of(meta, "docs")?;
                    let modified = meta.string("modified")?;
                    docs.insert(
                        id,
                        DocMeta {
                            rev: meta.string("rev")?.to_owned(),
                            modified: Timestamp::parse_iso(modified)
                                .ok_or(DocError::Shape("modified"))?,
                            deleted: meta.flag("deleted")?,
                            creator: meta.user("creator")?,
                        },
                    );
                }
            }
            Ok(SyncState {
                since: stored.str("since")?.map(str::to_owned),
                docs,
            })
        };
        read().map_err(StateError::Shape)
    }

    /// The author of a note, as the server last said; `None` for notes it does not hold or that
    /// name no author.
    pub fn creator_of(&self, id: NoteId) -> Option<&User> {
        self.docs.get(&id).and_then(|m| m.creator.as_ref())
    }

    /// Whether `user` may edit or delete the note `id` (see [`editable`]).
    pub fn editable(&self, id: NoteId, user: Option<&User>) -> bool {
        editable(self.creator_of(id), user)
    }

    /// How many local changes the server has not seen: what the status shows as "chưa đồng bộ".
    pub fn pending(&self, local: &Notes, user: Option<&User>) -> usize {
        pending_writes(self, local, user).count()
    }
}

/// A local change to write.
enum PendingWrite<'a> {
    Note(&'a Rc<Note>, Option<&'a DocMeta>),
    Deletion(&'a Tombstone, &'a DocMeta),
}

impl PendingWrite<'_> {
    fn id(&self) -> NoteId {
        match self {
            PendingWrite::Note(n, _) => n.id,
            PendingWrite::Deletion(t, _) => t.id,
        }
    }
}

/// The local changes the server has not seen: notes newer than its copy (or that it lacks), and
/// deletions of notes it still holds, newer than its copy. Notes by other users are not written.
fn pending_writes<'a>(
    state: &'a SyncState,
    local: &'a Notes,
    user: Option<&'a User>,
) -> impl Iterator<Item = PendingWrite<'a>> + 'a {
    let notes = local.notes.iter().filter_map(move |n| {
        let meta = state.docs.get(&n.id);
        let newer = meta.is_none_or(|m| n.modified > m.modified);
        let mine = editable(meta.and_then(|m| m.creator.as_ref()), user);
        (newer && mine).then_some(PendingWrite::Note(n, meta))
    });
    let deletions = local.deleted.iter().filter_map(move |t| {
        let meta = state.docs.get(&t.id)?;
        let newer = !meta.deleted && t.deleted >= meta.modified;
        (newer && editable(meta.creator.as_ref(), user)).then_some(PendingWrite::Deletion(t, meta))
    });
    notes.chain(deletions)
}

/// What the replicator needs to know besides the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// The article, its W3C source and its notes' language.
    pub context: DocContext,
    /// The reader, when the host names them: the author written on their notes.
    pub user: Option<User>,
    /// Ask the server to filter `_changes` to this article's documents (a POST with a Mango
    /// selector, CouchDB 2+, Cloudant, PouchDB); without it every change is read and the other
    /// articles' documents ignored.
    pub selector_filter: bool,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST, with a JSON body.
    Post,
}

/// A request to make: `path` is relative to the database URL (append it after a `/`); the shell
/// sends `Accept: application/json` (and `Content-Type: application/json` with a body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// Path and query, relative to the database URL.
    pub path: String,
    /// The JSON body, for a POST.
    pub body: Option<String>,
}

/// The server's answer; `status` 0 when no answer came (offline, DNS, CORS, a timeout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status, or 0.
    pub status: u16,
    /// The body as text.
    pub body: String,
}

/// What the round does next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Next {
    /// Make this request and pass its answer to [`Replicator::on_response`].
    Request(Request),
    /// The round is over; save [`Replicator::state`].
    #[default]
    Done,
}

/// A document from the server that was not applied, or a local note the server refused.
#[derive(Debug, Error)]
pub enum Rejection {
    /// The document is not a sound annotation.
    #[error("the server's document {id:?} was refused: {error}")]
    Doc {
        /// Its `_id` as sent (at most [`MAX_REASON_CHARS`]).
        id: String,
        /// Why.
        #[source]
        error: DocError,
    },
    /// A document with a note's id but another author: someone else's note cannot replace it.
    #[error("the server's document {0} has the id of a note by another author; it was ignored")]
    Collision(NoteId),
    /// The server refused to write a note (`forbidden`, `unauthorized`, …).
    #[error("the server refused to save note {id}: {error}: {reason}")]
    Refused {
        /// The note.
        id: NoteId,
        /// CouchDB's error name.
        error: String,
        /// CouchDB's reason.
        reason: String,
    },
    /// The note's document is larger than the server accepts (413 on it alone).
    #[error("note {0} is larger than the server accepts")]
    TooLarge(NoteId),
}

/// What one answer did.
#[derive(Debug, Default)]
pub struct Step {
    /// Remote notes and deletions to merge into the local notes (`NotesAction::Merge`), before
    /// the next call.
    pub merge: Option<Notes>,
    /// What was refused.
    pub rejected: Vec<Rejection>,
    /// What to do next.
    pub next: Next,
}

/// Why a round ended early. Nothing the server sent is applied from the answer that failed.
#[derive(Debug, Error)]
pub enum SyncError {
    /// No answer (offline, the server down, DNS, CORS).
    #[error("the sync server could not be reached")]
    Offline,
    /// 401: not logged in.
    #[error("the sync server asks to log in (401)")]
    Unauthorized,
    /// 403: not allowed to read or write this database.
    #[error("the sync server does not allow this reader (403)")]
    Forbidden,
    /// 404 on the database.
    #[error("the sync database does not exist (404)")]
    NoDatabase,
    /// 413, or an answer larger than [`MAX_RESPONSE_BYTES`].
    #[error("the sync server's answer or the request is too large")]
    TooLarge,
    /// Any other unexpected status.
    #[error("the sync server answered with status {0}")]
    Status(u16),
    /// The answer is not JSON (an HTML error page, a proxy's login form, a cut answer).
    #[error("the sync server's answer is not JSON{}", if *.html { " (an HTML page)" } else { "" })]
    NotJson {
        /// It looks like HTML.
        html: bool,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// JSON of the wrong shape.
    #[error("the sync server's answer does not have the expected shape: {0}")]
    BadShape(&'static str),
    /// [`Replicator::on_response`] called with no request in flight.
    #[error("no sync request is in flight")]
    NotWaiting,
}

impl SyncError {
    /// Whether trying again later may help without the reader doing anything (back off and
    /// retry), as opposed to needing a login or the site's fix (retry at the longest delay).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            SyncError::Offline | SyncError::Status(_) | SyncError::TooLarge
        ) || matches!(self, SyncError::NotJson { .. } | SyncError::BadShape(_))
    }
}

/// One write in a `_bulk_docs` request.
#[derive(Debug, Clone)]
struct Write {
    id: NoteId,
    /// The document, as JSON text.
    doc: String,
    /// What the server holds once it is written; `None` for deleting a losing revision.
    meta: Option<DocMeta>,
    /// Part of a conflict's resolution (kept for the next batch if this one is too large),
    /// rather than a local change (picked again from the notes).
    resolution: bool,
}

/// What the in-flight request is.
#[derive(Debug)]
enum Awaiting {
    Nothing,
    Changes,
    Leaves(NoteId),
    Bulk(Vec<Write>),
}

/// One replication round (see the module's docs).
#[derive(Debug)]
pub struct Replicator {
    config: SyncConfig,
    state: SyncState,
    awaiting: Awaiting,
    pulling: bool,
    conflicts: Vec<NoteId>,
    attempts: FxHashMap<NoteId, u32>,
    outbox: Vec<Write>,
    skip: FxHashSet<NoteId>,
    batch: usize,
    requests: usize,
}

fn reason_text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_REASON_CHARS)
        .collect()
}

/// The answer's JSON, or why it is not usable; 2xx only (other statuses are mapped first).
fn json_of(response: &Response) -> Result<Value, SyncError> {
    match response.status {
        200..=299 => {}
        0 => return Err(SyncError::Offline),
        401 => return Err(SyncError::Unauthorized),
        403 => return Err(SyncError::Forbidden),
        404 => return Err(SyncError::NoDatabase),
        413 => return Err(SyncError::TooLarge),
        s => return Err(SyncError::Status(s)),
    }
    if response.body.len() > MAX_RESPONSE_BYTES {
        return Err(SyncError::TooLarge);
    }
    serde_json::from_str(&response.body).map_err(|source| SyncError::NotJson {
        html: response.body.trim_start().starts_with('<'),
        source,
    })
}

/// The request for the database's information (`GET {db}/`), made once before the first round
/// of a page: it says whether the server filters `_changes` by a selector
/// ([`selector_filter_supported`]), and a missing database or login shows before any change is
/// read.
pub fn info_request() -> Request {
    Request {
        method: Method::Get,
        path: String::new(),
        body: None,
    }
}

/// Whether the database answering [`info_request`] with `info` filters `_changes` by a Mango
/// selector (`filter=_selector`, for [`SyncConfig::selector_filter`]): CouchDB 2 and later and
/// Cloudant give `update_seq` as a string and do; CouchDB 1 and PouchDB Server give a number and
/// do not (PouchDB Server fails on the request), so every change is read and other articles'
/// documents ignored.
pub fn selector_filter_supported(info: &Response) -> Result<bool, SyncError> {
    match json_of(info)?.get("update_seq") {
        Some(Value::String(_)) => Ok(true),
        Some(Value::Number(_)) => Ok(false),
        _ => Err(SyncError::BadShape("database information")),
    }
}

/// One leaf revision as read: what the server holds there, and its note if live.
type Leaf = (DocMeta, Option<Rc<Note>>);

/// What a `_changes` page brings, applied only once the whole page is read.
#[derive(Default)]
struct Page {
    remote: Notes,
    metas: Vec<(NoteId, DocMeta)>,
    conflicted: Vec<NoteId>,
}

/// The leaf revisions a `_changes` result lists (`style=all_docs`); none if absent or malformed.
fn doc_leaves(result: &Value) -> Vec<&str> {
    result
        .get("changes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("rev").and_then(Value::as_str))
        .collect()
}

impl Replicator {
    /// A round for `config`, from what was kept of the last ones.
    pub fn new(config: SyncConfig, state: SyncState) -> Replicator {
        Replicator {
            config,
            state,
            awaiting: Awaiting::Nothing,
            pulling: true,
            conflicts: Vec::new(),
            attempts: FxHashMap::default(),
            outbox: Vec::new(),
            skip: FxHashSet::default(),
            batch: PUSH_BATCH,
            requests: 0,
        }
    }

    /// The first request of the round (the first `_changes` page).
    pub fn start(&mut self) -> Request {
        self.requests = 1;
        self.awaiting = Awaiting::Changes;
        self.changes_request()
    }

    /// The state to keep: save it after merging the step's notes (notes first, then this).
    pub fn state(&self) -> &SyncState {
        &self.state
    }

    /// The state to keep, once the round is over.
    pub fn into_state(self) -> SyncState {
        self.state
    }

    /// Takes the answer to the request in flight. `local` is the notes as they are now (the
    /// previous steps' merges applied); `now` dates deletions whose tombstone names no time.
    pub fn on_response(
        &mut self,
        local: &Notes,
        response: Response,
        now: Timestamp,
    ) -> Result<Step, SyncError> {
        let mut step = Step::default();
        match std::mem::replace(&mut self.awaiting, Awaiting::Nothing) {
            Awaiting::Nothing => return Err(SyncError::NotWaiting),
            Awaiting::Changes => self.on_changes(local, &response, now, &mut step)?,
            Awaiting::Leaves(id) => self.on_leaves(local, id, &response, now, &mut step)?,
            Awaiting::Bulk(sent) => self.on_bulk(sent, &response, &mut step)?,
        }
        step.next = self.next(local);
        Ok(step)
    }

    fn changes_request(&self) -> Request {
        let mut path = format!(
            "_changes?include_docs=true&conflicts=true&style=all_docs&limit={CHANGES_BATCH}"
        );
        if let Some(since) = &self.state.since {
            path.push_str("&since=");
            path.push_str(&urn_part(since));
        }
        if !self.config.selector_filter {
            return Request {
                method: Method::Get,
                path,
                body: None,
            };
        }
        path.push_str("&filter=_selector");
        let filter = ChangesFilter {
            selector: ChangesSelector {
                kind: super::DOC_TYPE,
                article: &self.config.context.article_id,
            },
        };
        Request {
            method: Method::Post,
            path,
            // Two strings always serialise.
            body: Some(serde_json::to_string(&filter).unwrap_or_default()),
        }
    }

    /// The author a document with this id must have: the one the server named before, or, for a
    /// note only this device holds, this reader. `None` when any author will do (a new note).
    fn expected_creator(&self, id: NoteId, held_locally: bool) -> Option<Option<&User>> {
        match self.state.docs.get(&id) {
            Some(meta) => Some(meta.creator.as_ref()),
            None if held_locally => Some(self.config.user.as_ref()),
            None => None,
        }
    }

    fn collides(&self, id: NoteId, held_locally: bool, creator: Option<&User>) -> bool {
        self.expected_creator(id, held_locally)
            .is_some_and(|want| want.map(|u| &u.id) != creator.map(|u| &u.id))
    }

    fn on_changes(
        &mut self,
        local: &Notes,
        response: &Response,
        now: Timestamp,
        step: &mut Step,
    ) -> Result<(), SyncError> {
        let body = json_of(response)?;
        let results = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::BadShape("results"))?;
        let last_seq = match body.get("last_seq") {
            Some(Value::String(s)) => s.clone(),
            // A whole number (CouchDB 1, PouchDB); formatted as such, not through the float printer.
            Some(Value::Number(n)) => match n.as_u64() {
                Some(n) => n.to_string(),
                None => return Err(SyncError::BadShape("last_seq")),
            },
            _ => return Err(SyncError::BadShape("last_seq")),
        };
        let held: rustc_hash::FxHashSet<NoteId> = local
            .notes
            .iter()
            .map(|n| n.id)
            .chain(local.deleted.iter().map(|t| t.id))
            .collect();
        let mut page = Page::default();
        for result in results {
            let id = result
                .get("id")
                .and_then(Value::as_str)
                .ok_or(SyncError::BadShape("result id"))?;
            let doc = result
                .get("doc")
                .filter(|d| d.is_object())
                .ok_or(SyncError::BadShape("result doc"))?;
            match decode_doc(doc, &self.config.context.article_id) {
                Ok(decoded) => {
                    self.read_change(decoded, doc_leaves(result), &held, now, &mut page, step)
                }
                Err(error) => {
                    let id = id.chars().take(MAX_REASON_CHARS).collect();
                    step.rejected.push(Rejection::Doc { id, error });
                }
            }
        }
        let Page {
            remote,
            metas,
            conflicted,
        } = page;
        // The whole page was read: apply it.
        let more = body.get("pending").and_then(Value::as_u64);
        let progressed = self.state.since.as_deref() != Some(last_seq.as_str());
        self.pulling = progressed
            && !results.is_empty()
            && more.map_or(results.len() >= CHANGES_BATCH, |n| n > 0);
        self.state.docs.extend(metas);
        self.state.since = Some(last_seq);
        self.conflicts.extend(conflicted);
        if !remote.notes.is_empty() || !remote.deleted.is_empty() {
            step.merge = Some(remote);
        }
        Ok(())
    }

    /// One document of a `_changes` page, into the page being read.
    fn read_change(
        &mut self,
        decoded: RemoteDoc,
        leaves: Vec<&str>,
        held: &rustc_hash::FxHashSet<NoteId>,
        now: Timestamp,
        page: &mut Page,
        step: &mut Step,
    ) {
        match decoded {
            RemoteDoc::Other => {}
            RemoteDoc::Note {
                note,
                rev,
                creator,
                conflicts,
            } => {
                if self.collides(note.id, held.contains(&note.id), creator.as_ref()) {
                    step.rejected.push(Rejection::Collision(note.id));
                    self.skip.insert(note.id);
                    return;
                }
                // Live conflicts, or a deletion as deep as the winner that may be concurrent
                // with it (live revisions win in CouchDB; here the later change does).
                let generation = rev_generation(&rev);
                let deep_deletion = leaves.iter().any(|r| {
                    *r != rev
                        && !conflicts.iter().any(|c| c == r)
                        && rev_generation(r) >= generation
                });
                if !conflicts.is_empty() || deep_deletion {
                    page.conflicted.push(note.id);
                }
                let meta = DocMeta {
                    rev,
                    modified: note.modified,
                    deleted: false,
                    creator,
                };
                page.metas.push((note.id, meta));
                page.remote.notes.push(Rc::new(note));
            }
            RemoteDoc::Deleted {
                id,
                rev,
                deleted,
                creator,
                names_article,
            } => {
                let known = held.contains(&id) || self.state.docs.contains_key(&id);
                if !names_article && !known {
                    return;
                }
                if creator.is_some() && self.collides(id, held.contains(&id), creator.as_ref()) {
                    step.rejected.push(Rejection::Collision(id));
                    self.skip.insert(id);
                    return;
                }
                if deleted.is_none() && leaves.len() > 1 {
                    // A losing branch's deletion came out on top: the leaves say when the note
                    // itself was deleted.
                    page.conflicted.push(id);
                    return;
                }
                let deleted = deleted.unwrap_or(now);
                let creator = creator.or_else(|| self.state.creator_of(id).cloned());
                let meta = DocMeta {
                    rev,
                    modified: deleted,
                    deleted: true,
                    creator,
                };
                page.metas.push((id, meta));
                page.remote.deleted.push(Tombstone { id, deleted });
            }
        }
    }

    fn on_leaves(
        &mut self,
        local: &Notes,
        id: NoteId,
        response: &Response,
        now: Timestamp,
        step: &mut Step,
    ) -> Result<(), SyncError> {
        let mut leaves = Vec::new();
        if response.status != 404 {
            let body = json_of(response)?;
            let list = body
                .as_array()
                .ok_or(SyncError::BadShape("open_revs list"))?;
            for leaf in list {
                // {"missing": rev} names a revision the server no longer has.
                let Some(doc) = leaf.get("ok") else { continue };
                match decode_doc(doc, &self.config.context.article_id) {
                    Ok(RemoteDoc::Other) => {}
                    Ok(d) => leaves.push(d),
                    Err(error) => {
                        step.rejected.push(Rejection::Doc {
                            id: id.to_string(),
                            error,
                        });
                        self.skip.insert(id);
                        return Ok(());
                    }
                }
            }
        }
        self.resolve(local, id, leaves, now, step);
        Ok(())
    }

    /// The leaves of one document as what the server holds there and the note, if live; `None`
    /// if one collides with a local note by another author. A tombstone naming no time (a losing
    /// revision deleted after a conflict, or a document deleted by hand) counts only when no
    /// other leaf is there, as deleted now.
    fn read_leaves(
        &mut self,
        id: NoteId,
        held: bool,
        leaves: Vec<RemoteDoc>,
        now: Timestamp,
        step: &mut Step,
    ) -> Option<Vec<Leaf>> {
        let mut read: Vec<Leaf> = Vec::new();
        let mut untimed: Vec<Leaf> = Vec::new();
        for leaf in leaves {
            match leaf {
                RemoteDoc::Note {
                    note, rev, creator, ..
                } => {
                    if self.collides(id, held, creator.as_ref()) {
                        step.rejected.push(Rejection::Collision(id));
                        self.skip.insert(id);
                        return None;
                    }
                    let meta = DocMeta {
                        rev,
                        modified: note.modified,
                        deleted: false,
                        creator,
                    };
                    read.push((meta, Some(Rc::new(note))));
                }
                RemoteDoc::Deleted {
                    rev,
                    deleted,
                    creator,
                    ..
                } => {
                    let meta = DocMeta {
                        rev,
                        modified: deleted.unwrap_or(now),
                        deleted: true,
                        creator,
                    };
                    if deleted.is_some() {
                        read.push((meta, None));
                    } else {
                        untimed.push((meta, None));
                    }
                }
                RemoteDoc::Other => {}
            }
        }
        if read.is_empty() {
            read.extend(untimed);
        }
        Some(read)
    }

    /// Decides one document's conflict (see the module's docs) and queues the writes.
    fn resolve(
        &mut self,
        local: &Notes,
        id: NoteId,
        leaves: Vec<RemoteDoc>,
        now: Timestamp,
        step: &mut Step,
    ) {
        let held = local.get(id).is_some() || local.deleted.iter().any(|t| t.id == id);
        let Some(read) = self.read_leaves(id, held, leaves, now, step) else {
            return;
        };
        let Some((current_meta, current_note)) = read
            .iter()
            .max_by_key(|(m, _)| (!m.deleted, rev_generation(&m.rev), m.rev.as_str()))
        else {
            // The server has no such document (any more): the note is written anew.
            self.state.docs.remove(&id);
            return;
        };
        let creator = read.iter().find_map(|(m, _)| m.creator.clone());
        let remote = Notes {
            notes: read.iter().filter_map(|(_, n)| n.clone()).collect(),
            deleted: read
                .iter()
                .filter(|(m, _)| m.deleted)
                .map(|(m, _)| Tombstone {
                    id,
                    deleted: m.modified,
                })
                .collect(),
        };
        let mine = Notes {
            notes: local.notes.iter().filter(|n| n.id == id).cloned().collect(),
            deleted: local
                .deleted
                .iter()
                .filter(|t| t.id == id)
                .copied()
                .collect(),
        };
        let decided = remote.merge(&mine);
        let merge = step.merge.get_or_insert_with(Notes::default);
        merge.notes.extend(remote.notes.iter().cloned());
        merge.deleted.extend(remote.deleted.iter().copied());
        self.state.docs.insert(
            id,
            DocMeta {
                creator: creator.clone(),
                ..current_meta.clone()
            },
        );
        if !editable(creator.as_ref(), self.config.user.as_ref()) {
            return; // Another author's conflict is theirs (or an admin's) to resolve.
        }
        let current = current_meta.rev.as_str();
        let live = read.iter().filter(|(m, _)| !m.deleted).map(|(m, _)| m);
        let ctx = &self.config.context;
        let mut writes = Vec::new();
        match decided.get(id) {
            Some(winner) => {
                if current_note.as_deref() != Some(winner) {
                    let meta = DocMeta {
                        rev: String::new(),
                        modified: winner.modified,
                        deleted: false,
                        creator: creator.clone(),
                    };
                    // Over a tombstone no revision is given: CouchDB extends the deleted branch.
                    let rev = (!current_meta.deleted).then_some(current);
                    let doc = note_doc(winner, rev, creator.as_ref(), ctx);
                    writes.push((doc, Some(meta)));
                }
                for loser in live.filter(|m| m.rev != current) {
                    writes.push((
                        losing_revision_doc(id, &loser.rev, creator.as_ref(), ctx),
                        None,
                    ));
                }
            }
            None => {
                let deleted = decided
                    .deleted
                    .iter()
                    .find(|t| t.id == id)
                    .map_or(now, |t| t.deleted);
                let tomb = Tombstone { id, deleted };
                for leaf in live {
                    let doc = tombstone_doc(&tomb, &leaf.rev, creator.as_ref(), ctx);
                    let meta = (leaf.rev == current).then(|| DocMeta {
                        rev: String::new(),
                        modified: deleted,
                        deleted: true,
                        creator: creator.clone(),
                    });
                    writes.push((doc, meta));
                }
            }
        }
        self.outbox
            .extend(writes.into_iter().map(|(doc, meta)| Write {
                id,
                doc,
                meta,
                resolution: true,
            }));
    }

    fn on_bulk(
        &mut self,
        sent: Vec<Write>,
        response: &Response,
        step: &mut Step,
    ) -> Result<(), SyncError> {
        if response.status == 413 {
            match sent.as_slice() {
                [only] => {
                    step.rejected.push(Rejection::TooLarge(only.id));
                    self.skip.insert(only.id);
                }
                _ => {
                    // Smaller batches; local changes are picked again from the notes, resolutions
                    // kept.
                    self.batch = (sent.len() / 2).max(1);
                    self.outbox
                        .extend(sent.into_iter().filter(|w| w.resolution));
                }
            }
            return Ok(());
        }
        let body = json_of(response)?;
        let results = body
            .as_array()
            .ok_or(SyncError::BadShape("_bulk_docs list"))?;
        if results.len() != sent.len() {
            return Err(SyncError::BadShape("one _bulk_docs result per document"));
        }
        // Every result checked before any is applied.
        let mut outcomes = Vec::with_capacity(sent.len());
        for (write, result) in sent.iter().zip(results) {
            if result.get("id").and_then(Value::as_str) != Some(write.id.to_string().as_str()) {
                return Err(SyncError::BadShape("_bulk_docs result id"));
            }
            let outcome = match (
                result.get("error"),
                result.get("rev").and_then(Value::as_str),
            ) {
                (None, Some(rev)) if rev_generation(rev).is_some() => Ok(rev.to_owned()),
                (Some(Value::String(error)), _) => {
                    Err(error.chars().take(MAX_REASON_CHARS).collect::<String>())
                }
                _ => return Err(SyncError::BadShape("_bulk_docs result")),
            };
            outcomes.push(outcome);
        }
        for ((write, result), outcome) in sent.into_iter().zip(results).zip(outcomes) {
            match outcome {
                Ok(rev) => {
                    if let Some(meta) = write.meta {
                        self.state.docs.insert(write.id, DocMeta { rev, ..meta });
                    }
                }
                Err(error) if error == "conflict" => {
                    let tries = self.attempts.entry(write.id).or_insert(0);
                    *tries += 1;
                    if *tries > MAX_CONFLICT_ATTEMPTS {
                        self.skip.insert(write.id);
                    } else if !self.conflicts.contains(&write.id) {
                        self.conflicts.push(write.id);
                    }
                }
                Err(error) => {
                    let reason = reason_text(result.get("reason"));
                    step.rejected.push(Rejection::Refused {
                        id: write.id,
                        error,
                        reason,
                    });
                    self.skip.insert(write.id);
                }
            }
        }
        Ok(())
    }

    /// The write of one local change.
    fn local_write(&self, pending: PendingWrite<'_>) -> Write {
        let user = self.config.user.as_ref();
        let ctx = &self.config.context;
        match pending {
            // A document keeps the author it was created with (none stays none).
            PendingWrite::Note(note, meta) => {
                let creator = meta.map_or(user, |m| m.creator.as_ref());
                Write {
                    id: note.id,
                    // Over a tombstone no revision is given: CouchDB extends the deleted branch.
                    doc: note_doc(
                        note,
                        meta.filter(|m| !m.deleted).map(|m| m.rev.as_str()),
                        creator,
                        ctx,
                    ),
                    meta: Some(DocMeta {
                        rev: String::new(),
                        modified: note.modified,
                        deleted: false,
                        creator: creator.cloned(),
                    }),
                    resolution: false,
                }
            }
            PendingWrite::Deletion(tomb, meta) => {
                let creator = meta.creator.as_ref();
                Write {
                    id: tomb.id,
                    doc: tombstone_doc(tomb, &meta.rev, creator, ctx),
                    meta: Some(DocMeta {
                        rev: String::new(),
                        modified: tomb.deleted,
                        deleted: true,
                        creator: creator.cloned(),
                    }),
                    resolution: false,
                }
            }
        }
    }

    /// The next request: more changes, then conflicts, then writes; or the end of the round.
    fn next(&mut self, local: &Notes) -> Next {
        self.requests += 1;
        if self.requests > MAX_ROUND_REQUESTS {
            return Next::Done;
        }
        if self.pulling {
            self.awaiting = Awaiting::Changes;
            return Next::Request(self.changes_request());
        }
        if let Some(id) = self.conflicts.pop() {
            self.awaiting = Awaiting::Leaves(id);
            return Next::Request(Request {
                method: Method::Get,
                path: format!("{id}?open_revs=all"),
                body: None,
            });
        }
        let take = self.outbox.len().min(self.batch);
        let mut batch: Vec<Write> = self.outbox.drain(..take).collect();
        let mut taken: FxHashSet<NoteId> = batch.iter().chain(&self.outbox).map(|w| w.id).collect();
        taken.extend(self.skip.iter().copied());
        for pending in pending_writes(&self.state, local, self.config.user.as_ref()) {
            if batch.len() >= self.batch {
                break;
            }
            if taken.insert(pending.id()) {
                batch.push(self.local_write(pending));
            }
        }
        if batch.is_empty() {
            return Next::Done;
        }
        let docs: Vec<&str> = batch.iter().map(|w| w.doc.as_str()).collect();
        let body = format!("{{\"docs\":[{}]}}", docs.join(","));
        self.awaiting = Awaiting::Bulk(batch);
        Next::Request(Request {
            method: Method::Post,
            path: "_bulk_docs".into(),
            body: Some(body),
        })
    }
}
