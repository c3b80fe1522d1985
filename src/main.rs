//! The `trunk serve` demo's wasm entry. The demo page itself uses `<article-annotator>` through
//! `article-annotator-element.js`, exactly as a host page would; this only links the widget in
//! (its `mount` export) and prepares it.

fn main() {
    article_annotator::embed::start();
}
