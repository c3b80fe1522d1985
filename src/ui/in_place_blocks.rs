//! In place, the controls of each of the host's text blocks: a [`ParagraphView`] without text
//! (the text is the host's own block), rendered through a portal into the block's `<aa-tools>`
//! (see [`crate::platform::in_place`]), so that in the page's tab order each block's controls and
//! notes follow the block.
//!
//! A render function, not a component (a component type costs its own copy of Yew's machinery):
//! the App keeps what it renders in a memo keyed by these props, which compare by pointer and hold
//! no notes, so the App rendering again does not rebuild a portal per block.

use std::rc::Rc;

use yew::prelude::*;

use super::paragraph_notes::ParagraphNotes;
use super::paragraph_view::{NewNote, ParagraphView};
use super::strings::Lang;
use crate::core::article::Article;
use crate::core::notes::NoteId;
use crate::core::text::CharIdx;
use crate::platform::in_place::HostDoc;

/// The host's article as the UI sees it; compares by identity.
#[derive(Clone)]
pub struct HostRef(pub Rc<HostDoc>);

impl PartialEq for HostRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// One host block: the article and the block's index in it.
#[derive(Clone, PartialEq)]
pub struct BlockHost {
    /// The host's article.
    pub doc: HostRef,
    /// Index of the block (and of the paragraph) in it.
    pub index: usize,
}

/// What [`in_place_blocks`] renders.
#[derive(PartialEq)]
pub struct InPlaceBlocksProps {
    /// The interface language (its strings).
    pub lang: Lang,
    pub doc: HostRef,
    pub article: Rc<Article>,
    /// The article's storage id, for drafts.
    pub article_id: AttrValue,
    /// Per paragraph, made once per article: ids, texts, starts in the article's text (code
    /// points).
    pub ids: Rc<Vec<Rc<str>>>,
    pub texts: Rc<Vec<Rc<str>>>,
    pub starts: Rc<Vec<CharIdx>>,
    pub store: ParagraphNotes,
    pub on_add: Callback<NewNote>,
    pub on_edit: Callback<(NoteId, super::note_editor::NoteDraft)>,
    pub on_delete: Callback<NoteId>,
    pub on_selection: Callback<Option<(AttrValue, CharIdx, CharIdx)>>,
    pub on_show_in_list: Callback<NoteId>,
}

/// A portal per block, each with the block's [`ParagraphView`] (controls and notes, no text).
pub fn in_place_blocks(props: &InPlaceBlocksProps) -> Html {
    let none: Rc<[crate::core::recognize::Mention]> = Rc::from(Vec::new());
    let entities = Rc::new(Vec::new());
    props
        .article
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let target = props.doc.0.target(i)?.clone();
            let key = props
                .ids
                .get(i)
                .cloned()
                .unwrap_or_else(|| Rc::from(p.id.as_str()));
            let view = html! {
                <ParagraphView
                    lang={props.lang}
                    id={AttrValue::Rc(key.clone())}
                    article_id={props.article_id.clone()}
                    kind={p.kind}
                    text={props.texts.get(i).cloned().map(AttrValue::Rc).unwrap_or_default()}
                    mentions={none.clone()}
                    entities={entities.clone()}
                    start={props.starts.get(i).copied().unwrap_or_default()}
                    store={props.store.clone()}
                    on_add={props.on_add.clone()}
                    on_edit={props.on_edit.clone()}
                    on_delete={props.on_delete.clone()}
                    on_selection={props.on_selection.clone()}
                    on_show_in_list={props.on_show_in_list.clone()}
                    host={BlockHost { doc: props.doc.clone(), index: i }}
                />
            };
            Some(create_portal(view, target))
        })
        .collect()
}
