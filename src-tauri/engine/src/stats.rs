//! Small statistics shared by the charts and the run metrics.

/// The nearest-rank percentile `p` (0-100) of `values` (sorted in place), or `None` when empty.
/// Nearest rank always returns an observed value: "p95 latency 120 ms" was really seen.
pub fn percentile(values: &mut [f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * values.len() as f64).ceil().max(1.0) as usize;
    Some(values[rank.min(values.len()) - 1])
}

/// The median of `values` (sorted in place): the middle one, or the mean of the two middle
/// ones; 0 when empty.
pub fn median(values: &mut [i64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    if values.len() % 2 == 1 { values[mid] as f64 } else { (values[mid - 1] + values[mid]) as f64 / 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut [9, 1, 5]), 5.0);
        assert_eq!(median(&mut [4, 1, 3, 2]), 2.5);
        assert_eq!(median(&mut []), 0.0);
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut values = vec![5.0, 1.0, 3.0, 2.0, 4.0, 10.0, 7.0, 6.0, 9.0, 8.0];
        assert_eq!(percentile(&mut values, 50.0), Some(5.0));
        assert_eq!(percentile(&mut values, 90.0), Some(9.0));
        assert_eq!(percentile(&mut values, 100.0), Some(10.0));
        assert_eq!(percentile(&mut [4.0], 90.0), Some(4.0));
        assert_eq!(percentile(&mut [], 50.0), None);
    }
}
