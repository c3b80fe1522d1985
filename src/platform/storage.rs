//! localStorage for the notes envelope, with every failure mode turned into an error that keeps
//! its cause.
//!
//! Nothing this code cannot read is ever overwritten: a stored value that does not parse, is not
//! ours or is of a newer version (written by a newer widget in another tab, say) is copied,
//! untouched, to a backup key when it is found at load (once: a later load finds the copy), and
//! every [`save`] first checks that
//! the key holds a value this code reads ([`SaveError::Protected`] otherwise), so the notes stay
//! in the page until the reader downloads them. [`watch`] follows other tabs' saves of the same
//! article, and reports the values it cannot read.

use crate::core::export::EncodeError;
use crate::core::notes::{Notes, Timestamp};
use crate::core::storage::{
    backup_key, check_replaceable, decode, draft_key, notes_key, Envelope, StorageError,
};

use thiserror::Error;
use wasm_bindgen::JsCast;

use super::{js_text, PlatformError};

fn local_storage() -> Result<web_sys::Storage, PlatformError> {
    let window = web_sys::window().ok_or(PlatformError::NoWindow)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(PlatformError::StorageUnavailable(
            "the browser has none".into(),
        )),
        Err(e) => Err(PlatformError::StorageUnavailable(js_text(&e))),
    }
}

/// What went wrong while loading (or when another tab saved), for the reader to be told.
#[derive(Debug)]
pub enum LoadProblem {
    /// localStorage cannot be used at all (blocked, sandboxed, missing).
    Unavailable(PlatformError),
    /// The stored value could not be read; `backup` is where it was copied, if it was. The value
    /// itself stays under its key, untouched: saves leave it alone.
    Unreadable {
        why: StorageError,
        backup: Option<String>,
    },
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub notes: Notes,
    pub problem: Option<LoadProblem>,
}

/// Why a save did not happen. The notes stay in memory in every case.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The browser's storage for this site is full (`QuotaExceededError`).
    #[error("localStorage is full: {0}")]
    Full(String),
    /// Storage is blocked or missing here (privacy settings, a sandboxed frame).
    #[error("localStorage is blocked here: {0}")]
    Blocked(#[source] PlatformError),
    /// The key holds a value this code cannot read: it is not overwritten.
    #[error("the stored notes cannot be read by this version, so they are not overwritten")]
    Protected(#[source] StorageError),
    /// The notes could not be written as JSON.
    #[error(transparent)]
    Encode(#[from] EncodeError),
    /// Any other refusal by the browser.
    #[error("could not write to localStorage: {0}")]
    Other(String),
}

/// The cause of a failed `setItem`: a full storage, storage blocked, or something else.
fn write_error(e: &wasm_bindgen::JsValue) -> SaveError {
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let text = js_text(e);
    match name.as_str() {
        // Firefox names it NS_ERROR_DOM_QUOTA_REACHED.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => SaveError::Full(text),
        "SecurityError" | "InvalidAccessError" => {
            SaveError::Blocked(PlatformError::StorageUnavailable(text))
        }
        _ => SaveError::Other(text),
    }
}

/// Loads the notes of `article_id`. A value that cannot be read is copied to a backup key and
/// left where it is.
pub fn load(article_id: &str, now: Timestamp) -> Loaded {
    let none = |problem| Loaded {
        notes: Notes::default(),
        problem,
    };
    let storage = match local_storage() {
        Ok(s) => s,
        Err(e) => return none(Some(LoadProblem::Unavailable(e))),
    };
    let raw = match storage.get_item(&notes_key(article_id)) {
        Ok(Some(raw)) => raw,
        Ok(None) => return none(None),
        Err(e) => {
            let e = PlatformError::StorageRead(js_text(&e));
            return none(Some(LoadProblem::Unavailable(e)));
        }
    };
    match decode(&raw) {
        Ok(env) => Loaded {
            notes: env.into_notes(),
            problem: None,
        },
        Err(why) => {
            // The value stays under its key, so every load finds it again: one copy is enough.
            let key = backup_key(article_id, &raw);
            let backup = match storage.get_item(&key) {
                Ok(Some(kept)) if kept == raw => Some(key),
                // Another value under the same hash: a copy of its own, never over it.
                Ok(Some(_)) => {
                    let key = format!("{key}-{}", now.0);
                    storage.set_item(&key, &raw).ok().map(|()| key)
                }
                _ => storage.set_item(&key, &raw).ok().map(|()| key),
            };
            none(Some(LoadProblem::Unreadable { why, backup }))
        }
    }
}

/// Saves the notes of `article_id`, unless the key holds a value this code cannot read (or
/// cannot even look at).
pub fn save(article_id: &str, notes: &Notes, now: Timestamp) -> Result<(), SaveError> {
    let storage = local_storage().map_err(SaveError::Blocked)?;
    let key = notes_key(article_id);
    match storage.get_item(&key) {
        Ok(Some(raw)) => check_replaceable(&raw).map_err(SaveError::Protected)?,
        Ok(None) => {}
        Err(e) => {
            return Err(SaveError::Blocked(PlatformError::StorageRead(js_text(&e))));
        }
    }
    let value = Envelope::new(article_id, notes, now).encode()?;
    storage.set_item(&key, &value).map_err(|e| write_error(&e))
}

/// Calls `on_change` with what another tab saved for `article_id` (its notes, or why they
/// cannot be read), for as long as the returned listener lives. A value removed (the key
/// cleared) is not a change to the notes.
pub fn watch(
    article_id: &str,
    on_change: impl Fn(Result<Notes, StorageError>) + 'static,
) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    let key = notes_key(article_id);
    Some(gloo::events::EventListener::new(
        &window,
        "storage",
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                return;
            };
            if event.key().as_deref() != Some(key.as_str()) {
                return;
            }
            if let Some(raw) = event.new_value() {
                on_change(decode(&raw).map(Envelope::into_notes));
            }
        },
    ))
}

/// Keeps what the reader is typing, so a reload does not lose it. Failures are ignored: a draft is
/// a convenience, and the note itself is saved (or its failure reported) on save.
pub fn save_draft(article_id: &str, slot: &str, text: &str) {
    if let Ok(storage) = local_storage() {
        let key = draft_key(article_id, slot);
        let _ = if text.is_empty() {
            storage.remove_item(&key)
        } else {
            storage.set_item(&key, text)
        };
    }
}

/// The draft kept for `slot`, if any.
pub fn load_draft(article_id: &str, slot: &str) -> Option<String> {
    local_storage()
        .ok()?
        .get_item(&draft_key(article_id, slot))
        .ok()
        .flatten()
}

/// Forgets the draft of `slot` (saved or cancelled).
pub fn clear_draft(article_id: &str, slot: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(&draft_key(article_id, slot));
    }
}
