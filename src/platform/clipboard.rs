//! Copying text to the clipboard (`navigator.clipboard.writeText`), where the browser allows it.

use wasm_bindgen::JsCast;

/// Starts copying `text`; the promise settles when it is done or refused. `None` where there is no
/// clipboard API (insecure contexts, old browsers).
pub fn write_text(text: &str) -> Option<js_sys::Promise> {
    let window: wasm_bindgen::JsValue = web_sys::window()?.into();
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined())?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    write
        .call1(&clipboard, &text.into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}
