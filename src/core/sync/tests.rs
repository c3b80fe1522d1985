//! Sync against scripted responses and a tiny in-memory CouchDB ([`super::couch_model`]): the
//! document shape, strict reading, the replication round, conflicts, deletions, bad servers,
//! shared databases and the back-off.

use std::time::Duration;

use serde_json::{json, Value};

use super::couch_model::{Couch, ADMIN};
use super::*;
use crate::core::notes::{
    Note, NoteColor, NoteId, Notes, NotesAction, Target, TextPosition, TextQuote, Timestamp,
    Tombstone,
};

const ARTICLE: &str = "a-test";

fn ctx() -> DocContext {
    DocContext::new(ARTICLE, Some("https://bao.example/bai-viet"), "vi")
}

/// [`super::note_doc`] read back as JSON (the widget sends the text).
fn note_doc(note: &Note, rev: Option<&str>, creator: Option<&User>, ctx: &DocContext) -> Value {
    serde_json::from_str(&super::note_doc(note, rev, creator, ctx)).expect("a document is JSON")
}

/// [`super::tombstone_doc`] read back as JSON.
fn tombstone_doc(tomb: &Tombstone, rev: &str, creator: Option<&User>, ctx: &DocContext) -> Value {
    serde_json::from_str(&super::tombstone_doc(tomb, rev, creator, ctx))
        .expect("a document is JSON")
}

fn user(id: &str) -> User {
    User {
        id: id.into(),
        name: format!("Phóng viên {id}"),
    }
}

fn id(n: u8) -> NoteId {
    NoteId::from_random_bytes([n; 16])
}

fn target(paragraph: &str, passage: bool) -> Target {
    Target {
        paragraph: paragraph.into(),
        passage,
        quote: TextQuote {
            exact: "Tỉnh ủy".into(),
            prefix: "Ban Thường vụ ".into(),
            suffix: " họp".into(),
        },
        position: TextPosition { start: 14, end: 21 },
    }
}

fn note(n: u8, text: &str, modified: u64) -> Note {
    Note {
        id: id(n),
        target: target("p2-abc", false),
        text: text.into(),
        tags: vec![],
        created: Timestamp(1_000),
        modified: Timestamp(modified),
        orphan: false,
        color: None,
    }
}

// ---------------------------------------------------------------------------------------------
// The document.

#[track_caller]
fn assert_round_trips(note: &Note, creator: Option<&User>) {
    let doc = note_doc(note, Some("1-abc"), creator, &ctx());
    assert_eq!(doc["_id"], note.id.to_string());
    assert_eq!(doc["type"], DOC_TYPE);
    assert_eq!(doc["article"], ARTICLE);
    let a = &doc["annotation"];
    assert_eq!(a["@context"], crate::core::w3c::ANNO_CONTEXT);
    assert_eq!(a["type"], "Annotation");
    assert_eq!(a["id"], format!("urn:uuid:{}", note.id));
    assert_eq!(a["target"]["source"], "https://bao.example/bai-viet");
    match decode_doc(&doc, ARTICLE) {
        Ok(RemoteDoc::Note {
            note: got,
            rev,
            creator: got_creator,
            conflicts,
        }) => {
            assert_eq!(&got, note, "the note round-trips exactly");
            assert_eq!(got_creator.as_ref(), creator);
            assert_eq!((rev.as_str(), conflicts.len()), ("1-abc", 0));
        }
        other => panic!("not read back as a note: {other:?}"),
    }
}

#[test]
fn documents_round_trip_every_native_field() {
    let mut tagged = note(2, "Ghi chú có nhãn", 2_000);
    tagged.tags = vec!["nhân sự".into(), "Bổ nhiệm".into()];
    tagged.color = Some(NoteColor::Pink);
    let mut passage = note(3, "Đoạn trích <b>không phải</b> mã HTML & \"ngoặc\"", 3_000);
    passage.target = target("p7-xyz", true);
    let mut orphan = note(4, "Mồ côi\nhai dòng", 4_000);
    orphan.orphan = true;
    orphan.color = Some(NoteColor::Purple);
    let alice = user("alice");
    let cases: Vec<(Note, Option<&User>)> = vec![
        (note(1, "Ghi chú", 1_500), None),
        (note(1, "Ghi chú", 1_500), Some(&alice)),
        (tagged, Some(&alice)),
        (passage, None),
        (orphan, Some(&alice)),
    ];
    for (note, creator) in &cases {
        assert_round_trips(note, *creator);
    }
}

#[test]
fn the_annotation_carries_the_w3c_creator_and_the_tombstone_its_time() {
    let alice = user("alice@báo");
    let doc = note_doc(&note(1, "x", 2_000), None, Some(&alice), &ctx());
    assert_eq!(
        doc["annotation"]["creator"],
        json!({"id": "urn:article-annotator:user:alice%40b%C3%A1o", "type": "Person", "name": "Phóng viên alice@báo"})
    );
    assert_eq!(
        doc["creator"],
        json!({"id": "alice@báo", "name": "Phóng viên alice@báo"})
    );
    assert!(doc.get("_rev").is_none(), "a new document has no revision");
    let tomb = Tombstone {
        id: id(1),
        deleted: Timestamp(5_000),
    };
    let doc = tombstone_doc(&tomb, "2-abc", Some(&alice), &ctx());
    assert_eq!(doc["_deleted"], true);
    assert_eq!(doc["deleted"], Timestamp(5_000).iso());
    match decode_doc(&doc, ARTICLE) {
        Ok(RemoteDoc::Deleted {
            id: got,
            deleted,
            creator,
            names_article,
            ..
        }) => {
            assert_eq!(
                (got, deleted, names_article),
                (id(1), Some(Timestamp(5_000)), true)
            );
            assert_eq!(creator, Some(alice));
        }
        other => panic!("not read back as a deletion: {other:?}"),
    }
    // A tombstone deleted by hand keeps only its id and revision.
    let bare = json!({"_id": id(1).to_string(), "_rev": "3-abc", "_deleted": true});
    assert!(matches!(
        decode_doc(&bare, ARTICLE),
        Ok(RemoteDoc::Deleted {
            deleted: None,
            names_article: false,
            ..
        })
    ));
}

#[test]
fn an_article_without_url_is_named_as_the_w3c_export_names_it() {
    let doc = note_doc(
        &note(1, "x", 2_000),
        None,
        None,
        &DocContext::new("bài 1", None, "vi"),
    );
    assert_eq!(
        doc["annotation"]["target"]["source"],
        "urn:article-annotator:article:b%C3%A0i%201"
    );
    assert_eq!(doc["article"], "bài 1");
}

#[test]
fn documents_of_others_are_ignored() {
    let good = note_doc(&note(1, "x", 2_000), Some("1-a"), None, &ctx());
    let mut other_article = good.clone();
    other_article["article"] = "a-other".into();
    let mut other_type = good.clone();
    other_type["type"] = "invoice".into();
    let cases = [
        json!({"_id": "_design/article-annotator", "_rev": "1-a", "validate_doc_update": "function(){}"}),
        other_article,
        other_type,
        json!({"_id": "some-other-app-doc", "_rev": "1-a", "title": "x"}),
    ];
    for doc in cases {
        assert!(
            matches!(decode_doc(&doc, ARTICLE), Ok(RemoteDoc::Other)),
            "{doc}"
        );
    }
}

type Mutation = fn(&mut Value);
/// Whether an error is the one a case expects.
type IsDocError = fn(&DocError) -> bool;
type IsSyncError = fn(&SyncError) -> bool;

#[track_caller]
fn assert_refused(mutate: Mutation, is_expected: IsDocError) {
    let mut doc = note_doc(
        &note(1, "Ghi chú", 2_000),
        Some("1-abc"),
        Some(&user("alice")),
        &ctx(),
    );
    mutate(&mut doc);
    match decode_doc(&doc, ARTICLE) {
        Err(e) => assert!(is_expected(&e), "unexpected error {e:?} for {doc}"),
        Ok(d) => panic!("accepted {d:?}"),
    }
}

#[test]
fn hostile_or_malformed_documents_are_refused_with_a_typed_error() {
    let cases: Vec<(Mutation, IsDocError)> = vec![
        (
            |d| d["_id"] = "not-a-uuid".into(),
            |e| matches!(e, DocError::BadId(_)),
        ),
        (
            |d| d["_id"] = "<script>alert(1)</script>".into(),
            |e| matches!(e, DocError::BadId(_)),
        ),
        (
            |d| d["_rev"] = 7.into(),
            |e| matches!(e, DocError::Shape(_)),
        ),
        (
            |d| d["_rev"] = "abc".into(),
            |e| matches!(e, DocError::BadRev(_)),
        ),
        (
            |d| d["_conflicts"] = json!(["x"]),
            |e| matches!(e, DocError::BadRev(_)),
        ),
        (
            |d| d["version"] = 99.into(),
            |e| matches!(e, DocError::NewerVersion { found: 99 }),
        ),
        (
            |d| d["annotation"]["body"]["value"] = 5.into(),
            |e| matches!(e, DocError::Shape(_)),
        ),
        (
            |d| d["annotation"]["body"]["value"] = "   ".into(),
            |e| matches!(e, DocError::EmptyText),
        ),
        (
            |d| {
                d["annotation"]["body"]["value"] =
                    "x".repeat(crate::core::notes::MAX_NOTE_CHARS + 1).into()
            },
            |e| matches!(e, DocError::TooLong { field: "note", .. }),
        ),
        (
            |d| d["annotation"]["body"]["value"] = "vô hại\u{202E}gnp.exe".into(),
            |e| matches!(e, DocError::HiddenCharacters("note")),
        ),
        (
            |d| d["annotation"]["body"]["value"] = "nul\u{0}".into(),
            |e| matches!(e, DocError::HiddenCharacters("note")),
        ),
        (
            |d| d["annotation"]["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
            |e| matches!(e, DocError::IdMismatch(_)),
        ),
        (
            |d| d["annotation"]["motivation"] = "bookmarking".into(),
            |e| matches!(e, DocError::NotAComment),
        ),
        (
            |d| d["annotation"]["modified"] = "hôm qua".into(),
            |e| matches!(e, DocError::BadTime { .. }),
        ),
        (
            |d| d["annotation"]["target"]["selector"] = json!([]),
            |e| matches!(e, DocError::NoSelector(_)),
        ),
        (
            |d| d["annotation"]["target"]["selector"][1]["start"] = 99.into(),
            |e| matches!(e, DocError::BadPosition { .. }),
        ),
        (
            |d| d["annotation"]["target"]["selector"][1]["end"] = (-1).into(),
            |e| matches!(e, DocError::Shape(_)),
        ),
        (
            |d| d["annotation"]["target"]["selector"][0]["prefix"] = "x".repeat(1_000).into(),
            |e| {
                matches!(
                    e,
                    DocError::TooLong {
                        field: "quote prefix",
                        ..
                    }
                )
            },
        ),
        (
            |d| d["annotation"]["target"]["styleClass"] = "aa-note-red".into(),
            |e| matches!(e, DocError::UnknownColour(_)),
        ),
        (
            |d| d["annotation"]["creator"]["id"] = "urn:article-annotator:user:mallory".into(),
            |e| matches!(e, DocError::CreatorMismatch),
        ),
        (
            |d| d["creator"]["id"] = json!({"$gt": ""}),
            |e| matches!(e, DocError::Shape(_)),
        ),
        (
            |d| d["creator"]["name"] = "a\u{2066}b".into(),
            |e| matches!(e, DocError::HiddenCharacters(_)),
        ),
        (
            |d| d["native"]["paragraph"] = "p".repeat(1_000).into(),
            |e| {
                matches!(
                    e,
                    DocError::TooLong {
                        field: "paragraph id",
                        ..
                    }
                )
            },
        ),
        (
            |d| d["native"]["passage"] = "yes".into(),
            |e| matches!(e, DocError::Shape(_)),
        ),
        (
            |d| drop(d.as_object_mut().map(|o| o.remove("native"))),
            |e| matches!(e, DocError::Missing("native")),
        ),
        (
            |d| drop(d.as_object_mut().map(|o| o.remove("article"))),
            |e| matches!(e, DocError::Missing("article")),
        ),
        (
            |d| {
                d["annotation"]["body"] =
                    json!([{"type": "TextualBody", "value": "x", "purpose": "tagging"}])
            },
            |e| matches!(e, DocError::NotAComment),
        ),
        (
            |d| {
                let tags: Vec<Value> = (0..30)
                    .map(|i| json!({"type": "TextualBody", "value": format!("t{i}"), "purpose": "tagging"}))
                    .collect();
                let mut bodies =
                    vec![json!({"type": "TextualBody", "value": "x", "purpose": "commenting"})];
                bodies.extend(tags);
                d["annotation"]["body"] = Value::Array(bodies);
            },
            |e| matches!(e, DocError::Tags(_)),
        ),
        (
            |d| *d = json!([1, 2]),
            |e| matches!(e, DocError::NotAnObject),
        ),
    ];
    for (mutate, is_expected) in cases {
        assert_refused(mutate, is_expected);
    }
}

// ---------------------------------------------------------------------------------------------
// Devices syncing with the in-memory CouchDB.

/// One browser: its notes, its sync state, its reader.
struct Device {
    notes: Notes,
    state: SyncState,
    user: Option<User>,
    /// The session's CouchDB user name.
    session: Option<String>,
}

/// A hook run before each request reaches the database (another device writing meanwhile), or
/// replacing the database's answer.
type Serve<'a> = dyn FnMut(&Request, &mut Couch, Option<&str>) -> Response + 'a;

/// What one round did.
#[derive(Debug)]
struct Round {
    requests: Vec<Request>,
    rejected: Vec<Rejection>,
}

const MAX_TEST_REQUESTS: usize = 500;

impl Device {
    fn new(user: Option<User>) -> Device {
        Device {
            session: user.as_ref().map(|u| u.id.clone()),
            notes: Notes::default(),
            state: SyncState::default(),
            user,
        }
    }

    fn config(&self) -> SyncConfig {
        SyncConfig {
            context: ctx(),
            user: self.user.clone(),
            selector_filter: true,
        }
    }

    fn act(&mut self, action: NotesAction) {
        self.notes = self.notes.reduce(action).expect("the action applies");
    }

    fn add(&mut self, n: u8, text: &str, at: u64) {
        self.act(NotesAction::Add {
            id: id(n),
            target: target("p2-abc", false),
            text: text.into(),
            tags: vec![],
            color: None,
            now: Timestamp(at),
        });
    }

    fn edit(&mut self, n: u8, text: &str, at: u64) {
        self.act(NotesAction::Edit {
            id: id(n),
            text: text.into(),
            tags: vec![],
            color: None,
            now: Timestamp(at),
        });
    }

    fn delete(&mut self, n: u8, at: u64) {
        self.act(NotesAction::Delete {
            id: id(n),
            now: Timestamp(at),
        });
    }

    fn pending(&self) -> usize {
        self.state.pending(&self.notes, self.user.as_ref())
    }

    fn text(&self, n: u8) -> Option<&str> {
        self.notes.get(id(n)).map(|n| n.text.as_str())
    }

    /// One round against `couch`, each request served by `serve`.
    fn sync_with(&mut self, couch: &mut Couch, serve: &mut Serve) -> Result<Round, SyncError> {
        let mut replicator = Replicator::new(self.config(), self.state.clone());
        let mut request = replicator.start();
        let mut round = Round {
            requests: Vec::new(),
            rejected: Vec::new(),
        };
        loop {
            assert!(
                round.requests.len() < MAX_TEST_REQUESTS,
                "the round does not end: {round:?}"
            );
            let response = serve(&request, couch, self.session.as_deref());
            round.requests.push(request);
            let step = replicator.on_response(&self.notes, response, Timestamp(1_000_000))?;
            if let Some(remote) = step.merge {
                self.notes = self.notes.merge(&remote);
            }
            self.state = replicator.state().clone();
            round.rejected.extend(step.rejected);
            match step.next {
                Next::Request(next) => request = next,
                Next::Done => break,
            }
        }
        self.state = replicator.into_state();
        Ok(round)
    }

    fn sync(&mut self, couch: &mut Couch) -> Round {
        self.sync_with(couch, &mut |r, c, u| c.handle(r, u))
            .expect("the round succeeds")
    }
}

/// The notes as (id, text, modified), for comparing devices.
fn summary(notes: &Notes) -> Vec<(NoteId, String, Timestamp)> {
    let mut out: Vec<_> = notes
        .notes
        .iter()
        .map(|n| (n.id, n.text.clone(), n.modified))
        .collect();
    out.sort();
    out
}

#[track_caller]
fn assert_converged(a: &Device, b: &Device, couch: &Couch) {
    assert_eq!(
        summary(&a.notes),
        summary(&b.notes),
        "both devices hold the same notes"
    );
    for (nid, text, _) in summary(&a.notes) {
        let doc = couch
            .current(&nid.to_string())
            .expect("the server holds each note");
        assert_eq!(
            doc["annotation"]["body"]["value"],
            text.as_str(),
            "the server holds the winner"
        );
        assert_eq!(
            couch.live_leaves(&nid.to_string()),
            1,
            "no conflict is left"
        );
    }
    assert_eq!(
        (a.pending(), b.pending()),
        (0, 0),
        "nothing is left to push"
    );
}

#[test]
fn first_pull_reads_every_page_and_moves_the_checkpoint() {
    for n in [0u8, 1, 100, 250] {
        let mut couch = Couch::default();
        let mut a = Device::new(None);
        for i in 0..n {
            a.add(i, &format!("Ghi chú {i}"), 2_000 + u64::from(i));
        }
        assert_eq!(a.pending(), usize::from(n), "every new note is pending");
        a.sync(&mut couch);
        assert_eq!(a.pending(), 0);
        let mut b = Device::new(None);
        let round = b.sync(&mut couch);
        assert_eq!(b.notes.len(), usize::from(n), "{n} notes pulled");
        assert_eq!(summary(&a.notes), summary(&b.notes));
        let first = &round.requests[0];
        assert_eq!(first.method, Method::Post);
        assert!(
            first
                .path
                .starts_with("_changes?include_docs=true&conflicts=true&style=all_docs&limit=100")
                && first.path.ends_with("&filter=_selector")
                && !first.path.contains("since="),
            "{}",
            first.path
        );
        let selector: Value =
            serde_json::from_str(first.body.as_deref().unwrap_or("")).expect("json body");
        assert_eq!(
            selector,
            json!({"selector": {"type": DOC_TYPE, "article": ARTICLE}})
        );
        let pages = round
            .requests
            .iter()
            .filter(|r| r.path.starts_with("_changes"))
            .count();
        assert_eq!(
            pages,
            usize::from(n).div_ceil(replicate::CHANGES_BATCH).max(1),
            "pages for {n} notes"
        );
        assert!(
            round
                .requests
                .iter()
                .all(|r| r.path.starts_with("_changes")),
            "a pull with nothing local writes nothing"
        );
        let again = b.sync(&mut couch);
        assert_eq!(
            again.requests.len(),
            1,
            "the checkpoint holds: one empty page"
        );
        assert!(
            again.requests[0].path.contains("&since="),
            "{}",
            again.requests[0].path
        );
    }
}

#[test]
fn local_adds_edits_and_deletions_are_pushed() {
    let mut couch = Couch::default();
    let mut a = Device::new(None);
    a.add(1, "một", 2_000);
    a.add(2, "hai", 2_001);
    a.add(3, "ba", 2_002);
    a.sync(&mut couch);
    a.edit(1, "một (sửa)", 3_000);
    a.delete(2, 3_001);
    assert_eq!(a.pending(), 2, "an edit and a deletion");
    let round = a.sync(&mut couch);
    let writes: Vec<&Request> = round
        .requests
        .iter()
        .filter(|r| r.path == "_bulk_docs")
        .collect();
    assert_eq!(writes.len(), 1, "one batch");
    let sent: Value = serde_json::from_str(writes[0].body.as_deref().unwrap_or("")).expect("json");
    assert_eq!(sent["docs"].as_array().map(Vec::len), Some(2));
    assert!(
        sent["docs"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|d| d["_rev"].is_string()),
        "written on the revisions read"
    );
    assert_eq!(a.pending(), 0);
    let doc1 = couch.current(&id(1).to_string()).expect("doc 1");
    assert_eq!(doc1["annotation"]["body"]["value"], "một (sửa)");
    assert!(doc1["_rev"].as_str().is_some_and(|r| r.starts_with("2-")));
    let doc2 = couch.current(&id(2).to_string()).expect("doc 2");
    assert_eq!(
        (doc2["_deleted"].clone(), doc2["deleted"].clone()),
        (json!(true), json!(Timestamp(3_001).iso()))
    );
    let mut b = Device::new(None);
    b.sync(&mut couch);
    assert_eq!(
        summary(&b.notes),
        summary(&a.notes),
        "a new device gets the same"
    );
    assert!(
        b.notes.deleted.iter().any(|t| t.id == id(2)),
        "and remembers the deletion"
    );
}

/// Two devices that share note 1 go offline and each do something; then they sync in turn.
struct Offline {
    name: &'static str,
    on_a: fn(&mut Device),
    on_b: fn(&mut Device),
    /// Note 1's text on both afterwards, or `None` if deleted.
    expected: Option<&'static str>,
}

#[test]
fn two_devices_editing_offline_converge_either_order() {
    let cases = [
        Offline {
            name: "A edits later",
            on_a: |d| d.edit(1, "A sửa", 5_000),
            on_b: |d| d.edit(1, "B sửa", 4_000),
            expected: Some("A sửa"),
        },
        Offline {
            name: "B edits later",
            on_a: |d| d.edit(1, "A sửa", 4_000),
            on_b: |d| d.edit(1, "B sửa", 5_000),
            expected: Some("B sửa"),
        },
        Offline {
            name: "A deletes after B's edit",
            on_a: |d| d.delete(1, 5_000),
            on_b: |d| d.edit(1, "B sửa", 4_000),
            expected: None,
        },
        Offline {
            name: "B edits after A's deletion",
            on_a: |d| d.delete(1, 4_000),
            on_b: |d| d.edit(1, "B sửa sau khi A xoá", 5_000),
            expected: Some("B sửa sau khi A xoá"),
        },
        Offline {
            name: "both delete",
            on_a: |d| d.delete(1, 4_000),
            on_b: |d| d.delete(1, 4_500),
            expected: None,
        },
        Offline {
            name: "each adds a note",
            on_a: |d| d.add(2, "mới từ A", 4_000),
            on_b: |d| d.add(3, "mới từ B", 4_000),
            expected: Some("gốc"),
        },
    ];
    for case in &cases {
        for a_first in [true, false] {
            let mut couch = Couch::default();
            let mut a = Device::new(None);
            a.add(1, "gốc", 2_000);
            a.sync(&mut couch);
            let mut b = Device::new(None);
            b.sync(&mut couch);
            (case.on_a)(&mut a);
            (case.on_b)(&mut b);
            if a_first {
                a.sync(&mut couch);
                b.sync(&mut couch);
                a.sync(&mut couch);
            } else {
                b.sync(&mut couch);
                a.sync(&mut couch);
                b.sync(&mut couch);
            }
            assert_converged(&a, &b, &couch);
            assert_eq!(
                a.text(1),
                case.expected,
                "{} (A first: {a_first})",
                case.name
            );
            if case.expected.is_none() {
                let doc = couch.current(&id(1).to_string()).expect("tombstone");
                assert_eq!(
                    doc["_deleted"], true,
                    "{}: deleted on the server",
                    case.name
                );
            }
        }
    }
}

#[test]
fn a_409_is_retried_after_fetching_the_current_revision() {
    // (B's edit time, A's edit time meanwhile, the text both end with)
    let cases = [(6_000, 5_000, "B mới hơn"), (5_000, 6_000, "A mới hơn")];
    for (b_at, a_at, expected) in cases {
        let mut couch = Couch::default();
        let mut a = Device::new(None);
        a.add(1, "gốc", 2_000);
        a.sync(&mut couch);
        let mut b = Device::new(None);
        b.sync(&mut couch);
        b.edit(
            1,
            if b_at > a_at {
                "B mới hơn"
            } else {
                "B cũ hơn"
            },
            b_at,
        );
        a.edit(
            1,
            if a_at > b_at {
                "A mới hơn"
            } else {
                "A cũ hơn"
            },
            a_at,
        );
        // A writes between B's pull and B's push.
        let mut a_synced = false;
        let round = b
            .sync_with(&mut couch, &mut |r, c, u| {
                if r.path == "_bulk_docs" && !a_synced {
                    a_synced = true;
                    a.sync(c);
                }
                c.handle(r, u)
            })
            .expect("B's round");
        let paths: Vec<&str> = round.requests.iter().map(|r| r.path.as_str()).collect();
        let fetch = format!("{}?open_revs=all", id(1));
        assert_eq!(
            paths.iter().filter(|p| **p == fetch).count(),
            1,
            "the current revision is fetched once after the 409: {paths:?}"
        );
        a.sync(&mut couch);
        assert_converged(&a, &b, &couch);
        assert_eq!(b.text(1), Some(expected));
    }
}

/// Another replica's revision of note 1: its text and modification time, or a deletion.
type Sibling = Option<(&'static str, u64)>;

#[test]
fn couchdb_conflicts_are_resolved_by_the_same_rule() {
    // (the other replica's revision: its text and time, or a deletion; the text left)
    let cases: [(Sibling, Option<&str>); 4] = [
        (Some(("bản sao mới hơn", 9_000)), Some("bản sao mới hơn")),
        (Some(("bản sao cũ hơn", 2_500)), Some("sửa")),
        // The same time: the merge's tie-break (the greater text) on every device.
        (Some(("sửa khác", 3_000)), Some("sửa khác")),
        (None, None),
    ];
    for (other, expected) in cases {
        let mut couch = Couch::default();
        let mut a = Device::new(None);
        a.add(1, "gốc", 2_000);
        a.sync(&mut couch);
        a.edit(1, "sửa", 3_000);
        a.sync(&mut couch);
        let sibling = match other {
            Some((text, at)) => note_doc(&note(1, text, at), None, None, &ctx()),
            None => tombstone_doc(
                &Tombstone {
                    id: id(1),
                    deleted: Timestamp(9_000),
                },
                "0-x",
                None,
                &ctx(),
            ),
        };
        couch.add_conflict(&sibling);
        let mut b = Device::new(None);
        b.sync(&mut couch);
        a.sync(&mut couch);
        assert_eq!(b.text(1), expected, "{other:?}");
        assert_eq!(
            couch.live_leaves(&id(1).to_string()),
            usize::from(expected.is_some()),
            "losers deleted"
        );
        assert_converged(&a, &b, &couch);
        if expected.is_some() {
            // The deleted losing branches never count against the note afterwards.
            for (round, text) in ["sau cùng", "sau cùng nữa"].into_iter().enumerate() {
                a.edit(1, text, 20_000 + round as u64);
                a.sync(&mut couch);
                b.sync(&mut couch);
                assert_eq!(b.text(1), Some(text), "{other:?}");
                assert_converged(&a, &b, &couch);
            }
        }
    }
}

#[test]
fn tombstones_propagate_and_an_older_edit_does_not_undo_them() {
    let mut couch = Couch::default();
    let mut a = Device::new(None);
    a.add(1, "sẽ bị xoá", 2_000);
    a.add(2, "ở lại", 2_001);
    a.sync(&mut couch);
    let mut b = Device::new(None);
    b.sync(&mut couch);
    b.edit(1, "sửa cũ, ngoại tuyến", 3_000);
    a.delete(1, 4_000);
    a.sync(&mut couch);
    let round = b.sync(&mut couch);
    assert!(round.rejected.is_empty(), "{:?}", round.rejected);
    assert_eq!(
        b.text(1),
        None,
        "the deletion reached B and beat its older edit"
    );
    assert_eq!(b.pending(), 0, "B does not push its older edit back");
    let mut c = Device::new(None);
    c.sync(&mut couch);
    assert_eq!((c.text(1), c.text(2)), (None, Some("ở lại")));
    assert_converged(&a, &b, &couch);
}

/// A `_changes` answer holding `docs`.
fn changes_page(docs: Vec<Value>) -> Response {
    let results: Vec<Value> = docs
        .into_iter()
        .enumerate()
        .map(|(i, doc)| json!({"seq": i + 1, "id": doc.get("_id").cloned().unwrap_or(Value::Null), "changes": [], "doc": doc}))
        .collect();
    Response {
        status: 200,
        body: json!({"results": results, "last_seq": 42, "pending": 0}).to_string(),
    }
}

/// A device holding one note of its own, already synced once.
fn synced_device() -> (Device, Couch) {
    let mut couch = Couch::default();
    let mut d = Device::new(Some(user("alice")));
    d.add(1, "của tôi", 2_000);
    d.sync(&mut couch);
    (d, couch)
}

#[test]
fn garbage_answers_end_the_round_with_a_typed_error_and_change_nothing() {
    let html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>";
    let cases: Vec<(u16, String, IsSyncError)> = vec![
        (0, String::new(), |e| matches!(e, SyncError::Offline)),
        (502, html.into(), |e| matches!(e, SyncError::Status(502))),
        (200, html.into(), |e| {
            matches!(e, SyncError::NotJson { html: true, .. })
        }),
        (200, "{\"results\": [".into(), |e| {
            matches!(e, SyncError::NotJson { html: false, .. })
        }),
        (401, "{\"error\":\"unauthorized\"}".into(), |e| {
            matches!(e, SyncError::Unauthorized)
        }),
        (403, "{\"error\":\"forbidden\"}".into(), |e| {
            matches!(e, SyncError::Forbidden)
        }),
        (404, "{\"error\":\"not_found\"}".into(), |e| {
            matches!(e, SyncError::NoDatabase)
        }),
        (413, String::new(), |e| matches!(e, SyncError::TooLarge)),
        (200, " ".repeat(replicate::MAX_RESPONSE_BYTES + 1), |e| {
            matches!(e, SyncError::TooLarge)
        }),
        (200, "{\"results\": 5, \"last_seq\": 1}".into(), |e| {
            matches!(e, SyncError::BadShape("results"))
        }),
        (200, "{\"results\": [], \"last_seq\": {}}".into(), |e| {
            matches!(e, SyncError::BadShape("last_seq"))
        }),
        (
            200,
            "{\"results\": [{\"id\": 3, \"doc\": {}}], \"last_seq\": 1}".into(),
            |e| matches!(e, SyncError::BadShape("result id")),
        ),
        (200, "[1, 2, 3]".into(), |e| {
            matches!(e, SyncError::BadShape("results"))
        }),
    ];
    for (status, body, is_expected) in cases {
        let (mut d, mut couch) = synced_device();
        d.edit(1, "sửa chưa đồng bộ", 3_000);
        let (notes, state) = (d.notes.clone(), d.state.clone());
        let err = d
            .sync_with(&mut couch, &mut |_, _, _| Response {
                status,
                body: body.clone(),
            })
            .expect_err("the round fails");
        assert!(is_expected(&err), "status {status}: {err:?}");
        assert!(
            !err.to_string().contains('<'),
            "no markup in the message: {err}"
        );
        assert_eq!(
            (d.notes, d.state),
            (notes, state),
            "status {status}: nothing changed"
        );
    }
}

#[test]
fn garbage_write_answers_are_refused_before_anything_is_applied() {
    let bodies = [
        "[]",
        "{\"ok\": true}",
        "[{\"id\": \"someone-else\", \"rev\": \"2-a\"}]",
        "[{\"ok\": true}]",
        "<html>500</html>",
    ];
    for body in bodies {
        let (mut d, mut couch) = synced_device();
        d.edit(1, "sửa", 3_000);
        let state = d.state.clone();
        let result = d.sync_with(&mut couch, &mut |r, c, u| {
            if r.path == "_bulk_docs" {
                Response {
                    status: 201,
                    body: body.into(),
                }
            } else {
                c.handle(r, u)
            }
        });
        assert!(result.is_err(), "{body}");
        assert_eq!(d.state.docs, state.docs, "{body}: no revision recorded");
        assert_eq!(d.pending(), 1, "{body}: the edit is still pending");
    }
}

#[test]
fn hostile_documents_in_a_page_are_refused_and_the_rest_applied() {
    let (d, _) = synced_device();
    let before = d.notes.get(id(1)).cloned().expect("own note");
    let scripted = note(
        5,
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        2_500,
    );
    let mallory = user("mallory");
    let collision = note_doc(
        &note(1, "bị thay bởi kẻ khác", 99_000),
        Some("9-abc"),
        Some(&mallory),
        &ctx(),
    );
    let mut bad_id = note_doc(&note(6, "x", 2_000), Some("1-a"), None, &ctx());
    bad_id["_id"] = "../../_users".into();
    let mut wrong_types = note_doc(&note(7, "x", 2_000), Some("1-a"), None, &ctx());
    wrong_types["annotation"]["target"]["selector"] = json!("everything");
    let mut bidi = note_doc(&note(8, "x", 2_000), Some("1-a"), None, &ctx());
    bidi["annotation"]["body"]["value"] = "thanh toán \u{202E}0001".into();
    let page = changes_page(vec![
        note_doc(&scripted, Some("1-a"), Some(&mallory), &ctx()),
        collision,
        bad_id,
        wrong_types,
        bidi,
        json!({"_id": "_design/x", "_rev": "1-a"}),
    ]);
    let mut replicator = Replicator::new(d.config(), d.state.clone());
    replicator.start();
    let step = replicator
        .on_response(&d.notes, page, Timestamp(10_000))
        .expect("the page as a whole is sound");
    let merged = d
        .notes
        .merge(step.merge.as_ref().expect("one note to merge"));
    assert_eq!(
        merged.get(id(1)),
        Some(&before),
        "the colliding document did not replace our note"
    );
    assert_eq!(
        merged.get(id(5)).map(|n| n.text.as_str()),
        Some("<script>alert('x')</script><img src=x onerror=alert(1)>"),
        "markup in a note is kept as text (the UI renders text only)"
    );
    assert_eq!(merged.len(), 2);
    let kinds: Vec<String> = step
        .rejected
        .iter()
        .map(|r| match r {
            Rejection::Collision(n) => format!("collision {}", *n == id(1)),
            Rejection::Doc { error, .. } => format!(
                "doc {}",
                error
                    .to_string()
                    .split(' ')
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            other => format!("{other}"),
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "collision true",
            "doc the document's id",
            "doc the document's selector",
            "doc the note contains",
        ]
    );
    assert!(
        !replicator.state().editable(id(5), d.user.as_ref()),
        "mallory's note is read-only for alice"
    );
    assert!(replicator.state().editable(id(1), d.user.as_ref()));
    assert_eq!(
        replicator.state().since.as_deref(),
        Some("42"),
        "the page moved the checkpoint"
    );
}

#[test]
fn in_a_shared_database_others_notes_are_read_only_and_the_server_has_the_last_word() {
    let mut couch = Couch::shared();
    let mut alice = Device::new(Some(user("alice")));
    let mut bob = Device::new(Some(user("bob")));
    alice.add(1, "của Alice", 2_000);
    bob.add(2, "của Bob", 2_001);
    alice.sync(&mut couch);
    bob.sync(&mut couch);
    alice.sync(&mut couch);
    assert_converged(&alice, &bob, &couch);
    assert_eq!(
        couch
            .current(&id(2).to_string())
            .map(|d| d["creator"]["id"].clone()),
        Some(json!("bob"))
    );
    assert!(alice.state.editable(id(1), alice.user.as_ref()));
    assert!(
        !alice.state.editable(id(2), alice.user.as_ref()),
        "Bob's note is read-only for Alice"
    );
    assert_eq!(
        alice.state.creator_of(id(2)).map(|u| u.name.as_str()),
        Some("Phóng viên bob"),
        "shown with its author's name"
    );
    // Were Alice's notes store to change Bob's note anyway, nothing would be sent.
    alice.edit(2, "Alice sửa ghi chú của Bob", 9_000);
    alice.delete(1, 9_001);
    assert_eq!(alice.pending(), 1, "only her own deletion is pending");
    alice.sync(&mut couch);
    assert_eq!(
        couch
            .current(&id(2).to_string())
            .map(|d| d["annotation"]["body"]["value"].clone()),
        Some(json!("của Bob"))
    );
    // A reader whose writes the server refuses is told, and keeps the note.
    let mut impostor = Device::new(Some(user("carol")));
    impostor.session = Some("dave".into());
    impostor.add(4, "mạo danh", 2_000);
    let round = impostor.sync(&mut couch);
    assert!(
        matches!(round.rejected.as_slice(), [Rejection::Refused { error, .. }] if error == "forbidden"),
        "{:?}",
        round.rejected
    );
    assert_eq!(
        impostor.pending(),
        1,
        "the refused note stays local and pending"
    );
    assert!(couch.current(&id(4).to_string()).is_none());
    // An admin may write anything.
    let mut admin = Device::new(Some(user("carol")));
    admin.session = Some(ADMIN.into());
    admin.add(5, "quản trị", 2_000);
    admin.sync(&mut couch);
    assert!(couch.current(&id(5).to_string()).is_some());
}

#[test]
fn an_anonymous_write_to_a_shared_database_is_a_401() {
    let mut couch = Couch::shared();
    let mut anonymous = Device::new(None);
    anonymous.add(3, "ẩn danh", 2_000);
    let notes = anonymous.notes.clone();
    let err = anonymous
        .sync_with(&mut couch, &mut |r, c, u| c.handle(r, u))
        .expect_err("401");
    assert!(
        matches!(err, SyncError::Unauthorized) && !err.retryable(),
        "{err:?}"
    );
    assert_eq!(anonymous.notes, notes);
}

#[test]
fn a_note_without_an_author_keeps_none_when_a_named_reader_edits_it() {
    let mut couch = Couch::default();
    let mut anonymous = Device::new(None);
    anonymous.add(1, "không tên", 2_000);
    anonymous.sync(&mut couch);
    let mut alice = Device::new(Some(user("alice")));
    alice.sync(&mut couch);
    assert!(
        alice.state.editable(id(1), alice.user.as_ref()),
        "a note without author is anyone's"
    );
    alice.edit(1, "Alice sửa", 3_000);
    alice.add(2, "của Alice", 3_001);
    alice.sync(&mut couch);
    let doc = |n: u8| couch.current(&id(n).to_string()).expect("doc");
    assert_eq!(
        (
            doc(1).get("creator").cloned(),
            doc(2)["creator"]["id"].clone()
        ),
        (None, json!("alice"))
    );
    let round = anonymous.sync(&mut couch);
    assert!(round.rejected.is_empty(), "{:?}", round.rejected);
    assert_eq!(
        (anonymous.text(1), anonymous.text(2)),
        (Some("Alice sửa"), Some("của Alice"))
    );
    assert!(
        !anonymous.state.editable(id(2), None),
        "Alice's own note is hers"
    );
}

#[test]
fn a_413_halves_the_batch_and_a_single_oversize_note_is_refused() {
    let mut couch = Couch::default();
    let mut d = Device::new(None);
    for i in 0..9 {
        d.add(i, &format!("ghi chú {i}"), 2_000 + u64::from(i));
    }
    d.edit(4, &"rất dài ".repeat(100), 3_000);
    // The server takes at most 2 documents per request, and no document over 500 bytes of text.
    let round = d
        .sync_with(&mut couch, &mut |r, c, u| {
            let body: Value = r
                .body
                .as_deref()
                .map_or(Value::Null, |b| serde_json::from_str(b).expect("json"));
            let docs = body["docs"].as_array().map_or(0, Vec::len);
            let huge = body["docs"].as_array().into_iter().flatten().any(|d| {
                d["annotation"]["body"]["value"]
                    .as_str()
                    .is_some_and(|t| t.len() > 500)
            });
            if r.path == "_bulk_docs" && (docs > 2 || huge) {
                Response {
                    status: 413,
                    body: "{\"error\":\"too_large\"}".into(),
                }
            } else {
                c.handle(r, u)
            }
        })
        .expect("the round ends");
    assert!(
        matches!(round.rejected.as_slice(), [Rejection::TooLarge(n)] if *n == id(4)),
        "{:?}",
        round.rejected
    );
    assert_eq!(d.pending(), 1, "only the oversize note is left");
    assert!((0..9)
        .filter(|&i| i != 4)
        .all(|i| couch.current(&id(i).to_string()).is_some()));
}

#[test]
fn a_call_with_no_request_in_flight_is_an_error() {
    let mut r = Replicator::new(Device::new(None).config(), SyncState::default());
    let err = r.on_response(
        &Notes::default(),
        Response {
            status: 200,
            body: "{}".into(),
        },
        Timestamp(0),
    );
    assert!(matches!(err, Err(SyncError::NotWaiting)));
}

#[test]
fn the_checkpoint_is_sent_percent_encoded_and_a_numeric_seq_is_kept() {
    let state = SyncState {
        since: Some("12-g1AA/x+y".into()),
        ..SyncState::default()
    };
    let mut config = Device::new(None).config();
    config.selector_filter = false;
    let mut r = Replicator::new(config, state);
    let request = r.start();
    assert_eq!(
        (request.method, request.body.as_deref()),
        (Method::Get, None)
    );
    assert!(
        request.path.ends_with("&since=12-g1AA%2Fx%2By"),
        "{}",
        request.path
    );
    let step = r
        .on_response(&Notes::default(), changes_page(vec![]), Timestamp(0))
        .expect("empty page");
    assert_eq!(
        (step.next, r.state().since.as_deref()),
        (Next::Done, Some("42"))
    );
}

// ---------------------------------------------------------------------------------------------
// State, back-off, editability.

#[test]
fn the_state_round_trips_and_a_bad_one_is_refused() {
    let (d, _) = synced_device();
    let raw = d.state.encode();
    assert!(raw.contains(STATE_FORMAT_FOR_TESTS));
    assert_eq!(SyncState::decode(&raw).expect("reads back"), d.state);
    for bad in [
        "",
        "{",
        "[]",
        "{\"format\":\"other\",\"version\":1,\"docs\":{}}",
        "{\"format\":\"article-annotator/sync\",\"version\":1,\"docs\":{\"x\":{}}}",
    ] {
        assert!(SyncState::decode(bad).is_err(), "{bad}");
    }
    assert_eq!(
        state_key("a-1", "https://db.example/notes"),
        "article-annotator:sync:a-1:https%3A%2F%2Fdb.example%2Fnotes"
    );
}

const STATE_FORMAT_FOR_TESTS: &str = "\"format\":\"article-annotator/sync\"";

#[test]
fn backoff_doubles_from_one_second_to_five_minutes() {
    let cases = [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 4),
        (9, 256),
        (10, 300),
        (40, 300),
        (u32::MAX, 300),
    ];
    for (failures, seconds) in cases {
        assert_eq!(
            backoff_delay(failures),
            Duration::from_secs(seconds),
            "{failures} failures"
        );
    }
    assert_eq!(
        jittered(Duration::from_secs(4), 0.0),
        Duration::from_secs(4)
    );
    assert_eq!(
        jittered(Duration::from_secs(4), 0.5),
        Duration::from_millis(4_500)
    );
    assert_eq!(
        jittered(Duration::from_secs(4), 7.0),
        Duration::from_secs(5),
        "clamped"
    );
    assert_eq!(
        jittered(Duration::from_secs(4), f64::NAN).as_secs(),
        4,
        "NaN adds nothing"
    );
}

#[test]
fn the_host_supplied_user_is_checked() {
    assert_eq!(
        User::checked("alice", "Alice Nguyễn").map(|u| u.id).ok(),
        Some("alice".into())
    );
    let bad = [
        ("", "x"),
        ("a\u{0}", "x"),
        ("a", "\u{202E}x"),
        (&*"a".repeat(201), "x"),
    ];
    for (id, name) in bad {
        assert!(User::checked(id, name).is_err(), "{id:?} {name:?}");
    }
}

#[test]
fn editable_table() {
    let (alice, bob) = (user("alice"), user("bob"));
    let cases = [
        (None, None, true),
        (None, Some(&alice), true),
        (Some(&alice), Some(&alice), true),
        (Some(&alice), Some(&bob), false),
        (Some(&alice), None, false),
    ];
    for (creator, reader, want) in cases {
        assert_eq!(editable(creator, reader), want, "{creator:?} / {reader:?}");
    }
}

#[test]
fn retryable_errors() {
    assert!(SyncError::Offline.retryable() && SyncError::Status(503).retryable());
    assert!(!SyncError::Unauthorized.retryable() && !SyncError::Forbidden.retryable());
    assert!(!SyncError::NoDatabase.retryable());
}

// ---------------------------------------------------------------------------------------------
// Any interleaving of two devices' changes and syncs converges on the latest change.

/// proptest is a native dev-dependency only.
#[cfg(not(target_arch = "wasm32"))]
mod history {
    use std::collections::BTreeMap;

    use super::*;

    /// One step of the generated history.
    #[derive(Debug, Clone, Copy)]
    enum Op {
        Add {
            on_b: bool,
            n: u8,
        },
        Edit {
            on_b: bool,
            n: u8,
        },
        Delete {
            on_b: bool,
            n: u8,
        },
        Sync {
            on_b: bool,
        },
        /// A round whose writes meet the other device's, synced in between (409s, conflicts).
        SyncRacing {
            on_b: bool,
        },
    }

    fn an_op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        let n = 0u8..4;
        prop_oneof![
            (any::<bool>(), n.clone()).prop_map(|(on_b, n)| Op::Add { on_b, n }),
            (any::<bool>(), n.clone()).prop_map(|(on_b, n)| Op::Edit { on_b, n }),
            (any::<bool>(), n).prop_map(|(on_b, n)| Op::Delete { on_b, n }),
            any::<bool>().prop_map(|on_b| Op::Sync { on_b }),
            any::<bool>().prop_map(|on_b| Op::SyncRacing { on_b }),
        ]
    }

    /// Runs `ops` on two devices (skipping what a reader could not do: editing a note their device
    /// does not hold, adding an id already used), then syncs both; returns the devices, the database
    /// and each note's latest change (`None`: deleted).
    fn run_history(ops: &[Op]) -> (Device, Device, Couch, BTreeMap<u8, Option<String>>) {
        let mut couch = Couch::default();
        let (mut a, mut b) = (Device::new(None), Device::new(None));
        let mut latest: BTreeMap<u8, Option<String>> = BTreeMap::new();
        for (t, op) in (10_000u64..).zip(ops) {
            let (this, other) = match op {
                Op::Add { on_b: true, .. }
                | Op::Edit { on_b: true, .. }
                | Op::Delete { on_b: true, .. }
                | Op::Sync { on_b: true }
                | Op::SyncRacing { on_b: true } => (&mut b, &mut a),
                _ => (&mut a, &mut b),
            };
            match *op {
                Op::Add { n, .. } if !latest.contains_key(&n) => {
                    let text = format!("thêm {n} lúc {t}");
                    this.add(n, &text, t);
                    latest.insert(n, Some(text));
                }
                Op::Edit { n, .. } if this.text(n).is_some() => {
                    let text = format!("sửa {n} lúc {t}");
                    this.edit(n, &text, t);
                    latest.insert(n, Some(text));
                }
                Op::Delete { n, .. } if this.text(n).is_some() => {
                    this.delete(n, t);
                    latest.insert(n, None);
                }
                Op::Sync { .. } => {
                    this.sync(&mut couch);
                }
                Op::SyncRacing { .. } => {
                    let mut raced = false;
                    this.sync_with(&mut couch, &mut |r, c, u| {
                        if r.path == "_bulk_docs" && !raced {
                            raced = true;
                            other.sync(c);
                        }
                        c.handle(r, u)
                    })
                    .expect("the round succeeds");
                }
                _ => {}
            }
            if matches!(op, Op::Sync { .. } | Op::SyncRacing { .. }) {
                let this = if matches!(op, Op::Sync { on_b: true } | Op::SyncRacing { on_b: true })
                {
                    &b
                } else {
                    &a
                };
                // Within one round, 409s included, every local change reaches the server.
                assert_eq!(this.pending(), 0, "after {op:?} in {ops:?}");
            }
        }
        a.sync(&mut couch);
        b.sync(&mut couch);
        a.sync(&mut couch);
        (a, b, couch, latest)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 96,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_205),
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn any_history_converges_on_the_latest_change(ops in proptest::collection::vec(an_op(), 1..30)) {
            let (a, b, couch, latest) = run_history(&ops);
            assert_converged(&a, &b, &couch);
            for (n, want) in &latest {
                proptest::prop_assert_eq!(a.text(*n), want.as_deref(), "note {} after {:?}", n, ops);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The database's information: whether `_changes` is filtered by a selector.

#[test]
fn selector_filter_is_used_only_where_the_server_supports_it() {
    let info = |status: u16, body: &str| Response {
        status,
        body: body.into(),
    };
    // (answer, supported or the problem)
    let cases: Vec<(Response, Result<bool, SyncProblem>)> = vec![
        // CouchDB 3 (and Cloudant): an opaque string sequence.
        (
            info(200, r#"{"db_name":"notes","update_seq":"12-g1AAAA"}"#),
            Ok(true),
        ),
        // PouchDB Server and CouchDB 1: a number.
        (
            info(
                200,
                r#"{"db_name":"notes","update_seq":2,"adapter":"memory"}"#,
            ),
            Ok(false),
        ),
        (
            info(200, r#"{"db_name":"notes"}"#),
            Err(SyncProblem::BadServer),
        ),
        (
            info(200, "<html><body>Welcome</body></html>"),
            Err(SyncProblem::BadServer),
        ),
        (
            info(404, r#"{"error":"not_found"}"#),
            Err(SyncProblem::NoDatabase),
        ),
        (
            info(401, r#"{"error":"unauthorized"}"#),
            Err(SyncProblem::LoginNeeded),
        ),
        (info(0, ""), Err(SyncProblem::Offline)),
    ];
    for (answer, want) in cases {
        let got = selector_filter_supported(&answer).map_err(|e| SyncProblem::from(&e));
        assert_eq!(got, want, "{answer:?}");
    }
    assert_eq!(
        (info_request().method, info_request().path.as_str()),
        (Method::Get, "")
    );
}
