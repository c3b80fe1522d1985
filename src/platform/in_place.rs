//! One widget's hold on the host's own article, in place: the blocks as read
//! ([`HostDom`]), a place for the widget's controls beside each block, the highlights painted in
//! it ([`Painter`]) and the watch on it ([`Watcher`]). Everything it adds to the host's tree, it
//! takes out again when dropped; the host's own nodes are never replaced, restyled or hidden.
//!
//! Each block gets one `<aa-tools data-aa-ui>` element, after the block (inside it for list items,
//! table cells, definitions and captions, whose parents allow no other child), with a shadow root
//! of its own that adopts the widget's stylesheet: the page's CSS does not reach the controls, and
//! their text is not part of the article's `textContent`.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

use super::highlights::Painter;
use super::host_article::{caret_at, HostDom, HostError, Selectors, Watcher};
use crate::core::host::{HighlightRange, Region};
use crate::core::text::CharIdx;

/// The element that holds the widget's controls beside each block.
const TOOLS_TAG: &str = "aa-tools";

/// Blocks whose parent allows no element but its own kind (`ul` holds `li`, `tr` holds `td`…):
/// their controls go inside them, at the end.
const TOOLS_INSIDE: [&str; 7] = ["li", "td", "th", "dd", "dt", "figcaption", "caption"];

/// The host's article as one widget holds it.
pub struct HostDoc {
    /// The element whose content is the article (the widget's host).
    pub host: Element,
    /// The blocks and the nodes behind them.
    pub dom: HostDom,
    /// One `<aa-tools>` per block of `dom`, in order.
    tools: Vec<Element>,
    /// Inside each `<aa-tools>`'s shadow root, where the block's controls are rendered.
    targets: Vec<Element>,
    painter: RefCell<Option<Painter>>,
    watcher: RefCell<Option<Watcher>>,
}

/// Gives `root` the widget's stylesheet: `sheet` adopted, else a `<link>` to `css_url`.
fn style_root(root: &web_sys::ShadowRoot, sheet: Option<&JsValue>, css_url: Option<&str>) {
    if sheet.is_some_and(|sheet| super::adopt(root, sheet, true)) {
        return;
    }
    let Some(url) = css_url else { return };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(link) = document.create_element("link") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", url);
        let _ = root.append_child(&link);
    }
}

/// Puts an `<aa-tools>` beside `block` and returns it with the element inside its shadow root.
fn add_tools(
    document: &web_sys::Document,
    block: &Element,
    sheet: Option<&JsValue>,
    css_url: Option<&str>,
) -> Option<(Element, Element)> {
    let tools = document.create_element(TOOLS_TAG).ok()?;
    tools.set_attribute("data-aa-ui", "").ok()?;
    let root = tools
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .ok()?;
    style_root(&root, sheet, css_url);
    let target = document.create_element("div").ok()?;
    target.set_class_name("aa-block-tools");
    root.append_child(&target).ok()?;
    if TOOLS_INSIDE.contains(&block.local_name().as_str()) {
        block.append_child(&tools).ok()?;
    } else {
        block.after_with_node_1(&tools).ok()?;
    }
    Some((tools, target))
}

impl HostDoc {
    /// Reads the text blocks of `host` and puts a place for the widget's controls beside each.
    /// Nothing is added when reading fails.
    pub fn open(
        host: &Element,
        selectors: &Selectors,
        sheet: Option<&JsValue>,
        css_url: Option<&str>,
    ) -> Result<HostDoc, HostError> {
        let dom = HostDom::read(host, selectors)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(HostError::NoWindow)?;
        let mut doc = HostDoc {
            host: host.clone(),
            dom,
            tools: Vec::new(),
            targets: Vec::new(),
            painter: RefCell::new(None),
            watcher: RefCell::new(None),
        };
        for i in 0..doc.dom.article.blocks.len() {
            let Some(block) = doc.dom.element(Region::Block(i)).cloned() else {
                continue;
            };
            // A block that cannot take controls gets a place outside the page: the indices stay
            // the blocks'.
            let place = add_tools(&document, &block, sheet, css_url).or_else(|| {
                let detached = document.create_element("div").ok()?;
                Some((detached.clone(), detached))
            });
            if let Some((tools, target)) = place {
                doc.tools.push(tools);
                doc.targets.push(target);
            }
        }
        *doc.painter.borrow_mut() = Painter::new().ok();
        Ok(doc)
    }

    /// Where block `i`'s controls are rendered.
    pub fn target(&self, i: usize) -> Option<&Element> {
        self.targets.get(i)
    }

    /// Every block's place for controls, in order.
    pub fn targets(&self) -> &[Element] {
        &self.targets
    }

    /// Starts watching the article; `on_change` is called (debounced) after the host's article
    /// changed.
    pub fn watch(&self, host: &Element, blocks: &str, on_change: impl Fn() + 'static) {
        let watcher = Watcher::new(host, blocks, move |_| on_change()).ok();
        *self.watcher.borrow_mut() = watcher;
    }

    /// Runs `f` without the watcher reporting what it changes.
    fn quietly<R>(&self, f: impl FnOnce() -> R) -> R {
        match &*self.watcher.borrow() {
            Some(w) => w.quietly(f),
            None => f(),
        }
    }

    /// Paints `ranges` in place of what was painted before; how many were painted.
    pub fn paint(&self, ranges: &[HighlightRange]) -> usize {
        let mut painter = self.painter.borrow_mut();
        let Some(painter) = painter.as_mut() else {
            return 0;
        };
        self.quietly(|| painter.paint(&self.dom, ranges))
    }

    /// A DOM point as it is in the host's own markup (a point in a text node the `<mark>`
    /// fallback split off maps back into the original node).
    fn unsplit(&self, node: &web_sys::Node, offset: u32) -> (web_sys::Node, u32) {
        match &*self.painter.borrow() {
            Some(p) => p.unsplit_point(node, offset),
            None => (node.clone(), offset),
        }
    }

    /// The region and code point under the viewport point (`x`, `y`), if it is article text.
    pub fn point_at(&self, x: f64, y: f64) -> Option<(Region, CharIdx)> {
        let (node, offset) = caret_at(x, y)?;
        let (node, offset) = self.unsplit(&node, offset);
        self.dom.offset_at(&node, offset)
    }

    /// The passage the reader has selected inside block `block`: code points of its text.
    pub fn selection_in(&self, block: usize) -> Option<(CharIdx, CharIdx)> {
        let selection = web_sys::window()?.get_selection().ok()??;
        if selection.range_count() == 0 || selection.is_collapsed() {
            return None;
        }
        let range = selection.get_range_at(0).ok()?;
        let (start, start_at) =
            self.unsplit(&range.start_container().ok()?, range.start_offset().ok()?);
        let (end, end_at) = self.unsplit(&range.end_container().ok()?, range.end_offset().ok()?);
        let (region, a) = self.dom.offset_at(&start, start_at)?;
        let (end_region, b) = self.dom.offset_at(&end, end_at)?;
        (region == Region::Block(block) && end_region == region && a < b).then_some((a, b))
    }

    /// Brings code points `start..end` of `region` into view (the middle of the viewport).
    pub fn scroll_to(&self, region: Region, start: CharIdx, end: CharIdx) {
        let spans = self.dom.text_spans(region, start, end);
        let top = spans.first().and_then(|(node, span)| {
            let range = web_sys::window()?.document()?.create_range().ok()?;
            let utf16 = u32::try_from(span.start_utf16).ok()?;
            let (node, at) = self.split_point(node, utf16);
            range.set_start(&node, at).ok()?;
            range.collapse_with_to_start(true);
            // `Range.getBoundingClientRect()`, read through Reflect (no binding of its own).
            let rect = js_sys::Reflect::get(&range, &"getBoundingClientRect".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&range)
                .ok()?;
            let number = |k: &str| js_sys::Reflect::get(&rect, &k.into()).ok()?.as_f64();
            (number("height")? > 0.0).then(|| number("top")).flatten()
        });
        let window = web_sys::window();
        match (top, window) {
            (Some(top), Some(window)) => {
                let height = window
                    .inner_height()
                    .ok()
                    .and_then(|h| h.as_f64())
                    .unwrap_or_default();
                window.scroll_by_with_x_and_y(0.0, top - height / 2.0);
            }
            _ => {
                if let Some(el) = self.dom.element(region) {
                    el.scroll_into_view_with_bool(false);
                }
            }
        }
    }

    /// The point in the page as painted: with `<mark>`s, the original text node may have been
    /// split, and a point past the split lies in a later piece.
    fn split_point(&self, node: &web_sys::Text, utf16: u32) -> (web_sys::Node, u32) {
        let mut node: web_sys::Node = node.clone().into();
        let mut at = utf16;
        while let Some(text) = node.dyn_ref::<web_sys::Text>() {
            if at <= text.length() {
                break;
            }
            at -= text.length();
            // The rest of a split node is the next text node in document order.
            let next = next_text(&node);
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        (node, at)
    }
}

/// The next text node after `node` in document order.
fn next_text(node: &web_sys::Node) -> Option<web_sys::Node> {
    let mut current = node.clone();
    loop {
        if let Some(child) = current
            .first_child()
            .filter(|_| !current.is_same_node(Some(node)))
        {
            current = child;
        } else {
            loop {
                if let Some(sibling) = current.next_sibling() {
                    current = sibling;
                    break;
                }
                current = current.parent_node()?;
            }
        }
        if current.node_type() == web_sys::Node::TEXT_NODE {
            return Some(current);
        }
    }
}

impl HostDoc {
    /// Takes out everything the widget added to the host's article: the watch first (nothing of
    /// the widget's own undoing is reported), then the highlights (marks unwrapped, split text
    /// nodes joined), then the controls' places. Painting does nothing after. Idempotent.
    pub fn close(&self) {
        self.watcher.borrow_mut().take();
        self.painter.borrow_mut().take();
        for tools in &self.tools {
            tools.remove();
        }
    }
}

impl Drop for HostDoc {
    fn drop(&mut self) {
        self.close();
    }
}
