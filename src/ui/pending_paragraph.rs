//! A paragraph of a very long article that is still far from the reader: its text only, without
//! highlights or controls, until it comes near the viewport. The text stays in the page, so find
//! in page, screen readers and print still have it. A render function, not a component: it has
//! no state, and a component's props type and lifecycle cost more wasm than they save.

use yew::prelude::*;

use super::paragraph_view::paragraph_class;
use crate::core::article::ParagraphKind;

/// What [`pending_paragraph`] shows.
pub struct PendingParagraphProps {
    /// Its key among the article's paragraphs (its id).
    pub key: std::rc::Rc<str>,
    pub id: AttrValue,
    /// Its index in the article (`data-aa-pending`, for tests and scripts).
    pub index: usize,
    pub kind: ParagraphKind,
    pub text: AttrValue,
}

/// The paragraph's `<section>`, keyed by its id, with its text only.
pub fn pending_paragraph(props: PendingParagraphProps) -> Html {
    html! {
        <section key={props.key} Class={paragraph_class(props.kind, true)} data-aa-paragraph={props.id.clone()}
            data-aa-pending={props.index.to_string()}>
            <p class="aa-paragraph__text">{ props.text.clone() }</p>
        </section>
    }
}
