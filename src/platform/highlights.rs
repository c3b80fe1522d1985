//! Painting highlights in the host's own article: entity mentions and note passages as named
//! entries of `CSS.highlights` (the CSS Custom Highlight API), which leaves the host's nodes
//! untouched; where the API is missing, `<mark>` elements wrapped around the text runs by
//! splitting text nodes only, taken out again by [`Painter::unpaint`] so that the host's markup is
//! exactly what it was. The look is one constructed stylesheet (`styles/highlights.css`) adopted
//! by the document (no `<style>` element: it works under a strict CSP). Each kind has a colour and
//! an underline style, themed by the widget's `--aa-` custom properties with its defaults as
//! fallbacks; `::highlight()` paints colour, background and decoration only (no font weight).
//! The text over a highlight takes `--aa-highlight-text`, so it stays readable on a dark page: the
//! widget cannot tell a page's theme from the reader's system setting, so a dark site sets the
//! `--aa-` colours for its theme.
//!
//! Ranges are `StaticRange`s: unlike live `Range`s they cost the page nothing on each later DOM
//! change; when the article changes, the watcher's report leads to a repaint.
//!
//! The API is called through a few `wasm_bindgen` declarations below rather than web-sys: web-sys
//! has `Highlight` and `HighlightRegistry` only under `--cfg=web_sys_unstable_apis`, a flag that
//! changes every wasm crate's build (a full rebuild, and a second copy of every dependency in a
//! shared target directory) and opts into bindings that may change in any release. The
//! declarations are typed, cost no JavaScript file of their own, and cover only what is used.
//!
//! Several widgets on one page share the named highlights (there is one `CSS.highlights` per
//! document): each [`Painter`] adds its ranges to the shared `Highlight` objects and takes out only
//! its own; the last one gone unregisters the names and the stylesheet.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node, StaticRange, StaticRangeInit, Text};

use super::host_article::HostDom;
use super::{js_text, PlatformError};
use crate::core::host::{cut, Cut, Highlight, HighlightRange, HIGHLIGHT_NAMES};

/// The `::highlight()` rules and the fallback's `<mark>` rules.
const STYLESHEET: &str = include_str!("../../styles/highlights.css");

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted under one name (`Highlight`).
    #[wasm_bindgen(js_name = Highlight)]
    type JsHighlight;

    #[wasm_bindgen(constructor, js_class = "Highlight", catch)]
    fn new() -> Result<JsHighlight, JsValue>;

    #[wasm_bindgen(method, js_class = "Highlight", js_name = add)]
    fn add_range(this: &JsHighlight, range: &StaticRange);

    #[wasm_bindgen(method, js_class = "Highlight", js_name = delete)]
    fn delete_range(this: &JsHighlight, range: &StaticRange) -> bool;

    #[wasm_bindgen(method, setter, js_class = "Highlight", js_name = priority)]
    fn set_priority(this: &JsHighlight, priority: i32);

    /// `CSS.highlights`.
    type HighlightRegistry;

    #[wasm_bindgen(method, catch, js_name = set)]
    fn register(
        this: &HighlightRegistry,
        name: &str,
        highlight: &JsHighlight,
    ) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = delete)]
    fn unregister(this: &HighlightRegistry, name: &str) -> bool;
}

/// `CSS.highlights`, when the browser has it.
fn registry() -> Option<HighlightRegistry> {
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).ok()?;
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).ok()?;
    (registry.is_object()).then(|| registry.unchecked_into())
}

/// Whether this browser has the CSS Custom Highlight API (`CSS.highlights` and `Highlight`).
pub fn has_highlight_api() -> bool {
    registry().is_some()
        && js_sys::Reflect::has(&js_sys::global(), &"Highlight".into()).unwrap_or(false)
}

/// What every painter on the page shares.
struct Shared {
    painters: usize,
    sheet: Option<web_sys::CssStyleSheet>,
    /// The named highlights, in [`HIGHLIGHT_NAMES`] order, with the registry they are in; `None`
    /// without the API.
    highlights: Option<(HighlightRegistry, Vec<JsHighlight>)>,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// The stylesheet, parsed and adopted by the document; `None` in a browser without constructed
/// or adopted stylesheets (older than the highlight API: its marks keep the browser's own `<mark>`
/// look).
fn adopted_sheet(document: &Document) -> Option<web_sys::CssStyleSheet> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(STYLESHEET).ok()?;
    super::adopt(document, &sheet, true).then_some(sheet)
}

/// Creates the stylesheet and the highlights for the first painter.
fn start_shared(document: &Document) -> Result<Shared, PlatformError> {
    let fail = |e: JsValue| PlatformError::Highlights(js_text(&e));
    let sheet = adopted_sheet(document);
    let highlights = match (has_highlight_api(), registry()) {
        (true, Some(registry)) => {
            let mut all = Vec::with_capacity(HIGHLIGHT_NAMES.len());
            for (priority, name) in (0..).zip(HIGHLIGHT_NAMES) {
                let highlight = JsHighlight::new().map_err(fail)?;
                highlight.set_priority(priority);
                registry.register(name, &highlight).map_err(fail)?;
                all.push(highlight);
            }
            Some((registry, all))
        }
        _ => None,
    };
    Ok(Shared {
        painters: 0,
        sheet,
        highlights,
    })
}

/// A text node split by the fallback: `added` was cut off `original`.
struct Split {
    original: Text,
    added: Text,
    /// Where `added` started in `original`, in UTF-16 code units.
    at: u32,
}

/// One widget's highlights in the host's article.
pub struct Painter {
    document: Document,
    /// Its ranges in the shared highlights: (index into [`HIGHLIGHT_NAMES`], range).
    ranges: Vec<(usize, StaticRange)>,
    /// The fallback's marks and the text nodes it split, in the order made.
    marks: Vec<Element>,
    splits: Vec<Split>,
}

impl Painter {
    /// A painter for the page: adopts the stylesheet and registers the named highlights, if no
    /// other widget on the page has.
    pub fn new() -> Result<Painter, PlatformError> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(PlatformError::NoWindow)?;
        SHARED.with(|shared| -> Result<(), PlatformError> {
            let mut shared = shared.borrow_mut();
            if shared.is_none() {
                *shared = Some(start_shared(&document)?);
            }
            if let Some(s) = shared.as_mut() {
                s.painters += 1;
            }
            Ok(())
        })?;
        Ok(Painter {
            document,
            ranges: Vec::new(),
            marks: Vec::new(),
            splits: Vec::new(),
        })
    }

    /// Whether it paints with the Custom Highlight API (else with `<mark>` elements).
    pub fn uses_api(&self) -> bool {
        SHARED.with(|s| s.borrow().as_ref().is_some_and(|s| s.highlights.is_some()))
    }

    /// Paints `ranges` of the article `dom` was read from, in place of what this painter painted
    /// before. Returns how many ranges were painted (a range whose text is no longer there is
    /// not). With `<mark>`s, call it inside [`super::host_article::Watcher::quietly`], and read
    /// the article again only after [`Painter::unpaint`].
    pub fn paint(&mut self, dom: &HostDom, ranges: &[HighlightRange]) -> usize {
        self.unpaint();
        if self.uses_api() {
            self.paint_api(dom, ranges)
        } else {
            self.paint_marks(dom, ranges)
        }
    }

    fn paint_api(&mut self, dom: &HostDom, ranges: &[HighlightRange]) -> usize {
        let mut painted = 0;
        SHARED.with(|shared| {
            let shared = shared.borrow();
            let Some((_, highlights)) = shared.as_ref().and_then(|s| s.highlights.as_ref()) else {
                return;
            };
            for r in ranges {
                let spans = dom.text_spans(r.region, r.start, r.end);
                let (Some((first, from)), Some((last, to))) = (spans.first(), spans.last()) else {
                    continue;
                };
                let init =
                    StaticRangeInit::new(last, to.end_utf16 as u32, first, from.start_utf16 as u32);
                let Ok(range) = StaticRange::new(&init) else {
                    continue;
                };
                let (kind, extra) = r.highlight.names();
                for name in std::iter::once(kind).chain(extra) {
                    if let Some(h) = highlights.get(name) {
                        h.add_range(&range);
                        self.ranges.push((name, range.clone()));
                    }
                }
                painted += 1;
            }
        });
        painted
    }

    fn paint_marks(&mut self, dom: &HostDom, ranges: &[HighlightRange]) -> usize {
        let mut painted = 0;
        for (region, cuts) in cut(ranges) {
            // Every text-node span of every run, wrapped from the last to the first: splitting a
            // node leaves the offsets before the split as they were.
            let mut spans: Vec<(Text, usize, usize, usize, &Cut)> = Vec::new();
            for c in &cuts {
                for (node, s) in dom.text_spans(region, c.start, c.end) {
                    spans.push((node, s.piece, s.start_utf16, s.end_utf16, c));
                }
            }
            crate::core::order::sort_by_key(&mut spans, |s| std::cmp::Reverse((s.1, s.2)));
            for (node, _, start, end, c) in spans {
                if self.wrap(&node, start as u32, end as u32, c).is_some() {
                    painted += 1;
                }
            }
        }
        painted
    }

    /// Wraps UTF-16 code units `start..end` of `node` in the marks of `c` (notes outside, the
    /// mention inside), splitting the node where the run starts and ends.
    fn wrap(&mut self, node: &Text, start: u32, end: u32, c: &Cut) -> Option<()> {
        if start >= end || end > node.length() {
            return None;
        }
        let parent = node.parent_node()?;
        if end < node.length() {
            let added = node.split_text(end).ok()?;
            self.splits.push(Split {
                original: node.clone(),
                added,
                at: end,
            });
        }
        let target = if start > 0 {
            let added = node.split_text(start).ok()?;
            self.splits.push(Split {
                original: node.clone(),
                added: added.clone(),
                at: start,
            });
            added
        } else {
            node.clone()
        };
        let mut outer: Node = parent;
        let mut before: Option<Node> = Some(target.clone().into());
        for h in c.notes.iter().chain(&c.entity) {
            let mark = self.mark(h)?;
            outer.insert_before(&mark, before.as_ref()).ok()?;
            self.marks.push(mark.clone());
            outer = mark.into();
            before = None;
        }
        outer.append_child(&target).ok()?;
        Some(())
    }

    /// A `<mark>` for one highlight: `data-aa-entity` (with `data-aa-entity-id`, and
    /// `data-aa-chosen`) or `data-aa-note` (with `data-aa-color`).
    fn mark(&self, h: &Highlight) -> Option<Element> {
        let mark = self.document.create_element("mark").ok()?;
        let attributes: [(&str, Option<&str>); 3] = match *h {
            Highlight::Entity {
                label,
                entity,
                chosen,
            } => [
                ("data-aa-entity", Some(label.as_attr())),
                ("data-aa-entity-id", Some(entity)),
                ("data-aa-chosen", chosen.then_some("true")),
            ],
            Highlight::Note { id, color } => [
                ("data-aa-note", Some(id)),
                ("data-aa-color", color.map(|c| c.as_str())),
                ("", None),
            ],
        };
        for (name, value) in attributes {
            if let Some(value) = value {
                mark.set_attribute(name, value).ok()?;
            }
        }
        Some(mark)
    }

    /// Takes out everything this painter painted: its ranges from the shared highlights, or its
    /// marks, joining again the text nodes it split (and only those), so the host's markup is
    /// what it was.
    pub fn unpaint(&mut self) {
        SHARED.with(|shared| {
            if let Some((_, highlights)) =
                shared.borrow().as_ref().and_then(|s| s.highlights.as_ref())
            {
                for (name, range) in self.ranges.drain(..) {
                    if let Some(h) = highlights.get(name) {
                        h.delete_range(&range);
                    }
                }
            }
        });
        self.ranges.clear();
        for mark in self.marks.drain(..).rev() {
            if let Some(parent) = mark.parent_node() {
                while let Some(child) = mark.first_child() {
                    if parent.insert_before(&child, Some(&mark)).is_err() {
                        break;
                    }
                }
            }
            mark.remove();
        }
        // Split last, joined first: each added node is then the original's next sibling again.
        for split in self.splits.drain(..).rev() {
            let (original, added) = (&split.original, &split.added);
            let original_node: &Node = original.as_ref();
            if added
                .previous_sibling()
                .is_some_and(|p| p.is_same_node(Some(original_node)))
            {
                let _ = original.append_data(&added.data());
                added.remove();
            }
        }
    }

    /// A DOM point as it would be without this painter's marks: a point in a text node the
    /// fallback split off becomes the same point in the original node (for selections made while
    /// marks are painted). Other points are returned as they are.
    pub fn unsplit_point(&self, node: &Node, offset: u32) -> (Node, u32) {
        for split in &self.splits {
            let added: &Node = split.added.as_ref();
            // Only original nodes are ever split, so one step back is the whole way.
            if node.is_same_node(Some(added)) {
                return (split.original.clone().into(), split.at + offset);
            }
        }
        (node.clone(), offset)
    }
}

impl Drop for Painter {
    fn drop(&mut self) {
        self.unpaint();
        SHARED.with(|shared| {
            let mut shared = shared.borrow_mut();
            let last = shared.as_mut().is_some_and(|s| {
                s.painters = s.painters.saturating_sub(1);
                s.painters == 0
            });
            if !last {
                return;
            }
            if let Some(s) = shared.take() {
                if let Some((registry, _)) = &s.highlights {
                    for name in HIGHLIGHT_NAMES {
                        registry.unregister(name);
                    }
                }
                if let Some(sheet) = &s.sheet {
                    super::adopt(&self.document, sheet, false);
                }
            }
        });
    }
}
