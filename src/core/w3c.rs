//! The W3C Web Annotation export: an `AnnotationCollection` (JSON-LD) with the notes embedded in
//! its first page, each a commenting `Annotation` whose body is a `TextualBody` and whose target
//! carries a `TextQuoteSelector` and, where the note's passage is placed, a
//! `TextPositionSelector` (code points); an orphan, or a passage the page does not show, has its
//! quote alone. The recognised entities can be exported the same way, as `identifying`
//! annotations.
//!
//! Placed on the page ([`DocumentText`]: the widget's exports), the selectors count and quote the text
//! a DOM client sees of the page ([`DocumentText`]), and `target.source` is the page's URL, so that
//! another client anchors the notes on the same text; without it (the `annotator` command), they
//! count the article's text ([`Article::text`]: its paragraphs joined by blank lines).

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{json, Value};

use super::document_text::DocumentText;
use super::export::{EncodeError, NativeExport};
use super::notes::{Note, NoteColor, Timestamp, CONTEXT_CHARS};
use super::recognize::{EntityKind, Recognition};

/// The JSON-LD context of the Web Annotation model.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Percent-encodes what may not stand in a URN's name (or a URL's query value) as it is: every
/// byte but ASCII letters, digits and `-._~`.
pub fn urn_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URI annotations target: the article's URL, or a URN naming the article by its id.
pub fn article_source(export: &NativeExport) -> String {
    source_uri(&export.article.id, export.article.source.as_deref())
}

/// [`article_source`] from the article's id and URL (`None` for the bundled or host article).
pub fn source_uri(article_id: &str, url: Option<&str>) -> String {
    url.map_or_else(
        || format!("urn:article-annotator:article:{}", urn_part(article_id)),
        str::to_owned,
    )
}

// The shapes of the export, serialised directly (no `serde_json::Value` built on the way, which
// in the browser build would cost its own code).

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    modified: Timestamp,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: Timestamp,
    modified: Timestamp,
    body: Bodies<'a>,
    target: AnnotationTarget<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stylesheet: Option<Stylesheet>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent<'a>>,
}

/// A note's author, as the W3C model's `creator`: a `Person` with an IRI and a name.
#[derive(Serialize)]
struct Agent<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
}

/// The IRI standing for a user of the host site in the W3C `creator` (the site's user ids need
/// not be IRIs): `urn:article-annotator:user:<id, percent-encoded>`.
pub fn creator_iri(user_id: &str) -> String {
    format!("urn:article-annotator:user:{}", urn_part(user_id))
}

/// One body is the body itself, several are an array.
#[derive(Serialize)]
#[serde(untagged)]
enum Bodies<'a> {
    One(Body<'a>),
    Many(Vec<Body<'a>>),
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    purpose: &'static str,
}

#[derive(Serialize)]
struct AnnotationTarget<'a> {
    source: &'a str,
    selector: Selectors<'a>,
    #[serde(rename = "styleClass", skip_serializing_if = "Option::is_none")]
    style_class: Option<String>,
}

/// A note's selectors: its quote and its position; only its quote when it has no place in the
/// text positions count (an orphan, or a paragraph the page does not show).
struct Selectors<'a> {
    quote: QuoteSelector<'a>,
    position: Option<PositionSelector>,
}

impl Serialize for Selectors<'_> {
    /// An array: the quote, then the position if there is one.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(1 + usize::from(self.position.is_some())))?;
        seq.serialize_element(&self.quote)?;
        if let Some(position) = &self.position {
            seq.serialize_element(position)?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: Cow<'a, str>,
    prefix: Cow<'a, str>,
    suffix: Cow<'a, str>,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Stylesheet {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

/// The note's selectors on the page: its passage's place in the document's text, quoted from
/// it; its quote only when it has no place there (an orphan, or a paragraph the page lacks).
fn placed<'n>(note: &'n Note, doc: &DocumentText) -> Selectors<'n> {
    match (!note.orphan).then(|| doc.passage(&note.target)).flatten() {
        Some((a, b)) => Selectors {
            quote: QuoteSelector {
                kind: "TextQuoteSelector",
                exact: doc.slice(a, b).into(),
                prefix: doc.slice(a.saturating_sub(CONTEXT_CHARS), a).into(),
                suffix: doc.slice(b, b.saturating_add(CONTEXT_CHARS)).into(),
            },
            position: Some(PositionSelector {
                kind: "TextPositionSelector",
                start: a,
                end: b,
            }),
        },
        None => Selectors {
            quote: quote_of(note),
            position: None,
        },
    }
}

/// The note's own quote (counted in the article's text).
fn quote_of(note: &Note) -> QuoteSelector<'_> {
    let quote = &note.target.quote;
    QuoteSelector {
        kind: "TextQuoteSelector",
        exact: Cow::Borrowed(&quote.exact),
        prefix: Cow::Borrowed(&quote.prefix),
        suffix: Cow::Borrowed(&quote.suffix),
    }
}

/// The note's own selectors: its quote and its position in the article's text.
fn own_selectors(note: &Note) -> Selectors<'_> {
    Selectors {
        quote: quote_of(note),
        position: Some(PositionSelector {
            kind: "TextPositionSelector",
            start: note.target.position.start,
            end: note.target.position.end,
        }),
    }
}

/// One note as a W3C `Annotation` (the form each item of [`to_w3c`]'s collection has), with its
/// author as `creator` when known: `(user id, display name)`. The sync documents carry it,
/// serialised in place (`core::sync::doc`).
pub(crate) fn annotation_of<'a>(
    note: &'a Note,
    source: &'a str,
    language: &'a str,
    creator: Option<(&'a str, &'a str)>,
) -> impl Serialize + 'a {
    annotation_by(note, source, language, creator, own_selectors(note))
}

fn annotation_by<'a>(
    note: &'a Note,
    source: &'a str,
    language: &'a str,
    creator: Option<(&'a str, &'a str)>,
    selector: Selectors<'a>,
) -> Annotation<'a> {
    let comment = Body {
        kind: "TextualBody",
        value: &note.text,
        format: Some("text/plain"),
        language: Some(language),
        purpose: "commenting",
    };
    let body = if note.tags.is_empty() {
        Bodies::One(comment)
    } else {
        let tags = note.tags.iter().map(|t| Body {
            kind: "TextualBody",
            value: t,
            format: None,
            language: None,
            purpose: "tagging",
        });
        Bodies::Many(std::iter::once(comment).chain(tags).collect())
    };
    Annotation {
        context: ANNO_CONTEXT,
        id: format!("urn:uuid:{}", note.id),
        kind: "Annotation",
        motivation: "commenting",
        created: note.created,
        modified: note.modified,
        body,
        target: AnnotationTarget {
            source,
            selector,
            // The note's colour: the model's way is a style class on the target and the
            // stylesheet that defines it on the annotation.
            style_class: note.color.map(style_class),
        },
        stylesheet: note.color.map(|color| Stylesheet {
            kind: "CssStylesheet",
            value: format!(
                ".{} {{ background-color: {} }}",
                style_class(color),
                highlight_hex(color)
            ),
        }),
        creator: creator.map(|(id, name)| Agent {
            id: creator_iri(id),
            kind: "Person",
            name,
        }),
    }
}

/// The style class of a note colour in the W3C export (`aa-note-yellow`).
pub fn style_class(color: NoteColor) -> String {
    format!("aa-note-{}", color.as_str())
}

/// The highlight colour of the light theme, for the exported stylesheet.
fn highlight_hex(color: NoteColor) -> &'static str {
    match color {
        NoteColor::Yellow => "#fff1a8",
        NoteColor::Green => "#c8f0cf",
        NoteColor::Blue => "#cfe3ff",
        NoteColor::Pink => "#ffd3e6",
        NoteColor::Purple => "#e3d7ff",
    }
}

fn collection<'a>(
    export: &'a NativeExport,
    source: &'a str,
    language: &'a str,
    page: Option<&DocumentText>,
) -> Collection<'a> {
    let items: Vec<Annotation> = export
        .annotations
        .iter()
        .map(|n| {
            let selector = match page {
                Some(page) => placed(n, page),
                None => own_selectors(n),
            };
            annotation_by(n, source, language, None, selector)
        })
        .collect();
    let id = format!(
        "urn:article-annotator:collection:{}",
        urn_part(&export.article.id)
    );
    Collection {
        context: ANNO_CONTEXT,
        kind: "AnnotationCollection",
        label: &export.article.title,
        total: items.len(),
        modified: export.exported,
        first: Page {
            id: format!("{id}:page:0"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
        id,
    }
}

/// The `target.source` of an export: the page's URL when it is placed on a page that has one,
/// else [`article_source`].
fn source_of(export: &NativeExport, page: Option<&DocumentText>) -> String {
    page.and_then(|p| p.url.clone())
        .unwrap_or_else(|| article_source(export))
}

/// Writes the W3C collection of `export` with `write` (see [`to_w3c`] for the arguments).
fn encode<T>(
    export: &NativeExport,
    language: &str,
    page: Option<&DocumentText>,
    write: impl FnOnce(&Collection<'_>) -> serde_json::Result<T>,
) -> Result<T, EncodeError> {
    let source = source_of(export, page);
    Ok(write(&collection(export, &source, language, page))?)
}

/// The W3C form of a native export; `language` is the BCP 47 tag of the notes' text; placed on
/// `page` when it is given (see the module's doc). Fails only for what JSON cannot say
/// (a time after the year 9999).
pub fn to_w3c(
    export: &NativeExport,
    language: &str,
    page: Option<&DocumentText>,
) -> Result<Value, EncodeError> {
    encode(export, language, page, |c| serde_json::to_value(c))
}

/// [`to_w3c`], pretty-printed.
pub fn to_w3c_json(
    export: &NativeExport,
    language: &str,
    page: Option<&DocumentText>,
) -> Result<String, EncodeError> {
    encode(export, language, page, |c| serde_json::to_string_pretty(c))
}

/// [`to_w3c_json`] without the indentation (the widget indents it in the browser, as
/// [`NativeExport::to_compact_json`] says).
pub fn to_w3c_compact_json(
    export: &NativeExport,
    language: &str,
    page: Option<&DocumentText>,
) -> Result<String, EncodeError> {
    encode(export, language, page, |c| serde_json::to_string(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::{Article, SEED_ARTICLE};
    use crate::core::export::ExportArticle;
    use crate::core::notes::{NoteId, Timestamp};

    fn seed_export() -> NativeExport {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let notes = a
            .paragraphs
            .iter()
            .take(2)
            .enumerate()
            .map(|(i, p)| Note {
                id: NoteId::from_random_bytes([i as u8 + 1; 16]),
                target: a.paragraph_target(&p.id).expect("target"),
                text: format!("Ghi chú {i}"),
                tags: if i == 1 {
                    vec!["nhân sự".into()]
                } else {
                    vec![]
                },
                color: (i == 1).then_some(NoteColor::Pink),
                created: Timestamp(1_593_778_153_000),
                modified: Timestamp(1_593_778_200_000),
                orphan: false,
            })
            .collect();
        NativeExport::new(
            ExportArticle {
                id: a.derived_id(),
                title: a.title.clone(),
                source: None,
            },
            notes,
            Timestamp(1_593_778_300_000),
        )
    }

    #[test]
    fn collection_shape() {
        let v = to_w3c(&seed_export(), "vi", None).expect("encodes");
        assert_eq!(v["@context"], ANNO_CONTEXT);
        assert_eq!(v["type"], "AnnotationCollection");
        assert_eq!(v["total"], 2);
        let a = &v["first"]["items"][0];
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("urn:uuid:")));
        assert_eq!(a["body"]["type"], "TextualBody");
        assert_eq!(a["body"]["language"], "vi");
        assert_eq!(a["created"], "2020-07-03T12:09:13.000Z");
        assert_eq!(a["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(a["target"]["selector"][1]["type"], "TextPositionSelector");
        assert!(a["target"]["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("urn:article-annotator:article:a-")));
        let tagged = &v["first"]["items"][1]["body"];
        assert_eq!(tagged[1]["purpose"], "tagging");
    }

    /// Placed on the page, positions and quotes are the page's text: what another client reads
    /// there (the rendered article's text here: paragraphs one after the other, no blank lines).
    #[test]
    fn placed_on_the_page_positions_and_quotes_are_the_pages() {
        let a = Article::parse(SEED_ARTICLE).expect("seed");
        let doc = DocumentText::rendered(&a, Some("https://example.vn/bai-viet".into()));
        let last = a.paragraphs.len() - 1;
        // (paragraph, passage in it as code points or the whole paragraph, orphan)
        type Passage = Option<(usize, usize)>;
        let cases: [(usize, Passage, bool); 6] = [
            (0, None, false),
            (0, Some((0, 12)), false),
            (4, Some((3, 30)), false),
            (last / 2, None, false),
            (last, None, false),
            (2, Some((5, 9)), true),
        ];
        let mut export = seed_export();
        export.annotations = cases
            .iter()
            .enumerate()
            .map(|(i, &(p, passage, orphan))| {
                let id = &a.paragraphs[p].id;
                let target = match passage {
                    Some((s, e)) => a.passage_target(id, s, e),
                    None => a.paragraph_target(id),
                };
                Note {
                    id: NoteId::from_random_bytes([i as u8 + 1; 16]),
                    target: target.expect("target"),
                    text: format!("n{i}"),
                    tags: vec![],
                    color: None,
                    created: Timestamp(1),
                    modified: Timestamp(1),
                    orphan,
                }
            })
            .collect();
        let v = to_w3c(&export, "vi", Some(&doc)).expect("encodes");
        let chars: Vec<char> = a.paragraphs.iter().flat_map(|p| p.text.chars()).collect();
        let page = |s: usize, e: usize| {
            chars[s.min(chars.len())..e.min(chars.len())]
                .iter()
                .collect::<String>()
        };
        for (i, (note, &(_, _, orphan))) in export.annotations.iter().zip(&cases).enumerate() {
            let target = &v["first"]["items"][i]["target"];
            assert_eq!(target["source"], "https://example.vn/bai-viet");
            if orphan {
                assert_eq!(
                    target["selector"].as_array().map(Vec::len),
                    Some(1),
                    "an orphan has no place: its quote alone"
                );
                let exact = &target["selector"][0]["exact"];
                assert_eq!(exact, note.target.quote.exact.as_str());
                continue;
            }
            let quote = &target["selector"][0];
            assert_eq!(quote["exact"], note.target.quote.exact.as_str(), "case {i}");
            let position = &target["selector"][1];
            let (s, e) = (
                position["start"].as_u64().expect("start") as usize,
                position["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                page(s, e),
                note.target.quote.exact,
                "case {i}: the page reads the quote there"
            );
            assert_eq!(
                quote["prefix"],
                page(s.saturating_sub(CONTEXT_CHARS), s).as_str()
            );
            assert_eq!(quote["suffix"], page(e, e + CONTEXT_CHARS).as_str());
        }
        // Without a page (the command), the article's text as before, and the URN.
        let own = to_w3c(&export, "vi", None).expect("encodes");
        let first = &own["first"]["items"][2]["target"];
        assert!(first["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("urn:")));
        assert_eq!(
            first["selector"][1]["start"],
            export.annotations[2].target.position.start
        );
        // A page without a URL keeps the URN.
        let no_url = DocumentText::rendered(&a, None);
        let v = to_w3c(&export, "vi", Some(&no_url)).expect("encodes");
        assert!(v["first"]["items"][0]["target"]["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("urn:article-annotator:article:")));
    }

    #[test]
    fn urns_are_escaped() {
        assert_eq!(urn_part("bài viết/1"), "b%C3%A0i%20vi%E1%BA%BFt%2F1");
    }
}

/// The recognised entities of one text as W3C annotations: one `identifying` annotation per
/// entity, whose bodies tag its kind (`official`, `body`, `title`) and give its name, and whose
/// targets are its mentions (quote and position selectors over `text`, code points).
pub fn entities_to_w3c(recognition: &Recognition, text: &str, source: &str, label: &str) -> Value {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let mentions = recognition
        .mentions
        .first()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let items: Vec<Value> = recognition
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let targets: Vec<Value> = mentions
                .iter()
                .filter(|m| m.entity == i)
                .map(|m| {
                    json!({
                        "source": source,
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": slice(m.start, m.end),
                                "prefix": slice(m.start.saturating_sub(CONTEXT_CHARS), m.start),
                                "suffix": slice(m.end, m.end + CONTEXT_CHARS),
                            },
                            { "type": "TextPositionSelector", "start": m.start, "end": m.end },
                        ],
                    })
                })
                .collect();
            let kind = match e.kind {
                EntityKind::Official => "official",
                EntityKind::Body => "body",
                EntityKind::Title => "title",
            };
            json!({
                "@context": ANNO_CONTEXT,
                "id": format!("urn:article-annotator:entity:{}", urn_part(&e.id)),
                "type": "Annotation",
                "motivation": "identifying",
                "body": [
                    { "type": "TextualBody", "purpose": "tagging", "value": kind },
                    { "type": "TextualBody", "purpose": "identifying", "value": e.name, "language": "vi" },
                ],
                "target": targets,
            })
        })
        .collect();
    json!({
        "@context": ANNO_CONTEXT,
        "id": format!("urn:article-annotator:entities:{}", urn_part(label)),
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": { "id": format!("urn:article-annotator:entities:{}:page:0", urn_part(label)), "type": "AnnotationPage", "startIndex": 0, "items": items },
    })
}

#[cfg(test)]
mod entity_tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::recognize::Recognizer;

    #[test]
    fn entities_are_identifying_annotations_with_their_mentions() {
        let rec = Recognizer::default().recognize(&[SEED_ARTICLE]);
        let v = entities_to_w3c(
            &rec,
            SEED_ARTICLE,
            "urn:article-annotator:article:seed",
            "seed",
        );
        let items = v["first"]["items"].as_array().expect("items");
        assert_eq!(items.len(), rec.entities.len());
        let thang = items
            .iter()
            .find(|a| a["body"][1]["value"] == "Phạm Xuân Thăng")
            .expect("official");
        assert_eq!(thang["motivation"], "identifying");
        assert_eq!(thang["body"][0]["value"], "official");
        assert_eq!(
            thang["target"].as_array().map(Vec::len),
            Some(10),
            "names, titles beside them, titles alone"
        );
        assert_eq!(
            thang["target"][0]["selector"][0]["exact"],
            "Phó Bí thư Thường trực Tỉnh ủy"
        );
    }
}
