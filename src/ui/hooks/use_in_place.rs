//! In place: the highlights painted in the host's own article whenever the notes, the chosen
//! entity or the hidden kinds change, and the tip over the mention under the pointer or a tap
//! (painted highlights are not hit-testable: the mention is found from the caret position).
//!
//! The tip is one element the App renders once; the pointer's listener (the element script's,
//! [`crate::platform::in_place::HostDoc::tips`]) sets its text (a text node) and place (through
//! the CSSOM, which a strict CSP allows) directly, so moving the pointer renders nothing.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::host::Region;
use crate::core::notes::Notes;
use crate::core::view::{highlight_ranges, Derived};
use crate::ui::app::DerivedRef;
use crate::ui::in_place_blocks::HostRef;
use crate::ui::paragraph_view::mention_tip;
use crate::ui::strings::Strings;

/// The text of the tip for the mention at code point `at` of `region`, if there is one there (of
/// a kind not hidden).
fn tip_at(
    derived: &Derived,
    region: Region,
    at: usize,
    hidden: &[&str],
    s: &Strings,
) -> Option<String> {
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
    let deps = (
        host,
        DerivedRef(derived.clone()),
        notes.clone(),
        chosen,
        hidden,
    );
    let tip = tip.clone();
    use_effect_with(deps, move |(host, derived, notes, chosen, hidden)| {
        let mut tips = None;
        if let (Some(host), Some(tip)) = (host, tip.cast::<web_sys::Element>()) {
            let ids: Vec<String> = notes.notes.iter().map(|n| n.id.to_string()).collect();
            let title = host.0.article.heading.is_some();
            let ranges = highlight_ranges(
                &derived.0,
                title,
                chosen.as_deref(),
                hidden,
                &notes.notes,
                &ids,
            );
            host.0.paint(&ranges);
            let (derived, hidden) = (derived.0.clone(), hidden.clone());
            tips = Some(host.0.tips(&tip, move |region, at| {
                tip_at(&derived, region, at, &hidden, s)
            }));
        }
        move || drop(tips)
    });
}
