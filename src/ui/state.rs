//! The App's view state as Yew sees it: the paragraphs of a long article revealed so far, the
//! view's own state and the notes list's (pure reducers over named-field actions). The notes
//! themselves live in [`super::store::NotesStore`].

use std::rc::Rc;

use yew::{AttrValue, Reducible};

use crate::core::filter::NoteFilter;
use crate::core::notes::Note;
use crate::core::text::CharIdx;

/// Which paragraphs of a very long article have come near the reader and are rendered in full
/// (by index). They only ever join: a paragraph once shown stays shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Revealed(pub Indices);

/// A set of indices kept sorted, without repeats, and searched by halves: no hash table of its
/// own (each hash-set type is a compiled copy of the table, BENCHMARKS.md). An article has at
/// most a few thousand paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indices(Vec<usize>);

impl Indices {
    /// Whether `i` is in the set.
    pub fn contains(&self, i: &usize) -> bool {
        self.0.binary_search(i).is_ok()
    }

    /// Adds `i` (nothing when it is there already).
    pub fn insert(&mut self, i: usize) {
        if let Err(at) = self.0.binary_search(&i) {
            self.0.insert(at, i);
        }
    }
}

impl Reducible for Revealed {
    type Action = Vec<usize>;

    fn reduce(self: Rc<Self>, more: Vec<usize>) -> Rc<Self> {
        if more.iter().all(|i| self.0.contains(i)) {
            return self;
        }
        let mut next = self.0.clone();
        for i in more {
            next.insert(i);
        }
        Rc::new(Revealed(next))
    }
}

/// The App's own view state besides the notes, one value changed through [`ViewAction`]s: the
/// status line and its undo offer, a file dragged over the widget, the passage last selected, the
/// notes list sheet and where focus goes next, and the entity panel's choice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewState {
    /// The status line's message.
    pub status: Option<String>,
    /// The note last deleted: the status line offers to bring it back.
    pub undo: Option<Note>,
    /// A file is dragged over the widget.
    pub dragging: bool,
    /// The passage last selected in the article (paragraph id, code points of its text, end
    /// exclusive): orphaned notes can be attached to it.
    pub selection: Option<(AttrValue, CharIdx, CharIdx)>,
    /// Whether the notes list is open (a sheet on narrow screens).
    pub list_open: bool,
    /// The element to focus once the render that shows it is done, as a CSS selector.
    pub focus: Option<String>,
    /// The entity chosen in the panel, and which of its mentions is current.
    pub chosen: Option<AttrValue>,
    pub position: usize,
    /// The entity kinds whose highlights are hidden.
    pub hidden: Vec<&'static str>,
    /// Whether the tools and the entity panel are unfolded (they fold into one line in place and
    /// on phones).
    pub tools_open: bool,
}

/// A change to the [`ViewState`].
#[derive(Debug, Clone, PartialEq)]
pub enum ViewAction {
    /// A message for the status line.
    Status { message: String },
    /// A note was deleted: say so, and offer it back.
    Deleted { note: Option<Note>, message: String },
    /// The offer to bring a deleted note back is taken (or gone), with a message if any.
    Undone { message: Option<String> },
    /// A file is, or is no longer, dragged over the widget.
    Dragging { over: bool },
    /// The passage selected in the article, or none once it has been used.
    Selection {
        passage: Option<(AttrValue, CharIdx, CharIdx)>,
    },
    /// The notes list's button: opens or closes it. Opening focuses its search field, or its
    /// close button when it has no notes (and so no filters); closing focuses the button again.
    ToggleList { has_notes: bool },
    /// Opens or closes the notes list, then focuses `focus` (a CSS selector).
    ShowList { open: bool, focus: String },
    /// The requested focus was given (or its element is gone).
    Focused,
    /// An entity chosen in the panel (or none): its first mention becomes current.
    Choose { entity: Option<AttrValue> },
    /// The current mention moves by `by` among the chosen entity's `count` mentions, wrapping.
    Step { by: isize, count: usize },
    /// Hides the highlights of an entity kind, or shows them again.
    ToggleKind { kind: &'static str },
    /// Unfolds the tools and the entity panel, or folds them again.
    ToggleTools,
}

impl ViewState {
    /// The state after `action`: pure, for the tests and for [`Reducible`].
    pub fn reduced(&self, action: ViewAction) -> ViewState {
        let mut next = self.clone();
        match action {
            ViewAction::Status { message } => next.status = Some(message),
            ViewAction::Deleted { note, message } => {
                next.undo = note;
                next.status = Some(message);
            }
            ViewAction::Undone { message } => {
                next.undo = None;
                if message.is_some() {
                    next.status = message;
                }
            }
            ViewAction::Dragging { over } => next.dragging = over,
            ViewAction::Selection { passage } => next.selection = passage,
            ViewAction::ToggleTools => next.tools_open = !self.tools_open,
            ViewAction::ToggleList { has_notes } => {
                next.list_open = !self.list_open;
                next.focus = Some(
                    match (next.list_open, has_notes) {
                        (true, true) => "#aa-notes-list [data-aa-field=\"notes-search\"]",
                        (true, false) => "#aa-notes-list [data-aa-action=\"close-notes\"]",
                        (false, _) => "[data-aa-action=\"toggle-notes\"]",
                    }
                    .to_owned(),
                );
            }
            ViewAction::ShowList { open, focus } => {
                next.list_open = open;
                next.focus = Some(focus);
            }
            ViewAction::Focused => next.focus = None,
            ViewAction::Choose { entity } => {
                next.chosen = entity;
                next.position = 0;
            }
            ViewAction::Step { by, count } => {
                if count > 0 {
                    next.position =
                        (self.position as isize + by).rem_euclid(count as isize) as usize;
                }
            }
            ViewAction::ToggleKind { kind } => match next.hidden.iter().position(|k| *k == kind) {
                Some(i) => {
                    next.hidden.remove(i);
                }
                None => next.hidden.push(kind),
            },
        }
        next
    }
}

impl Reducible for ViewState {
    type Action = ViewAction;

    fn reduce(self: Rc<Self>, action: ViewAction) -> Rc<Self> {
        let next = self.reduced(action);
        // Nothing changed (a second `dragover`, a focus already given): the same state, so nothing
        // renders again.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The notes list's own state: its filter, the entity chosen in its entity filter, and how many
/// entries it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ListState {
    pub filter: NoteFilter,
    /// The index of the entity chosen in the entity filter.
    pub chosen_entity: Option<usize>,
    /// How many entries are shown (a page more at each "show more").
    pub limit: usize,
}

/// A change to the [`ListState`].
#[derive(Debug, Clone, PartialEq)]
pub enum ListAction {
    /// The search field's words.
    Query { query: String },
    /// The tag chosen (none: any tag).
    Tag { tag: Option<String> },
    /// The entity chosen (its index), with where it is mentioned (none: any entity).
    Entity {
        chosen: Option<usize>,
        spans: Option<Vec<(String, CharIdx, CharIdx)>>,
    },
    /// Every filter cleared.
    Clear,
    /// `page` more entries shown.
    More { page: usize },
}

impl ListState {
    /// A list showing `page` entries, unfiltered.
    pub fn new(page: usize) -> ListState {
        ListState {
            filter: NoteFilter::default(),
            chosen_entity: None,
            limit: page,
        }
    }

    /// The state after `action`: pure, for the tests and for [`Reducible`].
    pub fn reduced(&self, action: ListAction) -> ListState {
        let mut next = self.clone();
        match action {
            ListAction::Query { query } => next.filter.query = query,
            ListAction::Tag { tag } => next.filter.tag = tag,
            ListAction::Entity { chosen, spans } => {
                next.chosen_entity = chosen;
                next.filter.entity = spans;
            }
            ListAction::Clear => {
                next.filter = NoteFilter::default();
                next.chosen_entity = None;
            }
            ListAction::More { page } => next.limit += page,
        }
        next
    }
}

impl Reducible for ListState {
    type Action = ListAction;

    fn reduce(self: Rc<Self>, action: ListAction) -> Rc<Self> {
        Rc::new(self.reduced(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Check = fn(&ViewState) -> bool;
    type Case = (&'static str, Vec<ViewAction>, Check);

    /// Each case: actions applied from the default state, then what must hold.
    #[track_caller]
    fn check_view_cases(cases: Vec<Case>) {
        for (what, actions, check) in cases {
            let v = actions
                .into_iter()
                .fold(ViewState::default(), |v, a| v.reduced(a));
            assert!(check(&v), "{what}: {v:?}");
        }
    }

    #[test]
    fn view_state_status_selection_and_list() {
        check_view_cases(vec![
            (
                "a status message",
                vec![ViewAction::Status {
                    message: "Đã lưu".into(),
                }],
                |v| v.status.as_deref() == Some("Đã lưu") && v.undo.is_none(),
            ),
            (
                "a delete offers the note back; a later message keeps the offer",
                vec![
                    ViewAction::Deleted {
                        note: None,
                        message: "Đã xoá".into(),
                    },
                    ViewAction::Status {
                        message: "Đã lưu".into(),
                    },
                ],
                |v| v.status.as_deref() == Some("Đã lưu"),
            ),
            (
                "undo drops the offer and says so",
                vec![
                    ViewAction::Deleted {
                        note: None,
                        message: "Đã xoá".into(),
                    },
                    ViewAction::Undone {
                        message: Some("Đã khôi phục".into()),
                    },
                ],
                |v| v.undo.is_none() && v.status.as_deref() == Some("Đã khôi phục"),
            ),
            (
                "undo without a message keeps the status",
                vec![
                    ViewAction::Status {
                        message: "x".into(),
                    },
                    ViewAction::Undone { message: None },
                ],
                |v| v.status.as_deref() == Some("x"),
            ),
            (
                "dragging over, then dropped",
                vec![
                    ViewAction::Dragging { over: true },
                    ViewAction::Dragging { over: false },
                ],
                |v| !v.dragging,
            ),
            (
                "a selection, then used",
                vec![
                    ViewAction::Selection {
                        passage: Some(("p1".into(), 2, 5)),
                    },
                    ViewAction::Selection { passage: None },
                ],
                |v| v.selection.is_none(),
            ),
            (
                "opening the list with notes focuses its search field",
                vec![ViewAction::ToggleList { has_notes: true }],
                |v| {
                    v.list_open
                        && v.focus
                            .as_deref()
                            .is_some_and(|f| f.contains("notes-search"))
                },
            ),
            (
                "opening an empty list focuses its close button",
                vec![ViewAction::ToggleList { has_notes: false }],
                |v| {
                    v.list_open
                        && v.focus
                            .as_deref()
                            .is_some_and(|f| f.contains("close-notes"))
                },
            ),
            (
                "closing the list focuses its button; the focus once given is cleared",
                vec![
                    ViewAction::ToggleList { has_notes: true },
                    ViewAction::ToggleList { has_notes: true },
                ],
                |v| !v.list_open && v.focus.as_deref() == Some("[data-aa-action=\"toggle-notes\"]"),
            ),
            (
                "a jump closes the list and focuses the note",
                vec![
                    ViewAction::ToggleList { has_notes: true },
                    ViewAction::ShowList {
                        open: false,
                        focus: "#n".into(),
                    },
                    ViewAction::Focused,
                ],
                |v| !v.list_open && v.focus.is_none(),
            ),
        ]);
    }

    #[test]
    fn view_state_entities_and_kinds() {
        check_view_cases(vec![
            (
                "choosing an entity starts at its first mention; steps wrap both ways",
                vec![
                    ViewAction::Step { by: 1, count: 3 },
                    ViewAction::Choose {
                        entity: Some("b-1".into()),
                    },
                    ViewAction::Step { by: -1, count: 3 },
                ],
                |v| v.chosen.as_deref() == Some("b-1") && v.position == 2,
            ),
            (
                "stepping forward past the last mention comes back to the first",
                vec![
                    ViewAction::Step { by: 1, count: 2 },
                    ViewAction::Step { by: 1, count: 2 },
                ],
                |v| v.position == 0,
            ),
            (
                "a step with no mentions does nothing",
                vec![ViewAction::Step { by: 1, count: 0 }],
                |v| v.position == 0,
            ),
            (
                "a kind hidden, another hidden, the first shown again",
                vec![
                    ViewAction::ToggleKind { kind: "title" },
                    ViewAction::ToggleKind { kind: "body" },
                    ViewAction::ToggleKind { kind: "title" },
                ],
                |v| v.hidden == vec!["body"],
            ),
        ]);
    }

    #[test]
    fn list_state_table() {
        let spans = vec![("p1".to_owned(), 3, 9)];
        let cases: Vec<(&str, Vec<ListAction>, ListState)> = vec![
            ("nothing", vec![], ListState::new(100)),
            (
                "words, then a tag: both kept",
                vec![
                    ListAction::Query {
                        query: "nhan su".into(),
                    },
                    ListAction::Tag {
                        tag: Some("lịch".into()),
                    },
                ],
                ListState {
                    filter: NoteFilter {
                        query: "nhan su".into(),
                        tag: Some("lịch".into()),
                        entity: None,
                    },
                    ..ListState::new(100)
                },
            ),
            (
                "an entity chosen, then any entity again",
                vec![
                    ListAction::Entity {
                        chosen: Some(2),
                        spans: Some(spans.clone()),
                    },
                    ListAction::Tag { tag: None },
                ],
                ListState {
                    filter: NoteFilter {
                        entity: Some(spans.clone()),
                        ..NoteFilter::default()
                    },
                    chosen_entity: Some(2),
                    ..ListState::new(100)
                },
            ),
            (
                "clearing keeps how many entries are shown",
                vec![
                    ListAction::Query { query: "x".into() },
                    ListAction::Entity {
                        chosen: Some(0),
                        spans: Some(spans.clone()),
                    },
                    ListAction::More { page: 100 },
                    ListAction::Clear,
                ],
                ListState::new(200),
            ),
        ];
        for (what, actions, want) in cases {
            let got = actions
                .into_iter()
                .fold(ListState::new(100), |v, a| v.reduced(a));
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn revealed_paragraphs_only_join() {
        let r = Rc::new(Revealed::default());
        let r = r.reduce(vec![5, 1, 5, 3]);
        for (i, want) in [
            (0, false),
            (1, true),
            (3, true),
            (4, false),
            (5, true),
            (6, false),
        ] {
            assert_eq!(r.0.contains(&i), want, "{i}");
        }
        assert!(Rc::ptr_eq(&r, &r.clone().reduce(vec![3, 1])));
        let more = r.clone().reduce(vec![2, 9]);
        assert!([1, 2, 3, 5, 9].iter().all(|i| more.0.contains(i)));
        assert!(!more.0.contains(&4));
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let v = Rc::new(ViewState::default());
        assert!(Rc::ptr_eq(
            &v,
            &v.clone().reduce(ViewAction::Dragging { over: false })
        ));
        assert!(Rc::ptr_eq(&v, &v.clone().reduce(ViewAction::Focused)));
        let dragged = v.clone().reduce(ViewAction::Dragging { over: true });
        assert!(!Rc::ptr_eq(&v, &dragged) && dragged.dragging);
    }
}
