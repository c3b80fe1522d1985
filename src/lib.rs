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

/// The allocator in the browser: talc, 3 KB gzip smaller than the standard library's dlmalloc,
/// and as fast and as frugal on the benchmarks (`BENCHMARKS.md`). Single-threaded (no `atomics`),
/// growing the wasm memory as it needs.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
