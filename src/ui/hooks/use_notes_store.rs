//! The App's side of the notes store: it renders again when the notes change (whoever changed
//! them: the reader, the host page's `importJson()`, another tab), saves them a moment after the
//! last change, merges what other tabs save, and saves what is pending when the page goes away
//! or the widget is taken down.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::core::notes::{Notes, NotesAction};
use crate::platform::{clock, storage};
use crate::ui::state::{ViewAction, ViewState};
use crate::ui::store::NotesStore;
use crate::ui::strings::Strings;

/// How long after the last change the notes are written to localStorage: a burst of changes is
/// one write, and the write never lands in the frame that shows the change.
pub const SAVE_DELAY_MS: u32 = 250;

/// Writes the store's notes to localStorage, a moment after the last change, and tells the
/// reader how it went on the status line.
pub struct Saver {
    store: NotesStore,
    view: UseReducerDispatcher<ViewState>,
    s: &'static Strings,
    /// The save scheduled after the last change, if it has not run yet.
    pending: RefCell<Option<Timeout>>,
    /// Set when a change brings its own message (an import's report, a deletion): the next
    /// successful save keeps quiet then.
    quiet: Cell<bool>,
}

impl Saver {
    /// The next successful save says nothing (the change has its own message).
    pub fn keep_quiet(&self) {
        self.quiet.set(true);
    }

    fn schedule(self: &Rc<Self>) {
        let me = self.clone();
        *self.pending.borrow_mut() = Some(Timeout::new(SAVE_DELAY_MS, move || {
            me.pending.borrow_mut().take();
            me.save_now();
        }));
    }

    fn save_now(&self) {
        let notes = self.store.notes();
        let saved = storage::save(self.store.article_id(), &notes, clock::now());
        let quiet = self.quiet.replace(false);
        let message = match saved {
            Ok(()) if quiet => return,
            Ok(()) => self.s.saved.to_owned(),
            Err(e) => self.s.save_failed(&e),
        };
        self.view.dispatch(ViewAction::Status { message });
    }

    /// Saves now what is waiting to be saved, if anything.
    fn flush(&self) {
        let pending = self.pending.borrow_mut().take();
        if pending.is_some() {
            self.save_now();
        }
    }
}

/// The notes as they are now (the App renders again when they change), and the saver.
#[hook]
pub fn use_notes_store(
    store: &NotesStore,
    view: UseReducerDispatcher<ViewState>,
    s: &'static Strings,
) -> (Rc<Notes>, Rc<Saver>) {
    let update = use_force_update();
    let saver = use_memo(store.clone(), |store| {
        Rc::new(Saver {
            store: store.clone(),
            view: view.clone(),
            s,
            pending: RefCell::default(),
            quiet: Cell::new(false),
        })
    });
    let saver: Rc<Saver> = (*saver).clone();
    {
        let saver = saver.clone();
        use_effect_with(store.clone(), move |store| {
            let subscription = store.subscribe({
                let (saver, store) = (saver.clone(), store.clone());
                Callback::from(move |()| {
                    update.force_update();
                    // Notes from the sync server are saved without a word to the reader.
                    if store.is_remote_change() {
                        saver.keep_quiet();
                    }
                    saver.schedule();
                })
            });
            // The host page hears the count once the widget shows it.
            store.announce();
            let watch = storage::watch(store.article_id(), {
                let (store, saver) = (store.clone(), saver.clone());
                move |other| match other {
                    // Merging is never refused.
                    Ok(other) => drop(store.dispatch(NotesAction::Merge { other })),
                    // Another tab saved what this version cannot read: it is left alone (saves
                    // refuse to overwrite it), and the reader is told.
                    Err(why) => {
                        let problem = storage::LoadProblem::Unreadable { why, backup: None };
                        let message = saver.s.load_problem(&problem);
                        store.report_error("load", &message);
                        saver.view.dispatch(ViewAction::Status { message });
                    }
                }
            });
            let on_hide = {
                let saver = saver.clone();
                web_sys::window().map(|w| {
                    gloo::events::EventListener::new(&w, "pagehide", move |_| saver.flush())
                })
            };
            move || {
                drop((subscription, watch, on_hide));
                // Taken down (`destroy()`, a remount): what is pending is saved, not dropped.
                saver.flush();
            }
        });
    }
    (store.notes(), saver)
}
