//! One note under its paragraph: its text, tags and colour, when it was written, edit and delete,
//! and a way to its entry in the notes list.

use std::rc::Rc;

use yew::prelude::*;

use super::note_tags::note_tags;
use super::strings::Lang;
use crate::core::notes::Note;

#[derive(Properties, PartialEq)]
pub struct NoteItemProps {
    pub note: Rc<Note>,
    pub on_edit: Callback<()>,
    pub on_delete: Callback<()>,
    #[prop_or_default]
    pub on_show_in_list: Callback<()>,
}

#[function_component(NoteItem)]
pub fn note_item(props: &NoteItemProps) -> Html {
    let s = use_context::<Lang>().unwrap_or_default().0;
    let note = &props.note;
    let on_edit = props.on_edit.reform(|_: MouseEvent| ());
    let on_delete = props.on_delete.reform(|_: MouseEvent| ());
    let on_show_in_list = props.on_show_in_list.reform(|_: MouseEvent| ());
    let when = note.modified.iso();
    let shown = s.time(note.modified);
    let color = note.color.map(|c| c.as_str());
    html! {
        <li class="aa-note" data-aa-note-id={note.id.to_string()} data-aa-color={color} tabindex="-1">
            if note.target.passage {
                <blockquote class="aa-note__quote">{ note.target.quote.exact.chars().take(200).collect::<String>() }</blockquote>
            }
            <p class="aa-note__text">{ note.text.clone() }</p>
            { note_tags(note, s) }
            <div class="aa-note__meta">
                <time class="aa-note__time" datetime={when}>{ shown }</time>
                <button type="button" class="aa-button aa-button--small" data-aa-action="edit-note" onclick={on_edit}>{ s.edit }</button>
                <button type="button" class="aa-button aa-button--small aa-button--danger" data-aa-action="delete-note" onclick={on_delete}>{ s.delete }</button>
                <button type="button" class="aa-button aa-button--small aa-button--quiet" data-aa-action="back-to-list" onclick={on_show_in_list}>{ s.back_to_list }</button>
            </div>
        </li>
    }
}
