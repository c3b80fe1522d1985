//! The note editor: a labelled text area, tags and a colour, with save and cancel, keyboard first.

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::strings::Lang;
use crate::core::notes::{clean_tags, split_tags, NoteColor, NotesError, MAX_NOTE_CHARS};

/// What the editor hands over on save.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteDraft {
    pub text: String,
    pub tags: Vec<String>,
    pub color: Option<NoteColor>,
}

#[derive(Properties, PartialEq)]
pub struct NoteEditorProps {
    /// The interface language (its strings).
    pub lang: Lang,
    /// The text to start from (empty for a new note).
    #[prop_or_default]
    pub initial: AttrValue,
    #[prop_or_default]
    pub initial_tags: Vec<String>,
    #[prop_or_default]
    pub initial_color: Option<NoteColor>,
    pub on_save: Callback<NoteDraft>,
    pub on_cancel: Callback<()>,
    /// Called with the text as the reader types (to keep a draft).
    #[prop_or_default]
    pub on_input: Callback<String>,
}

/// The draft with its tags cleaned, or why it is refused (and whether the tags are at fault).
fn checked(draft: NoteDraft) -> Result<NoteDraft, (NotesError, bool)> {
    let n = draft.text.trim().chars().count();
    if n == 0 {
        return Err((NotesError::Empty, false));
    }
    if n > MAX_NOTE_CHARS {
        return Err((NotesError::TooLong(n), false));
    }
    let tags = clean_tags(&draft.tags).map_err(|why| (why, true))?;
    Ok(NoteDraft { tags, ..draft })
}

/// What the editor's fields hold now; `None` while its text field is not in the page (nothing is
/// saved then, rather than an empty text in place of what the reader typed).
fn read_draft(field: &NodeRef, tags: &NodeRef, color: &NodeRef) -> Option<NoteDraft> {
    let text = field.cast::<HtmlTextAreaElement>()?.value();
    Some(NoteDraft {
        text,
        tags: split_tags(&tags.cast::<HtmlInputElement>()?.value()),
        color: color
            .cast::<HtmlSelectElement>()
            .and_then(|el| NoteColor::parse(&el.value())),
    })
}

/// Ctrl/Cmd+Enter saves, Escape cancels; the field takes focus when the editor opens.
#[function_component(NoteEditor)]
pub fn note_editor(props: &NoteEditorProps) -> Html {
    let s = props.lang.0;
    let (field, tags_field, color_field) = (use_node_ref(), use_node_ref(), use_node_ref());
    // The fields are uncontrolled: their values are set once when the editor opens, so a re-render
    // while the reader types (another tab's change arriving) never resets what they wrote.
    {
        let (field, initial) = (field.clone(), props.initial.clone());
        let (tags_field, tags) = (tags_field.clone(), props.initial_tags.join(", "));
        let (color_field, color) = (
            color_field.clone(),
            props.initial_color.map_or("", NoteColor::as_str),
        );
        use_effect_with((), move |_| {
            if let Some(el) = tags_field.cast::<HtmlInputElement>() {
                el.set_value(&tags);
            }
            if let Some(el) = color_field.cast::<HtmlSelectElement>() {
                el.set_value(color);
            }
            if let Some(el) = field.cast::<HtmlTextAreaElement>() {
                el.set_value(&initial);
                let _ = el.focus();
            }
        });
    }
    let error = use_state(|| None::<String>);
    // A note refused here (empty, too long, bad tags) keeps the editor open, with the reason
    // beside the field it concerns.
    let on_save = {
        let (on_save, error, field, tags_field) = (
            props.on_save.clone(),
            error.clone(),
            field.clone(),
            tags_field.clone(),
        );
        Callback::from(move |draft: NoteDraft| match checked(draft) {
            Ok(draft) => on_save.emit(draft),
            Err((why, in_tags)) => {
                error.set(Some(s.notes_error(&why)));
                let field = if in_tags { &tags_field } else { &field };
                if let Some(el) = field.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let read = {
        let (field, tags_field, color_field) =
            (field.clone(), tags_field.clone(), color_field.clone());
        move || read_draft(&field, &tags_field, &color_field)
    };
    // A click, not a form submission: sandboxed iframes without `allow-forms` block submissions.
    let on_click_save = {
        let (read, on_save) = (read.clone(), on_save.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(draft) = read() {
                on_save.emit(draft);
            }
        })
    };
    let on_keydown = {
        let (on_save, on_cancel) = (on_save.clone(), props.on_cancel.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_cancel.emit(());
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                if let Some(draft) = read() {
                    on_save.emit(draft);
                }
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
                onkeydown={on_keydown.clone()}
                oninput={props.on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
            />
            <div class="aa-editor__row">
                <label class="aa-editor__label">
                    <span>{ s.tags_label }</span>
                    <input ref={tags_field} type="text" class="aa-editor__tags" data-aa-field="note-tags"
                        placeholder={s.tags_placeholder} onkeydown={on_keydown.clone()} />
                </label>
                <label class="aa-editor__label">
                    <span>{ s.color_label }</span>
                    <select ref={color_field} class="aa-editor__color" data-aa-field="note-color" onkeydown={on_keydown.clone()}>
                        <option value="">{ s.color_none }</option>
                        { for NoteColor::ALL.iter().map(|c| html! {
                            <option value={c.as_str()}>{ s.color_name(*c) }</option>
                        }) }
                    </select>
                </label>
            </div>
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
