//! The sync's requests to the CouchDB database the host named (`sync="https://…/db"`), with
//! `fetch`, and the sync state kept in localStorage. The replication itself is the core's
//! ([`crate::core::sync::Replicator`]); this only carries its requests and answers.
//!
//! Every request goes to the database's URL and nowhere else, with the page's cookies
//! (`credentials: 'include'`: the site's login is the reader's), `Accept: application/json`, and
//! a time limit. Whatever goes wrong comes back as an answer the core reads ([`Response`] with
//! status 0 when none came) or a [`SyncError`]; nothing here panics, and nothing the server
//! sends is ever put into the page.

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit};

use crate::core::sync::replicate::MAX_RESPONSE_BYTES;
use crate::core::sync::{Method, Request, Response, SyncError, SyncState};

/// Longest wait for one answer, in milliseconds: a server that hangs counts as unreachable.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

/// The absolute URL of the database named by the host (`sync` option), resolved against the
/// page, without a trailing `/`; `None` unless it is `http:` or `https:`.
pub fn database_url(raw: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(raw.trim(), &base).ok()?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return None;
    }
    // Credentials in the URL would be kept in the page's memory and sent on; the site's login is
    // the page's cookies.
    if !url.username().is_empty() || !url.password().is_empty() {
        return None;
    }
    url.set_hash("");
    url.set_search("");
    Some(url.href().trim_end_matches('/').to_owned())
}

/// Makes `request` against the database at `db_url` (from [`database_url`]). No answer (offline,
/// the server down, a CORS refusal, the time limit) is status 0; an answer over
/// [`MAX_RESPONSE_BYTES`] is [`SyncError::TooLarge`].
pub async fn send(db_url: &str, request: &Request) -> Result<Response, SyncError> {
    let offline = Response {
        status: 0,
        body: String::new(),
    };
    let Some(window) = web_sys::window() else {
        return Ok(offline);
    };
    let url = format!("{db_url}/{}", request.path);
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Include);
    let headers = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"application/json".into());
    match (&request.method, &request.body) {
        (Method::Post, body) => {
            init.set_method("POST");
            let _ =
                js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/json".into());
            init.set_body(&JsValue::from_str(body.as_deref().unwrap_or("{}")));
        }
        (Method::Get, _) => init.set_method("GET"),
    }
    init.set_headers(&headers);
    let controller = AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    // Aborts the request (and the body's reading) if it takes too long; dropped (cancelled) once
    // the answer is read.
    let _limit = controller.map(|c| Timeout::new(REQUEST_TIMEOUT_MS, move || c.abort()));
    let Ok(answer) = JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await else {
        return Ok(offline);
    };
    let Ok(answer) = answer.dyn_into::<web_sys::Response>() else {
        return Ok(offline);
    };
    let declared = answer
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_RESPONSE_BYTES) {
        return Err(SyncError::TooLarge);
    }
    let status = answer.status();
    let Ok(buffer) = answer.array_buffer() else {
        return Ok(offline);
    };
    let Ok(buffer) = JsFuture::from(buffer).await else {
        return Ok(offline);
    };
    let bytes = js_sys::Uint8Array::new(&buffer);
    if bytes.length() as usize > MAX_RESPONSE_BYTES {
        return Err(SyncError::TooLarge);
    }
    // Not UTF-8 is not JSON: the core says so (the replaced bytes do not parse).
    let body = String::from_utf8_lossy(&bytes.to_vec()).into_owned();
    Ok(Response { status, body })
}

/// The sync state kept under `key` ([`crate::core::sync::state_key`]); an empty one when there is
/// none or it cannot be read (the next round reads everything again, which the merge makes
/// harmless).
pub fn load_state(key: &str) -> SyncState {
    let raw = local_storage().and_then(|s| s.get_item(key).ok().flatten());
    match raw.map(|raw| SyncState::decode(&raw)) {
        Some(Ok(state)) => state,
        None | Some(Err(_)) => SyncState::default(),
    }
}

/// Keeps `state` under `key`. A failure (storage full or blocked) only costs a longer pull next
/// time: the notes themselves are saved apart.
pub fn save_state(key: &str, state: &SyncState) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, &state.encode());
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
