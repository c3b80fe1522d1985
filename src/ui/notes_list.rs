//! The notes list: every note placed in the article, in article order, searched and filtered by
//! text, tag and entity, each with a way to its passage (the orphans have their own section, in
//! the article column, where they stay in sight). A sidebar where the widget is wide, a sheet
//! opened from a button where it is narrow (CSS container queries).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::notes_list_entry::NotesListEntry;
use super::state::{ListAction, ListState};
use super::strings::{Lang, Strings};
use crate::core::filter::{all_tags, in_article_order};
use crate::core::notes::{NoteId, Notes};
use crate::core::recognize::Entity;

pub use crate::core::view::EntitySpans;

#[derive(Properties, PartialEq)]
pub struct NotesListProps {
    /// The interface language (its strings).
    pub lang: Lang,
    /// All notes (orphans are left out of the list).
    pub notes: Rc<Notes>,
    pub entities: Rc<Vec<Entity>>,
    pub entity_spans: Rc<EntitySpans>,
    /// The first words of each paragraph, by id, to name a note on a whole paragraph.
    pub paragraph_heads: Rc<Vec<(String, String)>>,
    /// Whether the sheet is open (narrow layouts; the sidebar is always shown on wide ones).
    pub open: bool,
    pub on_toggle: Callback<()>,
    pub on_jump: Callback<NoteId>,
}

/// How many entries the list shows at first, and how many more each "show more" adds: thousands
/// of entries would cost every change a long render, and no reader scrolls through them.
pub const PAGE: usize = 100;

pub use super::notes_list_entry::entry_id;

#[function_component(NotesList)]
pub fn notes_list(props: &NotesListProps) -> Html {
    let s = props.lang.0;
    let list = use_reducer(|| ListState::new(PAGE));
    let on_more = {
        let list = list.dispatcher();
        Callback::from(move |_: MouseEvent| list.dispatch(ListAction::More { page: PAGE }))
    };
    let (filter, limit) = (&list.filter, list.limit);
    // The opening words of each paragraph, by id, for entries on a whole paragraph.
    let heads = use_memo(props.paragraph_heads.clone(), |heads| {
        heads
            .iter()
            .map(|(id, head)| (id.clone(), AttrValue::from(head.clone())))
            .collect::<rustc_hash::FxHashMap<String, AttrValue>>()
    });
    let notes = &props.notes.notes;
    let placed = notes.iter().filter(|n| !n.orphan).count();
    let (shown, matching) = in_article_order(notes, filter, limit);
    let tags = all_tags(notes);
    let items: Html = shown
        .iter()
        .map(|&note| {
            // A paragraph the article no longer has (never for a placed note) leaves the entry
            // showing the note's own quote, which for a whole paragraph is its text.
            let head = (!note.target.passage)
                .then(|| heads.get(note.target.paragraph.as_str()).cloned())
                .flatten();
            html! { <NotesListEntry lang={props.lang} key={note.id.to_string()} note={note.clone()} {head} on_jump={props.on_jump.clone()} /> }
        })
        .collect();
    let on_close = props.on_toggle.reform(|_: MouseEvent| ());
    // Escape closes the sheet, as it closes the editor.
    let on_keydown = {
        let (on_toggle, open) = (props.on_toggle.clone(), props.open);
        Callback::from(move |e: KeyboardEvent| {
            if open && e.key() == "Escape" {
                e.prevent_default();
                on_toggle.emit(());
            }
        })
    };
    html! {
        <>
        <aside id="aa-notes-list" Class={if props.open { "aa-list aa-list--open" } else { "aa-list" }} aria-labelledby="aa-list-title" onkeydown={on_keydown}>
            <div class="aa-list__head">
                <h2 class="aa-list__title" id="aa-list-title">{ s.notes_list_title }</h2>
                <button type="button" class="aa-button aa-button--small aa-list__close" data-aa-action="close-notes"
                    onclick={on_close}>{ s.close }</button>
            </div>
            // Filters over no notes would filter nothing: an empty list has its message only.
            if placed > 0 || !filter.is_empty() {
                { filters(s, props, &list, &tags) }
            }
            <p class="aa-list__count" aria-live="polite">
                if placed == 0 {
                    { s.notes_empty }
                } else if matching == 0 {
                    { s.no_match }
                } else {
                    { (s.shown_of)(matching, placed) }
                }
            </p>
            <ol class="aa-list__items">{ items }</ol>
            if matching > limit {
                <button type="button" class="aa-button aa-list__more" data-aa-action="more-notes" onclick={on_more}>
                    { (s.show_more)(PAGE.min(matching - limit)) }
                </button>
            }
        </aside>
        </>
    }
}

/// The search field, the tag and entity filters, and the button that clears them.
fn filters(
    s: &'static Strings,
    props: &NotesListProps,
    list: &UseReducerHandle<ListState>,
    tags: &[String],
) -> Html {
    let on_query = {
        let list = list.dispatcher();
        Callback::from(move |e: InputEvent| {
            let query = e.target_unchecked_into::<HtmlInputElement>().value();
            list.dispatch(ListAction::Query { query });
        })
    };
    let on_tag = {
        let list = list.dispatcher();
        Callback::from(move |e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            list.dispatch(ListAction::Tag {
                tag: (!tag.is_empty()).then_some(tag),
            });
        })
    };
    let on_entity = {
        let (list, spans) = (list.dispatcher(), props.entity_spans.clone());
        Callback::from(move |e: Event| {
            let chosen = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse::<usize>()
                .ok();
            let spans = chosen.map(|k| {
                spans
                    .iter()
                    .filter(|s| s.0 == k)
                    .map(|(_, p, a, b)| (p.clone(), *a, *b))
                    .collect()
            });
            list.dispatch(ListAction::Entity { chosen, spans });
        })
    };
    let on_clear = {
        let list = list.dispatcher();
        Callback::from(move |_: MouseEvent| list.dispatch(ListAction::Clear))
    };
    let (filter, chosen_entity) = (&list.filter, list.chosen_entity);
    html! {
        <div class="aa-list__filters" role="search">
            <label class="aa-list__field">
                <span>{ s.search_label }</span>
                <input type="search" data-aa-field="notes-search" placeholder={s.search_placeholder}
                    value={filter.query.clone()} oninput={on_query} />
            </label>
            <label class="aa-list__field">
                <span>{ s.tag_filter_label }</span>
                <select data-aa-field="notes-tag" onchange={on_tag}>
                    <option value="" selected={filter.tag.is_none()}>{ s.any_tag }</option>
                    { for tags.iter().map(|t| html! {
                        <option value={t.clone()} selected={filter.tag.as_deref() == Some(t.as_str())}>{ t.clone() }</option>
                    }) }
                </select>
            </label>
            <label class="aa-list__field">
                <span>{ s.entity_filter_label }</span>
                <select data-aa-field="notes-entity" onchange={on_entity}>
                    <option value="" selected={chosen_entity.is_none()}>{ s.any_entity }</option>
                    { for props.entities.iter().enumerate().filter(|(_, e)| e.kind != crate::core::recognize::EntityKind::Title).map(|(k, e)| html! {
                        <option value={k.to_string()} selected={chosen_entity == Some(k)}>{ format!("{} ({})", e.name, s.kind_label(entity_attr(e))) }</option>
                    }) }
                </select>
            </label>
            if !filter.is_empty() {
                <button type="button" class="aa-button aa-button--small" data-aa-action="clear-filters" onclick={on_clear}>{ s.clear_filters }</button>
            }
        </div>
    }
}

/// The `data-aa-entity` kind of an entity, for its label.
fn entity_attr(e: &Entity) -> &'static str {
    match e.kind {
        crate::core::recognize::EntityKind::Official => "official",
        crate::core::recognize::EntityKind::Title => "title",
        crate::core::recognize::EntityKind::Body => "body",
    }
}
