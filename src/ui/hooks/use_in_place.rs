//! In place: the highlights painted in the host's own article whenever the notes, the chosen
//! entity or the hidden kinds change, and the tip over the mention under the pointer or a tap
//! (painted highlights are not hit-testable: the mention is found from the caret position).

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

/// How far from the pointer the tip stands (CSS pixels), so it never covers what is pointed at.
const TIP_OFFSET_PX: f64 = 16.0;

/// Paints the article's highlights in the host's article, again whenever what they show changes.
#[hook]
pub fn use_in_place_paint(
    host: Option<HostRef>,
    derived: &Rc<Derived>,
    notes: &Rc<Notes>,
    chosen: Option<AttrValue>,
    hidden: Vec<&'static str>,
) {
    let deps = (host, DerivedRef(derived.clone()), notes.clone(), chosen, hidden);
    use_effect_with(deps, |(host, derived, notes, chosen, hidden)| {
        if let Some(host) = host {
            let ids: Vec<String> = notes.notes.iter().map(|n| n.id.to_string()).collect();
            let title = host.0.dom.article.heading.is_some();
            let ranges =
                highlight_ranges(&derived.0, title, chosen.as_deref(), hidden, &notes.notes, &ids);
            host.0.paint(&ranges);
        }
    });
}

/// The tip shown: its text and where (viewport CSS pixels, as the pointer event gave them).
#[derive(Debug, Clone, PartialEq)]
pub struct Tip {
    pub text: String,
    pub x: f64,
    pub y: f64,
}

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

/// The tip over the mention under the pointer (moving over the article, or a tap or click on it);
/// Escape or leaving the article hides it.
#[hook]
pub fn use_mention_tip(
    host: Option<HostRef>,
    derived: &Rc<Derived>,
    hidden: Vec<&'static str>,
    s: &'static Strings,
) -> Option<Tip> {
    let tip = use_state_eq(|| None::<Tip>);
    // The text shown now, read by the listeners (a state handle they hold would be as old as they).
    let shown = use_mut_ref(|| None::<String>);
    let deps = (host, DerivedRef(derived.clone()), hidden);
    {
        let tip = tip.clone();
        use_effect_with(deps, move |(host, derived, hidden)| {
            let mut listeners = Vec::new();
            if let Some(host) = host {
                let element = host.0.host.clone();
                let show = {
                    let (host, derived, hidden, tip, shown) = (
                        host.clone(),
                        derived.0.clone(),
                        hidden.clone(),
                        tip.clone(),
                        shown.clone(),
                    );
                    move |e: &Event| {
                        let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() else {
                            return;
                        };
                        let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                        let text = host
                            .0
                            .point_at(x, y)
                            .and_then(|(region, at)| tip_at(&derived, region, at, &hidden, s));
                        // The tip stays where it first showed while the pointer is on the same mention.
                        if *shown.borrow() == text {
                            return;
                        }
                        shown.borrow_mut().clone_from(&text);
                        tip.set(text.map(|text| Tip {
                            text,
                            x,
                            y: y + TIP_OFFSET_PX,
                        }));
                    }
                };
                let show = Rc::new(show);
                for name in ["pointermove", "click"] {
                    let show = show.clone();
                    listeners.push(EventListener::new(&element, name, move |e| show(e)));
                }
                let hide = {
                    let (tip, shown) = (tip.clone(), shown.clone());
                    Rc::new(move || {
                        shown.borrow_mut().take();
                        tip.set(None);
                    })
                };
                let on_leave = hide.clone();
                listeners.push(EventListener::new(&element, "pointerleave", move |_| on_leave()));
                if let Some(window) = web_sys::window() {
                    listeners.push(EventListener::new(&window, "keydown", move |e| {
                        if e.dyn_ref::<web_sys::KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                            hide();
                        }
                    }));
                }
            }
            move || drop(listeners)
        });
    }
    (*tip).clone()
}

/// The tip, fixed beside the pointer (placed through the CSSOM, which a strict CSP allows).
#[hook]
pub fn use_tip_view(tip: Option<Tip>) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(tip.clone(), move |tip| {
            let style = node.cast::<web_sys::HtmlElement>().map(|el| el.style());
            if let (Some(style), Some(tip)) = (style, tip) {
                // Whole pixels: formatting an f64 would bring float printing into the wasm.
                let px = |v: f64| format!("{}px", v.round() as i32);
                let _ = style.set_property("left", &px(tip.x));
                let _ = style.set_property("top", &px(tip.y));
            }
        });
    }
    match tip {
        Some(tip) => html! { <div class="aa-tip" role="tooltip" ref={node}>{ tip.text }</div> },
        None => Html::default(),
    }
}
