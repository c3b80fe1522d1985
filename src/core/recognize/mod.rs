//! Recognition of officials, titles and bodies in Vietnamese news text.
//!
//! [`Recognizer::recognize`] takes the texts of one article (title and paragraphs, or a whole
//! file) and returns, for each text, its mentions (spans in code points and bytes of the text as
//! given, labelled [`Label::Official`], [`Label::Title`] or [`Label::Body`], never overlapping)
//! and the article's entities: every mention of one official or body shares an entity.
//!
//! It works in two passes. The first applies the [`grammar`] to each text: titles with the names
//! they stand beside, bodies, names followed by their titles. The second, knowing the article's
//! named officials, marks their names and given names where they stand alone. [`link`] then groups
//! the mentions into entities.

mod grammar;
mod lexicon;
mod link;

use serde::Serialize;

use self::grammar::{Grammar, Hits, Mark, Vocab};
use self::lexicon::Cats;
pub use self::lexicon::{Cat, Lexicon, LexiconError};
pub use self::link::{Entity, EntityKind};
use crate::core::order;
use crate::core::text::{tokenize_into, ByteIdx, CharIdx, Sym, TokenKind};

/// The label of a span, as in the gold files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Official,
    Title,
    Body,
}

impl Label {
    /// The value of `data-aa-entity`.
    pub fn as_attr(self) -> &'static str {
        match self {
            Label::Official => "official",
            Label::Title => "title",
            Label::Body => "body",
        }
    }
}

/// One recognised span of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: CharIdx,
    pub end: CharIdx,
    #[serde(skip)]
    pub start_byte: ByteIdx,
    #[serde(skip)]
    pub end_byte: ByteIdx,
    pub label: Label,
    /// Index into [`Recognition::entities`].
    #[serde(skip)]
    pub entity: usize,
}

/// What the recogniser found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Recognition {
    /// Mentions of each input text, in text order.
    pub mentions: Vec<Vec<Mention>>,
    pub entities: Vec<Entity>,
}

/// How a span is to be linked to an entity.
#[derive(Debug, Clone)]
pub(crate) enum Hint {
    Body,
    /// An acronym in parentheses naming the body span just before it.
    AcronymOf(usize),
    /// A named official; the title spans attached to the name.
    Name {
        titles: Vec<usize>,
    },
    /// A title beside the name span `name`.
    TitleOf(usize),
    /// A title standing alone for one person.
    TitleAlone,
    /// A generic or plural title.
    GenericTitle,
    /// A full name or given name of an official named elsewhere in the article.
    Known,
}

/// A span found by the first pass, in token indices of its text's [`Stream`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub text: usize,
    pub start: CharIdx,
    pub end: CharIdx,
    pub start_byte: ByteIdx,
    pub end_byte: ByteIdx,
    pub label: Label,
    pub hint: Hint,
    /// The span's words, folded, abbreviations expanded: the key of bodies and titles.
    pub key: Vec<Sym>,
    /// Whether an abbreviation was expanded into the key ("UBND").
    pub abbreviated: bool,
}

/// The recogniser: a lexicon and the grammar over it.
#[derive(Debug, Clone)]
pub struct Recognizer {
    lexicon: Lexicon,
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new(Lexicon::builtin())
    }
}

impl Recognizer {
    pub fn new(lexicon: Lexicon) -> Recognizer {
        Recognizer { lexicon }
    }

    /// The lexicon, to extend with a newsroom's own officials and bodies.
    pub fn lexicon_mut(&mut self) -> &mut Lexicon {
        &mut self.lexicon
    }

    /// Recognises one article given as its texts (title, paragraphs; or one whole file).
    pub fn recognize<S: AsRef<str>>(&self, texts: &[S]) -> Recognition {
        // The texts' tokens one after another, text `k`'s at `bounds[k]..bounds[k + 1]`: a few
        // large buffers for the article rather than a few per paragraph.
        let mut symbols = Mark::symbols();
        let mut tokens = Vec::new();
        let mut bounds = Vec::with_capacity(texts.len() + 1);
        bounds.push(0);
        for t in texts {
            tokenize_into(t.as_ref(), &mut symbols, &mut tokens);
            bounds.push(tokens.len());
        }
        let vocab = Vocab::new(&self.lexicon, symbols);
        let table = Hits::new(&self.lexicon, &tokens, &bounds, &vocab);
        let grammars: Vec<Grammar<'_>> = bounds
            .windows(2)
            .map(|w| Grammar::new(&tokens, w[0], w[1], &vocab, &table))
            .collect();
        let mut found = Vec::new();
        let mut loose_names = Vec::new();
        for (ti, g) in grammars.iter().enumerate() {
            self.first_pass(g, ti, &mut found, &mut loose_names);
        }
        self.second_pass(&grammars, &mut found, &loose_names);
        link::link(&found, texts, &self.lexicon, &vocab.symbols)
    }

    fn span(
        &self,
        g: &Grammar<'_>,
        text: usize,
        a: usize,
        b: usize,
        label: Label,
        hint: Hint,
    ) -> Found {
        let (s, e) = (&g.s.toks[a], &g.s.toks[b - 1]);
        // Room for each token and an abbreviation expanded: one allocation for most spans.
        let mut key = Vec::with_capacity(2 * (b - a) + 2);
        let mut in_paren = false;
        let mut abbreviated = false;
        for t in &g.s.toks[a..b] {
            match t.sym {
                s if s == Mark::OpenParen.sym() => in_paren = true,
                s if s == Mark::CloseParen.sym() => in_paren = false,
                _ if in_paren || t.kind != TokenKind::Word => {}
                _ => match g.s.vocab.info(t.sym).and_then(|x| x.expansion.as_ref()) {
                    Some(full) => {
                        abbreviated = true;
                        key.extend_from_slice(full);
                    }
                    None => key.push(t.sym),
                },
            }
        }
        Found {
            text,
            start: s.start_char,
            end: e.end_char,
            start_byte: s.start_byte,
            end_byte: e.end_byte,
            label,
            hint,
            key,
            abbreviated,
        }
    }

    fn first_pass(
        &self,
        g: &Grammar<'_>,
        ti: usize,
        found: &mut Vec<Found>,
        loose: &mut Vec<(usize, usize, usize)>,
    ) {
        let n = g.s.len();
        let lower_starts = Cats::of(&[
            Cat::Role,
            Cat::RoleOfBody,
            Cat::Modifier,
            Cat::LowerHead,
            Cat::OpenHead,
            Cat::Venue,
        ]);
        // A bare committee ("Đảng ủy") or a force's domain ("Biên phòng") may start coordination.
        let conjunct_starts = Cats::of(&[Cat::Qualified, Cat::Level, Cat::Domain]);
        // What a body's first word may be: a name that starts one may be a body ("Đoàn Thanh niên").
        let body_starts = Cats::of(&[
            Cat::Standalone,
            Cat::Qualified,
            Cat::Level,
            Cat::NeedsParent,
            Cat::PurposeHead,
            Cat::Head,
            Cat::Masthead,
        ]);
        let mut i = 0;
        while i < n {
            // Every construction starts with a lexicon phrase (a role, a modifier, a surname, a
            // body core), a unit code or a name after an honorific; in lower case only a role, a
            // head that may be written so, a newspaper or a venue. Most words start none.
            let hits = g.hits(i);
            let word = g.s.word(i);
            if !word || hits.is_empty() && !g.s.cap(i) {
                i += 1;
                continue;
            }
            let starts = g.starts(i);
            let go = if g.s.cap(i) {
                !hits.is_empty()
                    || g.s.unit_code(i)
                    || g.s.info(i).is_some_and(|x| x.ethnic_prefix)
                    || g.after_honorific(i)
            } else {
                starts.meets(lower_starts)
            };
            if !go {
                i += 1;
                continue;
            }
            if let Some(v) = g.longest(i, Cat::Venue) {
                // "Trung tâm Hội nghị tỉnh", "Hội nghị": a venue or an event, never a body.
                i = g.locative(v).unwrap_or(v);
                continue;
            }
            if let Some(end) = self.titles_and_name(g, ti, i, found) {
                i = end;
                continue;
            }
            // A name, unless a longer body starts there ("Đoàn Thanh niên ...").
            // A name starts with a surname, an ethnic-minority shape or after an honorific.
            let may_name = g.s.cap(i)
                && (starts.has(Cat::Surname)
                    || g.after_honorific(i)
                    || g.s.info(i).is_some_and(|x| x.ethnic_prefix));
            let name = may_name
                .then(|| g.name_after_honorific(i))
                .flatten()
                .filter(|&ne| !starts.meets(body_starts) || g.body(i).is_none_or(|be| be <= ne));
            if let Some(ne) = name {
                if let Some(end) = self.name_then_titles(g, ti, i, ne, found) {
                    i = end;
                    continue;
                }
                if let Some(end) = self.names_then_position(g, ti, i, ne, found) {
                    i = end;
                    continue;
                }
                if g.longest(i, Cat::KnownOfficial) == Some(ne) {
                    let f = self.span(
                        g,
                        ti,
                        i,
                        ne,
                        Label::Official,
                        Hint::Name { titles: Vec::new() },
                    );
                    found.push(f);
                } else {
                    loose.push((ti, i, ne));
                }
                i = ne;
                continue;
            }
            if let Some(known) = g.longest(i, Cat::KnownOfficial) {
                found.push(self.span(
                    g,
                    ti,
                    i,
                    known,
                    Label::Official,
                    Hint::Name { titles: Vec::new() },
                ));
                i = known;
                continue;
            }
            if let Some(end) = starts
                .meets(conjunct_starts)
                .then(|| g.bare_conjunct(i))
                .flatten()
            {
                found.push(self.span(g, ti, i, end, Label::Body, Hint::Body));
                i = end;
                continue;
            }
            if let Some(be) = g.body(i) {
                let body_idx = found.len();
                found.push(self.span(g, ti, i, be, Label::Body, Hint::Body));
                i = be;
                if let Some(k) = g.paren_acronym(i) {
                    found.push(self.span(
                        g,
                        ti,
                        i + 1,
                        i + 2,
                        Label::Body,
                        Hint::AcronymOf(body_idx),
                    ));
                    i = k;
                }
                continue;
            }
            i += 1;
        }
    }

    /// Titles at `i` (stacked with commas), then, if one follows, the name they stand beside.
    fn titles_and_name(
        &self,
        g: &Grammar<'_>,
        ti: usize,
        i: usize,
        found: &mut Vec<Found>,
    ) -> Option<usize> {
        let titles = self.title_list(g, i)?;
        let mut end = titles.last()?.end;
        let name = g.name(end).map(|ne| (end, ne)).or_else(|| {
            let mut k = end;
            if g.s.is(k, Mark::Comma) {
                k += 1;
            }
            // "…, ông Nguyễn Văn A", "…, thiếu tá Trần Văn Nam".
            let h = g
                .longest(k, Cat::Honorific)
                .or_else(|| g.longest(k, Cat::Rank))?;
            g.name(h).map(|ne| (h, ne))
        });
        match name {
            Some((ns, ne)) => {
                let name_idx = found.len();
                found.push(self.span(
                    g,
                    ti,
                    ns,
                    ne,
                    Label::Official,
                    Hint::Name { titles: Vec::new() },
                ));
                let mut ids = Vec::new();
                for t in &titles {
                    ids.push(found.len());
                    found.push(self.span(
                        g,
                        ti,
                        t.start,
                        t.end,
                        Label::Title,
                        Hint::TitleOf(name_idx),
                    ));
                }
                end = ne;
                // Titles on both sides: "Thẩm phán Nguyễn Thị Lan, Phó Chánh án TAND tỉnh".
                if g.s.is(ne, Mark::Comma) || g.s.is(ne, Mark::Dash) {
                    if let Some(after) = self.title_list(g, ne + 1).filter(|_| g.s.cap(ne + 1)) {
                        for t in &after {
                            ids.push(found.len());
                            found.push(self.span(
                                g,
                                ti,
                                t.start,
                                t.end,
                                Label::Title,
                                Hint::TitleOf(name_idx),
                            ));
                        }
                        end = after.last().map_or(end, |t| t.end);
                    }
                }
                if let Hint::Name { titles } = &mut found[name_idx].hint {
                    *titles = ids;
                }
            }
            None => {
                let generic = |t: &grammar::TitleParse| {
                    g.generic_before(t.start)
                        || g.group_role(t.start)
                        || !t.has_body && !g.s.cap(t.start)
                };
                match (titles.first(), titles.last()) {
                    // Stacked titles standing alone for one person: one span ("Phó Bí thư Tỉnh
                    // ủy, Chủ tịch UBND tỉnh cho biết").
                    (Some(first), Some(last))
                        if titles.len() > 1 && !titles.iter().any(generic) =>
                    {
                        found.push(self.span(
                            g,
                            ti,
                            first.start,
                            last.end,
                            Label::Official,
                            Hint::TitleAlone,
                        ));
                    }
                    _ => {
                        for t in &titles {
                            let (label, hint) = if generic(t) {
                                (Label::Title, Hint::GenericTitle)
                            } else {
                                (Label::Official, Hint::TitleAlone)
                            };
                            found.push(self.span(g, ti, t.start, t.end, label, hint));
                        }
                    }
                }
            }
        }
        Some(end)
    }

    /// One title, or several separated by commas or dashes.
    fn title_list(&self, g: &Grammar<'_>, i: usize) -> Option<Vec<grammar::TitleParse>> {
        let first = g.title(i)?;
        let mut titles = vec![first];
        loop {
            let e = titles.last()?.end;
            let sep = g.s.is(e, Mark::Comma) || g.s.is(e, Mark::Dash);
            match sep.then(|| g.title(e + 1)).flatten() {
                Some(t) if g.s.cap(e + 1) => titles.push(t),
                _ => break,
            }
        }
        Some(titles)
    }

    /// "Phạm Xuân Thăng, Phó Bí thư Thường trực Tỉnh ủy": a name, a comma or dash, titles.
    fn name_then_titles(
        &self,
        g: &Grammar<'_>,
        ti: usize,
        ns: usize,
        ne: usize,
        found: &mut Vec<Found>,
    ) -> Option<usize> {
        // "Trần Văn Long (45 tuổi), cựu Chủ tịch ...": an aside between the name and its titles.
        let sep = g
            .aside(ne)
            .filter(|&k| {
                g.title(g.longest(k + 1, Cat::Former).unwrap_or(k + 1))
                    .is_some()
            })
            .unwrap_or(ne);
        if !(g.s.is(sep, Mark::Comma) || g.s.is(sep, Mark::Dash) || g.s.is(sep, Mark::OpenParen)) {
            return None;
        }
        // "Trần Văn Tâm, nguyên Giám đốc Sở ...": a former official, "nguyên" outside the title.
        let first = g.longest(sep + 1, Cat::Former).unwrap_or(sep + 1);
        if !g.s.cap(first) {
            return None;
        }
        let titles = self.title_list(g, first)?;
        let name_idx = found.len();
        found.push(self.span(
            g,
            ti,
            ns,
            ne,
            Label::Official,
            Hint::Name { titles: Vec::new() },
        ));
        let mut ids = Vec::new();
        for t in &titles {
            ids.push(found.len());
            found.push(self.span(g, ti, t.start, t.end, Label::Title, Hint::TitleOf(name_idx)));
        }
        if let Hint::Name { titles } = &mut found[name_idx].hint {
            *titles = ids;
        }
        titles.last().map(|t| t.end)
    }

    /// Names in a list, each after its honorific, then a position taken or held: "ông A và ông B
    /// giữ chức Phó Chủ tịch", "Các ông A, B tái cử Ủy viên ...". The names are officials; the
    /// position is left for the title parser (generic after "giữ chức"). Returns where the
    /// position phrase starts.
    fn names_then_position(
        &self,
        g: &Grammar<'_>,
        ti: usize,
        ns: usize,
        ne: usize,
        found: &mut Vec<Found>,
    ) -> Option<usize> {
        let mut names = vec![(ns, ne)];
        let mut k = ne;
        while g.s.is(k, Mark::Comma) || g.s.is(k, Mark::Va) {
            let s = g.longest(k + 1, Cat::Honorific).unwrap_or(k + 1);
            match g.name_after_honorific(s) {
                Some(e) => {
                    names.push((s, e));
                    k = e;
                }
                None => break,
            }
        }
        let verb = g.longest(k, Cat::Plural)?;
        // A post of a body ("giữ chức Phó Chủ tịch UBND tỉnh"), not a company's ("Giám đốc Công ty").
        g.title(verb).filter(|t| t.has_body)?;
        for (a, b) in names {
            found.push(self.span(
                g,
                ti,
                a,
                b,
                Label::Official,
                Hint::Name { titles: Vec::new() },
            ));
        }
        Some(k)
    }

    /// Names of officials named elsewhere in the article: full names and given names alone.
    fn second_pass(
        &self,
        grammars: &[Grammar<'_>],
        found: &mut Vec<Found>,
        loose: &[(usize, usize, usize)],
    ) {
        // Sorted lists searched by halves rather than hash sets: each set type would be a compiled
        // copy of the hash table's code in the wasm, and a search in turn made a 2 MB text
        // quadratic (every capitalised word against every given name).
        // The article's full names, each once: an article names a few officials many times, so
        // each is looked up in the short sorted list rather than all of them sorted.
        let mut full: Vec<&[Sym]> = Vec::new();
        for f in found.iter().filter(|f| matches!(f.hint, Hint::Name { .. })) {
            if let Err(at) = full.binary_search(&f.key.as_slice()) {
                full.insert(at, &f.key);
            }
        }
        if full.is_empty() {
            return;
        }
        let mut given: Vec<Sym> = full
            .iter()
            .filter(|k| k.len() >= 2)
            .filter_map(|k| k.last().copied())
            .collect();
        order::sort(&mut given);
        given.dedup();
        // Loose spans that are a full name found elsewhere: officials too.
        let mut known: Vec<Found> = Vec::new();
        for &(lt, a, b) in loose {
            let f = self.span(&grammars[lt], lt, a, b, Label::Official, Hint::Known);
            if full.binary_search(&f.key.as_slice()).is_ok() {
                known.push(f);
            }
        }
        // Where spans already stand, (text, start, end), sorted: a given name is never marked
        // inside one. One list for the article: the spans come nearly in order.
        let mut covered: Vec<(usize, CharIdx, CharIdx)> = found
            .iter()
            .chain(&known)
            .map(|f| (f.text, f.start, f.end))
            .collect();
        order::sort(&mut covered);
        let is_covered = |ti: usize, pos: CharIdx| {
            let k = covered.partition_point(|s| (s.0, s.1) <= (ti, pos));
            k > 0 && covered[k - 1].0 == ti && covered[k - 1].2 > pos
        };
        // Every (text, token) inside a loose span, sorted.
        let mut in_loose: Vec<(usize, usize)> = loose
            .iter()
            .flat_map(|&(ti, a, b)| (a..b).map(move |i| (ti, i)))
            .collect();
        order::sort(&mut in_loose);
        // Titles standing alone by (text, end), in a stable order: the last of equal keys wins, as
        // in a map.
        let mut titles_alone: Vec<((usize, CharIdx), usize)> = found
            .iter()
            .enumerate()
            .filter(|(_, f)| matches!(f.hint, Hint::TitleAlone))
            .map(|(i, f)| ((f.text, f.end), i))
            .collect();
        order::sort_by_key(&mut titles_alone, |t| t.0);
        let mut extra = Vec::new();
        // `known` is in text order (the first pass walks the texts in turn): each text's come
        // before its given names.
        let mut known = known.into_iter().peekable();
        for (ti, g) in grammars.iter().enumerate() {
            while let Some(f) = known.next_if(|f| f.text == ti) {
                extra.push(f);
            }
            for i in 0..g.s.len() {
                let t = &g.s.toks[i];
                if t.kind != TokenKind::Word
                    || !t.is_capitalised()
                    || given.binary_search(&t.sym).is_err()
                {
                    continue;
                }
                let after_honorific = g.ends_with(i, Cat::Honorific).is_some();
                if is_covered(ti, t.start_char)
                    || in_loose.binary_search(&(ti, i)).is_ok()
                    || (i > 0 && g.s.cap(i - 1) && !after_honorific)
                    || g.s.cap(i + 1)
                    || (!after_honorific && g.sentence_start(i))
                {
                    continue;
                }
                // "Thứ trưởng Tuyên": the title before a given name is that official's title.
                if i > 0 {
                    let key = (ti, g.s.toks[i - 1].end_char);
                    let k = titles_alone.partition_point(|t| t.0 <= key);
                    if let Some(&(_, title)) = k
                        .checked_sub(1)
                        .and_then(|k| titles_alone.get(k))
                        .filter(|t| t.0 == key)
                    {
                        found[title].label = Label::Title;
                        found[title].hint = Hint::TitleOf(found.len() + extra.len());
                    }
                }
                extra.push(self.span(g, ti, i, i + 1, Label::Official, Hint::Known));
            }
        }
        found.extend(extra);
    }
}

#[cfg(test)]
mod tests;
