//! Offsets and folding: the two things every other module needs to agree on.
//!
//! Three units of offset meet in this crate, and every offset says which one it is:
//! [`CharIdx`] (Unicode code points, what every JSON the project writes uses), [`ByteIdx`] (UTF-8
//! bytes, for slicing inside core) and UTF-16 code units (the DOM's, converted only in `platform`).
//!
//! Matching works on *folded* words: NFC, lower case, and the tone mark moved out of the syllable
//! into a trailing digit, so that both Vietnamese tone-placement spellings ("uỷ" / "ủy", "hoà" /
//! "hòa") and decomposed (NFD) input fold to the same key. Tokens keep the offsets of the text as
//! given, so every match maps straight back to the original.

use super::unicode::{is_combining_mark, nfc};
use rustc_hash::FxHashMap;

/// An offset in Unicode code points (Rust `chars()` indices, Python `str` indices).
pub type CharIdx = usize;
/// An offset in UTF-8 bytes of a Rust `str`.
pub type ByteIdx = usize;

/// The five Vietnamese tone marks as combining characters, in the order of the digit they fold to.
pub const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// The Vietnamese vowels, each with its five toned letters in the order of [`TONE_MARKS`]: folding
/// needs nothing more than this from Unicode's tables, so it never calls out to a normaliser for
/// text in NFC (the browser's normaliser is a call across the wasm boundary).
const TONED: [(char, [char; 5]); 12] = [
    ('a', ['à', 'á', 'ã', 'ả', 'ạ']),
    ('ă', ['ằ', 'ắ', 'ẵ', 'ẳ', 'ặ']),
    ('â', ['ầ', 'ấ', 'ẫ', 'ẩ', 'ậ']),
    ('e', ['è', 'é', 'ẽ', 'ẻ', 'ẹ']),
    ('ê', ['ề', 'ế', 'ễ', 'ể', 'ệ']),
    ('i', ['ì', 'í', 'ĩ', 'ỉ', 'ị']),
    ('o', ['ò', 'ó', 'õ', 'ỏ', 'ọ']),
    ('ô', ['ồ', 'ố', 'ỗ', 'ổ', 'ộ']),
    ('ơ', ['ờ', 'ớ', 'ỡ', 'ở', 'ợ']),
    ('u', ['ù', 'ú', 'ũ', 'ủ', 'ụ']),
    ('ư', ['ừ', 'ứ', 'ữ', 'ử', 'ự']),
    ('y', ['ỳ', 'ý', 'ỹ', 'ỷ', 'ỵ']),
];

/// A lower-case letter without its tone, and the tone's digit (1–5) if it had one: `'ệ'` →
/// `('ê', Some(5))`, `'đ'` → `('đ', None)`.
pub fn untone(c: char) -> (char, Option<u8>) {
    let u = c as u32;
    let (table, first) = match u {
        LATIN_FIRST..=LATIN_LAST => (&LATIN_TONED[..], LATIN_FIRST),
        EXTENDED_FIRST..=EXTENDED_LAST => (&EXTENDED_TONED[..], EXTENDED_FIRST),
        _ => return (c, None),
    };
    match table.get((u - first) as usize) {
        Some(&(base, tone)) if tone > 0 => (base, Some(tone)),
        _ => (c, None),
    }
}

// `untone` by direct lookup: every toned vowel is in one of these two blocks, and folding a
// word looks up each of its letters (a search through `TONED` per letter cost the lexicon's
// build 12 ms in the browser). Made from `TONED` at compile time.
const LATIN_FIRST: u32 = 0xC0;
const LATIN_LAST: u32 = 0x1B0;
const EXTENDED_FIRST: u32 = 0x1EA0;
const EXTENDED_LAST: u32 = 0x1EF9;
const LATIN_TONED: [(char, u8); (LATIN_LAST - LATIN_FIRST + 1) as usize] = toned_block(LATIN_FIRST);
const EXTENDED_TONED: [(char, u8); (EXTENDED_LAST - EXTENDED_FIRST + 1) as usize] =
    toned_block(EXTENDED_FIRST);

/// For each code point from `first` on: its base vowel and tone digit, or tone 0 if untoned.
const fn toned_block<const N: usize>(first: u32) -> [(char, u8); N] {
    let mut out = [('\0', 0u8); N];
    let mut g = 0;
    while g < TONED.len() {
        let mut i = 0;
        while i < 5 {
            let c = TONED[g].1[i] as u32;
            if c >= first && c < first + N as u32 {
                out[(c - first) as usize] = (TONED[g].0, i as u8 + 1);
            }
            i += 1;
        }
        g += 1;
    }
    out
}

/// `text`, composed (NFC) if it holds combining marks: decomposed input (NFD) then folds as the
/// precomposed does. Text without combining marks is returned as it is, without a call.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_combining_mark) {
        std::borrow::Cow::Owned(nfc(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Folds one word for matching: lower case, tone mark moved to a trailing digit (1–5).
///
/// `"Uỷ"`, `"ủy"`, `"ủy"` (NFD) all fold to `"uy4"`; `"Hoà"` and `"hòa"` to `"hoa1"`.
pub fn fold_word(word: &str) -> String {
    let word = composed(word);
    let mut tone: Option<u8> = None;
    let mut out = String::with_capacity(word.len());
    for c in crate::core::unicode::lower(&word).chars() {
        // A tone mark left standing alone (on a letter that has no precomposed toned form).
        if let Some(i) = TONE_MARKS.iter().position(|&t| t == c) {
            tone = Some(i as u8 + 1);
            continue;
        }
        let (base, t) = untone(c);
        tone = t.or(tone);
        out.push(base);
    }
    if let Some(t) = tone {
        out.push(char::from(b'0' + t));
    }
    out
}

/// Folds a phrase word by word, joining the folded words with single spaces. Punctuation that
/// stands alone (`,` `-` `&`) is kept as its own word so that lexicon entries can contain it.
pub fn fold_phrase(phrase: &str) -> String {
    let mut symbols = Symbols::default();
    let tokens = tokenize(phrase, &mut symbols);
    tokens
        .iter()
        .map(|t| symbols.text(t.sym))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits and combining marks, with `&`, and `-` `/` `.` between alphanumerics
    /// ("KH&ĐT", "NQ-HĐND", "3.7").
    Word,
    /// One punctuation character.
    Punct,
    /// A run of spaces or tabs, non-breaking spaces included. Never returned by [`tokenize`]:
    /// words are separated by it, and the grammar needs nothing else from it.
    Space,
    /// A line break: recognition never crosses one.
    Newline,
}

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No upper-case letter.
    Lower,
    /// First letter upper case, some later letter lower case.
    Title,
    /// Every letter upper case ("UBND", "HOÀNG", and one-letter "A").
    Upper,
    /// Starts with a digit or has no letter.
    Other,
}

/// One token of a text, with its offsets in the text as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub case: Case,
    /// The folded spelling: [`fold_word`] of the token for words, the character itself (dashes
    /// as `-`) for punctuation, `"\n"` for line breaks. Read it with [`Symbols::text`].
    pub sym: Sym,
    pub start_byte: ByteIdx,
    pub end_byte: ByteIdx,
    pub start_char: CharIdx,
    pub end_char: CharIdx,
}

/// A folded spelling, interned in a [`Symbols`]: tokens folded alike have equal symbols, so the
/// recogniser compares and hashes numbers instead of strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// The symbol's index, dense from 0: a key for tables indexed by symbol.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The symbol with index `i`.
    pub fn from_index(i: usize) -> Sym {
        Sym(i as u32)
    }
}

/// The folded spellings of the texts tokenised with it, each folded once: words repeat, so each
/// distinct spelling as written (`raw`) is folded the first time it is seen. One table serves
/// all the texts of an article.
#[derive(Debug, Default)]
pub struct Symbols<'a> {
    by_raw: FxHashMap<&'a str, (Sym, Case)>,
    by_folded: FxHashMap<Box<str>, Sym>,
    folded: Vec<Box<str>>,
    /// Spellings of up to 8 bytes as written (most syllables) as one number with their length,
    /// each in the slot its number picks: a cache in front of `by_raw`, which hashes and compares
    /// strings. Empty until the first token; a slot of length 0 holds nothing.
    recent: Vec<(u64, u8, Sym, Case)>,
}

/// Slots of [`Symbols::recent`], a power of two: more than an article's common spellings.
const RECENT_SLOTS: usize = 1024;

impl<'a> Symbols<'a> {
    /// The symbol of a folded spelling, added if new.
    pub fn intern(&mut self, folded: &str) -> Sym {
        if let Some(&s) = self.by_folded.get(folded) {
            return s;
        }
        let s = Sym(self.folded.len() as u32);
        self.folded.push(folded.into());
        self.by_folded.insert(folded.into(), s);
        s
    }

    /// The symbol of a folded spelling, if some token or [`Symbols::intern`] brought it in.
    pub fn get(&self, folded: &str) -> Option<Sym> {
        self.by_folded.get(folded).copied()
    }

    /// The folded spelling of a symbol.
    pub fn text(&self, sym: Sym) -> &str {
        self.folded.get(sym.index()).map_or("", |s| s)
    }

    /// How many symbols there are: every [`Sym::index`] is below it.
    pub fn len(&self) -> usize {
        self.folded.len()
    }

    /// Whether no symbol was interned yet.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// The symbol and case of a token as written, folding it the first time.
    fn of_raw(&mut self, raw: &'a str, kind: TokenKind) -> (Sym, Case) {
        let short = raw.len() <= 8 && !raw.is_empty();
        let (key, slot) = if short {
            let mut bytes = [0u8; 8];
            bytes[..raw.len()].copy_from_slice(raw.as_bytes());
            let key = u64::from_le_bytes(bytes);
            // Fibonacci hashing: the top bits of the product pick the slot.
            let mixed = (key ^ raw.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            (
                key,
                (mixed >> (64 - RECENT_SLOTS.trailing_zeros())) as usize,
            )
        } else {
            (0, 0)
        };
        if short {
            if self.recent.is_empty() {
                self.recent = vec![(0, 0, Sym(0), Case::Other); RECENT_SLOTS];
            }
            if let Some(&(k, len, sym, case)) = self.recent.get(slot) {
                if k == key && usize::from(len) == raw.len() {
                    return (sym, case);
                }
            }
        }
        let hit = match self.by_raw.get(raw) {
            Some(&hit) => hit,
            None => {
                let hit = match kind {
                    TokenKind::Word => (self.intern(&fold_word(raw)), case_of(raw)),
                    TokenKind::Newline => (self.intern("\n"), Case::Other),
                    _ => (self.intern(normalise_punct(raw)), Case::Other),
                };
                self.by_raw.insert(raw, hit);
                hit
            }
        };
        if let Some(entry) = self.recent.get_mut(slot).filter(|_| short) {
            *entry = (key, raw.len() as u8, hit.0, hit.1);
        }
        hit
    }
}

impl Token {
    /// Whether the first letter is upper case.
    pub fn is_capitalised(&self) -> bool {
        matches!(self.case, Case::Title | Case::Upper)
    }
}

fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        // Latin letters with diacritics (Vietnamese among them), without the full Unicode lookup.
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1ea0}'..='\u{1ef9}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

fn is_space(c: char) -> bool {
    c != '\n' && c != '\r' && (c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}')
}

fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = word.chars().next() else {
        return Case::Other;
    };
    if !first.is_alphabetic() {
        return Case::Other;
    }
    if !first.is_uppercase() {
        return Case::Lower;
    }
    if letters.all(|c| !c.is_lowercase()) {
        Case::Upper
    } else {
        Case::Title
    }
}

/// The character at byte `b` of `text` and its length in bytes, decoded from the bytes (ASCII
/// without decoding); `None` at the end or off a character boundary.
#[inline]
fn char_at(text: &str, b: ByteIdx) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let first = *bytes.get(b)?;
    let (len, bits) = match first {
        0..=0x7f => return Some((char::from(first), 1)),
        0xc0..=0xdf => (2, first & 0x1f),
        0xe0..=0xef => (3, first & 0x0f),
        0xf0..=0xf7 => (4, first & 0x07),
        _ => return None,
    };
    // The text is UTF-8 and `b` a boundary: the next `len - 1` bytes are continuation bytes.
    let code = bytes
        .get(b + 1..b + len)?
        .iter()
        .fold(u32::from(bits), |code, &x| {
            (code << 6) | u32::from(x & 0x3f)
        });
    char::from_u32(code).map(|c| (c, len))
}

/// Splits a text into words, punctuation and line breaks (spaces only separate them), keeping
/// byte and code-point offsets of the text as given, and interning folded spellings in `symbols`.
pub fn tokenize<'a>(text: &'a str, symbols: &mut Symbols<'a>) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, symbols, &mut out);
    out
}

/// [`tokenize`], appending the tokens to `out`.
pub fn tokenize_into<'a>(text: &'a str, symbols: &mut Symbols<'a>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    out.reserve(text.len() / 5);
    let (mut b, mut ci) = (0usize, 0usize);
    while let Some((c, len)) = char_at(text, b) {
        let (start_byte, start_char) = (b, ci);
        b += len;
        ci += 1;
        if c == ' ' {
            continue;
        }
        let kind = if is_word_char(c) {
            let mut prev = c;
            loop {
                // ASCII letters and digits, most of the bytes of a word, without decoding.
                let run = bytes
                    .get(b..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric())
                    .count();
                if run > 0 {
                    b += run;
                    ci += run;
                    prev = char::from(bytes[b - 1]);
                }
                // A space ends most words: no decoding.
                if bytes.get(b).is_none_or(|&x| x == b' ') {
                    break;
                }
                let Some((c, len)) = char_at(text, b) else {
                    break;
                };
                let joins = matches!(c, '&' | '-' | '/' | '.' | '\'' | '’')
                    && (c != '&' || prev.is_alphabetic())
                    && char_at(text, b + len).is_some_and(|(n, _)| is_word_char(n));
                if !(is_word_char(c) || joins) {
                    break;
                }
                b += len;
                ci += 1;
                prev = c;
            }
            TokenKind::Word
        } else if is_space(c) {
            while let Some((_, len)) = char_at(text, b).filter(|&(c, _)| is_space(c)) {
                b += len;
                ci += 1;
            }
            continue;
        } else if c == '\n' || c == '\r' {
            while let Some((_, len)) = char_at(text, b).filter(|&(c, _)| c == '\n' || c == '\r') {
                b += len;
                ci += 1;
            }
            TokenKind::Newline
        } else {
            TokenKind::Punct
        };
        let (sym, case) = symbols.of_raw(&text[start_byte..b], kind);
        out.push(Token {
            kind,
            case,
            sym,
            start_byte,
            end_byte: b,
            start_char,
            end_char: ci,
        });
    }
}

/// Dashes of every width fold to `-`.
fn normalise_punct(p: &str) -> &str {
    match p {
        "–" | "—" | "‑" | "−" => "-",
        other => other,
    }
}

/// Converts a byte offset in `text` to a code-point offset.
pub fn char_idx_of(text: &str, byte: ByteIdx) -> CharIdx {
    text.get(..byte)
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

/// Converts a UTF-16 offset (the DOM's unit) in `text` to a code-point offset; an offset inside a
/// surrogate pair or past the end is clamped to the code point before or to the end.
pub fn char_idx_from_utf16(text: &str, utf16: usize) -> CharIdx {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        units += c.len_utf16();
        if units > utf16 {
            return i;
        }
    }
    text.chars().count()
}

/// Converts a code-point offset in `text` to a byte offset (clamped to the end).
pub fn byte_idx_of(text: &str, chars: CharIdx) -> ByteIdx {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// A 32-bit FNV-1a hash: small, stable across builds and platforms, enough for paragraph ids.
pub fn fnv1a32(data: &[u8]) -> u32 {
    data.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let nfd_uy = crate::core::unicode::nfd("ủy");
        let nfd_viet = crate::core::unicode::nfd("VIỆT");
        let cases: &[(&str, &str)] = &[
            ("ủy", "uy4"),
            ("uỷ", "uy4"),
            ("Uỷ", "uy4"),
            (nfd_uy.as_str(), "uy4"),
            ("hòa", "hoa1"),
            ("hoà", "hoa1"),
            ("HOÀ", "hoa1"),
            ("Thuỷ", "thuy4"),
            ("thủy", "thuy4"),
            ("Đảng", "đang4"),
            ("Phó", "pho2"),
            ("Việt", "viêt5"),
            ("UBND", "ubnd"),
            ("KH&ĐT", "kh&đt"),
            (nfd_viet.as_str(), "viêt5"),
            ("Trường", "trương1"),
            ("x\u{0301}", "x2"),
        ];
        for (input, want) in cases {
            assert_eq!(fold_word(input), *want, "fold_word({input:?})");
        }
    }

    #[test]
    fn characters_are_decoded_from_their_bytes() {
        // One to four bytes, at every boundary; off a boundary and at the end, none.
        for text in [
            "aĐ ệ\u{20ac}\u{1d504}z",
            "Nguyễn Văn A",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            for (b, c) in text.char_indices() {
                assert_eq!(char_at(text, b), Some((c, c.len_utf8())), "{text:?} at {b}");
                for inside in b + 1..b + c.len_utf8() {
                    assert_eq!(char_at(text, inside), None, "{text:?} at {inside}");
                }
            }
            assert_eq!(char_at(text, text.len()), None);
        }
    }

    #[test]
    fn word_characters() {
        let cases: &[(char, bool)] = &[
            ('a', true),
            ('Z', true),
            ('7', true),
            (' ', false),
            ('-', false),
            ('\u{7f}', false),
            ('À', true),
            ('ư', true),
            ('Đ', true),
            ('\u{d7}', false),
            ('\u{f7}', false),
            ('ệ', true),
            ('\u{0301}', true),
            ('\u{2013}', false),
            ('α', true),
            ('\u{a0}', false),
        ];
        for &(c, want) in cases {
            assert_eq!(is_word_char(c), want, "{c:?}");
        }
    }

    #[test]
    fn only_toned_vowels_lose_a_tone() {
        let toned: usize = TONED.len() * 5;
        let mut found = 0;
        for c in (0..=0x1FFFF).filter_map(char::from_u32) {
            let (base, tone) = untone(c);
            match tone {
                Some(t) => {
                    found += 1;
                    assert!(
                        TONED
                            .iter()
                            .any(|(b, list)| *b == base && list[t as usize - 1] == c),
                        "{c}"
                    );
                }
                None => assert_eq!(base, c),
            }
        }
        assert_eq!(found, toned);
    }

    #[test]
    fn every_toned_vowel_folds_as_its_decomposition_does() {
        // The table against Unicode's own decomposition (natively, the unicode-normalization crate).
        for (base, toned) in TONED {
            for (i, &c) in toned.iter().enumerate() {
                // Canonical order may put the tone before the vowel's own mark ("ặ" = a, dot, breve).
                let nfd = crate::core::unicode::nfd(&c.to_string());
                assert!(nfd.contains(TONE_MARKS[i]), "{c}: tone mark {i}");
                assert_eq!(
                    nfc(&nfd.replace(TONE_MARKS[i], "")),
                    base.to_string(),
                    "{c}: base"
                );
                assert_eq!(untone(c), (base, Some(i as u8 + 1)));
                let upper: String = c.to_uppercase().collect();
                assert_eq!(fold_word(&upper), format!("{base}{}", i + 1), "{upper}");
            }
        }
    }

    #[test]
    fn tokens_keep_offsets_of_the_text_as_given() {
        let text = "Sở KH&ĐT\u{a0}tỉnh, số 12/NQ-HĐND.";
        let toks = tokenize(text, &mut Symbols::default());
        let words: Vec<(&str, CharIdx, CharIdx)> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (&text[t.start_byte..t.end_byte], t.start_char, t.end_char))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Sở", 0, 2),
                ("KH&ĐT", 3, 8),
                ("tỉnh", 9, 13),
                ("số", 15, 17),
                ("12/NQ-HĐND", 18, 28)
            ]
        );
        assert!(
            toks.iter().all(|t| t.kind != TokenKind::Space),
            "spaces, non-breaking ones too, only separate"
        );
    }

    #[test]
    fn spellings_folded_alike_share_a_symbol() {
        let text = "Uỷ ban, ủy ban; UỶ BAN – Hoà - hòa";
        let mut symbols = Symbols::default();
        let toks = tokenize(text, &mut symbols);
        let sym_of = |raw: &str| {
            toks.iter()
                .find(|t| &text[t.start_byte..t.end_byte] == raw)
                .map(|t| t.sym)
        };
        assert_eq!(sym_of("Uỷ"), sym_of("ủy"));
        assert_eq!(sym_of("Uỷ"), sym_of("UỶ"));
        assert_eq!(sym_of("Hoà"), sym_of("hòa"));
        assert_eq!(sym_of("–"), sym_of("-"), "dashes fold to '-'");
        assert_ne!(sym_of("ban"), sym_of("Uỷ"));
        assert_eq!(sym_of("Uỷ").map(|s| symbols.text(s)), Some("uy4"));
        assert_eq!(symbols.get("ban"), sym_of("BAN"));
        assert!(toks.iter().all(|t| t.sym.index() < symbols.len()));
    }

    #[test]
    fn utf16_and_byte_conversions_table() {
        let text = "Tỉnh ủy 😀 họp";
        for (u16, cp) in [(0, 0), (4, 4), (8, 8), (9, 8), (10, 9), (11, 10), (99, 13)] {
            assert_eq!(char_idx_from_utf16(text, u16), cp, "utf-16 {u16}");
        }
        assert_eq!(byte_idx_of(text, 5), "Tỉnh ".len());
        assert_eq!(byte_idx_of(text, 99), text.len());
    }

    #[test]
    fn case_table() {
        for (w, c) in [
            ("UBND", Case::Upper),
            ("Tỉnh", Case::Title),
            ("ủy", Case::Lower),
            ("19", Case::Other),
        ] {
            assert_eq!(case_of(w), c, "{w}");
        }
    }

    #[test]
    fn fold_phrase_keeps_inner_punctuation() {
        assert_eq!(fold_phrase("Kinh tế - Ngân sách"), "kinh tê2 - ngân sach2");
        assert_eq!(fold_phrase("Bảo vệ, chăm sóc"), "bao4 vê5 , chăm soc2");
    }
}
