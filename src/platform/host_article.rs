//! The host page's own article, in place: walking its elements for the text blocks `core::host`
//! describes (which selectors, what is skipped), keeping each block's text nodes so the core's
//! spans and points become DOM positions, and watching the article for changes a CMS makes after
//! load. The DOM is only read here; nothing of the host's is changed.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use thiserror::Error;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord, Node, Text};

use super::js_text;
use crate::core::host::{
    BlockRole, BlockText, HostArticle, Piece, PiecePoint, PieceSpan, Region, ALWAYS_SKIP,
    DEFAULT_BLOCKS, DEFAULT_SKIP,
};
use crate::core::text::CharIdx;

/// Why the host's article could not be read or watched.
#[derive(Debug, Error)]
pub enum HostError {
    /// The host's `blocks` or `skip` attribute is not a selector the browser accepts.
    #[error("the {attribute} selector {selector:?} is not valid CSS: {message}")]
    BadSelector {
        attribute: &'static str,
        selector: String,
        message: String,
    },
    /// Not running in a page.
    #[error("there is no window (not running in a browser page)")]
    NoWindow,
    /// The browser refused to watch the article.
    #[error("could not watch the article for changes: {0}")]
    Observe(String),
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

    /// Checks both selectors with the browser, so that a bad one is one clear error up front.
    fn check(&self, host: &Element) -> Result<(), HostError> {
        for (attribute, selector) in [("blocks", &self.blocks), ("skip", &self.skip)] {
            host.matches(selector).map_err(|e| HostError::BadSelector {
                attribute,
                selector: selector.clone(),
                message: js_text(&e),
            })?;
        }
        Ok(())
    }
}

/// One block's element and, for each piece of its text, its text node (`None` for a break); while
/// walking, the pieces' texts too.
#[derive(Debug, Clone)]
struct BlockNodes {
    element: Element,
    role: BlockRole,
    nodes: Vec<Option<Text>>,
    /// The pieces' texts, as read.
    texts: Vec<String>,
}

impl BlockNodes {
    fn new(element: Element, role: BlockRole) -> BlockNodes {
        BlockNodes {
            element,
            role,
            nodes: Vec::new(),
            texts: Vec::new(),
        }
    }

    fn push_break(&mut self) {
        if self.nodes.last().is_some_and(Option::is_some) {
            self.nodes.push(None);
            self.texts.push(String::new());
        }
    }

    /// The block's text; the pieces' texts are not kept after (the model has what it needs).
    fn text(&mut self) -> BlockText {
        let texts = std::mem::take(&mut self.texts);
        let pieces: Vec<Piece> = self
            .nodes
            .iter()
            .zip(&texts)
            .map(|(n, t)| match n {
                Some(_) => Piece::Text(t),
                None => Piece::Break,
            })
            .collect();
        BlockText::new(&pieces)
    }
}

/// The host's article as read: the core's model of it, and the nodes behind each block.
#[derive(Debug, Clone)]
pub struct HostDom {
    /// Title, blocks, ids and texts.
    pub article: HostArticle,
    /// The first `<time>`'s text, for the article's date.
    pub date: Option<String>,
    /// The nodes of `article.blocks`, one for one.
    blocks: Vec<BlockNodes>,
    /// The nodes of `article.heading`.
    heading: Option<BlockNodes>,
}

/// Walks the host's tree, collecting blocks.
struct Walk<'a> {
    window: web_sys::Window,
    selectors: &'a Selectors,
    blocks: Vec<BlockNodes>,
    heading: Option<BlockNodes>,
}

/// Which slot text goes to while walking.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    None,
    Block(usize),
    Heading,
}

impl Walk<'_> {
    fn slot(&mut self, slot: Slot) -> Option<&mut BlockNodes> {
        match slot {
            Slot::None => None,
            Slot::Block(i) => self.blocks.get_mut(i),
            Slot::Heading => self.heading.as_mut(),
        }
    }

    /// `element`'s computed `display`, and whether its `visibility` is `visible`.
    fn style(&self, element: &Element) -> (String, bool) {
        let Ok(Some(style)) = self.window.get_computed_style(element) else {
            return (String::new(), true);
        };
        let display = style.get_property_value("display").unwrap_or_default();
        let visible = style.get_property_value("visibility").unwrap_or_default() == "visible";
        (display, visible)
    }

    fn walk(&mut self, parent: &Node, slot: Slot, parent_visible: bool) {
        let children = parent.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if let Some(text) = child.dyn_ref::<Text>() {
                let data = text.data();
                if let Some(block) = self.slot(slot) {
                    block.nodes.push(Some(text.clone()));
                    block.texts.push(data);
                }
                continue;
            }
            let Some(element) = child.dyn_ref::<Element>() else {
                continue;
            };
            if element.matches(&self.selectors.skip).unwrap_or(true) {
                continue;
            }
            // Hidden: `display: none`, or made invisible by itself (a host hidden as a whole
            // still has its text read).
            let (display, visible) = self.style(element);
            if display == "none" || (parent_visible && !visible) {
                continue;
            }
            let tag = element.local_name();
            if tag == "br" {
                if let Some(block) = self.slot(slot) {
                    block.push_break();
                }
                continue;
            }
            let inner = if tag == "h1" && self.heading.is_none() && matches!(slot, Slot::None) {
                self.heading = Some(BlockNodes::new(element.clone(), BlockRole::Heading));
                Slot::Heading
            } else if element.matches(&self.selectors.blocks).unwrap_or(false) {
                self.blocks
                    .push(BlockNodes::new(element.clone(), BlockRole::of_tag(&tag)));
                Slot::Block(self.blocks.len() - 1)
            } else {
                slot
            };
            // Words on either side of a nested block or a block-level element stay apart.
            let apart = inner != slot || !(display.starts_with("inline") || display == "contents");
            if let (true, Some(block)) = (apart, self.slot(slot)) {
                block.push_break();
            }
            self.walk(element, inner, visible);
            if let (true, Some(block)) = (apart, self.slot(slot)) {
                block.push_break();
            }
        }
    }
}

impl HostDom {
    /// Reads the text blocks inside `host`, in document order: the elements `selectors.blocks`
    /// matches, each with the text of its descendants that are not skipped, hidden, or in a block
    /// nested inside it (so a `<p>` inside a `<blockquote>` is read once); `<br>` and block-level
    /// elements inside a block keep words apart. The first `<h1>` gives the title, else the host's
    /// `title` attribute. Blocks without text are left out.
    pub fn read(host: &Element, selectors: &Selectors) -> Result<HostDom, HostError> {
        selectors.check(host)?;
        let window = web_sys::window().ok_or(HostError::NoWindow)?;
        let mut walk = Walk {
            window,
            selectors,
            blocks: Vec::new(),
            heading: None,
        };
        walk.walk(host, Slot::None, true);
        let heading = walk.heading.as_mut().map(BlockNodes::text);
        let title = host.get_attribute("title");
        let roles = walk.blocks.iter_mut().map(|b| (b.role, b.text())).collect();
        let article = HostArticle::new(heading, title.as_deref(), roles);
        let mut found: Vec<Option<BlockNodes>> = walk.blocks.into_iter().map(Some).collect();
        let blocks = article
            .blocks
            .iter()
            .filter_map(|b| found.get_mut(b.source)?.take())
            .collect();
        let date = host
            .query_selector("time")
            .ok()
            .flatten()
            .and_then(|t| t.text_content())
            .filter(|t| !t.trim().is_empty());
        let heading = walk.heading.filter(|_| article.heading.is_some());
        Ok(HostDom {
            article,
            date,
            blocks,
            heading,
        })
    }

    /// The nodes and the text model of `region`.
    fn region(&self, region: Region) -> Option<(&BlockNodes, &BlockText)> {
        match region {
            Region::Title => Some((self.heading.as_ref()?, self.article.heading.as_ref()?)),
            Region::Block(i) => Some((self.blocks.get(i)?, &self.article.blocks.get(i)?.text)),
        }
    }

    /// The text nodes behind the pieces of block `index`'s text, in order (`None` for a break):
    /// what the block's [`BlockText`] was read from.
    pub fn block_nodes(&self, index: usize) -> Option<&[Option<Text>]> {
        self.blocks.get(index).map(|b| b.nodes.as_slice())
    }

    /// The element of `region` (a block's, or the title's `h1`).
    pub fn element(&self, region: Region) -> Option<&Element> {
        self.region(region).map(|(nodes, _)| &nodes.element)
    }

    /// The text nodes and UTF-16 offsets that code points `start..end` of `region`'s text cover,
    /// in order.
    pub fn text_spans(
        &self,
        region: Region,
        start: CharIdx,
        end: CharIdx,
    ) -> Vec<(Text, PieceSpan)> {
        let Some((nodes, text)) = self.region(region) else {
            return Vec::new();
        };
        text.spans(start, end)
            .into_iter()
            .filter_map(|s| Some((nodes.nodes.get(s.piece)?.clone()?, s)))
            .collect()
    }

    /// The region a node lies in (the innermost block, for nested blocks).
    pub fn region_of(&self, node: &Node) -> Option<Region> {
        let block = self
            .blocks
            .iter()
            .rposition(|b| b.element.contains(Some(node)));
        match (block, &self.heading) {
            (Some(i), _) => Some(Region::Block(i)),
            (None, Some(h)) if h.element.contains(Some(node)) => Some(Region::Title),
            _ => None,
        }
    }

    /// The DOM point (`node`, `offset`: UTF-16 code units in a text node, a child index in an
    /// element) as a region and a code point of its text. A point in one of the region's text
    /// nodes is exact; any other point inside it goes to the start of its next text.
    pub fn offset_at(&self, node: &Node, offset: u32) -> Option<(Region, CharIdx)> {
        let region = self.region_of(node)?;
        let (nodes, text) = self.region(region)?;
        let exact = nodes
            .nodes
            .iter()
            .position(|n| n.as_ref().is_some_and(|t| node.is_same_node(Some(t))));
        let point = match exact {
            Some(piece) => PiecePoint {
                piece,
                utf16: offset as usize,
            },
            None => {
                let range = web_sys::window()?.document()?.create_range().ok()?;
                range.set_start(node, offset).ok()?;
                let piece = nodes
                    .nodes
                    .iter()
                    .position(|n| {
                        n.as_ref()
                            .and_then(|t| range.compare_point(t, 0).ok())
                            .is_some_and(|c| c >= 0)
                    })
                    .unwrap_or(nodes.nodes.len());
                PiecePoint { piece, utf16: 0 }
            }
        };
        Some((region, text.offset_at(point)))
    }

    /// The passage a DOM range (the reader's selection) covers, when both its ends lie in the
    /// same region and it is not empty: the region and code points `start..end` of its text. A
    /// selection across links and emphasis is one passage.
    pub fn range_offsets(&self, range: &web_sys::Range) -> Option<(Region, CharIdx, CharIdx)> {
        let (start_node, start_offset) =
            (range.start_container().ok()?, range.start_offset().ok()?);
        let (end_node, end_offset) = (range.end_container().ok()?, range.end_offset().ok()?);
        let (region, start) = self.offset_at(&start_node, start_offset)?;
        let (end_region, end) = self.offset_at(&end_node, end_offset)?;
        (region == end_region && start < end).then_some((region, start, end))
    }
}

/// The DOM point (a node and an offset in it) under the viewport point (`x`, `y`), in CSS pixels:
/// `caretPositionFromPoint`, else `caretRangeFromPoint` (older Chromium and Safari); `None` where
/// there is no text or neither exists. Highlights are not hit-testable: this is how a hover or a
/// tap finds the mention under the pointer (map it with [`HostDom::offset_at`]). The point is the
/// caret's, between two characters: the nearer boundary of the character under the pointer.
pub fn caret_at(x: f64, y: f64) -> Option<(Node, u32)> {
    let document = web_sys::window()?.document()?;
    let call = |name: &str| -> Option<JsValue> {
        let f: js_sys::Function = js_sys::Reflect::get(&document, &name.into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call2(&document, &x.into(), &y.into())
            .ok()
            .filter(|v| v.is_object())
    };
    if let Some(position) = call("caretPositionFromPoint") {
        let node = js_sys::Reflect::get(&position, &"offsetNode".into()).ok()?;
        let offset = js_sys::Reflect::get(&position, &"offset".into()).ok()?;
        return Some((node.dyn_into().ok()?, offset.as_f64()? as u32));
    }
    let range: web_sys::Range = call("caretRangeFromPoint")?.dyn_into().ok()?;
    Some((range.start_container().ok()?, range.start_offset().ok()?))
}

/// How long the article must stay still before its changes are reported: a CMS that adds many
/// paragraphs in a burst is read once.
pub const WATCH_DEBOUNCE_MS: u32 = 150;

/// What changed in the host's article since the last report.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Block elements whose text or markup changed (each once, in the order seen).
    pub blocks: Vec<Element>,
    /// Whether nodes came or went outside any block, or a block itself came or went: the list of
    /// blocks may have changed, so read the article again.
    pub structure: bool,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.blocks.is_empty() && !self.structure
    }

    fn add_block(&mut self, block: Element) {
        if !self.blocks.iter().any(|b| b.is_same_node(Some(&block))) {
            self.blocks.push(block);
        }
    }
}

struct WatchState {
    host: Element,
    blocks: String,
    pending: Changes,
    timer: Option<gloo::timers::callback::Timeout>,
    on_change: Rc<dyn Fn(Changes)>,
}

/// The widget's own elements inside the host (controls, note areas) carry this attribute, and
/// changes to them are not the article's.
const OWN: &str = "[data-aa-ui]";

impl WatchState {
    fn own(node: &Node) -> bool {
        node.dyn_ref::<Element>()
            .is_some_and(|e| e.closest(OWN).ok().flatten().is_some())
    }

    /// Notes what one mutation record changed.
    fn note(&mut self, record: &MutationRecord) {
        let Some(target) = record.target() else {
            return;
        };
        let element = match target.dyn_ref::<Element>() {
            Some(e) => e.clone(),
            None => match target.parent_element() {
                Some(e) => e,
                None => return,
            },
        };
        if Self::own(&element) {
            return;
        }
        let block = element
            .closest(&self.blocks)
            .ok()
            .flatten()
            .filter(|b| self.host.contains(Some(b)));
        match record.type_().as_str() {
            "childList" => {
                let nodes: Vec<Node> = [record.added_nodes(), record.removed_nodes()]
                    .iter()
                    .flat_map(|list| (0..list.length()).filter_map(|i| list.item(i)))
                    .filter(|n| !Self::own(n))
                    .collect();
                if nodes.is_empty() {
                    return;
                }
                let holds_block = nodes.iter().any(|n| {
                    n.dyn_ref::<Element>().is_some_and(|e| {
                        e.matches(&self.blocks).unwrap_or(false)
                            || e.query_selector(&self.blocks).ok().flatten().is_some()
                    })
                });
                match block {
                    Some(b) if !holds_block => self.pending.add_block(b),
                    _ => self.pending.structure = true,
                }
            }
            "characterData" => {
                if let Some(b) = block {
                    self.pending.add_block(b);
                }
            }
            _ => match block {
                Some(b) => self.pending.add_block(b),
                None if element
                    .query_selector(&self.blocks)
                    .ok()
                    .flatten()
                    .is_some() =>
                {
                    self.pending.structure = true;
                }
                None => {}
            },
        }
    }

    fn note_all(&mut self, records: &js_sys::Array) {
        for record in records.iter() {
            if let Ok(record) = record.dyn_into::<MutationRecord>() {
                self.note(&record);
            }
        }
    }
}

/// Starts (or restarts) the quiet period after which pending changes are reported.
fn schedule(state: &Rc<RefCell<WatchState>>) {
    let weak: Weak<RefCell<WatchState>> = Rc::downgrade(state);
    let timeout = gloo::timers::callback::Timeout::new(WATCH_DEBOUNCE_MS, move || {
        let Some(state) = weak.upgrade() else {
            return;
        };
        let (changes, on_change) = {
            let mut s = state.borrow_mut();
            s.timer = None;
            (std::mem::take(&mut s.pending), Rc::clone(&s.on_change))
        };
        if !changes.is_empty() {
            on_change(changes);
        }
    });
    if let Ok(mut s) = state.try_borrow_mut() {
        if !s.pending.is_empty() {
            s.timer = Some(timeout);
        }
    }
}

/// Watches the host's article (`MutationObserver`: nodes, text, and the `hidden`, `style` and
/// `class` attributes) and reports what changed, [`WATCH_DEBOUNCE_MS`] after the last change.
/// Changes inside the widget's own elements (`data-aa-ui`) are not reported; the widget's own
/// marks are kept out with [`Watcher::quietly`]. Dropping it stops watching.
pub struct Watcher {
    observer: MutationObserver,
    state: Rc<RefCell<WatchState>>,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Watcher {
    /// Watches `host`, whose blocks `blocks` selects; `on_change` gets each batch of changes.
    pub fn new(
        host: &Element,
        blocks: &str,
        on_change: impl Fn(Changes) + 'static,
    ) -> Result<Watcher, HostError> {
        let state = Rc::new(RefCell::new(WatchState {
            host: host.clone(),
            blocks: blocks.to_owned(),
            pending: Changes::default(),
            timer: None,
            on_change: Rc::new(on_change),
        }));
        let weak = Rc::downgrade(&state);
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
            let Some(state) = weak.upgrade() else {
                return;
            };
            if let Ok(mut s) = state.try_borrow_mut() {
                s.note_all(&records);
            }
            schedule(&state);
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())
            .map_err(|e| HostError::Observe(js_text(&e)))?;
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_character_data(true);
        options.set_attributes(true);
        let filter: js_sys::Array = ["hidden", "style", "class"]
            .iter()
            .map(|a| JsValue::from_str(a))
            .collect();
        options.set_attribute_filter(&filter);
        observer
            .observe_with_options(host, &options)
            .map_err(|e| HostError::Observe(js_text(&e)))?;
        Ok(Watcher {
            observer,
            state,
            _callback: callback,
        })
    }

    /// Runs `f` (painting or unpainting the widget's marks) without its changes being reported:
    /// changes already made are kept to report, and those `f` makes are dropped. JavaScript runs
    /// one thing at a time, so nothing else changes the page while `f` runs.
    pub fn quietly<R>(&self, f: impl FnOnce() -> R) -> R {
        let before = self.observer.take_records();
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.note_all(&before);
        }
        let result = f();
        self.observer.take_records();
        schedule(&self.state);
        result
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.observer.disconnect();
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.timer = None;
        }
    }
}
