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

#[derive(Default)]
struct Inner {
    /// Each paragraph's notes (not orphans), in the order of `Notes`.
    lists: FxHashMap<Rc<str>, Rc<[Rc<Note>]>>,
    /// The paragraph shown for each id, woken when its list changes.
    watchers: FxHashMap<Rc<str>, Callback<()>>,
    /// Notes by other readers of a shared sync database, by id, with their author's name: shown
    /// read-only (set by the sync loop before it merges their notes).
    others: Vec<(NoteId, Rc<str>)>,
}

/// The store; clones share it, and compare equal when they are the same store.
#[derive(Clone, Default)]
pub struct ParagraphNotes(Rc<RefCell<Inner>>);

impl PartialEq for ParagraphNotes {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ParagraphNotes {
    /// The notes of paragraph `id` (empty when it has none).
    pub fn get(&self, id: &str) -> Rc<[Rc<Note>]> {
        self.0
            .borrow()
            .lists
            .get(id)
            .cloned()
            .unwrap_or_else(|| Rc::from(Vec::new()))
    }

    /// Takes the notes as they are now, and wakes each shown paragraph whose notes changed.
    pub fn update(&self, notes: &Notes) {
        let mut grouped: FxHashMap<&str, Vec<&Rc<Note>>> = FxHashMap::default();
        for n in notes.notes.iter().filter(|n| !n.orphan) {
            grouped
                .entry(n.target.paragraph.as_str())
                .or_default()
                .push(n);
        }
        let woken: Vec<Callback<()>> = {
            let mut inner = self.0.borrow_mut();
            let Inner {
                lists, watchers, ..
            } = &mut *inner;
            let mut changed: Vec<Rc<str>> = Vec::new();
            lists.retain(|id, kept| {
                let gone = !grouped.contains_key(&**id);
                if gone && !kept.is_empty() {
                    changed.push(id.clone());
                }
                !gone
            });
            for (id, now) in grouped {
                let same = lists.get(id).is_some_and(|kept| {
                    kept.len() == now.len() && kept.iter().zip(&now).all(|(a, b)| Rc::ptr_eq(a, b))
                });
                if !same {
                    let id: Rc<str> = Rc::from(id);
                    lists.insert(id.clone(), now.into_iter().cloned().collect());
                    changed.push(id);
                }
            }
            changed
                .iter()
                .filter_map(|id| watchers.get(id).cloned())
                .collect()
        };
        // Woken after the borrow ends: a paragraph reads the store as it renders.
        for wake in woken {
            wake.emit(());
        }
    }

    /// The author of note `id` when it is another reader's (read-only here), else `None`.
    pub fn other_author(&self, id: NoteId) -> Option<Rc<str>> {
        let inner = self.0.borrow();
        let i = inner.others.binary_search_by_key(&id, |(n, _)| *n).ok()?;
        Some(inner.others[i].1.clone())
    }

    /// Takes the notes by other readers and their authors' names, in any order.
    pub fn set_others(&self, mut others: Vec<(NoteId, Rc<str>)>) {
        others.sort_unstable_by_key(|(n, _)| *n);
        self.0.borrow_mut().others = others;
    }

    fn watch(&self, id: Rc<str>, wake: Callback<()>) {
        self.0.borrow_mut().watchers.insert(id, wake);
    }

    fn unwatch(&self, id: &str, wake: &Callback<()>) {
        let mut inner = self.0.borrow_mut();
        // A paragraph remounted under the same id may already have put its own watcher there.
        if inner.watchers.get(id) == Some(wake) {
            inner.watchers.remove(id);
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
