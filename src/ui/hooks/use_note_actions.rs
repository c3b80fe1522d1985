//! What the reader does to notes: add, edit, delete (and undo), re-attach an orphan, jump between
//! a note and its entry in the notes list. Each is a store action; a refused one says why on the
//! status line.
//!
//! The callbacks every paragraph and every entry of the notes list gets are made once per store
//! and language, not on every render: a new callback is a changed prop, and every paragraph
//! would render again for one note's change.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::use_notes_store::Saver;
use crate::core::notes::{Note, NoteId, NotesAction};
use crate::core::text::CharIdx;
use crate::platform::clock;
use crate::ui::note_editor::NoteDraft;
use crate::ui::notes_list::entry_id;
use crate::ui::paragraph_view::NewNote;
use crate::ui::state::{Revealed, ViewAction, ViewState};
use crate::ui::store::NotesStore;
use crate::ui::strings::Strings;

/// The callbacks for notes, stable for the store's life.
#[derive(Clone)]
pub struct NoteActions {
    pub on_add: Callback<NewNote>,
    pub on_edit: Callback<(NoteId, NoteDraft)>,
    pub on_delete: Callback<NoteId>,
    /// Brings back the note last deleted (the status line's offer).
    pub on_undo: Callback<MouseEvent>,
    /// An orphan attached to a paragraph (by id).
    pub on_reattach: Callback<(NoteId, String)>,
    /// An orphan attached to the passage last selected.
    pub on_attach_selection: Callback<NoteId>,
    pub on_selection: Callback<Option<(AttrValue, CharIdx, CharIdx)>>,
    pub on_jump: Callback<NoteId>,
    pub on_show_in_list: Callback<NoteId>,
}

/// The state's undo offer and selection, as of the last render: read when a callback runs.
type Current = Rc<RefCell<(Option<Note>, Option<(AttrValue, CharIdx, CharIdx)>)>>;

/// What every note callback works with.
#[derive(Clone)]
struct Ctx {
    store: NotesStore,
    view: UseReducerDispatcher<ViewState>,
    saver: Rc<Saver>,
    s: &'static Strings,
    current: Current,
}

impl Ctx {
    /// Sends `action` to the store; a refused one is said on the status line.
    fn act(&self, action: NotesAction) -> bool {
        match self.store.dispatch(action) {
            Ok(_) => true,
            Err(e) => {
                self.view.dispatch(ViewAction::Status {
                    message: self.s.notes_error(&e),
                });
                false
            }
        }
    }

    fn on_add(&self) -> Callback<NewNote> {
        let me = self.clone();
        Callback::from(move |new: NewNote| {
            let article = me.store.article();
            let target = match new.passage {
                Some((a, b)) => article.passage_target(&new.paragraph, a, b),
                None => article.paragraph_target(&new.paragraph),
            };
            if let Some(target) = target {
                let NoteDraft { text, tags, color } = new.draft;
                me.act(NotesAction::Add {
                    id: clock::new_note_id(),
                    target,
                    text,
                    tags,
                    color,
                    now: clock::now(),
                });
            }
        })
    }

    fn on_edit(&self) -> Callback<(NoteId, NoteDraft)> {
        let me = self.clone();
        Callback::from(move |(id, draft): (NoteId, NoteDraft)| {
            let NoteDraft { text, tags, color } = draft;
            let now = clock::now();
            me.act(NotesAction::Edit {
                id,
                text,
                tags,
                color,
                now,
            });
        })
    }

    fn on_delete(&self) -> Callback<NoteId> {
        let me = self.clone();
        Callback::from(move |id: NoteId| {
            // A deleted note can be brought back from the status line.
            let note = me.store.notes().get(id).cloned();
            me.saver.keep_quiet();
            if me.act(NotesAction::Delete {
                id,
                now: clock::now(),
            }) {
                let message = me.s.deleted.to_owned();
                me.view.dispatch(ViewAction::Deleted { note, message });
            }
        })
    }

    fn on_undo(&self) -> Callback<MouseEvent> {
        let me = self.clone();
        Callback::from(move |_: MouseEvent| {
            let undo = me.current.borrow().0.clone();
            let message = undo.and_then(|note| {
                me.saver.keep_quiet();
                let restore = NotesAction::Restore {
                    note,
                    now: clock::now(),
                };
                me.act(restore).then(|| me.s.restored.to_owned())
            });
            me.view.dispatch(ViewAction::Undone { message });
        })
    }

    fn on_reattach(&self) -> Callback<(NoteId, String)> {
        let me = self.clone();
        Callback::from(move |(id, paragraph): (NoteId, String)| {
            if let Some(target) = me.store.article().paragraph_target(&paragraph) {
                let now = clock::now();
                me.act(NotesAction::Reattach { id, target, now });
            }
        })
    }

    fn on_attach_selection(&self) -> Callback<NoteId> {
        let me = self.clone();
        Callback::from(move |id: NoteId| {
            let selection = me.current.borrow().1.clone();
            let article = me.store.article();
            let target = selection.and_then(|(p, a, b)| article.passage_target(&p, a, b));
            if let Some(target) = target {
                let now = clock::now();
                if me.act(NotesAction::Reattach { id, target, now }) {
                    me.view.dispatch(ViewAction::Selection { passage: None });
                }
            }
        })
    }

    /// The passage last selected in the article: orphans can be attached to it.
    fn on_selection(&self) -> Callback<Option<(AttrValue, CharIdx, CharIdx)>> {
        let view = self.view.clone();
        Callback::from(move |passage: Option<(AttrValue, CharIdx, CharIdx)>| {
            if passage.is_some() {
                view.dispatch(ViewAction::Selection { passage });
            }
        })
    }

    fn on_jump(&self, reveal: UseReducerDispatcher<Revealed>) -> Callback<NoteId> {
        let me = self.clone();
        Callback::from(move |id: NoteId| {
            let notes = me.store.notes();
            let paragraph = notes.get(id).map(|n| n.target.paragraph.as_str());
            let article = me.store.article();
            if let Some(i) =
                paragraph.and_then(|p| article.paragraphs.iter().position(|q| q.id == p))
            {
                reveal.dispatch(vec![i]);
            }
            let focus = format!("[data-aa-paragraph] [data-aa-note-id=\"{id}\"]");
            me.view
                .dispatch(ViewAction::ShowList { open: false, focus });
        })
    }

    fn on_show_in_list(&self) -> Callback<NoteId> {
        let view = self.view.clone();
        Callback::from(move |id: NoteId| {
            let focus = format!("#{}", entry_id(id));
            view.dispatch(ViewAction::ShowList { open: true, focus });
        })
    }
}

/// The note callbacks: `view` is the view's state (for the undo offer and the selection),
/// `reveal` shows a long article's paragraph a jump goes to.
#[hook]
pub fn use_note_actions(
    store: &NotesStore,
    view: &UseReducerHandle<ViewState>,
    reveal: UseReducerDispatcher<Revealed>,
    saver: Rc<Saver>,
    s: &'static Strings,
) -> NoteActions {
    let current: Current = use_mut_ref(|| (None, None));
    *current.borrow_mut() = (view.undo.clone(), view.selection.clone());
    let view = view.dispatcher();
    (*use_memo((store.clone(), s.tag), move |(store, _)| {
        let ctx = Ctx {
            store: store.clone(),
            view,
            saver,
            s,
            current,
        };
        NoteActions {
            on_add: ctx.on_add(),
            on_edit: ctx.on_edit(),
            on_delete: ctx.on_delete(),
            on_undo: ctx.on_undo(),
            on_reattach: ctx.on_reattach(),
            on_attach_selection: ctx.on_attach_selection(),
            on_selection: ctx.on_selection(),
            on_jump: ctx.on_jump(reveal),
            on_show_in_list: ctx.on_show_in_list(),
        }
    }))
    .clone()
}
