//! A note's colour (named, not only shown) and its tags, as a list of chips.

use std::rc::Rc;

use yew::prelude::*;

use super::strings::Lang;
use crate::core::notes::Note;

#[derive(Properties, PartialEq)]
pub struct NoteTagsProps {
    pub note: Rc<Note>,
}

/// A note's colour (named, not only shown) and its tags.
#[function_component(NoteTags)]
pub fn note_tags(props: &NoteTagsProps) -> Html {
    let s = use_context::<Lang>().unwrap_or_default().0;
    let note = &props.note;
    if note.tags.is_empty() && note.color.is_none() {
        return html! {};
    }
    html! {
        <ul class="aa-tags">
            if let Some(c) = note.color {
                <li class="aa-tag aa-tag--color" data-aa-color={c.as_str()}>{ s.color_name(c) }</li>
            }
            { for note.tags.iter().map(|t| html! { <li class="aa-tag" data-aa-tag={t.clone()}>{ t.clone() }</li> }) }
        </ul>
    }
}
