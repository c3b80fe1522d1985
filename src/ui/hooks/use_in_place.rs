//! In place: the highlights painted in the host's own article whenever the notes, the chosen
//! entity or the hidden kinds change, and the tip over the mention under the pointer or a tap
//! (painted highlights are not hit-testable: the mention is found from the caret position).
//!
//! The tip is one element the App renders once; the pointer's listener sets its text (a text
//! node) and place (through the CSSOM, which a strict CSP allows) directly, so moving the pointer
//! renders nothing.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::host::Region;
use crate::core::notes::Notes;
use crate::core::view::{highlight_ranges, Derived};
use crate::ui::app::DerivedRef;
use crate::ui::in_place_blocks::HostRef;
use crate::ui::paragraph_view::mention_tip;
use crate::ui::strings::Strings;

/// How far below the pointer the tip stands (CSS pixels), so it never covers what is pointed at.
const TIP_OFFSET_PX: i32 = 16;

/// The text of the tip for the mention at code point `at` of `region`, if there is one there (of
/// a kind not hidden).
fn tip_at(derived: &Derived, region: Region, at: usize, hidden: &[&str], s: &Strings) -> Option<String> {
    let t = match region {
        Region::Title => 0,
        Region::Block(i) => i + 1,
    };
    let mentions = derived.recognition.mentions.get(t)?;
    // The caret stands between two characters: the one under the pointer starts or ends there.
    let m = mentions
        .iter()
        .find(|m| m.start <= at && at < m.end)
        .or_else(|| mentions.iter().find(|m| m.end == at))
        .filter(|m| !hidden.contains(&m.label.as_attr()))?;
    let entities = &derived.recognition.entities;
    Some(mention_tip(m.label, entities.get(m.entity), entities, s))
}

/// Shows `text` in the tip at viewport point (`x`, `y`) below the pointer, or hides it (`None`).
fn place_tip(tip: &web_sys::HtmlElement, text: Option<&str>, x: i32, y: i32) {
    match text {
        Some(text) => {
            tip.set_text_content(Some(text));
            let style = tip.style();
            let _ = style.set_property("left", &format!("{x}px"));
            let _ = style.set_property("top", &format!("{}px", y + TIP_OFFSET_PX));
            tip.set_hidden(false);
        }
        None => tip.set_hidden(true),
    }
}

/// In place: paints the highlights again whenever what they show changes, and shows the tip
/// (`tip`, the element) over the mention under the pointer, on a move, a tap or a click; Escape
/// or leaving the article hides it. Does nothing in the rendered mode.
#[allow(clippy::too_many_arguments)] // Yew's #[hook] adds one of its own to the seven
#[hook]
pub fn use_in_place(
    host: Option<HostRef>,
    derived: &Rc<Derived>,
    notes: &Rc<Notes>,
    chosen: Option<AttrValue>,
    hidden: Vec<&'static str>,
    tip: &NodeRef,
    s: &'static Strings,
) {
    let deps = (host, DerivedRef(derived.clone()), notes.clone(), chosen, hidden);
    let tip = tip.clone();
    use_effect_with(deps, move |(host, derived, notes, chosen, hidden)| {
        let mut listeners = Vec::new();
        if let (Some(host), Some(tip)) = (host, tip.cast::<web_sys::HtmlElement>()) {
            let ids: Vec<String> = notes.notes.iter().map(|n| n.id.to_string()).collect();
            let title = host.0.article.heading.is_some();
            let ranges =
                highlight_ranges(&derived.0, title, chosen.as_deref(), hidden, &notes.notes, &ids);
            host.0.paint(&ranges);
            let element = host.0.host.clone();
            let show = {
                let (host, derived, hidden, tip) =
                    (host.clone(), derived.0.clone(), hidden.clone(), tip.clone());
                Rc::new(move |e: &Event| {
                    let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
                        return;
                    };
                    let (x, y) = (e.client_x(), e.client_y());
                    let text = host
                        .0
                        .point_at(f64::from(x), f64::from(y))
                        .and_then(|(region, at)| tip_at(&derived, region, at, &hidden, s));
                    // The tip stays where it first showed while the pointer is on the same mention.
                    if tip.hidden() || text.as_deref() != tip.text_content().as_deref() {
                        place_tip(&tip, text.as_deref(), x, y);
                    }
                })
            };
            for name in ["pointermove", "click"] {
                let show = show.clone();
                listeners.push(EventListener::new(&element, name, move |e| show(e)));
            }
            let hide = tip.clone();
            listeners.push(EventListener::new(&element, "pointerleave", move |_| {
                hide.set_hidden(true)
            }));
            if let Some(window) = web_sys::window() {
                listeners.push(EventListener::new(&window, "keydown", move |e| {
                    let escape = e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Escape");
                    if escape {
                        tip.set_hidden(true);
                    }
                }));
            }
        }
        move || drop(listeners)
    });
}
