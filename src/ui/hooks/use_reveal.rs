//! The lazy reveal of a very long article (over [`LAZY_FROM`] paragraphs): its far paragraphs show
//! their text only, and get their highlights and controls as their chunk comes near the
//! viewport (an `IntersectionObserver` on the chunks).

use std::rc::Rc;

use yew::prelude::*;

use crate::core::article::Article;
use crate::ui::article_body::CHUNK;
use crate::ui::state::Revealed;

/// From how many paragraphs an article is rendered lazily: paragraphs far from the reader show
/// their text only, and get their highlights and controls as they come near the viewport. News
/// articles have tens of paragraphs; this is for the very long ones.
pub const LAZY_FROM: usize = 200;

/// Whether the article is rendered lazily, and which paragraphs are shown in full.
pub struct Reveal {
    pub lazy: bool,
    pub revealed: UseReducerHandle<Revealed>,
}

/// Watches the chunks inside `root` (when the article is long) and reveals those coming near.
#[hook]
pub fn use_reveal(article: &Rc<Article>, root: &NodeRef) -> Reveal {
    let lazy = article.paragraphs.len() > LAZY_FROM;
    let revealed = use_reducer(Revealed::default);
    {
        let (root, reveal) = (root.clone(), revealed.dispatcher());
        use_effect_with((article.clone(), lazy), move |(_, lazy)| {
            let revealer = if *lazy {
                root.cast::<web_sys::Element>().and_then(|el| {
                    crate::platform::reveal::Revealer::new(
                        &el,
                        "[data-aa-chunk]",
                        "data-aa-chunk",
                        move |near| {
                            // A chunk near the viewport: its paragraphs.
                            let chunks = near.iter().filter_map(|k| k.parse::<usize>().ok());
                            reveal.dispatch(
                                chunks.flat_map(|k| k * CHUNK..(k + 1) * CHUNK).collect(),
                            );
                        },
                    )
                })
            } else {
                None
            };
            move || drop(revealer)
        });
    }
    Reveal { lazy, revealed }
}
