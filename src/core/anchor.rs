//! Placing a note again after the article's text changed.
//!
//! A note keeps a quote (exact text with up to 32 code points of context on each side) and a
//! position (code points). Anchoring tries, in order:
//! 1. the old position, if the text there still reads as the quote;
//! 2. every exact occurrence of the quote, chosen by how well its context matches and how near it
//!    is to the old position, and only when the choice is clear;
//! 3. an approximate match (Myers' bit-parallel edit distance over the quote, or over its head
//!    and tail when it is longer than 64 code points), scored on the quote, the prefix, the
//!    suffix and the distance from the old position.
//!
//! What cannot be placed with confidence is an orphan: kept, never attached to a lookalike.
//!
//! Matching runs on a folded view of both texts (NFD without tone marks, lower case, every run of
//! white space one space), so NFD input, both tone-mark spellings and non-breaking spaces do not
//! matter; results are code points of the text as given.

use super::text::{composed, untone, TONE_MARKS};
use super::unicode::{is_combining_mark, lower};
use memchr::memmem;

use super::article::Article;
use super::notes::{Notes, Target, TextPosition, TextQuote, CONTEXT_CHARS};
use super::order;
use super::text::CharIdx;

/// A text folded for matching, with the way back to the text as given.
#[derive(Debug, Clone)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text` (and one past the end): the code point of the original text where
    /// the folded character at or before that byte starts.
    start_of: Vec<u32>,
    /// For each byte of `text` (and one past the end): the code point of the original text where
    /// the folded character ending at that byte ends.
    end_of: Vec<u32>,
    /// Length of the original text in code points.
    pub chars: usize,
}

/// Folds one unit (a base character and its combining marks) into `out`: lower case, without
/// its tone; a decomposed unit is composed first, so NFD and NFC fold alike.
fn fold_unit(unit: &str, out: &mut String) {
    if unit.is_ascii() {
        out.extend(unit.chars().map(|c| c.to_ascii_lowercase()));
        return;
    }
    for c in lower(&composed(unit)).chars() {
        if !TONE_MARKS.contains(&c) {
            out.push(untone(c).0);
        }
    }
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut folded = String::with_capacity(text.len());
        let mut start_of = Vec::with_capacity(text.len() + 1);
        let mut end_of = Vec::with_capacity(text.len() + 1);
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut unit = String::new();
        let mut piece = String::new();
        while i < chars.len() {
            let start = i;
            let c = chars[i];
            i += 1;
            piece.clear();
            if c.is_whitespace() {
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                piece.push(' ');
            } else {
                unit.clear();
                unit.push(c);
                while i < chars.len() && is_combining_mark(chars[i]) {
                    unit.push(chars[i]);
                    i += 1;
                }
                fold_unit(&unit, &mut piece);
            }
            for _ in 0..piece.len() {
                start_of.push(start as u32);
                end_of.push(i as u32);
            }
            folded.push_str(&piece);
        }
        start_of.push(chars.len() as u32);
        end_of.push(chars.len() as u32);
        Folded {
            text: folded,
            start_of,
            end_of,
            chars: chars.len(),
        }
    }

    /// The original code-point range of folded bytes `a..b`.
    fn original(&self, a: usize, b: usize) -> (CharIdx, CharIdx) {
        let start = self.start_of[a] as usize;
        let end = if b == 0 {
            0
        } else {
            self.end_of[b - 1] as usize
        };
        (start, end.max(start))
    }

    /// Whether original code points `start..end` lie inside one run of white space (which the
    /// folded text keeps as a single space).
    fn blank_at(&self, start: CharIdx, end: CharIdx) -> bool {
        let k = self.start_of.partition_point(|&s| (s as usize) <= start);
        k > 0
            && self.text.as_bytes().get(k - 1) == Some(&b' ')
            && self.end_of[k - 1] as usize >= end
    }

    /// The folded byte of the piece original code point `c` belongs to (a code point inside a run
    /// of white space belongs to the run's single space).
    fn byte_at(&self, c: CharIdx) -> usize {
        let last = self
            .start_of
            .partition_point(|&s| (s as usize) <= c)
            .saturating_sub(1);
        let piece = self.start_of.get(last).copied().unwrap_or_default();
        // The piece's first byte (a folded character may take several).
        self.start_of.partition_point(|&s| s < piece)
    }

    /// The folded byte where original code point `c` starts (or the nearest after it).
    fn byte_of(&self, c: CharIdx) -> usize {
        self.start_of.partition_point(|&s| (s as usize) < c)
    }
}

/// Folds a short string (a quote, a prefix) the same way as [`Folded`].
pub fn fold(s: &str) -> String {
    Folded::new(s).text
}

/// Where a note now stands, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchoring {
    /// Code points of the text as given, end exclusive; `exact` when the quote was found as it was.
    Placed {
        start: CharIdx,
        end: CharIdx,
        exact: bool,
    },
    Orphan,
}

/// Lowest quote similarity an approximate match may have.
const MIN_QUOTE_SIMILARITY: f64 = 0.75;
/// Lowest overall score an approximate match may have.
const MIN_SCORE: f64 = 0.72;
/// How far ahead of the next candidate the chosen one must be.
const MIN_MARGIN: f64 = 0.04;
/// Exact occurrences scored at most (the nearest to the old position).
const MAX_SCORED: usize = 64;
/// How near the old position (folded bytes) a copy among identical ones must be to be taken.
const NEAR_BYTES: usize = 600;

/// Places the quote `quote`, last seen at `position`, in `text`.
pub fn anchor(text: &Folded, quote: &TextQuote, position: TextPosition) -> Anchoring {
    anchor_near(text, quote, position, 0)
}

/// [`anchor`], also trying the old position moved by `shift` code points first: after an edit
/// most notes move by the same amount, so the shift that placed the previous note usually places
/// the next one without a search. A shifted place is taken only when its context agrees.
pub fn anchor_near(
    text: &Folded,
    quote: &TextQuote,
    position: TextPosition,
    shift: isize,
) -> Anchoring {
    let exact = fold(&quote.exact);
    // 1. The old position still reads as the quote.
    if !exact.is_empty() && position.start < position.end && position.end <= text.chars {
        let (a, b) = (text.byte_at(position.start), text.byte_of(position.end));
        if text.text.get(a..b) == Some(exact.as_str()) {
            return Anchoring::Placed {
                start: position.start,
                end: position.end,
                exact: true,
            };
        }
    }
    // Blank space cannot be searched for: only where it was.
    if exact.trim().is_empty() {
        if !exact.is_empty()
            && position.start < position.end
            && text.blank_at(position.start, position.end)
        {
            return Anchoring::Placed {
                start: position.start,
                end: position.end,
                exact: true,
            };
        }
        return Anchoring::Orphan;
    }
    let prefix = fold(&quote.prefix);
    let suffix = fold(&quote.suffix);
    // 1b. Moved by the shift of the notes before it, with its context.
    if shift != 0 {
        let moved = (
            position.start.checked_add_signed(shift),
            position.end.checked_add_signed(shift),
        );
        if let (Some(start), Some(end)) = moved {
            if start < end && end <= text.chars {
                let (a, b) = (text.byte_at(start), text.byte_of(end));
                if text.text.get(a..b) == Some(exact.as_str())
                    && context(text, a, b, &prefix, &suffix).supports()
                {
                    return Anchoring::Placed {
                        start,
                        end,
                        exact: true,
                    };
                }
            }
        }
    }
    let expected = text.byte_of(position.start.min(text.chars));
    // 2. Exact occurrences, chosen by context and nearness. Of many, only the nearest are scored.
    let mut hits: Vec<usize> = memmem::find_iter(text.text.as_bytes(), exact.as_bytes()).collect();
    if hits.len() > MAX_SCORED {
        order::sort_by_key(&mut hits, |&at| at.abs_diff(expected));
        hits.truncate(MAX_SCORED);
    }
    if !hits.is_empty() {
        let mut scored: Vec<(f64, Context, usize)> = hits
            .iter()
            .map(|&at| {
                let ctx = context(text, at, at + exact.len(), &prefix, &suffix);
                (ctx.both + 0.05 * nearness(text, at, expected), ctx, at)
            })
            .collect();
        order::sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0));
        let (best, ctx, at) = scored[0];
        let clear = scored
            .get(1)
            .is_none_or(|second| best - second.0 >= MIN_MARGIN);
        if clear && ctx.supports() {
            let (start, end) = text.original(at, at + exact.len());
            return Anchoring::Placed {
                start,
                end,
                exact: true,
            };
        }
        if !clear && ctx.both >= 0.9 {
            // The same passage in the same context more than once: only a copy right by the old
            // position (a small shift, every other copy far away) is taken; else no guessing.
            let mut tied: Vec<usize> = scored
                .iter()
                .filter(|c| best - c.0 < MIN_MARGIN)
                .map(|c| c.2)
                .collect();
            order::sort_by_key(&mut tied, |&at| at.abs_diff(expected));
            let (near, next) = (
                tied[0].abs_diff(expected),
                tied.get(1).map_or(usize::MAX, |&t| t.abs_diff(expected)),
            );
            if near <= NEAR_BYTES && next >= near.saturating_mul(4).max(4 * NEAR_BYTES) {
                let (start, end) = text.original(tied[0], tied[0] + exact.len());
                return Anchoring::Placed {
                    start,
                    end,
                    exact: true,
                };
            }
            return Anchoring::Orphan;
        }
    }
    // 3. Approximate matches.
    let candidates = approximate(&text.text, &exact);
    let mut scored: Vec<(f64, usize, usize)> = candidates
        .into_iter()
        .filter_map(|(a, b)| {
            let window = text.text.get(a..b)?;
            let q = similarity(&exact, window);
            if q < MIN_QUOTE_SIMILARITY {
                return None;
            }
            let ctx = context(text, a, b, &prefix, &suffix);
            if !ctx.supports() {
                return None;
            }
            let score = 0.6 * q + 0.35 * ctx.both + 0.05 * nearness(text, a, expected);
            Some((score, a, b))
        })
        .collect();
    order::sort_by(&mut scored, |x, y| y.0.total_cmp(&x.0));
    scored.dedup_by(|x, y| {
        x.1.abs_diff(y.1) < exact.len() / 2 && x.2.abs_diff(y.2) < exact.len() / 2
    });
    match scored.as_slice() {
        [(best, a, b), rest @ ..]
            if *best >= MIN_SCORE && rest.first().is_none_or(|s| best - s.0 >= MIN_MARGIN) =>
        {
            let (start, end) = text.original(*a, *b);
            Anchoring::Placed {
                start,
                end,
                exact: false,
            }
        }
        _ => Anchoring::Orphan,
    }
}

/// 1 − normalised edit distance, in code points.
fn similarity(a: &str, b: &str) -> f64 {
    let n = a.chars().count().max(b.chars().count()).max(1);
    1.0 - strsim::levenshtein(a, b) as f64 / n as f64
}

/// How well the text around folded bytes `a..b` matches the prefix and the suffix.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// Similarity of each side, `None` for a side the note had none of (the start or the end of
    /// the article).
    prefix: Option<f64>,
    suffix: Option<f64>,
    /// Both, weighted by their lengths (1 when the note had no context at all).
    both: f64,
}

impl Context {
    /// Whether the context vouches for a place: a side the note had is almost intact, or both
    /// are fairly close. A side the note did not have vouches for nothing.
    fn supports(self) -> bool {
        let best = self
            .prefix
            .into_iter()
            .chain(self.suffix)
            .fold(f64::NAN, f64::max);
        match (self.prefix, self.suffix) {
            (None, None) => true,
            (Some(_), Some(_)) => best >= 0.8 || self.both >= 0.6,
            _ => best >= 0.8,
        }
    }
}

fn context(text: &Folded, a: usize, b: usize, prefix: &str, suffix: &str) -> Context {
    let before = |n: usize| {
        let chars: Vec<char> = text.text[..a].chars().rev().take(n).collect();
        chars.into_iter().rev().collect::<String>()
    };
    let after = |n: usize| text.text[b..].chars().take(n).collect::<String>();
    let (pn, sn) = (prefix.chars().count(), suffix.chars().count());
    let p = (pn > 0).then(|| similarity(prefix, &before(pn)));
    let s = (sn > 0).then(|| similarity(suffix, &after(sn)));
    let both = if pn + sn == 0 {
        1.0
    } else {
        (pn as f64 * p.unwrap_or(0.0) + sn as f64 * s.unwrap_or(0.0)) / (pn + sn) as f64
    };
    Context {
        prefix: p,
        suffix: s,
        both,
    }
}

/// 1 at the old position, falling to 0 a quarter of the text away.
fn nearness(text: &Folded, at: usize, expected: usize) -> f64 {
    let span = (text.text.len() / 4).max(1) as f64;
    (1.0 - at.abs_diff(expected) as f64 / span).max(0.0)
}

/// Candidate byte ranges of the text that approximately match `pattern` (folded): Myers'
/// algorithm on the whole pattern when it has at most 64 code points, else on its head and tail.
fn approximate(text: &str, pattern: &str) -> Vec<(usize, usize)> {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| t.get(i).map_or(text.len(), |&(b, _)| b);
    let k = |m: usize| (m as f64 * (1.0 - MIN_QUOTE_SIMILARITY)).ceil() as usize;
    if p.len() <= 64 {
        return myers(&p, &t, k(p.len()))
            .into_iter()
            .map(|end| (byte((end + 1).saturating_sub(p.len())), byte(end + 1)))
            .collect();
    }
    let head = &p[..32];
    let tail = &p[p.len() - 32..];
    let slack = k(p.len());
    let heads = myers(head, &t, k(32));
    let tails = myers(tail, &t, k(32));
    let mut out = Vec::new();
    for &h in heads.iter().take(200) {
        let start = (h + 1).saturating_sub(32);
        for &e in tails
            .iter()
            .filter(|&&e| e > h && (e + 1 - start).abs_diff(p.len()) <= slack)
            .take(4)
        {
            out.push((byte(start), byte(e + 1)));
        }
    }
    // The head or the tail alone, for passages whose other end was rewritten.
    if out.is_empty() {
        // A head match may end before code point 32 (it matched with deletions): saturate.
        out.extend(
            heads
                .iter()
                .take(50)
                .map(|&h| {
                    (
                        (h + 1).saturating_sub(32),
                        (h + 1 + p.len()).saturating_sub(32),
                    )
                })
                .map(|(a, b)| (byte(a), byte(b.min(t.len())))),
        );
        out.extend(
            tails
                .iter()
                .take(50)
                .map(|&e| ((e + 1).saturating_sub(p.len()), e + 1))
                .map(|(a, b)| (byte(a), byte(b))),
        );
    }
    out
}

/// Ends (char indices) of the local minima of matches of `p` in `t` with at most `k` edits
/// (Myers 1999, as Hyyrö formulates it for search). `p` has at most 64 characters.
fn myers(p: &[char], t: &[(usize, char)], k: usize) -> Vec<usize> {
    let m = p.len();
    if m == 0 || m > 64 {
        return Vec::new();
    }
    let mut peq: rustc_hash::FxHashMap<char, u64> = rustc_hash::FxHashMap::default();
    for (i, &c) in p.iter().enumerate() {
        *peq.entry(c).or_default() |= 1 << i;
    }
    let mask = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
    let high = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (mask, 0u64, m);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (j, &(_, c)) in t.iter().enumerate() {
        let eq = peq.get(&c).copied().unwrap_or(0);
        let xv = eq | mv;
        let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score -= 1;
        }
        ph = (ph << 1) & mask;
        mh = (mh << 1) & mask;
        pv = (mh | !(xv | ph)) & mask;
        mv = ph & xv;
        if score <= k {
            match ends.last_mut() {
                // Keep the best end of each run of neighbouring ends.
                Some(last) if last.0 + 1 == j || last.0 == j => {
                    if score < last.1 {
                        *last = (j, score);
                    } else if last.0 + 1 == j && score == last.1 {
                        // same score: keep the first
                    }
                }
                _ => ends.push((j, score)),
            }
        }
    }
    ends.into_iter().map(|(j, _)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(old: &str, new: &str, exact: &str) -> Anchoring {
        let start_b = old.find(exact).expect("quote in old");
        let start = old[..start_b].chars().count();
        let end = start + exact.chars().count();
        let chars: Vec<char> = old.chars().collect();
        let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
        let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
        anchor(
            &Folded::new(new),
            &TextQuote {
                exact: exact.into(),
                prefix,
                suffix,
            },
            TextPosition { start, end },
        )
    }

    fn at(new: &str, s: &str) -> Anchoring {
        let b = new.find(s).expect("expected text in new");
        let start = new[..b].chars().count();
        Anchoring::Placed {
            start,
            end: start + s.chars().count(),
            exact: true,
        }
    }

    const OLD: &str = "Ban Tuyên giáo Tỉnh ủy chỉ đạo cấp ủy cấp huyện làm tốt công tác tuyên truyền. Ban Tổ chức Tỉnh ủy hướng dẫn kiện toàn các chức danh sau đại hội.";

    #[test]
    fn unchanged_text_is_exact() {
        assert_eq!(
            place(OLD, OLD, "Ban Tổ chức Tỉnh ủy"),
            at(OLD, "Ban Tổ chức Tỉnh ủy")
        );
    }

    #[test]
    fn insertion_before_moves_the_note() {
        let new = format!("Mở đầu mới được thêm vào. {OLD}");
        assert_eq!(
            place(OLD, &new, "kiện toàn các chức danh"),
            at(&new, "kiện toàn các chức danh")
        );
    }

    #[test]
    fn nfd_nbsp_and_tone_spelling_do_not_matter() {
        use crate::core::unicode::{nfc, nfd};
        let new = nfd(&OLD.replace("Tỉnh ủy", "Tỉnh\u{a0}uỷ"));
        let got = place(OLD, &new, "Ban Tổ chức Tỉnh ủy");
        let Anchoring::Placed { start, end, .. } = got else {
            panic!("orphaned")
        };
        let quoted: String = new.chars().skip(start).take(end - start).collect();
        assert_eq!(nfc(&quoted), "Ban Tổ chức Tỉnh\u{a0}uỷ");
    }

    #[test]
    fn a_corrected_typo_is_found_approximately() {
        let old = OLD.replace("chức danh", "chứv danh");
        let got = place(&old, OLD, "hướng dẫn kiện toàn các chứv danh");
        let Anchoring::Placed { start, end, exact } = got else {
            panic!("orphaned")
        };
        assert!(!exact);
        let quoted: String = OLD.chars().skip(start).take(end - start).collect();
        assert_eq!(quoted, "hướng dẫn kiện toàn các chức danh");
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let new = "Ban Tuyên giáo Tỉnh ủy chỉ đạo cấp ủy cấp huyện làm tốt công tác tuyên truyền.";
        assert_eq!(
            place(OLD, new, "hướng dẫn kiện toàn các chức danh sau đại hội"),
            Anchoring::Orphan
        );
    }

    #[test]
    fn a_lookalike_elsewhere_is_not_taken() {
        let new = "Ban Tuyên giáo Tỉnh ủy chỉ đạo. Văn phòng Tỉnh ủy hướng dẫn kiện toàn các phòng ban trước đại hội.";
        assert_eq!(
            place(
                OLD,
                new,
                "Ban Tổ chức Tỉnh ủy hướng dẫn kiện toàn các chức danh sau đại hội."
            ),
            Anchoring::Orphan
        );
    }

    #[test]
    fn myers_finds_approximate_ends() {
        let t: Vec<(usize, char)> = "xxabcdexx".char_indices().collect();
        let p: Vec<char> = "abxde".chars().collect();
        assert_eq!(myers(&p, &t, 1), vec![6]);
        assert!(myers(&p, &t, 0).is_empty());
    }
}

/// Places every note again in `article` as it now reads. A note that is found gets its target
/// refreshed (paragraph id, quote, position); one that is not becomes an orphan, kept with its
/// old selectors. A note on a whole paragraph stays on the whole paragraph it is found in.
/// Modification times are left alone: re-anchoring is not the reader's edit.
pub fn reanchor(notes: &Notes, article: &Article) -> Notes {
    let text = article.text();
    let folded = Folded::new(&text);
    let chars: Vec<char> = text.chars().collect();
    let starts = article.paragraph_starts();
    let mut out = notes.clone();
    // In order of their old positions, so that one note's shift is the next one's hint.
    let mut order: Vec<usize> = (0..out.notes.len()).collect();
    order::sort_by_key(&mut order, |&i| out.notes[i].target.position.start);
    let mut shift: isize = 0;
    for i in order {
        let note = &out.notes[i];
        let old_start = note.target.position.start;
        let placed = match anchor_near(&folded, &note.target.quote, note.target.position, shift) {
            Anchoring::Placed { start, end, .. } => {
                shift = start as isize - old_start as isize;
                let index = starts.iter().rposition(|&s| s <= start).unwrap_or(0);
                let paragraph = &article.paragraphs[index];
                let p_end = starts[index] + paragraph.text.chars().count();
                if end > p_end {
                    None // it now runs across paragraphs: better an orphan than half a passage
                } else if note.target.passage {
                    Some((paragraph, start, end))
                } else {
                    Some((paragraph, starts[index], p_end))
                }
            }
            Anchoring::Orphan => None,
        };
        let (target, orphan) = match placed {
            Some((paragraph, start, end)) => {
                let slice = |a: usize, b: usize| {
                    chars[a.min(chars.len())..b.min(chars.len())]
                        .iter()
                        .collect::<String>()
                };
                let target = Target {
                    paragraph: paragraph.id.clone(),
                    passage: note.target.passage,
                    quote: TextQuote {
                        exact: slice(start, end),
                        prefix: slice(start.saturating_sub(CONTEXT_CHARS), start),
                        suffix: slice(end, end + CONTEXT_CHARS),
                    },
                    position: TextPosition { start, end },
                };
                (target, false)
            }
            None => (note.target.clone(), true),
        };
        // A note left as it was stays the same shared note.
        if note.target != target || note.orphan != orphan {
            let note = std::rc::Rc::make_mut(&mut out.notes[i]);
            note.target = target;
            note.orphan = orphan;
        }
    }
    out
}

#[cfg(test)]
mod reanchor_tests {
    use super::*;
    use crate::core::article::SEED_ARTICLE;
    use crate::core::notes::{Note, NoteId, Timestamp};

    fn note_on(a: &Article, i: usize) -> Note {
        Note {
            id: NoteId::from_random_bytes([i as u8; 16]),
            target: a.paragraph_target(&a.paragraphs[i].id).expect("target"),
            text: format!("n{i}"),
            tags: vec![],
            created: Timestamp(1),
            modified: Timestamp(1),
            orphan: false,
            color: None,
        }
    }

    #[test]
    fn notes_follow_their_paragraphs_through_edits() {
        let old = Article::parse(SEED_ARTICLE).expect("seed");
        let notes = Notes {
            notes: (0..old.paragraphs.len())
                .map(|i| note_on(&old, i).into())
                .collect(),
            deleted: vec![],
        };
        assert_eq!(
            reanchor(&notes, &old),
            notes,
            "an unedited article changes nothing"
        );
        // A paragraph inserted at the top, a typo fixed in paragraph 3, paragraph 5 deleted.
        let edited = SEED_ARTICLE
            .replacen("Đồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng yêu cầu", "Tin mới cập nhật.\n\nĐồng chí Phó Bí thư Thường trực Tỉnh ủy Phạm Xuân Thăng yêu cầu", 1)
            .replacen("ghi nhận, đánh giá cao", "ghi nhận và đánh giá cao", 1);
        let fifth = edited
            .lines()
            .find(|l| {
                l.starts_with(
                    "Đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu các ban xây dựng Đảng của",
                )
            })
            .expect("paragraph 5");
        let edited = edited.replacen(fifth, "", 1);
        let new = Article::parse(&edited).expect("edited");
        let moved = reanchor(&notes, &new);
        for (i, n) in moved.notes.iter().enumerate() {
            if i == 5 {
                assert!(
                    n.orphan,
                    "the deleted paragraph's note is an orphan, not attached elsewhere: {:?}",
                    n.target.position
                );
                continue;
            }
            assert!(!n.orphan, "note {i} found");
            let p = new
                .paragraphs
                .iter()
                .find(|p| p.id == n.target.paragraph)
                .expect("paragraph exists");
            assert_eq!(
                n.target.quote.exact, p.text,
                "note {i} is on the whole paragraph"
            );
        }
        let corrected = new
            .paragraphs
            .iter()
            .find(|p| p.text.contains("ghi nhận và đánh giá cao"))
            .expect("corrected paragraph");
        assert_eq!(
            moved.notes[3].target.paragraph, corrected.id,
            "the note on the corrected paragraph follows it"
        );
    }
}
