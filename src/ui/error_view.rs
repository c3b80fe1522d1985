//! What the reader sees when the widget cannot show its article.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    /// What happened ("Không hiển thị được bài viết."), then why.
    pub title: AttrValue,
    pub message: AttrValue,
    #[prop_or_default]
    pub lang: AttrValue,
}

#[function_component(ErrorView)]
pub fn error_view(props: &ErrorViewProps) -> Html {
    html! {
        <div class="aa-root aa-root--error" lang={props.lang.clone()}>
            <p class="aa-error" role="alert">
                <strong>{ props.title.clone() }</strong>{ " " }{ props.message.clone() }
            </p>
        </div>
    }
}
