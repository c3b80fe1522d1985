//! localStorage for the notes envelope, with every failure mode turned into a message.
//!
//! Loading never destroys data: a value that cannot be read is copied, untouched, to a backup key
//! before the widget starts afresh; if even that copy fails, the widget keeps its notes in memory
//! and does not write to the key at all. [`watch`] follows other tabs' saves of the same article.

use crate::core::notes::{Notes, Timestamp};
use crate::core::storage::{backup_key, decode, draft_key, notes_key, Envelope, StorageError};

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

/// What went wrong while loading, for the reader to be told.
#[derive(Debug)]
pub enum LoadProblem {
    /// localStorage cannot be used at all (blocked, sandboxed, missing).
    Unavailable(PlatformError),
    /// The stored value could not be read; `backup` is where it was kept aside, if it could be.
    Unreadable {
        why: StorageError,
        backup: Option<String>,
    },
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub notes: Notes,
    /// Whether the key may be written (false when storage is unusable, or an unreadable value
    /// could not be kept aside).
    pub writable: bool,
    pub problem: Option<LoadProblem>,
}

/// Loads the notes of `article_id`.
pub fn load(article_id: &str, now: Timestamp) -> Loaded {
    let storage = match local_storage() {
        Ok(s) => s,
        Err(e) => {
            return Loaded {
                notes: Notes::default(),
                writable: false,
                problem: Some(LoadProblem::Unavailable(e)),
            }
        }
    };
    let key = notes_key(article_id);
    let raw = match storage.get_item(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Loaded {
                notes: Notes::default(),
                writable: true,
                problem: None,
            }
        }
        Err(e) => {
            let e = PlatformError::StorageRead(js_text(&e));
            return Loaded {
                notes: Notes::default(),
                writable: false,
                problem: Some(LoadProblem::Unavailable(e)),
            };
        }
    };
    match decode(&raw) {
        Ok(env) => Loaded {
            notes: env.into_notes(),
            writable: true,
            problem: None,
        },
        Err(why) => {
            let backup = backup_key(article_id, now);
            match storage.set_item(&backup, &raw) {
                Ok(()) => Loaded {
                    notes: Notes::default(),
                    writable: true,
                    problem: Some(LoadProblem::Unreadable {
                        why,
                        backup: Some(backup),
                    }),
                },
                // Not even a copy could be made: the value stays untouched, and nothing is written.
                Err(_) => Loaded {
                    notes: Notes::default(),
                    writable: false,
                    problem: Some(LoadProblem::Unreadable { why, backup: None }),
                },
            }
        }
    }
}

/// Saves the notes of `article_id`.
pub fn save(article_id: &str, notes: &Notes, now: Timestamp) -> Result<(), PlatformError> {
    let storage = local_storage()?;
    let value = Envelope::new(article_id, notes, now).encode();
    storage
        .set_item(&notes_key(article_id), &value)
        .map_err(|e| PlatformError::StorageWrite(js_text(&e)))
}

/// Calls `on_change` with the notes another tab saved for `article_id`, for as long as the
/// returned listener lives. Values that cannot be read are ignored here: the tab that wrote them
/// reports its own problems, and this one keeps its notes.
pub fn watch(
    article_id: &str,
    on_change: impl Fn(Notes) + 'static,
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
            if let Some(env) = event.new_value().and_then(|raw| decode(&raw).ok()) {
                on_change(env.into_notes());
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
