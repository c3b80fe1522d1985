//! The `annotator` command, run as a newsroom would run it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn annotator(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_annotator"))
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/seed-article.txt");

#[test]
fn recognize_prints_gold_format_lines() {
    let (out, _, ok) = annotator(&["recognize", SEED]);
    assert!(ok);
    let gold = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed.gold.jsonl"
    ))
    .expect("gold");
    let first = out.lines().next().expect("a line");
    assert!(
        first.starts_with(r#"{"start":"#),
        "keys in gold order: {first}"
    );
    let text = std::fs::read_to_string(SEED).expect("seed");
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let (s, e) = (
            v["start"].as_u64().expect("start") as usize,
            v["end"].as_u64().expect("end") as usize,
        );
        let slice: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(
            v["text"],
            slice.as_str(),
            "offsets are code points of the file"
        );
    }
    let matched = gold
        .lines()
        .filter(|g| {
            out.lines().any(|l| {
                let (a, b): (serde_json::Value, serde_json::Value) = (
                    serde_json::from_str(g).expect("g"),
                    serde_json::from_str(l).expect("l"),
                );
                a["start"] == b["start"] && a["end"] == b["end"] && a["label"] == b["label"]
            })
        })
        .count();
    assert!(
        matched * 100 >= gold.lines().count() * 97,
        "{matched} of {} gold spans",
        gold.lines().count()
    );
}

#[test]
fn entities_flag_groups_mentions() {
    let (out, _, ok) = annotator(&["recognize", "--entities", SEED]);
    assert!(ok);
    let entities: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let thang = entities
        .iter()
        .find(|e| e["name"] == "Phạm Xuân Thăng")
        .expect("the named official");
    assert_eq!(thang["kind"], "official");
    assert_eq!(thang["titles"][0], "Phó Bí thư Thường trực Tỉnh ủy");
    assert_eq!(thang["mentions"], 6, "4 names and 2 title-only references");
    let btv = entities
        .iter()
        .find(|e| e["name"] == "Ban Thường vụ Tỉnh ủy")
        .expect("a body");
    assert_eq!(btv["mentions"], 6);
}

#[test]
fn errors_are_clear() {
    let (_, err, ok) = annotator(&["recognize", "/nonexistent/file.txt"]);
    assert!(
        !ok && err.contains("cannot read /nonexistent/file.txt"),
        "{err}"
    );
    let (_, err, ok) = annotator(&["frobnicate"]);
    assert!(!ok && err.contains("usage:"), "{err}");
}

#[test]
fn a_newsroom_lexicon_adds_bodies_and_officials() {
    let dir = std::env::temp_dir().join(format!("annotator-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let article = dir.join("a.txt");
    let lexicon = dir.join("extra.txt");
    std::fs::write(
        &article,
        "Nhóm Bảo trợ trẻ em Hải Long trao quà. Ông Đặng Minh Khôi phát biểu.",
    )
    .expect("write");
    std::fs::write(
        &lexicon,
        "[body]\nNhóm Bảo trợ trẻ em Hải Long\n[official]\nĐặng Minh Khôi\n",
    )
    .expect("write");
    let (plain, _, ok) = annotator(&["recognize", article.to_str().expect("utf-8 path")]);
    assert!(
        ok && plain.is_empty(),
        "nothing known without the lexicon: {plain}"
    );
    let (out, _, ok) = annotator(&[
        "recognize",
        "--lexicon",
        lexicon.to_str().expect("path"),
        article.to_str().expect("path"),
    ]);
    assert!(ok);
    assert!(
        out.contains(r#""text":"Nhóm Bảo trợ trẻ em Hải Long","label":"BODY""#),
        "{out}"
    );
    assert!(
        out.contains(r#""text":"Đặng Minh Khôi","label":"OFFICIAL""#),
        "{out}"
    );
    std::fs::write(&lexicon, "[nonsense]\nx\n").expect("write");
    let (_, err, ok) = annotator(&[
        "recognize",
        "--lexicon",
        lexicon.to_str().expect("path"),
        article.to_str().expect("path"),
    ]);
    assert!(!ok && err.contains("unknown section [nonsense]"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn anchor_places_or_orphans_each_case_in_order() {
    let cases = include_str!("fixtures/anchor/cases-tuned.jsonl");
    let sample: Vec<&str> = cases
        .lines()
        .filter(|l| l.contains(r#""kind": "unchanged""#) || l.contains(r#""kind": "rewrite""#))
        .take(40)
        .collect();
    let path = std::env::temp_dir().join(format!("annotator-anchor-{}.jsonl", std::process::id()));
    std::fs::write(&path, sample.join("\n")).expect("write");
    let (out, err, ok) = annotator(&["anchor", path.to_str().expect("path")]);
    assert!(ok, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), sample.len(), "one line per case");
    // The command runs exactly the library's anchoring.
    use article_annotator::core::anchor::{anchor, Anchoring, Folded};
    use article_annotator::core::notes::{TextPosition, TextQuote};
    for (case, got) in sample.iter().zip(&lines) {
        let case: serde_json::Value = serde_json::from_str(case).expect("case");
        assert_eq!(case["id"], got["id"], "in order");
        let sel = &case["selector"];
        let quote = TextQuote {
            exact: sel["exact"].as_str().expect("exact").into(),
            prefix: sel["prefix"].as_str().expect("prefix").into(),
            suffix: sel["suffix"].as_str().expect("suffix").into(),
        };
        let position = TextPosition {
            start: sel["start"].as_u64().expect("start") as usize,
            end: sel["end"].as_u64().expect("end") as usize,
        };
        match anchor(
            &Folded::new(case["text"].as_str().expect("text")),
            &quote,
            position,
        ) {
            Anchoring::Placed { start, end, .. } => assert_eq!(
                (got["start"].as_u64(), got["end"].as_u64()),
                (Some(start as u64), Some(end as u64))
            ),
            Anchoring::Orphan => assert_eq!(got["orphan"], true),
        }
    }
    let _ = std::fs::remove_file(path);
    let (_, err, ok) = annotator(&["anchor", "/nonexistent.jsonl"]);
    assert!(!ok && err.contains("cannot read"), "{err}");
}

#[test]
fn export_couchdb_writes_one_sync_document_per_note() {
    use article_annotator::core::sync::{decode_doc, RemoteDoc};
    let native = serde_json::json!({
        "format": "article-annotator",
        "version": 1,
        "exported": "2026-12-05T10:00:00.000Z",
        "article": {"id": "a-tinh-uy", "title": "Tỉnh ủy họp", "source": "https://bao.example/tinh-uy"},
        "annotations": [
            {
                "id": "5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f",
                "target": {"paragraph": "p2-abc", "passage": true,
                           "quote": {"exact": "Tỉnh ủy", "prefix": "Ban Thường vụ ", "suffix": " họp"},
                           "position": {"start": 14, "end": 21}},
                "text": "Ghi chú <b>đậm</b>",
                "tags": ["nhân sự"],
                "created": "2026-12-05T09:00:00.000Z",
                "modified": "2026-12-05T09:30:00.000Z",
                "color": "green"
            }
        ]
    });
    let path = std::env::temp_dir().join(format!("annotator-couchdb-{}.json", std::process::id()));
    std::fs::write(&path, native.to_string()).expect("fixture written");
    let file = path.to_string_lossy().into_owned();
    let (out, err, ok) = annotator(&[
        "export",
        "--couchdb",
        "--user",
        "alice",
        "--user-name",
        "Alice",
        &file,
    ]);
    let _ = std::fs::remove_file(&path);
    assert!(ok, "{err}");
    let body: serde_json::Value = serde_json::from_str(&out).expect("json");
    let docs = body["docs"].as_array().expect("a _bulk_docs body");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["_id"], "5d1c3f6e-8a7b-4c2d-9e0f-1a2b3c4d5e6f");
    assert_eq!(
        docs[0]["creator"],
        serde_json::json!({"id": "alice", "name": "Alice"})
    );
    assert_eq!(
        docs[0]["annotation"]["target"]["source"],
        "https://bao.example/tinh-uy"
    );
    assert!(docs[0].get("_rev").is_none(), "new documents");
    let mut stored = docs[0].clone();
    stored["_rev"] = "1-967a00dff5e02add41819138abb3284d".into();
    match decode_doc(&stored, "a-tinh-uy") {
        Ok(RemoteDoc::Note { note, .. }) => {
            let original: article_annotator::core::notes::Note =
                serde_json::from_value(native["annotations"][0].clone()).expect("note");
            assert_eq!(
                note, original,
                "the document reads back as the exported note"
            );
        }
        other => panic!("{other:?}"),
    }
    let (_, err, ok) = annotator(&["export", "--couchdb", "--w3c", &file]);
    assert!(!ok && err.contains("usage"), "one form at a time: {err}");
}

/// A native export of the seed with two notes, written to a temporary file.
fn seed_export(
    name: &str,
) -> (
    std::path::PathBuf,
    article_annotator::core::export::NativeExport,
) {
    use article_annotator::core::article::Article;
    use article_annotator::core::export::{ExportArticle, NativeExport};
    use article_annotator::core::notes::{Note, NoteColor, NoteId, Timestamp};
    let a = Article::parse(&std::fs::read_to_string(SEED).expect("seed")).expect("parses");
    let p = a
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("Chiều 3.7"))
        .expect("paragraph");
    let later = a
        .paragraphs
        .iter()
        .find(|p| {
            p.text.starts_with(
                "Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu các ban xây dựng Đảng và",
            )
        })
        .expect("paragraph");
    let note = |n: u8, target, text: &str| Note {
        id: NoteId::from_random_bytes([n; 16]),
        target,
        text: text.into(),
        tags: vec!["=cmd|' /C calc'!A0".into()],
        created: Timestamp(1_795_853_100_000),
        modified: Timestamp(1_795_853_100_000),
        orphan: false,
        color: Some(NoteColor::Green),
    };
    let export = NativeExport::new(
        ExportArticle {
            id: "a-seed".into(),
            title: a.title.clone(),
            source: None,
        },
        vec![
            note(
                1,
                a.paragraph_target(&later.id).expect("target"),
                "[x](javascript:alert(1)) <b>",
            ),
            note(
                2,
                a.passage_target(&p.id, 12, 36).expect("target"),
                "Người chủ trì",
            ),
        ],
        Timestamp(1_795_856_700_000),
    );
    let path = std::env::temp_dir().join(format!("annotator-{name}-{}.json", std::process::id()));
    std::fs::write(&path, export.to_json().expect("encodes")).expect("write");
    (path, export)
}

#[test]
fn export_for_people_runs_the_library_code() {
    use article_annotator::core::people_export::{people_export, PeopleFormat};
    use article_annotator::core::recognize::Recognizer;
    let (path, export) = seed_export("people");
    let file = path.to_str().expect("path");
    for (flag, format) in [
        ("--markdown", PeopleFormat::Markdown),
        ("--csv", PeopleFormat::Csv),
        ("--html", PeopleFormat::Html),
    ] {
        for lang in ["vi", "en"] {
            let (out, err, ok) = annotator(&["export", flag, "--lang", lang, file]);
            assert!(ok, "{flag} {lang}: {err}");
            assert_eq!(
                out,
                people_export(format, &export, None, &Recognizer::default(), lang),
                "{flag} {lang}: the library's export"
            );
        }
        // With the article: its date, and the official named by his title alone.
        let (out, err, ok) = annotator(&["export", flag, "--article", SEED, file]);
        assert!(ok, "{err}");
        assert!(
            out.contains("03/07/2020 19:09"),
            "{flag}: the article's date"
        );
        assert!(
            out.contains("Phạm Xuân Thăng (Phó Bí thư Thường trực Tỉnh ủy)"),
            "{flag}"
        );
    }
    let (csv, _, _) = annotator(&["export", "--csv", file]);
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("\"'=cmd|"),
        "BOM and formula guard"
    );
    let (md, _, _) = annotator(&["export", "--markdown", file]);
    assert!(md.contains("\\[x\\](javascript:alert(1)) \\<b\\>"), "{md}");
    let (html, _, _) = annotator(&["export", "--html", "--lang", "en", file]);
    assert!(
        html.contains("[x](javascript:alert(1)) &lt;b&gt;") && html.contains("<html lang=\"en\">")
    );
    for (args, says) in [
        (vec!["export", "--csv", "--html", file], "choose one format"),
        (
            vec!["export", "--csv", "--lang", "fr", file],
            "--lang is vi or en",
        ),
        (
            vec!["export", "--csv", "/nonexistent.json"],
            "cannot read /nonexistent.json",
        ),
        (
            vec!["export", "--csv", "--article", "/nonexistent.txt", file],
            "cannot read /nonexistent.txt",
        ),
        (vec!["export", "--csv", SEED], "is not a native export"),
        (vec!["export", file], "usage:"),
    ] {
        let (_, err, ok) = annotator(&args);
        assert!(!ok && err.contains(says), "{args:?}: {err}");
    }
    let _ = std::fs::remove_file(path);
}
