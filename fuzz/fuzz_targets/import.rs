//! The importers (native and W3C) on arbitrary text, against the seed article.
#![no_main]
use std::sync::OnceLock;

use article_annotator::core::article::{Article, SEED_ARTICLE};
use article_annotator::core::import::import;
use article_annotator::core::notes::{Notes, Timestamp};
use libfuzzer_sys::fuzz_target;

static ARTICLE: OnceLock<Option<Article>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(article) = ARTICLE.get_or_init(|| Article::parse(SEED_ARTICLE).ok()) else { return };
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = import(&Notes::default(), text, article, Timestamp(0));
    }
});
