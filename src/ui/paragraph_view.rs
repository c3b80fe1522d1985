//! One paragraph: its text with entity highlights, its notes, and the control to add one.
//!
//! Its notes come from the [`ParagraphNotes`] store, not from props: a change to one paragraph's
//! notes re-renders that paragraph only, and nothing else of the article.

use std::rc::Rc;

use yew::prelude::*;

use super::note_editor::{NoteDraft, NoteEditor};
use super::note_item::{note_item, NoteItemProps};
use super::paragraph_notes::{use_paragraph_notes, ParagraphNotes};
use super::strings::{Lang, Strings};
use crate::core::article::ParagraphKind;
use crate::core::notes::{Note, NoteId};
use crate::core::recognize::{Entity, Label, Mention};
use crate::core::segments::{segments, NoteRange};
use crate::core::text::{byte_idx_of, char_idx_from_utf16, CharIdx};
use crate::core::view::{passage_in_paragraph, DraftSlot};
use crate::platform::storage as platform_storage;
use crate::ui::in_place_blocks::BlockHost;

#[derive(Properties, PartialEq)]
pub struct ParagraphViewProps {
    /// The interface language (its strings).
    pub lang: Lang,
    pub id: AttrValue,
    /// The article's storage id, for drafts.
    pub article_id: AttrValue,
    pub kind: ParagraphKind,
    pub text: AttrValue,
    pub mentions: Rc<[Mention]>,
    pub entities: Rc<Vec<Entity>>,
    /// The entity chosen in the panel, whose mentions stand out.
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    /// Where its notes are (see [`ParagraphNotes`]).
    pub store: ParagraphNotes,
    /// Where the paragraph starts in the article's text (code points): notes' positions are there.
    #[prop_or_default]
    pub start: CharIdx,
    pub on_add: Callback<NewNote>,
    pub on_edit: Callback<(NoteId, NoteDraft)>,
    pub on_delete: Callback<NoteId>,
    /// The passage the reader has selected in this paragraph, or `None` when the selection goes.
    #[prop_or_default]
    pub on_selection: Callback<Option<(AttrValue, CharIdx, CharIdx)>>,
    /// Move focus to a note's entry in the notes list.
    #[prop_or_default]
    pub on_show_in_list: Callback<NoteId>,
    /// In place: the host's block this paragraph is (its text is the host's, not rendered here).
    #[prop_or_default]
    pub host: Option<BlockHost>,
}

/// A note the reader wrote on a paragraph or on a passage of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    pub paragraph: String,
    /// Code points of the paragraph's text, end exclusive; `None` for the whole paragraph.
    pub passage: Option<(CharIdx, CharIdx)>,
    pub draft: NoteDraft,
}

/// Which editor is open in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Editing {
    None,
    New,
    /// A new note on a passage: code points of the paragraph's text.
    Passage(CharIdx, CharIdx),
    Note(NoteId),
}

/// The classes of a mention, as one constant string: a paragraph renders dozens of mentions, and
/// `classes!` would build and join a set of strings for each.
fn mention_class(label: Label, chosen: bool) -> &'static str {
    match (label, chosen) {
        (Label::Official, false) => "aa-entity aa-entity--official",
        (Label::Official, true) => "aa-entity aa-entity--official aa-entity--chosen",
        (Label::Title, false) => "aa-entity aa-entity--title",
        (Label::Title, true) => "aa-entity aa-entity--title aa-entity--chosen",
        (Label::Body, false) => "aa-entity aa-entity--body",
        (Label::Body, true) => "aa-entity aa-entity--body aa-entity--chosen",
    }
}

/// The classes of a paragraph of kind `kind` (`pending`: far paragraphs of a long article, text
/// only for now), as one constant string.
pub fn paragraph_class(kind: ParagraphKind, pending: bool) -> &'static str {
    match (kind, pending) {
        (ParagraphKind::Lead, false) => "aa-paragraph aa-paragraph--lead",
        (ParagraphKind::Caption, false) => "aa-paragraph aa-paragraph--caption",
        (ParagraphKind::Body, false) => "aa-paragraph aa-paragraph--body",
        (ParagraphKind::Lead, true) => "aa-paragraph aa-paragraph--lead aa-paragraph--pending",
        (ParagraphKind::Caption, true) => {
            "aa-paragraph aa-paragraph--caption aa-paragraph--pending"
        }
        (ParagraphKind::Body, true) => "aa-paragraph aa-paragraph--body aa-paragraph--pending",
    }
}

/// What a mention's tip says: its kind and the entity's fullest name, the full form of an
/// abbreviation, and for a title the official who holds it, when the article names them.
pub fn mention_tip(
    label: Label,
    entity: Option<&Entity>,
    entities: &[Entity],
    s: &Strings,
) -> String {
    let name = entity.map_or("", |e| e.name.as_str());
    let mut tip = format!("{}: {name}", s.kind_label(label.as_attr()));
    if let Some(full) = entity.and_then(|e| e.expansion.as_deref()) {
        tip.push_str(" (");
        tip.push_str(full);
        tip.push(')');
    }
    let holder = entities
        .iter()
        .filter(|_| label == Label::Title)
        .find(|o| o.titles.iter().any(|t| t == name));
    if let Some(official) = holder {
        tip.push_str(" — ");
        tip.push_str(&official.name);
    }
    tip
}

/// Renders `text` as plain runs and `<mark>` highlights. Text goes through `html!` only, escaped.
pub fn highlighted(
    text: &str,
    mentions: &[Mention],
    entities: &[Entity],
    selected: Option<&str>,
    notes: &[NoteRange],
    s: &Strings,
) -> Html {
    segments(text, mentions, notes)
        .into_iter()
        .map(|seg| {
            let run = text.get(seg.start_byte..seg.end_byte).unwrap_or_default().to_owned();
            let inner = match seg.mention.and_then(|i| mentions.get(i)) {
                Some(m) => {
                    let kind = m.label.as_attr();
                    let entity = entities.get(m.entity);
                    let id = entity.map(|e| e.id.clone()).unwrap_or_default();
                    let tip = mention_tip(m.label, entity, entities, s);
                    let chosen = selected == Some(id.as_str());
                    html! {
                        <mark Class={mention_class(m.label, chosen)}
                            data-aa-entity={kind} data-aa-entity-id={id} title={tip.clone()} data-aa-tip={tip} tabindex={chosen.then_some("-1")}>{ run }</mark>
                    }
                }
                None => html! { <>{ run }</> },
            };
            // Each note covering the run wraps it, so overlapping passages nest.
            seg.notes.iter().rev().fold(inner, |inner, id| {
                let color = notes.iter().find(|n| n.note_id == *id).and_then(|n| n.color).map(|c| c.as_str());
                html! { <span class="aa-note-mark" data-aa-note={id.to_string()} data-aa-color={color}>{ inner }</span> }
            })
        })
        .collect()
}

impl Editing {
    /// The draft slot of the open editor, if one is open.
    fn slot(self, paragraph: &str) -> Option<DraftSlot<'_>> {
        match self {
            Editing::New | Editing::Passage(..) => Some(DraftSlot::New { paragraph }),
            Editing::Note(note) => Some(DraftSlot::Edit { note }),
            Editing::None => None,
        }
    }

    /// The slot's name (empty when no editor is open).
    fn slot_name(self, paragraph: &str) -> String {
        self.slot(paragraph)
            .map(DraftSlot::name)
            .unwrap_or_default()
    }
}

/// The highlights of the paragraph's passage notes, in bytes of its text (`ids` are the notes'
/// ids as text, in the same order as `notes`).
fn note_ranges<'a>(
    notes: &[Rc<Note>],
    ids: &'a [String],
    text: &str,
    start: CharIdx,
) -> Vec<NoteRange<'a>> {
    let chars = text.chars().count();
    notes
        .iter()
        .zip(ids)
        .filter_map(|(n, id)| {
            let (a, b) = passage_in_paragraph(n, start, chars)?;
            Some(NoteRange {
                start_byte: byte_idx_of(text, a),
                end_byte: byte_idx_of(text, b),
                note_id: id,
                color: n.color,
            })
        })
        .collect()
}

/// The open editor's state and what its controls do.
#[derive(Clone)]
struct EditorCtx {
    editing: UseStateHandle<Editing>,
    /// The open editor's kept text (after a reload), if any.
    draft: Option<String>,
    /// Closes the editor: its draft goes, focus returns to "add note".
    close: Rc<dyn Fn()>,
    on_input: Callback<String>,
}

impl EditorCtx {
    fn on_cancel(&self) -> Callback<()> {
        let close = self.close.clone();
        Callback::from(move |()| close())
    }
}

/// The paragraph's notes: each an item, or its editor while it is being edited.
fn notes_html(
    props: &ParagraphViewProps,
    notes: &[Rc<Note>],
    ctx: &EditorCtx,
    s: &Strings,
) -> Html {
    notes
        .iter()
        .map(|note| {
            let id = note.id;
            if *ctx.editing == Editing::Note(id) {
                let on_save = {
                    let (on_edit, close) = (props.on_edit.clone(), ctx.close.clone());
                    Callback::from(move |d: NoteDraft| {
                        on_edit.emit((id, d));
                        close();
                    })
                };
                let initial = ctx.draft.clone().unwrap_or_else(|| note.text.clone());
                html! {
                    <li key={id.to_string()} class="aa-note aa-note--editing">
                        <NoteEditor lang={props.lang} {initial} initial_tags={note.tags.clone()} initial_color={note.color} {on_save}
                            on_cancel={ctx.on_cancel()} on_input={ctx.on_input.clone()} />
                    </li>
                }
            } else {
                let on_edit = {
                    let editing = ctx.editing.clone();
                    Callback::from(move |()| editing.set(Editing::Note(id)))
                };
                let on_delete = props.on_delete.reform(move |()| id);
                let on_show_in_list = props.on_show_in_list.reform(move |()| id);
                let item = NoteItemProps {
                    note: note.clone(),
                    on_edit,
                    on_delete,
                    on_show_in_list,
                    author: props.store.other_author(id).map(AttrValue::Rc),
                };
                note_item(&item, s)
            }
        })
        .collect()
}

/// The editor of a new note (on the paragraph, or on `passage` of it, quoted above it).
fn new_note_editor(
    props: &ParagraphViewProps,
    passage: Option<(CharIdx, CharIdx)>,
    ctx: &EditorCtx,
) -> Html {
    let on_save = {
        let (on_add, close, pid) = (
            props.on_add.clone(),
            ctx.close.clone(),
            props.id.to_string(),
        );
        Callback::from(move |draft: NoteDraft| {
            on_add.emit(NewNote {
                paragraph: pid.clone(),
                passage,
                draft,
            });
            close();
        })
    };
    let initial = ctx.draft.clone().unwrap_or_default();
    html! {
        <>
            if let Some((a, b)) = passage {
                <blockquote class="aa-editor__quote">{ quote_of(&props.text, a, b) }</blockquote>
            }
            <NoteEditor lang={props.lang} {initial} {on_save} on_cancel={ctx.on_cancel()} on_input={ctx.on_input.clone()} />
        </>
    }
}

/// Code points `a..b` of `text`.
fn quote_of(text: &str, a: CharIdx, b: CharIdx) -> String {
    text.chars().skip(a).take(b.saturating_sub(a)).collect()
}

/// A passage selected inside the paragraph's text: the text's element, the passage (code points
/// of the text), and what the text's mouse, key and touch ends call.
struct PassageSelection {
    text_ref: NodeRef,
    selection: UseStateHandle<Option<(CharIdx, CharIdx)>>,
    on_select_text: Callback<()>,
}

#[hook]
fn use_passage_selection(props: &ParagraphViewProps) -> PassageSelection {
    let text_ref = use_node_ref();
    let selection = use_state(|| None::<(CharIdx, CharIdx)>);
    let on_select_text = {
        let (text_ref, selection, text) = (text_ref.clone(), selection.clone(), props.text.clone());
        let (on_selection, pid, host) = (
            props.on_selection.clone(),
            props.id.clone(),
            props.host.clone(),
        );
        Callback::from(move |()| {
            let range = match &host {
                Some(h) => h.doc.0.selection_in(h.index),
                None => text_ref
                    .cast::<web_sys::Element>()
                    .and_then(|el| crate::platform::selection::selection_in(&el))
                    .map(|(a, b)| (char_idx_from_utf16(&text, a), char_idx_from_utf16(&text, b)))
                    .filter(|(a, b)| a < b),
            };
            if *selection != range {
                selection.set(range);
                on_selection.emit(range.map(|(a, b)| (pid.clone(), a, b)));
            }
        })
    };
    // In place the text is the host's block: the reader's selection ends there.
    use_effect_with(
        (props.host.clone(), on_select_text.clone()),
        |(host, on_select)| {
            let on_select = on_select.clone();
            let held = host.as_ref().map(|h| {
                h.doc
                    .0
                    .on_selection_end(h.index, move || on_select.emit(()))
            });
            move || drop(held)
        },
    );
    PassageSelection {
        text_ref,
        selection,
        on_select_text,
    }
}

/// Which editor is open: at first, one left open with text in it before a reload, with that text.
#[hook]
fn use_editing(props: &ParagraphViewProps, notes: &[Rc<Note>]) -> UseStateHandle<Editing> {
    let kept = |slot: DraftSlot| platform_storage::load_draft(&props.article_id, &slot.name());
    use_state(|| {
        if kept(DraftSlot::New {
            paragraph: &props.id,
        })
        .is_some()
        {
            return Editing::New;
        }
        notes
            .iter()
            .find(|n| kept(DraftSlot::Edit { note: n.id }).is_some())
            .map_or(Editing::None, |n| Editing::Note(n.id))
    })
}

#[function_component(ParagraphView)]
pub fn paragraph_view(props: &ParagraphViewProps) -> Html {
    let s = props.lang.0;
    let paragraph_notes = use_paragraph_notes(&props.store, &props.id);
    let editing = use_editing(props, &paragraph_notes);
    let add_button = use_node_ref();
    // Focus goes back to "add note" once the editor has closed and the button is rendered again.
    let return_focus = use_mut_ref(|| false);
    {
        let (add_button, return_focus) = (add_button.clone(), return_focus.clone());
        use_effect_with(*editing, move |editing| {
            if *editing == Editing::None && return_focus.replace(false) {
                if let Some(b) = add_button.cast::<web_sys::HtmlElement>() {
                    crate::platform::focus::focus_next_frame(b);
                }
            }
        });
    }
    let PassageSelection {
        text_ref,
        selection,
        on_select_text,
    } = use_passage_selection(props);
    let slot = editing.slot_name(&props.id);
    let ctx = EditorCtx {
        close: {
            let (editing, article_id, slot) =
                (editing.clone(), props.article_id.clone(), slot.clone());
            Rc::new(move || {
                platform_storage::clear_draft(&article_id, &slot);
                *return_focus.borrow_mut() = true;
                editing.set(Editing::None);
            })
        },
        on_input: {
            let (article_id, slot) = (props.article_id.clone(), slot.clone());
            Callback::from(move |text: String| {
                platform_storage::save_draft(&article_id, &slot, &text)
            })
        },
        draft: (*editing != Editing::None)
            .then(|| platform_storage::load_draft(&props.article_id, &slot))
            .flatten(),
        editing: editing.clone(),
    };
    let on_open = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Editing::New))
    };
    let on_passage = {
        let (editing, selection) = (editing.clone(), selection.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((a, b)) = *selection {
                editing.set(Editing::Passage(a, b));
                selection.set(None);
            }
        })
    };
    let editor = match *editing {
        Editing::New => new_note_editor(props, None, &ctx),
        Editing::Passage(a, b) => new_note_editor(props, Some((a, b)), &ctx),
        _ => html! {
            <>
            <button ref={add_button} type="button" class="aa-button aa-add-note" data-aa-action="add-note" aria-label={s.add_note_label} onclick={on_open}>
                <span aria-hidden="true">{ "+ " }</span>{ s.add_note }
            </button>
            if let Some((a, b)) = *selection {
                <button type="button" class="aa-button aa-add-passage" data-aa-action="add-passage-note" onclick={on_passage}>
                    { s.add_passage_note }{ " “" }{ quote_of(&props.text, a, b).chars().take(60).collect::<String>() }{ "”" }
                </button>
            }
            </>
        },
    };
    let ids: Vec<String> = paragraph_notes.iter().map(|n| n.id.to_string()).collect();
    let ranges = note_ranges(&paragraph_notes, &ids, &props.text, props.start);
    let text = match props.host {
        Some(_) => Html::default(),
        None => html! {
            <p class="aa-paragraph__text" ref={text_ref} onmouseup={on_select_text.reform(|_: MouseEvent| ())}
                onkeyup={on_select_text.reform(|_: KeyboardEvent| ())} ontouchend={on_select_text.reform(|_: TouchEvent| ())}>
                { highlighted(&props.text, &props.mentions, &props.entities, props.selected.as_deref(), &ranges, s) }
            </p>
        },
    };
    html! {
        <section Class={paragraph_class(props.kind, false)} data-aa-paragraph={props.id.clone()}>
            { text }
            if !paragraph_notes.is_empty() {
                <ul class="aa-notes" aria-label={s.notes_of_paragraph} data-aa-ui="">{ notes_html(props, &paragraph_notes, &ctx, s) }</ul>
            }
            <div class="aa-paragraph__tools" data-aa-ui="">{ editor }</div>
        </section>
    }
}
