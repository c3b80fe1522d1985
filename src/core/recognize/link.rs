//! Grouping mentions into entities: one official, one body, one generic title each.
//!
//! Bodies are one entity when their keys (folded words, abbreviations expanded) are equal, so
//! "UBND tỉnh" and "Ủy ban nhân dân tỉnh" are one; an acronym in parentheses joins the body before
//! it. Officials are one entity per full name; a given name alone joins the official with that
//! given name; a title standing alone joins the named official who holds that title in the
//! article (the exact title first, then the closest shortened form, the nearest mention first).

use std::collections::HashMap;

use serde::Serialize;

use super::lexicon::Lexicon;
use super::{Found, Hint, Label, Mention, Recognition};
use crate::core::text::{fnv1a32, fold_phrase, fold_word};

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

fn make_id(prefix: &str, key: &[String]) -> String {
    format!("{prefix}-{:08x}", fnv1a32(key.join(" ").as_bytes()))
}

struct Builder<'f> {
    found: &'f [Found],
    entities: Vec<Entity>,
    by_key: HashMap<String, usize>,
    /// Entity of each found span.
    of: Vec<Option<usize>>,
    display: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn entity(&mut self, prefix: &str, kind: EntityKind, key: &[String], span: usize) -> usize {
        let id = make_id(prefix, key);
        if let Some(&e) = self.by_key.get(&id) {
            return e;
        }
        self.entities.push(Entity { id: id.clone(), kind, name: String::new(), titles: Vec::new(), expansion: None, mentions: 0 });
        self.display.push((span, 0));
        self.by_key.insert(id, self.entities.len() - 1);
        self.entities.len() - 1
    }
}

fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

/// Groups the spans of the first and second pass into entities and describes each entity.
pub(crate) fn link<S: AsRef<str>>(found: &[Found], texts: &[S], lex: &Lexicon) -> Recognition {
    let n_texts = texts.len();
    let mut b = Builder { found, entities: Vec::new(), by_key: HashMap::new(), of: vec![None; found.len()], display: Vec::new() };
    // Named officials and bodies first: the anchors everything else links to.
    for (i, f) in found.iter().enumerate() {
        match &f.hint {
            Hint::Name { .. } => b.of[i] = Some(b.entity("o", EntityKind::Official, &f.key, i)),
            Hint::Body => b.of[i] = Some(b.entity("b", EntityKind::Body, &f.key, i)),
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
    // Officials' titles, by key, with the span of their name.
    let mut held: Vec<(Vec<String>, usize, usize)> = Vec::new(); // (title key, entity, name span)
    for (i, f) in found.iter().enumerate() {
        if let (Hint::TitleOf(name), Some(e)) = (&f.hint, b.of[i]) {
            held.push((f.key.clone(), e, *name));
        }
    }
    let names: Vec<(Vec<String>, usize, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.hint, Hint::Name { .. }))
        .filter_map(|(i, f)| Some((f.key.clone(), b.of[i]?, i)))
        .collect();
    let order = |i: usize, j: usize| -> (bool, usize) {
        let (a, c) = (&found[i], &found[j]);
        let before = (c.text, c.start) <= (a.text, a.start);
        let dist = if before { (a.text - c.text) * 1_000_000 + a.start.saturating_sub(c.start) } else { (c.text - a.text) * 1_000_000 + c.start.saturating_sub(a.start) };
        (!before, dist)
    };
    for (i, f) in found.iter().enumerate() {
        match &f.hint {
            Hint::TitleAlone => {
                let exact = held.iter().filter(|(k, _, _)| *k == f.key).min_by_key(|(_, _, n)| order(i, *n));
                let close = || {
                    held.iter()
                        .filter(|(k, _, _)| k.first() == f.key.first() && is_subsequence(&f.key, k))
                        .min_by_key(|(k, _, n)| (k.len() - f.key.len(), order(i, *n)))
                };
                b.of[i] = Some(match exact.or_else(close) {
                    Some(&(_, e, _)) => e,
                    None => b.entity("o", EntityKind::Official, &f.key, i),
                });
            }
            Hint::Known => {
                let hit = names
                    .iter()
                    .filter(|(k, _, _)| *k == f.key || (f.key.len() == 1 && k.len() >= 2 && k.last() == f.key.last()))
                    .min_by_key(|(_, _, n)| order(i, *n));
                if let Some(&(_, e, _)) = hit {
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
    let mut mentions = vec![Vec::new(); n_texts];
    let mut origin = vec![Vec::new(); n_texts];
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].text, found[i].start));
    for i in order {
        let f = &found[i];
        let Some(e) = b.of[i] else { continue };
        // A title beside a name is part of that one mention of the official.
        if f.label != Label::Title || b.entities[e].kind == EntityKind::Title {
            b.entities[e].mentions += 1;
        }
        mentions[f.text].push(Mention { start: f.start, end: f.end, start_byte: f.start_byte, end_byte: f.end_byte, label: f.label, entity: e });
        origin[f.text].push(i);
    }
    (Recognition { mentions, entities: b.entities }, origin)
}

/// Fills names, titles and expansions from the texts.
fn describe<S: AsRef<str>>(rec: &mut Recognition, origin: &[Vec<usize>], found: &[Found], texts: &[S], lex: &Lexicon) {
    let text_of = |f: &Found| -> String {
        texts[f.text].as_ref().get(f.start_byte..f.end_byte).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut best: HashMap<usize, (usize, usize, String)> = HashMap::new(); // entity → (rank, len, text)
    for (m, &fi) in rec.mentions.iter().flatten().zip(origin.iter().flatten()) {
        let f = &found[fi];
        let text = text_of(f);
        let rank = match (&f.hint, rec.entities[m.entity].kind) {
            (Hint::Name { .. }, _) => 3,
            (Hint::Body, _) => 2 + usize::from(!text.split_whitespace().any(|w| lex.expansion(&fold_word(w)).is_some())),
            (Hint::TitleOf(_), EntityKind::Official) => {
                let titles = &mut rec.entities[m.entity].titles;
                if !titles.iter().any(|t| fold_phrase(t) == fold_phrase(&text)) {
                    titles.push(text.clone());
                }
                0
            }
            (Hint::TitleAlone, _) | (Hint::GenericTitle, _) => 1,
            _ => 0,
        };
        let len = text.chars().count();
        let slot = best.entry(m.entity).or_insert((0, 0, String::new()));
        if (rank, len) > (slot.0, slot.1) {
            *slot = (rank, len, text);
        }
    }
    for (e, (_, _, name)) in best {
        rec.entities[e].name = name;
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
    lex.display_expansion(&fold_word(word)).map_or_else(|| word.to_owned(), str::to_owned)
}
