//! The sync loop of one widget, when the host names a database (`sync="https://…/db"`): rounds
//! of the core's [`Replicator`] against it, the remote changes merged into the [`NotesStore`]
//! (which saves them to localStorage as it saves the reader's own), and the status line.
//!
//! When: a round at start, one [`SYNC_DEBOUNCE`] after the reader's last change, every
//! [`POLL_INTERVAL`] otherwise, after a failure with back-off
//! ([`crate::core::sync::SyncStatus::next_round_in`], with jitter), at once when the browser says
//! it is back online (`online`); never two at a time, and none
//! after the widget is taken down. localStorage stays the first place every change is written:
//! the store saves it, and sync only reads the notes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::Callback;

use super::store::{NotesStore, Subscription};
use super::strings::Strings;
use super::sync_status::SyncShown;
use crate::core::notes::Notes;
use crate::core::sync::{
    editable, info_request, jittered, selector_filter_supported, state_key, DocContext, Next,
    Replicator, SyncConfig, SyncError, SyncEvent, SyncProblem, SyncState, User, POLL_INTERVAL,
};
use crate::platform::{clock, sync_client};

/// How long after the reader's last change a round starts: a burst of edits is one round.
pub const SYNC_DEBOUNCE: Duration = Duration::from_secs(1);

/// Longest time remote notes read in a round wait before they are merged into the store, in
/// milliseconds.
const MERGE_EVERY_MS: f64 = 500.0;

/// The language of the notes' text in the documents (as in the W3C export).
const NOTES_LANGUAGE: &str = "vi";

/// The running loop; dropping it stops it (the round in flight is let finish, and applies
/// nothing more).
pub struct SyncLoop(Rc<Inner>);

struct Inner {
    store: NotesStore,
    s: &'static Strings,
    /// The database's URL, absolute, without a trailing `/`.
    url: String,
    /// Where the [`SyncState`] is kept.
    key: String,
    config: RefCell<SyncConfig>,
    /// The database's information has been read (once a page).
    probed: Cell<bool>,
    state: RefCell<SyncState>,
    shown: Cell<SyncShown>,
    running: Cell<bool>,
    /// The last round ended with changes the server refused: they wait for the poll, not for
    /// the debounce (until the reader changes something).
    stalled: Cell<bool>,
    stopped: Cell<bool>,
    timer: RefCell<Option<Timeout>>,
    subscription: RefCell<Option<Subscription>>,
    online: RefCell<Option<EventListener>>,
}

impl SyncLoop {
    /// Starts syncing `store` with the database at `url` (the host's `sync` option) as `user`.
    /// A URL that is not http(s) starts nothing: the host is told (`error` event, code `sync`).
    pub fn start(
        store: &NotesStore,
        url: &str,
        user: Option<User>,
        s: &'static Strings,
    ) -> Option<SyncLoop> {
        let Some(url) = sync_client::database_url(url) else {
            store.report_error("sync", s.sync.bad_url);
            return None;
        };
        let key = state_key(store.article_id(), &url);
        let state = sync_client::load_state(&key);
        let config = SyncConfig {
            context: DocContext::new(store.article_id(), store.source(), NOTES_LANGUAGE),
            user,
            selector_filter: false,
        };
        let inner = Rc::new(Inner {
            store: store.clone(),
            s,
            url,
            key,
            config: RefCell::new(config),
            probed: Cell::new(false),
            state: RefCell::new(state),
            shown: Cell::default(),
            running: Cell::new(false),
            stalled: Cell::new(false),
            stopped: Cell::new(false),
            timer: RefCell::default(),
            subscription: RefCell::default(),
            online: RefCell::default(),
        });
        inner.show_authors(&inner.state.borrow());
        let weak = Rc::downgrade(&inner);
        *inner.subscription.borrow_mut() = Some(store.subscribe(Callback::from(move |()| {
            if let Some(me) = weak.upgrade() {
                me.on_local_change();
            }
        })));
        let weak = Rc::downgrade(&inner);
        *inner.online.borrow_mut() = web_sys::window().map(|w| {
            EventListener::new(&w, "online", move |_| {
                if let Some(me) = weak.upgrade() {
                    me.event(SyncEvent::BackOnline);
                    me.begin();
                }
            })
        });
        inner.event(SyncEvent::LocalChange {
            pending: inner.pending(),
        });
        inner.begin();
        Some(SyncLoop(inner))
    }
}

impl Drop for SyncLoop {
    fn drop(&mut self) {
        let me = &self.0;
        me.stopped.set(true);
        me.timer.borrow_mut().take();
        me.subscription.borrow_mut().take();
        me.online.borrow_mut().take();
    }
}

impl Inner {
    /// Changes here the server has not seen.
    fn pending(&self) -> usize {
        let user = self.config.borrow().user.clone();
        self.state
            .borrow()
            .pending(&self.store.notes(), user.as_ref())
    }

    /// The status after `event`, on the status line.
    fn event(&self, event: SyncEvent) {
        let mut shown = self.shown.get();
        shown.status = shown.status.reduce(event);
        self.shown.set(shown);
        self.store.set_sync_shown(shown);
    }

    /// Tells the paragraphs which notes are other readers' (read-only) and who wrote them.
    fn show_authors(&self, state: &SyncState) {
        let config = self.config.borrow();
        let others = state
            .docs
            .iter()
            .filter_map(|(id, meta)| {
                let creator = meta.creator.as_ref()?;
                (!editable(Some(creator), config.user.as_ref()))
                    .then(|| (*id, Rc::from(creator.name.as_str())))
            })
            .collect();
        self.store.paragraphs().set_others(others);
    }

    /// The notes changed (the reader, another tab, an import, or a merge of this loop's own).
    fn on_local_change(self: &Rc<Self>) {
        self.stalled.set(false);
        self.event(SyncEvent::LocalChange {
            pending: self.pending(),
        });
        self.schedule();
    }

    /// Sets the timer of the next round, as the status says (none while one runs).
    fn schedule(self: &Rc<Self>) {
        if self.stopped.get() || self.running.get() {
            return;
        }
        let Some(delay) = self.shown.get().status.next_round_in() else {
            return;
        };
        let delay = if self.stalled.get() {
            POLL_INTERVAL
        } else {
            delay.max(SYNC_DEBOUNCE)
        };
        let delay = jittered(delay, js_sys::Math::random());
        let weak = Rc::downgrade(self);
        let millis = u32::try_from(delay.as_millis()).unwrap_or(u32::MAX);
        *self.timer.borrow_mut() = Some(Timeout::new(millis, move || {
            if let Some(me) = weak.upgrade() {
                me.begin();
            }
        }));
    }

    /// Starts a round now, unless one runs or the loop is stopped.
    fn begin(self: &Rc<Self>) {
        if self.stopped.get() || self.running.replace(true) {
            return;
        }
        self.timer.borrow_mut().take();
        self.event(SyncEvent::RoundStarted);
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = me.round().await;
            me.running.set(false);
            if me.stopped.get() {
                return;
            }
            let pending = me.pending();
            let before = me.shown.get().status.problem;
            match outcome {
                Ok(refused) => {
                    me.stalled.set(pending > 0);
                    let mut shown = me.shown.get();
                    shown.refused = refused;
                    me.shown.set(shown);
                    me.event(SyncEvent::RoundFinished { pending });
                    if refused > 0 {
                        me.store.report_error("sync", &(me.s.sync.refused)(refused));
                    }
                }
                Err(error) => {
                    let problem = SyncProblem::from(&error);
                    me.event(SyncEvent::RoundFailed { problem, pending });
                    // The host hears of a problem once, not at every retry.
                    if before != Some(problem) {
                        let shown = me.shown.get();
                        me.store
                            .report_error("sync", &super::sync_status::sync_text(&shown, me.s));
                    }
                }
            }
            me.schedule();
        });
    }

    /// Merges remote notes into the store, their authors first (the paragraphs the merge wakes
    /// show them).
    fn apply(&self, remote: Option<Notes>, state: &SyncState) {
        if let Some(remote) = remote {
            self.show_authors(state);
            self.store.merge_remote(&remote);
        }
    }

    /// One round: the database's information once a page, then the replicator's requests until
    /// it is done. Returns how many documents or notes were refused.
    async fn round(&self) -> Result<usize, SyncError> {
        if !self.probed.get() {
            let info = sync_client::send(&self.url, &info_request()).await?;
            let supported = selector_filter_supported(&info)?;
            self.config.borrow_mut().selector_filter = supported;
            self.probed.set(true);
        }
        let config = self.config.borrow().clone();
        let mut replicator = Replicator::new(config, self.state.borrow().clone());
        let mut request = replicator.start();
        let mut refused = 0;
        // Remote notes read but not yet merged into the store: merged at most every
        // MERGE_EVERY_MS and when the round ends, so that a first pull of thousands of notes is
        // not a render and a re-anchoring per page. The replicator sees them merged already.
        let mut unapplied: Option<Notes> = None;
        let mut applied_at = js_sys::Date::now();
        let outcome = loop {
            let answer = match sync_client::send(&self.url, &request).await {
                Ok(answer) => answer,
                Err(error) => break Err(error),
            };
            if self.stopped.get() {
                break Ok(refused);
            }
            let local = match &unapplied {
                Some(remote) => Rc::new(self.store.notes().merge(remote)),
                None => self.store.notes(),
            };
            let step = match replicator.on_response(&local, answer, clock::now()) {
                Ok(step) => step,
                Err(error) => break Err(error),
            };
            refused += step.rejected.len();
            if let Some(remote) = step.merge {
                unapplied = Some(match unapplied.take() {
                    Some(earlier) => earlier.merge(&remote),
                    None => remote,
                });
            }
            if js_sys::Date::now() - applied_at >= MERGE_EVERY_MS {
                self.apply(unapplied.take(), replicator.state());
                applied_at = js_sys::Date::now();
            }
            match step.next {
                Next::Request(next) => request = next,
                Next::Done => break Ok(refused),
            }
        };
        // A round stopped by the widget's end merges nothing more, and keeps no checkpoint past
        // what the store holds (the next start reads those pages again).
        if self.stopped.get() && unapplied.is_some() {
            return outcome;
        }
        self.apply(unapplied, replicator.state());
        // What was applied is kept, whatever ended the round.
        let state = replicator.into_state();
        sync_client::save_state(&self.key, &state);
        self.show_authors(&state);
        *self.state.borrow_mut() = state;
        outcome
    }
}
