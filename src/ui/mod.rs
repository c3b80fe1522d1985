//! The Yew components of the widget. The notes live in one [`store::NotesStore`] around the pure
//! [`crate::core::notes`] reducer, shared with the host page's handle; the App is composed of
//! [`hooks`], one concern each; components only render and send actions.
//!
//! A class that changes is written `Class={…}`, not `class={…}`: `html!` turns a `class` value
//! into yew's `Classes` (an ordered set of names, split and joined again), which weighed 1.9 KB
//! gzip of the wasm; any other attribute is set as it is, and the DOM reads attribute names of
//! HTML elements in an HTML document in lower case, so `Class` sets `class`. Its value is the
//! names already joined (`root_class`, `paragraph_class`, `mention_class`). Fixed classes stay
//! `class="…"` (a literal costs nothing).

pub mod app;
pub mod article_body;
pub mod entity_panel;
pub mod hooks;
pub mod in_place_blocks;
pub mod note_editor;
pub mod note_item;
pub mod note_tags;
pub mod notes_list;
pub mod notes_list_entry;
pub mod orphan_list;
pub mod paragraph_notes;
pub mod paragraph_view;
pub mod pending_paragraph;
pub mod state;
pub mod status_view;
pub mod store;
pub mod strings;
#[cfg(feature = "sync")]
pub mod sync_loop;
#[cfg(feature = "sync")]
pub mod sync_status;

pub use app::{App, AppProps};
