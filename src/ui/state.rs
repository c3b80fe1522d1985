//! The notes state as Yew sees it: a thin [`Reducible`] wrapper around the pure core reducer.

use std::rc::Rc;

use yew::Reducible;

use crate::core::notes::{Notes, NotesAction, NotesError};

/// The notes, and the last action's error if it was refused. The notes are shared, not copied,
/// with the handle and the notes list: with thousands of notes a copy per change would show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesState {
    pub notes: Rc<Notes>,
    pub error: Option<NotesError>,
}

impl Reducible for NotesState {
    type Action = NotesAction;

    fn reduce(self: Rc<Self>, action: NotesAction) -> Rc<Self> {
        match self.notes.reduce(action) {
            // Nothing changed (a merge that brought nothing new): the same state, so nothing
            // re-renders and nothing is written back to the other tab.
            Ok(notes) if notes == *self.notes && self.error.is_none() => self,
            Ok(notes) => Rc::new(NotesState {
                notes: Rc::new(notes),
                error: None,
            }),
            Err(e) => Rc::new(NotesState {
                notes: self.notes.clone(),
                error: Some(e),
            }),
        }
    }
}

/// Which paragraphs of a very long article have come near the reader and are rendered in full
/// (by index). They only ever join: a paragraph once shown stays shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Revealed(pub rustc_hash::FxHashSet<usize>);

impl Reducible for Revealed {
    type Action = Vec<usize>;

    fn reduce(self: Rc<Self>, more: Vec<usize>) -> Rc<Self> {
        if more.iter().all(|i| self.0.contains(i)) {
            return self;
        }
        let mut next = self.0.clone();
        next.extend(more);
        Rc::new(Revealed(next))
    }
}
