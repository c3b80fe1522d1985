//! The element script's `inPlace` object, evaluated from `src/embed/article-annotator-element.js`
//! itself, for the browser tests of the in-place mode: they run the very code host pages load;
//! and what it registers in `CSS.highlights`.

use wasm_bindgen::JsValue;

/// The element script's source.
const ELEMENT_SCRIPT: &str = include_str!("../../src/embed/article-annotator-element.js");

thread_local! {
    /// Evaluated once: the script's state is shared by every widget of a page, as in a page.
    static SCRIPT: JsValue = {
        let from = ELEMENT_SCRIPT
            .find("// In place (the host's own article")
            .expect("the in-place part");
        let last = ELEMENT_SCRIPT.find("const inPlace = ").expect("the inPlace object");
        let to = last + ELEMENT_SCRIPT[last..].find('\n').expect("its end");
        let body = format!("{}\nreturn inPlace;", &ELEMENT_SCRIPT[from..to]);
        js_sys::Function::new_no_args(&body)
            .call0(&JsValue::NULL)
            .expect("evaluates")
    };
}

/// The script's `inPlace` object (`options.inPlace` of `mount`).
pub fn in_place() -> JsValue {
    SCRIPT.with(JsValue::clone)
}

/// What the element script registered under `name` in `CSS.highlights` (a `Highlight`, a set of
/// ranges), or `undefined` when nothing is.
pub fn css_highlight(name: &str) -> JsValue {
    use wasm_bindgen::JsCast;
    let css = js_sys::Reflect::get(&js_sys::global(), &"CSS".into()).expect("CSS");
    let registry = js_sys::Reflect::get(&css, &"highlights".into()).expect("CSS.highlights");
    let get: js_sys::Function = js_sys::Reflect::get(&registry, &"get".into())
        .expect("get")
        .dyn_into()
        .expect("function");
    get.call1(&registry, &name.into()).expect("get()")
}
