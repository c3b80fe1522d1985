//! The recogniser on arbitrary text: mentions stay inside the text, on character boundaries, in
//! order and without overlap.
#![no_main]
use std::sync::OnceLock;

use article_annotator::core::recognize::Recognizer;
use libfuzzer_sys::fuzz_target;

static RECOGNIZER: OnceLock<Recognizer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let r = RECOGNIZER.get_or_init(Recognizer::default);
    let rec = r.recognize(&[text]);
    let mut last_end = 0;
    for m in &rec.mentions[0] {
        assert!(text.is_char_boundary(m.start_byte) && text.is_char_boundary(m.end_byte));
        assert!(m.start_byte < m.end_byte && m.end_byte <= text.len());
        assert!(m.start_byte >= last_end, "mentions do not overlap");
        assert!(m.entity < rec.entities.len());
        last_end = m.end_byte;
    }
});
