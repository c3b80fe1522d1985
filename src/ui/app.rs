//! The widget's root: composition only. The notes live in the [`NotesStore`] the host page's
//! handle shares; each concern is a hook of [`super::hooks`]; this file puts their results into
//! the page.

use std::rc::Rc;

use yew::prelude::*;

use super::article_body::ArticleBody;
use super::entity_panel::{entity_panel, EntityPanelProps};
use super::hooks::{
    use_entity_nav, use_exports, use_focus, use_import, use_in_place, use_note_actions,
    use_notes_store, use_reveal, EntityNav, Exports, ImportControls, NoteActions, Reveal,
};
use super::in_place_blocks::{in_place_blocks, HostRef, InPlaceBlocksProps};
use super::notes_list::NotesList;
use super::orphan_list::{orphan_list, OrphanListProps};
use super::paragraph_view::highlighted;
use super::state::{ViewAction, ViewState};
use super::store::NotesStore;
use super::strings::{for_lang, Lang, Strings};
#[cfg(feature = "sync")]
use super::sync_status::{sync_line, use_sync_status};
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
    /// In place: the host's own article, which the App shows through a `<slot>` and paints in.
    #[prop_or_default]
    pub host: Option<HostRef>,
}

/// The root's classes as one string (`classes!` would build a set of strings to join).
fn root_class(view: &ViewState, lazy: bool, in_place: bool) -> String {
    let mut class = String::from(if in_place {
        "aa-root aa-root--in-place"
    } else {
        "aa-root"
    });
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
    if view.tools_open {
        class.push_str(" aa-root--tools-open");
    }
    class
}

/// What the toolbar's two toggles show and do: the notes list (a sheet on narrow widgets) and,
/// where they fold, the tools and the entity panel.
struct Toggles {
    list_open: bool,
    tools_open: bool,
    on_toggle_list: Callback<MouseEvent>,
    on_toggle_tools: Callback<MouseEvent>,
}

/// The toolbar: exports, import, the count of notes, and the toggles.
fn toolbar(
    s: &'static Strings,
    exports: Exports,
    import: ImportControls,
    count: usize,
    toggles: Toggles,
) -> Html {
    let Exports {
        on_export,
        on_export_w3c,
        on_copy,
        on_export_people: [on_markdown, on_csv, on_html],
    } = exports;
    let expanded = |open: bool| if open { "true" } else { "false" };
    let list_label = if toggles.list_open {
        s.hide_notes
    } else {
        s.show_notes
    };
    html! {
        <div class="aa-toolbar">
            <button type="button" class="aa-button aa-tools-toggle" data-aa-action="toggle-tools" aria-controls="aa-tools"
                aria-expanded={expanded(toggles.tools_open)} onclick={toggles.on_toggle_tools}>{ s.tools }</button>
            <span class="aa-tools" id="aa-tools">
                <button type="button" class="aa-button" data-aa-action="export-json" onclick={on_export}>{ s.export_json }</button>
                <button type="button" class="aa-button" data-aa-action="export-w3c" onclick={on_export_w3c}>{ s.export_w3c }</button>
                <button type="button" class="aa-button" data-aa-action="export-markdown" onclick={on_markdown}>{ s.export_markdown }</button>
                <button type="button" class="aa-button" data-aa-action="export-csv" onclick={on_csv}>{ s.export_csv }</button>
                <button type="button" class="aa-button" data-aa-action="export-html" onclick={on_html}>{ s.export_html }</button>
                <button type="button" class="aa-button" data-aa-action="copy-json" onclick={on_copy}>{ s.copy_json }</button>
                <button type="button" class="aa-button" data-aa-action="import" onclick={import.on_import_click}>{ s.import }</button>
            </span>
            <input ref={import.file_input} type="file" class="aa-file" accept=".json,.jsonld,application/json,application/ld+json"
                data-aa-field="import-file" tabindex="-1" aria-hidden="true" onchange={import.on_file_chosen} />
            <span class="aa-count">{ (s.notes_count)(count) }</span>
            <button type="button" class="aa-button aa-list-toggle" data-aa-action="toggle-notes" aria-controls="aa-notes-list"
                aria-expanded={expanded(toggles.list_open)} onclick={toggles.on_toggle_list}>
                { list_label }{ format!(" ({count})") }
            </button>
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
    // The sync's status line (the sync build only).
    #[cfg(feature = "sync")]
    let sync = sync_line(use_sync_status(store), s);
    #[cfg(not(feature = "sync"))]
    let sync = Html::default();
    let root = use_node_ref();
    let host = props.host.clone();
    let Reveal { lazy, revealed } = use_reveal(&article, &root);
    // In place the host's blocks are all there: none waits to be revealed.
    let lazy = lazy && host.is_none();
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
    } = use_entity_nav(&derived, &view, revealed.dispatcher(), &root, host.clone());
    use_focus(&root, host.clone(), view.focus.clone(), view.dispatcher());
    let tip = use_node_ref();
    use_in_place(
        host.clone(),
        &derived,
        &notes,
        view.chosen.clone(),
        view.hidden.clone(),
        &tip,
        s,
    );
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
    let toggles = Toggles {
        list_open: view.list_open,
        tools_open: view.tools_open,
        on_toggle_list: on_toggle_list.reform(|_: MouseEvent| ()),
        on_toggle_tools: {
            let view = view.dispatcher();
            Callback::from(move |_: MouseEvent| view.dispatch(ViewAction::ToggleTools))
        },
    };
    let entities = derived.entities.clone();
    let title_mentions = derived
        .recognition
        .mentions
        .first()
        .cloned()
        .unwrap_or_default();
    let article_id = AttrValue::Rc(store.article_id().clone());
    let blocks = host.clone().map(|doc| InPlaceBlocksProps {
        lang: Lang(s),
        doc,
        article: article.clone(),
        article_id: article_id.clone(),
        ids: derived.ids.clone(),
        texts: derived.texts.clone(),
        starts: derived.starts.clone(),
        store: store.paragraphs().clone(),
        on_add: on_add.clone(),
        on_edit: on_edit.clone(),
        on_delete: on_delete.clone(),
        on_selection: on_selection.clone(),
        on_show_in_list: on_show_in_list.clone(),
    });
    let blocks = use_memo(blocks, |b| {
        b.as_ref().map(in_place_blocks).unwrap_or_default()
    });
    let article_html = match &host {
        Some(_) => html! {
            <>
                <slot class="aa-slot"></slot>
                { (*blocks).clone() }
                <div class="aa-tip" role="tooltip" ref={tip} hidden=true></div>
            </>
        },
        None => html! {
                <ArticleBody lang={Lang(s)} article={article.clone()} {article_id}
                    ids={derived.ids.clone()} texts={derived.texts.clone()} starts={derived.starts.clone()}
                    mentions={derived.mentions.clone()} entities={entities.clone()} selected={view.chosen.clone()} {lazy}
                    revealed={revealed.clone()} store={store.paragraphs().clone()}
                    {on_add} {on_edit} on_delete={on_delete.clone()} {on_selection} {on_show_in_list} />
        },
    };
    let (on_dragover, on_dragleave, on_drop) = (
        import.on_dragover.clone(),
        import.on_dragleave.clone(),
        import.on_drop.clone(),
    );
    html! {
        <div Class={root_class(&view, lazy, host.is_some())} lang={s.tag} ref={root}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop} data-aa-drop-hint={s.drop_here}>
            <header class="aa-header">
                if host.is_none() {
                    <h1 class="aa-title">{ highlighted(&article.title, &title_mentions, &entities, view.chosen.as_deref(), &[], s) }</h1>
                    if let Some(date) = &article.date {
                        <p class="aa-date"><time datetime={date.iso()}>{ date.raw.clone() }</time></p>
                    }
                }
                { toolbar(s, exports, import, notes.len(), toggles) }
                { sync }
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
                    { article_html }
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
