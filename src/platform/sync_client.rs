//! The sync's requests to the CouchDB database the host named (`sync="https://…/db"`), made with
//! `fetch` by `sync_net.js` beside this file (a snippet the sync bundle's glue imports), and the
//! sync state kept in localStorage. The
//! replication itself is the core's ([`crate::core::sync::Replicator`]); this only carries its
//! requests and answers.
//!
//! Every request goes to the database's URL and nowhere else, with the page's cookies
//! (`credentials: 'include'`: the site's login is the reader's), `Accept: application/json`, and
//! a time limit. Whatever goes wrong comes back as an answer the core reads ([`Response`] with
//! status 0 when none came) or a [`SyncError`]; nothing here panics, and nothing the server
//! sends is ever put into the page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::sync::replicate::MAX_RESPONSE_BYTES;
use crate::core::sync::{Method, Request, Response, SyncError, SyncState};

/// Longest wait for one answer, in milliseconds: a server that hangs counts as unreachable.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

#[wasm_bindgen(module = "/src/platform/sync_net.js")]
extern "C" {
    /// `sync_net.js`'s URL check (see [`database_url`]).
    #[wasm_bindgen(js_name = databaseUrl)]
    fn checked_url(raw: &str) -> Option<String>;

    /// `sync_net.js`'s request: `[status, body]`, `[0, ""]` without an answer, `null` when the
    /// answer is over `max` bytes.
    #[wasm_bindgen(js_name = send)]
    fn fetch_text(url: &str, post: bool, body: &str, ms: u32, max: f64) -> js_sys::Promise;
}

/// The absolute URL of the database named by the host (`sync` option), resolved against the
/// page, without query, fragment or trailing `/`; `None` unless it is `http:` or `https:` and
/// carries no user name or password (credentials in the URL would be kept in the page's memory
/// and sent on; the site's login is the page's cookies).
pub fn database_url(raw: &str) -> Option<String> {
    checked_url(raw)
}

/// Makes `request` against the database at `db_url` (from [`database_url`]). No answer (offline,
/// the server down, a CORS refusal, the time limit) is status 0; an answer over
/// [`MAX_RESPONSE_BYTES`] is [`SyncError::TooLarge`]. A body that is not UTF-8 is read with
/// replacement characters (and then does not parse as JSON: the core says so).
pub async fn send(db_url: &str, request: &Request) -> Result<Response, SyncError> {
    let offline = Response {
        status: 0,
        body: String::new(),
    };
    let url = format!("{db_url}/{}", request.path);
    let post = matches!(request.method, Method::Post);
    let body = request.body.as_deref().unwrap_or("{}");
    let promise = fetch_text(
        &url,
        post,
        body,
        REQUEST_TIMEOUT_MS,
        MAX_RESPONSE_BYTES as f64,
    );
    let Ok(answer) = JsFuture::from(promise).await else {
        return Ok(offline);
    };
    if answer.is_null() {
        return Err(SyncError::TooLarge);
    }
    let Some(answer) = answer.dyn_ref::<js_sys::Array>() else {
        return Ok(offline);
    };
    match (answer.get(0).as_f64(), answer.get(1).as_string()) {
        (Some(status), Some(body)) => Ok(Response {
            status: status as u16,
            body,
        }),
        _ => Ok(offline),
    }
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
