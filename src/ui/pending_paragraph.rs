//! A paragraph of a very long article that is still far from the reader: its text only, without
//! highlights or controls, until it comes near the viewport. The text stays in the page, so find
//! in page, screen readers and print still have it.

use yew::prelude::*;

use super::paragraph_view::paragraph_class;
use crate::core::article::ParagraphKind;

#[derive(Properties, PartialEq)]
pub struct PendingParagraphProps {
    pub id: AttrValue,
    /// Its index in the article (`data-aa-pending`, for tests and scripts).
    pub index: usize,
    pub kind: ParagraphKind,
    pub text: AttrValue,
}

#[function_component(PendingParagraph)]
pub fn pending_paragraph(props: &PendingParagraphProps) -> Html {
    html! {
        <section class={paragraph_class(props.kind, true)} data-aa-paragraph={props.id.clone()}
            data-aa-pending={props.index.to_string()}>
            <p class="aa-paragraph__text">{ props.text.clone() }</p>
        </section>
    }
}
