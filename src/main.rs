//! The `trunk serve` demo: mounts the widget on `#app` through the same path host pages use.

fn main() {
    article_annotator::embed::mount_demo();
}
