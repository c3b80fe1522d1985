//! Importing notes from a file, chosen with the picker or dropped on the widget: read by the
//! browser, merged by the store (the same path as the host page's `importJson()`), reported on
//! the status line in the reader's language.

use std::rc::Rc;

use yew::prelude::*;

use super::use_notes_store::Saver;
use crate::platform::clock;
use crate::ui::state::{ViewAction, ViewState};
use crate::ui::store::NotesStore;
use crate::ui::strings::Strings;

/// The import button, its hidden file field and the drop target's handlers.
#[derive(Clone)]
pub struct ImportControls {
    /// The hidden `<input type=file>` the button opens.
    pub file_input: NodeRef,
    pub on_import_click: Callback<MouseEvent>,
    pub on_file_chosen: Callback<Event>,
    pub on_dragover: Callback<DragEvent>,
    pub on_dragleave: Callback<DragEvent>,
    pub on_drop: Callback<DragEvent>,
}

/// Merges `text` into the store and says what happened.
fn import_text(
    store: &NotesStore,
    view: &UseReducerDispatcher<ViewState>,
    saver: &Saver,
    s: &'static Strings,
    text: &str,
) {
    let before = store.notes();
    let message = match store.import(text, clock::now()) {
        Ok(report) => {
            if !Rc::ptr_eq(&before, &store.notes()) {
                // The report is the message; the save after it keeps quiet.
                saver.keep_quiet();
            }
            s.import_summary(&report)
        }
        Err(e) => format!("{} {}", s.import_failed, s.import_error(&e)),
    };
    view.dispatch(ViewAction::Status { message });
}

/// Reads `file` (its text, as the browser decodes it) and imports it.
fn read_file(
    store: NotesStore,
    view: UseReducerDispatcher<ViewState>,
    saver: Rc<Saver>,
    s: &'static Strings,
    file: web_sys::File,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        match text.map(|t| t.as_string()) {
            Ok(Some(text)) => import_text(&store, &view, &saver, s, &text),
            // The browser could not read the file: say so; nothing changes.
            Ok(None) | Err(_) => view.dispatch(ViewAction::Status {
                message: format!("{} {}", s.import_failed, file.name()),
            }),
        }
    });
}

/// The import controls of the widget.
#[hook]
pub fn use_import(
    store: &NotesStore,
    view: UseReducerDispatcher<ViewState>,
    saver: Rc<Saver>,
    s: &'static Strings,
) -> ImportControls {
    // Made on every render: they go to the toolbar's own elements only, which render with the
    // App anyway (a memo would cost more code than it saves work).
    let file_input = use_node_ref();
    {
        let read = {
            let (store, view) = (store.clone(), view.clone());
            move |file| read_file(store.clone(), view.clone(), saver.clone(), s, file)
        };
        let on_import_click = {
            let file_input = file_input.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                    input.click();
                }
            })
        };
        let on_file_chosen = {
            let read = read.clone();
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    read(file);
                }
                // The same file can be chosen again.
                input.set_value("");
            })
        };
        let on_dragover = {
            let view = view.clone();
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                view.dispatch(ViewAction::Dragging { over: true });
            })
        };
        let on_dragleave = {
            let view = view.clone();
            Callback::from(move |_: DragEvent| view.dispatch(ViewAction::Dragging { over: false }))
        };
        let on_drop = Callback::from(move |e: DragEvent| {
            e.prevent_default();
            view.dispatch(ViewAction::Dragging { over: false });
            let files = e.data_transfer().and_then(|d| d.files());
            if let Some(file) = files.and_then(|f| f.get(0)) {
                read(file);
            }
        });
        ImportControls {
            file_input,
            on_import_click,
            on_file_chosen,
            on_dragover,
            on_dragleave,
            on_drop,
        }
    }
}
