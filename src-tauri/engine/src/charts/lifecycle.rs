//! Pull request and issue charts, read from `work_items` (one row per item, kept by the loader)
//! and, for counts in selected repositories, from its per-day rollup `work_item_days`.

use super::period::day_span;
use super::queries::{Buckets, id_list};
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Series};
use crate::error::{EngineError, Result};
use crate::stats::percentile;
use crate::store::Store;

/// Range bounds in seconds, widened to whole days as the periods count them.
fn bounds(request: &ChartRequest) -> (i64, i64) {
    let (first_day, end_day) = day_span(&request.range);
    (first_day * 86_400, end_day * 86_400)
}

fn repo_filter(selection: &Selection) -> String {
    if selection.everything { String::new() } else { format!("AND repo_id IN ({})", id_list(&selection.ids())) }
}

/// Items of `kind` opened per day of the range: (day, items). For selected repositories from
/// `work_item_days` (kept by the loader, and by triggers on `work_items` for changes); for the
/// whole workspace counted by SQLite from the covering index led by `(kind, opened_at)`.
async fn opened_per_day(
    store: &Store,
    request: &ChartRequest,
    selection: &Selection,
    kind: &str,
) -> Result<Vec<(i64, i64)>> {
    if !selection.everything {
        let (first_day, end_day) = day_span(&request.range);
        let sql = format!(
            "SELECT day, sum(opened) FROM work_item_days
             WHERE kind = ?1 AND repo_id IN ({}) AND day >= ?2 AND day < ?3 GROUP BY day",
            id_list(&selection.ids())
        );
        return Ok(sqlx::query_as(&sql).bind(kind).bind(first_day).bind(end_day).fetch_all(store.pool()).await?);
    }
    let sql = "SELECT opened_at / 86400, count(*) FROM work_items
               WHERE kind = ?1 AND opened_at >= ?2 AND opened_at < ?3 GROUP BY 1";
    let (start, end) = bounds(request);
    Ok(sqlx::query_as(sql).bind(kind).bind(start).bind(end).fetch_all(store.pool()).await?)
}

/// Items of `kind` last closed per day of the range, by merge state: (day, merged, items).
async fn closed_per_day(
    store: &Store,
    request: &ChartRequest,
    selection: &Selection,
    kind: &str,
) -> Result<Vec<(i64, Option<bool>, i64)>> {
    if !selection.everything {
        let (first_day, end_day) = day_span(&request.range);
        let sql = format!(
            "SELECT day, sum(closed_merged), sum(closed_unmerged), sum(closed_unknown) FROM work_item_days
             WHERE kind = ?1 AND repo_id IN ({}) AND day >= ?2 AND day < ?3 GROUP BY day",
            id_list(&selection.ids())
        );
        let days: Vec<(i64, i64, i64, i64)> =
            sqlx::query_as(&sql).bind(kind).bind(first_day).bind(end_day).fetch_all(store.pool()).await?;
        return Ok(days
            .into_iter()
            .flat_map(|(day, merged, unmerged, unknown)| {
                [(day, Some(true), merged), (day, Some(false), unmerged), (day, None, unknown)]
            })
            .collect());
    }
    let sql = "SELECT closed_at / 86400, merged, count(*) FROM work_items
               WHERE kind = ?1 AND closed_at >= ?2 AND closed_at < ?3 GROUP BY 1, 2";
    let (start, end) = bounds(request);
    Ok(sqlx::query_as(sql).bind(kind).bind(start).bind(end).fetch_all(store.pool()).await?)
}

/// Whole hours and tenths in `seconds`.
fn hours(seconds: i64) -> f64 {
    (seconds as f64 / 3600.0 * 10.0).round() / 10.0
}

/// Numbers as SQLite's `group_concat` joins them with commas (NULL or "" when there were none).
fn numbers_in(joined: Option<&str>) -> Result<Vec<i64>> {
    joined
        .unwrap_or_default()
        .split(',')
        .filter(|text| !text.is_empty())
        .map(|text| text.parse().map_err(|_| EngineError::Internal(format!("a joined number was not one: {text:?}"))))
        .collect()
}

/// (day, hours) of each item, from two lists SQLite joined in the same pass over the items, so
/// that the n-th day goes with the n-th duration in seconds. The duration charts ask for these
/// two strings instead of one row per item: handing 37,000 rows over one at a time cost several
/// times the query itself, and grouping by day in SQLite cost a sort (docs/benchmarks.md).
fn durations_by_day(days: Option<&str>, seconds: Option<&str>) -> Result<Vec<(i64, f64)>> {
    let (days, seconds) = (numbers_in(days)?, numbers_in(seconds)?);
    if days.len() != seconds.len() {
        return Err(EngineError::Internal(format!("{} days for {} durations", days.len(), seconds.len())));
    }
    Ok(days.into_iter().zip(seconds.into_iter().map(hours)).collect())
}

/// The hours of [`durations_by_day`], gathered per period of `buckets`.
fn per_period(buckets: &Buckets, days: Option<&str>, seconds: Option<&str>) -> Result<Vec<Vec<f64>>> {
    let mut periods = vec![Vec::new(); buckets.periods.len()];
    for (day, hours) in durations_by_day(days, seconds)? {
        // The bounds are whole days and periods start on a day, so a day falls in one period.
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            periods[i].push(hours);
        }
    }
    Ok(periods)
}

/// Pull requests opened, merged, and closed without merge per period.
pub(super) async fn pull_requests(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let buckets = Buckets::new(request);
    let (mut opened, mut merged, mut unmerged, mut unknown) =
        (buckets.zeros(), buckets.zeros(), buckets.zeros(), buckets.zeros());
    for (day, items) in opened_per_day(store, request, selection, "pull_request").await? {
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            opened[i] += items as f64;
        }
    }
    for (day, state, items) in closed_per_day(store, request, selection, "pull_request").await? {
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            match state {
                Some(true) => merged[i] += items as f64,
                Some(false) => unmerged[i] += items as f64,
                None => unknown[i] += items as f64,
            }
        }
    }
    let mut series = vec![
        Series { name: "opened".into(), values: opened },
        Series { name: "merged".into(), values: merged },
        Series { name: "closed without merge".into(), values: unmerged },
    ];
    let mut notes = vec![
        "Each pull request counts once: in the period it was opened, and in the period of its last close.".to_owned(),
    ];
    if unknown.iter().any(|v| *v > 0.0) {
        series.push(Series { name: "closed, merge unknown".into(), values: unknown });
        notes.push(
            "Since 2025-10-07 GitHub's event payloads no longer say whether a closed pull request was merged.".into(),
        );
    }
    buckets.chart(store, spec, selection, "pull requests", series, notes).await
}

/// Median and 90th percentile of hours from opening to merge, by period of merge.
pub(super) async fn time_to_merge(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let sql = format!(
        "SELECT group_concat(closed_at / 86400), group_concat(closed_at - opened_at) FROM work_items
         WHERE kind = 'pull_request' {} AND closed_at >= ?1 AND closed_at < ?2 AND merged = 1 AND opened_at IS NOT NULL",
        repo_filter(selection)
    );
    let (start, end) = bounds(request);
    let (days, seconds): (Option<String>, Option<String>) =
        sqlx::query_as(&sql).bind(start).bind(end).fetch_one(store.pool()).await?;
    let buckets = Buckets::new(request);
    let mut durations = per_period(&buckets, days.as_deref(), seconds.as_deref())?;
    let series = summarise(&mut durations, "to merge");
    let notes = vec!["Hours from a pull request's creation to its merge, for pull requests merged in each period (nearest-rank percentiles; 0 where none merged).".to_owned()];
    buckets.chart(store, spec, selection, "hours", series, notes).await
}

/// Issues opened and closed per period.
pub(super) async fn issues(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let buckets = Buckets::new(request);
    let (mut opened, mut closed) = (buckets.zeros(), buckets.zeros());
    for (day, items) in opened_per_day(store, request, selection, "issue").await? {
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            opened[i] += items as f64;
        }
    }
    for (day, _, items) in closed_per_day(store, request, selection, "issue").await? {
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            closed[i] += items as f64;
        }
    }
    let series =
        vec![Series { name: "opened".into(), values: opened }, Series { name: "closed".into(), values: closed }];
    let notes =
        vec!["Each issue counts once: in the period it was opened, and in the period of its last close.".to_owned()];
    buckets.chart(store, spec, selection, "issues", series, notes).await
}

/// Hours to close and to first response for issues, by period of opening.
pub(super) async fn issue_response(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    // Each duration list skips the issues without that moment (NULL), and so does its day list.
    let sql = format!(
        "SELECT group_concat(CASE WHEN closed_at IS NOT NULL THEN opened_at / 86400 END),
                group_concat(closed_at - opened_at),
                group_concat(CASE WHEN first_response_at IS NOT NULL THEN opened_at / 86400 END),
                group_concat(first_response_at - opened_at)
         FROM work_items
         WHERE kind = 'issue' {} AND opened_at >= ?1 AND opened_at < ?2
           AND (closed_at IS NOT NULL OR first_response_at IS NOT NULL)",
        repo_filter(selection)
    );
    let (start, end) = bounds(request);
    let (close_days, closes, response_days, responses): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(&sql).bind(start).bind(end).fetch_one(store.pool()).await?;
    let buckets = Buckets::new(request);
    let mut to_close = per_period(&buckets, close_days.as_deref(), closes.as_deref())?;
    let mut to_respond = per_period(&buckets, response_days.as_deref(), responses.as_deref())?;
    let mut series = summarise(&mut to_close, "to close");
    series.extend(summarise(&mut to_respond, "to first response"));
    let notes = vec![
        "For issues opened in each period: hours until they were closed, and until the first comment by a human other than the author (only issues that got one count).".to_owned(),
    ];
    buckets.chart(store, spec, selection, "hours", series, notes).await
}

fn summarise(durations: &mut [Vec<f64>], what: &str) -> Vec<Series> {
    let mut median = Vec::with_capacity(durations.len());
    let mut p90 = Vec::with_capacity(durations.len());
    for values in durations.iter_mut() {
        median.push(percentile(values, 50.0).unwrap_or(0.0));
        p90.push(percentile(values, 90.0).unwrap_or(0.0));
    }
    vec![
        Series { name: format!("median hours {what}"), values: median },
        Series { name: format!("p90 hours {what}"), values: p90 },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_rounded_to_a_tenth() {
        assert_eq!(hours(5400), 1.5);
        assert_eq!(hours(-5400), -1.5);
    }

    #[test]
    fn joined_durations_are_paired_with_their_days_and_bad_lists_refused() {
        assert_eq!(
            durations_by_day(Some("19723,19724,19724"), Some("3600,-7200,5400")).unwrap(),
            vec![(19_723, 1.0), (19_724, -2.0), (19_724, 1.5)]
        );
        assert!(durations_by_day(None, None).unwrap().is_empty());
        assert!(durations_by_day(Some(""), Some("")).unwrap().is_empty());
        assert!(matches!(durations_by_day(Some("1,2"), Some("3600")), Err(EngineError::Internal(_))));
        assert!(matches!(durations_by_day(Some("1,2"), Some("3600,x")), Err(EngineError::Internal(_))));
    }
}
