//! JSON indented by the browser: the exports are written compact by the core and indented here
//! with `JSON.stringify(JSON.parse(text), null, 2)`, which writes what serde_json's pretty printer
//! writes (two spaces, `"key": value`, `[]` and `{}` when empty, the same escapes), so that
//! printer is not shipped in the wasm. Keys keep their order: none of the exports' keys is an
//! integer, the only keys `JSON.parse` reorders. Natively (the component tests) serde_json
//! indents it.

/// Spaces per level of indentation, as `serde_json::to_string_pretty` indents.
#[cfg(target_arch = "wasm32")]
const INDENT_SPACES: u32 = 2;

/// `json` indented by [`INDENT_SPACES`] per level. Should the browser fail to read or write it
/// (it cannot for JSON the core wrote), `json` itself comes back: the same data, compact.
#[cfg(target_arch = "wasm32")]
pub fn pretty(json: String) -> String {
    use wasm_bindgen::JsValue;
    js_sys::JSON::parse(&json)
        .and_then(|value| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &value,
                &JsValue::NULL,
                &JsValue::from(INDENT_SPACES),
            )
        })
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or(json)
}

/// `json` pretty-printed by serde_json (natively there is no browser; objects keep their key
/// order, `preserve_order`); `json` itself if it is not JSON.
#[cfg(not(target_arch = "wasm32"))]
pub fn pretty(json: String) -> String {
    serde_json::from_str::<serde_json::Value>(&json)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or(json)
}
