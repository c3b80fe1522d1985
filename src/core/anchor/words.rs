//! Words of a folded text, for judging a reworded passage by how many of its words it kept and
//! for keeping a passage's bounds on word boundaries.

/// Whether `c` belongs to a word (letters and digits; folded text has no tone marks left).
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `s` (maximal runs of word characters).
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The share of the words of `a` that `b` kept, in order (longest common subsequence of their
/// words over the count of `a`'s): 1 for the same words, 0.6 when two words in five changed.
pub(super) fn words_kept(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let n = a.len();
    if n == 0 {
        return if b.is_empty() { 1.0 } else { 0.0 };
    }
    // One row of the LCS table at a time.
    let mut row = vec![0usize; b.len() + 1];
    for wa in &a {
        let mut diagonal = 0;
        for (j, wb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if wa == wb {
                diagonal + 1
            } else {
                up.max(row[j])
            };
            diagonal = up;
        }
    }
    row[b.len()] as f64 / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_kept_counts_common_words_in_order() {
        // (a, b, share)
        let cases = [
            ("ban to chuc tinh uy", "ban to chuc tinh uy", 1.0),
            ("ban to chuc tinh uy", "ban tuyen giao tinh uy", 0.6),
            ("ban to chuc, tinh uy.", "ban to chuc tinh uy", 1.0),
            ("mot hai ba bon", "bon ba hai mot", 0.25),
            ("mot hai", "", 0.0),
            ("mot hai", "mot ba bon hai", 1.0),
            ("", "", 1.0),
        ];
        for (a, b, want) in cases {
            assert!(
                (words_kept(a, b) - want).abs() < 1e-9,
                "{a:?} vs {b:?}: {}",
                words_kept(a, b)
            );
        }
    }
}
