//! The notes of each paragraph, held apart from the article's render.
//!
//! A note added, edited or deleted changes one paragraph. If the paragraphs took their notes as
//! props, every change would make the App build a component for each of the article's
//! paragraphs (1,800 in a 1 MB article) only for Yew to find all but one unchanged: about 18 ms,
//! more than a frame. Instead the notes store ([`super::store::NotesStore`]) hands every change
//! of the notes to this one, which groups them by
//! paragraph, keeps each paragraph's list while it is unchanged, and wakes only the paragraphs
//! whose list changed. The article's body then renders again only when the article, its
//! highlights or the chosen entity change.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use yew::prelude::*;

use crate::core::notes::{Note, NoteId, Notes};
use crate::core::order;

/// One paragraph's entry: its notes and the paragraph shown for it. One map of these (instead of
/// a map for the lists and another for the watchers) is one compiled copy of the hash table.
#[derive(Default)]
struct Slot {
    /// The paragraph's notes (not orphans), in the order of `Notes`; empty when it has none.
    list: Rc<[Rc<Note>]>,
    /// The paragraph shown for this id, woken when its list changes.
    watcher: Option<Callback<()>>,
}

/// What the clones of a [`ParagraphNotes`] share.
#[derive(Default)]
struct Shared {
    /// Each paragraph's entry, by paragraph id.
    slots: RefCell<FxHashMap<Rc<str>, Slot>>,
    /// Notes by other readers of a shared sync database, by id, with their author's name: shown
    /// read-only (set by the sync loop before it merges their notes).
    #[cfg(feature = "sync")]
    others: RefCell<Vec<(NoteId, Rc<str>)>>,
}

/// The store; clones share it, and compare equal when they are the same store.
#[derive(Clone, Default)]
pub struct ParagraphNotes(Rc<Shared>);

impl PartialEq for ParagraphNotes {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ParagraphNotes {
    /// The notes of paragraph `id` (empty when it has none).
    pub fn get(&self, id: &str) -> Rc<[Rc<Note>]> {
        self.0
            .slots
            .borrow()
            .get(id)
            .map(|slot| slot.list.clone())
            .unwrap_or_else(|| Rc::from(Vec::new()))
    }

    /// Takes the notes as they are now, and wakes each shown paragraph whose notes changed.
    pub fn update(&self, notes: &Notes) {
        // The placed notes grouped by paragraph: sorted by paragraph id, stably (each group keeps
        // the order of `Notes`).
        let mut placed: Vec<&Rc<Note>> = notes.notes.iter().filter(|n| !n.orphan).collect();
        order::sort_by(&mut placed, |a, b| {
            a.target.paragraph.cmp(&b.target.paragraph)
        });
        let has_notes = |id: &str| {
            placed
                .binary_search_by(|n| n.target.paragraph.as_str().cmp(id))
                .is_ok()
        };
        let woken: Vec<Callback<()>> = {
            let mut slots = self.0.slots.borrow_mut();
            let mut woken = Vec::new();
            let mut wake = |slot: &Slot| woken.extend(slot.watcher.clone());
            for (id, slot) in slots.iter_mut() {
                if !slot.list.is_empty() && !has_notes(id) {
                    slot.list = Rc::from(Vec::new());
                    wake(slot);
                }
            }
            slots.retain(|_, slot| !slot.list.is_empty() || slot.watcher.is_some());
            for group in placed.chunk_by(|a, b| a.target.paragraph == b.target.paragraph) {
                let id = group[0].target.paragraph.as_str();
                let same = slots.get(id).is_some_and(|slot| {
                    slot.list.len() == group.len()
                        && slot.list.iter().zip(group).all(|(a, b)| Rc::ptr_eq(a, b))
                });
                if !same {
                    let list: Rc<[Rc<Note>]> = group.iter().map(|n| Rc::clone(n)).collect();
                    match slots.get_mut(id) {
                        Some(slot) => slot.list = list,
                        None => {
                            slots.insert(
                                Rc::from(id),
                                Slot {
                                    list,
                                    watcher: None,
                                },
                            );
                        }
                    }
                    if let Some(slot) = slots.get(id) {
                        wake(slot);
                    }
                }
            }
            woken
        };
        // Woken after the borrow ends: a paragraph reads the store as it renders.
        for wake in woken {
            wake.emit(());
        }
    }

    /// The author of note `id` when it is another reader's (read-only here), else `None`.
    #[cfg(feature = "sync")]
    pub fn other_author(&self, id: NoteId) -> Option<Rc<str>> {
        let others = self.0.others.borrow();
        let i = others.binary_search_by_key(&id, |(n, _)| *n).ok()?;
        others.get(i).map(|(_, name)| name.clone())
    }

    /// Without sync every note is the reader's own.
    #[cfg(not(feature = "sync"))]
    pub fn other_author(&self, _id: NoteId) -> Option<Rc<str>> {
        None
    }

    /// Takes the notes by other readers and their authors' names, in any order.
    #[cfg(feature = "sync")]
    pub fn set_others(&self, mut others: Vec<(NoteId, Rc<str>)>) {
        order::sort_by_key(&mut others, |(n, _)| *n);
        *self.0.others.borrow_mut() = others;
    }

    fn watch(&self, id: Rc<str>, wake: Callback<()>) {
        self.0.slots.borrow_mut().entry(id).or_default().watcher = Some(wake);
    }

    fn unwatch(&self, id: &str, wake: &Callback<()>) {
        let mut slots = self.0.slots.borrow_mut();
        // A paragraph remounted under the same id may already have put its own watcher there.
        if let Some(slot) = slots.get_mut(id) {
            if slot.watcher.as_ref() == Some(wake) {
                slot.watcher = None;
                if slot.list.is_empty() {
                    slots.remove(id);
                }
            }
        }
    }
}

/// The notes of paragraph `id`; the component renders again when they change.
#[hook]
pub fn use_paragraph_notes(store: &ParagraphNotes, id: &AttrValue) -> Rc<[Rc<Note>]> {
    let update = use_force_update();
    let notes = store.get(id);
    let rendered = notes.clone();
    use_effect_with((store.clone(), id.clone()), move |(store, id)| {
        let wake = {
            let update = update.clone();
            Callback::from(move |()| update.force_update())
        };
        store.watch(Rc::from(id.as_str()), wake.clone());
        // Notes that changed between this render and the watch would otherwise go unseen.
        let now = store.get(id);
        if !(Rc::ptr_eq(&now, &rendered) || (now.is_empty() && rendered.is_empty())) {
            update.force_update();
        }
        let (store, id) = (store.clone(), id.clone());
        move || store.unwatch(&id, &wake)
    });
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::notes::{NoteId, Target, TextPosition, TextQuote, Timestamp};
    use std::cell::Cell;

    fn note(id: u128, paragraph: &str, text: &str) -> Rc<Note> {
        Rc::new(Note {
            id: NoteId::from_u128(id),
            text: text.into(),
            tags: Vec::new(),
            color: None,
            created: Timestamp(1),
            modified: Timestamp(1),
            target: Target {
                paragraph: paragraph.into(),
                passage: false,
                position: TextPosition { start: 0, end: 1 },
                quote: TextQuote {
                    exact: "x".into(),
                    prefix: String::new(),
                    suffix: String::new(),
                },
            },
            orphan: false,
        })
    }

    /// (notes before, notes after, the paragraphs woken)
    #[test]
    fn wakes_only_the_paragraphs_whose_notes_changed() {
        let a1 = note(1, "a", "one");
        let b1 = note(2, "b", "two");
        type List = Vec<Rc<Note>>;
        let cases: Vec<(List, List, Vec<&str>)> = vec![
            (vec![], vec![a1.clone()], vec!["a"]),
            (vec![a1.clone()], vec![a1.clone(), b1.clone()], vec!["b"]),
            (
                vec![a1.clone(), b1.clone()],
                vec![a1.clone(), note(2, "b", "edited")],
                vec!["b"],
            ),
            (vec![a1.clone(), b1.clone()], vec![b1.clone()], vec!["a"]),
            (
                vec![a1.clone(), b1.clone()],
                vec![a1.clone(), b1.clone()],
                vec![],
            ),
            (
                vec![a1.clone()],
                vec![Rc::new(Note {
                    orphan: true,
                    ..Note::clone(&a1)
                })],
                vec!["a"],
            ),
        ];
        for (before, after, want) in cases {
            let store = ParagraphNotes::default();
            let woken: Rc<RefCell<Vec<&str>>> = Rc::default();
            for id in ["a", "b", "c"] {
                let woken = woken.clone();
                store.watch(
                    Rc::from(id),
                    Callback::from(move |()| woken.borrow_mut().push(id)),
                );
            }
            store.update(&Notes {
                notes: before.clone(),
                ..Notes::default()
            });
            let kept_a = store.get("a");
            woken.borrow_mut().clear();
            store.update(&Notes {
                notes: after.clone(),
                ..Notes::default()
            });
            let mut got = woken.borrow().clone();
            got.sort_unstable();
            assert_eq!(got, want, "{before:?} → {after:?}");
            let a_now: Vec<Rc<Note>> = after
                .iter()
                .filter(|n| n.target.paragraph == "a" && !n.orphan)
                .cloned()
                .collect();
            assert_eq!(&*store.get("a"), a_now.as_slice());
            // An unchanged list is the same list: nothing downstream needs to compare it.
            if !want.contains(&"a") {
                assert!(Rc::ptr_eq(&kept_a, &store.get("a")) || kept_a.is_empty());
            }
        }
    }

    #[test]
    fn an_old_watcher_does_not_remove_a_newer_one() {
        let store = ParagraphNotes::default();
        let count = Rc::new(Cell::new(0));
        let old = Callback::from(|()| {});
        let new = {
            let count = count.clone();
            Callback::from(move |()| count.set(count.get() + 1))
        };
        store.watch(Rc::from("a"), old.clone());
        store.watch(Rc::from("a"), new);
        store.unwatch("a", &old);
        store.update(&Notes {
            notes: vec![note(1, "a", "x")],
            ..Notes::default()
        });
        assert_eq!(count.get(), 1);
    }
}
