//! The queries behind the charts. All read rollups (`daily_repo_events`, `daily_type_events`,
//! `hourly_events`) and `coverage`, never raw events, so they stay fast on large workspaces.

use std::collections::{HashMap, HashSet};

use super::period::{day_label, day_span};
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Mark, Series, XAxis};
use crate::error::{EngineError, Result};
use crate::monitoring::anomaly::{ARCHIVE_LOSS_FROM_DAY, BASELINE_DAYS, DROP_RATIO, capture_drops};
use crate::store::Store;
use crate::time::{HourRange, UtcHour};

/// More series than this on one chart are summed into one.
pub(super) const MAX_SERIES: usize = 8;

pub(super) fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The periods of a time chart, and which period a moment falls in.
pub(super) struct Buckets<'a> {
    request: &'a ChartRequest,
    pub(super) periods: Vec<i64>,
    index: HashMap<i64, usize>,
}

impl<'a> Buckets<'a> {
    pub(super) fn new(request: &'a ChartRequest) -> Self {
        let periods = request.granularity.periods(&request.range);
        let index = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        Buckets { request, periods, index }
    }

    /// The period index of a timestamp, if it falls in the range's days.
    pub(super) fn of(&self, at: Option<i64>) -> Option<usize> {
        let day = at?.div_euclid(86_400);
        self.index.get(&self.request.granularity.period_start(day)).copied()
    }

    /// The axis label of period `i`.
    pub(super) fn label(&self, i: usize) -> String {
        self.periods.get(i).map(|d| day_label(*d)).unwrap_or_default()
    }

    pub(super) fn zeros(&self) -> Vec<f64> {
        vec![0.0; self.periods.len()]
    }

    /// The finished chart, with its incomplete periods marked.
    pub(super) async fn chart(
        self,
        store: &Store,
        spec: &ChartSpec,
        selection: &Selection,
        y_label: &str,
        series: Vec<Series>,
        mut notes: Vec<String>,
    ) -> Result<ChartData> {
        let incomplete = incomplete_periods(store, self.request, selection, &self.periods, &mut notes).await?;
        Ok(ChartData {
            id: spec.id,
            title: spec.title.to_owned(),
            x_axis: XAxis::Time,
            x_label: format!("{} (UTC)", self.request.granularity.noun()),
            y_label: y_label.to_owned(),
            x: self.periods.iter().map(|d| day_label(*d)).collect(),
            series,
            incomplete,
            marks: Vec::new(),
            notes,
        })
    }
}

/// New and running-total counts of one event type (stars, forks) per period.
pub(super) async fn growth(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
    event_type: &str,
    noun: &str,
) -> Result<ChartData> {
    let (first_day, end_day) = day_span(&request.range);
    let buckets = Buckets::new(request);
    let per_repo = !selection.everything && selection.repos.len() <= MAX_SERIES;
    let rows: Vec<(i64, i64, i64)> = if selection.everything {
        sqlx::query_as("SELECT 0, day, events FROM daily_type_events WHERE type = ?1 AND day >= ?2 AND day < ?3")
            .bind(event_type)
            .bind(first_day)
            .bind(end_day)
            .fetch_all(store.pool())
            .await?
    } else {
        let sql = format!(
            "SELECT repo_id, day, events FROM daily_repo_events
             WHERE type = ?1 AND day >= ?2 AND day < ?3 AND repo_id IN ({})",
            id_list(&selection.ids())
        );
        sqlx::query_as(&sql).bind(event_type).bind(first_day).bind(end_day).fetch_all(store.pool()).await?
    };
    let mut notes = Vec::new();
    let mut marks = Vec::new();
    let rows = if event_type == "WatchEvent" && !selection.everything {
        prefer_github_star_counts(store, selection, rows, (first_day, end_day), &buckets, &mut notes, &mut marks)
            .await?
    } else {
        rows
    };
    let mut groups: Vec<(i64, String)> = if per_repo {
        selection.repos.clone()
    } else if selection.everything {
        vec![(0, "all repositories".to_owned())]
    } else {
        vec![(0, format!("{} repositories", selection.repos.len()))]
    };
    groups.dedup();
    let mut series = Vec::new();
    for (group_id, name) in &groups {
        let mut new = buckets.zeros();
        for (repo_id, day, events) in &rows {
            if per_repo && repo_id != group_id {
                continue;
            }
            if let Some(i) = buckets.of(Some(day * 86_400)) {
                new[i] += *events as f64;
            }
        }
        let total: Vec<f64> = new
            .iter()
            .scan(0.0, |sum, v| {
                *sum += v;
                Some(*sum)
            })
            .collect();
        series.push(Series { name: format!("{name}: new {noun}"), values: new });
        series.push(Series { name: format!("{name}: {noun} gained in range"), values: total });
    }
    notes.insert(0, format!(
        "Counts come from GH Archive {event_type}s unless said otherwise; running totals count what was gained inside the range, not the repository's total."
    ));
    if event_type == "WatchEvent" {
        notes.push(
            "Un-starring is not recorded in event data, so event-based counts are stars given, not net stars.".into(),
        );
    }
    let mut chart = buckets.chart(store, spec, selection, noun, series, notes).await?;
    chart.marks = marks;
    Ok(chart)
}

/// Replaces WatchEvent counts with GitHub's own daily star counts (`star_days`, from the
/// GitHub source) on the days it has them, and says so: a note per repository naming the
/// source and days, a mark where GitHub's counts begin, and the latest metadata snapshot.
async fn prefer_github_star_counts(
    store: &Store,
    selection: &Selection,
    events: Vec<(i64, i64, i64)>,
    (first_day, end_day): (i64, i64),
    buckets: &Buckets<'_>,
    notes: &mut Vec<String>,
    marks: &mut Vec<Mark>,
) -> Result<Vec<(i64, i64, i64)>> {
    let ids = id_list(&selection.ids());
    let sql = format!(
        "SELECT repo_id, day, stars, source FROM star_days WHERE day >= ?1 AND day < ?2 AND repo_id IN ({ids}) ORDER BY day"
    );
    let days: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&sql).bind(first_day).bind(end_day).fetch_all(store.pool()).await?;
    let covered: HashSet<(i64, i64)> = days.iter().map(|(r, d, _, _)| (*r, *d)).collect();
    let mut rows: Vec<(i64, i64, i64)> = events.into_iter().filter(|(r, d, _)| !covered.contains(&(*r, *d))).collect();
    rows.extend(days.iter().map(|(r, d, stars, _)| (*r, *d, *stars)));
    // Each repository's latest snapshot, even after the range: the total is worth seeing next
    // to the curve. (SQLite takes the bare columns from the row holding the max.)
    let sql =
        format!("SELECT repo_id, stars, max(taken_at) FROM repo_snapshots WHERE repo_id IN ({ids}) GROUP BY repo_id");
    let snapshots: HashMap<i64, (i64, i64)> = sqlx::query_as::<_, (i64, i64, i64)>(&sql)
        .fetch_all(store.pool())
        .await?
        .into_iter()
        .map(|(repo, stars, at)| (repo, (stars, at)))
        .collect();
    for (repo_id, name) in &selection.repos {
        let mine: Vec<&(i64, i64, i64, String)> = days.iter().filter(|(r, ..)| r == repo_id).collect();
        if let (Some(first), Some(last)) = (mine.first(), mine.last()) {
            let source = if first.3 == "stargazers" { "GitHub's stargazer list" } else { "GitHub's star history" };
            notes.push(format!(
                "{name}: {} to {} come from {source}, net of un-stars; other days from GH Archive WatchEvents.",
                day_label(first.1),
                day_label(last.1)
            ));
            if let Some(i) = buckets.of(Some(first.1 * 86_400)) {
                marks.push(Mark {
                    x: day_label(buckets.periods[i]),
                    text: format!("{name}: GitHub star counts from here"),
                });
            }
        }
        if let Some((stars, at)) = snapshots.get(repo_id) {
            notes.push(format!(
                "{name}: GitHub reported {stars} stars in total on {} (metadata snapshot).",
                day_label(at / 86_400)
            ));
        }
    }
    Ok(rows)
}

/// Events per period, one series per event type.
pub(super) async fn activity(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let (first_day, end_day) = day_span(&request.range);
    let buckets = Buckets::new(request);
    let sql = if selection.everything {
        "SELECT day, type, events FROM daily_type_events WHERE day >= ?1 AND day < ?2".to_owned()
    } else {
        format!(
            "SELECT day, type, sum(events) FROM daily_repo_events WHERE day >= ?1 AND day < ?2 AND repo_id IN ({})
             GROUP BY day, type",
            id_list(&selection.ids())
        )
    };
    let mut rows: Vec<(i64, String, i64)> =
        sqlx::query_as(&sql).bind(first_day).bind(end_day).fetch_all(store.pool()).await?;
    // Days of a repository with no events here but counted by BigQuery (daily-counts mode).
    let everything =
        if selection.everything { String::new() } else { format!("AND r.repo_id IN ({})", id_list(&selection.ids())) };
    let remote: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT r.day, r.type, sum(r.events) FROM remote_daily_counts r
         WHERE r.day >= ?1 AND r.day < ?2 {everything}
           AND NOT EXISTS (SELECT 1 FROM daily_repo_events d WHERE d.repo_id = r.repo_id AND d.day = r.day)
         GROUP BY r.day, r.type"
    ))
    .bind(first_day)
    .bind(end_day)
    .fetch_all(store.pool())
    .await?;
    let mut notes = Vec::new();
    if !remote.is_empty() {
        let days: std::collections::BTreeSet<i64> = remote.iter().map(|r| r.0).collect();
        notes.push(format!(
            "{} day(s) with no events collected here use BigQuery's daily counts (types only, no details).",
            days.len()
        ));
        rows.extend(remote);
    }
    let mut by_type: HashMap<String, Vec<f64>> = HashMap::new();
    for (day, kind, events) in rows {
        if let Some(i) = buckets.of(Some(day * 86_400)) {
            by_type.entry(kind).or_insert_with(|| buckets.zeros())[i] += events as f64;
        }
    }
    let mut series: Vec<Series> = by_type.into_iter().map(|(name, values)| Series { name, values }).collect();
    // Largest first, so the stack reads bottom-up by importance; names break ties.
    series.sort_by(|a, b| {
        let (ta, tb): (f64, f64) = (a.values.iter().sum(), b.values.iter().sum());
        tb.total_cmp(&ta).then_with(|| a.name.cmp(&b.name))
    });
    buckets.chart(store, spec, selection, "events", series, notes).await
}

/// Repositories ranked by events in the range.
pub(super) async fn top_repositories(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let (first_day, end_day) = day_span(&request.range);
    let limit = request.limit.clamp(1, 100);
    let (y_label, noun, only_stars) = match request.rank_by {
        super::RankBy::Events => ("events", "Events", ""),
        super::RankBy::Stars => ("stars gained", "Stars gained", "AND d.type = 'WatchEvent'"),
    };
    let rows = if selection.everything {
        super::ranking::top_of_workspace(store, first_day, end_day, request.rank_by, limit).await?
    } else {
        let filter = format!("AND d.repo_id IN ({}) {only_stars}", id_list(&selection.ids()));
        super::ranking::count_ranked(store, first_day, end_day, &filter, limit).await?
    };
    Ok(ChartData {
        id: spec.id,
        title: spec.title.to_owned(),
        x_axis: XAxis::Category,
        x_label: "repository".into(),
        y_label: y_label.into(),
        x: rows.iter().map(|(name, _)| name.clone()).collect(),
        series: vec![Series { name: y_label.into(), values: rows.iter().map(|(_, n)| *n as f64).collect() }],
        incomplete: Vec::new(),
        marks: Vec::new(),
        notes: vec![format!("{noun} from {} to {} (UTC days).", day_label(first_day), day_label(end_day - 1))],
    })
}

/// Events per hour with the hours lacking complete data, and capture drops, marked.
pub(super) async fn coverage(store: &Store, spec: &ChartSpec, request: &ChartRequest) -> Result<ChartData> {
    let range = request.range;
    // The drop check compares each hour with the same hour on the days before the range too.
    let lookback = HourRange { from: UtcHour(range.from.0 - 24 * BASELINE_DAYS), to: range.to };
    let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT hour, events FROM hourly_events WHERE hour >= ?1 AND hour < ?2")
        .bind(lookback.from.0)
        .bind(lookback.to.0)
        .fetch_all(store.pool())
        .await?;
    let counts: HashMap<i64, i64> = rows.into_iter().collect();
    let complete = complete_hours(store, lookback).await?;
    let hours: Vec<UtcHour> = range.hours().collect();
    let incomplete: Vec<String> = hours.iter().filter(|h| !complete.contains(&h.0)).map(ToString::to_string).collect();
    let drops = capture_drops(&counts, &complete, hours.iter().map(|h| h.0));
    let mut notes = Vec::new();
    if !incomplete.is_empty() {
        notes.push(format!(
            "{} of {} hours have no complete data (never collected, missing or failed).",
            incomplete.len(),
            hours.len()
        ));
    }
    if !drops.is_empty() {
        notes.push(format!(
            "{} hours have under {}% of the events usual for that hour of day (median of the previous {BASELINE_DAYS} days): likely a capture drop in the archive.",
            drops.len(),
            (DROP_RATIO * 100.0) as i64
        ));
    }
    if range.to.0 > ARCHIVE_LOSS_FROM_DAY * 24 {
        notes.push("GH Archive has missed many events since 2025-05-24: counts after that date are low.".into());
    }
    let marks = drops
        .iter()
        .map(|d| Mark {
            x: UtcHour(d.hour).to_string(),
            text: format!("drop: {} events, usually {}", d.events, d.usual.round() as i64),
        })
        .collect();
    Ok(ChartData {
        id: spec.id,
        title: spec.title.to_owned(),
        x_axis: XAxis::Time,
        x_label: "hour (UTC)".into(),
        y_label: "events".into(),
        x: hours.iter().map(ToString::to_string).collect(),
        series: vec![Series {
            name: "events per hour".into(),
            values: hours.iter().map(|h| counts.get(&h.0).copied().unwrap_or(0) as f64).collect(),
        }],
        incomplete,
        marks,
        notes,
    })
}

/// Hours in the range collected whole, for all of GitHub.
async fn complete_hours(store: &Store, range: HourRange) -> Result<HashSet<i64>> {
    let hours: Vec<i64> = sqlx::query_scalar(
        "SELECT hour FROM coverage WHERE status = 'complete' AND scope_key = '*' AND hour >= ?1 AND hour < ?2",
    )
    .bind(range.from.0)
    .bind(range.to.0)
    .fetch_all(store.pool())
    .await?;
    Ok(hours.into_iter().collect())
}

/// Whether data collected under `scope_key` is complete for every selected repository.
fn scope_covers(scope_key: &str, selection: &Selection) -> bool {
    if scope_key == "*" {
        return true;
    }
    if selection.everything {
        return false;
    }
    let (mut repos, mut orgs) = (Vec::new(), Vec::new());
    for part in scope_key.split(';') {
        match part.split_once('=') {
            Some(("repos", list)) => repos.extend(list.split(',').filter(|s| !s.is_empty())),
            Some(("orgs", list)) => orgs.extend(list.split(',').filter(|s| !s.is_empty())),
            _ => {}
        }
    }
    selection.repos.iter().all(|(_, name)| {
        let lower = name.to_ascii_lowercase();
        let owner = lower.split('/').next().unwrap_or_default();
        repos.contains(&lower.as_str()) || orgs.contains(&owner)
    })
}

/// Per UTC day of the range: how many of its hours have complete data for the selection.
/// Counted in SQLite: an all-time chart covers thousands of hours, and fetching each row cost
/// more than the chart's own query.
async fn complete_hours_per_day(store: &Store, range: HourRange, selection: &Selection) -> Result<HashMap<i64, i64>> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT scope_key FROM coverage WHERE status = 'complete' AND hour >= ?1 AND hour < ?2",
    )
    .bind(range.from.0)
    .bind(range.to.0)
    .fetch_all(store.pool())
    .await?;
    let keys: Vec<String> = keys.into_iter().filter(|key| scope_covers(key, selection)).collect();
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let placeholders = (0..keys.len()).map(|i| format!("?{}", i + 3)).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT hour / 24, count(DISTINCT hour) FROM coverage
         WHERE status = 'complete' AND hour >= ?1 AND hour < ?2 AND scope_key IN ({placeholders}) GROUP BY 1"
    );
    let mut query = sqlx::query_as::<_, (i64, i64)>(&sql).bind(range.from.0).bind(range.to.0);
    for key in &keys {
        query = query.bind(key);
    }
    Ok(query.fetch_all(store.pool()).await?.into_iter().collect())
}

/// Periods (labels) with an hour lacking complete data, or after GH Archive's event loss.
async fn incomplete_periods(
    store: &Store,
    request: &ChartRequest,
    selection: &Selection,
    periods: &[i64],
    notes: &mut Vec<String>,
) -> Result<Vec<String>> {
    let range = request.range;
    let complete = complete_hours_per_day(store, range, selection).await?;
    let mut incomplete = Vec::new();
    let mut after_loss = false;
    for &start in periods {
        let end = request.granularity.period_end(start);
        let lost = end > ARCHIVE_LOSS_FROM_DAY;
        after_loss |= lost;
        let whole = (start..end).all(|day| {
            let in_range = (day * 24).max(range.from.0)..(day * 24 + 24).min(range.to.0);
            in_range.is_empty() || complete.get(&day).copied().unwrap_or(0) == in_range.end - in_range.start
        });
        if lost || !whole {
            incomplete.push(day_label(start));
        }
    }
    if !incomplete.is_empty() {
        notes.push(format!(
            "{} of {} periods have incomplete data (hours not collected, missing or failed).",
            incomplete.len(),
            periods.len()
        ));
    }
    if after_loss {
        notes.push(
            "GH Archive has missed many events since 2025-05-24 (WatchEvents most of all): recent counts are low."
                .into(),
        );
    }
    Ok(incomplete)
}

/// Event types shown separately in a ranking's breakdown; the rest are "other".
const BREAKDOWN_TYPES: usize = 5;

/// An organisation's repositories ranked by events, each bar split by event type.
pub(super) async fn org_overview(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let Some(org) = &request.org else {
        return Err(EngineError::InvalidInput("org-overview needs an organisation (--org NAME)".into()));
    };
    let (first_day, end_day) = day_span(&request.range);
    let sql = format!(
        "SELECT repo_id, type, sum(events) FROM daily_repo_events
         WHERE day >= ?1 AND day < ?2 AND repo_id IN ({}) GROUP BY repo_id, type",
        id_list(&selection.ids())
    );
    let rows: Vec<(i64, String, i64)> =
        sqlx::query_as(&sql).bind(first_day).bind(end_day).fetch_all(store.pool()).await?;
    let names: HashMap<i64, &str> = selection.repos.iter().map(|(id, name)| (*id, name.as_str())).collect();
    let mut per_repo: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    let mut per_type: HashMap<String, i64> = HashMap::new();
    for (repo_id, kind, events) in rows {
        *per_type.entry(kind.clone()).or_default() += events;
        *per_repo.entry(repo_id).or_default().entry(kind).or_default() += events;
    }
    let mut ranked: Vec<(&str, i64, &HashMap<String, i64>)> = per_repo
        .iter()
        .map(|(id, kinds)| (names.get(id).copied().unwrap_or_default(), kinds.values().sum(), kinds))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let repositories = ranked.len();
    ranked.truncate(request.limit.clamp(1, 100));
    let series = breakdown(&ranked, per_type);
    let mut notes = vec![format!(
        "{repositories} repositories of {org} have events from {} to {} (UTC days).",
        day_label(first_day),
        day_label(end_day - 1)
    )];
    if repositories > ranked.len() {
        notes.push(format!("Showing the top {}; `--limit` shows more.", ranked.len()));
    }
    Ok(ChartData {
        id: spec.id,
        title: format!("{}: {org}", spec.title),
        x_axis: XAxis::Category,
        x_label: "repository".into(),
        y_label: "events".into(),
        x: ranked.iter().map(|(name, _, _)| (*name).to_owned()).collect(),
        series,
        incomplete: Vec::new(),
        marks: Vec::new(),
        notes,
    })
}

/// Stacked series for a ranking: the largest event types overall, then "other".
pub(super) fn breakdown<K>(ranked: &[(K, i64, &HashMap<String, i64>)], per_type: HashMap<String, i64>) -> Vec<Series> {
    let mut types: Vec<(String, i64)> = per_type.into_iter().collect();
    types.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let shown: Vec<String> = types.iter().take(BREAKDOWN_TYPES).map(|t| t.0.clone()).collect();
    let mut series: Vec<Series> = shown
        .iter()
        .map(|kind| Series {
            name: kind.clone(),
            values: ranked.iter().map(|(_, _, kinds)| kinds.get(kind).copied().unwrap_or(0) as f64).collect(),
        })
        .collect();
    if types.len() > BREAKDOWN_TYPES {
        let other = ranked
            .iter()
            .map(|(_, _, kinds)| kinds.iter().filter(|(k, _)| !shown.contains(k)).map(|(_, n)| *n).sum::<i64>() as f64)
            .collect();
        series.push(Series { name: "other".into(), values: other });
    }
    series
}
