//! The toolbar's exports: download the notes (native JSON, W3C, or for people: Markdown, CSV,
//! HTML) and copy them to the clipboard. Each export is made from the store when asked for, so it
//! holds every change made before.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::people_export::{people_export, PeopleFormat};
use crate::core::view::Derived;
use crate::platform::{clipboard, clock, download};
use crate::ui::state::{ViewAction, ViewState};
use crate::ui::store::NotesStore;
use crate::ui::strings::Strings;

/// The export buttons' callbacks.
#[derive(Clone)]
pub struct Exports {
    pub on_export: Callback<MouseEvent>,
    pub on_export_w3c: Callback<MouseEvent>,
    pub on_copy: Callback<MouseEvent>,
    /// Markdown, CSV and HTML, in that order.
    pub on_export_people: [Callback<MouseEvent>; 3],
}

/// The exports for people, in the toolbar's order.
pub const PEOPLE_FORMATS: [PeopleFormat; 3] = [
    PeopleFormat::Markdown,
    PeopleFormat::Csv,
    PeopleFormat::Html,
];

/// The notes as they are now as a document for people, in the interface's language, naming the
/// officials and bodies each quote mentions (`exportMarkdown()`, `exportCsv()`, `exportHtml()`
/// and the toolbar's buttons).
pub fn people_text(
    store: &NotesStore,
    derived: &Derived,
    format: PeopleFormat,
    s: &Strings,
) -> String {
    people_export(
        format,
        &store.export(clock::now()),
        Some(store.article()),
        &derived.recognizer,
        s.tag,
    )
}

fn people_cb(
    store: &NotesStore,
    derived: &Rc<Derived>,
    view: &UseReducerDispatcher<ViewState>,
    s: &'static Strings,
    format: PeopleFormat,
) -> Callback<MouseEvent> {
    let name = format!("ghi-chu-{}.{}", store.article_id(), format.extension());
    let (store, derived, view) = (store.clone(), derived.clone(), view.clone());
    Callback::from(move |_: MouseEvent| {
        let text = people_text(&store, &derived, format, s);
        let done = download::download(&name, format.mime(), &text).is_ok();
        view.dispatch(ViewAction::Status {
            message: if done { s.exported } else { s.download_failed }.to_owned(),
        });
    })
}

/// Which export a button makes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Native,
    W3c,
}

fn download_cb(
    store: &NotesStore,
    view: &UseReducerDispatcher<ViewState>,
    s: &'static Strings,
    kind: Kind,
) -> Callback<MouseEvent> {
    let suffix = if kind == Kind::W3c {
        "w3c.jsonld"
    } else {
        "json"
    };
    let name = format!("ghi-chu-{}.{suffix}", store.article_id());
    let (store, view) = (store.clone(), view.clone());
    Callback::from(move |_: MouseEvent| {
        let text = match kind {
            Kind::Native => store.export_json(clock::now()),
            Kind::W3c => store.export_w3c(clock::now()),
        };
        let done = text
            .ok()
            .and_then(|text| download::download(&name, "application/json", &text).ok());
        let message = if done.is_some() {
            s.exported
        } else {
            s.download_failed
        };
        view.dispatch(ViewAction::Status {
            message: message.to_owned(),
        });
    })
}

/// The export callbacks.
#[hook]
pub fn use_exports(
    store: &NotesStore,
    derived: &Rc<Derived>,
    view: UseReducerDispatcher<ViewState>,
    s: &'static Strings,
) -> Exports {
    // Made on every render: they go to the toolbar's own buttons only, which render with the App
    // anyway (a memo would cost more code than it saves work).
    {
        let on_copy = {
            let (store, view) = (store.clone(), view.clone());
            Callback::from(move |_: MouseEvent| {
                let (json, view) = (store.export_json(clock::now()), view.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let promise = json.ok().and_then(|json| clipboard::write_text(&json));
                    let ok = match promise {
                        Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                        None => false,
                    };
                    view.dispatch(ViewAction::Status {
                        message: if ok { s.copied } else { s.copy_failed }.to_owned(),
                    });
                });
            })
        };
        Exports {
            on_export: download_cb(store, &view, s, Kind::Native),
            on_export_w3c: download_cb(store, &view, s, Kind::W3c),
            on_copy,
            on_export_people: PEOPLE_FORMATS.map(|f| people_cb(store, derived, &view, s, f)),
        }
    }
}
