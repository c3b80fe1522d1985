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

use crate::core::article::{Article, ArticleError};
use crate::core::import::ImportReport;
use crate::core::people_export::PeopleFormat;
use crate::core::recognize::Recognizer;
#[cfg(feature = "sync")]
use crate::core::sync::User;
use crate::core::view::Derived;
use crate::platform::in_place::{HostDoc, HostError, InPlace, Selectors};
use crate::platform::{self, clock, storage};
use crate::ui::app::DerivedRef;
use crate::ui::hooks::use_exports::people_text;
use crate::ui::in_place_blocks::HostRef;
use crate::ui::status_view::{show_status, Status};
use crate::ui::store::NotesStore;
use crate::ui::strings::{for_lang, Strings};
#[cfg(feature = "sync")]
use crate::ui::sync_loop::SyncLoop;
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
    /// In place: the CSS selectors of the host's text blocks and of what is left out (attributes
    /// `blocks` and `skip`; `None` for the defaults, `core::host::DEFAULT_BLOCKS`/`DEFAULT_SKIP`).
    pub blocks: Option<String>,
    pub skip: Option<String>,
    /// In place: the element script's DOM work on the host's article (its `inPlace` object).
    pub in_place: Option<JsValue>,
    /// URL of the CouchDB database to sync the notes with (`sync="https://…/db"`); nothing is
    /// sent anywhere without it.
    pub sync: Option<String>,
    /// The reader, as the site names them (`user: {id, name}`, or `user-id` and `user-name`):
    /// the author of their notes in a shared database.
    #[cfg(feature = "sync")]
    pub user: Option<User>,
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
            blocks: get("blocks"),
            skip: get("skip"),
            in_place: js_sys::Reflect::get(v, &"inPlace".into())
                .ok()
                .filter(|x| x.is_object()),
            sync: get("sync"),
            #[cfg(feature = "sync")]
            user: user_of(v),
        }
    }
}

/// The `user` option (`{id, name}`), checked as documents are; `None` when absent or unusable
/// (the notes are then written with no author).
#[cfg(feature = "sync")]
fn user_of(options: &JsValue) -> Option<User> {
    let user = js_sys::Reflect::get(options, &"user".into()).ok()?;
    let get = |k: &str| js_sys::Reflect::get(&user, &k.into()).ok()?.as_string();
    User::checked(&get("id")?, &get("name").unwrap_or_default()).ok()
}

/// What one mounted widget holds.
struct Mounted {
    host: Element,
    container: Element,
    style_wait: Option<StyleWait>,
    /// The stylesheet its shadow root adopted, taken out again when it is destroyed.
    sheet: Option<JsValue>,
    app: RefCell<Option<yew::AppHandle<App>>>,
    /// The notes and what was derived from the article, once the article is shown: the one
    /// store the App renders and the handle's methods act on.
    shown: RefCell<Option<(NotesStore, Rc<Derived>)>>,
    /// The interface language's strings (messages of `importJson()`'s report).
    strings: &'static Strings,
    /// The sync with the host's database, when it named one; stopped when dropped.
    #[cfg(feature = "sync")]
    sync: RefCell<Option<SyncLoop>>,
    destroyed: Cell<bool>,
    /// How it was mounted.
    options: Options,
    /// In place: the host's article as read, with what the widget added to it.
    host_doc: RefCell<Option<Rc<HostDoc>>>,
    /// Whether the host's own article is annotated in place.
    in_place: bool,
}

impl Mounted {
    fn clear(&self) {
        #[cfg(feature = "sync")]
        self.sync.borrow_mut().take();
        if let Some((store, _)) = self.shown.borrow_mut().take() {
            store.set_change_listener(None);
            store.set_error_listener(None);
        }
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
        // What was added to the host's article goes with the view that used it.
        if let Some(doc) = self.host_doc.borrow_mut().take() {
            doc.close();
        }
        self.container.set_text_content(None);
    }

    /// In place, a `<slot>` after what the container shows (loading, an error), so that the host's
    /// article stays in view while the widget has nothing else to show.
    fn keep_article_shown(&self) {
        if self.in_place {
            let slot = self
                .container
                .owner_document()
                .and_then(|d| d.create_element("slot").ok());
            if let Some(slot) = slot {
                let _ = self.container.append_child(&slot);
            }
        }
    }

    /// Shows `message` instead of the article and fires `article-annotator:error` with `code`.
    fn show_error(&self, code: &str, message: &str) {
        fire_error(&self.host, code, message);
        self.container.set_text_content(None);
        let s = self.strings;
        let error = Status::Error {
            title: s.cannot_show,
            message,
            lang: s.tag,
        };
        // The error event above has told the page already if even this fails.
        let _ = show_status(&self.container, &error);
        self.keep_article_shown();
    }
}

/// The handle of one widget: the element's methods.
#[wasm_bindgen]
pub struct Handle {
    inner: Rc<Mounted>,
}

impl Handle {
    /// The widget's notes store, once its article is shown.
    fn store(&self) -> Result<NotesStore, JsError> {
        self.shown().map(|(store, _)| store)
    }

    /// An export for people of the notes as they are now, in the widget's language.
    fn people(&self, format: PeopleFormat) -> Result<String, JsError> {
        let (store, derived) = self.shown()?;
        Ok(people_text(&store, &derived, format, self.inner.strings))
    }

    fn shown(&self) -> Result<(NotesStore, Rc<Derived>), JsError> {
        self.inner
            .shown
            .borrow()
            .clone()
            .ok_or_else(|| JsError::new("the widget has no article yet"))
    }
}

/// What the handle throws when notes cannot be written as JSON (a time after the year 9999): a
/// fixed message, so that serde's error formatting is not shipped for it.
fn encode_error<E>(_: E) -> JsError {
    JsError::new("the notes could not be written as JSON")
}

#[wasm_bindgen]
impl Handle {
    /// The native JSON export of the notes as they are now.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> Result<String, JsError> {
        self.store()?
            .export_json(clock::now())
            .map_err(encode_error)
    }

    /// The W3C Web Annotation export of the notes as they are now.
    #[wasm_bindgen(js_name = exportW3c)]
    pub fn export_w3c(&self) -> Result<String, JsError> {
        self.store()?.export_w3c(clock::now()).map_err(encode_error)
    }

    /// The notes as Markdown, in the widget's language.
    #[wasm_bindgen(js_name = exportMarkdown)]
    pub fn export_markdown(&self) -> Result<String, JsError> {
        self.people(PeopleFormat::Markdown)
    }

    /// The notes as CSV (RFC 4180, with a UTF-8 byte order mark).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> Result<String, JsError> {
        self.people(PeopleFormat::Csv)
    }

    /// The notes as a standalone, printable HTML page.
    #[wasm_bindgen(js_name = exportHtml)]
    pub fn export_html(&self) -> Result<String, JsError> {
        self.people(PeopleFormat::Html)
    }

    /// Merges a native or W3C export into the notes as they are now; returns
    /// `{added, updated, skipped, errors}`.
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&self, text: String) -> JsValue {
        import_json(&self.inner, &text)
    }

    /// The recognised entities, as a JSON string.
    pub fn entities(&self) -> Result<String, JsError> {
        serde_json::to_string(&*self.shown()?.1.entities).map_err(encode_error)
    }

    /// Unmounts the widget: its view, its listeners and its stylesheet go; stored notes stay.
    pub fn destroy(&self) {
        if !self.inner.destroyed.replace(true) {
            self.inner.clear();
            // What the widget added goes: its container, its stylesheet (adopted or linked). The
            // host's own content, and stylesheets the root had, stay.
            self.inner.container.remove();
            if let Some(wait) = &self.inner.style_wait {
                wait.link.remove();
            }
            if let (Some(root), Some(sheet)) = (self.inner.host.shadow_root(), &self.inner.sheet) {
                platform::adopt(&root, sheet, false);
            }
            // A shadow root cannot be taken off again: in place, a bare `<slot>` keeps the host's
            // article shown as it was before the widget came.
            if let (true, Some(root)) = (self.inner.in_place, self.inner.host.shadow_root()) {
                let slot = self
                    .inner
                    .container
                    .owner_document()
                    .and_then(|d| d.create_element("slot").ok());
                if let Some(slot) = slot {
                    slot.set_class_name(BARE_SLOT);
                    let _ = root.append_child(&slot);
                }
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
        (Some(root), Some(sheet)) => platform::adopt(root, sheet, true),
        _ => false,
    };
    if let Some(root) = &shadow {
        if let Ok(Some(bare)) = root.query_selector(&format!("slot.{BARE_SLOT}")) {
            bare.remove();
        }
    }
    let parent: web_sys::Node = match shadow {
        Some(root) => root.into(),
        None => host.clone().into(),
    };
    let container = document.create_element("div").ok()?;
    container.set_class_name("aa-host");
    container.set_attribute("data-aa-ui", "").ok()?;
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

/// The class of the bare `<slot>` a destroyed in-place widget leaves in the host's shadow root; a
/// widget mounted there again takes it out.
const BARE_SLOT: &str = "aa-bare-slot";

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
    // Before the widget adds anything: what the host holds is its article.
    let source = Source::of(host, options.src.as_deref(), options.text.as_deref());
    let (container, style_wait, adopted) =
        render_root(host, options.css_url.as_deref(), options.sheet.as_ref())
            .ok_or("the widget could not be put into the page")?;
    let mounted = Rc::new(Mounted {
        host: host.clone(),
        container,
        style_wait,
        sheet: options.sheet.clone().filter(|_| adopted),
        app: RefCell::new(None),
        shown: RefCell::new(None),
        strings: for_lang(options.lang.as_deref()),
        #[cfg(feature = "sync")]
        sync: RefCell::new(None),
        destroyed: Cell::new(false),
        options,
        host_doc: RefCell::new(None),
        in_place: source == Source::InPlace,
    });
    let strings = mounted.strings;
    let options = &mounted.options;
    if source.is_immediate() && options.lexicon.is_none() {
        present(&mounted, &source, Rc::new(Recognizer::default()));
    } else {
        show_loading(&mounted, strings);
        let m = mounted.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut recognizer = Recognizer::default();
            if let Some(url) = m.options.lexicon.as_deref() {
                if let Err(message) = source::load_lexicon(url, &mut recognizer, strings).await {
                    fire_error(&m.host, "lexicon", &message);
                }
            }
            if let Source::Url(_) = source {
                let article = source.read(strings).await;
                if !m.destroyed.get() {
                    show(&m, article, Rc::new(recognizer), None);
                }
            } else if !m.destroyed.get() {
                present(&m, &source, Rc::new(recognizer));
            }
        });
    }
    Ok(Handle { inner: mounted })
}

/// Shows an article that needs no fetching: in place, the host's own; else the text or the seed.
fn present(m: &Rc<Mounted>, source: &Source, recognizer: Rc<Recognizer>) {
    match source {
        Source::InPlace => show_in_place(m, recognizer),
        other => show(m, other.read_now(m.strings), recognizer, None),
    }
}

/// Reads the host's own article and shows the widget around it, in place; read again (and the
/// notes placed again) whenever the page changes the article.
fn show_in_place(m: &Rc<Mounted>, recognizer: Rc<Recognizer>) {
    m.clear();
    // Read through a slot: an element not slotted is not rendered, and would read as hidden.
    m.keep_article_shown();
    let o = &m.options;
    let selectors = Selectors::new(o.blocks.as_deref(), o.skip.as_deref());
    let read = match o.in_place.as_ref() {
        Some(script) => HostDoc::open(
            script.unchecked_ref::<InPlace>(),
            &m.host,
            &selectors,
            m.sheet.as_ref(),
            o.css_url.as_deref(),
        ),
        None => Err(HostError::Read(
            "no article-annotator-element.js".to_owned(),
        )),
    };
    let read = read
        .map_err(|e| m.strings.host_error(Some(&e), &selectors.blocks))
        .and_then(|doc| {
            let article = doc.article.article(doc.date.as_deref());
            let article = article.map_err(|e| match e {
                ArticleError::Empty | ArticleError::NoParagraphs => {
                    m.strings.host_error(None, &selectors.blocks)
                }
                e => m.strings.article_error(&e),
            });
            Ok((doc, article?))
        });
    match read {
        Ok((doc, article)) => {
            let doc = Rc::new(doc);
            let (weak, again) = (Rc::downgrade(m), recognizer.clone());
            doc.watch(move || {
                // After the watcher's own callback has returned: reading again replaces it.
                let (weak, again) = (weak.clone(), again.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(m) = weak.upgrade().filter(|m| !m.destroyed.get()) {
                        show_in_place(&m, again);
                    }
                });
            });
            show(m, Ok((article, None)), recognizer, Some(doc));
        }
        Err(message) => m.show_error("article", &message),
    }
}

fn show_loading(m: &Mounted, s: &'static Strings) {
    m.clear();
    let loading = Status::Loading { message: s.loading };
    // A loading line that cannot be drawn leaves the container empty until the article comes.
    let _ = show_status(&m.container, &loading);
    m.keep_article_shown();
}

/// Shows `article` (or why it cannot be shown); in place, `doc` is the host's article it was read
/// from, which the widget paints in.
fn show(
    m: &Mounted,
    article: Result<(Article, Option<String>), (String, String)>,
    recognizer: Rc<Recognizer>,
    doc: Option<Rc<HostDoc>>,
) {
    let options = &m.options;
    match doc {
        // In place the container holds only the slot the article was read through.
        Some(_) => m.container.set_text_content(None),
        None => m.clear(),
    }
    match article {
        Ok((article, source_url)) => {
            let article_id = options
                .article_id
                .clone()
                .unwrap_or_else(|| match &source_url {
                    Some(url) => format!("u-{:08x}", crate::core::text::fnv1a32(url.as_bytes())),
                    None => article.derived_id(),
                });
            let article = Rc::new(article);
            let derived = Rc::new(Derived::new(&article, recognizer));
            let loaded = storage::load(&article_id, clock::now());
            if let Some(problem) = &loaded.problem {
                fire_error(&m.host, "load", &m.strings.load_problem(problem));
                // The page's handler may have destroyed the widget: then nothing more is set up.
                if m.destroyed.get() {
                    return;
                }
            }
            let store = NotesStore::new(
                article,
                &article_id,
                source_url,
                &loaded.notes,
                loaded.problem,
            );
            let (on_change, on_error) = (m.host.clone(), m.host.clone());
            store.set_change_listener(Some(Rc::new(move |count| {
                let count = (count as f64).into();
                fire(&on_change, "change", &detail(&[("count", count)]));
            })));
            store.set_error_listener(Some(Rc::new(move |code, message| {
                fire_error(&on_error, code, message)
            })));
            if let Some(doc) = &doc {
                store.set_document(Some(crate::platform::in_place::in_place_reader(doc)));
            }
            *m.shown.borrow_mut() = Some((store.clone(), derived.clone()));
            *m.host_doc.borrow_mut() = doc.clone();
            if let Some(url) = &options.sync {
                #[cfg(feature = "sync")]
                {
                    *m.sync.borrow_mut() =
                        SyncLoop::start(&store, url, options.user.clone(), m.strings);
                }
                // The element script loads the sync bundle for a widget that syncs; this is a
                // bare mount of the other one.
                #[cfg(not(feature = "sync"))]
                {
                    let _ = url;
                    store.report_error("sync", m.strings.sync_unavailable);
                }
            }
            let props = AppProps {
                store,
                derived: DerivedRef(derived),
                lang: options.lang.clone().map(Into::into),
                host: doc.map(HostRef),
            };
            *m.app.borrow_mut() = Some(
                yew::Renderer::<App>::with_root_and_props(m.container.clone(), props).render(),
            );
            fire(&m.host, "ready", &JsValue::NULL);
        }
        Err((code, message)) => m.show_error(&code, &message),
    }
}

/// `importJson(text)`: merges a native or W3C export into the widget's notes as they are now
/// and returns the report `{added, updated, skipped, errors: [{index, id, reason}]}`, reasons in
/// the widget's language. Input that cannot be read changes nothing: the report then has one
/// error with the reason, and `article-annotator:error` is fired.
fn import_json(m: &Mounted, text: &str) -> JsValue {
    let s = m.strings;
    let store = m.shown.borrow().as_ref().map(|(store, _)| store.clone());
    let result = match store {
        Some(store) => store
            .import(text, clock::now())
            .map_err(|e| s.import_error(&e)),
        None => Err(s.no_article_yet.to_owned()),
    };
    match result {
        Ok(report) => report_js(&report, s),
        Err(message) => {
            fire_error(&m.host, "import", &message);
            let errors = js_sys::Array::of1(&detail(&[
                ("index", 0.into()),
                ("id", JsValue::NULL),
                ("reason", message.into()),
            ]));
            report_object(0, 0, 0, errors)
        }
    }
}

/// An import's report as the JS object `importJson()` returns.
fn report_js(report: &ImportReport, s: &Strings) -> JsValue {
    let errors: js_sys::Array = report
        .errors
        .iter()
        .map(|e| {
            detail(&[
                ("index", (e.index as f64).into()),
                ("id", e.id.as_deref().map_or(JsValue::NULL, Into::into)),
                ("reason", s.reject_reason(&e.reason).into()),
            ])
        })
        .collect();
    report_object(report.added, report.updated, report.skipped, errors)
}

fn report_object(added: usize, updated: usize, skipped: usize, errors: js_sys::Array) -> JsValue {
    detail(&[
        ("added", (added as f64).into()),
        ("updated", (updated as f64).into()),
        ("skipped", (skipped as f64).into()),
        ("errors", errors.into()),
    ])
}
