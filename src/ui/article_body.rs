//! The article's paragraphs: each a [`ParagraphView`], or a [`pending_paragraph`] while a very
//! long article's paragraph is still far from the reader.
//!
//! A long article's paragraphs are grouped in chunks of [`CHUNK`] (`data-aa-chunk`): the browser
//! skips laying out and painting a chunk far from the viewport (`content-visibility: auto`) and
//! the reveal observer watches chunks, so it tracks 90 elements in a 1 MB article, not 1,800, in
//! every frame.
//!
//! Its props hold no notes (the paragraphs read theirs from [`ParagraphNotes`]) and compare by
//! pointer, so that the App rendering again for a note, the status line or the notes list does
//! not rebuild a component per paragraph: this component is skipped whole.

use std::rc::Rc;

use yew::prelude::*;

use super::paragraph_notes::ParagraphNotes;
use super::paragraph_view::{NewNote, ParagraphView};
use super::pending_paragraph::{pending_paragraph, PendingParagraphProps};
use super::state::Revealed;
use super::strings::Lang;
use crate::core::article::Article;
use crate::core::notes::NoteId;
use crate::core::recognize::{Entity, Mention};
use crate::core::text::CharIdx;

#[derive(Properties)]
pub struct ArticleBodyProps {
    /// The interface language (its strings).
    pub lang: Lang,
    pub article: Rc<Article>,
    /// The article's storage id, for drafts.
    pub article_id: AttrValue,
    /// Per paragraph, made once per article: ids, texts, and starts in the article's text (code
    /// points).
    pub ids: Rc<Vec<Rc<str>>>,
    pub texts: Rc<Vec<Rc<str>>>,
    pub starts: Rc<Vec<CharIdx>>,
    /// Mentions per text of the recognition: the title's first, then each paragraph's.
    pub mentions: Rc<Vec<Rc<[Mention]>>>,
    pub entities: Rc<Vec<Entity>>,
    /// The entity chosen in the panel.
    pub selected: Option<AttrValue>,
    /// Far paragraphs are rendered as text only until revealed.
    pub lazy: bool,
    pub revealed: UseReducerHandle<Revealed>,
    pub store: ParagraphNotes,
    pub on_add: Callback<NewNote>,
    pub on_edit: Callback<(NoteId, super::note_editor::NoteDraft)>,
    pub on_delete: Callback<NoteId>,
    pub on_selection: Callback<Option<(AttrValue, CharIdx, CharIdx)>>,
    pub on_show_in_list: Callback<NoteId>,
}

impl PartialEq for ArticleBodyProps {
    /// By pointer for what is shared (a 1 MB article is not compared character by character).
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.article, &o.article)
            && self.lang == o.lang
            && self.article_id == o.article_id
            && Rc::ptr_eq(&self.ids, &o.ids)
            && Rc::ptr_eq(&self.texts, &o.texts)
            && Rc::ptr_eq(&self.starts, &o.starts)
            && Rc::ptr_eq(&self.mentions, &o.mentions)
            && Rc::ptr_eq(&self.entities, &o.entities)
            && self.selected == o.selected
            && self.lazy == o.lazy
            && self.revealed == o.revealed
            && self.store == o.store
            && self.on_add == o.on_add
            && self.on_edit == o.on_edit
            && self.on_delete == o.on_delete
            && self.on_selection == o.on_selection
            && self.on_show_in_list == o.on_show_in_list
    }
}

/// Paragraphs per chunk of a long article.
pub const CHUNK: usize = 20;

#[function_component(ArticleBody)]
pub fn article_body(props: &ArticleBodyProps) -> Html {
    let mut paragraphs = props
        .article
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let key = props.ids.get(i).cloned().unwrap_or_else(|| Rc::from(p.id.as_str()));
            let id = AttrValue::Rc(key.clone());
            let text = props.texts.get(i).cloned().map(AttrValue::Rc).unwrap_or_default();
            if props.lazy && !props.revealed.0.contains(&i) {
                return pending_paragraph(PendingParagraphProps {
                    key,
                    id,
                    index: i,
                    kind: p.kind,
                    text,
                });
            }
            html! {
                <ParagraphView
                    lang={props.lang}
                    {key}
                    {id}
                    article_id={props.article_id.clone()}
                    kind={p.kind}
                    {text}
                    mentions={props.mentions.get(i + 1).cloned().unwrap_or_else(|| Rc::from(Vec::new()))}
                    entities={props.entities.clone()}
                    selected={props.selected.clone()}
                    start={props.starts.get(i).copied().unwrap_or_default()}
                    store={props.store.clone()}
                    on_add={props.on_add.clone()}
                    on_edit={props.on_edit.clone()}
                    on_delete={props.on_delete.clone()}
                    on_selection={props.on_selection.clone()}
                    on_show_in_list={props.on_show_in_list.clone()}
                />
            }
        });
    if !props.lazy {
        return html! { <article class="aa-article">{ for paragraphs }</article> };
    }
    let chunks = props.article.paragraphs.len().div_ceil(CHUNK);
    let chunks: Html = (0..chunks)
        .map(|k| {
            let these: Html = paragraphs.by_ref().take(CHUNK).collect();
            html! { <div key={k} class="aa-chunk" data-aa-chunk={k.to_string()}>{ these }</div> }
        })
        .collect();
    html! { <article class="aa-article">{ chunks }</article> }
}
