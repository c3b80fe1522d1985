//! The widget's root: composition only. The notes live in the [`NotesStore`] the host page's
//! handle shares; each concern is a hook of [`super::hooks`]; this file puts their results into
//! the page.

use std::rc::Rc;

use yew::prelude::*;

use super::article_body::ArticleBody;
use super::entity_panel::{entity_panel, EntityPanelProps};
use super::hooks::{
    use_entity_nav, use_exports, use_focus, use_import, use_note_actions, use_notes_store,
    use_reveal, EntityNav, Exports, ImportControls, NoteActions, Reveal,
};
use super::notes_list::NotesList;
use super::orphan_list::{orphan_list, OrphanListProps};
use super::paragraph_view::highlighted;
use super::state::{ViewAction, ViewState};
use super::store::NotesStore;
use super::sync_status::{sync_line, use_sync_status};
use super::strings::{for_lang, Lang, Strings};
use crate::core::view::Derived;

/// What the App derives from its article, made once per article by the embedding code; compared
/// by identity.
#[derive(Clone, Debug)]
pub struct DerivedRef(pub Rc<Derived>);

impl PartialEq for DerivedRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The notes (and the article they belong to), shared with the host page's handle.
    pub store: NotesStore,
    pub derived: DerivedRef,
    /// Interface language (`vi` default, `en`).
    #[prop_or_default]
    pub lang: Option<AttrValue>,
}

/// The root's classes as one string (`classes!` would build a set of strings to join).
fn root_class(view: &ViewState, lazy: bool) -> String {
    let mut class = String::from("aa-root");
    for kind in &view.hidden {
        class.push_str(" aa-root--hide-");
        class.push_str(kind);
    }
    if view.dragging {
        class.push_str(" aa-root--dropping");
    }
    if lazy {
        class.push_str(" aa-root--long");
    }
    class
}

/// The toolbar: exports, import, the count of notes.
fn toolbar(s: &'static Strings, exports: Exports, import: ImportControls, count: usize) -> Html {
    let Exports {
        on_export,
        on_export_w3c,
        on_copy,
        on_export_people: [on_markdown, on_csv, on_html],
    } = exports;
    html! {
        <div class="aa-toolbar">
            <button type="button" class="aa-button" data-aa-action="export-json" onclick={on_export}>{ s.export_json }</button>
            <button type="button" class="aa-button" data-aa-action="export-w3c" onclick={on_export_w3c}>{ s.export_w3c }</button>
            <button type="button" class="aa-button" data-aa-action="export-markdown" onclick={on_markdown}>{ s.export_markdown }</button>
            <button type="button" class="aa-button" data-aa-action="export-csv" onclick={on_csv}>{ s.export_csv }</button>
            <button type="button" class="aa-button" data-aa-action="export-html" onclick={on_html}>{ s.export_html }</button>
            <button type="button" class="aa-button" data-aa-action="copy-json" onclick={on_copy}>{ s.copy_json }</button>
            <button type="button" class="aa-button" data-aa-action="import" onclick={import.on_import_click}>{ s.import }</button>
            <input ref={import.file_input} type="file" class="aa-file" accept=".json,.jsonld,application/json,application/ld+json"
                data-aa-field="import-file" tabindex="-1" aria-hidden="true" onchange={import.on_file_chosen} />
            <span class="aa-count">{ (s.notes_count)(count) }</span>
        </div>
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let s = for_lang(props.lang.as_deref());
    let store = &props.store;
    let article = store.article().clone();
    let derived = props.derived.0.clone();
    // The view's own state (status line, undo offer, list sheet, focus, entity panel): one
    // reducer, `ViewState`, changed by named actions. A problem found at load is its first word.
    let view = use_reducer(|| ViewState {
        status: store.take_load_problem().map(|p| s.load_problem(&p)),
        ..ViewState::default()
    });
    let (notes, saver) = use_notes_store(store, view.dispatcher(), s);
    let sync = use_sync_status(store);
    let root = use_node_ref();
    let Reveal { lazy, revealed } = use_reveal(&article, &root);
    let NoteActions {
        on_add,
        on_edit,
        on_delete,
        on_undo,
        on_reattach,
        on_attach_selection,
        on_selection,
        on_jump,
        on_show_in_list,
    } = use_note_actions(store, &view, revealed.dispatcher(), saver.clone(), s);
    let import = use_import(store, view.dispatcher(), saver, s);
    let exports = use_exports(store, &derived, view.dispatcher(), s);
    let EntityNav {
        mention_count,
        on_select,
        on_step,
        on_toggle_kind,
    } = use_entity_nav(&derived, &view, revealed.dispatcher(), &root);
    use_focus(&root, view.focus.clone(), view.dispatcher());
    // Opening the sheet moves focus into it (its search field; its close button when it has no
    // notes, and so no filters); closing it brings focus back to its button.
    let has_placed = notes.notes.iter().any(|n| !n.orphan);
    let on_toggle_list = {
        let view = view.dispatcher();
        Callback::from(move |()| {
            view.dispatch(ViewAction::ToggleList {
                has_notes: has_placed,
            })
        })
    };
    let entities = derived.entities.clone();
    let title_mentions = derived
        .recognition
        .mentions
        .first()
        .cloned()
        .unwrap_or_default();
    let (on_dragover, on_dragleave, on_drop) = (
        import.on_dragover.clone(),
        import.on_dragleave.clone(),
        import.on_drop.clone(),
    );
    html! {
        <div class={root_class(&view, lazy)} lang={s.tag} ref={root}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop} data-aa-drop-hint={s.drop_here}>
            <header class="aa-header">
                <h1 class="aa-title">{ highlighted(&article.title, &title_mentions, &entities, view.chosen.as_deref(), &[], s) }</h1>
                if let Some(date) = &article.date {
                    <p class="aa-date"><time datetime={date.iso()}>{ date.raw.clone() }</time></p>
                }
                { toolbar(s, exports, import, notes.len()) }
                { sync_line(sync, s) }
                <p class="aa-status" role="status" aria-live="polite">
                    { view.status.clone().unwrap_or_default() }
                    if view.undo.is_some() {
                        { " " }<button type="button" class="aa-button aa-button--small" data-aa-action="undo-delete" onclick={on_undo}>{ s.undo }</button>
                    }
                </p>
            </header>
            <div class="aa-layout">
                <div class="aa-main">
                    { entity_panel(&EntityPanelProps {
                        entities: entities.clone(),
                        selected: view.chosen.clone(),
                        position: (view.position, mention_count),
                        hidden: view.hidden.clone(),
                        on_select,
                        on_step,
                        on_toggle_kind,
                    }, s) }
                    <ArticleBody lang={Lang(s)} article={article.clone()} article_id={AttrValue::Rc(store.article_id().clone())}
                        ids={derived.ids.clone()} texts={derived.texts.clone()} starts={derived.starts.clone()}
                        mentions={derived.mentions.clone()} entities={entities.clone()} selected={view.chosen.clone()} {lazy}
                        revealed={revealed.clone()} store={store.paragraphs().clone()}
                        {on_add} {on_edit} on_delete={on_delete.clone()} {on_selection} {on_show_in_list} />
                    if let Some(byline) = &article.byline {
                        <footer class="aa-byline">{ byline.clone() }</footer>
                    }
                    { orphan_list(&OrphanListProps {
                        orphans: notes.orphans().cloned().collect(),
                        article: article.clone(),
                        on_reattach,
                        on_delete,
                        has_selection: view.selection.is_some(),
                        on_attach_selection,
                    }, s) }
                </div>
                <NotesList lang={Lang(s)} notes={notes.clone()} {entities} entity_spans={derived.entity_spans.clone()}
                    paragraph_heads={derived.paragraph_heads.clone()} open={view.list_open} on_toggle={on_toggle_list} {on_jump} />
            </div>
        </div>
    }
}
