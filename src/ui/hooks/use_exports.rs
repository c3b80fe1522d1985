//! The toolbar's exports: download the notes (native JSON or W3C) and copy them to the clipboard.
//! Each export is made from the store when asked for, so it holds every change made before.

use yew::prelude::*;

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
        }
    }
}
