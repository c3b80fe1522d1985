//! One note under its paragraph: its text, tags and colour, when it was written, edit and delete,
//! and a way to its entry in the notes list. A render function, not a component: its callbacks
//! are made anew at each render of the paragraph, so a component's props would never compare
//! equal and it would only add a props type and a lifecycle to the wasm (0.6 KB gzip).

use std::rc::Rc;

use yew::prelude::*;

use super::note_tags::note_tags;
use super::strings::Strings;
use crate::core::notes::Note;

/// What [`note_item`] shows and what its buttons call.
#[derive(Properties, PartialEq)]
pub struct NoteItemProps {
    pub note: Rc<Note>,
    pub on_edit: Callback<()>,
    pub on_delete: Callback<()>,
    #[prop_or_default]
    pub on_show_in_list: Callback<()>,
    /// Another reader's note (a shared sync database): their name is shown, and the note cannot
    /// be edited or deleted here.
    #[prop_or_default]
    pub author: Option<AttrValue>,
}

/// The note's `<li>`, keyed by the note's id.
pub fn note_item(props: &NoteItemProps, s: &Strings) -> Html {
    let note = &props.note;
    let on_edit = props.on_edit.reform(|_: MouseEvent| ());
    let on_delete = props.on_delete.reform(|_: MouseEvent| ());
    let on_show_in_list = props.on_show_in_list.reform(|_: MouseEvent| ());
    let when = note.modified.iso();
    let shown = s.time(note.modified);
    let color = note.color.map(|c| c.as_str());
    html! {
        <li key={note.id.to_string()} class="aa-note" data-aa-note-id={note.id.to_string()} data-aa-color={color} tabindex="-1">
            if note.target.passage {
                <blockquote class="aa-note__quote">{ note.target.quote.exact.chars().take(200).collect::<String>() }</blockquote>
            }
            <p class="aa-note__text">{ note.text.clone() }</p>
            { note_tags(note, s) }
            <div class="aa-note__meta">
                if let Some(author) = &props.author {
                    <span class="aa-note__author" data-aa-author="">{ s.note_by }{ " " }{ author.clone() }</span>
                }
                <time class="aa-note__time" datetime={when}>{ shown }</time>
                if props.author.is_none() {
                    <button type="button" class="aa-button aa-button--small" data-aa-action="edit-note" onclick={on_edit}>{ s.edit }</button>
                    <button type="button" class="aa-button aa-button--small aa-button--danger" data-aa-action="delete-note" onclick={on_delete}>{ s.delete }</button>
                }
                <button type="button" class="aa-button aa-button--small aa-button--quiet" data-aa-action="back-to-list" onclick={on_show_in_list}>{ s.back_to_list }</button>
            </div>
        </li>
    }
}
