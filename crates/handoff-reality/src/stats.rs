//! Measured times: the median and 90th percentile of a set of durations.

use serde::Serialize;

/// A summary of durations in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Times {
    /// How many durations were measured.
    pub samples: u64,
    pub median_ms: i64,
    pub p90_ms: i64,
}

/// The nearest-rank median and 90th percentile of `values` (reordered in place), or `None`
/// when there are none. The nearest rank of p% of n values is the ⌈p·n/100⌉-th smallest, so
/// both are always measured values.
///
/// # Complexity
/// O(n) expected (selection, not sorting).
pub fn times(values: &mut [i64]) -> Option<Times> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let rank = |p: usize| (p * n).div_ceil(100).max(1) - 1;
    let median = *values.select_nth_unstable(rank(50)).1;
    let p90 = *values.select_nth_unstable(rank(90)).1;
    Some(Times {
        samples: n as u64,
        median_ms: median,
        p90_ms: p90,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        assert_eq!(times(&mut []), None);
        let t = times(&mut [5]).unwrap();
        assert_eq!((t.median_ms, t.p90_ms), (5, 5));
        let mut v: Vec<i64> = (1..=10).rev().collect();
        let t = times(&mut v).unwrap();
        assert_eq!((t.samples, t.median_ms, t.p90_ms), (10, 5, 9));
        let mut v: Vec<i64> = (1..=11).collect();
        let t = times(&mut v).unwrap();
        assert_eq!((t.median_ms, t.p90_ms), (6, 10));
    }
}
