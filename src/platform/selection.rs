//! The reader's text selection inside a paragraph, as UTF-16 offsets (the DOM's unit) into the
//! paragraph's text; `core::text::char_idx_from_utf16` turns them into code points.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The selection of the document or shadow root `element` lives in (Chromium's
/// `ShadowRoot.getSelection()` where there is one, else the window's).
fn selection_for(element: &Element) -> Option<web_sys::Selection> {
    let root = element.get_root_node();
    let from_root = js_sys::Reflect::get(&root, &"getSelection".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&root).ok())
        .and_then(|v| v.dyn_into::<web_sys::Selection>().ok());
    from_root.or_else(|| web_sys::window()?.get_selection().ok().flatten())
}

/// UTF-16 length of the text inside `node`.
fn text_len(node: &Node) -> usize {
    node.text_content().map_or(0, |t| t.encode_utf16().count())
}

/// The UTF-16 offset, in `container`'s text, of the boundary point (`node`, `offset`).
fn offset_in(container: &Node, node: &Node, offset: u32) -> Option<usize> {
    let mut before = 0;
    let mut current = node.clone();
    // Inside the boundary node itself.
    let inner = if node.node_type() == Node::TEXT_NODE {
        let text = node.text_content().unwrap_or_default();
        text.encode_utf16().take(offset as usize).count()
    } else {
        let children = node.child_nodes();
        (0..offset.min(children.length()))
            .filter_map(|i| children.item(i))
            .map(|c| text_len(&c))
            .sum()
    };
    // Everything before it, up to the container.
    while !current.is_same_node(Some(container)) {
        let mut sibling = current.previous_sibling();
        while let Some(s) = sibling {
            before += text_len(&s);
            sibling = s.previous_sibling();
        }
        current = current.parent_node()?;
    }
    Some(before + inner)
}

/// The non-empty selection inside `container`, as UTF-16 offsets into its text, if the whole
/// selection lies inside it.
pub fn selection_in(container: &Element) -> Option<(usize, usize)> {
    let sel = selection_for(container)?;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let (sc, so) = (range.start_container().ok()?, range.start_offset().ok()?);
    let (ec, eo) = (range.end_container().ok()?, range.end_offset().ok()?);
    let node: &Node = container.as_ref();
    if !node.contains(Some(&sc)) || !node.contains(Some(&ec)) {
        return None;
    }
    let (start, end) = (offset_in(node, &sc, so)?, offset_in(node, &ec, eo)?);
    (start < end).then_some((start, end))
}
