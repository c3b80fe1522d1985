//! Strategies on the quote as it was: the old place still reads as the quote, or the quote
//! occurs, exactly, somewhere else in the article.

use super::context::{words_around, Context};
use super::words::is_word_char;
use super::{Anchoring, Folded, Query};
use crate::core::order;

/// Exact occurrences scored at most (the nearest to the old position).
const MAX_SCORED: usize = 64;
/// A unique exact occurrence of a quote at least this long (folded code points, about eight
/// words) is taken wherever it stands, whatever its context: such a passage does not occur by
/// chance, and its paragraph may have moved, which changes both sides of its context.
pub(super) const DISTINCTIVE_CHARS: usize = 40;
/// A unique exact occurrence whose context was reworded (neither side intact) is still taken
/// when it stands at most this many folded bytes from where the note is expected…
const NEAR_BYTES: usize = 96;
/// …and its context is at least this similar to the note's on average (a reworded context keeps
/// some of its words; another place's has little in common).
const REWORDED_CONTEXT: f64 = 0.5;
/// …or it keeps at least this share of its words ([`words_around`]).
const REWORDED_CONTEXT_WORDS: f64 = 0.4;
/// Farther from where it was expected, one side of an occurrence's context must be at least this
/// similar to the note's (its paragraph moved, which changes the other side).
const FAR_SIDE_INTACT: f64 = 0.9;
/// How far ahead of the next occurrence (context score) the chosen one must be.
const MIN_MARGIN: f64 = 0.04;
/// Weight of nearness to the expected place in an occurrence's score (its context weighs 1).
const NEARNESS_WEIGHT: f64 = 0.05;
/// Occurrences whose contexts are all at least this good are copies of the same passage in the
/// same context: only one right by the expected place is taken ([`COPY_NEAR_BYTES`]).
const COPIES_CONTEXT: f64 = 0.9;
/// How near the expected place (folded bytes) a copy among identical ones must be to be taken…
const COPY_NEAR_BYTES: usize = 600;
/// …and how many times as far every other copy must be.
const COPY_FARTHER: usize = 2;

/// The old position, or the old position moved by the shift hint, still reads as the quote.
/// At the old position nothing else is asked; at the shifted one the context must agree. A blank
/// quote (white space only) is found only where it was.
pub(super) fn at_old_position(text: &Folded, q: &Query) -> Option<Anchoring> {
    let (start, end) = (q.position.start, q.position.end);
    let placed = Anchoring::Placed {
        start,
        end,
        exact: true,
    };
    if start < end && end <= text.chars {
        let (a, b) = (text.byte_at(start), text.byte_of(end));
        if text.text.get(a..b) == Some(q.exact.as_str()) && on_boundaries(&text.text, a, b, q) {
            return Some(placed);
        }
    }
    if q.exact.trim().is_empty() {
        return (start < end && text.blank_at(start, end)).then_some(placed);
    }
    if q.shift == 0 {
        return None;
    }
    let start = start.checked_add_signed(q.shift)?;
    let end = end.checked_add_signed(q.shift)?;
    if start >= end || end > text.chars {
        return None;
    }
    let (a, b) = (text.byte_at(start), text.byte_of(end));
    (text.text.get(a..b) == Some(q.exact.as_str())
        && on_boundaries(&text.text, a, b, q)
        && q.context(&text.text, a, b).supports())
    .then_some(Anchoring::Placed {
        start,
        end,
        exact: true,
    })
}

/// Whether folded bytes `a..b` of `text` start and end inside a word only where the old passage
/// did: a quote that started a word is not found in the middle of one ("hạm" in "Phạm").
fn on_boundaries(text: &str, a: usize, b: usize, q: &Query) -> bool {
    let inside = |before: Option<char>, after: Option<char>| {
        before.is_some_and(is_word_char) && after.is_some_and(is_word_char)
    };
    let (first, last) = (q.exact.chars().next(), q.exact.chars().next_back());
    let was_inside_start = inside(q.prefix.chars().next_back(), first);
    let was_inside_end = inside(last, q.suffix.chars().next());
    (was_inside_start || !inside(text[..a].chars().next_back(), first))
        && (was_inside_end || !inside(last, text[b..].chars().next()))
}

/// The exact occurrences of the quote, anywhere in the article. The best by context (and a
/// little by nearness) is taken when it is clearly ahead and its context vouches for it: near
/// where it was expected, a context that [`Context::supports`] it or a reworded one
/// ([`REWORDED_CONTEXT`], [`REWORDED_CONTEXT_WORDS`]); farther, one side almost intact ([`FAR_SIDE_INTACT`]). A unique
/// occurrence is also taken when the quote is distinctive ([`DISTINCTIVE_CHARS`]). Identical copies in identical contexts are an orphan
/// unless one is right by the expected place. `None`: no decision, the approximate search goes on.
pub(super) fn occurrences(text: &Folded, q: &Query) -> Option<Anchoring> {
    // The standard library's substring search (two-way, as `memchr::memmem` without SIMD in the
    // browser), which the rest of the crate uses: one search routine in the wasm instead of two.
    let mut hits: Vec<usize> = text
        .text
        .match_indices(q.exact.as_str())
        .map(|(at, _)| at)
        .filter(|&at| on_boundaries(&text.text, at, at + q.exact.len(), q))
        .collect();
    if hits.len() > MAX_SCORED {
        order::sort_by_key(&mut hits, |&at| q.distance(at));
        hits.truncate(MAX_SCORED);
    }
    let span = (text.text.len() / 4).max(1) as f64;
    let mut scored: Vec<(f64, Context, usize)> = hits
        .iter()
        .map(|&at| {
            let ctx = q.context(&text.text, at, at + q.exact.len());
            let nearness = (1.0 - q.distance(at) as f64 / span).max(0.0);
            (ctx.both + NEARNESS_WEIGHT * nearness, ctx, at)
        })
        .collect();
    order::sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0));
    let &(best, ctx, at) = scored.first()?;
    let placed = |at: usize| {
        let (start, end) = text.original(at, at + q.exact.len());
        Anchoring::Placed {
            start,
            end,
            exact: true,
        }
    };
    let clear = scored
        .get(1)
        .is_none_or(|second| best - second.0 >= MIN_MARGIN);
    let near = q.distance(at) <= NEAR_BYTES;
    let reworded = || {
        ctx.both >= REWORDED_CONTEXT
            || words_around(
                &text.text,
                (at, at + q.exact.len()),
                (&q.prefix, &q.suffix),
                (q.prefix_at_start, q.suffix_at_end),
            ) >= REWORDED_CONTEXT_WORDS
    };
    if clear
        && ((near && (ctx.supports() || reworded()))
            || ctx
                .prefix
                .into_iter()
                .chain(ctx.suffix)
                .any(|s| s >= FAR_SIDE_INTACT)
            || (ctx.prefix.is_none() && ctx.suffix.is_none()))
    {
        return Some(placed(at));
    }
    if hits.len() == 1 && q.chars() >= DISTINCTIVE_CHARS {
        return Some(placed(at));
    }
    if !clear && ctx.both >= COPIES_CONTEXT {
        // The same passage in the same context more than once: only a copy right by the expected
        // place (a small shift, every other copy far away) is taken; else no guessing.
        let mut tied: Vec<usize> = scored
            .iter()
            .filter(|c| best - c.0 < MIN_MARGIN)
            .map(|c| c.2)
            .collect();
        order::sort_by_key(&mut tied, |&at| q.distance(at));
        let near = q.distance(tied[0]);
        let next = tied.get(1).map_or(usize::MAX, |&t| q.distance(t));
        if near <= COPY_NEAR_BYTES && next >= near.saturating_mul(COPY_FARTHER).max(COPY_NEAR_BYTES)
        {
            return Some(placed(tied[0]));
        }
        return Some(Anchoring::Orphan);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, Want};

    /// Every case: the old text with the quote in ⟦⟧, the new text with the expected place in ⟦⟧
    /// (or none: an orphan).
    #[test]
    fn exact_strategies() {
        let cases = [
            // Unchanged.
            (
                "Ban Tuyên giáo chỉ đạo. ⟦Ban Tổ chức Tỉnh ủy⟧ hướng dẫn kiện toàn.",
                "Ban Tuyên giáo chỉ đạo. ⟦Ban Tổ chức Tỉnh ủy⟧ hướng dẫn kiện toàn.",
                Want::Exact,
            ),
            // Moved by an insertion before it.
            (
                "Ban Tuyên giáo chỉ đạo. ⟦Ban Tổ chức Tỉnh ủy⟧ hướng dẫn kiện toàn.",
                "Mở đầu mới. Ban Tuyên giáo chỉ đạo. ⟦Ban Tổ chức Tỉnh ủy⟧ hướng dẫn kiện toàn.",
                Want::Exact,
            ),
            // A long unique passage whose paragraph moved: both sides of its context changed.
            (
                "Mở đầu.\n\n⟦Hội nghị đã thống nhất thông qua kế hoạch tổ chức đại hội điểm.⟧\n\nĐoạn hai.\n\nĐoạn ba kết thúc bài.",
                "Mở đầu.\n\nĐoạn hai.\n\nĐoạn ba kết thúc bài.\n\n⟦Hội nghị đã thống nhất thông qua kế hoạch tổ chức đại hội điểm.⟧",
                Want::Exact,
            ),
            // A short quote whose sentence was deleted, while the phrase stays elsewhere in
            // another context: an orphan.
            (
                "Ông Hùng, Chủ tịch UBND tỉnh, dự họp. Sau đó ⟦Chủ tịch UBND tỉnh⟧ đi kiểm tra đê.",
                "Ông Hùng, Chủ tịch UBND tỉnh, dự họp.",
                Want::Orphan,
            ),
            // Its context reworded, the passage where it was.
            (
                "Chiều 3.7, đồng chí chủ trì ⟦cuộc giao ban quý II⟧ của Thường trực Tỉnh ủy.",
                "Chiều 3.7, đồng chí đã chủ trì ⟦cuộc giao ban quý II⟧ với Thường trực Tỉnh ủy.",
                Want::Exact,
            ),
            // Two identical copies in identical contexts, neither right by the old place: an
            // orphan rather than a guess.
            (
                "Mở đầu. ⟦Tin mới⟧ về hội nghị.",
                "Một đoạn khác hẳn ở đầu bài, dài hơn nhiều so với trước và không nhắc chuyện cũ nữa. Mở đầu. Tin mới về hội nghị. Mở đầu. Tin mới về hội nghị.",
                Want::Orphan,
            ),
            // Two identical copies, one right by the old place: that one.
            (
                "Mở đầu. ⟦Tin mới⟧ về hội nghị.",
                "Mở đầu. ⟦Tin mới⟧ về hội nghị. Một đoạn khác hẳn, dài hơn nhiều so với trước và không nhắc chuyện cũ nữa, rồi còn dài thêm nữa cho đủ xa, thật xa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa, xa hơn nữa. Mở đầu. Tin mới về hội nghị.",
                Want::Exact,
            ),
            // A quote that started a word is not found inside one (but approximately, on the
            // whole word: a dropped letter restored).
            (
                "Dự đại hội có đồng chí ⟦hạm Xuân Thăng⟧, Phó Bí thư.",
                "Dự đại hội có đồng chí ⟦Phạm Xuân Thăng⟧, Phó Bí thư.",
                Want::Approximate,
            ),
        ];
        for (old, new, want) in cases {
            check(old, new, want);
        }
    }
}
