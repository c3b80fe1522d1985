//! What the reader sees before or instead of the article: a loading line while the article (or
//! the newsroom's lexicon) is fetched, and the message when the widget cannot show its article.
//!
//! Built as plain DOM rather than as Yew components: each would be a root of its own
//! (`yew::Renderer<C>`), and every root type compiles its own copy of Yew's app machinery into the
//! wasm. Texts go in as text nodes (`append_with_str_*`), never as markup; the container is
//! emptied by its owner (`embed::Mounted::clear`), which takes these nodes away with it.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// The widget's status instead of its article.
pub enum Status<'a> {
    /// Fetching: the message says what is awaited.
    Loading {
        /// "Đang tải bài viết…"
        message: &'a str,
    },
    /// The article cannot be shown.
    Error {
        /// What happened ("Không hiển thị được bài viết.").
        title: &'a str,
        /// Why.
        message: &'a str,
        /// The language of both (`lang`).
        lang: &'a str,
    },
}

/// An element with its class (and `role`, when given).
fn element(doc: &Document, tag: &str, class: &str, role: Option<&str>) -> Result<Element, JsValue> {
    let el = doc.create_element(tag)?;
    el.set_class_name(class);
    if let Some(role) = role {
        el.set_attribute("role", role)?;
    }
    Ok(el)
}

/// Appends `status` to `container`, as the loading line or the error message.
pub fn show_status(container: &Element, status: &Status) -> Result<(), JsValue> {
    let doc = container
        .owner_document()
        .ok_or_else(|| JsValue::from_str("the container has no document"))?;
    let root;
    match status {
        Status::Loading { message } => {
            root = element(&doc, "div", "aa-root aa-root--loading", None)?;
            let line = element(&doc, "p", "aa-loading", Some("status"))?;
            line.set_attribute("aria-live", "polite")?;
            line.set_attribute("aria-busy", "true")?;
            let spinner = element(&doc, "span", "aa-loading__spinner", None)?;
            spinner.set_attribute("aria-hidden", "true")?;
            line.append_with_node_1(&spinner)?;
            line.append_with_str_1(message)?;
            root.append_with_node_1(&line)?;
        }
        Status::Error {
            title,
            message,
            lang,
        } => {
            root = element(&doc, "div", "aa-root aa-root--error", None)?;
            root.set_attribute("lang", lang)?;
            let line = element(&doc, "p", "aa-error", Some("alert"))?;
            let strong = doc.create_element("strong")?;
            strong.append_with_str_1(title)?;
            line.append_with_node_1(&strong)?;
            line.append_with_str_2(" ", message)?;
            root.append_with_node_1(&line)?;
        }
    }
    container.append_with_node_1(&root)
}
