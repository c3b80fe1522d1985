//! The entity panel: the article's officials (with their titles) and bodies, each with its number
//! of mentions. Choosing one highlights all its mentions and steps through them; each kind can be
//! shown or hidden.

use std::rc::Rc;

use yew::prelude::*;

use super::strings::Strings;
use crate::core::order;
use crate::core::recognize::{Entity, EntityKind};

#[derive(Properties, PartialEq)]
pub struct EntityPanelProps {
    pub entities: Rc<Vec<Entity>>,
    /// The chosen entity's id.
    pub selected: Option<AttrValue>,
    /// Which mention of the chosen entity is current (0-based), and how many there are.
    pub position: (usize, usize),
    /// Kinds whose highlights are hidden (`official`, `title`, `body`).
    pub hidden: Vec<&'static str>,
    pub on_select: Callback<Option<AttrValue>>,
    /// +1 for the next mention, -1 for the previous.
    pub on_step: Callback<isize>,
    pub on_toggle_kind: Callback<&'static str>,
}

/// The panel, in the reader's language. A render function rather than a component (the App renders it
/// once, with props rebuilt each time): a component's props type and lifecycle only added wasm.
pub fn entity_panel(props: &EntityPanelProps, s: &Strings) -> Html {
    let group = |kind: EntityKind, title: &'static str| {
        let mut items: Vec<&Entity> = props
            .entities
            .iter()
            .filter(|e| e.kind == kind && e.mentions > 0)
            .collect();
        order::sort_by(&mut items, |a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
        });
        if items.is_empty() {
            return html! {};
        }
        let list: Html = items
            .into_iter()
            .map(|e| {
                let id: AttrValue = e.id.clone().into();
                let chosen = props.selected.as_ref() == Some(&id);
                let on_click = {
                    let (cb, id) = (props.on_select.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| cb.emit(if chosen { None } else { Some(id.clone()) }))
                };
                let detail = if e.titles.is_empty() { e.expansion.clone().unwrap_or_default() } else { e.titles.join(", ") };
                html! {
                    <li key={e.id.clone()}>
                        <button type="button" Class={if chosen { "aa-panel__item aa-panel__item--chosen" } else { "aa-panel__item" }} onclick={on_click}
                            data-aa-action="choose-entity" data-aa-entity-id={e.id.clone()} aria-pressed={if chosen { "true" } else { "false" }}>
                            <span class="aa-panel__name">{ e.name.clone() }</span>
                            if !detail.is_empty() { <span class="aa-panel__detail">{ detail }</span> }
                            <span class="aa-panel__count" aria-label={(s.mentions_count)(e.mentions)}>{ e.mentions }</span>
                        </button>
                    </li>
                }
            })
            .collect();
        html! {
            <section class="aa-panel__group">
                <h3 class="aa-panel__heading">{ title }</h3>
                <ul class="aa-panel__list">{ list }</ul>
            </section>
        }
    };
    let toggles: Html = [("official", s.kind_official), ("title", s.kind_title), ("body", s.kind_body)]
        .into_iter()
        .map(|(kind, label)| {
            let shown = !props.hidden.contains(&kind);
            let on_change = props.on_toggle_kind.reform(move |_: Event| kind);
            html! {
                <label Class={format!("aa-panel__toggle aa-panel__toggle--{kind}")}>
                    <input type="checkbox" checked={shown} onchange={on_change} data-aa-action="toggle-kind" data-aa-kind={kind} />
                    <span Class={format!("aa-entity aa-entity--{kind}")}>{ label }</span>
                </label>
            }
        })
        .collect();
    let stepper = props.selected.as_ref().map(|_| {
        let (at, total) = props.position;
        html! {
            <div class="aa-panel__stepper" role="group" aria-label={s.mentions_nav}>
                <button type="button" class="aa-button aa-button--small" data-aa-action="previous-mention" onclick={props.on_step.reform(|_: MouseEvent| -1)}>{ s.previous }</button>
                <span class="aa-panel__position" aria-live="polite">{ format!("{} / {}", at + 1, total) }</span>
                <button type="button" class="aa-button aa-button--small" data-aa-action="next-mention" onclick={props.on_step.reform(|_: MouseEvent| 1)}>{ s.next }</button>
            </div>
        }
    });
    html! {
        <nav class="aa-panel" aria-label={s.panel_title}>
            <h2 class="aa-panel__title">{ s.panel_title }</h2>
            <fieldset class="aa-panel__kinds">
                <legend class="aa-panel__legend">{ s.legend }</legend>
                { toggles }
            </fieldset>
            { stepper.unwrap_or_default() }
            { group(EntityKind::Official, s.officials) }
            { group(EntityKind::Body, s.bodies) }
        </nav>
    }
}
