//! A tiny in-memory CouchDB for the sync tests: leaf revisions per document, `_changes` with a
//! Mango selector on `type` and `article`, `_bulk_docs` with 409 conflicts, `open_revs=all`,
//! conflicts made as a second replica would make them, and the example design document's
//! `validate_doc_update` rule (authors write only their own notes; `admin` anything).

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::{json, Map, Value};

use super::doc::rev_generation;
use super::replicate::{Method, Request, Response};

/// The session name that may do anything.
pub const ADMIN: &str = "admin";

#[derive(Debug, Clone)]
struct Leaf {
    rev: String,
    deleted: bool,
    /// The document's fields without `_id`, `_rev`, `_deleted`.
    body: Map<String, Value>,
}

/// The database.
#[derive(Debug, Default)]
pub struct Couch {
    docs: BTreeMap<String, Vec<Leaf>>,
    seq: u64,
    changed_at: BTreeMap<String, u64>,
    /// Enforce the authors' rule for non-admin sessions.
    pub validate: bool,
}

fn rev_after(parent: Option<&str>, body: &Map<String, Value>, salt: &str) -> String {
    let generation = parent.and_then(rev_generation).unwrap_or(0) + 1;
    let mut h = DefaultHasher::new();
    (parent, Value::Object(body.clone()).to_string(), salt).hash(&mut h);
    format!("{generation}-{:016x}", h.finish())
}

fn winner(leaves: &[Leaf]) -> Option<&Leaf> {
    leaves
        .iter()
        .max_by_key(|l| (!l.deleted, rev_generation(&l.rev), l.rev.clone()))
}

fn full(id: &str, leaf: &Leaf) -> Map<String, Value> {
    let mut doc = leaf.body.clone();
    doc.insert("_id".into(), id.into());
    doc.insert("_rev".into(), leaf.rev.clone().into());
    if leaf.deleted {
        doc.insert("_deleted".into(), true.into());
    }
    doc
}

fn creator_id(body: &Map<String, Value>) -> Option<&str> {
    body.get("creator")?.get("id")?.as_str()
}

fn answer(status: u16, body: Value) -> Response {
    Response {
        status,
        body: body.to_string(),
    }
}

impl Couch {
    /// A database that enforces the authors' rule.
    pub fn shared() -> Couch {
        Couch {
            validate: true,
            ..Couch::default()
        }
    }

    /// Serves one request for the session `user` (a CouchDB user name).
    pub fn handle(&mut self, request: &Request, user: Option<&str>) -> Response {
        let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
        let params: BTreeMap<&str, &str> =
            query.split('&').filter_map(|p| p.split_once('=')).collect();
        let body: Value = request
            .body
            .as_deref()
            .map(|b| serde_json::from_str(b).expect("the client sends JSON"))
            .unwrap_or(Value::Null);
        match (request.method, path) {
            (_, "_changes") => self.changes(&params, &body),
            (Method::Post, "_bulk_docs") => self.bulk_docs(&body, user),
            (Method::Get, id) if params.get("open_revs") == Some(&"all") => self.open_revs(id),
            _ => answer(400, json!({"error": "bad_request"})),
        }
    }

    fn changes(&self, params: &BTreeMap<&str, &str>, body: &Value) -> Response {
        let since: u64 = params
            .get("since")
            .and_then(|s| s.split('-').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let limit: usize = params
            .get("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(usize::MAX);
        let selector = (params.get("filter") == Some(&"_selector")).then(|| &body["selector"]);
        let mut changed: Vec<(u64, &String)> = self
            .changed_at
            .iter()
            .filter(|&(_, &s)| s > since)
            .map(|(id, &s)| (s, id))
            .collect();
        changed.sort();
        let matching: Vec<(u64, &String, &Leaf)> = changed
            .into_iter()
            .filter_map(|(s, id)| Some((s, id, winner(self.docs.get(id)?)?)))
            .filter(|(_, _, leaf)| {
                selector.is_none_or(|sel| {
                    sel.as_object()
                        .expect("selector object")
                        .iter()
                        .all(|(k, v)| leaf.body.get(k) == Some(v))
                })
            })
            .collect();
        let page: Vec<_> = matching.iter().take(limit).collect();
        let pending = matching.len() - page.len();
        let results: Vec<Value> = page
            .iter()
            .map(|&&(s, id, leaf)| {
                let leaves = &self.docs[id];
                let mut doc = full(id, leaf);
                let mut conflicts: Vec<String> = leaves
                    .iter()
                    .filter(|l| !l.deleted && l.rev != leaf.rev)
                    .map(|l| l.rev.clone())
                    .collect();
                conflicts.sort_by(|a, b| b.cmp(a));
                if !conflicts.is_empty() {
                    doc.insert("_conflicts".into(), json!(conflicts));
                }
                let changes: Vec<Value> = leaves.iter().map(|l| json!({"rev": l.rev})).collect();
                let mut change =
                    json!({"seq": format!("{s}-g1AAAA"), "id": id, "changes": changes, "doc": doc});
                if leaf.deleted {
                    change["deleted"] = true.into();
                }
                change
            })
            .collect();
        let last = page.last().map_or(self.seq.max(since), |&&(s, _, _)| s);
        answer(
            200,
            json!({"results": results, "last_seq": format!("{last}-g1AAAA"), "pending": pending}),
        )
    }

    /// The design document's rule: `None` when allowed, else CouchDB's `forbidden` reason.
    fn refuses(
        &self,
        user: Option<&str>,
        old: Option<&Leaf>,
        new: &Map<String, Value>,
        deleting: bool,
    ) -> Option<String> {
        if !self.validate || user == Some(ADMIN) {
            return None;
        }
        let name = user?;
        if let Some(old) = old.filter(|o| !o.deleted) {
            if creator_id(&old.body) != Some(name) {
                return Some("only the author may change or delete a note".into());
            }
        }
        (!deleting && creator_id(new) != Some(name))
            .then(|| "the creator must be the session's user".into())
    }

    fn bulk_docs(&mut self, body: &Value, user: Option<&str>) -> Response {
        if self.validate && user.is_none() {
            return answer(
                401,
                json!({"error": "unauthorized", "reason": "You are not authorized."}),
            );
        }
        let docs = body["docs"].as_array().expect("docs");
        let mut results = Vec::new();
        for doc in docs {
            let mut fields = doc.as_object().expect("doc object").clone();
            let id = fields
                .remove("_id")
                .and_then(|v| v.as_str().map(str::to_owned))
                .expect("_id");
            let rev = fields
                .remove("_rev")
                .and_then(|v| v.as_str().map(str::to_owned));
            let deleted = fields.remove("_deleted") == Some(Value::Bool(true));
            results.push(self.write(&id, rev.as_deref(), deleted, fields, user));
        }
        answer(201, Value::Array(results))
    }

    fn write(
        &mut self,
        id: &str,
        rev: Option<&str>,
        deleted: bool,
        body: Map<String, Value>,
        user: Option<&str>,
    ) -> Value {
        let leaves = self.docs.get(id).cloned().unwrap_or_default();
        let replaced = match rev {
            Some(rev) => leaves.iter().position(|l| l.rev == rev),
            // A new document, or one whose every leaf is deleted: the write extends the winner.
            None if leaves.iter().all(|l| l.deleted) => Some(
                winner(&leaves)
                    .and_then(|w| leaves.iter().position(|l| l.rev == w.rev))
                    .unwrap_or(usize::MAX),
            ),
            None => None,
        };
        let Some(index) = replaced else {
            return json!({"id": id, "error": "conflict", "reason": "Document update conflict."});
        };
        let old = leaves.get(index);
        if let Some(reason) = self.refuses(user, old, &body, deleted) {
            return json!({"id": id, "error": "forbidden", "reason": reason});
        }
        let new_rev = rev_after(old.map(|o| o.rev.as_str()), &body, "");
        let leaf = Leaf {
            rev: new_rev.clone(),
            deleted,
            body,
        };
        let leaves = self.docs.entry(id.to_owned()).or_default();
        match leaves.get_mut(index) {
            Some(slot) => *slot = leaf,
            None => leaves.push(leaf),
        }
        self.seq += 1;
        self.changed_at.insert(id.to_owned(), self.seq);
        json!({"ok": true, "id": id, "rev": new_rev})
    }

    fn open_revs(&self, id: &str) -> Response {
        match self.docs.get(id).filter(|l| !l.is_empty()) {
            None => answer(404, json!({"error": "not_found", "reason": "missing"})),
            Some(leaves) => answer(
                200,
                leaves.iter().map(|l| json!({"ok": full(id, l)})).collect(),
            ),
        }
    }

    /// Adds `doc` as a sibling of the winning revision, as replicating another node's edit of the
    /// same parent does (CouchDB keeps both, one in `_conflicts`).
    pub fn add_conflict(&mut self, doc: &Value) {
        let mut fields = doc.as_object().expect("doc object").clone();
        let id = fields
            .remove("_id")
            .and_then(|v| v.as_str().map(str::to_owned))
            .expect("_id");
        fields.remove("_rev");
        let deleted = fields.remove("_deleted") == Some(Value::Bool(true));
        let leaves = self.docs.get_mut(&id).expect("a document to conflict with");
        let parent_generation = winner(leaves)
            .and_then(|w| rev_generation(&w.rev))
            .unwrap_or(1)
            - 1;
        let parent = format!("{parent_generation}-0");
        let rev = rev_after(Some(&parent), &fields, "other replica");
        leaves.push(Leaf {
            rev,
            deleted,
            body: fields,
        });
        self.seq += 1;
        self.changed_at.insert(id, self.seq);
    }

    /// The current (winning) revision of a document, as GET would return it (with `_deleted`).
    pub fn current(&self, id: &str) -> Option<Value> {
        let leaves = self.docs.get(id)?;
        winner(leaves).map(|l| Value::Object(full(id, l)))
    }

    /// How many live leaves a document has (more than one: in conflict).
    pub fn live_leaves(&self, id: &str) -> usize {
        self.docs
            .get(id)
            .map_or(0, |l| l.iter().filter(|l| !l.deleted).count())
    }
}
