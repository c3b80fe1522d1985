//! The one owner of a widget's notes: a store around the pure core reducer that the Yew tree and
//! the host page's handle (`exportJson()`, `importJson()`) both act on, synchronously.
//!
//! Every change goes through [`NotesStore::dispatch`], which applies a [`NotesAction`] with
//! [`Notes::apply`] to the notes as they are at that moment, keeps the result, tells the
//! paragraphs' store ([`ParagraphNotes`], which wakes only the paragraphs whose notes changed)
//! and then every subscriber (the App, which renders again and schedules the save). A call from
//! the host page therefore sees every call made before it in the same task: two `importJson()`
//! in a row merge into one another, and `exportJson()` right after describes both.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::Callback;

use super::paragraph_notes::ParagraphNotes;
#[cfg(feature = "sync")]
use super::sync_status::SyncShown;
use crate::core::anchor::reanchor;
use crate::core::article::Article;
use crate::core::document_text::DocumentText;
use crate::core::export::{EncodeError, ExportArticle, NativeExport};
use crate::core::import::{self, ImportError, ImportReport};
use crate::core::notes::{Notes, NotesAction, NotesError, Timestamp};
use crate::platform::in_place::DocumentReader;
use crate::platform::json;
use crate::platform::storage::LoadProblem;

/// Called with the number of notes after every change (the `change` event).
pub type ChangeListener = Rc<dyn Fn(usize)>;
/// Called with a code and a message for the host page (the `error` event).
pub type ErrorListener = Rc<dyn Fn(&str, &str)>;

struct Inner {
    article: Rc<Article>,
    article_id: Rc<str>,
    export_article: ExportArticle,
    notes: RefCell<Rc<Notes>>,
    /// Each paragraph's notes, for the paragraphs to take theirs from.
    paragraphs: ParagraphNotes,
    subscribers: RefCell<Vec<(u64, Callback<()>)>>,
    next_subscriber: Cell<u64>,
    on_change: RefCell<Option<ChangeListener>>,
    on_error: RefCell<Option<ErrorListener>>,
    /// What loading found wrong, until the view has told the reader.
    load_problem: RefCell<Option<LoadProblem>>,
    /// The sync's status line, when the host turned sync on, and who shows it.
    #[cfg(feature = "sync")]
    sync: Cell<Option<SyncShown>>,
    #[cfg(feature = "sync")]
    sync_watcher: RefCell<Option<Callback<()>>>,
    /// The last change came from the sync server, not from the reader: its save says nothing.
    remote_change: Cell<bool>,
    /// Reads the page the article is shown on in place (its text and URL), for the W3C export;
    /// `None`: the article is rendered by the widget.
    document: RefCell<Option<DocumentReader>>,
}

/// The notes of one mounted widget; clones share it, and compare equal when they are the same.
#[derive(Clone)]
pub struct NotesStore(Rc<Inner>);

impl PartialEq for NotesStore {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for NotesStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotesStore")
            .field("article_id", &self.0.article_id)
            .field("notes", &self.0.notes.borrow().len())
            .finish_non_exhaustive()
    }
}

/// Ends a subscription when dropped.
#[must_use = "the subscription ends when this is dropped"]
pub struct Subscription {
    store: NotesStore,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.store
            .0
            .subscribers
            .borrow_mut()
            .retain(|(id, _)| *id != self.id);
    }
}

impl NotesStore {
    /// A store holding `notes` for `article`, placed again in the article as it now reads.
    pub fn new(
        article: Rc<Article>,
        article_id: &str,
        source: Option<String>,
        notes: &Notes,
        load_problem: Option<LoadProblem>,
    ) -> NotesStore {
        let notes = Rc::new(reanchor(notes, &article));
        let paragraphs = ParagraphNotes::default();
        paragraphs.update(&notes);
        NotesStore(Rc::new(Inner {
            export_article: ExportArticle {
                id: article_id.to_owned(),
                title: article.title.clone(),
                source,
            },
            article,
            article_id: Rc::from(article_id),
            notes: RefCell::new(notes),
            paragraphs,
            subscribers: RefCell::default(),
            next_subscriber: Cell::new(0),
            on_change: RefCell::default(),
            on_error: RefCell::default(),
            load_problem: RefCell::new(load_problem),
            #[cfg(feature = "sync")]
            sync: Cell::new(None),
            #[cfg(feature = "sync")]
            sync_watcher: RefCell::default(),
            remote_change: Cell::new(false),
            document: RefCell::default(),
        }))
    }

    /// The notes as they are now.
    pub fn notes(&self) -> Rc<Notes> {
        self.0.notes.borrow().clone()
    }

    /// The article the notes belong to.
    pub fn article(&self) -> &Rc<Article> {
        &self.0.article
    }

    /// The storage id of the article.
    pub fn article_id(&self) -> &Rc<str> {
        &self.0.article_id
    }

    /// The URL of the article's source, when it came from one.
    pub fn source(&self) -> Option<&str> {
        self.0.export_article.source.as_deref()
    }

    /// Merges notes read from the sync server (already checked, see
    /// [`crate::core::sync::decode_doc`]) into the notes as they are now, placed in the article
    /// as it reads here: by id and modification time, a deletion not undone by an older edit.
    /// Only the paragraphs whose notes changed render again.
    pub fn merge_remote(&self, other: &Notes) {
        let other = reanchor(other, &self.0.article);
        self.0.remote_change.set(true);
        // The merge is never refused.
        let _ = self.dispatch(NotesAction::Merge { other });
        self.0.remote_change.set(false);
    }

    /// Whether the change being announced came from the sync server (its save then tells the
    /// reader nothing: they did not save anything).
    pub fn is_remote_change(&self) -> bool {
        self.0.remote_change.get()
    }

    /// The sync's status line, `None` when sync is off.
    #[cfg(feature = "sync")]
    pub fn sync_shown(&self) -> Option<SyncShown> {
        self.0.sync.get()
    }

    /// Sets the sync's status line and wakes who shows it.
    #[cfg(feature = "sync")]
    pub fn set_sync_shown(&self, shown: SyncShown) {
        if self.0.sync.replace(Some(shown)) != Some(shown) {
            let watcher = self.0.sync_watcher.borrow().clone();
            if let Some(watcher) = watcher {
                watcher.emit(());
            }
        }
    }

    /// Sets (or removes) what is woken when the sync's status line changes.
    #[cfg(feature = "sync")]
    pub fn watch_sync(&self, watcher: Option<Callback<()>>) {
        *self.0.sync_watcher.borrow_mut() = watcher;
    }

    /// Each paragraph's notes (the paragraphs subscribe there, one by one).
    pub fn paragraphs(&self) -> &ParagraphNotes {
        &self.0.paragraphs
    }

    /// What loading found wrong, taken once (the view tells the reader).
    pub fn take_load_problem(&self) -> Option<LoadProblem> {
        self.0.load_problem.borrow_mut().take()
    }

    /// Applies `action` to the notes as they are now. A change is kept, the paragraphs whose notes
    /// changed are woken, then every subscriber and the change listener; nothing changes when
    /// the action is refused. Returns an import's report.
    pub fn dispatch(&self, action: NotesAction) -> Result<Option<ImportReport>, NotesError> {
        let applied = self.notes().apply(action)?;
        let changed = applied.notes != **self.0.notes.borrow();
        if changed {
            let notes = Rc::new(applied.notes);
            *self.0.notes.borrow_mut() = notes.clone();
            self.0.paragraphs.update(&notes);
            // Called after every borrow ends: a subscriber may read (or change) the store.
            let subscribers: Vec<Callback<()>> = self
                .0
                .subscribers
                .borrow()
                .iter()
                .map(|(_, cb)| cb.clone())
                .collect();
            for cb in subscribers {
                cb.emit(());
            }
            self.announce();
        }
        Ok(applied.report)
    }

    /// Sets (or removes) what reads the page when the article is annotated in place
    /// (`platform::in_place::in_place_reader`). The W3C export counts and quotes the text
    /// other clients read on the page the notes are on, and names the page's URL as its source:
    /// the host's article element through this reader; without one, the widget's rendered article
    /// ([`DocumentText::rendered`]).
    pub fn set_document(&self, reader: Option<DocumentReader>) {
        *self.0.document.borrow_mut() = reader;
    }

    /// The page's text as it is now. A host page that cannot be read places nothing: the
    /// notes then go by their quotes alone, never by the article's own offsets taken for the
    /// page's.
    fn document_text(&self) -> DocumentText {
        let reader = self.0.document.borrow().clone();
        match reader {
            Some(read) => read(&self.0.article).unwrap_or_else(|| DocumentText::new("", None)),
            None => DocumentText::rendered(&self.0.article, None),
        }
    }

    /// Reads a native or W3C export, validates it against the article, and merges it into the
    /// notes as they are now (the reducer's [`NotesAction::Import`]). An input that cannot be
    /// read changes nothing. W3C annotations are placed by their quote, whatever text their
    /// positions count; a quote the article has more than once in the same context, by its
    /// position on the page the notes are on.
    pub fn import(&self, text: &str, now: Timestamp) -> Result<ImportReport, ImportError> {
        // The page is read only if an annotation needs it (a repeated quote).
        let page = || self.document_text();
        let incoming = import::read_on(text, &self.0.article, Some(&page))?;
        // The reducer always takes an import and reports; anything else is said, not hidden
        // behind an empty report.
        match self.dispatch(NotesAction::Import { incoming, now }) {
            Ok(Some(report)) => Ok(report),
            Ok(None) | Err(_) => Err(ImportError::NotApplied),
        }
    }

    /// The native export of the notes as they are now.
    pub fn export(&self, now: Timestamp) -> NativeExport {
        let notes = self.notes().notes.iter().map(|n| (**n).clone()).collect();
        NativeExport::new(self.0.export_article.clone(), notes, now)
    }

    /// [`Self::export`] as JSON, pretty-printed (by the browser: see [`json::pretty`]).
    pub fn export_json(&self, now: Timestamp) -> Result<String, EncodeError> {
        self.export(now).to_compact_json().map(json::pretty)
    }

    /// [`Self::export`] as W3C JSON-LD, pretty-printed (by the browser), placed on the page the
    /// notes are on ([`Self::set_document`]).
    pub fn export_w3c(&self, now: Timestamp) -> Result<String, EncodeError> {
        let page = self.document_text();
        crate::core::w3c::to_w3c_compact_json(&self.export(now), "vi", Some(&page))
            .map(json::pretty)
    }

    /// Calls `on_change` after every change, until the subscription is dropped.
    pub fn subscribe(&self, on_change: Callback<()>) -> Subscription {
        let id = self.0.next_subscriber.get();
        self.0.next_subscriber.set(id + 1);
        self.0.subscribers.borrow_mut().push((id, on_change));
        Subscription {
            store: self.clone(),
            id,
        }
    }

    /// Sets (or removes) what is told the number of notes after every change.
    pub fn set_change_listener(&self, listener: Option<ChangeListener>) {
        *self.0.on_change.borrow_mut() = listener;
    }

    /// Sets (or removes) what is told of problems the host page should hear of.
    pub fn set_error_listener(&self, listener: Option<ErrorListener>) {
        *self.0.on_error.borrow_mut() = listener;
    }

    /// Tells the error listener of a problem (`code`: `load`, `import`…).
    ///
    /// The listener is taken out of its cell before it is called: the host's handler of the event
    /// it fires may destroy the widget, which removes the listeners.
    pub fn report_error(&self, code: &str, message: &str) {
        let listener = self.0.on_error.borrow().clone();
        if let Some(listener) = listener {
            listener(code, message);
        }
    }

    /// Tells the change listener the number of notes now.
    pub fn announce(&self) {
        let count = self.0.notes.borrow().len();
        // Out of its cell before the call, as in `report_error`.
        let listener = self.0.on_change.borrow().clone();
        if let Some(listener) = listener {
            listener(count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::export::ExportArticle;
    use crate::core::notes::{Note, NoteId};

    fn store() -> NotesStore {
        let article = Rc::new(Article::parse(SEED_ARTICLE).expect("seed"));
        NotesStore::new(article, "a-1", None, &Notes::default(), None)
    }

    fn export_of(store: &NotesStore, k: u8) -> String {
        let a = store.article();
        let p = &a.paragraphs[usize::from(k)];
        let note = Note {
            id: NoteId::from_random_bytes([k; 16]),
            target: a.paragraph_target(&p.id).expect("target"),
            text: format!("ghi chú {k}"),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(1),
            orphan: false,
            color: None,
        };
        let article = ExportArticle {
            id: "a-1".into(),
            title: a.title.clone(),
            source: None,
        };
        NativeExport::new(article, vec![note], Timestamp(2))
            .to_json()
            .expect("encodes")
    }

    /// Two imports in a row, each read back at once: the second merges into the first.
    #[test]
    fn imports_one_after_the_other_are_both_kept_and_seen_at_once() {
        let store = store();
        let woken = Rc::new(Cell::new(0));
        let _sub = store.subscribe({
            let woken = woken.clone();
            Callback::from(move |()| woken.set(woken.get() + 1))
        });
        let (a, b) = (export_of(&store, 1), export_of(&store, 2));
        let first = store.import(&a, Timestamp(3)).expect("imports");
        assert_eq!(first.added, 1);
        let json = store.export_json(Timestamp(4)).expect("encodes");
        assert!(json.contains("ghi chú 1"), "{json}");
        let second = store.import(&b, Timestamp(5)).expect("imports");
        assert_eq!(second.added, 1);
        let json = store.export_json(Timestamp(6)).expect("encodes");
        assert!(
            json.contains("ghi chú 1") && json.contains("ghi chú 2"),
            "{json}"
        );
        assert_eq!(woken.get(), 2, "one wake per change");
        let again = store.import(&a, Timestamp(7)).expect("imports");
        assert_eq!((again.added, again.skipped), (0, 1));
        assert_eq!(woken.get(), 2, "nothing changed, nobody woken");
        let bad = store.import("{", Timestamp(8));
        assert!(matches!(bad, Err(ImportError::NotJson(_))));
        assert_eq!(store.notes().len(), 2);
    }

    /// The W3C export counts the rendered article's text (its paragraphs one after the other),
    /// the text a client reading the page sees, not the article's paragraphs joined by blank lines.
    #[test]
    fn the_w3c_export_counts_the_rendered_articles_text() {
        let store = store();
        store
            .import(&export_of(&store, 1), Timestamp(3))
            .expect("imports");
        let w3c: serde_json::Value =
            serde_json::from_str(&store.export_w3c(Timestamp(4)).expect("encodes")).expect("json");
        let a = store.article();
        let (first, second) = (&a.paragraphs[0].text, &a.paragraphs[1].text);
        let selectors = &w3c["first"]["items"][0]["target"]["selector"];
        let start = first.chars().count();
        assert_eq!(selectors[1]["start"], start);
        assert_eq!(selectors[1]["end"], start + second.chars().count());
        assert_eq!(selectors[0]["exact"], second.as_str());
        let prefix: String = first
            .chars()
            .rev()
            .take(32)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert_eq!(
            selectors[0]["prefix"],
            prefix.as_str(),
            "no blank line before it"
        );
    }

    #[test]
    fn a_dropped_subscription_is_not_called() {
        let store = store();
        let woken = Rc::new(Cell::new(0));
        let sub = store.subscribe({
            let woken = woken.clone();
            Callback::from(move |()| woken.set(woken.get() + 1))
        });
        drop(sub);
        store
            .import(&export_of(&store, 1), Timestamp(3))
            .expect("imports");
        assert_eq!(woken.get(), 0);
    }
}
