//! The only code that talks to browser APIs other than rendering: localStorage with its failure
//! modes, the clock and random ids, downloads, Unicode normalisation; in place, the host's
//! article ([`in_place`]: the bindings to the element script that reads it, paints in it and
//! watches it). Every failure comes back as a [`PlatformError`], never a panic.

// A panic kills the widget (panic = "abort" in wasm): nothing here may unwrap or expect.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod clipboard;
pub mod clock;
pub mod download;
pub mod focus;
pub mod in_place;
pub mod json;
pub mod reveal;
pub mod selection;
pub mod storage;
#[cfg(feature = "sync")]
pub mod sync_client;

/// Adds `sheet` to the adopted stylesheets of `target` (a document or a shadow root) when
/// `adopted`, or takes it out, leaving the others it has; false if the browser has no adopted
/// stylesheets or refused them (the caller then does without, or links the sheet instead).
pub fn adopt(target: &wasm_bindgen::JsValue, sheet: &wasm_bindgen::JsValue, adopted: bool) -> bool {
    let key = wasm_bindgen::JsValue::from("adoptedStyleSheets");
    let Ok(current) = js_sys::Reflect::get(target, &key) else {
        return false;
    };
    if !js_sys::Array::is_array(&current) {
        return false;
    }
    let sheets: js_sys::Array = js_sys::Array::from(&current)
        .iter()
        .filter(|s| s != sheet)
        .collect();
    if adopted {
        sheets.push(sheet);
    }
    js_sys::Reflect::set(target, &key, &sheets).unwrap_or(false)
}

/// Natively (the component tests)
/// the core has its own tables and there is nothing to install.
#[cfg(not(target_arch = "wasm32"))]
pub fn install_unicode() {}

/// Gives the core the browser's Unicode normalisation and lower case
/// (`String.prototype.normalize`, `toLowerCase`), so the wasm carries no normalisation or case
/// tables of its own. Idempotent.
#[cfg(target_arch = "wasm32")]
pub fn install_unicode() {
    use crate::core::unicode::{install, Form, Provider};
    install(Provider {
        normalize: |s, form| {
            let name = match form {
                Form::Nfc => "NFC",
                Form::Nfd => "NFD",
            };
            String::from(js_sys::JsString::from(s).normalize(name))
        },
        lowercase: |s| String::from(js_sys::JsString::from(s).to_lower_case()),
    });
}

use thiserror::Error;

/// A browser API that failed, with what the browser said.
#[derive(Debug, Error)]
pub enum PlatformError {
    #[error("there is no window (not running in a browser page)")]
    NoWindow,
    #[error("localStorage is not available here: {0}")]
    StorageUnavailable(String),
    #[error("could not read localStorage: {0}")]
    StorageRead(String),
    #[error("could not start the download: {0}")]
    Download(String),
}

/// The text of a JS exception or value, for messages: a string itself, an error's `message`,
/// else the value as JSON. (Not `{:?}`: the JsValue debug formatter links a whole describer into
/// the glue, for a case that does not occur.)
pub(crate) fn js_text(v: &wasm_bindgen::JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    let null = wasm_bindgen::JsValue::NULL;
    js_sys::Reflect::get(v, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| {
            js_sys::JSON::stringify_with_replacer_and_space(v, &null, &null)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| String::from("?"))
}
