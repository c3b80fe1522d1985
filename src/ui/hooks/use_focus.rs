//! Focus requests: a change that asks for an element to be focused (the notes list opened, a jump
//! to a note) names it in the view's state; once the render that shows it is done, it is
//! scrolled into view and focused, and the request is cleared.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::in_place_blocks::HostRef;
use crate::ui::state::{ViewAction, ViewState};

/// Focuses, inside `root` (or in place, inside the controls beside the host's blocks), the
/// element `request` names (a CSS selector) after the render.
#[hook]
pub fn use_focus(
    root: &NodeRef,
    host: Option<HostRef>,
    request: Option<String>,
    view: UseReducerDispatcher<ViewState>,
) {
    let root = root.clone();
    use_effect_with(request, move |request| {
        let Some(selector) = request else { return };
        let find = |el: &web_sys::Element| el.query_selector(selector).ok().flatten();
        let target = root
            .cast::<web_sys::Element>()
            .and_then(|el| find(&el))
            .or_else(|| {
                host.as_ref()
                    .and_then(|h| h.0.targets().iter().find_map(find))
            });
        if let Some(el) = target.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            el.scroll_into_view_with_bool(false);
            let _ = el.focus();
        }
        view.dispatch(ViewAction::Focused);
    });
}
