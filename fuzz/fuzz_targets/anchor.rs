//! Anchoring on arbitrary text and selectors: the input is "text \x00 exact \x00 prefix \x00 suffix"
//! and two position bytes.
#![no_main]
use article_annotator::core::anchor::{anchor, Anchoring, Folded};
use article_annotator::core::notes::{TextPosition, TextQuote};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&a, rest)) = data.split_first() else { return };
    let Some((&b, rest)) = rest.split_first() else { return };
    let Ok(s) = std::str::from_utf8(rest) else { return };
    let mut parts = s.split('\0');
    let text = parts.next().unwrap_or_default();
    let quote = TextQuote {
        exact: parts.next().unwrap_or_default().to_owned(),
        prefix: parts.next().unwrap_or_default().to_owned(),
        suffix: parts.next().unwrap_or_default().to_owned(),
    };
    let folded = Folded::new(text);
    let position = TextPosition { start: usize::from(a.min(b)), end: usize::from(a.max(b)) };
    if let Anchoring::Placed { start, end, .. } = anchor(&folded, &quote, position) {
        assert!(start <= end && end <= text.chars().count(), "a placement inside the text");
    }
});
