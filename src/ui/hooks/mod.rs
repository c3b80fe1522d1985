//! The App's hooks, one concern each: the notes store (saving, other tabs, page hide), the
//! reader's actions on notes, import from a file, exports, entity navigation, focus requests and
//! the lazy reveal of a long article's paragraphs.

pub mod use_entity_nav;
pub mod use_exports;
pub mod use_focus;
pub mod use_import;
pub mod use_in_place;
pub mod use_note_actions;
pub mod use_notes_store;
pub mod use_reveal;

pub use use_entity_nav::{use_entity_nav, EntityNav};
pub use use_exports::{use_exports, Exports};
pub use use_focus::use_focus;
pub use use_import::{use_import, ImportControls};
pub use use_in_place::use_in_place;
pub use use_note_actions::{use_note_actions, NoteActions};
pub use use_notes_store::{use_notes_store, Saver};
pub use use_reveal::{use_reveal, Reveal};
