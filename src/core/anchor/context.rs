//! How well a place's surroundings match the note's prefix and suffix, and how similar two
//! folded strings are.

/// 1 − normalised edit distance, in code points (1 for equal strings, 0 for nothing in common).
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let n = a.chars().count().max(b.chars().count()).max(1);
    1.0 - strsim::levenshtein(a, b) as f64 / n as f64
}

/// One side of a context at least this similar to the note's vouches for a place on its own
/// (the other side may have changed: the paragraph before it moved, or was reworded).
pub(super) const ONE_SIDE_INTACT: f64 = 0.8;
/// Both sides this similar on average vouch for a place too (a word or two changed on each).
pub(super) const BOTH_SIDES_FAIR: f64 = 0.6;

/// How well the text around folded bytes `a..b` matches the prefix and the suffix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Context {
    /// Similarity of the side before, `None` when the note had none (the start of the article).
    pub prefix: Option<f64>,
    /// Similarity of the side after, `None` when the note had none (the end of the article).
    pub suffix: Option<f64>,
    /// Both, weighted by their lengths (1 when the note had no context at all).
    pub both: f64,
}

impl Context {
    /// Measures the context of folded bytes `a..b` of `text` against `prefix` and `suffix`.
    pub fn of(text: &str, (a, b): (usize, usize), (prefix, suffix): (&str, &str)) -> Context {
        let (pn, sn) = (prefix.chars().count(), suffix.chars().count());
        let before = || {
            let chars: Vec<char> = text[..a].chars().rev().take(pn).collect();
            chars.into_iter().rev().collect::<String>()
        };
        let after = || text[b..].chars().take(sn).collect::<String>();
        let p = (pn > 0).then(|| similarity(prefix, &before()));
        let s = (sn > 0).then(|| similarity(suffix, &after()));
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

    /// Whether the context vouches for a place: a side the note had is almost intact
    /// ([`ONE_SIDE_INTACT`]), or both are fairly close ([`BOTH_SIDES_FAIR`]). A side the note
    /// did not have vouches for nothing; a note with no context at all has nothing to contradict.
    pub fn supports(self) -> bool {
        match (self.prefix, self.suffix) {
            (None, None) => true,
            (Some(p), Some(s)) => p.max(s) >= ONE_SIDE_INTACT || self.both >= BOTH_SIDES_FAIR,
            (Some(one), None) | (None, Some(one)) => one >= ONE_SIDE_INTACT,
        }
    }

    /// The weaker of the sides the note had (1 when it had none).
    pub fn weaker(self) -> f64 {
        self.prefix
            .into_iter()
            .chain(self.suffix)
            .fold(1.0, f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, quote: &str, prefix: &str, suffix: &str, supports: bool) {
        let a = text.find(quote).expect("quote in text");
        let ctx = Context::of(text, (a, a + quote.len()), (prefix, suffix));
        assert_eq!(ctx.supports(), supports, "{ctx:?}");
    }

    #[test]
    fn context_vouches_only_when_close() {
        // (text, quote, prefix, suffix, supports)
        let cases = [
            (
                "ban to chuc tinh uy huong dan",
                "tinh uy",
                "ban to chuc ",
                " huong dan",
                true,
            ),
            (
                "ban to chuc tinh uy xyz abc",
                "tinh uy",
                "ban to chuc ",
                " huong dan",
                true,
            ),
            ("ban to chuc tinh uy xyz abc", "tinh uy", "", "", true),
            (
                "xy pq rstinh uy xyz abc",
                "tinh uy",
                "ban to chuc ",
                " huong dan",
                false,
            ),
            ("ban to xy tinh uy", "tinh uy", "ban to chuc ", "", false),
            ("ban to chuc tinh uy", "tinh uy", "ban to chuc ", "", true),
        ];
        for (text, quote, prefix, suffix, supports) in cases {
            check(text, quote, prefix, suffix, supports);
        }
    }

    #[test]
    fn similarity_is_normalised_edit_distance() {
        for (a, b, want) in [
            ("abcd", "abcd", 1.0),
            ("abcd", "abxd", 0.75),
            ("", "", 1.0),
            ("ab", "", 0.0),
        ] {
            assert!((similarity(a, b) - want).abs() < 1e-9, "{a} {b}");
        }
    }
}
