//! Saving a text as a file the reader downloads.

use wasm_bindgen::JsCast;

use super::{js_text, PlatformError};

/// Offers `text` as a download named `filename` (a Blob URL clicked through a temporary link).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), PlatformError> {
    let err = |e: wasm_bindgen::JsValue| PlatformError::Download(js_text(&e));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(PlatformError::NoWindow)?;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| PlatformError::Download("not an anchor".into()))?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
