//! Opt-in sync of an article's notes with a CouchDB database (a single CouchDB, a CouchDB 3
//! cluster, Cloudant or PouchDB Server), pure: no request is made here.
//!
//! - [`doc`]: the document of one annotation (its W3C form, the native fields, the author) and
//!   the strict reading of what a server sends;
//! - [`replicate`]: one replication round as a state machine over requests and responses, with
//!   the checkpoint and revisions kept between rounds ([`SyncState`]);
//! - [`status`]: the loop as the reader sees it (synced, pending, why not) and when the next
//!   round runs;
//! - here: who may edit a note, the back-off between failed rounds, the storage key of the state.
//!
//! Conflicts are decided by the notes' own merge ([`crate::core::notes::Notes::merge`]): the
//! latest modification wins, and a deletion is not undone by an edit older than it.

#![warn(missing_docs)]

pub mod doc;
pub mod replicate;
pub mod status;

#[cfg(test)]
mod couch_model;
#[cfg(test)]
mod tests;

use std::time::Duration;

pub use doc::{
    decode_doc, note_doc, tombstone_doc, DocContext, DocError, RemoteDoc, User, DOC_TYPE,
    DOC_VERSION,
};
pub use replicate::{
    info_request, selector_filter_supported, DocMeta, Method, Next, Rejection, Replicator, Request,
    Response, StateError, Step, SyncConfig, SyncError, SyncState,
};
pub use status::{SyncActivity, SyncEvent, SyncProblem, SyncStatus};

use super::storage::KEY_PREFIX;
use super::w3c::urn_part;

/// The delay before the first retry after a failed round.
pub const BACKOFF_FIRST: Duration = Duration::from_secs(1);
/// The longest delay between retries.
pub const BACKOFF_MAX: Duration = Duration::from_secs(5 * 60);
/// How long to wait between rounds when nothing failed and nothing changed locally (a change made
/// here starts a round at once).
pub const POLL_INTERVAL: Duration = Duration::from_secs(60);
/// The largest share of a delay added at random, so that many readers do not retry at once.
pub const JITTER_FRACTION: f64 = 0.25;

/// The delay before the next round after `failures` failed rounds in a row: none after none, then
/// [`BACKOFF_FIRST`], doubling, at most [`BACKOFF_MAX`].
pub fn backoff_delay(failures: u32) -> Duration {
    match failures {
        0 => Duration::ZERO,
        n => BACKOFF_FIRST
            .checked_mul(1u32.checked_shl(n - 1).unwrap_or(u32::MAX))
            .map_or(BACKOFF_MAX, |d| d.min(BACKOFF_MAX)),
    }
}

/// `delay` lengthened by up to [`JITTER_FRACTION`] of itself; `random` in [0, 1) (clamped; NaN
/// adds nothing).
pub fn jittered(delay: Duration, random: f64) -> Duration {
    let random = if random.is_nan() {
        0.0
    } else {
        random.clamp(0.0, 1.0)
    };
    delay.mul_f64(1.0 + JITTER_FRACTION * random)
}

/// Whether `user` may edit or delete a note whose author is `creator`: notes naming no author
/// (written before sync, or with no user given) are the reader's own; others' notes are read-only.
pub fn editable(creator: Option<&User>, user: Option<&User>) -> bool {
    match (creator, user) {
        (None, _) => true,
        (Some(c), Some(u)) => c.id == u.id,
        (Some(_), None) => false,
    }
}

/// The localStorage key of the [`SyncState`] of one article with one database.
pub fn state_key(article_id: &str, db_url: &str) -> String {
    format!("{KEY_PREFIX}sync:{article_id}:{}", urn_part(db_url))
}
