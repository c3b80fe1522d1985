//! Grouping mentions into entities: one official, one body, one generic title each.
//!
//! Bodies are one entity when their keys (folded words, abbreviations expanded) are equal, so
//! "UBND tỉnh" and "Ủy ban nhân dân tỉnh" are one; an acronym in parentheses joins the body before
//! it. Officials are one entity per full name; a given name alone joins the official with that
//! given name; a title standing alone joins the named official who holds that title in the
//! article (the exact title first, then the closest shortened form, the nearest mention first).

use serde::Serialize;

use super::lexicon::Lexicon;
use super::{Found, Hint, Label, Mention, Recognition};
use crate::core::order;
use crate::core::text::{fnv1a32, fold_word, Sym, Symbols};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Official,
    Body,
    /// A generic or plural position ("các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy").
    Title,
}

/// One official, body or generic title of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Stable across runs: kind and a hash of the key (`o-…`, `b-…`, `t-…`).
    pub id: String,
    pub kind: EntityKind,
    /// The fullest form found in the text.
    pub name: String,
    /// For officials: the titles written beside their name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// For a body known by an abbreviation: its full form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expansion: Option<String>,
    /// How many times the entity is mentioned (a title beside a name is not a mention of its own).
    pub mentions: usize,
}

fn make_id(prefix: &str, key: &[Sym], symbols: &Symbols) -> String {
    let words: Vec<&str> = key.iter().map(|&s| symbols.text(s)).collect();
    format!("{prefix}-{:08x}", fnv1a32(words.join(" ").as_bytes()))
}

struct Builder<'f> {
    found: &'f [Found],
    symbols: &'f Symbols<'f>,
    entities: Vec<Entity>,
    /// Each entity's key and kind with the entity, sorted by key then kind and searched by halves
    /// (a map of its own would be a compiled copy of the hash table's code): the words are
    /// compared first, as numbers, and the kind only between equal keys.
    index: Vec<(&'f [Sym], u8, usize)>,
    /// Entity of each found span.
    of: Vec<Option<usize>>,
    display: Vec<(usize, usize)>,
}

impl<'f> Builder<'f> {
    fn entity(
        &mut self,
        prefix: &'static str,
        kind: EntityKind,
        key: &'f [Sym],
        span: usize,
    ) -> usize {
        let at = match self
            .index
            .binary_search_by(|&(k, c, _)| k.cmp(key).then(c.cmp(&(kind as u8))))
        {
            Ok(i) => return self.index[i].2,
            Err(i) => i,
        };
        let id = make_id(prefix, key, self.symbols);
        self.entities.push(Entity {
            id,
            kind,
            name: String::new(),
            titles: Vec::new(),
            expansion: None,
            mentions: 0,
        });
        self.display.push((span, 0));
        let e = self.entities.len() - 1;
        self.index.insert(at, (key, kind as u8, e));
        e
    }
}

/// Where a span stands: (text, start in code points).
type Pos = (usize, usize);

/// Lists of places by key (a title, a full name, a given name), each list sorted once filled. The
/// keys are kept sorted and searched by halves: a hash map would be a compiled copy of the hash
/// table's code in the wasm.
#[derive(Default)]
struct Lists<'f>(Vec<(&'f [Sym], Places)>);

/// Places of a key: where each span stands and its entity.
type Places = Vec<(Pos, usize)>;

impl<'f> Lists<'f> {
    /// The list of `key`, added empty if new.
    fn entry(&mut self, key: &'f [Sym]) -> &mut Places {
        let k = match self.0.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(k) => k,
            Err(k) => {
                self.0.insert(k, (key, Vec::new()));
                k
            }
        };
        &mut self.0[k].1
    }

    /// The list of `key`, if any.
    fn get(&self, key: &[Sym]) -> Option<&[(Pos, usize)]> {
        let k = self.0.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        Some(self.0[k].1.as_slice())
    }
}

/// The entry of `list` (sorted by position) nearest to `at`: the last one before it, or else the
/// first after it. Returns (is after, distance, entity).
fn nearest(list: &[(Pos, usize)], at: Pos) -> Option<(bool, usize, usize)> {
    let k = list.partition_point(|(p, _)| *p <= at);
    let dist = |a: Pos, b: Pos| (b.0 - a.0) * 1_000_000 + b.1.saturating_sub(a.1);
    if k > 0 {
        let (p, e) = list[k - 1];
        return Some((false, dist(p, at), e));
    }
    list.first().map(|&(p, e)| (true, dist(at, p), e))
}

fn is_subsequence(short: &[Sym], long: &[Sym]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// Short forms of bodies and the one fuller form each stands for in this article: a body's key
/// that begins exactly one longest key of the article ("HĐND", "HĐND tỉnh" and "Hội đồng nhân
/// dân tỉnh" when the article names "HĐND tỉnh Hòa Bình" and no other People's Council). A key
/// that begins two different ones ("UBND" with "UBND tỉnh" and "UBND huyện") stays itself, and
/// bodies that only share words ("Tỉnh ủy", "Ban Thường vụ Tỉnh ủy") never meet here.
///
/// A list (short form, fuller form) in the order of the short forms, searched by halves: a map or
/// set type of its own would be a compiled copy of the hash table's code in the wasm.
fn fuller_bodies(found: &[Found]) -> Vec<(&[Sym], &[Sym])> {
    // Each key once, in order: an article names a few bodies many times, so each is looked up in
    // the short sorted list rather than all of them sorted.
    let mut keys: Vec<&[Sym]> = Vec::new();
    for f in found
        .iter()
        .filter(|f| matches!(f.hint, Hint::Body) && !f.key.is_empty())
    {
        if let Err(at) = keys.binary_search(&f.key.as_slice()) {
            keys.insert(at, &f.key);
        }
    }
    let mut out = Vec::new();
    for (k, &short) in keys.iter().enumerate() {
        // The keys that begin with `short` follow it in the sorted list.
        let longer = keys[k + 1..].iter().take_while(|l| l.starts_with(short));
        let Some(&longest) = longer.clone().max_by_key(|k| k.len()) else {
            continue;
        };
        if longer.clone().all(|k| longest.starts_with(k)) {
            out.push((short, longest));
        }
    }
    out
}

/// Groups the spans of the first and second pass into entities and describes each entity.
pub(crate) fn link<S: AsRef<str>>(
    found: &[Found],
    texts: &[S],
    lex: &Lexicon,
    symbols: &Symbols,
) -> Recognition {
    let n_texts = texts.len();
    let mut b = Builder {
        found,
        symbols,
        entities: Vec::new(),
        index: Vec::new(),
        of: vec![None; found.len()],
        display: Vec::new(),
    };
    // Named officials and bodies first: the anchors everything else links to.
    let fuller = fuller_bodies(found);
    for (i, f) in found.iter().enumerate() {
        match &f.hint {
            Hint::Name { .. } => b.of[i] = Some(b.entity("o", EntityKind::Official, &f.key, i)),
            Hint::Body => {
                // `fuller` is in the order of its short forms: searched by halves.
                let key = fuller
                    .binary_search_by(|(short, _)| (*short).cmp(f.key.as_slice()))
                    .map_or(f.key.as_slice(), |k| fuller[k].1);
                b.of[i] = Some(b.entity("b", EntityKind::Body, key, i));
            }
            _ => {}
        }
    }
    for (i, f) in found.iter().enumerate() {
        match &f.hint {
            Hint::AcronymOf(body) => b.of[i] = b.of[*body],
            Hint::TitleOf(name) => b.of[i] = b.of[*name],
            Hint::GenericTitle => b.of[i] = Some(b.entity("t", EntityKind::Title, &f.key, i)),
            _ => {}
        }
    }
    // Officials' titles and names, by key, each with where it stands (sorted: document order).
    let pos = |i: usize| (found[i].text, found[i].start);
    let mut held = Lists::default();
    let mut names = Lists::default();
    // Given names keyed as one-word slices.
    let mut given = Lists::default();
    for (i, f) in found.iter().enumerate() {
        match (&f.hint, b.of[i]) {
            (Hint::TitleOf(name), Some(e)) => held.entry(&f.key).push((pos(*name), e)),
            (Hint::Name { .. }, Some(e)) => {
                names.entry(&f.key).push((pos(i), e));
                if let (true, Some(g)) = (f.key.len() >= 2, f.key.last()) {
                    given.entry(std::slice::from_ref(g)).push((pos(i), e));
                }
            }
            _ => {}
        }
    }
    for (_, list) in held.0.iter_mut().chain(&mut names.0).chain(&mut given.0) {
        order::sort(list);
    }
    for (i, f) in found.iter().enumerate() {
        match &f.hint {
            Hint::TitleAlone => {
                let exact = held.get(f.key.as_slice()).and_then(|l| nearest(l, pos(i)));
                let close = || {
                    held.0
                        .iter()
                        .filter(|(k, _)| k.first() == f.key.first() && is_subsequence(&f.key, k))
                        .filter_map(|(k, l)| {
                            nearest(l, pos(i)).map(|n| ((k.len() - f.key.len(), n.0, n.1), n.2))
                        })
                        .min()
                        .map(|(rank, e)| (rank.1, rank.2, e))
                };
                b.of[i] = Some(match exact.or_else(close) {
                    Some((_, _, e)) => e,
                    None => b.entity("o", EntityKind::Official, &f.key, i),
                });
            }
            Hint::Known => {
                let list = if f.key.len() == 1 {
                    f.key
                        .last()
                        .and_then(|g| given.get(std::slice::from_ref(g)))
                } else {
                    names.get(f.key.as_slice())
                };
                if let Some((_, _, e)) = list.and_then(|l| nearest(l, pos(i))) {
                    b.of[i] = Some(e);
                }
            }
            _ => {}
        }
    }
    // Titles beside a given name ("Thứ trưởng Tuyên") follow the official the name was linked to.
    for (i, f) in found.iter().enumerate() {
        if let (Hint::TitleOf(name), None) = (&f.hint, b.of[i]) {
            b.of[i] = b.of[*name];
        }
    }
    let (mut rec, origin) = finish(b, n_texts);
    describe(&mut rec, &origin, found, texts, lex);
    rec
}

/// The recognition, and for each mention the index of the span it came from.
fn finish(mut b: Builder, n_texts: usize) -> (Recognition, Vec<Vec<usize>>) {
    let found = b.found;
    // Each text's mentions counted first: one allocation per text (an article has hundreds).
    let mut counts = vec![0; n_texts];
    for (f, e) in found.iter().zip(&b.of) {
        if let (Some(n), Some(_)) = (counts.get_mut(f.text), e) {
            *n += 1;
        }
    }
    let mut mentions: Vec<Vec<Mention>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    let mut origin: Vec<Vec<usize>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
    // Sorted by (text, start, index): keys side by side, not looked up through `found`.
    let mut order: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (f.text, f.start, i))
        .collect();
    order::sort(&mut order);
    for (_, _, i) in order {
        let f = &found[i];
        let Some(e) = b.of[i] else { continue };
        // A title beside a name is part of that one mention of the official.
        if f.label != Label::Title || b.entities[e].kind == EntityKind::Title {
            b.entities[e].mentions += 1;
        }
        mentions[f.text].push(Mention {
            start: f.start,
            end: f.end,
            start_byte: f.start_byte,
            end_byte: f.end_byte,
            label: f.label,
            entity: e,
        });
        origin[f.text].push(i);
    }
    (
        Recognition {
            mentions,
            entities: b.entities,
        },
        origin,
    )
}

/// Fills names, titles and expansions from the texts.
fn describe<S: AsRef<str>>(
    rec: &mut Recognition,
    origin: &[Vec<usize>],
    found: &[Found],
    texts: &[S],
    lex: &Lexicon,
) {
    let text_of = |f: &Found| -> String {
        texts[f.text]
            .as_ref()
            .get(f.start_byte..f.end_byte)
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Per entity: the best (rank, length in bytes, span) for its name, and the title keys seen.
    // Indexed by entity, and a sorted list searched by halves: no hash table types of their own.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; rec.entities.len()];
    let mut titles_seen: Vec<(usize, &[Sym])> = Vec::new();
    for (m, &fi) in rec.mentions.iter().flatten().zip(origin.iter().flatten()) {
        let f = &found[fi];
        // A body's fullest form: most words, then written out rather than abbreviated.
        let rank = match (&f.hint, rec.entities[m.entity].kind) {
            (Hint::Name { .. }, _) => 3,
            (Hint::Body, _) => 2 + 2 * f.key.len() + usize::from(!f.abbreviated),
            (Hint::TitleOf(_), EntityKind::Official) => {
                let seen = (m.entity, f.key.as_slice());
                if let Err(at) = titles_seen.binary_search(&seen) {
                    titles_seen.insert(at, seen);
                    rec.entities[m.entity].titles.push(text_of(f));
                }
                0
            }
            (Hint::TitleAlone, _) | (Hint::GenericTitle, _) => 1,
            _ => 0,
        };
        let len = f.end_byte - f.start_byte;
        let Some(slot) = best.get_mut(m.entity) else {
            continue;
        };
        let slot = slot.get_or_insert((0, 0, fi));
        if (rank, len) > (slot.0, slot.1) {
            *slot = (rank, len, fi);
        }
    }
    for (e, b) in rec.entities.iter_mut().zip(best) {
        if let Some((_, _, fi)) = b {
            e.name = text_of(&found[fi]);
        }
    }
    for e in &mut rec.entities {
        let words: Vec<String> = e.name.split_whitespace().map(str::to_owned).collect();
        let expanded: Vec<String> = words
            .iter()
            .map(|w| match lex.expansion(&fold_word(w)) {
                Some(_) => lex_full_form(w, lex),
                None => w.clone(),
            })
            .collect();
        if expanded != words {
            e.expansion = Some(expanded.join(" "));
        }
    }
}

fn lex_full_form(word: &str, lex: &Lexicon) -> String {
    lex.display_expansion(&fold_word(word))
        .map_or_else(|| word.to_owned(), str::to_owned)
}
