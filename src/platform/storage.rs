//! localStorage for the notes envelope, with every failure mode turned into a message.
//!
//! Loading never destroys data: a value that cannot be read is copied, untouched, to a backup key
//! before the widget starts afresh; if even that copy fails, the widget keeps its notes in memory
//! and does not write to the key at all.

use crate::core::notes::{Note, Timestamp};
use crate::core::storage::{backup_key, decode, notes_key, Envelope};

use super::{js_text, PlatformError};

fn local_storage() -> Result<web_sys::Storage, PlatformError> {
    let window = web_sys::window().ok_or(PlatformError::NoWindow)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(PlatformError::StorageUnavailable("the browser has none".into())),
        Err(e) => Err(PlatformError::StorageUnavailable(js_text(&e))),
    }
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    pub notes: Vec<Note>,
    /// Whether the key may be written (false when an unreadable value could not be kept aside).
    pub writable: bool,
    /// What the reader must be told, if anything.
    pub problem: Option<String>,
}

/// Loads the notes of `article_id`.
pub fn load(article_id: &str, now: Timestamp) -> Loaded {
    let storage = match local_storage() {
        Ok(s) => s,
        Err(e) => return Loaded { notes: Vec::new(), writable: false, problem: Some(e.to_string()) },
    };
    let key = notes_key(article_id);
    let raw = match storage.get_item(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded { notes: Vec::new(), writable: true, problem: None },
        Err(e) => {
            let e = PlatformError::StorageRead(js_text(&e));
            return Loaded { notes: Vec::new(), writable: false, problem: Some(e.to_string()) };
        }
    };
    match decode(&raw) {
        Ok(env) => Loaded { notes: env.notes, writable: true, problem: None },
        Err(why) => {
            let backup = backup_key(article_id, now);
            match storage.set_item(&backup, &raw) {
                Ok(()) => Loaded { notes: Vec::new(), writable: true, problem: Some(format!("{why}; the stored value was kept aside under “{backup}”.")) },
                Err(e) => Loaded {
                    notes: Vec::new(),
                    writable: false,
                    problem: Some(format!("{why}; it could not be kept aside ({}), so it is left untouched and new notes stay in this page only.", js_text(&e))),
                },
            }
        }
    }
}

/// Saves the notes of `article_id`.
pub fn save(article_id: &str, notes: &[Note], now: Timestamp) -> Result<(), PlatformError> {
    let storage = local_storage()?;
    let value = Envelope::new(article_id, notes.to_vec(), now).encode();
    storage.set_item(&notes_key(article_id), &value).map_err(|e| PlatformError::StorageWrite(js_text(&e)))
}
