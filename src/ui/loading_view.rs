//! What the reader sees while the article (or the newsroom's lexicon) is being fetched.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadingViewProps {
    pub message: AttrValue,
}

#[function_component(LoadingView)]
pub fn loading_view(props: &LoadingViewProps) -> Html {
    html! {
        <div class="aa-root aa-root--loading">
            <p class="aa-loading" role="status" aria-live="polite" aria-busy="true">
                <span class="aa-loading__spinner" aria-hidden="true"></span>{ props.message.clone() }
            </p>
        </div>
    }
}
