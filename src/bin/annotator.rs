//! `annotator`: the recogniser on the command line, for newsrooms and tests.
//!
//! `annotator recognize FILE` prints one JSON line per span (`start`, `end` in code points of the
//! file's text as read, `text`, `label`); `--entities` prints the grouped entities instead;
//! `--w3c` prints them as W3C `identifying` annotations;
//! `--lexicon EXTRA.txt` adds a newsroom's own bodies, titles and officials (sections `[body]`,
//! `[title]`, `[official]`).
//!
//! `annotator anchor CASES.jsonl` places each case's selector in its text (the widget's own
//! anchoring code) and prints `{"id","start","end"}` or `{"id","orphan":true}` per line.
//!
//! `annotator export --w3c NATIVE.json` converts a native export to the W3C Web Annotation form;
//! `annotator export --couchdb [--user ID [--user-name NAME]] NATIVE.json` to the CouchDB
//! documents the widget's sync writes, as a `_bulk_docs` body (`{"docs": [...]}`), to load a
//! newsroom's existing notes into a database.
//! `--markdown`, `--csv` or `--html` to a document for people (`--lang vi|en`), the officials and
//! bodies each note mentions found with the whole article's knowledge when `--article FILE` gives
//! the article (plain text or JSON), which also gives its date and places the notes again.

use std::process::ExitCode;

use article_annotator::core::anchor::{anchor, reanchor, Anchoring, Folded};
use article_annotator::core::article::Article;
use article_annotator::core::export::{NativeExport, EXPORT_FORMAT};
use article_annotator::core::notes::{Notes, TextPosition, TextQuote};
use article_annotator::core::people_export::{people_export, PeopleFormat};
use article_annotator::core::recognize::{Label, Recognizer};
use article_annotator::core::sync::{note_doc, DocContext, User};
use article_annotator::core::w3c::{entities_to_w3c, to_w3c_json};
use serde::Serialize;

/// One span as the gold files write it: keys in this order.
#[derive(Serialize)]
struct SpanLine<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    label: Label,
}

const USAGE: &str = "usage: annotator recognize [--entities | --w3c] [--lexicon EXTRA.txt] FILE\n       annotator anchor CASES.jsonl\n       annotator export --w3c | --markdown | --csv | --html [--lang vi|en] [--article FILE] NATIVE.json\n       annotator export --couchdb [--lang vi] [--user ID [--user-name NAME]] NATIVE.json";

/// What `annotator export` writes.
#[derive(Clone, Copy)]
enum Output {
    /// The W3C Web Annotation collection.
    W3c,
    /// The CouchDB documents of the widget's sync, as a `_bulk_docs` body.
    CouchDb,
    /// A document for people: Markdown, CSV or HTML.
    People(PeopleFormat),
}

/// One line of `annotator anchor`'s input.
#[derive(serde::Deserialize)]
struct AnchorCase {
    id: serde_json::Value,
    text: String,
    selector: AnchorSelector,
}

#[derive(serde::Deserialize)]
struct AnchorSelector {
    exact: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    start: usize,
    end: usize,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("annotator: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("recognize") => {
            let mut entities = false;
            let mut w3c = false;
            let mut lexicon = None;
            let mut file = None;
            let mut rest = args[1..].iter();
            while let Some(a) = rest.next() {
                match a.as_str() {
                    "--entities" => entities = true,
                    "--w3c" => w3c = true,
                    "--lexicon" => lexicon = Some(rest.next().ok_or(USAGE)?),
                    _ if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}")),
                    _ => file = Some(a),
                }
            }
            let file = file.ok_or(USAGE)?;
            let mut recognizer = Recognizer::default();
            if let Some(path) = lexicon {
                let extra = read_text(path)?;
                recognizer
                    .lexicon_mut()
                    .add_text(&extra)
                    .map_err(|e| format!("{path}: {e}"))?;
            }
            let text = read_text(file)?;
            if w3c {
                let rec = recognizer.recognize(&[text.as_str()]);
                let source = format!(
                    "urn:article-annotator:file:{}",
                    file.rsplit('/').next().unwrap_or(file).replace(
                        |c: char| !c.is_ascii_alphanumeric() && c != '.' && c != '-',
                        "_"
                    )
                );
                return Ok(format!(
                    "{}\n",
                    serde_json::to_string_pretty(&entities_to_w3c(&rec, &text, &source, file))
                        .unwrap_or_default()
                ));
            }
            Ok(recognize(&recognizer, &text, entities))
        }
        Some("anchor") => {
            let file = args.get(1).ok_or(USAGE)?;
            let mut out = String::new();
            for (n, line) in read_text(file)?
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let case: AnchorCase =
                    serde_json::from_str(line).map_err(|e| format!("{file}:{}: {e}", n + 1))?;
                let s = case.selector;
                let quote = TextQuote {
                    exact: s.exact,
                    prefix: s.prefix,
                    suffix: s.suffix,
                };
                let line = match anchor(
                    &Folded::new(&case.text),
                    &quote,
                    TextPosition {
                        start: s.start,
                        end: s.end,
                    },
                ) {
                    Anchoring::Placed { start, end, .. } => {
                        serde_json::json!({"id": case.id, "start": start, "end": end})
                    }
                    Anchoring::Orphan => serde_json::json!({"id": case.id, "orphan": true}),
                };
                out.push_str(&line.to_string());
                out.push('\n');
            }
            Ok(out)
        }
        Some("export") => {
            let mut format = None;
            let mut lang = "vi".to_owned();
            let (mut file, mut article) = (None, None);
            let (mut user, mut user_name) = (None, String::new());
            let mut rest = args[1..].iter();
            while let Some(a) = rest.next() {
                let chosen = match a.as_str() {
                    "--w3c" => Output::W3c,
                    "--couchdb" => Output::CouchDb,
                    "--markdown" => Output::People(PeopleFormat::Markdown),
                    "--csv" => Output::People(PeopleFormat::Csv),
                    "--html" => Output::People(PeopleFormat::Html),
                    "--lang" => {
                        lang = rest.next().ok_or(USAGE)?.clone();
                        continue;
                    }
                    "--article" => {
                        article = Some(rest.next().ok_or(USAGE)?);
                        continue;
                    }
                    "--user" => {
                        user = Some(rest.next().ok_or(USAGE)?.clone());
                        continue;
                    }
                    "--user-name" => {
                        user_name = rest.next().ok_or(USAGE)?.clone();
                        continue;
                    }
                    _ if a.starts_with("--") => return Err(format!("unknown option {a}\n{USAGE}")),
                    _ => {
                        file = Some(a);
                        continue;
                    }
                };
                if format.replace(chosen).is_some() {
                    return Err(format!("choose one format\n{USAGE}"));
                }
            }
            let (Some(format), Some(file)) = (format, file) else {
                return Err(USAGE.to_owned());
            };
            if !matches!(lang.as_str(), "vi" | "en") {
                return Err(format!("--lang is vi or en, not {lang:?}"));
            }
            let mut native: NativeExport = serde_json::from_str(&read_text(file)?)
                .map_err(|e| format!("{file} is not a native export: {e}"))?;
            if native.format != EXPORT_FORMAT {
                return Err(format!(
                    "{file} is not a native export (format {:?})",
                    native.format
                ));
            }
            let format = match format {
                Output::W3c => {
                    let w3c =
                        to_w3c_json(&native, &lang, None).map_err(|e| format!("{file}: {e}"))?;
                    return Ok(format!("{w3c}\n"));
                }
                Output::CouchDb => {
                    let user = user.map(|id| User {
                        id,
                        name: user_name,
                    });
                    return Ok(format!("{}\n", couchdb_docs(&native, &lang, user.as_ref())));
                }
                Output::People(format) => format,
            };
            let article = match article {
                Some(path) => {
                    let bytes =
                        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                    let article =
                        Article::from_bytes(&bytes, false).map_err(|e| format!("{path}: {e}"))?;
                    // Placed again as the widget does on load: moved passages found, lost ones
                    // orphaned.
                    let notes = Notes {
                        notes: native.annotations.drain(..).map(std::rc::Rc::new).collect(),
                        deleted: Vec::new(),
                    };
                    native.annotations = reanchor(&notes, &article)
                        .notes
                        .iter()
                        .map(|n| (**n).clone())
                        .collect();
                    Some(article)
                }
                None => None,
            };
            Ok(people_export(
                format,
                &native,
                article.as_ref(),
                &Recognizer::default(),
                &lang,
            ))
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// A native export as a `_bulk_docs` body: one new document per note.
fn couchdb_docs(native: &NativeExport, lang: &str, user: Option<&User>) -> String {
    let ctx = DocContext::new(&native.article.id, native.article.source.as_deref(), lang);
    let docs: Vec<serde_json::Value> = native
        .annotations
        .iter()
        .filter_map(|n| serde_json::from_str(&note_doc(n, None, user, &ctx)).ok())
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "docs": docs })).unwrap_or_default()
}

fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("{path} is not UTF-8 text: {e}"))
}

fn recognize(recognizer: &Recognizer, text: &str, entities: bool) -> String {
    let rec = recognizer.recognize(&[text]);
    let mut out = String::new();
    if entities {
        for (i, e) in rec.entities.iter().enumerate() {
            let spans: Vec<[usize; 2]> = rec.mentions[0]
                .iter()
                .filter(|m| m.entity == i)
                .map(|m| [m.start, m.end])
                .collect();
            let mut v = serde_json::to_value(e).unwrap_or_default();
            v["spans"] = serde_json::json!(spans);
            out.push_str(&v.to_string());
            out.push('\n');
        }
    } else {
        for m in &rec.mentions[0] {
            let line = SpanLine {
                start: m.start,
                end: m.end,
                text: text.get(m.start_byte..m.end_byte).unwrap_or_default(),
                label: m.label,
            };
            out.push_str(&serde_json::to_string(&line).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}
