//! Time and randomness from the browser, for note times and ids.

use crate::core::notes::{NoteId, Timestamp};

/// Now, from `Date.now()`.
pub fn now() -> Timestamp {
    let ms = js_sys::Date::now();
    Timestamp(if ms.is_finite() && ms > 0.0 {
        ms as u64
    } else {
        0
    })
}

/// A new random note id: `crypto.getRandomValues`, or `Math.random` where crypto is missing.
pub fn new_note_id() -> NoteId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    NoteId::from_random_bytes(bytes)
}
