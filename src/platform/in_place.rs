//! One widget's hold on the host's own article, in place. The DOM work (walking the host's
//! blocks, the `<aa-tools>` beside each, painting highlights with the CSS Custom Highlight API or
//! `<mark>`s, the caret under the pointer, the selection, scrolling, watching for changes) is done
//! by the element script (`src/embed/article-annotator-element.js`, its `HostDoc` class), handed
//! to [`crate::embed::mount`] as `options.inPlace`: each browser call made from Rust would cost an
//! import, a shim and glue. Here stays what is the product's own logic, in the core
//! ([`crate::core::host`]): the blocks' texts from the pieces the script reads, and the two-way
//! mapping between code points of those texts and DOM points (piece, UTF-16 offset).
//!
//! Everything the script adds to the host's tree it takes out again on [`HostDoc::close`] (and
//! when the `HostDoc` is dropped); the host's own nodes are never replaced, restyled or hidden.
//! Regions cross the boundary as numbers: 0 the title's `h1`, `i + 1` block `i`.

use std::cell::RefCell;
use std::rc::Rc;

use thiserror::Error;
use wasm_bindgen::closure::WasmClosure;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::js_text;
use crate::core::article::Article;
use crate::core::document_text::DocumentText;
use crate::core::host::{
    cut, BlockRole, BlockText, Highlight, HighlightRange, HostArticle, Piece, PiecePoint, Region,
    ALWAYS_SKIP, DEFAULT_BLOCKS, DEFAULT_SKIP, HIGHLIGHT_NAMES,
};
use crate::core::text::CharIdx;

/// The `::highlight()` rules and the fallback's `<mark>` rules (the same look on `<mark>`s), adopted
/// by the document, themed by the `--aa-` custom properties (`--aa-highlight-text` keeps
/// highlighted text readable). The file is written one rule a line, with no comment and no space to
/// spare: its text ships inside the wasm, which no minifier reads.
const STYLESHEET: &str = include_str!("../../styles/highlights.css");

/// What the script's `text()` gives for a piece whose text node is no longer in the host.
const MISSING_NODE: f64 = -2.0;

/// What the script gets for an absent second highlight name (no such index).
const NO_NAME: u32 = u32::MAX;

#[wasm_bindgen]
extern "C" {
    /// The element script's `inPlace` object (`options.inPlace` of `mount`).
    pub type InPlace;

    #[wasm_bindgen(method, catch)]
    fn open(this: &InPlace, host: &Element, blocks: &str, skip: &str) -> Result<JsDoc, JsValue>;

    /// The script's `HostDoc`: one widget's hold on the host's article.
    type JsDoc;

    /// `[title's pieces | null, title attribute, <time> text, then per block its tag and
    /// pieces]`; a piece is a text node's data, or `null` for a break.
    #[wasm_bindgen(method, getter)]
    fn read(this: &JsDoc) -> js_sys::Array;

    /// Whether it paints with the Custom Highlight API (else with `<mark>`s).
    #[wasm_bindgen(method, getter)]
    fn api(this: &JsDoc) -> bool;

    #[wasm_bindgen(method, catch)]
    fn tools(
        this: &JsDoc,
        keep: &[u32],
        title: bool,
        sheet: &JsValue,
        css_url: Option<&str>,
        css: &str,
        names: &str,
    ) -> Result<js_sys::Array, JsValue>;

    #[wasm_bindgen(method)]
    fn paint(this: &JsDoc, list: &[u32], marks: &js_sys::Array) -> u32;

    #[wasm_bindgen(method)]
    fn el(this: &JsDoc, region: u32) -> Option<Element>;

    /// `[page URL, the host's text, then per block its pieces' code point spans, flattened]`.
    #[wasm_bindgen(method)]
    fn text(this: &JsDoc) -> js_sys::Array;

    #[wasm_bindgen(method)]
    fn point(this: &JsDoc, x: f64, y: f64) -> Option<Vec<u32>>;

    #[wasm_bindgen(method)]
    fn selection(this: &JsDoc) -> Option<Vec<u32>>;

    #[wasm_bindgen(method)]
    fn tips(this: &JsDoc, tip: &Element, text: &js_sys::Function) -> js_sys::Function;

    #[wasm_bindgen(method)]
    fn ends(this: &JsDoc, block: u32, f: &js_sys::Function) -> js_sys::Function;

    #[wasm_bindgen(method)]
    fn scroll(this: &JsDoc, region: u32, piece: u32, utf16: u32);

    #[wasm_bindgen(method)]
    fn watch(this: &JsDoc, on_change: &js_sys::Function);

    #[wasm_bindgen(method)]
    fn close(this: &JsDoc);
}

/// Why the host's article could not be read.
#[derive(Debug, Error)]
pub enum HostError {
    /// The host's `blocks` or `skip` attribute is not a selector the browser accepts.
    #[error("the {attribute} selector {selector:?} is not valid CSS: {message}")]
    BadSelector {
        attribute: &'static str,
        selector: String,
        message: String,
    },
    /// The browser failed while reading the article or placing the controls.
    #[error("{0}")]
    Read(String),
}

/// Which of the host's elements are text blocks and which are left out: the host's `blocks` and
/// `skip` attributes, or the defaults ([`DEFAULT_BLOCKS`], [`DEFAULT_SKIP`]); [`ALWAYS_SKIP`] is
/// added to `skip` in any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selectors {
    /// The text blocks.
    pub blocks: String,
    /// What is left out, [`ALWAYS_SKIP`] included.
    pub skip: String,
}

impl Selectors {
    /// From the host's attributes; absent or blank ones take the defaults.
    pub fn new(blocks: Option<&str>, skip: Option<&str>) -> Selectors {
        let given = |s: Option<&str>, default: &str| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(default)
                .to_owned()
        };
        Selectors {
            blocks: given(blocks, DEFAULT_BLOCKS),
            skip: format!("{ALWAYS_SKIP}, {}", given(skip, DEFAULT_SKIP)),
        }
    }
}

/// The script's number for `region`.
fn code(region: Region) -> u32 {
    match region {
        Region::Title => 0,
        Region::Block(i) => u32::try_from(i + 1).unwrap_or(NO_NAME),
    }
}

/// A list of pieces as the script reads them (`None` when `v` is not a list).
fn block_text(v: &JsValue) -> Option<BlockText> {
    let list = v.dyn_ref::<js_sys::Array>()?;
    let texts: Vec<Option<String>> = list.iter().map(|p| p.as_string()).collect();
    let pieces: Vec<Piece> = texts
        .iter()
        .map(|t| t.as_deref().map_or(Piece::Break, Piece::Text))
        .collect();
    Some(BlockText::new(&pieces))
}

/// The attributes of one `<mark>` of the fallback, as (name, value) pairs flattened; an empty
/// name is no attribute.
fn mark_attributes<'a>(h: &Highlight<'a>) -> [&'a str; 6] {
    match *h {
        Highlight::Entity {
            label,
            entity,
            chosen,
        } => [
            "data-aa-entity",
            label.as_attr(),
            "data-aa-entity-id",
            entity,
            if chosen { "data-aa-chosen" } else { "" },
            "true",
        ],
        Highlight::Note { id, color } => [
            "data-aa-note",
            id,
            if color.is_some() { "data-aa-color" } else { "" },
            color.map_or("", |c| c.as_str()),
            "",
            "",
        ],
    }
}

/// Listeners the element script added for the widget, with the Rust function they call: taken
/// out when this is dropped.
pub struct Held<T: ?Sized + WasmClosure> {
    stop: js_sys::Function,
    _f: Closure<T>,
}

impl<T: ?Sized + WasmClosure> Drop for Held<T> {
    fn drop(&mut self) {
        // Only removes listeners: nothing to report if it fails.
        let _ = self.stop.call0(&JsValue::NULL);
    }
}

/// Reads the page the notes are on when a W3C export is made: given the article shown, the
/// document's text and URL, or `None` when the page cannot be read.
pub type DocumentReader = Rc<dyn Fn(&Article) -> Option<DocumentText>>;

/// What the store reads the page with in place ([`HostDoc::document_text`], read at each export:
/// a page that changes keeps its notes' places and source current). Holds the host's article
/// weakly: once the widget lets it go, there is no page to read.
pub fn in_place_reader(doc: &Rc<HostDoc>) -> DocumentReader {
    let doc = Rc::downgrade(doc);
    Rc::new(move |article: &Article| doc.upgrade()?.document_text(article))
}

/// The text a tip shows for a point of the host's article (region, piece, UTF-16 offset).
pub type Tips = Held<dyn Fn(u32, u32, u32) -> Option<String>>;

/// The host's article as one widget holds it.
pub struct HostDoc {
    /// The element whose content is the article (the widget's host).
    pub host: Element,
    /// Title, blocks, ids and texts.
    pub article: HostArticle,
    /// The first `<time>`'s text, for the article's date.
    pub date: Option<String>,
    js: JsDoc,
    /// Inside each block's `<aa-tools>` shadow root, where its controls are rendered.
    targets: Vec<Element>,
    on_change: RefCell<Option<Closure<dyn Fn()>>>,
}

impl HostDoc {
    /// Reads the text blocks of `host` (see the script's `HostDoc`: blocks in document order,
    /// skipped and hidden elements left out, nested blocks read once; the first `<h1>` gives the
    /// title, else the `title` attribute; blocks without text left out) and puts a place for the
    /// widget's controls beside each. Nothing is added when reading fails.
    pub fn open(
        script: &InPlace,
        host: &Element,
        selectors: &Selectors,
        sheet: Option<&JsValue>,
        css_url: Option<&str>,
    ) -> Result<HostDoc, HostError> {
        let js = script
            .open(host, &selectors.blocks, &selectors.skip)
            .map_err(|e| match e.dyn_ref::<js_sys::Array>() {
                Some(bad) => HostError::BadSelector {
                    attribute: if bad.get(0).as_string().as_deref() == Some("skip") {
                        "skip"
                    } else {
                        "blocks"
                    },
                    selector: bad.get(1).as_string().unwrap_or_default(),
                    message: bad.get(2).as_string().unwrap_or_default(),
                },
                None => HostError::Read(js_text(&e)),
            })?;
        let read = js.read();
        let heading = block_text(&read.get(0));
        let (title, date) = (read.get(1).as_string(), read.get(2).as_string());
        // From index 3, per block its tag and its pieces (past the end `get` is undefined).
        let roles = (3..read.length())
            .step_by(2)
            .map(|i| {
                let role = read
                    .get(i)
                    .as_string()
                    .map_or(BlockRole::Text, |t| BlockRole::of_tag(&t));
                let text = block_text(&read.get(i + 1));
                (role, text.unwrap_or_else(|| BlockText::new(&[])))
            })
            .collect();
        let article = HostArticle::new(heading, title.as_deref(), roles);
        let keep: Vec<u32> = article
            .blocks
            .iter()
            .map(|b| u32::try_from(b.source).unwrap_or(NO_NAME))
            .collect();
        let names = HIGHLIGHT_NAMES.join(" ");
        let sheet = sheet.cloned().unwrap_or(JsValue::NULL);
        let placed = js.tools(
            &keep,
            article.heading.is_some(),
            &sheet,
            css_url,
            STYLESHEET,
            &names,
        );
        let targets = match placed {
            Ok(list) => list.iter().map(JsCast::unchecked_into).collect(),
            Err(e) => {
                js.close();
                return Err(HostError::Read(js_text(&e)));
            }
        };
        Ok(HostDoc {
            host: host.clone(),
            article,
            date,
            js,
            targets,
            on_change: RefCell::new(None),
        })
    }

    /// Whether it paints with the CSS Custom Highlight API (else with `<mark>`s).
    pub fn uses_api(&self) -> bool {
        self.js.api()
    }

    /// Where block `i`'s controls are rendered.
    pub fn target(&self, i: usize) -> Option<&Element> {
        self.targets.get(i)
    }

    /// Every block's place for controls, in order.
    pub fn targets(&self) -> &[Element] {
        &self.targets
    }

    /// The element of `region` (a block's, or the title's `h1`).
    pub fn element(&self, region: Region) -> Option<Element> {
        self.js.el(code(region))
    }

    /// The page as a DOM-based client reads it, for the W3C export: the host's `textContent`
    /// less the widget's own elements (`[data-aa-ui]`), each block of `article` (the article
    /// made of this host's blocks: the paragraph ids and the text its notes count) placed in it by
    /// its text nodes, under the page's URL (its canonical link's, else its address without the
    /// fragment). `None` if the script's answer cannot be read.
    pub fn document_text(&self, article: &Article) -> Option<DocumentText> {
        let read = self.js.text();
        let mut doc = DocumentText::new(&read.get(1).as_string()?, read.get(0).as_string());
        let starts = article.paragraph_starts();
        for (i, block) in self.article.blocks.iter().enumerate() {
            // The block's paragraph (the same id) and where it starts in the article's text.
            let Some(start) = article
                .paragraphs
                .iter()
                .position(|p| p.id == block.id)
                .and_then(|p| starts.get(p))
            else {
                continue;
            };
            let spans: Vec<f64> = read
                .get(u32::try_from(i + 2).ok()?)
                .dyn_into::<js_sys::Array>()
                .ok()?
                .iter()
                .filter_map(|n| n.as_f64())
                .collect();
            // A text node no longer in the host (-2): the block is not placed, and its notes
            // are exported by their quote alone, rather than at a neighbour's place.
            if spans.contains(&MISSING_NODE) {
                continue;
            }
            let at: Vec<Option<(CharIdx, CharIdx)>> = spans
                .chunks(2)
                .map(|span| match *span {
                    [start, end] if start >= 0.0 => Some((start as usize, end as usize)),
                    _ => None,
                })
                .collect();
            doc.add_block(*start, &block.text, &at);
        }
        Some(doc)
    }

    /// The text model of `region`.
    fn text(&self, region: Region) -> Option<&BlockText> {
        match region {
            Region::Title => self.article.heading.as_ref(),
            Region::Block(i) => self.article.blocks.get(i).map(|b| &b.text),
        }
    }

    /// Starts watching the article; `on_change` is called (150 ms after the last change) after
    /// the host's article changed. Changes in the widget's own elements and its own marks are not
    /// reported.
    pub fn watch(&self, on_change: impl Fn() + 'static) {
        let closure = Closure::<dyn Fn()>::new(on_change);
        self.js.watch(closure.as_ref().unchecked_ref());
        *self.on_change.borrow_mut() = Some(closure);
    }

    /// Paints `ranges` in place of what was painted before; how many were painted (a range whose
    /// text is no longer there is not).
    pub fn paint(&self, ranges: &[HighlightRange]) -> usize {
        let mut list: Vec<u32> = Vec::new();
        let marks = js_sys::Array::new();
        let at = |n: usize| u32::try_from(n).unwrap_or(NO_NAME);
        if self.js.api() {
            // One range per highlight: from its first span's start to its last span's end.
            for r in ranges {
                let Some(spans) = self.text(r.region).map(|t| t.spans(r.start, r.end)) else {
                    continue;
                };
                let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
                    continue;
                };
                let (kind, extra) = r.highlight.names();
                list.extend([
                    code(r.region),
                    at(first.piece),
                    at(first.start_utf16),
                    at(last.piece),
                    at(last.end_utf16),
                    at(kind),
                    extra.map_or(NO_NAME, at),
                ]);
            }
        } else {
            // Every text-node span of every run, wrapped from the last to the first: splitting a
            // node leaves the offsets before the split as they were.
            let mut count = 0;
            for (region, cuts) in cut(ranges) {
                let Some(text) = self.text(region) else {
                    continue;
                };
                let mut spans: Vec<[u32; 6]> = Vec::new();
                for c in &cuts {
                    let first = count;
                    for h in c.notes.iter().chain(&c.entity) {
                        for v in mark_attributes(h) {
                            marks.push(&JsValue::from_str(v));
                        }
                        count += 1;
                    }
                    for s in text.spans(c.start, c.end) {
                        let span = [at(s.piece), at(s.start_utf16), at(s.end_utf16)];
                        spans.push([
                            code(region),
                            span[0],
                            span[1],
                            span[2],
                            first,
                            count - first,
                        ]);
                    }
                }
                crate::core::order::sort_by_key(&mut spans, |s| std::cmp::Reverse((s[1], s[2])));
                list.extend(spans.into_iter().flatten());
            }
        }
        self.js.paint(&list, &marks) as usize
    }

    /// A point from the script ([region, piece, UTF-16 offset]) as a region and a code point.
    fn offset(&self, point: &[u32]) -> Option<(Region, CharIdx)> {
        let [region, piece, utf16] = *point else {
            return None;
        };
        let region = match region {
            0 => Region::Title,
            i => Region::Block(i as usize - 1),
        };
        let point = PiecePoint {
            piece: piece as usize,
            utf16: utf16 as usize,
        };
        Some((region, self.text(region)?.offset_at(point)))
    }

    /// The region and code point under the viewport point (`x`, `y`), if it is article text.
    pub fn point_at(&self, x: f64, y: f64) -> Option<(Region, CharIdx)> {
        self.offset(&self.js.point(x, y)?)
    }

    /// The passage the reader has selected inside block `block`: code points of its text.
    pub fn selection_in(&self, block: usize) -> Option<(CharIdx, CharIdx)> {
        let points = self.js.selection()?;
        let (region, a) = self.offset(points.get(..3)?)?;
        let (end_region, b) = self.offset(points.get(3..)?)?;
        (region == Region::Block(block) && end_region == region && a < b).then_some((a, b))
    }

    /// Shows in `tip` the text `text` gives for the point of the article under the pointer (on a
    /// move, a tap or a click; highlights are not hit-testable, so the point is the caret's),
    /// below the pointer; hidden where it gives none, on leaving the article, or on Escape. Shown
    /// while the returned [`Tips`] is held.
    pub fn tips(
        self: &Rc<Self>,
        tip: &Element,
        text: impl Fn(Region, CharIdx) -> Option<String> + 'static,
    ) -> Tips {
        let doc = Rc::downgrade(self);
        let text = Closure::<dyn Fn(u32, u32, u32) -> Option<String>>::new(move |r, p, u| {
            let (region, at) = doc.upgrade()?.offset(&[r, p, u])?;
            text(region, at)
        });
        Held {
            stop: self.js.tips(tip, text.as_ref().unchecked_ref()),
            _f: text,
        }
    }

    /// Calls `f` on each `mouseup`, `keyup` and `touchend` in block `block` (where a reader's
    /// selection ends), while the returned [`Held`] is held.
    pub fn on_selection_end(&self, block: usize, f: impl Fn() + 'static) -> Held<dyn Fn()> {
        let f = Closure::<dyn Fn()>::new(f);
        let block = u32::try_from(block).unwrap_or(NO_NAME);
        Held {
            stop: self.js.ends(block, f.as_ref().unchecked_ref()),
            _f: f,
        }
    }

    /// Brings code points `start..end` of `region` into view (the middle of the viewport).
    pub fn scroll_to(&self, region: Region, start: CharIdx, end: CharIdx) {
        let first = self
            .text(region)
            .and_then(|t| t.spans(start, end).first().copied());
        let (piece, utf16) = first.map_or((NO_NAME, 0), |s| (s.piece as u32, s.start_utf16 as u32));
        self.js.scroll(code(region), piece, utf16);
    }

    /// Takes out everything the widget added to the host's article: the watch first, then the
    /// highlights (marks unwrapped, split text nodes joined), then the controls' places. Painting
    /// does nothing after. Idempotent.
    pub fn close(&self) {
        self.js.close();
    }
}

impl Drop for HostDoc {
    fn drop(&mut self) {
        self.close();
    }
}
