//! Telling the widget which paragraphs come near the viewport (an `IntersectionObserver`), so that
//! a very long article renders its highlights and controls only where the reader is.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far outside the viewport a paragraph is revealed ahead of the reader.
const AHEAD: &str = "1500px 0px";

/// Watches the elements matching `selector` under `root`; calls `on_near` with the value of
/// `attr` of those that come within [`AHEAD`] of the viewport, each once. Dropping it stops.
pub struct Revealer {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
}

impl Revealer {
    pub fn new(
        root: &Element,
        selector: &str,
        attr: &'static str,
        on_near: impl Fn(Vec<String>) + 'static,
    ) -> Option<Revealer> {
        let callback = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: IntersectionObserver| {
                let mut near = Vec::new();
                for entry in entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                {
                    if entry.is_intersecting() {
                        let target = entry.target();
                        observer.unobserve(&target);
                        near.extend(target.get_attribute(attr));
                    }
                }
                if !near.is_empty() {
                    on_near(near);
                }
            },
        );
        let init = IntersectionObserverInit::new();
        init.set_root_margin(AHEAD);
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
                .ok()?;
        let list = root.query_selector_all(selector).ok()?;
        for i in 0..list.length() {
            if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                observer.observe(&el);
            }
        }
        Some(Revealer {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for Revealer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
