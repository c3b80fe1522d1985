//! The pure core: every decision the widget makes, with no browser dependency.
//!
//! - [`text`]: offset units and the folding used for matching;
//! - [`unicode`]: NFC/NFD, from a crate natively and from the browser in wasm;
//! - [`article`]: parsing an article in the seed's plain-text layout;
//! - [`host`]: a host page's own article in place: text blocks, their DOM pieces and offsets;
//! - [`document_text`]: the text a DOM client sees of the article's page, and each paragraph's
//!   place in it (what W3C positions count);
//! - [`recognize`]: officials, titles and bodies in Vietnamese text;
//! - [`segments`]: splitting a paragraph into non-overlapping runs for rendering;
//! - [`notes`]: the reader's notes and the pure reducer over them;
//! - [`iso_time`]: the notes' times as ISO 8601 UTC text and back;
//! - [`filter`]: the notes list's order, search and filters;
//! - [`anchor`]: placing notes again after the article text changed;
//! - [`order`]: sorting, compiled once for the whole crate;
//! - [`storage`]: the versioned envelope kept in localStorage;
//! - [`sync`]: opt-in sync with a CouchDB database (documents, replication as a state machine);
//! - [`export`]: the native JSON export;
//! - `fields`: JSON objects read field by field (the notes, the envelope, JSON articles);
//! - [`people_export`]: Markdown, CSV and HTML exports for people, from one row model;
//! - [`import`]: importing native and W3C exports, merged by id, with a report;
//! - [`w3c`]: the W3C Web Annotation export;
//! - [`view`]: what the UI derives from an article and its notes (tables, passages, draft slots).

// A panic kills the widget (panic = "abort" in wasm): nothing here may unwrap or expect.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod anchor;
pub mod article;
pub mod document_text;
pub mod export;
pub(crate) mod fields;
pub mod filter;
pub mod host;
pub mod import;
pub mod iso_time;
pub mod notes;
pub mod order;
pub mod people_export;
pub mod recognize;
pub mod segments;
pub mod storage;
pub mod sync;
pub mod text;
pub mod unicode;
pub mod view;
pub mod w3c;
