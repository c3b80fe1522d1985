//! The approximate strategies: the passage was edited (a typo fixed, some words changed).
//!
//! Candidates come from two searches: [`by_quote`] finds places that read almost as the quote
//! (Myers' bit-parallel edit distance), [`between_context`] places that sit where the quote's
//! prefix and suffix still are (a passage reworded in place). Each candidate is then given the
//! original's bounds ([`align`], [`snap_to_context`], [`snap_to_words`]) and judged
//! ([`Judged::follows`]) on the passage's own similarity and on its context, separately.

use super::context::{similarity, Context};
use super::words::{is_word_char, words_kept};
use super::{Anchoring, Folded, Query};
use crate::core::notes::CONTEXT_CHARS;
use crate::core::order;

/// Lowest quote similarity (1 − edit distance / length) at which the quote search looks: a
/// quarter of the quote's code points may differ.
const SEARCH_SIMILARITY: f64 = 0.75;
/// A place that reads at least this close to the quote (a typo fixed, a short word changed)
/// follows when its context vouches for it ([`Context::supports`]).
pub(super) const MIN_QUOTE_SIMILARITY: f64 = 0.85;
/// A reworded passage follows when it keeps more than this share of its words (in order)…
pub(super) const MIN_WORDS_KEPT: f64 = 0.5;
/// …and each side of its context the note had is at least this similar: it was reworded where
/// it stood, not found elsewhere.
pub(super) const MIN_FLANK_SIMILARITY: f64 = 0.85;
/// An edited passage is looked for this near (folded bytes) where it was expected: a typo fixed or
/// a passage reworded stays where it was; a lookalike elsewhere is not it. Farther, only a place
/// reading almost exactly as the quote ([`FAR_QUOTE_SIMILARITY`]) with its context follows.
const NEAR_BYTES: usize = 256;
/// How close to the quote a place far from where it was expected must read (a typo or two).
pub(super) const FAR_QUOTE_SIMILARITY: f64 = 0.95;
/// How far ahead of the next place (score) the chosen one must be; closer, it is an orphan.
const MIN_MARGIN: f64 = 0.04;
/// Weight of the quote's own similarity in a place's score; its context weighs the rest.
const QUOTE_WEIGHT: f64 = 0.6;
/// Quotes longer than twice this (code points) are aligned by their head and tail only.
const ALIGN_EDGE: usize = 48;
/// Extra code points around a candidate searched when aligning it or snapping it to its context.
const SLACK: usize = 8;
/// Shortest tail of the prefix (head of the suffix), in code points, a bound is snapped to.
const SNAP_MIN: usize = 5;
/// Longest tail of the prefix (head of the suffix), in code points, a bound is snapped to.
const SNAP_MAX: usize = 16;
/// A flank (prefix or suffix) shorter than this (non-blank code points) does not locate a
/// reworded passage, unless it reaches the start (the end) of the article.
const MIN_FLANK_CHARS: usize = 10;
/// Candidates kept from each search.
const MAX_CANDIDATES: usize = 64;

/// The folded text as code points, with their bytes.
struct Chars<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

impl Chars<'_> {
    /// The byte where code point `i` starts (the end of the text past the last).
    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |&(b, _)| b)
    }

    fn char(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|&(_, c)| c)
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Code points `a..b` as a string slice.
    fn slice(&self, a: usize, b: usize) -> &str {
        &self.text[self.byte(a)..self.byte(b)]
    }
}

/// A candidate place, judged.
#[derive(Debug, Clone, Copy)]
struct Judged {
    /// Code points of the folded text.
    start: usize,
    end: usize,
    /// Similarity of the place to the quote (code points).
    quote: f64,
    /// Share of the quote's words it kept, in order.
    words: f64,
    /// Its context.
    context: Context,
    /// Whether it stands near where it was expected ([`NEAR_BYTES`]).
    near: bool,
    /// Whether it was found between the note's prefix and suffix (its bounds are theirs).
    between: bool,
}

impl Judged {
    /// Whether the note follows to this place, the passage's similarity and its context weighed
    /// separately: near where it was expected, close to the quote with a context that vouches for
    /// it (a typo fixed), or keeping most of its words with both sides of its context in place
    /// (reworded in place); farther, only almost exactly the quote with a context that vouches.
    fn follows(&self) -> bool {
        if !self.near {
            return self.quote >= FAR_QUOTE_SIMILARITY && self.context.supports();
        }
        let flanked = self.context.weaker() >= MIN_FLANK_SIMILARITY
            && (self.context.prefix.is_some() || self.context.suffix.is_some());
        (self.quote >= MIN_QUOTE_SIMILARITY && self.context.supports())
            || (self.words > MIN_WORDS_KEPT && flanked)
    }

    fn score(&self) -> f64 {
        QUOTE_WEIGHT * self.quote.max(self.words) + (1.0 - QUOTE_WEIGHT) * self.context.both
    }
}

/// The best approximate place for the quote, or an orphan when none follows or two score alike.
pub(super) fn best(text: &Folded, q: &Query) -> Anchoring {
    let t = Chars {
        text: &text.text,
        chars: text.text.char_indices().collect(),
    };
    let pattern: Vec<char> = q.exact.chars().collect();
    let mut places: Vec<(usize, usize, bool)> = by_quote(&t, &pattern)
        .into_iter()
        .map(|(a, b)| {
            let (a, b) = align(&t, &pattern, a, b);
            (a, b, false)
        })
        .collect();
    places.extend(
        between_context(&t, q, pattern.len())
            .into_iter()
            .map(|(a, b)| (a, b, true)),
    );
    let mut judged: Vec<Judged> = places
        .into_iter()
        .filter_map(|(a, b, between)| {
            let (a, b) = snap_to_context(&t, q, a, b);
            let (a, b) = snap_to_words(&t, q, a, b)?;
            let found = t.slice(a, b);
            let (ba, bb) = (t.byte(a), t.byte(b));
            Some(Judged {
                start: a,
                end: b,
                quote: similarity(&q.exact, found),
                words: words_kept(&q.exact, found),
                context: q.context(t.text, ba, bb),
                near: q.distance(ba) <= NEAR_BYTES,
                between,
            })
        })
        .collect();
    order::sort_by(&mut judged, |x, y| y.score().total_cmp(&x.score()));
    let Some(best) = judged.iter().find(|j| j.follows()) else {
        return Anchoring::Orphan;
    };
    // Overlapping candidates are the same place: bounded as the one whose context fits best
    // (it has the original's bounds), of equals the one found between the prefix and the suffix.
    let overlaps = |j: &Judged, k: &Judged| j.start < k.end && k.start < j.end;
    let fits = |j: &Judged| (j.context.both, j.between);
    let bounds = judged
        .iter()
        .filter(|j| j.follows() && overlaps(j, best))
        .fold(best, |x, y| if fits(y) > fits(x) { y } else { x });
    // Another place scoring alike: an orphan rather than a guess.
    let rival = judged.iter().any(|j| {
        !overlaps(j, best)
            && !overlaps(j, bounds)
            && plausible(j)
            && best.score() - j.score() < MIN_MARGIN
    });
    if rival {
        return Anchoring::Orphan;
    }
    let (start, end) = text.original(t.byte(bounds.start), t.byte(bounds.end));
    Anchoring::Placed {
        start,
        end,
        exact: false,
    }
}

/// Whether a place makes the choice of another one a guess: it follows too, or it reads like
/// the quote with a context that vouches for it (all it lacks is being near).
fn plausible(j: &Judged) -> bool {
    j.follows() || (j.quote >= SEARCH_SIMILARITY && j.context.supports())
}

/// Code-point ranges of the folded text that read approximately as `pattern`: Myers' algorithm
/// on the whole pattern when it has at most 64 code points, else on its head and tail (and on
/// either alone when the other end was rewritten). Bounds are rough; [`align`] refines them.
fn by_quote(t: &Chars, p: &[char]) -> Vec<(usize, usize)> {
    let k = |m: usize| (m as f64 * (1.0 - SEARCH_SIMILARITY)).ceil() as usize;
    if p.len() <= 64 {
        return myers(p, &t.chars, k(p.len()))
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|end| ((end + 1).saturating_sub(p.len()), end + 1))
            .collect();
    }
    let head = &p[..32];
    let tail = &p[p.len() - 32..];
    let slack = k(p.len());
    let heads = myers(head, &t.chars, k(32));
    let tails = myers(tail, &t.chars, k(32));
    let mut out = Vec::new();
    for &h in heads.iter().take(200) {
        let start = (h + 1).saturating_sub(32);
        for &e in tails
            .iter()
            .filter(|&&e| e > h && (e + 1 - start).abs_diff(p.len()) <= slack)
            .take(4)
        {
            out.push((start, e + 1));
        }
    }
    if out.is_empty() {
        // A head match may end before code point 32 (it matched with deletions): saturate.
        out.extend(heads.iter().take(MAX_CANDIDATES / 2).map(|&h| {
            let start = (h + 1).saturating_sub(32);
            (start, (start + p.len()).min(t.len()))
        }));
        out.extend(
            tails
                .iter()
                .take(MAX_CANDIDATES / 2)
                .map(|&e| ((e + 1).saturating_sub(p.len()), e + 1)),
        );
    }
    out.truncate(MAX_CANDIDATES);
    out
}

/// Code-point ranges of the folded text between a place where the quote's prefix ends and one
/// where its suffix starts, about as long as the quote, near where it is expected: the passage
/// reworded where it stood.
/// Only for notes with both flanks long enough to locate anything ([`MIN_FLANK_CHARS`]).
fn between_context(t: &Chars, q: &Query, m: usize) -> Vec<(usize, usize)> {
    let prefix: Vec<char> = q.prefix.chars().collect();
    let suffix: Vec<char> = q.suffix.chars().collect();
    let k = |n: usize| (n as f64 * (1.0 - MIN_FLANK_SIMILARITY)).ceil() as usize;
    let (at_start, at_end) = (q.prefix_at_start, q.suffix_at_end);
    // Only near where the note is expected: a reworded passage follows only there.
    let reach = NEAR_BYTES + 4 * (2 * m + 2 * CONTEXT_CHARS + SLACK);
    let lo_byte = q
        .expected
        .iter()
        .min()
        .map_or(0, |e| e.saturating_sub(reach));
    let hi_byte = q
        .expected
        .iter()
        .max()
        .map_or(0, |e| e.saturating_add(reach));
    let lo = t.chars.partition_point(|&(b, _)| b < lo_byte);
    let hi = t.chars.partition_point(|&(b, _)| b < hi_byte);
    let window = &t.chars[lo..hi];
    // A flank locates a place when it is long enough, or when it reaches the article's edge.
    let usable = |s: &[char], edge: bool| {
        let n = s.iter().filter(|c| !c.is_whitespace()).count();
        n >= MIN_FLANK_CHARS || (edge && n > 0)
    };
    let blank = |s: &[char]| s.iter().all(|c| c.is_whitespace());
    let mut ends: Vec<usize> = if blank(&prefix) && (at_start || prefix.is_empty()) {
        vec![0]
    } else if usable(&prefix, at_start) {
        let pre = &prefix[prefix.len().saturating_sub(32)..];
        myers(pre, window, k(pre.len()))
            .into_iter()
            .map(|e| lo + e + 1)
            .filter(|&a| !at_start || a <= prefix.len() + SLACK)
            .collect()
    } else {
        return Vec::new();
    };
    let mut starts: Vec<usize> = if blank(&suffix) && (at_end || suffix.is_empty()) {
        vec![t.len()]
    } else if usable(&suffix, at_end) {
        let suf = &suffix[..suffix.len().min(32)];
        myers(suf, window, k(suf.len()))
            .into_iter()
            .map(|e| (lo + e + 1).saturating_sub(suf.len()))
            .filter(|&b| !at_end || b + suffix.len() + SLACK >= t.len())
            .collect()
    } else {
        return Vec::new();
    };
    if prefix.is_empty() && suffix.is_empty() {
        return Vec::new();
    }
    // The crate's one sort (`order`), not `sort_unstable`: its own copy of std's quicksort for
    // `usize` was 2.7 KB of the wasm.
    order::sort(&mut ends);
    order::sort(&mut starts);
    let (shortest, longest) = (m / 2, m * 2 + SLACK);
    let mut out = Vec::new();
    for &a in &ends {
        let from = starts.partition_point(|&s| s < a + shortest);
        for &b in starts[from..]
            .iter()
            .take_while(|&&b| b <= a + longest)
            .take(2)
        {
            out.push((a, b));
        }
        if out.len() >= MAX_CANDIDATES {
            break;
        }
    }
    out
}

/// The bounds of the best alignment of `p` with the text around `a..b` (semi-global edit
/// distance: the whole pattern against any stretch of the text). A long pattern is aligned by
/// its head (for the start) and its tail (for the end).
fn align(t: &Chars, p: &[char], a: usize, b: usize) -> (usize, usize) {
    let slack = SLACK + (p.len() as f64 * (1.0 - SEARCH_SIMILARITY)).ceil() as usize;
    let window = |lo: usize, hi: usize| -> (usize, Vec<char>) {
        let (lo, hi) = (lo.saturating_sub(slack), (hi + slack).min(t.len()));
        (lo, (lo..hi).filter_map(|i| t.char(i)).collect())
    };
    if p.len() <= 2 * ALIGN_EDGE {
        let (lo, w) = window(a, b);
        let (s, e) = best_alignment(p, &w);
        return (lo + s, lo + e);
    }
    let (lo, w) = window(a, a + ALIGN_EDGE);
    let start = lo + best_alignment(&p[..ALIGN_EDGE], &w).0;
    let (lo, w) = window(b.saturating_sub(ALIGN_EDGE), b);
    let end = lo + best_alignment(&p[p.len() - ALIGN_EDGE..], &w).1;
    (start, end.max(start))
}

/// Start and end in `w` of the cheapest alignment of all of `p` with a stretch of `w`
/// (Levenshtein, free ends in `w`); of equally cheap ones, the one closest to `p`'s length.
fn best_alignment(p: &[char], w: &[char]) -> (usize, usize) {
    // (cost, start of the stretch) per column, one row of the table at a time.
    let mut prev: Vec<(usize, usize)> = (0..=w.len()).map(|j| (0, j)).collect();
    let mut cur = prev.clone();
    for (i, &pc) in p.iter().enumerate() {
        cur[0] = (i + 1, 0);
        for (j, &wc) in w.iter().enumerate() {
            let sub = (prev[j].0 + usize::from(pc != wc), prev[j].1);
            let del = (prev[j + 1].0 + 1, prev[j + 1].1);
            let ins = (cur[j].0 + 1, cur[j].1);
            cur[j + 1] = [del, ins]
                .into_iter()
                .fold(sub, |x, y| if y.0 < x.0 { y } else { x });
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let mut best: (usize, usize, usize) = (usize::MAX, 0, 0);
    for (end, &(cost, start)) in prev.iter().enumerate() {
        let off = (end - start).abs_diff(p.len());
        if cost < best.0 || (cost == best.0 && off < (best.2 - best.1).abs_diff(p.len())) {
            best = (cost, start, end);
        }
    }
    (best.1, best.2)
}

/// Moves each bound to where the note's context still is, when it is right there: the start to
/// just after the longest tail of the prefix ([`SNAP_MIN`]..[`SNAP_MAX`] code points) that ends
/// within [`SLACK`] of it, the end to just before the longest such head of the suffix.
fn snap_to_context(t: &Chars, q: &Query, a: usize, b: usize) -> (usize, usize) {
    let prefix: Vec<char> = q.prefix.chars().collect();
    let suffix: Vec<char> = q.suffix.chars().collect();
    let reads = |at: usize, s: &[char]| {
        s.iter()
            .enumerate()
            .all(|(i, &c)| t.char(at + i) == Some(c))
    };
    let mut start = a;
    'prefix: for n in (SNAP_MIN..=SNAP_MAX.min(prefix.len())).rev() {
        let tail = &prefix[prefix.len() - n..];
        // Nearest first.
        for d in 0..=SLACK {
            for end in [a.checked_sub(d), a.checked_add(d)].into_iter().flatten() {
                if end >= n && end < b && reads(end - n, tail) {
                    start = end;
                    break 'prefix;
                }
            }
        }
    }
    let mut end = b;
    'suffix: for n in (SNAP_MIN..=SNAP_MAX.min(suffix.len())).rev() {
        let head = &suffix[..n];
        for d in 0..=SLACK {
            for at in [b.checked_sub(d), b.checked_add(d)].into_iter().flatten() {
                if at > start && reads(at, head) {
                    end = at;
                    break 'suffix;
                }
            }
        }
    }
    (start, end)
}

/// The bounds moved to the original's word boundaries: never on white space; when the quote
/// starts (ends) with a word character, at a word character; and when the old passage did not
/// start (end) inside a word, not inside one. `None` when nothing is left.
fn snap_to_words(t: &Chars, q: &Query, a: usize, b: usize) -> Option<(usize, usize)> {
    let word = |i: Option<usize>| i.and_then(|i| t.char(i)).is_some_and(is_word_char);
    let (first, last) = (q.exact.chars().next()?, q.exact.chars().next_back()?);
    // The old passage did not start (end) inside a word.
    let starts_word = !q.prefix.chars().next_back().is_some_and(is_word_char);
    let ends_word = !q.suffix.chars().next().is_some_and(is_word_char);
    let (mut a, mut b) = (a, b.min(t.len()));
    // Leading and trailing white space (or punctuation, when the quote starts or ends with a
    // word character) is not the passage's.
    while a < b {
        let c = t.char(a)?;
        if c.is_whitespace() || (is_word_char(first) && !is_word_char(c)) {
            a += 1;
        } else {
            break;
        }
    }
    while b > a {
        let c = t.char(b - 1)?;
        if c.is_whitespace() || (is_word_char(last) && !is_word_char(c)) {
            b -= 1;
        } else {
            break;
        }
    }
    if starts_word {
        while a > 0 && word(Some(a - 1)) {
            a -= 1;
        }
    }
    if ends_word {
        while word(Some(b)) {
            b += 1;
        }
    }
    (a < b).then_some((a, b))
}

/// Ends (code-point indices) of the local minima of matches of `p` in `t` with at most `k` edits
/// (Myers 1999, as Hyyrö formulates it for search). `p` has at most 64 code points.
fn myers(p: &[char], t: &[(usize, char)], k: usize) -> Vec<usize> {
    let m = p.len();
    if m == 0 || m > 64 {
        return Vec::new();
    }
    // Each code point of the pattern with the bits of its places, sorted by code point: at most
    // 64 entries, searched by halves (a hash map type of its own would be a compiled copy of the
    // hash table's code in the wasm).
    let mut peq: Vec<(char, u64)> = Vec::with_capacity(m);
    for (i, &c) in p.iter().enumerate() {
        match peq.binary_search_by_key(&c, |e| e.0) {
            Ok(k) => peq[k].1 |= 1 << i,
            Err(k) => peq.insert(k, (c, 1 << i)),
        }
    }
    let mask = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
    let high = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (mask, 0u64, m);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (j, &(_, c)) in t.iter().enumerate() {
        let eq = peq
            .binary_search_by_key(&c, |e| e.0)
            .map_or(0, |k| peq[k].1);
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
                // Keep the best end of each run of neighbouring ends (the first of equals).
                Some(last) if last.0 + 1 == j => {
                    if score < last.1 {
                        *last = (j, score);
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
    use super::super::testing::{check, Want};
    use super::*;

    #[test]
    fn myers_finds_approximate_ends() {
        let t: Vec<(usize, char)> = "xxabcdexx".char_indices().collect();
        // (pattern, edits, ends)
        let cases: [(&str, usize, &[usize]); 3] =
            [("abxde", 1, &[6]), ("abxde", 0, &[]), ("abcde", 0, &[6])];
        for (p, k, want) in cases {
            let p: Vec<char> = p.chars().collect();
            assert_eq!(myers(&p, &t, k), want, "{p:?} with {k} edits");
        }
    }

    #[test]
    fn alignment_finds_the_stretch() {
        // (pattern, window, start..end)
        let cases = [
            ("cac diem", "xx  cac diem tiem", (4, 12)),
            ("cacc diem", "xx  cac diem tiem", (4, 12)),
            ("tiem chung", "so mui tiem chung da", (7, 17)),
        ];
        for (p, w, want) in cases {
            let (p, w): (Vec<char>, Vec<char>) = (p.chars().collect(), w.chars().collect());
            assert_eq!(best_alignment(&p, &w), want, "{p:?} in {w:?}");
        }
    }

    /// Every case: the old text with the quote in ⟦⟧, the new text with the expected place in ⟦⟧
    /// (or none: an orphan).
    #[test]
    fn approximate_strategies() {
        let cases = [
            // A typo fixed inside.
            (
                "Ban Tổ chức Tỉnh ủy ⟦hướng dẫn kiện toàn các chứv danh⟧ sau đại hội.",
                "Ban Tổ chức Tỉnh ủy ⟦hướng dẫn kiện toàn các chức danh⟧ sau đại hội.",
                Want::Approximate,
            ),
            // A typo fixed in the first word, next to a paragraph break: no white space taken.
            (
                "Tiêm chủng đợt 2.\n\n⟦cácc điểm tiêm⟧ mở cửa từ 7 giờ sáng.",
                "Tiêm chủng đợt 2.\n\n⟦các điểm tiêm⟧ mở cửa từ 7 giờ sáng.",
                Want::Approximate,
            ),
            // A typo fixed in the last word, next to punctuation.
            (
                "Hội nghị kết thúc, ⟦các đại biểu thống nhấtt⟧. Buổi chiều nghỉ.",
                "Hội nghị kết thúc, ⟦các đại biểu thống nhất⟧. Buổi chiều nghỉ.",
                Want::Approximate,
            ),
            // A third of its words changed, its context in place: it follows.
            (
                "Theo báo cáo của huyện, ⟦giá trị sản xuất nông nghiệp tăng 2,3% so với cùng kỳ⟧, thu ngân sách đạt 54% dự toán.",
                "Theo báo cáo của huyện, ⟦giá trị sản xuất nông nghiệp ước tăng 2,5% so với năm trước⟧, thu ngân sách đạt 54% dự toán.",
                Want::Approximate,
            ),
            // Reworded at the end of the article, where its suffix is only a line break.
            (
                "Đoạn trước kết thúc ở đây.\n\n⟦Kỳ họp diễn ra trong 2 ngày, dự kiến bế mạc vào chiều 16.7.⟧\n",
                "Đoạn trước kết thúc ở đây.\n\n⟦Kỳ họp kéo dài trong 3 ngày, dự kiến bế mạc vào sáng 17.7.⟧\n",
                Want::Approximate,
            ),
            // Most of its words changed: an orphan.
            (
                "Theo báo cáo của huyện, ⟦giá trị sản xuất nông nghiệp tăng 2,3% so với cùng kỳ⟧, thu ngân sách đạt 54% dự toán.",
                "Theo báo cáo của huyện, lĩnh vực trồng trọt gặp khó do thời tiết bất lợi, thu ngân sách đạt 54% dự toán.",
                Want::Orphan,
            ),
            // Deleted, while a lookalike stands elsewhere in another context: an orphan.
            (
                "Ban Tổ chức Tỉnh ủy ⟦hướng dẫn kiện toàn các chức danh sau đại hội⟧. Văn phòng theo dõi.",
                "Văn phòng Tỉnh ủy hướng dẫn kiện toàn các phòng ban trước đại hội. Văn phòng theo dõi.",
                Want::Orphan,
            ),
        ];
        for (old, new, want) in cases {
            check(old, new, want);
        }
    }
}
