//! The storage envelope loader on arbitrary text.
#![no_main]
use article_annotator::core::storage::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(env) = decode(text) {
            let _ = env.encode();
        }
    }
});
