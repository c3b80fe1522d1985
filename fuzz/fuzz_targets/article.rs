//! The article parsers (plain-text layout and JSON) on arbitrary bytes: errors, never panics.
#![no_main]
use article_annotator::core::article::Article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = Article::from_bytes(data, false) {
        for p in &a.paragraphs {
            let _ = a.paragraph_target(&p.id);
        }
        let _ = a.text();
    }
    let _ = Article::from_bytes(data, true);
});
