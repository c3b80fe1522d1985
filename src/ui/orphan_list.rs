//! The orphans: notes whose passage is no longer in the article, kept and listed apart, each
//! re-attachable to a paragraph the reader chooses or to the passage they have selected, or
//! deletable.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::strings::Strings;
use crate::core::article::Article;
use crate::core::notes::{Note, NoteId};

#[derive(Properties, PartialEq)]
pub struct OrphanListProps {
    pub orphans: Vec<Note>,
    pub article: Rc<Article>,
    /// (note, paragraph id)
    pub on_reattach: Callback<(NoteId, String)>,
    pub on_delete: Callback<NoteId>,
    /// Whether a passage is selected in the article: each orphan can then be attached to it.
    #[prop_or_default]
    pub has_selection: bool,
    #[prop_or_default]
    pub on_attach_selection: Callback<NoteId>,
}

/// A paragraph's label in the chooser: its number and first words.
fn label(i: usize, text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    format!("{}. {}…", i + 1, words.join(" "))
}

/// The orphans' section; nothing when there are none. A render function rather than a component
/// (the App renders it once, with its orphans collected anew each time).
pub fn orphan_list(props: &OrphanListProps, s: &Strings) -> Html {
    if props.orphans.is_empty() {
        return html! {};
    }
    let items: Html = props
        .orphans
        .iter()
        .map(|note| {
            let id = note.id;
            let select = NodeRef::default();
            let on_reattach = {
                let (select, cb) = (select.clone(), props.on_reattach.clone());
                Callback::from(move |_: MouseEvent| {
                    if let Some(el) = select.cast::<HtmlSelectElement>() {
                        cb.emit((id, el.value()));
                    }
                })
            };
            let on_delete = props.on_delete.reform(move |_: MouseEvent| id);
            let on_attach_selection = props.on_attach_selection.reform(move |_: MouseEvent| id);
            let quote: String = note.target.quote.exact.chars().take(160).collect();
            html! {
                <li key={id.to_string()} class="aa-note aa-note--orphan" data-aa-note-id={id.to_string()} data-aa-orphan="true">
                    <p class="aa-note__text">{ note.text.clone() }</p>
                    <p class="aa-orphan__quote">{ s.orphan_quote }{ " “" }{ quote }{ "”" }</p>
                    <div class="aa-note__meta">
                        <select ref={select} class="aa-orphan__choice" aria-label={s.reattach_label}>
                            { for props.article.paragraphs.iter().enumerate().map(|(i, p)| html! {
                                <option value={p.id.clone()}>{ label(i, &p.text) }</option>
                            }) }
                        </select>
                        <button type="button" class="aa-button aa-button--small" data-aa-action="reattach-note" onclick={on_reattach}>{ s.reattach }</button>
                        if props.has_selection {
                            <button type="button" class="aa-button aa-button--small" data-aa-action="attach-to-selection" onclick={on_attach_selection}>
                                { s.attach_to_selection }
                            </button>
                        }
                        <button type="button" class="aa-button aa-button--small aa-button--danger" data-aa-action="delete-note" onclick={on_delete}>{ s.delete }</button>
                    </div>
                </li>
            }
        })
        .collect();
    html! {
        <section class="aa-orphans" aria-labelledby="aa-orphans-title">
            <h2 class="aa-orphans__title" id="aa-orphans-title">{ s.orphans_title }</h2>
            <p class="aa-orphans__help">{ s.orphans_help }</p>
            <ul class="aa-notes">{ items }</ul>
        </section>
    }
}
