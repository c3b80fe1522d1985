//! Reading the page an article is shown on as a DOM-based client reads it, for the W3C export
//! (`core::document_text` decides what the offsets mean): the document's URL (the W3C
//! `target.source`), and the text of the article's element as `textContent` joins its text nodes,
//! in document order, leaving out the widget's own elements (`[data-aa-ui]`; shadow roots are not
//! walked, as `textContent` does not), with each paragraph's place in it.
//!
//! - [`page_url`]: in place, the page's `<link rel="canonical">` (absolute), else its URL without
//!   the fragment;
//! - [`host_text`]: in place, the host's article element, block by block ([`HostDom`]);
//! - [`in_place_reader`]: what the store calls to read the page when an export is made
//!   (`NotesStore::set_document`; rendered, the store needs no reader: the rendered article's
//!   text is its paragraphs, `DocumentText::rendered`).

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

use super::host_article::HostDom;
use crate::core::article::Article;
use crate::core::document_text::DocumentText;
use crate::core::text::CharIdx;

/// The attribute of the widget's own elements, whose text is not the article's.
const OWN: &str = "data-aa-ui";
/// `Node.DOCUMENT_POSITION_FOLLOWING`: the other node comes after this one.
const FOLLOWING: u16 = 4;

/// A string property of a DOM object (`href`, `URL`): read through `Reflect`, which the widget
/// binds already, rather than one more generated binding each.
fn string_property(object: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()?
        .as_string()
        .filter(|s| !s.is_empty())
}

/// Whether `url` is an http(s) URL.
fn is_http(url: &str) -> bool {
    url.starts_with("https:") || url.starts_with("http:")
}

/// The page's URL as other clients name the document: its canonical URL (`<link
/// rel="canonical">`, its `href` as the browser resolves it) when it has an http(s) one, else its
/// URL without the fragment.
pub fn page_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canonical = document
        .query_selector(r#"link[rel~="canonical" i][href]"#)
        .ok()
        .flatten()
        .and_then(|link| string_property(&link, "href"))
        .filter(|url| is_http(url));
    canonical.or_else(|| {
        let url = string_property(&document, "URL")?;
        Some(
            url.split_once('#')
                .map_or(url.as_str(), |(page, _)| page)
                .to_owned(),
        )
    })
}

/// The text nodes under an element in document order, each with the code points it spans in
/// their joined text; the widget's own elements are left out.
#[derive(Default)]
struct Walk {
    text: String,
    /// Code points in `text`.
    len: CharIdx,
    /// Each text node with its span in `text`.
    nodes: Vec<(Text, CharIdx, CharIdx)>,
}

impl Walk {
    fn walk(&mut self, node: &Node) {
        let children = node.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            // By node type rather than `instanceof`: a text node's `textContent` is its data.
            match child.node_type() {
                Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                    let data = child.text_content().unwrap_or_default();
                    let start = self.len;
                    self.len += data.chars().count();
                    self.text.push_str(&data);
                    self.nodes.push((child.unchecked_into(), start, self.len));
                }
                Node::ELEMENT_NODE
                    if child
                        .unchecked_ref::<Element>()
                        .get_attribute(OWN)
                        .is_none() =>
                {
                    self.walk(&child);
                }
                _ => {}
            }
        }
    }
}

/// In place: the text of the host's article element `host` (its `textContent`, less the widget's
/// own elements), each block of `dom` placed in it by its text nodes, `article` being the article
/// made of `dom`'s blocks (`HostArticle::article`: the paragraph ids and the article's text its
/// notes count); `url` is the document's ([`page_url`]).
pub fn host_text(
    host: &Element,
    dom: &HostDom,
    article: &Article,
    url: Option<String>,
) -> DocumentText {
    let mut walk = Walk::default();
    walk.walk(host);
    let mut doc = DocumentText::new(&walk.text, url);
    let nodes = walk.nodes;
    let starts = article.paragraph_starts();
    for (i, block) in dom.article.blocks.iter().enumerate() {
        let Some(pieces) = dom.block_nodes(i) else {
            continue;
        };
        // The block's paragraph (the same id) and where it starts in the article's text.
        let Some(start) = article
            .paragraphs
            .iter()
            .position(|p| p.id == block.id)
            .and_then(|p| starts.get(p))
        else {
            continue;
        };
        let at: Vec<Option<(CharIdx, CharIdx)>> = pieces
            .iter()
            .map(|piece| piece.as_ref().and_then(|t| find(&nodes, t)))
            .collect();
        doc.add_block(*start, &block.text, &at);
    }
    doc
}

/// Where text node `node` stands among `nodes` (in document order): a binary search by the nodes'
/// order in the document.
fn find(nodes: &[(Text, CharIdx, CharIdx)], node: &Text) -> Option<(CharIdx, CharIdx)> {
    let (mut lo, mut hi) = (0, nodes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (at, start, end) = nodes.get(mid)?;
        if at.is_same_node(Some(node)) {
            return Some((*start, *end));
        }
        if at.compare_document_position(node) & FOLLOWING != 0 {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    None
}

/// Reads the page the notes are on when a W3C export is made: given the article shown, the
/// document's text and URL, or `None` when the page cannot be read.
pub type DocumentReader = Rc<dyn Fn(&Article) -> Option<DocumentText>>;

/// What the store reads the page with in place: the text of the host's article element, placed
/// by its blocks as read, under the page's URL ([`page_url`], read at each export: a page that
/// changes its address keeps its notes' source current). `doc` is whatever holds the host
/// element and its [`HostDom`] (the widget's hold on the host's article), `parts` gets them from
/// it: `in_place_reader(doc.clone(), |d| (&d.host, &d.dom))`.
pub fn in_place_reader<D: 'static>(
    doc: Rc<D>,
    parts: fn(&D) -> (&Element, &HostDom),
) -> DocumentReader {
    Rc::new(move |article: &Article| {
        let (host, dom) = parts(&doc);
        Some(host_text(host, dom, article, page_url()))
    })
}
