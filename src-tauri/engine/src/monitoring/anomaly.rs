//! Hours whose event count fell far under its usual level: a capture drop in the archive (as
//! GH Archive has had since 2025-05) or a partial file, rather than quiet hours.
//!
//! "Usual" is the median of the same hour of day on the previous seven days, so the daily rhythm
//! of GitHub (nights are quieter) does not read as a drop.

use std::collections::{HashMap, HashSet};

/// Since 2025-05-24 GH Archive has missed many events, WatchEvents most of all (FACTS.md).
pub const ARCHIVE_LOSS_FROM_DAY: i64 = 20_232; // days since the epoch: 2025-05-24

/// An hour under this share of its usual count is flagged.
pub const DROP_RATIO: f64 = 0.5;
/// How many previous days the usual count looks at.
pub const BASELINE_DAYS: i64 = 7;
/// Fewer comparable hours than this and nothing is flagged: there is no "usual" yet.
pub const MIN_BASELINE: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct CaptureDrop {
    /// Hours since the epoch.
    pub hour: i64,
    pub events: i64,
    /// The median of the baseline hours.
    pub usual: f64,
}

/// The drops among `hours`. Only hours with complete data are judged or used as a baseline:
/// a missing hour is a gap, reported as such, not a drop.
pub fn capture_drops(
    counts: &HashMap<i64, i64>,
    complete: &HashSet<i64>,
    hours: impl IntoIterator<Item = i64>,
) -> Vec<CaptureDrop> {
    let count = |h: &i64| counts.get(h).copied().unwrap_or(0);
    hours
        .into_iter()
        .filter(|h| complete.contains(h))
        .filter_map(|hour| {
            let mut baseline: Vec<i64> = (1..=BASELINE_DAYS)
                .map(|d| hour - 24 * d)
                .filter(|h| complete.contains(h))
                .map(|h| count(&h))
                .collect();
            if baseline.len() < MIN_BASELINE {
                return None;
            }
            let usual = crate::stats::median(&mut baseline);
            let events = count(&hour);
            (usual > 0.0 && (events as f64) < DROP_RATIO * usual).then_some(CaptureDrop { hour, events, usual })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ten days of a daily rhythm: 1,000 events at noon, 300 at 03:00.
    fn rhythm(days: i64) -> HashMap<i64, i64> {
        (0..days * 24).map(|h| (h, if (6..22).contains(&(h % 24)) { 1_000 } else { 300 })).collect()
    }

    #[test]
    fn quiet_nights_are_not_drops_but_a_collapse_is() {
        let mut counts = rhythm(10);
        let complete: HashSet<i64> = counts.keys().copied().collect();
        assert!(capture_drops(&counts, &complete, 0..240).is_empty(), "a daily rhythm alone flags nothing");

        counts.insert(9 * 24 + 12, 400); // noon of day 9: 40% of its usual 1,000
        counts.insert(9 * 24 + 3, 200); // 03:00 of day 9: 67% of its usual 300, within normal
        let drops = capture_drops(&counts, &complete, 0..240);
        assert_eq!(drops, vec![CaptureDrop { hour: 9 * 24 + 12, events: 400, usual: 1_000.0 }]);
    }

    #[test]
    fn gaps_are_neither_judged_nor_a_baseline() {
        let mut counts = rhythm(5);
        let mut complete: HashSet<i64> = counts.keys().copied().collect();
        // The hour itself missing: a gap, not a drop.
        counts.insert(4 * 24 + 12, 0);
        complete.remove(&(4 * 24 + 12));
        assert!(capture_drops(&counts, &complete, 0..120).is_empty());
        // Too little history: the first days are never judged.
        complete.insert(4 * 24 + 12);
        for day in 0..2 {
            complete.remove(&(day * 24 + 12));
        }
        assert!(capture_drops(&counts, &complete, 0..120).is_empty(), "only two comparable days");
        complete.insert(12);
        assert_eq!(capture_drops(&counts, &complete, 0..120).len(), 1, "three comparable days are enough");
    }
}
