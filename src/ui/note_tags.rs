//! A note's colour (named, not only shown) and its tags, as a list of chips.
//!
//! A render function rather than a component: it has no state of its own and its two callers are
//! components that render again only when their note changes, so a component of its own (props
//! type, lifecycle runner, drop glue: about 1 KB of wasm) bought nothing.

use yew::prelude::*;

use super::strings::Strings;
use crate::core::notes::Note;

/// A note's colour (named, not only shown) and its tags; nothing when it has neither.
pub fn note_tags(note: &Note, s: &Strings) -> Html {
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
