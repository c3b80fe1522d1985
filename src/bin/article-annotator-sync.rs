//! The widget with sync (the `sync` feature): the wasm entry of the `article-annotator-sync`
//! bundle, which the element script loads instead of `article-annotator` for a widget that syncs
//! (`sync="https://…/db"`). Everything else is the same widget.

fn main() {
    article_annotator::embed::start();
}
