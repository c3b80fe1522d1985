//! One paragraph: its text with entity highlights, its notes, and the control to add one.
//!
//! Its notes come from the [`ParagraphNotes`] store, not from props: a change to one paragraph's
//! notes re-renders that paragraph only, and nothing else of the article.

use std::rc::Rc;

use yew::prelude::*;

use super::note_editor::{NoteDraft, NoteEditor};
use super::note_item::NoteItem;
use super::paragraph_notes::{use_paragraph_notes, ParagraphNotes};
use super::strings::{Lang, Strings};
use crate::core::article::ParagraphKind;
use crate::core::notes::NoteId;
use crate::core::recognize::{Entity, Label, Mention};
use crate::core::segments::{segments, NoteRange};
use crate::core::text::{byte_idx_of, char_idx_from_utf16, CharIdx};
use crate::platform::storage as platform_storage;

#[derive(Properties, PartialEq)]
pub struct ParagraphViewProps {
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
                    let name = entity.map(|e| e.name.as_str()).unwrap_or_default();
                    let tip = match entity.and_then(|e| e.expansion.as_deref()) {
                        Some(full) => format!("{}: {name} ({full})", s.kind_label(kind)),
                        None => format!("{}: {name}", s.kind_label(kind)),
                    };
                    let chosen = selected == Some(id.as_str());
                    html! {
                        <mark class={mention_class(m.label, chosen)}
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

#[function_component(ParagraphView)]
pub fn paragraph_view(props: &ParagraphViewProps) -> Html {
    let s = use_context::<Lang>().unwrap_or_default().0;
    let paragraph_notes = use_paragraph_notes(&props.store, &props.id);
    // An editor left open with text in it (the page was reloaded) opens again with that text.
    let editing = use_state(|| {
        if platform_storage::load_draft(&props.article_id, &format!("new:{}", props.id)).is_some() {
            return Editing::New;
        }
        paragraph_notes
            .iter()
            .find(|n| {
                platform_storage::load_draft(&props.article_id, &format!("edit:{}", n.id)).is_some()
            })
            .map_or(Editing::None, |n| Editing::Note(n.id))
    });
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
    let slot_of = |e: Editing, pid: &str| match e {
        Editing::New | Editing::Passage(..) => format!("new:{pid}"),
        Editing::Note(id) => format!("edit:{id}"),
        Editing::None => String::new(),
    };
    let close = {
        let (editing, article_id, pid) =
            (editing.clone(), props.article_id.clone(), props.id.clone());
        move || {
            platform_storage::clear_draft(&article_id, &slot_of(*editing, &pid));
            *return_focus.borrow_mut() = true;
            editing.set(Editing::None);
        }
    };
    let on_input = {
        let (article_id, slot) = (props.article_id.clone(), slot_of(*editing, &props.id));
        Callback::from(move |text: String| platform_storage::save_draft(&article_id, &slot, &text))
    };
    let draft = (*editing != Editing::None)
        .then(|| platform_storage::load_draft(&props.article_id, &slot_of(*editing, &props.id)))
        .flatten();
    let on_open = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Editing::New))
    };
    // A selection inside the paragraph's text offers a note on that passage.
    let text_ref = use_node_ref();
    let selection = use_state(|| None::<(CharIdx, CharIdx)>);
    let on_select_text = {
        let (text_ref, selection, text) = (text_ref.clone(), selection.clone(), props.text.clone());
        let (on_selection, pid) = (props.on_selection.clone(), props.id.clone());
        Callback::from(move |_: web_sys::Event| {
            let range = text_ref
                .cast::<web_sys::Element>()
                .and_then(|el| crate::platform::selection::selection_in(&el))
                .map(|(a, b)| (char_idx_from_utf16(&text, a), char_idx_from_utf16(&text, b)))
                .filter(|(a, b)| a < b);
            if *selection != range {
                selection.set(range);
                on_selection.emit(range.map(|(a, b)| (pid.clone(), a, b)));
            }
        })
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
    let on_cancel = {
        let close = close.clone();
        Callback::from(move |()| close())
    };
    let notes: Html = paragraph_notes
        .iter()
        .map(|note| {
            let id = note.id;
            if *editing == Editing::Note(id) {
                let on_save = {
                    let (on_edit, close) = (props.on_edit.clone(), close.clone());
                    Callback::from(move |d: NoteDraft| {
                        on_edit.emit((id, d));
                        close();
                    })
                };
                let initial = draft.clone().unwrap_or_else(|| note.text.clone());
                html! {
                    <li key={id.to_string()} class="aa-note aa-note--editing">
                        <NoteEditor {initial} initial_tags={note.tags.clone()} initial_color={note.color} {on_save}
                            on_cancel={on_cancel.clone()} on_input={on_input.clone()} />
                    </li>
                }
            } else {
                let on_edit = {
                    let editing = editing.clone();
                    Callback::from(move |()| editing.set(Editing::Note(id)))
                };
                let on_delete = props.on_delete.reform(move |()| id);
                let on_show_in_list = props.on_show_in_list.reform(move |()| id);
                html! { <NoteItem key={id.to_string()} note={note.clone()} {on_edit} {on_delete} {on_show_in_list} /> }
            }
        })
        .collect();
    let new_passage = match *editing {
        Editing::New => Some(None),
        Editing::Passage(a, b) => Some(Some((a, b))),
        _ => None,
    };
    let quote_of =
        |a: CharIdx, b: CharIdx| props.text.chars().skip(a).take(b - a).collect::<String>();
    let editor = if let Some(passage) = new_passage {
        let on_save = {
            let (on_add, close, pid) = (props.on_add.clone(), close.clone(), props.id.to_string());
            Callback::from(move |draft: NoteDraft| {
                on_add.emit(NewNote {
                    paragraph: pid.clone(),
                    passage,
                    draft,
                });
                close();
            })
        };
        let initial = draft.clone().unwrap_or_default();
        html! {
            <>
                if let Some((a, b)) = passage {
                    <blockquote class="aa-editor__quote">{ quote_of(a, b) }</blockquote>
                }
                <NoteEditor {initial} {on_save} on_cancel={on_cancel.clone()} on_input={on_input.clone()} />
            </>
        }
    } else {
        html! {
            <>
            <button ref={add_button} type="button" class="aa-button aa-add-note" data-aa-action="add-note" aria-label={s.add_note_label} onclick={on_open}>
                <span aria-hidden="true">{ "+ " }</span>{ s.add_note }
            </button>
            if let Some((a, b)) = *selection {
                <button type="button" class="aa-button aa-add-passage" data-aa-action="add-passage-note" onclick={on_passage}>
                    { s.add_passage_note }{ " “" }{ quote_of(a, b).chars().take(60).collect::<String>() }{ "”" }
                </button>
            }
            </>
        }
    };
    let ids: Vec<String> = paragraph_notes.iter().map(|n| n.id.to_string()).collect();
    let ranges: Vec<NoteRange> = paragraph_notes
        .iter()
        .zip(&ids)
        .filter(|(n, _)| n.target.passage)
        .filter_map(|(n, id)| {
            let (a, b) = (
                n.target.position.start.checked_sub(props.start)?,
                n.target.position.end.checked_sub(props.start)?,
            );
            Some(NoteRange {
                start_byte: byte_idx_of(&props.text, a),
                end_byte: byte_idx_of(&props.text, b),
                note_id: id,
                color: n.color,
            })
        })
        .collect();
    html! {
        <section class={paragraph_class(props.kind, false)} data-aa-paragraph={props.id.clone()}>
            <p class="aa-paragraph__text" ref={text_ref} onmouseup={on_select_text.reform(|e: MouseEvent| e.into())}
                onkeyup={on_select_text.reform(|e: KeyboardEvent| e.into())} ontouchend={on_select_text.reform(|e: TouchEvent| e.into())}>
                { highlighted(&props.text, &props.mentions, &props.entities, props.selected.as_deref(), &ranges, s) }
            </p>
            if !paragraph_notes.is_empty() {
                <ul class="aa-notes" aria-label={s.notes_of_paragraph}>{ notes }</ul>
            }
            <div class="aa-paragraph__tools">{ editor }</div>
        </section>
    }
}
