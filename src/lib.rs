//! article-annotator: highlights officials and public bodies in Vietnamese news articles and keeps a
//! reader's notes on paragraphs in the browser.
//!
//! The crate is a pure [`core`] (parsing, recognition, notes, storage format, export), tested
//! natively, and, behind the default `web` feature, a thin browser shell: [`ui`] (Yew components),
//! [`platform`] (localStorage, downloads, the clock) and [`embed`] (the public face for host pages).
//! See `DESIGN.md` in the shared folder and the README for the public surface.

pub mod core;

#[cfg(feature = "web")]
pub mod embed;
#[cfg(feature = "web")]
pub mod platform;
#[cfg(feature = "web")]
pub mod ui;
