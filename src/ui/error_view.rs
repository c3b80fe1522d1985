//! What the reader sees when the widget cannot show its article.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    pub message: AttrValue,
}

#[function_component(ErrorView)]
pub fn error_view(props: &ErrorViewProps) -> Html {
    html! {
        <div class="aa-root aa-root--error" lang="vi">
            <p class="aa-error" role="alert">
                <strong>{ "Không hiển thị được bài viết. " }</strong>{ props.message.clone() }
            </p>
        </div>
    }
}
