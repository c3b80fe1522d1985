//! The recogniser's knowledge as data: the files in `lexicon/`, read into a trie over folded words.
//!
//! Each file is sectioned (`[section]`), one phrase a line, `#` for comments. Phrases are folded
//! with [`fold_phrase`], so case, tone-mark placement and NFD never matter. Newsrooms add their own
//! officials and bodies at run time with [`Lexicon::add_body`] and [`Lexicon::add_official`], or a
//! whole file in the same format with [`Lexicon::add_text`].
//!
//! The widget does not fold the shipped files when it starts: `lexicon/compiled.txt` holds their
//! phrases already folded, with their categories, and a test keeps it equal to what folding the
//! files gives (`UPDATE_LEXICON=1 cargo test --no-default-features --lib lexicon` writes it after
//! an edit).

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::core::fields::Fields;
use crate::core::text::{fold_phrase, fold_word, tokenize_into, Symbols, Token};

/// The tables a run of insertions shares: the folded spellings met so far, each word's id once
/// looked up, and a buffer of tokens.
#[derive(Default)]
struct Folder<'a> {
    symbols: Symbols<'a>,
    /// [`WordId`] by symbol index, once known.
    word_of: Vec<Option<WordId>>,
    tokens: Vec<Token>,
}

/// What a phrase of the lexicon can be. A phrase can be several things at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cat {
    Standalone,
    Qualified,
    Level,
    NeedsParent,
    PurposeHead,
    Head,
    OpenHead,
    LowerHead,
    Domain,
    Role,
    RoleOfBody,
    Modifier,
    RoleSuffix,
    ShortBody,
    Rank,
    Surname,
    Honorific,
    Former,
    Plural,
    LocLevel,
    Place,
    KnownOfficial,
    /// A position many hold at once ("đại biểu HĐND"): alone, a TITLE, never one official.
    GroupRole,
    /// A newspaper named bare ("Tuổi Trẻ"): a body only with every word capitalised.
    Masthead,
    /// A head that also takes an open-class name ("Sở" + "Du lịch").
    NamedHead,
    /// A lower-case word that ends an open-class name ("cho biết", "đã").
    NameStop,
    /// A branch joined to its body by a dash ("Chi nhánh").
    Branch,
    /// A venue named like a body ("Trung tâm Hội nghị"): never a body.
    Venue,
    /// The start of a business's name ("Công ty"): a post before it is no public office.
    Company,
}

impl Cat {
    fn bit(self) -> u32 {
        1 << (self as u8)
    }

    fn from_section(file: &str, section: &str) -> Option<Cat> {
        Some(match (file, section) {
            ("bodies", "standalone") | ("custom", "body") => Cat::Standalone,
            ("bodies", "qualified") => Cat::Qualified,
            ("bodies", "level") => Cat::Level,
            ("bodies", "needs-parent") => Cat::NeedsParent,
            ("bodies", "purpose-head") => Cat::PurposeHead,
            ("bodies", "head") => Cat::Head,
            ("bodies", "open-head") => Cat::OpenHead,
            ("bodies", "lower-head") => Cat::LowerHead,
            ("bodies", "domain") => Cat::Domain,
            ("titles", "role") | ("custom", "title") => Cat::Role,
            ("titles", "role-of-body") => Cat::RoleOfBody,
            ("titles", "modifier") => Cat::Modifier,
            ("titles", "role-suffix") => Cat::RoleSuffix,
            ("titles", "short-body") => Cat::ShortBody,
            ("titles", "rank") => Cat::Rank,
            ("people", "surname") => Cat::Surname,
            ("people", "honorific") => Cat::Honorific,
            ("people", "former") => Cat::Former,
            ("people", "plural") => Cat::Plural,
            ("people", "level") => Cat::LocLevel,
            ("people", "place") => Cat::Place,
            ("people", "venue") => Cat::Venue,
            ("bodies", "named-head") => Cat::NamedHead,
            ("bodies", "name-stop") => Cat::NameStop,
            ("bodies", "branch") => Cat::Branch,
            ("bodies", "company") => Cat::Company,
            ("titles", "group-role") => Cat::GroupRole,
            ("bodies", "masthead") => Cat::Masthead,
            ("custom", "official") => Cat::KnownOfficial,
            _ => return None,
        })
    }
}

/// A set of [`Cat`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cats(u32);

impl Cats {
    /// The set of `cats`.
    pub fn of(cats: &[Cat]) -> Cats {
        Cats(cats.iter().fold(0, |m, c| m | c.bit()))
    }
    pub fn has(self, cat: Cat) -> bool {
        self.0 & cat.bit() != 0
    }
    /// Whether the two sets share a category.
    pub fn meets(self, other: Cats) -> bool {
        self.0 & other.0 != 0
    }
    /// Every category not in the set.
    pub fn complement(self) -> Cats {
        Cats(!self.0)
    }
    /// Both sets together.
    pub fn with(self, other: Cats) -> Cats {
        Cats(self.0 | other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A word of the lexicon's vocabulary.
pub type WordId = u32;
/// A node of the trie: the phrase of the words on the path to it.
pub type NodeId = u32;

/// Why a lexicon text could not be read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum LexiconError {
    #[error("line {line}: unknown section [{section}]")]
    UnknownSection { line: usize, section: String },
    #[error("line {line}: a phrase before any [section]")]
    NoSection { line: usize },
    #[error("the lexicon is not JSON of the form {{\"bodies\": [..], \"officials\": [..], \"titles\": [..]}}: {0}")]
    BadJson(String),
}

/// The recogniser's knowledge: phrases by category, and abbreviations with their full forms.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The folded words phrases are made of.
    words: FxHashMap<Box<str>, WordId>,
    /// The trie's edges: (node, next word) → child node. Node 0 is the root.
    edges: FxHashMap<(NodeId, WordId), NodeId>,
    /// The categories of the phrase ending at each node.
    cats: Vec<Cats>,
    /// Whether each node has a child: a longer phrase goes on from it.
    branches: Vec<bool>,
    /// Folded abbreviation word → folded words of its full form, and the full form as written;
    /// sorted by abbreviation and searched by halves (a few hundred entries: a hash map of this
    /// type would be a compiled copy of the hash table's code in the wasm).
    abbreviations: Vec<(String, (Vec<String>, String))>,
}

const BUILTIN: [(&str, &str); 3] = [
    ("bodies", include_str!("../../../lexicon/bodies.txt")),
    ("titles", include_str!("../../../lexicon/titles.txt")),
    ("people", include_str!("../../../lexicon/people.txt")),
];
const ABBREVIATIONS: &str = include_str!("../../../lexicon/abbreviations.txt");
/// The phrases of [`BUILTIN`], folded, grouped by categories (see [`Lexicon::compiled`]).
const COMPILED: &str = include_str!("../../../lexicon/compiled.txt");

impl Lexicon {
    /// An empty lexicon.
    pub fn empty() -> Lexicon {
        Lexicon {
            words: FxHashMap::default(),
            edges: FxHashMap::default(),
            cats: vec![Cats::default()],
            branches: vec![false],
            abbreviations: Vec::new(),
        }
    }

    /// The lexicon shipped in `lexicon/`, from its compiled form (no folding at start-up).
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::empty();
        // The categories of the phrases that follow, set by each `={hex}` line.
        let mut bits = None;
        for line in COMPILED.lines().filter(|l| !l.starts_with('#')) {
            // The compiled file is checked by the tests; a bad line there is a build defect, and
            // skipping it is better than failing a reader's page.
            if let Some(hex) = line.strip_prefix('=') {
                bits = u32::from_str_radix(hex, 16).ok();
                continue;
            }
            let Some(bits) = bits else {
                continue;
            };
            let mut node: NodeId = 0;
            for word in line.split(' ') {
                let word = lex.word_or_insert(word);
                node = lex.child_or_insert(node, word);
            }
            lex.cats[node as usize].0 |= bits;
        }
        lex.add_abbreviations();
        lex
    }

    /// The lexicon shipped in `lexicon/`, folded from its files: what `lexicon/compiled.txt` is
    /// made from.
    pub fn from_sources() -> Lexicon {
        let mut lex = Lexicon::empty();
        for (file, text) in BUILTIN {
            let _ = lex.add_file(file, text);
        }
        lex.add_abbreviations();
        lex
    }

    fn add_abbreviations(&mut self) {
        for line in ABBREVIATIONS.lines() {
            if let Some((abbr, full)) = line.split_once(" = ") {
                self.add_abbreviation(abbr.trim(), full.trim());
            }
        }
    }

    /// Every phrase with its categories, grouped by categories: a `={categories as hex}` line,
    /// then the folded phrases that have exactly those categories, one a line, in phrase order;
    /// the groups in the order of their categories' bits. The compiled form (a category written
    /// once per group rather than once per phrase: 0.5 KB gzip less in the wasm), and a view of the
    /// lexicon that does not depend on ids.
    pub fn compiled(&self) -> String {
        let mut names = vec![""; self.words.len()];
        for (word, &id) in &self.words {
            names[id as usize] = word;
        }
        let mut parent = vec![None; self.cats.len()];
        for (&(from, word), &to) in &self.edges {
            parent[to as usize] = Some((from, word));
        }
        let mut lines: Vec<(u32, String)> = (0..self.cats.len())
            .filter(|&n| !self.cats[n].is_empty())
            .map(|n| {
                let mut words = Vec::new();
                let mut at = n;
                while let Some((from, word)) = parent[at] {
                    words.push(names[word as usize]);
                    at = from as usize;
                }
                words.reverse();
                (self.cats[n].0, words.join(" "))
            })
            .collect();
        crate::core::order::sort(&mut lines);
        let mut out = String::new();
        let mut group = None;
        for (bits, phrase) in lines {
            if group != Some(bits) {
                out += &format!("={bits:x}\n");
                group = Some(bits);
            }
            out += &phrase;
            out.push('\n');
        }
        out
    }

    /// Adds a text in the lexicon format with the sections `[body]`, `[title]` and `[official]`
    /// (full names of officials the newsroom knows).
    pub fn add_text(&mut self, text: &str) -> Result<usize, LexiconError> {
        self.add_file("custom", text)
    }

    /// Adds a newsroom's JSON lexicon: `{"bodies": [..], "officials": [..], "titles": [..]}`, each
    /// a list of names (all three optional). Returns how many names were added.
    pub fn add_json(&mut self, text: &str) -> Result<usize, LexiconError> {
        // Through a `serde_json::Value` and field by field, as every other JSON the widget reads
        // (see `core::fields`); fields it does not know are refused.
        let read = |text: &str| -> Result<[Vec<String>; 3], String> {
            let value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            let mut f = Fields::of(value, "the lexicon")?;
            let lists = [
                f.take_or_default("bodies")?,
                f.take_or_default("officials")?,
                f.take_or_default("titles")?,
            ];
            f.no_more()?;
            Ok(lists)
        };
        let [bodies, officials, titles] = read(text).map_err(LexiconError::BadJson)?;
        let n = bodies.len() + officials.len() + titles.len();
        let mut folder = Folder::default();
        for (names, cat) in [
            (&bodies, Cat::Standalone),
            (&officials, Cat::KnownOfficial),
            (&titles, Cat::Role),
        ] {
            for name in names {
                self.insert_with(&mut folder, name, cat);
            }
        }
        Ok(n)
    }

    /// Adds a body name.
    pub fn add_body(&mut self, name: &str) {
        self.insert(name, Cat::Standalone);
    }

    /// Adds an official's full name: it is then recognised even without a title beside it.
    pub fn add_official(&mut self, name: &str) {
        self.insert(name, Cat::KnownOfficial);
    }

    /// Adds an abbreviation with its full form.
    pub fn add_abbreviation(&mut self, abbr: &str, full: &str) {
        let words = fold_phrase(full).split(' ').map(str::to_owned).collect();
        let (abbr, entry) = (fold_word(abbr), (words, full.to_owned()));
        match self.abbreviation(&abbr) {
            Ok(k) => self.abbreviations[k].1 = entry,
            Err(k) => self.abbreviations.insert(k, (abbr, entry)),
        }
    }

    /// Where a folded abbreviation word is in [`Lexicon::abbreviations`], or where it would go.
    fn abbreviation(&self, folded: &str) -> Result<usize, usize> {
        self.abbreviations
            .binary_search_by(|(a, _)| a.as_str().cmp(folded))
    }

    /// The full form of a folded abbreviation word: its folded words and how it is written.
    fn full_form(&self, folded: &str) -> Option<&(Vec<String>, String)> {
        let k = self.abbreviation(folded).ok()?;
        self.abbreviations.get(k).map(|(_, entry)| entry)
    }

    /// The folded full form of a folded abbreviation word.
    pub fn expansion(&self, folded: &str) -> Option<&[String]> {
        self.full_form(folded).map(|(w, _)| w.as_slice())
    }

    /// The full form, as written in the lexicon, of a folded abbreviation word.
    pub fn display_expansion(&self, folded: &str) -> Option<&str> {
        self.full_form(folded).map(|(_, d)| d.as_str())
    }

    fn add_file(&mut self, file: &str, text: &str) -> Result<usize, LexiconError> {
        let mut section: Option<Cat> = None;
        let mut added = 0;
        // One symbol table for the whole file: a word that recurs (most do) is folded once.
        let mut folder = Folder::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = Some(Cat::from_section(file, name).ok_or_else(|| {
                    LexiconError::UnknownSection {
                        line: n + 1,
                        section: name.to_owned(),
                    }
                })?);
                continue;
            }
            let cat = section.ok_or(LexiconError::NoSection { line: n + 1 })?;
            self.insert_with(&mut folder, line, cat);
            added += 1;
        }
        Ok(added)
    }

    fn insert(&mut self, phrase: &str, cat: Cat) {
        self.insert_with(&mut Folder::default(), phrase, cat);
    }

    /// Inserts a phrase folded as [`fold_phrase`] folds it, through `folder`'s tables.
    fn insert_with<'a>(&mut self, folder: &mut Folder<'a>, phrase: &'a str, cat: Cat) {
        folder.tokens.clear();
        tokenize_into(phrase, &mut folder.symbols, &mut folder.tokens);
        if folder.tokens.is_empty() {
            return;
        }
        let mut node: NodeId = 0;
        for t in &folder.tokens {
            let i = t.sym.index();
            if folder.word_of.len() <= i {
                folder.word_of.resize(i + 1, None);
            }
            let word = match folder.word_of[i] {
                Some(w) => w,
                None => {
                    let w = self.word_or_insert(folder.symbols.text(t.sym));
                    folder.word_of[i] = Some(w);
                    w
                }
            };
            node = self.child_or_insert(node, word);
        }
        self.cats[node as usize].0 |= cat.bit();
    }

    /// The id of a folded word, added to the vocabulary if new.
    fn word_or_insert(&mut self, folded: &str) -> WordId {
        if let Some(&w) = self.words.get(folded) {
            return w;
        }
        let w = self.words.len() as WordId;
        self.words.insert(folded.into(), w);
        w
    }

    /// The trie node reached from `node` by `word`, added if new.
    fn child_or_insert(&mut self, node: NodeId, word: WordId) -> NodeId {
        let next = self.cats.len() as NodeId;
        let child = *self.edges.entry((node, word)).or_insert(next);
        if child == next {
            self.cats.push(Cats::default());
            self.branches.push(false);
            if let Some(b) = self.branches.get_mut(node as usize) {
                *b = true;
            }
        }
        child
    }

    /// The vocabulary id of a folded word, if some phrase contains it.
    pub fn word(&self, folded: &str) -> Option<WordId> {
        self.words.get(folded).copied()
    }

    /// Every phrase that starts at the first of `words`: (number of words, categories), shortest
    /// first, appended to `out`. `words` yields vocabulary ids (`None` for a word outside the
    /// vocabulary); the walk stops at the first word that leads nowhere.
    pub fn prefixes_into(
        &self,
        words: impl IntoIterator<Item = Option<WordId>>,
        out: &mut Vec<(usize, Cats)>,
    ) {
        let mut words = words.into_iter();
        if let Some(first) = words.next().flatten().and_then(|w| self.first_node(w)) {
            self.prefixes_from(first, words, out);
        }
    }

    /// The trie node the phrases starting with `word` go on from, if any starts with it.
    pub fn first_node(&self, word: WordId) -> Option<NodeId> {
        self.edges.get(&(0, word)).copied()
    }

    /// [`Lexicon::prefixes_into`] from the node its first word leads to ([`Lexicon::first_node`],
    /// looked up once per spelling), given the words after it. The walk stops at a word that leads
    /// nowhere or at a node no longer phrase goes on from.
    pub fn prefixes_from(
        &self,
        first: NodeId,
        rest: impl IntoIterator<Item = Option<WordId>>,
        out: &mut Vec<(usize, Cats)>,
    ) {
        let (mut node, mut rest, mut n) = (first, rest.into_iter(), 1);
        loop {
            let cats = self.cats.get(node as usize).copied().unwrap_or_default();
            if !cats.is_empty() {
                out.push((n, cats));
            }
            if !self.branches.get(node as usize).copied().unwrap_or(false) {
                break;
            }
            match rest
                .next()
                .flatten()
                .and_then(|w| self.edges.get(&(node, w)))
            {
                Some(&next) => node = next,
                None => break,
            }
            n += 1;
        }
    }

    /// Whether some phrase starts with this word: most words of a text start none.
    /// The categories of the one-word phrase `word`, and whether longer phrases start with it.
    pub fn first_word(&self, word: WordId) -> Option<(Cats, bool)> {
        let node = *self.edges.get(&(0, word))? as usize;
        Some((self.cats[node], self.branches[node]))
    }

    /// Whether some phrase starts with this word: most words of a text start none.
    pub fn starts_phrase(&self, word: WordId) -> bool {
        self.edges.contains_key(&(0, word))
    }

    /// [`Lexicon::prefixes_into`] for folded words as text.
    pub fn prefixes<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vec<(usize, Cats)> {
        let mut out = Vec::new();
        self.prefixes_into(words.into_iter().map(|w| self.word(w)), &mut out);
        out
    }

    /// How many phrases the lexicon holds in all.
    pub fn len(&self) -> usize {
        self.cats.iter().filter(|c| !c.is_empty()).count()
    }

    /// Whether the lexicon holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_cleanly() {
        let mut lex = Lexicon::empty();
        for (file, text) in BUILTIN {
            let n = lex
                .add_file(file, text)
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(n > 10, "{file} has {n} phrases");
        }
        for line in ABBREVIATIONS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            assert!(
                line.contains(" = "),
                "abbreviation line without ' = ': {line}"
            );
        }
    }

    /// The first line of `lexicon/compiled.txt` (one line: the file is shipped in the wasm).
    const COMPILED_HEADER: &str = "# Generated from bodies.txt, titles.txt, people.txt by \
        `UPDATE_LEXICON=1 cargo test --no-default-features --lib lexicon`: do not edit. \
        Format: Lexicon::compiled.\n";

    #[test]
    fn compiled_lexicon_is_current() {
        let want = format!("{COMPILED_HEADER}{}", Lexicon::from_sources().compiled());
        if std::env::var_os("UPDATE_LEXICON").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/compiled.txt");
            std::fs::write(path, &want).unwrap_or_else(|e| panic!("{path}: {e}"));
        } else {
            assert!(
                COMPILED == want,
                "lexicon/compiled.txt is not what the lexicon files fold to: run \
                 `UPDATE_LEXICON=1 cargo test --no-default-features --lib lexicon`"
            );
        }
    }

    #[test]
    fn builtin_is_the_folded_sources() {
        let (built, folded) = (Lexicon::builtin(), Lexicon::from_sources());
        assert!(built.len() > 600, "{} phrases", built.len());
        assert_eq!(built.compiled(), folded.compiled());
        assert_eq!(built.abbreviations, folded.abbreviations);
        // The same vocabulary: a word known to one is known to the other.
        let mut words: Vec<&str> = built.words.keys().map(|w| &**w).collect();
        let mut others: Vec<&str> = folded.words.keys().map(|w| &**w).collect();
        words.sort_unstable();
        others.sort_unstable();
        assert_eq!(words, others);
    }

    #[test]
    fn phrases_match_in_any_spelling() {
        let lex = Lexicon::builtin();
        for phrase in ["Tỉnh ủy", "TỈNH UỶ", "tỉnh uỷ"] {
            let folded = fold_phrase(phrase);
            let hits = lex.prefixes(folded.split(' '));
            assert!(
                hits.iter().any(|(n, c)| *n == 2 && c.has(Cat::Level)),
                "{phrase}"
            );
        }
    }

    #[test]
    fn custom_sections() {
        let mut lex = Lexicon::empty();
        assert_eq!(
            lex.add_text("[body]\nBan Quản lý Vịnh Hạ Long\n[official]\nNguyễn Văn Mẫu\n"),
            Ok(2)
        );
        assert!(matches!(
            lex.add_text("[nonsense]\nx"),
            Err(LexiconError::UnknownSection { line: 1, .. })
        ));
        assert_eq!(lex.add_text("x"), Err(LexiconError::NoSection { line: 1 }));
        assert_eq!(
            lex.add_json(r#"{"bodies": ["Quỹ Hải Long"], "officials": ["Đặng Minh Khôi"]}"#),
            Ok(2)
        );
        assert!(matches!(
            lex.add_json(r#"{"people": []}"#),
            Err(LexiconError::BadJson(_))
        ));
    }
}
