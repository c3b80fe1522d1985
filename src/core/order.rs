//! Sorting, through one routine for the whole crate.
//!
//! Every call of `slice::sort_by` with a new element type or closure compiles its own copy of
//! the standard library's sort (driftsort or ipnsort, 2–5 KB of wasm each): twenty call sites
//! cost some 45 KB of the widget's download. Here the sort itself is compiled once, on indices,
//! through a `dyn` comparison; each call site adds only the small generic shell that compares
//! its elements and moves them into place. Every sort here is stable: ties keep their order.
//!
//! The sort is a natural merge sort written here (smaller in the wasm than the standard one) that
//! takes the runs already in order as they come: most lists sorted here are nearly in order
//! already (spans in the order a pass found them, places in text order), and a comparison through
//! `dyn` costs, so a list in order is sorted with one comparison per item.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = permutation(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    gather(items, order);
}

/// Sorts `items` by the key `key` gives each one, stably.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by a key computed once per item (for keys that cost, such as folded text).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = permutation(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    gather(items, order);
}

/// The `k` first of `items` by a key computed once per item, in order (ties by position), without
/// sorting the rest: a list that shows 100 of 5,000 notes orders 100.
pub fn first_by_cached_key<T, K: Ord>(items: Vec<T>, k: usize, key: impl FnMut(&T) -> K) -> Vec<T> {
    let keys: Vec<K> = items.iter().map(key).collect();
    let chosen = first_k(items.len(), k, &mut |a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    chosen
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// How far back an item out of order may be moved into the run being read before a new run is
/// started: a span found just after the one it precedes joins the run instead of splitting it.
const INSERT_REACH: usize = 8;

/// The order of `0..len` sorted by `compare`, ties by index: runs read in turn (an item a little
/// out of order moved into place, at most [`INSERT_REACH`] back), then merged in pairs.
#[inline(never)]
fn permutation(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(len);
    // Where each run starts in `order`, then `len`.
    let mut bounds = vec![0];
    for i in 0..len {
        let (start, end) = (bounds.last().copied().unwrap_or(0), order.len());
        let mut at = end;
        // After every item not greater than `i`: ties keep their order.
        let joins = loop {
            if at == start || compare(order[at - 1], i) != Ordering::Greater {
                break true;
            }
            if end - at == INSERT_REACH {
                break false;
            }
            at -= 1;
        };
        if joins {
            order.insert(at, i);
        } else {
            bounds.push(end);
            order.push(i);
        }
    }
    bounds.push(len);
    let mut spare = vec![0; len];
    while bounds.len() > 2 {
        let mut merged = Vec::with_capacity(bounds.len() / 2 + 2);
        for pair in bounds.windows(3).step_by(2) {
            merge(&order, pair[0], pair[1], pair[2], &mut spare, compare);
            merged.push(pair[0]);
        }
        // An odd run out stays as it is.
        let last = bounds.len() - 2;
        if last % 2 == 0 {
            spare[bounds[last]..].copy_from_slice(&order[bounds[last]..]);
            merged.push(bounds[last]);
        }
        merged.push(len);
        std::mem::swap(&mut order, &mut spare);
        bounds = merged;
    }
    order
}

/// Merges the runs `from[lo..mid]` and `from[mid..hi]` into `to[lo..hi]`, stably. The head of the
/// left run that precedes the right one and the tail of the right run that follows the left one
/// are found by halves and copied as they are.
fn merge(
    from: &[usize],
    lo: usize,
    mid: usize,
    hi: usize,
    to: &mut [usize],
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (left, right) = (&from[lo..mid], &from[mid..hi]);
    let (Some(&first_right), Some(&last_left)) = (right.first(), left.last()) else {
        to[lo..hi].copy_from_slice(&from[lo..hi]);
        return;
    };
    let head = left.partition_point(|&a| compare(a, first_right) != Ordering::Greater);
    let tail = right.partition_point(|&b| compare(last_left, b) == Ordering::Greater);
    to[lo..lo + head].copy_from_slice(&left[..head]);
    let (mut a, mut b, mut k) = (head, 0, lo + head);
    while a < left.len() && b < tail {
        if compare(right[b], left[a]) == Ordering::Less {
            to[k] = right[b];
            b += 1;
        } else {
            to[k] = left[a];
            a += 1;
        }
        k += 1;
    }
    to[k..k + left.len() - a].copy_from_slice(&left[a..]);
    k += left.len() - a;
    to[k..hi].copy_from_slice(&right[b..]);
}

/// The indices of the `k` first of `0..len` by `compare` (ties by index), in order. For `k < len`
/// the `k` best so far are kept in order and each index is compared with the worst of them: a list
/// showing 100 of 5,000 notes inserts a few hundred times instead of sorting 5,000.
#[inline(never)]
fn first_k(len: usize, k: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    if k >= len {
        return permutation(len, compare);
    }
    let mut by = |a: usize, b: usize| compare(a, b).then(a.cmp(&b));
    let mut best: Vec<usize> = Vec::with_capacity(k + 1);
    for i in 0..len {
        if best.len() == k
            && best
                .last()
                .is_none_or(|&worst| by(i, worst) == Ordering::Greater)
        {
            continue;
        }
        let at = best.partition_point(|&j| by(j, i) == Ordering::Less);
        best.insert(at, i);
        best.truncate(k);
    }
    best
}

/// Moves the item at `order[k]` to `k`, for every `k`, following each cycle of the permutation
/// with swaps (no copies, no `Clone`).
fn gather<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, sorted by the first field only, stably)
    const CASES: &[&[(u8, char)]] = &[
        &[],
        &[(1, 'a')],
        &[(2, 'a'), (1, 'b')],
        &[(1, 'a'), (1, 'b'), (1, 'c')],
        &[(3, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (3, 'e'), (0, 'f')],
        &[
            (5, 'a'),
            (4, 'b'),
            (3, 'c'),
            (2, 'd'),
            (1, 'e'),
            (0, 'f'),
            (0, 'g'),
        ],
    ];

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        for case in CASES {
            let mut want = case.to_vec();
            want.sort_by_key(|p| p.0);
            let mut got = case.to_vec();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, want, "{case:?}");
            let mut cached = case.to_vec();
            sort_by_cached_key(&mut cached, |p| p.0);
            assert_eq!(cached, want, "{case:?}");
            let mut reversed = case.to_vec();
            sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
            let mut want_reversed = case.to_vec();
            want_reversed.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(reversed, want_reversed, "{case:?}");
        }
    }

    #[test]
    fn the_first_k_are_the_head_of_the_sorted_list() {
        for case in CASES {
            let mut sorted = case.to_vec();
            sorted.sort_by_key(|p| p.0);
            for k in 0..=case.len() + 1 {
                let got = first_by_cached_key(case.to_vec(), k, |p| p.0);
                assert_eq!(got, sorted[..k.min(case.len())], "{case:?} k={k}");
            }
        }
    }

    #[test]
    fn the_first_k_of_many_with_ties() {
        // A fixed pseudo-random sequence with many equal keys.
        let mut x: u32 = 12345;
        let items: Vec<(u32, usize)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % 37, i)
            })
            .collect();
        let mut sorted = items.clone();
        sorted.sort_by_key(|p| p.0);
        for k in [0, 1, 7, 100, 499, 500, 600] {
            let got = first_by_cached_key(items.clone(), k, |p| p.0);
            assert_eq!(got, sorted[..k.min(items.len())], "k={k}");
        }
    }

    /// A list of `len` keys in order but for some items moved: every `every`-th item (from the
    /// `skip`-th) gets a key `by` lower than its place (negative: higher), with many ties.
    fn nearly_sorted(len: usize, every: usize, skip: usize, by: i64) -> Vec<(i64, usize)> {
        (0..len)
            .map(|i| {
                let key = (i / 3) as i64;
                let moved = every > 0 && i % every == skip % every;
                (if moved { key - by } else { key }, i)
            })
            .collect()
    }

    #[test]
    fn runs_and_items_out_of_order_are_sorted_stably() {
        // (length, every, skip, moved by): in order, a few items a little out of place (joined to
        // the run), further than the insertion reaches (new runs), reversed, a tail appended.
        let cases: &[(usize, usize, usize, i64)] = &[
            (0, 0, 0, 0),
            (1, 0, 0, 0),
            (100, 0, 0, 0),
            (100, 7, 3, 1),
            (100, 7, 3, -2),
            (1000, 5, 0, 3),
            (1000, 11, 4, 40),
            (1000, 2, 1, 500),
            (1000, 1, 0, 0),
            (999, 13, 12, -300),
            (64, 9, 8, INSERT_REACH as i64),
        ];
        for &(len, every, skip, by) in cases {
            let mut items = nearly_sorted(len, every, skip, by);
            let mut want = items.clone();
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut items, |p| p.0);
            assert_eq!(items, want, "len={len} every={every} skip={skip} by={by}");
        }
        // Reversed, and two sorted halves one after the other.
        let mut reversed: Vec<(usize, usize)> = (0..300).map(|i| ((300 - i) / 4, i)).collect();
        let mut want = reversed.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut reversed, |p| p.0);
        assert_eq!(reversed, want);
        let mut halves: Vec<(usize, usize)> = (0..300).map(|i| ((i % 150) / 2, i)).collect();
        let mut want = halves.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut halves, |p| p.0);
        assert_eq!(halves, want);
    }

    #[test]
    fn many_random_lists_are_sorted_stably() {
        let mut x: u32 = 777;
        for len in [2, 3, 9, 10, 17, 100, 513, 2000] {
            for keys in [2, 37, 100_000] {
                let mut items: Vec<(u32, usize)> = (0..len)
                    .map(|i| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        ((x >> 8) % keys, i)
                    })
                    .collect();
                let mut want = items.clone();
                want.sort_by_key(|p| p.0);
                sort_by_key(&mut items, |p| p.0);
                assert_eq!(items, want, "len={len} keys={keys}");
            }
        }
    }

    #[test]
    fn every_permutation_of_five_is_sorted() {
        // Every arrangement of [0, 1, 1, 2, 3] with duplicates marked by their first index.
        let base = [0u8, 1, 1, 2, 3];
        let mut idx = [0usize, 1, 2, 3, 4];
        let mut count = 0;
        permute(&mut idx, 0, &mut |p| {
            let mut items: Vec<(u8, usize)> = p.iter().map(|&i| (base[i], i)).collect();
            let mut want = items.clone();
            want.sort_by_key(|x| x.0);
            sort_by_key(&mut items, |x| x.0);
            assert_eq!(items, want);
            count += 1;
        });
        assert_eq!(count, 120);
    }

    fn permute(a: &mut [usize; 5], k: usize, f: &mut dyn FnMut(&[usize; 5])) {
        if k == a.len() {
            return f(a);
        }
        for i in k..a.len() {
            a.swap(k, i);
            permute(a, k + 1, f);
            a.swap(k, i);
        }
    }
}
