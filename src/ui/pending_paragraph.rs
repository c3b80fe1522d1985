//! A paragraph of a very long article that is still far from the reader: its text only, without
//! highlights or controls, until it comes near the viewport. The text stays in the page, so find
//! in page, screen readers and print still have it.

use yew::prelude::*;

use crate::core::article::ParagraphKind;

#[derive(Properties, PartialEq)]
pub struct PendingParagraphProps {
    pub id: AttrValue,
    /// Its index in the article, which the reveal observer hands back.
    pub index: usize,
    pub kind: ParagraphKind,
    pub text: AttrValue,
}

#[function_component(PendingParagraph)]
pub fn pending_paragraph(props: &PendingParagraphProps) -> Html {
    let kind_class = match props.kind {
        ParagraphKind::Lead => "aa-paragraph--lead",
        ParagraphKind::Caption => "aa-paragraph--caption",
        ParagraphKind::Body => "aa-paragraph--body",
    };
    html! {
        <section class={classes!("aa-paragraph", kind_class, "aa-paragraph--pending")} data-aa-paragraph={props.id.clone()}
            data-aa-pending={props.index.to_string()}>
            <p class="aa-paragraph__text">{ props.text.clone() }</p>
        </section>
    }
}
