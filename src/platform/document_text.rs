//! Reading the page an article is shown on as a DOM-based client reads it, for the W3C export
//! (`core::document_text` decides what the offsets mean): the document's URL (the W3C
//! `target.source`), and the text of the article's element as `textContent` joins its text nodes,
//! in document order, leaving out the widget's own elements (`[data-aa-ui]`; shadow roots are not
//! walked, as `textContent` does not), with each paragraph's place in it.
//!
//! - [`page_url`]: in place, the page's `<link rel="canonical">` (absolute), else its URL without
//!   the fragment;
//! - [`absolute_url`]: rendered from `src`, the `src` URL resolved against the document's base URL;
//! - [`rendered_text`]: the rendered article (`.aa-article`), paragraph by paragraph verbatim;
//! - [`host_text`]: in place, the host's article element, block by block ([`HostDom`]);
//! - [`rendered_reader`]: what the store calls to read the rendered article at export time.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Text};

use super::host_article::HostDom;
use crate::core::article::Article;
use crate::core::document_text::DocumentText;
use crate::core::text::CharIdx;

/// The attribute of the widget's own elements, whose text is not the article's.
const OWN: &str = "data-aa-ui";
/// The attribute of a rendered paragraph, whose value is its id.
const PARAGRAPH: &str = "data-aa-paragraph";
/// The rendered article's element, inside the widget's container.
const RENDERED_ARTICLE: &str = ".aa-article";
/// `Node.DOCUMENT_POSITION_FOLLOWING`: the other node comes after this one.
const FOLLOWING: u16 = 4;

/// The page's URL as other clients name the document: its canonical URL (`<link
/// rel="canonical">`, made absolute) when it has an http(s) one, else its URL without the
/// fragment.
pub fn page_url() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let canonical = document
        .query_selector(r#"link[rel~="canonical" i][href]"#)
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| absolute_url(&href))
        .filter(|url| url.starts_with("https:") || url.starts_with("http:"));
    canonical.or_else(|| {
        let url = web_sys::Url::new(&document.url().ok()?).ok()?;
        url.set_hash("");
        Some(url.href())
    })
}

/// `url` resolved against the document's base URL; `None` when it is not a URL.
pub fn absolute_url(url: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let base = document.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(url.trim(), &base)
        .ok()
        .map(|u| u.href())
}

/// The text nodes under `root` in document order, with the code points each spans in their
/// joined text; the widget's own elements are left out.
struct Walk {
    text: String,
    /// Code points in `text`.
    len: CharIdx,
}

impl Walk {
    /// Walks the children of `node`; `visit` gets each text node with its span and the nearest
    /// rendered paragraph id around it (`paragraph`).
    fn walk(
        &mut self,
        node: &Node,
        paragraph: Option<&str>,
        visit: &mut impl FnMut(&Text, Option<&str>, CharIdx, CharIdx),
    ) {
        let children = node.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if let Some(text) = child.dyn_ref::<Text>() {
                let data = text.data();
                let start = self.len;
                self.len += data.chars().count();
                self.text.push_str(&data);
                visit(text, paragraph, start, self.len);
            } else if let Some(element) = child.dyn_ref::<Element>() {
                if element.has_attribute(OWN) {
                    continue;
                }
                let id = element.get_attribute(PARAGRAPH);
                self.walk(element, id.as_deref().or(paragraph), visit);
            }
        }
    }
}

/// The rendered article's text (`root`: its `.aa-article` element), each paragraph of `article`
/// placed in it as the text nodes of its `[data-aa-paragraph]` element show it; `url` is the
/// document's (the article's `src`, absolute). A paragraph whose nodes do not read as its text
/// is not placed (its notes are exported by their quote alone).
pub fn rendered_text(root: &Element, article: &Article, url: Option<String>) -> DocumentText {
    let mut walk = Walk {
        text: String::new(),
        len: 0,
    };
    // Each paragraph's text nodes, in order of first appearance.
    let mut pieces: Vec<(String, Vec<(CharIdx, CharIdx)>)> = Vec::new();
    walk.walk(root, None, &mut |_, paragraph, start, end| {
        let Some(id) = paragraph else { return };
        match pieces.last_mut() {
            Some((last, spans)) if last == id => spans.push((start, end)),
            _ => pieces.push((id.to_owned(), vec![(start, end)])),
        }
    });
    let mut doc = DocumentText::new(&walk.text, url);
    for (id, spans) in &pieces {
        if let Some(p) = article.paragraphs.iter().find(|p| &p.id == id) {
            doc.add_verbatim(id, &p.text, spans);
        }
    }
    doc
}

/// In place: the text of the host's article element `host` (its `textContent`, less the widget's
/// own elements), each block of `dom` placed in it by its text nodes; `url` is the document's
/// ([`page_url`]).
pub fn host_text(host: &Element, dom: &HostDom, url: Option<String>) -> DocumentText {
    let mut walk = Walk {
        text: String::new(),
        len: 0,
    };
    let mut nodes: Vec<(Text, CharIdx, CharIdx)> = Vec::new();
    walk.walk(host, None, &mut |text, _, start, end| {
        nodes.push((text.clone(), start, end))
    });
    let mut doc = DocumentText::new(&walk.text, url);
    for (i, block) in dom.article.blocks.iter().enumerate() {
        let Some(pieces) = dom.block_nodes(i) else {
            continue;
        };
        let at: Vec<Option<(CharIdx, CharIdx)>> = pieces
            .iter()
            .map(|piece| piece.as_ref().and_then(|t| find(&nodes, t)))
            .collect();
        doc.add_block(&block.id, &block.text, &at);
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

/// Reads the page the notes are on, when a W3C export (or an import) needs its text: given the
/// article shown, the document's text and URL, or `None` when the page cannot be read.
pub type DocumentReader = Rc<dyn Fn(&Article) -> Option<DocumentText>>;

/// What the store reads the rendered article with at export time: the `.aa-article` inside
/// `container` (the widget's), and as the document's URL the absolute `src`, if the article came
/// from one.
pub fn rendered_reader(container: Element, src: Option<&str>) -> DocumentReader {
    let url = src.and_then(absolute_url);
    Rc::new(move |article: &Article| {
        let root = container.query_selector(RENDERED_ARTICLE).ok().flatten()?;
        Some(rendered_text(&root, article, url.clone()))
    })
}
