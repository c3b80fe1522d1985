//! Unicode normalisation (NFC, NFD) for the core.
//!
//! Natively it comes from the `unicode-normalization` crate. In the browser build the browser
//! already has the tables (`String.prototype.normalize`), so the crate is not linked and the
//! platform layer installs the browser's normaliser with [`install`]: that keeps about 100 KB of
//! tables out of the wasm. Until one is installed, wasm text passes through unchanged.

/// A normalisation form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Nfc,
    Nfd,
}

/// Whether `c` is a combining mark of the blocks text in Latin script uses (Vietnamese's tone and
/// vowel marks among them), without a table.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(not(target_arch = "wasm32"))]
fn normalize_with(s: &str, form: Form) -> String {
    use unicode_normalization::UnicodeNormalization;
    match form {
        Form::Nfc => s.nfc().collect(),
        Form::Nfd => s.nfd().collect(),
    }
}

#[cfg(target_arch = "wasm32")]
static NORMALIZER: std::sync::OnceLock<fn(&str, Form) -> String> = std::sync::OnceLock::new();

/// Installs the normaliser the wasm build uses (the browser's). Later calls are ignored.
#[cfg(target_arch = "wasm32")]
pub fn install(normalizer: fn(&str, Form) -> String) {
    let _ = NORMALIZER.set(normalizer);
}

#[cfg(target_arch = "wasm32")]
fn normalize_with(s: &str, form: Form) -> String {
    match NORMALIZER.get() {
        Some(f) => f(s, form),
        None => s.to_owned(),
    }
}

/// `s` in normalisation form `form`. ASCII text is returned as it is, without a call.
pub fn normalize(s: &str, form: Form) -> String {
    if s.is_ascii() {
        s.to_owned()
    } else {
        normalize_with(s, form)
    }
}

/// NFC.
pub fn nfc(s: &str) -> String {
    normalize(s, Form::Nfc)
}

/// NFD.
pub fn nfd(s: &str) -> String {
    normalize(s, Form::Nfd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_table() {
        let cases = [
            ("ủy", Form::Nfd, "u\u{309}y"),
            ("u\u{309}y", Form::Nfc, "ủy"),
            ("Tỉnh ủy", Form::Nfc, "Tỉnh ủy"),
            ("abc", Form::Nfd, "abc"),
        ];
        for (input, form, want) in cases {
            assert_eq!(normalize(input, form), want, "{input:?} {form:?}");
        }
        assert!(
            is_combining_mark('\u{0323}') && !is_combining_mark('a') && !is_combining_mark('ư')
        );
    }
}
