//! The entity panel's navigation: choosing an official or a body (every paragraph that mentions
//! it is shown, so that stepping reaches them all), stepping through its mentions (the current
//! one is brought into view and focused after the render), hiding a kind's highlights.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::host::Region;
use crate::core::view::{mention_stops, Derived};
use crate::ui::in_place_blocks::HostRef;
use crate::ui::state::{Revealed, ViewAction, ViewState};

/// The panel's callbacks and how many mentions the chosen entity has.
pub struct EntityNav {
    pub mention_count: usize,
    pub on_select: Callback<Option<AttrValue>>,
    pub on_step: Callback<isize>,
    pub on_toggle_kind: Callback<&'static str>,
}

/// Scrolls to and focuses mention `at` of entity `id` inside `root` (titles are not stops).
fn focus_mention(root: &NodeRef, id: &str, at: usize) {
    let Some(el) = root.cast::<web_sys::Element>() else {
        return;
    };
    let selector = format!("[data-aa-entity-id=\"{id}\"]:not([data-aa-entity=title])");
    let list = el.query_selector_all(&selector).ok();
    if let Some(mark) = list
        .and_then(|l| l.item(u32::try_from(at).unwrap_or(u32::MAX)))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        mark.scroll_into_view_with_bool(false);
        let _ = mark.focus();
    }
}

/// In place: brings mention `at` of entity `id` into view in the host's article (it is painted
/// `aa-chosen`; the panel's position, a live region, says which it is).
fn show_mention_in_place(host: &HostRef, derived: &Derived, id: &str, at: usize) {
    let Some(k) = derived.entities.iter().position(|e| e.id == id) else {
        return;
    };
    if let Some((t, m)) = mention_stops(derived, k).get(at) {
        let region = match t {
            0 => Region::Title,
            i => Region::Block(i - 1),
        };
        host.0.scroll_to(region, m.start, m.end);
    }
}

/// The entity navigation over `derived`'s entities, in `root` (or in place, in the host's
/// article).
#[hook]
pub fn use_entity_nav(
    derived: &Rc<Derived>,
    view: &UseReducerHandle<ViewState>,
    reveal: UseReducerDispatcher<Revealed>,
    root: &NodeRef,
    host: Option<HostRef>,
) -> EntityNav {
    let mention_count = view
        .chosen
        .as_ref()
        .and_then(|id| derived.entities.iter().find(|e| e.id == id.as_str()))
        .map_or(0, |e| e.mentions);
    {
        // After a choice or a step has rendered, bring the current mention into view.
        let (root, derived) = (root.clone(), derived.clone());
        use_effect_with(
            (view.chosen.clone(), view.position),
            move |(id, at)| match (id, &host) {
                (Some(id), Some(host)) => show_mention_in_place(host, &derived, id, *at),
                (Some(id), None) => focus_mention(&root, id, *at),
                (None, _) => {}
            },
        );
    }
    let on_select = {
        let (view, derived) = (view.dispatcher(), derived.clone());
        Callback::from(move |id: Option<AttrValue>| {
            if let Some(k) = id
                .as_ref()
                .and_then(|id| derived.entities.iter().position(|e| e.id == id.as_str()))
            {
                reveal.dispatch(derived.paragraphs_mentioning(k));
            }
            view.dispatch(ViewAction::Choose { entity: id });
        })
    };
    let on_step = {
        let view = view.dispatcher();
        Callback::from(move |by: isize| {
            view.dispatch(ViewAction::Step {
                by,
                count: mention_count,
            })
        })
    };
    let on_toggle_kind = {
        let view = view.dispatcher();
        Callback::from(move |kind: &'static str| view.dispatch(ViewAction::ToggleKind { kind }))
    };
    EntityNav {
        mention_count,
        on_select,
        on_step,
        on_toggle_kind,
    }
}
