//! The data-coverage report: for every hour of a range, whether the workspace holds it whole,
//! in part, or not at all, and why. `octoscope coverage`, the app's Monitoring page and the
//! data-gap alert read it.
//!
//! - *present*: collected for all of GitHub and the count looks like a usual hour.
//! - *partial*: collected, but only for some repositories or organisations; or never
//!   collected whole, with events from the GitHub API or neighbouring hours' files; or the hour holds far fewer events than the same hour of day
//!   usually does (a capture drop in the archive, see [`super::anomaly`]); or collected whole
//!   after 2025-05-24, since when GH Archive (and BigQuery's copy of it) has missed many events.
//! - *missing*: no complete collection: never collected, not in the archive (404), or failed.

use std::collections::{HashMap, HashSet};

use super::anomaly::{ARCHIVE_LOSS_FROM_DAY, BASELINE_DAYS, CaptureDrop, capture_drops};
use crate::error::Result;
use crate::store::Store;
use crate::time::{HourRange, UtcHour};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HourStatus {
    Present,
    Partial,
    Missing,
}

impl HourStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            HourStatus::Present => "present",
            HourStatus::Partial => "partial",
            HourStatus::Missing => "missing",
        }
    }
}

/// Why an hour is not present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HourCause {
    NeverCollected,
    NotInArchive,
    Failed,
    ScopedOnly,
    OtherSourcesOnly,
    CaptureDrop,
    /// Collected whole, but from an archive that has been losing events since 2025-05-24.
    ArchiveLoss,
}

impl HourCause {
    /// A gap in the data rather than a choice: what the data-gap alert reports.
    pub fn is_gap(self) -> bool {
        matches!(self, HourCause::NotInArchive | HourCause::Failed | HourCause::CaptureDrop)
    }
}

/// One hour of the report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageHour {
    /// `YYYY-MM-DDTHH`, UTC.
    pub hour: String,
    pub status: HourStatus,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub events: i64,
    /// Why the hour is not present; `None` when it is.
    pub cause: Option<HourCause>,
    /// The cause in words.
    pub reason: Option<String>,
    /// For a capture drop: the usual count for this hour of day.
    pub usual_events: Option<f64>,
}

/// A run of consecutive hours with the same status and reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageSpan {
    pub from: String,
    /// Exclusive, like every range in Octoscope.
    pub to: String,
    pub status: HourStatus,
    pub hours: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub events: i64,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CoverageReport {
    pub from: String,
    pub to: String,
    pub present: u32,
    pub partial: u32,
    pub missing: u32,
    /// Hours flagged as capture drops (a subset of the partial hours).
    pub drops: u32,
    pub spans: Vec<CoverageSpan>,
    pub hours: Vec<CoverageHour>,
    pub notes: Vec<String>,
}

/// The most hours one report covers: a year and a bit. Longer ranges are asked for in parts.
pub const MAX_REPORT_HOURS: usize = 24 * 400;

/// The hours from the first to the last the workspace has collected (archive hours, from
/// GH Archive or BigQuery), or that hold events when nothing was collected by the hour; `None`
/// for an empty workspace. Events from the GitHub API alone do not stretch it: they are recent
/// and would push older collections out of the report.
pub async fn collected_range(store: &Store) -> Result<Option<HourRange>> {
    let bounds =
        |sql| async move { sqlx::query_as::<_, (Option<i64>, Option<i64>)>(sql).fetch_one(store.pool()).await };
    let (first, last) = match bounds("SELECT min(hour), max(hour) FROM coverage").await? {
        (Some(first), Some(last)) => (Some(first), Some(last)),
        _ => bounds("SELECT min(hour), max(hour) FROM hourly_events").await?,
    };
    Ok(first.zip(last).map(|(first, last)| HourRange { from: UtcHour(first), to: UtcHour(last + 1) }))
}

/// The report of everything collected, or of its last [`MAX_REPORT_HOURS`] with a note saying
/// so; `None` for an empty workspace.
pub async fn collected_report(store: &Store) -> Result<Option<CoverageReport>> {
    let Some(range) = collected_range(store).await? else { return Ok(None) };
    if range.len() <= MAX_REPORT_HOURS {
        return coverage_report(store, range).await.map(Some);
    }
    let recent = HourRange { from: UtcHour(range.to.0 - MAX_REPORT_HOURS as i64), to: range.to };
    let mut report = coverage_report(store, recent).await?;
    report.notes.insert(
        0,
        format!(
            "The workspace holds hours from {}; this shows the last {} days. Choose a range for earlier ones.",
            range.from,
            MAX_REPORT_HOURS / 24
        ),
    );
    Ok(Some(report))
}

/// The report for `from..to`. A side not given is the first hour collected, or the hour after
/// the last; with neither, the report of what was collected ([`collected_report`]). `None` for
/// an empty workspace when a side is missing.
pub async fn report_for(store: &Store, from: Option<UtcHour>, to: Option<UtcHour>) -> Result<Option<CoverageReport>> {
    let (from, to) = match (from, to) {
        (None, None) => return collected_report(store).await,
        (Some(from), Some(to)) => (from, to),
        (from, to) => {
            let Some(collected) = collected_range(store).await? else { return Ok(None) };
            (from.unwrap_or(collected.from), to.unwrap_or(collected.to))
        }
    };
    coverage_report(store, HourRange::new(from, to)?).await.map(Some)
}

/// The report for `range` (at most [`MAX_REPORT_HOURS`]).
pub async fn coverage_report(store: &Store, range: HourRange) -> Result<CoverageReport> {
    if range.len() > MAX_REPORT_HOURS {
        return Err(crate::EngineError::InvalidInput(format!(
            "the coverage report covers at most {} days at once; {} to {} is {} days: ask for a shorter range",
            MAX_REPORT_HOURS / 24,
            range.from,
            range.to,
            range.len().div_ceil(24)
        )));
    }
    // The drop check compares each hour with the same hour on the days before the range too.
    let lookback_from = range.from.0 - 24 * BASELINE_DAYS;
    let counts: HashMap<i64, i64> =
        sqlx::query_as::<_, (i64, i64)>("SELECT hour, events FROM hourly_events WHERE hour >= ?1 AND hour < ?2")
            .bind(lookback_from)
            .bind(range.to.0)
            .fetch_all(store.pool())
            .await?
            .into_iter()
            .collect();
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT hour, status, scope_key FROM coverage WHERE hour >= ?1 AND hour < ?2")
            .bind(lookback_from)
            .bind(range.to.0)
            .fetch_all(store.pool())
            .await?;
    let mut whole = HashSet::new();
    let mut scoped = HashSet::new();
    let mut not_collected: HashMap<i64, &str> = HashMap::new();
    for (hour, status, scope_key) in &rows {
        match (status.as_str(), scope_key.as_str()) {
            ("complete", "*") => {
                whole.insert(*hour);
            }
            ("complete", _) => {
                scoped.insert(*hour);
            }
            (other, _) => {
                // A failure is the more useful thing to report than a 404 for the same hour.
                let slot = not_collected.entry(*hour).or_insert(other);
                if other == "failed" {
                    *slot = other;
                }
            }
        }
    }
    let drops: HashMap<i64, CaptureDrop> =
        capture_drops(&counts, &whole, range.hours().map(|h| h.0)).into_iter().map(|d| (d.hour, d)).collect();

    let hours: Vec<CoverageHour> = range
        .hours()
        .map(|hour| {
            let events = counts.get(&hour.0).copied().unwrap_or(0);
            let (status, cause, usual_events) = if let Some(drop) = drops.get(&hour.0) {
                (HourStatus::Partial, Some(HourCause::CaptureDrop), Some(drop.usual))
            } else if whole.contains(&hour.0) && hour.0 >= ARCHIVE_LOSS_FROM_DAY * 24 {
                // The trailing median adapts to a lasting loss within days; the date does not.
                (HourStatus::Partial, Some(HourCause::ArchiveLoss), None)
            } else if whole.contains(&hour.0) {
                (HourStatus::Present, None, None)
            } else if scoped.contains(&hour.0) {
                (HourStatus::Partial, Some(HourCause::ScopedOnly), None)
            } else if let Some(&status) = not_collected.get(&hour.0) {
                // Events filed in neighbouring hours may land here: the hour is still missing.
                let cause = if status == "failed" { HourCause::Failed } else { HourCause::NotInArchive };
                (HourStatus::Missing, Some(cause), None)
            } else if events > 0 {
                (HourStatus::Partial, Some(HourCause::OtherSourcesOnly), None)
            } else {
                (HourStatus::Missing, Some(HourCause::NeverCollected), None)
            };
            let reason = cause.map(|cause| match cause {
                HourCause::CaptureDrop => format!(
                    "capture drop: {events} events where this hour of day usually has {}",
                    usual_events.unwrap_or_default().round() as i64
                ),
                HourCause::ArchiveLoss => {
                    "collected whole, but GH Archive has missed many events since 2025-05-24 (stars most of all)"
                        .to_owned()
                }
                HourCause::ScopedOnly => "collected for some repositories or organisations only".to_owned(),
                HourCause::OtherSourcesOnly => {
                    "never collected as a whole: its events came from the GitHub API or neighbouring archive hours"
                        .to_owned()
                }
                HourCause::Failed => "the collection of this hour failed: see `octoscope runs`".to_owned(),
                HourCause::NotInArchive => "not in the archive (GH Archive has no file for this hour)".to_owned(),
                HourCause::NeverCollected => "never collected".to_owned(),
            });
            CoverageHour { hour: hour.to_string(), status, events, cause, reason, usual_events }
        })
        .collect();

    let count = |status| hours.iter().filter(|h| h.status == status).count() as u32;
    let mut notes = Vec::new();
    if range.to.0 > ARCHIVE_LOSS_FROM_DAY * 24 {
        notes.push("GH Archive has missed many events since 2025-05-24: hours collected after that are partial, and flagged as capture drops when far under their usual count.".to_owned());
    }
    Ok(CoverageReport {
        from: range.from.to_string(),
        to: range.to.to_string(),
        present: count(HourStatus::Present),
        partial: count(HourStatus::Partial),
        missing: count(HourStatus::Missing),
        drops: drops.len() as u32,
        spans: spans(&hours, range.from),
        hours,
        notes,
    })
}

/// Consecutive hours with the same status and reason, merged. Drops are kept one per span
/// since each has its own numbers.
fn spans(hours: &[CoverageHour], from: UtcHour) -> Vec<CoverageSpan> {
    let mut spans: Vec<CoverageSpan> = Vec::new();
    for (offset, hour) in hours.iter().enumerate() {
        let start = UtcHour(from.0 + offset as i64);
        let end = UtcHour(start.0 + 1).to_string();
        let same_kind = |span: &CoverageSpan| {
            span.status == hour.status && hour.cause != Some(HourCause::CaptureDrop) && span.reason == hour.reason
        };
        match spans.last_mut() {
            Some(span) if span.to == start.to_string() && same_kind(span) => {
                span.to = end;
                span.hours += 1;
                span.events += hour.events;
            }
            _ => spans.push(CoverageSpan {
                from: hour.hour.clone(),
                to: end,
                status: hour.status,
                hours: 1,
                events: hour.events,
                reason: hour.reason.clone(),
            }),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hour(status: HourStatus, reason: Option<&str>, usual: Option<f64>) -> CoverageHour {
        CoverageHour {
            hour: String::new(),
            status,
            events: 10,
            cause: usual.map(|_| HourCause::CaptureDrop),
            reason: reason.map(str::to_owned),
            usual_events: usual,
        }
    }

    #[test]
    fn spans_merge_like_hours_and_keep_each_drop_apart() {
        let mut hours = vec![
            hour(HourStatus::Present, None, None),
            hour(HourStatus::Present, None, None),
            hour(HourStatus::Missing, Some("never collected"), None),
            hour(HourStatus::Missing, Some("never collected"), None),
            hour(HourStatus::Missing, Some("not in the archive"), None),
            hour(HourStatus::Partial, Some("drop"), Some(100.0)),
            hour(HourStatus::Partial, Some("drop"), Some(100.0)),
        ];
        let from = UtcHour(24);
        for (i, h) in hours.iter_mut().enumerate() {
            h.hour = UtcHour(from.0 + i as i64).to_string();
        }
        let spans = spans(&hours, from);
        let shape: Vec<(HourStatus, u32)> = spans.iter().map(|s| (s.status, s.hours)).collect();
        assert_eq!(
            shape,
            vec![
                (HourStatus::Present, 2),
                (HourStatus::Missing, 2),
                (HourStatus::Missing, 1),
                (HourStatus::Partial, 1),
                (HourStatus::Partial, 1),
            ]
        );
        assert_eq!((spans[0].from.as_str(), spans[0].to.as_str()), ("1970-01-02T00", "1970-01-02T02"));
        assert_eq!(spans[0].events, 20);
    }
}
