//! The public face for host pages: mounting the widget into an element, the element's methods
//! (`exportJson()`, `exportW3c()`, `importJson()`, `entities()`), and the events it fires (`article-annotator:ready`, `:change`, `:error`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element};

use crate::core::article::{Article, SEED_ARTICLE};
use crate::ui::app::{Shared, SharedRef};
use crate::ui::error_view::{ErrorView, ErrorViewProps};
use crate::ui::{App, AppProps};

/// Fires `article-annotator:{name}` on `host`, bubbling and composed, with `detail`.
pub fn fire(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("article-annotator:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn detail(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&obj, &(*k).into(), v);
    }
    obj.into()
}

/// Mounts the widget with the article `text` into `host`. A text that cannot be parsed shows a
/// message in the widget and fires `article-annotator:error`.
pub fn mount(host: &Element, text: &str, article_id: Option<String>, source: Option<String>) {
    crate::platform::install_unicode();
    let article = match Article::parse(text) {
        Ok(a) => a,
        Err(e) => {
            let message = e.to_string();
            fire(host, "error", &detail(&[("code", "article".into()), ("message", message.as_str().into())]));
            yew::Renderer::<ErrorView>::with_root_and_props(host.clone(), ErrorViewProps { message: message.into() }).render();
            return;
        }
    };
    let article_id = article_id.unwrap_or_else(|| article.derived_id());
    let article = Rc::new(article);
    let shared = Rc::new(Shared::default());
    {
        let host = host.clone();
        *shared.on_change.borrow_mut() = Some(Box::new(move |count| {
            fire(&host, "change", &detail(&[("count", (count as f64).into())]));
        }));
    }
    for name in ["exportJson", "exportW3c", "entities"] {
        let shared = shared.clone();
        let method = Closure::<dyn Fn() -> String>::new(move || match name {
            "exportW3c" => shared.export_w3c.borrow().clone(),
            "entities" => shared.entities_json.borrow().clone(),
            _ => shared.export_json.borrow().clone(),
        });
        let _ = js_sys::Reflect::set(host, &name.into(), method.as_ref().unchecked_ref());
        // The element keeps its methods for the page's life; `destroy()` (issue 6) will release them.
        method.forget();
    }
    {
        let (shared, article, target) = (shared.clone(), article.clone(), host.clone());
        let import = Closure::<dyn Fn(String) -> JsValue>::new(move |text: String| import_json(&shared, &article, &target, &text));
        let _ = js_sys::Reflect::set(host, &"importJson".into(), import.as_ref().unchecked_ref());
        import.forget();
    }
    let props = AppProps { article, article_id: article_id.into(), source: source.map(Into::into), shared: SharedRef(shared) };
    yew::Renderer::<App>::with_root_and_props(host.clone(), props).render();
    fire(host, "ready", &JsValue::NULL);
}

/// `importJson(text)`: merges a native or W3C export into the widget's notes and returns the
/// report `{added, updated, skipped, errors}`. Input that cannot be read changes nothing: the
/// report then has one error with the reason, and `article-annotator:error` is fired.
fn import_json(shared: &Shared, article: &Article, host: &Element, text: &str) -> JsValue {
    let current = shared.notes.borrow().clone();
    let report = match crate::core::import::import(&current, text, article) {
        Ok((merged, report)) => {
            if report.added + report.updated > 0 {
                if let Some(dispatch) = shared.dispatch.borrow().as_ref() {
                    dispatch.dispatch(crate::core::notes::NotesAction::Load { notes: merged });
                }
            }
            report
        }
        Err(e) => {
            let message = e.to_string();
            fire(host, "error", &detail(&[("code", "import".into()), ("message", message.as_str().into())]));
            crate::core::import::ImportReport {
                errors: vec![crate::core::import::Rejected { index: 0, id: None, reason: message }],
                ..Default::default()
            }
        }
    };
    let json = serde_json::to_string(&report).unwrap_or_default();
    js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
}

/// The `trunk serve` demo: the bundled seed article in `#app` (or the first element carrying
/// `data-article-annotator`, or the body).
pub fn mount_demo() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let host = document
        .get_element_by_id("app")
        .or_else(|| document.query_selector("[data-article-annotator]").ok().flatten())
        .or_else(|| document.body().map(Into::into));
    if let Some(host) = host {
        let id = host.get_attribute("article-id");
        mount(&host, SEED_ARTICLE, id, None);
    }
}
