//! The note editor: a labelled text area with save and cancel, keyboard first.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::strings::Lang;
use crate::core::notes::{NotesError, MAX_NOTE_CHARS};

#[derive(Properties, PartialEq)]
pub struct NoteEditorProps {
    /// The text to start from (empty for a new note).
    #[prop_or_default]
    pub initial: AttrValue,
    pub on_save: Callback<String>,
    pub on_cancel: Callback<()>,
    /// Called with the text as the reader types (to keep a draft).
    #[prop_or_default]
    pub on_input: Callback<String>,
}

/// Ctrl/Cmd+Enter saves, Escape cancels; the field takes focus when the editor opens.
#[function_component(NoteEditor)]
pub fn note_editor(props: &NoteEditorProps) -> Html {
    let s = use_context::<Lang>().unwrap_or_default().0;
    let field = use_node_ref();
    // The field is uncontrolled: its text is set once when the editor opens, so a re-render while
    // the reader types (another tab's change arriving) never resets what they wrote.
    {
        let (field, initial) = (field.clone(), props.initial.clone());
        use_effect_with((), move |_| {
            if let Some(el) = field.cast::<HtmlTextAreaElement>() {
                el.set_value(&initial);
                let _ = el.focus();
            }
        });
    }
    let error = use_state(|| None::<String>);
    // An empty note is refused here, with the editor kept open and the reason beside the field.
    let on_save = {
        let (on_save, error, field) = (props.on_save.clone(), error.clone(), field.clone());
        Callback::from(move |text: String| {
            let n = text.trim().chars().count();
            let refused = match n {
                0 => Some(NotesError::Empty),
                n if n > MAX_NOTE_CHARS => Some(NotesError::TooLong(n)),
                _ => None,
            };
            if let Some(why) = refused {
                error.set(Some(s.notes_error(&why)));
                if let Some(el) = field.cast::<HtmlTextAreaElement>() {
                    let _ = el.focus();
                }
            } else {
                on_save.emit(text);
            }
        })
    };
    let read = {
        let field = field.clone();
        move || field.cast::<HtmlTextAreaElement>().map(|el| el.value()).unwrap_or_default()
    };
    // A click, not a form submission: sandboxed iframes without `allow-forms` block submissions.
    let on_click_save = {
        let (read, on_save) = (read.clone(), on_save.clone());
        Callback::from(move |_: MouseEvent| on_save.emit(read()))
    };
    let on_keydown = {
        let (on_save, on_cancel) = (on_save.clone(), props.on_cancel.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_cancel.emit(());
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_save.emit(read());
            }
        })
    };
    let on_cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_| on_cancel.emit(()))
    };
    html! {
        <div class="aa-editor" role="group" aria-label={s.note_field_label}>
            <textarea
                ref={field}
                class="aa-editor__field"
                data-aa-field="note-text"
                aria-label={s.note_field_label}
                placeholder={s.note_placeholder}
                rows="3"
                onkeydown={on_keydown}
                oninput={props.on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
            />
            if let Some(message) = (*error).clone() {
                <p class="aa-editor__error" role="alert">{ message }</p>
            }
            <div class="aa-editor__actions">
                <button type="button" class="aa-button aa-button--primary" data-aa-action="save-note" onclick={on_click_save}>{ s.save }</button>
                <button type="button" class="aa-button" data-aa-action="cancel-note" onclick={on_cancel}>{ s.cancel }</button>
            </div>
        </div>
    }
}
