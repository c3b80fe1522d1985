//! Unicode normalisation (NFC, NFD) and lower case for the core.
//!
//! Natively they come from the `unicode-normalization` crate and the standard library. In the
//! browser build the browser already has the tables (`String.prototype.normalize` and
//! `toLowerCase`), so neither the crate nor std's case tables are linked: the platform layer
//! installs the browser's functions with [`install`]. That keeps about 115 KB of tables out of
//! the wasm. Until they are installed, wasm text passes through unchanged.
//!
//! Lower case of the letters Vietnamese and other Latin-script text is written in (ASCII,
//! Latin-1, Latin Extended-A, ơ/ư, Latin Extended Additional) is computed here, without a call:
//! folding a word must stay fast. A test checks it against the standard library, letter by
//! letter.

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

#[cfg(not(target_arch = "wasm32"))]
fn lower_with(c: char, out: &mut String) {
    out.extend(c.to_lowercase());
}

/// The Unicode functions the wasm build takes from the browser.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy)]
pub struct Provider {
    /// `s` in the given form (`String.prototype.normalize`).
    pub normalize: fn(&str, Form) -> String,
    /// `s` in lower case (`String.prototype.toLowerCase`).
    pub lowercase: fn(&str) -> String,
}

#[cfg(target_arch = "wasm32")]
static PROVIDER: std::sync::OnceLock<Provider> = std::sync::OnceLock::new();

/// Installs the functions the wasm build uses (the browser's). Later calls are ignored.
#[cfg(target_arch = "wasm32")]
pub fn install(provider: Provider) {
    let _ = PROVIDER.set(provider);
}

#[cfg(target_arch = "wasm32")]
fn normalize_with(s: &str, form: Form) -> String {
    match PROVIDER.get() {
        Some(p) => (p.normalize)(s, form),
        None => s.to_owned(),
    }
}

#[cfg(target_arch = "wasm32")]
fn lower_with(c: char, out: &mut String) {
    match PROVIDER.get() {
        Some(p) => out.push_str(&(p.lowercase)(c.encode_utf8(&mut [0; 4]))),
        None => out.push(c),
    }
}

/// Lower case of a Latin letter, computed without a table; `None` outside the blocks covered.
fn lower_latin(c: char) -> Option<char> {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x00..=0xFF => u,
        // Latin Extended-A: pairs, upper case first, except where the pairs shift by one.
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 => u | 1,
        0x0139..=0x0148 | 0x0179..=0x017E => u + (u & 1),
        0x0131 | 0x0138 | 0x0149 | 0x017F => u,
        0x0178 => 0xFF,
        // Ơ ơ Ƣ ƣ Ƥ ƥ, Ư ư.
        0x01A0..=0x01A5 => u | 1,
        0x01AF..=0x01B0 => 0x01B0,
        // Latin Extended Additional (Vietnamese's toned vowels among them).
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u | 1,
        0x1E96..=0x1E9D | 0x1E9F => u,
        0x1E9E => 0xDF,
        _ => return None,
    };
    char::from_u32(lower)
}

/// Appends `c` in lower case (one or more characters) to `out`.
pub fn push_lower(c: char, out: &mut String) {
    match lower_latin(c) {
        Some(l) => out.push(l),
        None => lower_with(c, out),
    }
}

/// `s` in lower case, character by character (no final-sigma rule, which matching does not need).
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_lower(c, &mut out);
    }
    out
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

    /// Every character the table-free path lowers, against the standard library.
    #[test]
    fn latin_lower_case_matches_the_standard_library() {
        let mut covered = 0;
        for c in (0..=0x1FFFF).filter_map(char::from_u32) {
            if let Some(l) = lower_latin(c) {
                let want: String = c.to_lowercase().collect();
                assert_eq!(l.to_string(), want, "U+{:04X} {c}", c as u32);
                covered += 1;
            }
        }
        assert_eq!(covered, 256 + 127 + 8 + 256);
        assert_eq!(
            lower("ĐẢNG ỦY Ơ Ư ΣΑ Привет İ"),
            "đảng ủy ơ ư σα привет i\u{307}"
        );
    }
}
