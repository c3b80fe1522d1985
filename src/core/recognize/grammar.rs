//! The grammar of Vietnamese body names, titles and person names, over folded tokens.
//!
//! A body is a core ("Tỉnh ủy", "UBND", "Ban" + "Tuyên giáo", "Báo" + a proper name) followed by
//! parent bodies and locatives ("Ban Thường vụ" + "Tỉnh ủy"; "UBND" + "tỉnh Nam Định";
//! "Phòng Cảnh sát kinh tế" + "Công an" + "tỉnh"). A title is an optional "Phó", a role, an
//! optional "Thường trực" and an optional body ("Phó Bí thư Thường trực Tỉnh ủy"). A person name
//! is a surname followed by capitalised syllables. Every function takes a token index and returns
//! the index just past what it recognised.

use super::lexicon::{Cat, Cats, Lexicon, NodeId, WordId};
use crate::core::text::{fold_word, Case, Sym, Symbols, Token, TokenKind};

/// What the recogniser knows of one symbol, looked up once per distinct spelling of an article.
#[derive(Debug, Default)]
pub(crate) struct SymInfo {
    /// Its id in the lexicon's vocabulary.
    pub word: Option<WordId>,
    /// Letters and digits only, starting with a letter: a possible part of a name.
    pub letters_only: bool,
    /// For an abbreviation, the symbols of its full form's words ("ubnd" → "uy4 ban nhân dân").
    pub expansion: Option<Vec<Sym>>,
    /// "TP.Huế": the abbreviation of "thành phố" glued to a place name.
    pub tp_glued: bool,
    /// A police or army unit code: "PC06", "PA03" (letters of [`UNIT_CODE_PREFIXES`], digits).
    pub unit_code: bool,
    /// An ethnic-minority name shape: "K'Mák", "H'Hen", "R'Châm" (a syllable glued to "K'", "H'"
    /// or "R'").
    pub ethnic_prefix: bool,
    /// Digits only: a numbered district or ward ("quận 5").
    pub number: bool,
    /// "quận" or "phường": a level that takes a number for its name.
    pub numbered_level: bool,
    /// Whether some lexicon phrase the grammar looks up starts with this word.
    pub starts_phrase: bool,
    /// The lexicon's trie node the phrases starting with this word go on from.
    pub first_node: Option<NodeId>,
    /// A one-word name stop ("cho", "đã"): a word that ends an open-class name.
    pub stop_word: bool,
    /// A surname and no other phrase: in lower case it starts nothing ("nay", "sử dụng").
    pub surname_only: bool,
}

/// The letters of police and army unit codes: "PC" (provincial police departments), "PA"
/// (security departments), "PK", "PE", "PX" and "PV" (others), "C" and "A" (departments of the
/// ministry: "C08"), followed by two or three digits.
const UNIT_CODE_PREFIXES: [&str; 8] = ["pc", "pa", "pk", "pe", "px", "pv", "c", "a"];
/// Words of an open-class body name ("Phòng Quản lý giá và công sản"), at most.
const MAX_OPEN_NAME_WORDS: usize = 8;
/// Words a capitalised open-class name keeps after its last capitalised word when nothing clear
/// ends it (a full stop, too many words): a two-syllable word ("Sở Du lịch").
const OPEN_NAME_TAIL: usize = 1;

/// Words of a board's purpose before the locative that closes it ("Ban Quản lý dự án đầu tư xây
/// dựng công trình giao thông tỉnh"), at most.
const MAX_PURPOSE_WORDS: usize = 10;
/// Words of a parenthesis between a name and its titles ("(45 tuổi)", "(SN 1970)"), at most.
pub(crate) const MAX_ASIDE_WORDS: usize = 6;
/// Syllables after a one-letter surname ("Y Thanh Hà Niê Kđăm"), at most.
const MAX_GIVEN_NAMES_ETHNIC: usize = 4;
/// Words an open-class name in lower case has at least: a description ("Trung tâm dịch vụ bán
/// đấu giá tài sản tỉnh"), not a common noun ("Đội bóng Hà Nội").
const MIN_LOWER_OPEN_NAME_WORDS: usize = 3;

/// Whether a folded word is a unit code ("pc67").
fn is_unit_code(folded: &str) -> bool {
    UNIT_CODE_PREFIXES.iter().any(|p| {
        folded.strip_prefix(p).is_some_and(|digits| {
            (2..=3).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// The symbols of one recognition and what the lexicon says of each.
pub(crate) struct Vocab<'a> {
    pub symbols: Symbols<'a>,
    info: Vec<SymInfo>,
}

impl<'a> Vocab<'a> {
    /// Looks every symbol of `symbols` up in the lexicon, once.
    pub fn new(lex: &Lexicon, mut symbols: Symbols<'a>) -> Vocab<'a> {
        let mut info = Vec::with_capacity(symbols.len());
        let (quan, phuong) = (fold_word("quận"), fold_word("phường"));
        for i in 0..symbols.len() {
            let text = symbols.text(Sym::from_index(i));
            let letters_only = text.chars().next().is_some_and(char::is_alphabetic)
                && text
                    .chars()
                    .all(|c| c.is_alphabetic() || c.is_ascii_digit());
            let word = lex.word(text);
            let glued = |p: &str| {
                text.strip_prefix(p)
                    .is_some_and(|rest| rest.chars().next().is_some_and(char::is_alphabetic))
            };
            let tp_glued = glued("tp.");
            let ethnic_prefix = ["k'", "h'", "r'", "k’", "h’", "r’"]
                .iter()
                .any(|p| glued(p));
            let unit_code = is_unit_code(text);
            let number = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
            let numbered_level = text == quan || text == phuong;
            // A word that is only a one-word name stop ("của", "đã", "là": the commonest words)
            // starts no phrase: the grammar asks [`SymInfo::stop_word`] instead.
            let first = word.and_then(|w| lex.first_word(w));
            let stop_word = first.is_some_and(|(c, _)| c.has(Cat::NameStop));
            let starts_phrase =
                first.is_some_and(|(c, longer)| longer || c != Cats::of(&[Cat::NameStop]));
            // A surname and nothing else ("Nay", "Sử", "Danh"): in lower case a common word.
            let surname_only = first.is_some_and(|(c, longer)| {
                !longer && !c.meets(Cats::of(&[Cat::Surname]).complement())
            });
            let expansion = lex.expansion(text).map(|full| {
                let words: Vec<String> = full
                    .iter()
                    .filter(|x| x.chars().any(char::is_alphanumeric))
                    .cloned()
                    .collect();
                words.iter().map(|w| symbols.intern(w)).collect()
            });
            info.push(SymInfo {
                word,
                letters_only,
                expansion,
                tp_glued,
                unit_code,
                ethnic_prefix,
                number,
                numbered_level,
                starts_phrase,
                first_node: word.and_then(|w| lex.first_node(w)),
                stop_word,
                surname_only,
            });
        }
        Vocab { symbols, info }
    }

    pub fn info(&self, sym: Sym) -> Option<&SymInfo> {
        self.info.get(sym.index())
    }
}

/// Spellings the grammar tests tokens against. [`Vocab::symbols`] interns them first, so their
/// symbols are known constants and testing a token is comparing two numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    OpenParen,
    CloseParen,
    Comma,
    Dash,
    Dot,
    Bang,
    Question,
    Colon,
    Quote,
    OpenQuote,
    /// "hội", of "xã hội".
    Hoi,
    /// "TP", the abbreviation of "thành phố".
    Tp,
    /// "Trường", a school.
    Truong,
    /// "xã".
    Xa,
    /// "và".
    Va,
    /// "báo", a newspaper.
    Bao,
    /// "Đội", a team.
    Doi,
    /// "số", before a number.
    So,
}

impl Mark {
    pub const ALL: [(Mark, &'static str); 18] = [
        (Mark::OpenParen, "("),
        (Mark::CloseParen, ")"),
        (Mark::Comma, ","),
        (Mark::Dash, "-"),
        (Mark::Dot, "."),
        (Mark::Bang, "!"),
        (Mark::Question, "?"),
        (Mark::Colon, ":"),
        (Mark::Quote, "\""),
        (Mark::OpenQuote, "“"),
        (Mark::Hoi, "hôi5"),
        (Mark::Tp, "tp"),
        (Mark::Truong, "trương1"),
        (Mark::Xa, "xa3"),
        (Mark::Va, "va1"),
        (Mark::Bao, "bao2"),
        (Mark::Doi, "đôi5"),
        (Mark::So, "sô2"),
    ];

    pub fn sym(self) -> Sym {
        Sym::from_index(self as usize)
    }

    /// A symbol table holding the marks, each at the index of its variant.
    pub fn symbols<'a>() -> Symbols<'a> {
        let mut symbols = Symbols::default();
        for (mark, text) in Mark::ALL {
            let sym = symbols.intern(text);
            debug_assert_eq!(sym, mark.sym());
        }
        symbols
    }
}

/// The tokens of a text: what the grammar walks.
pub(crate) struct Stream<'t> {
    pub toks: &'t [Token],
    pub vocab: &'t Vocab<'t>,
}

impl<'t> Stream<'t> {
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    // The grammar's few accessors called from dozens of places (`cap`, `upper`, `is`, `info`,
    // `Grammar::hits`, `starts`, `longest`, `has_single`) are kept out of line in the wasm: their
    // inlined copies were 0.8 KB gzip of it. Natively the compiler decides: out of line they cost
    // the recogniser about 2% of its instructions (BENCHMARKS.md).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn cap(&self, i: usize) -> bool {
        self.word(i) && self.toks[i].is_capitalised()
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn upper(&self, i: usize) -> bool {
        self.word(i) && self.toks[i].case == Case::Upper
    }

    /// Whether token `i` is `mark`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn is(&self, i: usize, mark: Mark) -> bool {
        self.toks.get(i).is_some_and(|t| t.sym == mark.sym())
    }

    /// What the lexicon says of token `i`'s spelling.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn info(&self, i: usize) -> Option<&SymInfo> {
        self.toks.get(i).and_then(|t| self.vocab.info(t.sym))
    }

    /// Whether token `i` is a word whose symbol has flag `f` (a function, not a generic closure:
    /// one compiled copy for all the flags).
    fn flag(&self, i: usize, f: fn(&SymInfo) -> bool) -> bool {
        self.word(i) && self.info(i).is_some_and(f)
    }

    /// Whether token `i` is a police or army unit code in capitals ("PC67").
    pub fn unit_code(&self, i: usize) -> bool {
        self.upper(i) && self.flag(i, |x| x.unit_code)
    }

    fn letters_only(&self, i: usize) -> bool {
        self.word(i)
            && self
                .vocab
                .info(self.toks[i].sym)
                .is_some_and(|x| x.letters_only)
    }
}

/// What kind of core a body starts with: it decides what may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Core {
    /// A complete name ("Quốc hội", "Ban Bí thư").
    Complete,
    /// A committee of one level, which also takes a bare place name ("Huyện ủy Gia Lộc").
    Level,
    /// A body only when a qualifier follows ("Đảng bộ tỉnh").
    Qualified,
    /// A head with its domain ("Sở Y tế"); may take a proper name ("Trường THPT Nguyễn Trãi").
    HeadDomain { school: bool },
}

/// A parsed title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TitleParse {
    pub start: usize,
    pub end: usize,
    pub has_body: bool,
}

/// The lexicon phrases starting at each token of an article's texts, looked up once: token `i`'s
/// are `hits[starts[i]..starts[i + 1]]`. One table for all the texts: an article has hundreds.
pub(crate) struct Hits {
    hits: Vec<(usize, Cats)>,
    starts: Vec<u32>,
    /// Whether an honorific or a rank ends right before each token ("ông" | "Nguyễn").
    after_honorific: Vec<bool>,
}

impl Hits {
    /// `tokens` holds the texts one after another, text `k` at `bounds[k]..bounds[k + 1]`; no
    /// phrase crosses a line break or the end of a text.
    pub fn new(lex: &Lexicon, tokens: &[Token], bounds: &[usize], vocab: &Vocab<'_>) -> Hits {
        let word = |t: &Token| vocab.info(t.sym).and_then(|x| x.word);
        // The trie node a word that starts some phrase leads to.
        let first_node = |t: &Token| {
            vocab
                .info(t.sym)
                .filter(|x| x.starts_phrase && !(x.surname_only && t.case == Case::Lower))
                .and_then(|x| x.first_node)
        };
        let honorific = Cats::of(&[Cat::Honorific, Cat::Rank]);
        let mut hits = Vec::new();
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        let mut after_honorific = vec![false; tokens.len() + 1];
        for w in bounds.windows(2) {
            let toks = tokens.get(w[0]..w[1]).unwrap_or_default();
            for (i, t) in toks.iter().enumerate() {
                starts.push(hits.len() as u32);
                let Some(node) = first_node(t).filter(|_| t.kind == TokenKind::Word) else {
                    continue;
                };
                let words = toks[i + 1..]
                    .iter()
                    .take_while(|t| t.kind != TokenKind::Newline)
                    .map(word);
                let from = hits.len();
                lex.prefixes_from(node, words, &mut hits);
                for &(n, c) in &hits[from..] {
                    if c.meets(honorific) {
                        if let Some(a) = after_honorific.get_mut(w[0] + i + n) {
                            *a = true;
                        }
                    }
                }
            }
        }
        starts.push(hits.len() as u32);
        Hits {
            hits,
            starts,
            after_honorific,
        }
    }
}

pub(crate) struct Grammar<'t> {
    pub s: Stream<'t>,
    hits: &'t [(usize, Cats)],
    /// The part of [`Hits::after_honorific`] for this text's tokens.
    after_honorific: &'t [bool],
    /// The part of [`Hits::starts`] for this text's tokens, one more than there are tokens.
    starts: &'t [u32],
}

impl<'t> Grammar<'t> {
    /// The grammar of the text at `start..end` of the tokens `table` was built from.
    pub fn new(
        tokens: &'t [Token],
        start: usize,
        end: usize,
        vocab: &'t Vocab<'t>,
        table: &'t Hits,
    ) -> Grammar<'t> {
        Grammar {
            s: Stream {
                toks: tokens.get(start..end).unwrap_or_default(),
                vocab,
            },
            hits: &table.hits,
            after_honorific: table.after_honorific.get(start..=end).unwrap_or_default(),
            starts: table.starts.get(start..=end).unwrap_or_default(),
        }
    }

    /// Lexicon phrases starting at token `i` (never across a line break), shortest first.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn hits(&self, i: usize) -> &[(usize, Cats)] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.hits.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Whether an honorific or a rank ends right before token `i` ("ông", "bị cáo", "trung tá").
    pub fn after_honorific(&self, i: usize) -> bool {
        self.after_honorific.get(i).copied().unwrap_or(false)
    }

    /// Every category of the phrases starting at token `i`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn starts(&self, i: usize) -> Cats {
        self.hits(i)
            .iter()
            .fold(Cats::default(), |m, &(_, c)| m.with(c))
    }

    /// End of the longest phrase of `cat` starting at `i`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn longest(&self, i: usize, cat: Cat) -> Option<usize> {
        self.hits(i)
            .iter()
            .rev()
            .find(|(_, c)| c.has(cat))
            .map(|(n, _)| i + n)
    }

    /// Whether a phrase of `cat` ends exactly at `end` (looking back up to three tokens).
    pub fn ends_with(&self, end: usize, cat: Cat) -> Option<usize> {
        (1..=3.min(end)).find_map(|n| {
            let start = end - n;
            self.hits(start)
                .iter()
                .any(|&(m, c)| m == n && c.has(cat))
                .then_some(start)
        })
    }

    fn core(&self, i: usize) -> Option<(usize, Core)> {
        let cap = self.s.cap(i);
        let mut best: Option<(usize, Core)> = None;
        let mut take = |end: usize, core: Core| {
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, core));
            }
        };
        let hits = self.hits(i);
        if hits.is_empty() && !cap {
            return None;
        }
        let starts = self.starts(i);
        if starts.has(Cat::Venue) {
            return None; // "Trung tâm Hội nghị tỉnh": a venue
        }
        // "PC67", but not the issuer's code inside a document number ("547/CV-C16").
        if cap && self.s.unit_code(i) {
            let in_number = i > 0
                && self.s.toks.get(i).is_some_and(|t| {
                    let before = &self.s.toks[i - 1];
                    before.end_byte == t.start_byte
                        && matches!(self.s.vocab.symbols.text(before.sym), "/" | "-")
                });
            if !in_number {
                take(i + 1, Core::Complete);
            }
        }
        // "Đài Loan", "Hội An": a place, not a head and a name.
        let place = if starts.has(Cat::Place) {
            self.longest(i, Cat::Place).filter(|&p| p > i + 1)
        } else {
            None
        };
        for &(n, c) in hits {
            let e = i + n;
            if cap && c.has(Cat::Masthead) && (i..e).all(|k| self.s.cap(k)) {
                take(e, Core::Complete);
            }
            if c.has(Cat::Head) && place.is_some_and(|p| p > e) {
                continue;
            }
            if self.s.is(i, Mark::Bao) && n == 1 {
                // "báo PL&XH": a newspaper's acronym that is no body of the lexicon.
                if self.s.upper(e) && !self.s.letters_only(e) && !self.starts_title_or_body(e) {
                    take(e + 1, Core::Complete);
                }
                // "báo Lao Động": a masthead after "báo" in lower case.
                if let Some(m) = self.longest(e, Cat::Masthead) {
                    if (e..m).all(|k| self.s.cap(k)) {
                        take(m, Core::Complete);
                    }
                }
            }
            if cap && c.has(Cat::Level) {
                take(e, Core::Level);
            } else if cap && c.has(Cat::Standalone) {
                take(e, Core::Complete);
            }
            if cap && c.has(Cat::Qualified) {
                take(e, Core::Qualified);
            }
            if cap && c.has(Cat::PurposeHead) {
                // "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh": a purpose in lower case, then a level.
                if let Some(end) = self.purpose(e) {
                    take(end, Core::Complete);
                }
            }
            if cap && c.has(Cat::NeedsParent) && self.parent(e).is_some() {
                take(e, Core::Complete);
            }
            if c.has(Cat::Head) && (cap || (c.has(Cat::LowerHead) && self.s.cap(e))) {
                let named = c.has(Cat::NamedHead) && !self.s.upper(i);
                // A newspaper's name is capitalised: "Báo cáo UBND tỉnh" is a report.
                let lower_ok = cap && !self.s.is(i, Mark::Bao);
                if let Some(mut d) = self.longest(e, Cat::Domain) {
                    // Domains chain: "Trường" + "Đại học" + "Y tế công cộng".
                    while let Some(next) = self
                        .longest(d, Cat::Domain)
                        .filter(|_| self.s.cap(d) || !self.s.cap(e))
                    {
                        d = next;
                    }
                    let school = self.s.is(i, Mark::Truong);
                    take(d, Core::HeadDomain { school });
                    // "Phòng CSGT Đường bộ - Đường sắt": capitalised name words after a domain.
                    if named && self.s.cap(d) {
                        if let Some(end) = self.open_name(d, false).filter(|&end| self.closed(end))
                        {
                            take(end, Core::Complete);
                        }
                    }
                } else if named {
                    if let Some(end) = self.open_name(e, lower_ok) {
                        take(end, Core::Complete);
                    }
                }
                // "Đội 3": a numbered team of a police or army unit.
                if cap && self.s.is(i, Mark::Doi) && self.s.flag(e, |x| x.number) {
                    take(e + 1, Core::Complete);
                }

                if cap && c.has(Cat::OpenHead) && !self.s.is(i, Mark::Truong) {
                    if let Some(b) = self.body(e) {
                        take(b, Core::Complete);
                    } else if let Some(p) = self.proper_name(e, false) {
                        take(p, Core::Complete);
                    }
                }
            }
        }
        best
    }

    /// A body starting at `i`: its end.
    pub fn body(&self, i: usize) -> Option<usize> {
        let (core_end, core) = self.core(i)?;
        let (mut j, mut last, mut last_end) = (core_end, core, core_end);
        loop {
            if let Some(k) = self.paren_acronym(j) {
                if self.parent(k).is_some() || self.locative(k).is_some() {
                    j = k;
                    continue;
                }
            }
            // "Phòng TN&MT; huyện ...": a ";" left by decoding "&MT;" as an HTML entity.
            if self.entity_leftover(j) && self.locative(j + 1).is_some() {
                j += 1;
                continue;
            }
            if let Some((k, kind)) = self.parent(j) {
                (j, last, last_end) = (k, kind, k);
                continue;
            }
            if let Some(k) = self.locative(j).or_else(|| self.longest(j, Cat::Place)) {
                j = k;
                continue;
            }
            break;
        }
        if j == last_end {
            let named = match last {
                Core::Qualified if j == core_end => Some(self.proper_name(j, false)?),
                Core::Level | Core::Qualified => self.place_name(j).filter(|&k| k > j),
                // "Bộ trưởng Bộ Công an Tô Lâm": after a domain, a surname starts the name of
                // the person, not of the body (schools are named after people).
                Core::HeadDomain { school } => self
                    .proper_name(j, school)
                    .filter(|_| school || !self.has_single(j, Cat::Surname)),
                Core::Complete => None,
            };
            j = named.unwrap_or(j);
        }
        // "Đội QLTT số 3": a team's number after its name.
        if self.s.is(i, Mark::Doi) && self.s.is(j, Mark::So) && self.s.flag(j + 1, |x| x.number) {
            j += 2;
        }
        // "Văn phòng đăng ký đất đai tỉnh - Chi nhánh huyện Gia Lâm", "... chi nhánh huyện Gia
        // Lâm": a branch is one body with it.
        let branch = if self.s.is(j, Mark::Dash) { j + 1 } else { j };
        if let Some(b) = self.longest(branch, Cat::Branch) {
            if let Some(end) = self.locative(b).or_else(|| self.body(b)) {
                j = end;
            }
        }
        Some(j)
    }

    /// An open-class name after a head noun ("Sở" + "Du lịch", "Phòng" + "Quản lý giá và công
    /// sản", "Trung tâm" + "dịch vụ bán đấu giá tài sản" + a place): its end. A capitalised name
    /// runs to a comma, a bracket, the end of the line, a verb or function word ([`Cat::NameStop`]),
    /// a place or the start of a title or body; otherwise it keeps one word after its last
    /// capitalised word. A name in lower case (after a capitalised head) needs a place or a
    /// parent body to close it.
    fn open_name(&self, e: usize, head_cap: bool) -> Option<usize> {
        let first_cap = self.s.cap(e);
        if !self.s.letters_only(e) || !(first_cap || head_cap) || self.s.upper(e) && !first_cap {
            return None;
        }
        if self.starts_title_or_body(e)
            || self.longest(e, Cat::Place).is_some()
            || self.longest(e, Cat::LocLevel).is_some()
            || self.stop(e)
            || (self.has_single(e, Cat::Surname) && self.s.cap(e + 1))
        {
            return None;
        }
        let (mut k, mut last_cap) = (e, e);
        let closed = loop {
            if k - e >= MAX_OPEN_NAME_WORDS {
                break false;
            }
            // "Đường bộ - Đường sắt": a dash between capitalised words.
            if k > e
                && self.s.is(k, Mark::Dash)
                && self.s.cap(k + 1)
                && self.s.letters_only(k + 1)
                && !self.starts_title_or_body(k + 1)
            {
                k += 1;
                continue;
            }
            if !self.s.word(k) || !self.s.letters_only(k) {
                break self.closing_punct(k);
            }
            if k > e
                && (self.starts_structure(k)
                    || self.starts_title_or_body(k)
                    || self.s.cap(k) && self.hits(k).iter().any(|(_, c)| c.has(Cat::Head))
                    || self.longest(k, Cat::Place).is_some()
                    || self.name(k).is_some())
            {
                break true;
            }
            if self.stop(k) {
                break true;
            }
            if self.s.cap(k) {
                last_cap = k;
            }
            k += 1;
        };
        if !first_cap {
            // Lower case: only a place or a parent body closes it.
            let placed = self.locative(k).is_some()
                || self.longest(k, Cat::Place).is_some()
                || self.parent(k).is_some();
            return (placed && k - e >= MIN_LOWER_OPEN_NAME_WORDS).then_some(k);
        }
        // Unclosed: "Sở Du lịch phát động …" keeps a two-syllable word; "Quỹ Bảo trợ trẻ em Hải
        // Long trao …" ends with its last capitalised word.
        Some(match (closed, last_cap == e) {
            (true, _) => k,
            (false, true) => k.min(e + 1 + OPEN_NAME_TAIL),
            (false, false) => last_cap + 1,
        })
    }

    /// Whether token `j` is a ";" glued to an abbreviation with "&" ("TN&MT;"): what decoding
    /// "&MT;" as an HTML entity leaves.
    fn entity_leftover(&self, j: usize) -> bool {
        j > 0
            && self.s.toks.get(j).is_some_and(|t| {
                self.s.vocab.symbols.text(t.sym) == ";"
                    && t.start_byte == self.s.toks[j - 1].end_byte
            })
            && self.s.word(j - 1)
            && self
                .s
                .vocab
                .symbols
                .text(self.s.toks[j - 1].sym)
                .contains('&')
    }

    /// Whether token `k` closes an open-class name: a comma, a bracket, ";", ":", the end of the
    /// line or text. A full stop does not tell a name from a clause after it ("Trung tâm X mở
    /// cửa.").
    fn closing_punct(&self, k: usize) -> bool {
        self.s.toks.get(k).is_none_or(|t| {
            t.kind == TokenKind::Newline
                || [Mark::Comma, Mark::OpenParen, Mark::CloseParen]
                    .iter()
                    .any(|m| t.sym == m.sym())
                || matches!(self.s.vocab.symbols.text(t.sym), ";" | ":")
        })
    }

    /// Whether an open-class name ending at `k` is closed by what follows it: punctuation, a
    /// verb or function word, a place, a title or a body.
    fn closed(&self, k: usize) -> bool {
        self.closing_punct(k)
            || self.stop(k)
            || self.starts_structure(k)
            || self.starts_title_or_body(k)
            || self.longest(k, Cat::Place).is_some()
    }

    /// Whether token `k` is a lower-case word that ends an open-class name ("cho biết").
    fn stop(&self, k: usize) -> bool {
        self.s.word(k)
            && self.s.toks[k].case == Case::Lower
            && (self.s.flag(k, |x| x.stop_word)
                || self.hits(k).iter().any(|(_, c)| c.has(Cat::NameStop)))
    }

    /// Whether a title or a body core starts at `k` ("Phó", "Giám đốc", "UBND").
    fn starts_title_or_body(&self, k: usize) -> bool {
        self.s.unit_code(k)
            || self.hits(k).iter().any(|&(_, c)| {
                c.has(Cat::Role)
                    || c.has(Cat::RoleOfBody)
                    || c.has(Cat::Modifier)
                    || c.has(Cat::Standalone)
                    || c.has(Cat::Level)
                    || c.has(Cat::Qualified)
            }) && self.s.cap(k)
    }

    /// The purpose of a steering or managing board, up to and including the locative that must
    /// close it: lower-case words, commas, hyphenated words, at most eight tokens.
    fn purpose(&self, e: usize) -> Option<usize> {
        let mut k = e;
        while k < e + MAX_PURPOSE_WORDS && k < self.s.len() {
            if k > e {
                if let Some(l) = self.locative(k) {
                    return Some(l);
                }
            }
            let t = &self.s.toks[k];
            let ok = (t.kind == TokenKind::Word
                && (t.case == Case::Lower || t.case == Case::Other || k > e))
                || (t.sym == Mark::Comma.sym() && k > e);
            if !ok
                || self
                    .hits(k)
                    .iter()
                    .any(|(_, c)| c.has(Cat::Standalone) || c.has(Cat::Level))
            {
                return None;
            }
            k += 1;
        }
        None
    }

    /// A parent body written straight after a body ("Tỉnh ủy" after "Ban Thường vụ").
    fn parent(&self, j: usize) -> Option<(usize, Core)> {
        if !self.s.cap(j) {
            return None;
        }
        self.core(j)
    }

    /// "(CDC)": an acronym in parentheses; the index past ")".
    pub fn paren_acronym(&self, j: usize) -> Option<usize> {
        (self.s.is(j, Mark::OpenParen) && self.s.upper(j + 1) && self.s.is(j + 2, Mark::CloseParen))
            .then_some(j + 3)
    }

    /// A locative: a level word and, if any, a place name ("tỉnh", "huyện Gia Lộc", "TP Hải Dương").
    pub fn locative(&self, j: usize) -> Option<usize> {
        if self.s.cap(j) && self.s.flag(j, |x| x.tp_glued) {
            // "TP.Đà Nẵng": the level glued to the place's first syllable.
            if let Some(p) = self.longest(j, Cat::Place) {
                return Some(p);
            }
            return Some(j + 1 + self.cap_run(j + 1, 2));
        }
        let mut e = self.longest(j, Cat::LocLevel)?;
        if self.s.flag(e - 1, |x| x.numbered_level) && self.s.flag(e, |x| x.number) {
            return Some(e + 1); // "quận 5"
        }
        if self.s.is(e, Mark::Dot) && self.s.is(e - 1, Mark::Tp) {
            e += 1;
        }
        if self.s.is(j, Mark::Xa) && self.s.is(e, Mark::Hoi) {
            return None; // "xã hội"
        }
        Some(self.place_name(e).unwrap_or(e))
    }

    /// A place name after a level word. A run that starts with a surname and has three or more
    /// syllables is taken for a person's name, not a place ("UBND tỉnh Nguyễn Văn A").
    fn place_name(&self, e: usize) -> Option<usize> {
        if let Some(p) = self.longest(e, Cat::Place) {
            return Some(p);
        }
        if self.s.upper(e) {
            return None; // in capitals only a known place is a place
        }
        let run = self.cap_run(e, 4);
        if run == 0 || (run >= 3 && self.has_single(e, Cat::Surname)) {
            return None;
        }
        if run >= 3 && self.has_single(e + 2, Cat::Surname) {
            return Some(e + 2);
        }
        // "quận Nam Từ Liêm": three syllables when nothing follows that could be a name.
        if run == 3 && !self.s.cap(e + 3) {
            return Some(e + 3);
        }
        Some(e + run.min(2))
    }

    /// A proper name after a head ("Hải Dương", "Bạch Mai"); `allow_person` for schools named
    /// after people ("Trường THPT Nguyễn Trãi").
    fn proper_name(&self, e: usize, allow_person: bool) -> Option<usize> {
        if let Some(p) = self.longest(e, Cat::Place) {
            // A name that starts with a place and goes on: "Báo Hà Nội Mới".
            let more = !self.s.upper(p)
                && self.s.cap(p)
                && !self.has_single(p, Cat::Surname)
                && self.cap_run(p, 1) == 1;
            return Some(p + usize::from(more));
        }
        if self.s.upper(e) {
            return None; // in capitals only a known place can be told from the words around it
        }
        let run = self.cap_run(e, 3);
        if run == 0 || (!allow_person && run >= 3 && self.has_single(e, Cat::Surname)) {
            return None;
        }
        Some(e + run)
    }

    /// How many capitalised words of letters follow from `e` (at most `max`), stopping before one
    /// that starts a title, a body or a locative.
    fn cap_run(&self, e: usize, max: usize) -> usize {
        let mut k = e;
        while k - e < max && self.s.cap(k) && self.s.letters_only(k) {
            if k > e && (self.starts_structure(k) || self.longest(k, Cat::Place).is_some()) {
                break;
            }
            k += 1;
        }
        k - e
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn has_single(&self, i: usize, cat: Cat) -> bool {
        self.hits(i)
            .first()
            .is_some_and(|&(n, c)| n == 1 && c.has(cat))
    }

    /// Whether a title, a multi-word body phrase or an abbreviation body starts at `k`.
    fn starts_structure(&self, k: usize) -> bool {
        self.hits(k).iter().any(|&(n, c)| {
            (n >= 2
                && (c.has(Cat::Role)
                    || c.has(Cat::RoleOfBody)
                    || c.has(Cat::Standalone)
                    || c.has(Cat::Level)
                    || c.has(Cat::Head)))
                || (self.s.upper(k) && (c.has(Cat::Standalone) || c.has(Cat::Level)))
                || c.has(Cat::LocLevel)
        })
    }

    /// A title starting at `i`.
    pub fn title(&self, i: usize) -> Option<TitleParse> {
        let cap = self.s.cap(i);
        let j = if self.has_single(i, Cat::Modifier) {
            i + 1
        } else {
            i
        };
        let mut best: Option<TitleParse> = None;
        // "Phó phòng Tài chính - Kế hoạch huyện", "Phó ban Dân vận": the deputy of a unit.
        if j > i && !self.s.cap(j) && self.hits(j).iter().any(|(_, c)| c.has(Cat::LowerHead)) {
            if let Some(b) = self.body(j) {
                best = Some(TitleParse {
                    start: i,
                    end: b,
                    has_body: true,
                });
            }
        }
        // After "Phó", a role; or a role that starts with "Phó" ("Phó phòng").
        let roles = self.hits(j).iter().map(|&(n, c)| (j + n, c));
        let own = (j > i).then(|| self.hits(i).iter().map(|&(n, c)| (i + n, c)));
        for (role_end, c) in roles.chain(own.into_iter().flatten()) {
            if !(c.has(Cat::Role) || c.has(Cat::RoleOfBody)) {
                continue;
            }
            let mut ends = vec![role_end];
            if let Some(s) = self.longest(role_end, Cat::RoleSuffix) {
                ends.push(s);
            }
            for e in ends {
                let (end, has_body) = if let Some(b) = self.body(e) {
                    (b, true)
                } else if let Some(b) = self.short_body(e) {
                    (b, true)
                } else if c.has(Cat::Role) {
                    match self.locative(e) {
                        Some(l) if !self.s.cap(e) || self.s.upper(e) => (l, true),
                        _ => (e, false),
                    }
                } else {
                    continue;
                };
                // In lower case a role is a title with its body, or right before a name
                // ("thẩm phán Nguyễn Thị Lan").
                if !cap && !has_body && self.name(end).is_none() {
                    continue;
                }
                // "Giám đốc Công ty TNHH …": a business's post, not a public office.
                if !has_body && self.longest(end, Cat::Company).is_some() {
                    continue;
                }
                if best.is_none_or(|b| end > b.end) {
                    best = Some(TitleParse {
                        start: i,
                        end,
                        has_body,
                    });
                }
            }
        }
        best
    }

    /// A head noun standing for its body right after a role ("Giám đốc Sở").
    fn short_body(&self, e: usize) -> Option<usize> {
        let end = self.longest(e, Cat::ShortBody)?;
        self.s.cap(e).then_some(end)
    }

    /// A person's name starting at `i`: a surname and one to three capitalised syllables.
    pub fn name(&self, i: usize) -> Option<usize> {
        if !self.s.cap(i) || self.has_single(i, Cat::Honorific) {
            return None;
        }
        // "K'Mák Ha", "H'Hen Niê": a syllable glued to "K'" or "H'" starts a name.
        if self.s.flag(i, |x| x.ethnic_prefix) {
            return self.given_names(i, i + 1, i + 1);
        }
        if !self.s.letters_only(i) {
            return None;
        }
        // "Rơ Chăm Long": a surname of two syllables.
        if let Some(sur) = self.longest(i, Cat::Surname).filter(|&e| e > i + 1) {
            if self.s.cap(i + 1) {
                return self.given_names(i, sur, sur + 1);
            }
        }
        if !self.has_single(i, Cat::Surname) {
            return None;
        }
        if self.longest(i, Cat::Place).is_some_and(|p| p > i + 1) {
            return None;
        }
        self.given_names(i, i + 1, i + 2)
    }

    /// The capitalised syllables of a name after its surname (`i..from`): its end, at least
    /// `min_end`.
    fn given_names(&self, i: usize, from: usize, min_end: usize) -> Option<usize> {
        // "Y Thanh Hà Niê Kđăm": after a one-letter surname, given names in title case, more of them.
        let one_letter = self.s.toks[i].end_char - self.s.toks[i].start_char == 1;
        let caps = self.s.upper(i) && !one_letter;
        let max = if caps {
            2
        } else if one_letter {
            MAX_GIVEN_NAMES_ETHNIC
        } else {
            3
        };
        let mut k = from;
        while k - from < max
            && self.s.word(k)
            && (self.s.letters_only(k) || self.s.flag(k, |x| x.ethnic_prefix))
            && (if caps {
                self.s.upper(k)
            } else {
                self.s.toks[k].case == Case::Title
                    || self.s.upper(k) && self.s.toks[k].end_char - self.s.toks[k].start_char == 1
            })
            && (!self.starts_structure(k) || self.level_word_alone(k))
        {
            k += 1;
        }
        (k >= min_end).then_some(k)
    }

    /// "Trần Văn Long (45 tuổi), cựu ...": the index past an aside in parentheses at `j` that is
    /// followed by a comma or a dash, if there is one.
    pub fn aside(&self, j: usize) -> Option<usize> {
        if !self.s.is(j, Mark::OpenParen) {
            return None;
        }
        let close = (j + 1..(j + 2 + MAX_ASIDE_WORDS).min(self.s.len()))
            .find(|&k| self.s.is(k, Mark::CloseParen))?;
        (self.s.is(close + 1, Mark::Comma) || self.s.is(close + 1, Mark::Dash)).then_some(close + 1)
    }

    /// "Bùi Văn Tỉnh, ...": a level word that is a given name, with no place after it.
    fn level_word_alone(&self, k: usize) -> bool {
        self.s.toks[k].case == Case::Title
            && self
                .hits(k)
                .iter()
                .all(|&(n, c)| n == 1 && c.has(Cat::LocLevel))
            && !self.s.cap(k + 1)
            && !self.s.flag(k + 1, |x| x.number)
    }

    /// A name right after an honorific or a rank ("ông", "bị cáo", "trung tá"), whatever its
    /// surname: two to four capitalised syllables ("ông Ksor Y Phôn").
    pub fn name_after_honorific(&self, i: usize) -> Option<usize> {
        if let Some(n) = self.name(i) {
            return Some(n);
        }
        if i == 0
            || !self.s.cap(i)
            || !self.after_honorific(i)
            || self.s.toks[i].case != Case::Title
            || !self.s.letters_only(i)
            || self.starts_title_or_body(i)
            || self.starts_structure(i)
            || self.longest(i, Cat::Place).is_some()
        {
            return None;
        }
        self.given_names(i, i + 1, i + 2)
    }

    /// Whether the title starting at `start` is a position many hold ("đại biểu HĐND tỉnh").
    pub fn group_role(&self, start: usize) -> bool {
        let j = if self.has_single(start, Cat::Modifier) {
            start + 1
        } else {
            start
        };
        self.hits(j).iter().any(|(_, c)| c.has(Cat::GroupRole))
    }

    /// A committee written bare as the first of coordinated bodies that share the qualifier
    /// written after the last: "[Đảng ủy], [Ban Thường vụ Đảng ủy] UBND tỉnh". Its end.
    pub fn bare_conjunct(&self, i: usize) -> Option<usize> {
        if let Some(end) = self.force_conjunct(i) {
            return Some(end);
        }
        let (end, core) = self.core(i)?;
        let joined = self.s.is(end, Mark::Comma) || self.s.is(end, Mark::Va);
        (matches!(core, Core::Qualified | Core::Level)
            && joined
            && self.s.cap(end + 1)
            && self.body(end + 1).is_some())
        .then_some(end)
    }

    /// "lực lượng [Biên phòng] - [Hải quan] - [Công an tỉnh]": a capitalised domain standing for
    /// its force, joined by a dash to the next such domain or to a body. Its end.
    fn force_conjunct(&self, i: usize) -> Option<usize> {
        if !self.s.cap(i) {
            return None;
        }
        let d = self.longest(i, Cat::Domain)?;
        if !self.s.is(d, Mark::Dash) || !self.s.cap(d + 1) {
            return None;
        }
        let next_ok = self.body(d + 1).is_some() || self.force_conjunct(d + 1).is_some();
        next_ok.then_some(d)
    }

    /// Whether the title starting at `start` is generic: after "các", "những", "các đồng chí".
    pub fn generic_before(&self, start: usize) -> bool {
        let mut end = start;
        if let Some(h) = self.ends_with(end, Cat::Honorific) {
            if self.hits(h).iter().any(|(_, c)| c.has(Cat::Plural)) {
                return true;
            }
            end = h;
        }
        self.ends_with(end, Cat::Plural).is_some()
    }

    /// Whether token `i` starts a sentence (nothing before it on its line but punctuation that ends
    /// a sentence or opens a quote).
    pub fn sentence_start(&self, i: usize) -> bool {
        i == 0
            || self.s.toks.get(i - 1).is_some_and(|t| {
                t.kind == TokenKind::Newline
                    || [
                        Mark::Dot,
                        Mark::Bang,
                        Mark::Question,
                        Mark::Colon,
                        Mark::Quote,
                        Mark::OpenQuote,
                        Mark::OpenParen,
                        Mark::Dash,
                    ]
                    .iter()
                    .any(|m| t.sym == m.sym())
            })
    }
}
