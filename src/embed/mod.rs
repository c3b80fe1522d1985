//! The public face for host pages: mounting the widget into an element's shadow root, where its
//! article comes from (a URL, the host's own markup, or the bundled seed), the handle with the
//! element's methods, and the events it fires on the host element.
//!
//! `article-annotator-element.js` beside this file is the one module script host pages load: it
//! defines `<article-annotator>` and `window.ArticleAnnotator.mount`, and calls [`mount`].

mod source;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, ShadowRootInit, ShadowRootMode};

use crate::core::article::Article;
use crate::core::people_export::PeopleFormat;
use crate::core::recognize::Recognizer;
use crate::ui::app::{RecognizerRef, Shared, SharedRef};
use crate::ui::error_view::{ErrorView, ErrorViewProps};
use crate::ui::loading_view::{LoadingView, LoadingViewProps};
use crate::ui::strings::{for_lang, Strings};
use crate::ui::{App, AppProps};

pub use source::Source;

/// Fires `article-annotator:{name}` on `host`, bubbling and composed, with `detail`.
pub fn fire(host: &Element, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) =
        CustomEvent::new_with_event_init_dict(&format!("article-annotator:{name}"), &init)
    {
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

fn fire_error(host: &Element, code: &str, message: &str) {
    fire(
        host,
        "error",
        &detail(&[("code", code.into()), ("message", message.into())]),
    );
}

/// How a widget is mounted (the element's attributes, or `ArticleAnnotator.mount`'s options).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// URL of the article (plain text in the seed's layout, or JSON).
    pub src: Option<String>,
    /// Storage namespace; default derived from the source URL or the text.
    pub article_id: Option<String>,
    /// Interface language (`vi` default).
    pub lang: Option<String>,
    /// URL of a JSON lexicon of the newsroom's own bodies, officials and titles.
    pub lexicon: Option<String>,
    /// URL of the widget's stylesheet, linked inside the shadow root when no `sheet` is given.
    pub css_url: Option<String>,
    /// The widget's stylesheet already parsed (a constructed `CSSStyleSheet` the embed script
    /// makes once per page): the shadow root adopts it, and the widget is styled from its first
    /// frame, with no `<link>` to wait for.
    pub sheet: Option<JsValue>,
    /// The article's text itself (plain text in the seed's layout, or JSON), instead of `src`.
    pub text: Option<String>,
}

impl Options {
    fn from_js(v: &JsValue) -> Options {
        let get = |k: &str| {
            js_sys::Reflect::get(v, &k.into())
                .ok()
                .and_then(|x| x.as_string())
                .filter(|s| !s.trim().is_empty())
        };
        Options {
            src: get("src"),
            article_id: get("articleId"),
            lang: get("lang"),
            lexicon: get("lexicon"),
            css_url: get("cssUrl"),
            sheet: js_sys::Reflect::get(v, &"sheet".into())
                .ok()
                .filter(|x| x.is_object()),
            text: get("text"),
        }
    }
}

/// What one mounted widget holds.
struct Mounted {
    host: Element,
    container: Element,
    style_wait: Option<StyleWait>,
    /// The stylesheet its shadow root adopted, taken out again when it is destroyed.
    sheet: Option<JsValue>,
    app: RefCell<Option<yew::AppHandle<App>>>,
    other: RefCell<Option<Box<dyn FnOnce()>>>,
    shared: Rc<Shared>,
    destroyed: Cell<bool>,
}

impl Mounted {
    fn clear(&self) {
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
        if let Some(destroy) = self.other.borrow_mut().take() {
            destroy();
        }
        self.container.set_text_content(None);
    }
}

/// The handle of one widget: the element's methods.
#[wasm_bindgen]
pub struct Handle {
    inner: Rc<Mounted>,
}

#[wasm_bindgen]
impl Handle {
    /// The native JSON export.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> String {
        self.inner.shared.export().to_json()
    }

    /// The W3C Web Annotation export.
    #[wasm_bindgen(js_name = exportW3c)]
    pub fn export_w3c(&self) -> String {
        crate::core::w3c::to_w3c_json(&self.inner.shared.export(), "vi")
    }

    /// The notes as Markdown, in the widget's language.
    #[wasm_bindgen(js_name = exportMarkdown)]
    pub fn export_markdown(&self) -> String {
        self.inner.shared.people(PeopleFormat::Markdown)
    }

    /// The notes as CSV (RFC 4180, with a UTF-8 byte order mark).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        self.inner.shared.people(PeopleFormat::Csv)
    }

    /// The notes as a standalone, printable HTML page.
    #[wasm_bindgen(js_name = exportHtml)]
    pub fn export_html(&self) -> String {
        self.inner.shared.people(PeopleFormat::Html)
    }

    /// Merges a native or W3C export; returns `{added, updated, skipped, errors}`.
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&self, text: String) -> JsValue {
        import_json(&self.inner, &text)
    }

    /// The recognised entities, as a JSON string.
    pub fn entities(&self) -> String {
        let entities = self.inner.shared.entities.borrow().clone();
        // Plain structs of strings and numbers: serialising them cannot fail.
        serde_json::to_string(&*entities).unwrap_or_else(|_| "[]".to_owned())
    }

    /// Unmounts the widget: its view, its listeners and its stylesheet go; stored notes stay.
    pub fn destroy(&self) {
        if !self.inner.destroyed.replace(true) {
            *self.inner.shared.on_change.borrow_mut() = None;
            self.inner.clear();
            // What the widget added goes: its container, its stylesheet (adopted or linked). The
            // host's own content, and stylesheets the root had, stay.
            self.inner.container.remove();
            if let Some(wait) = &self.inner.style_wait {
                wait.link.remove();
            }
            if let (Some(root), Some(sheet)) = (self.inner.host.shadow_root(), &self.inner.sheet) {
                adopt(&root, sheet, false);
            }
        }
    }
}

/// The shadow root to render in: the element's own, opened if it has none. Elements that cannot
/// host one (`<p>`, `<a>`...) get the widget in their light DOM instead.
///
/// Returns the container, the wait for a linked stylesheet, and whether `sheet` was adopted.
///
/// A shadow root adopts `sheet`, the stylesheet already parsed, when there is one: the widget is
/// styled from its first frame. Otherwise the stylesheet at `css_url` is linked, and the widget
/// stays transparent until the sheet has loaded (or failed, or [`STYLE_WAIT_MS`] passed): the
/// reader never sees it unstyled. Transparent, not `hidden`: a hidden element cannot take focus,
/// and an editor reopened with a draft takes it at once. The opacity is set through the CSSOM,
/// which a strict Content-Security-Policy allows.
fn render_root(
    host: &Element,
    css_url: Option<&str>,
    sheet: Option<&JsValue>,
) -> Option<(Element, Option<StyleWait>, bool)> {
    let document = web_sys::window()?.document()?;
    let shadow = host.shadow_root().or_else(|| {
        host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()
    });
    let adopted = match (&shadow, sheet) {
        (Some(root), Some(sheet)) => adopt(root, sheet, true),
        _ => false,
    };
    let parent: web_sys::Node = match shadow {
        Some(root) => root.into(),
        None => host.clone().into(),
    };
    let container = document.create_element("div").ok()?;
    container.set_class_name("aa-host");
    let mut wait = None;
    if let Some(url) = css_url.filter(|_| !adopted) {
        let link = document.create_element("link").ok()?;
        link.set_attribute("rel", "stylesheet").ok()?;
        link.set_attribute("href", url).ok()?;
        let style = container
            .dyn_ref::<web_sys::HtmlElement>()
            .map(web_sys::HtmlElement::style);
        if let Some(style) = &style {
            let _ = style.set_property("opacity", "0");
        }
        let show = || {
            let style = style.clone();
            move || {
                if let Some(style) = &style {
                    let _ = style.remove_property("opacity");
                }
            }
        };
        let (on_load, on_error, on_time) = (show(), show(), show());
        wait = Some(StyleWait {
            link: link.clone(),
            _load: gloo::events::EventListener::once(&link, "load", move |_| on_load()),
            _error: gloo::events::EventListener::once(&link, "error", move |_| on_error()),
            _timeout: gloo::timers::callback::Timeout::new(STYLE_WAIT_MS, on_time),
        });
        parent.append_child(&link).ok()?;
    }
    parent.append_child(&container).ok()?;
    Some((container, wait, adopted))
}

/// Adds `sheet` to the shadow root's adopted stylesheets (`adopted`), or takes it out, leaving any
/// others the root has; false if the browser has no adopted stylesheets or refused them (the
/// caller then links the sheet instead).
fn adopt(root: &web_sys::ShadowRoot, sheet: &JsValue, adopted: bool) -> bool {
    let key = JsValue::from("adoptedStyleSheets");
    let Ok(current) = js_sys::Reflect::get(root, &key) else {
        return false;
    };
    if !js_sys::Array::is_array(&current) {
        return false;
    }
    let sheets: js_sys::Array = js_sys::Array::from(&current)
        .iter()
        .filter(|s| s != sheet)
        .collect();
    if adopted {
        sheets.push(sheet);
    }
    js_sys::Reflect::set(root, &key, &sheets).unwrap_or(false)
}

/// Longest wait for the stylesheet before the widget shows anyway.
const STYLE_WAIT_MS: u32 = 3000;

/// What shows the widget once its stylesheet is in; dropping it (the widget destroyed) cancels.
struct StyleWait {
    /// The `<link>` itself: in a host's light DOM it is removed with the widget.
    link: Element,
    _load: gloo::events::EventListener,
    _error: gloo::events::EventListener,
    _timeout: gloo::timers::callback::Timeout,
}

/// Prepares the widget when the wasm module starts: nothing is mounted until a host element asks.
pub fn start() {
    crate::platform::install_unicode();
}

/// Mounts a widget on `host` (from JavaScript: `mount(element, options)`).
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(host: Element, options: JsValue) -> Result<Handle, JsError> {
    mount(&host, Options::from_js(&options)).map_err(|e| JsError::new(&e))
}

/// Mounts a widget on `host`. The article comes from `options.src`, else from the host's own
/// paragraphs, else it is the bundled seed. Fetching shows a loading state; every failure shows a
/// message in the widget and fires `article-annotator:error`.
pub fn mount(host: &Element, options: Options) -> Result<Handle, String> {
    crate::platform::install_unicode();
    let (container, style_wait, adopted) =
        render_root(host, options.css_url.as_deref(), options.sheet.as_ref())
            .ok_or("the widget could not be put into the page")?;
    let mounted = Rc::new(Mounted {
        host: host.clone(),
        container,
        style_wait,
        sheet: options.sheet.clone().filter(|_| adopted),
        app: RefCell::new(None),
        other: RefCell::new(None),
        shared: Rc::new(Shared::default()),
        destroyed: Cell::new(false),
    });
    {
        let host = host.clone();
        *mounted.shared.on_change.borrow_mut() = Some(Box::new(move |count| {
            fire(
                &host,
                "change",
                &detail(&[("count", (count as f64).into())]),
            );
        }));
    }
    let source = Source::of(host, options.src.as_deref(), options.text.as_deref());
    let strings = for_lang(options.lang.as_deref());
    if source.is_immediate() && options.lexicon.is_none() {
        let article = source.read_now(host, strings);
        show(&mounted, article, Recognizer::default(), &options);
    } else {
        show_loading(&mounted, strings);
        let (m, options) = (mounted.clone(), options.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut recognizer = Recognizer::default();
            if let Some(url) = options.lexicon.as_deref() {
                if let Err(message) = source::load_lexicon(url, &mut recognizer, strings).await {
                    fire_error(&m.host, "lexicon", &message);
                }
            }
            let article = source.read(&m.host, strings).await;
            if !m.destroyed.get() {
                show(&m, article, recognizer, &options);
            }
        });
    }
    Ok(Handle { inner: mounted })
}

fn show_loading(m: &Mounted, s: &'static Strings) {
    m.clear();
    let handle = yew::Renderer::<LoadingView>::with_root_and_props(
        m.container.clone(),
        LoadingViewProps {
            message: s.loading.into(),
        },
    )
    .render();
    *m.other.borrow_mut() = Some(Box::new(move || handle.destroy()));
}

fn show(
    m: &Mounted,
    article: Result<(Article, Option<String>), (String, String)>,
    recognizer: Recognizer,
    options: &Options,
) {
    m.clear();
    match article {
        Ok((article, source_url)) => {
            let article_id = options
                .article_id
                .clone()
                .unwrap_or_else(|| match &source_url {
                    Some(url) => format!("u-{:08x}", crate::core::text::fnv1a32(url.as_bytes())),
                    None => article.derived_id(),
                });
            let props = AppProps {
                article: Rc::new(article),
                article_id: article_id.into(),
                source: source_url.map(Into::into),
                shared: SharedRef(m.shared.clone()),
                recognizer: RecognizerRef(Rc::new(recognizer)),
                lang: options.lang.clone().map(Into::into),
            };
            *m.app.borrow_mut() = Some(
                yew::Renderer::<App>::with_root_and_props(m.container.clone(), props).render(),
            );
            fire(&m.host, "ready", &JsValue::NULL);
        }
        Err((code, message)) => {
            fire_error(&m.host, &code, &message);
            let s = for_lang(options.lang.as_deref());
            let props = ErrorViewProps {
                title: s.cannot_show.into(),
                message: message.into(),
                lang: s.tag.into(),
            };
            let handle =
                yew::Renderer::<ErrorView>::with_root_and_props(m.container.clone(), props)
                    .render();
            *m.other.borrow_mut() = Some(Box::new(move || handle.destroy()));
        }
    }
}

/// `importJson(text)`: merges a native or W3C export into the widget's notes and returns the
/// report `{added, updated, skipped, errors}`. Input that cannot be read changes nothing: the
/// report then has one error with the reason, and `article-annotator:error` is fired.
fn import_json(m: &Mounted, text: &str) -> JsValue {
    let Some(article) = m.shared.article.borrow().clone() else {
        let report = crate::core::import::ImportReport {
            errors: vec![crate::core::import::Rejected {
                index: 0,
                id: None,
                reason: "the widget has no article yet".into(),
            }],
            ..Default::default()
        };
        return js_sys::JSON::parse(&serde_json::to_string(&report).unwrap_or_default())
            .unwrap_or(JsValue::NULL);
    };
    let current = Rc::clone(&m.shared.notes.borrow());
    let report = match crate::core::import::import(&current, text, &article) {
        Ok((merged, report)) => {
            if report.added + report.updated > 0 {
                if let Some(dispatch) = m.shared.dispatch.borrow().as_ref() {
                    dispatch.dispatch(crate::core::notes::NotesAction::Load { notes: merged });
                }
            }
            report
        }
        Err(e) => {
            let message = e.to_string();
            fire_error(&m.host, "import", &message);
            crate::core::import::ImportReport {
                errors: vec![crate::core::import::Rejected {
                    index: 0,
                    id: None,
                    reason: message,
                }],
                ..Default::default()
            }
        }
    };
    js_sys::JSON::parse(&serde_json::to_string(&report).unwrap_or_default())
        .unwrap_or(JsValue::NULL)
}
