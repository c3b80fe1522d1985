//! One entry of the notes list: the passage (or the paragraph's opening words), the note, its
//! tags and time, and "go to passage".
//!
//! Its own component so that a change to one note renders one entry: props compare by pointer
//! (an unchanged note is the same shared `Rc`), not by formatting 100 dates again.

use std::rc::Rc;

use yew::prelude::*;

use super::note_tags::note_tags;
use super::strings::Lang;
use crate::core::notes::{Note, NoteId};

#[derive(Properties, PartialEq)]
pub struct NotesListEntryProps {
    /// The interface language (its strings).
    pub lang: Lang,
    pub note: Rc<Note>,
    /// For a note on a whole paragraph, the paragraph's opening words; without them the entry
    /// shows the note's quote.
    #[prop_or_default]
    pub head: Option<AttrValue>,
    pub on_jump: Callback<NoteId>,
}

/// The id of a note's entry in the list, which focus moves to.
pub fn entry_id(id: NoteId) -> String {
    format!("aa-list-{id}")
}

#[function_component(NotesListEntry)]
pub fn notes_list_entry(props: &NotesListEntryProps) -> Html {
    let s = props.lang.0;
    let note = &props.note;
    let id = note.id;
    let on_jump = props.on_jump.reform(move |_: MouseEvent| id);
    let excerpt: String = match &props.head {
        None => note.target.quote.exact.chars().take(140).collect(),
        Some(head) => format!("{}: {}", s.whole_paragraph, head),
    };
    let text: String = note.text.chars().take(300).collect();
    html! {
        <li id={entry_id(id)} class="aa-list__item" data-aa-list-note={id.to_string()}
            data-aa-color={note.color.map(|c| c.as_str())} tabindex="-1">
            <blockquote class="aa-list__quote">{ excerpt }</blockquote>
            <p class="aa-list__text">{ text }</p>
            { note_tags(note, s) }
            <div class="aa-note__meta">
                <time class="aa-note__time" datetime={note.modified.iso()}>{ s.time(note.modified) }</time>
                <button type="button" class="aa-button aa-button--small" data-aa-action="jump-to-note" onclick={on_jump}>
                    { s.go_to_passage }
                </button>
            </div>
        </li>
    }
}
