//! When people are active and who they are: the heatmap, and new and returning contributors
//! (top contributors have their own module). Both read rollups: the heatmap hourly counts for
//! the whole workspace, per repository, day and hour otherwise.

use sqlx::Row;

use super::Granularity;
use super::queries::{Buckets, id_list};
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Series, XAxis};
use crate::error::Result;
use crate::store::Store;

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

fn range_note(request: &ChartRequest) -> String {
    format!("From {} to {} (UTC, end exclusive).", request.range.from, request.range.to)
}

/// Events per (weekday, hour of day), UTC.
pub(super) async fn heatmap(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    let (start, end) = (request.range.from.start(), request.range.to.start());
    // (hour of day, weekday with Monday = 0, events); 1970-01-01 was a Thursday.
    let cells: Vec<(i64, i64, i64)> = if selection.everything {
        sqlx::query_as(
            "SELECT hour % 24, (hour / 24 + 3) % 7, sum(events) FROM hourly_events
             WHERE hour >= ?1 AND hour < ?2 GROUP BY 1, 2",
        )
        .bind(request.range.from.0)
        .bind(request.range.to.0)
        .fetch_all(store.pool())
        .await?
    } else {
        // Kept per repository and day with the 24 hourly counts (migration 20261207010000), so
        // the range's first and last day are cut at the hour.
        let hours: Vec<String> = (0..24).map(|h| format!("sum(h{h:02})")).collect();
        let sql = format!(
            "SELECT day, {} FROM daily_repo_hours WHERE repo_id IN ({}) AND day >= ?1 AND day <= ?2 GROUP BY day",
            hours.join(", "),
            id_list(&selection.ids())
        );
        let days: Vec<sqlx::sqlite::SqliteRow> = sqlx::query(&sql)
            .bind(start.div_euclid(86_400))
            .bind((end - 1).div_euclid(86_400))
            .fetch_all(store.pool())
            .await?;
        let mut cells = Vec::with_capacity(days.len() * 24);
        for row in days {
            let day: i64 = row.try_get(0)?;
            for hour in 0..24 {
                let at = day * 86_400 + hour * 3600;
                if at >= start && at < end {
                    cells.push((hour, (day + 3).rem_euclid(7), row.try_get::<i64, _>(1 + hour as usize)?));
                }
            }
        }
        cells
    };
    let mut grid = vec![vec![0.0; 24]; 7];
    for (hour, weekday, events) in cells {
        if let (Ok(h), Ok(d)) = (usize::try_from(hour), usize::try_from(weekday))
            && h < 24
            && d < 7
        {
            grid[d][h] += events as f64;
        }
    }
    Ok(ChartData {
        id: spec.id,
        title: spec.title.to_owned(),
        x_axis: XAxis::HourOfDay,
        x_label: "hour of day (UTC)".into(),
        y_label: "weekday".into(),
        x: (0..24).map(|h| format!("{h:02}")).collect(),
        series: WEEKDAYS.iter().zip(grid).map(|(day, values)| Series { name: (*day).to_owned(), values }).collect(),
        incomplete: Vec::new(),
        marks: Vec::new(),
        notes: vec![range_note(request)],
    })
}

/// Per month: contributors seen for the first time, and contributors seen before.
pub(super) async fn new_and_returning(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    // Whole months, whatever granularity was asked: "new this month" has no weekly meaning.
    let monthly = ChartRequest { granularity: Granularity::Month, ..request.clone() };
    let buckets = Buckets::new(&monthly);
    let (Some(&first), Some(&last)) = (buckets.periods.first(), buckets.periods.last()) else {
        return buckets.chart(store, spec, selection, "contributors", Vec::new(), Vec::new()).await;
    };
    let single_repo = match selection.repos.as_slice() {
        [(id, _)] => Some(*id),
        _ => None,
    };
    let rows: Vec<(i64, i64, i64)> = if let Some(repo_id) = single_repo {
        // Kept by triggers (migration 20261207000000): per month, the repository's accounts and
        // how many of them were new.
        let (active, new) = if request.include_bots {
            ("contributors", "new_contributors")
        } else {
            ("contributors - bots", "new_contributors - new_bots")
        };
        let sql = format!(
            "SELECT month, {new}, ({active}) - ({new}) FROM repository_contributor_counts
             WHERE repo_id = ?3 AND month >= ?1 AND month <= ?2"
        );
        sqlx::query_as(&sql).bind(first).bind(last).bind(repo_id).fetch_all(store.pool()).await?
    } else if selection.everything {
        // Kept by triggers (migration 20261206010000): accounts per month, and each account's
        // first month, over the whole workspace.
        let (first_bot, active) =
            if request.include_bots { ("", "contributors") } else { ("AND f.first_is_bot = 0", "contributors - bots") };
        let sql = format!(
            "SELECT month, new, active - new FROM (
                 SELECT c.month AS month, {active} AS active,
                        (SELECT count(*) FROM workspace_contributor_firsts f WHERE f.first_month = c.month {first_bot}) AS new
                 FROM workspace_contributor_counts c WHERE c.month >= ?1 AND c.month <= ?2)"
        );
        sqlx::query_as(&sql).bind(first).bind(last).fetch_all(store.pool()).await?
    } else {
        let bots = if request.include_bots { "" } else { "AND bot = 0" };
        // Over several repositories an account's first month is its earliest in any of them,
        // including months before the range: a window over each account's months (a join of
        // the two aggregates had no index to use and went quadratic).
        let sql = format!(
            "SELECT month, sum(month = first), sum(month > first)
             FROM (SELECT month, bot, min(month) OVER (PARTITION BY actor_id) AS first
                   FROM (SELECT month, actor_id, max(is_bot) AS bot FROM contributor_months
                         WHERE repo_id IN ({}) GROUP BY month, actor_id))
             WHERE month >= ?1 AND month <= ?2 {bots} GROUP BY month",
            id_list(&selection.ids())
        );
        sqlx::query_as(&sql).bind(first).bind(last).fetch_all(store.pool()).await?
    };
    let (mut new, mut returning) = (buckets.zeros(), buckets.zeros());
    for (month, first_timers, regulars) in rows {
        if let Some(i) = buckets.of(Some(month * 86_400)) {
            new[i] += first_timers as f64;
            returning[i] += regulars as f64;
        }
    }
    let mut notes = vec![
        "A contributor is an account with any event but a star or a fork. New means first seen in the collected data for these repositories, so the first month collected counts everyone as new.".to_owned(),
        "Counted over whole UTC months.".to_owned(),
    ];
    if !request.include_bots {
        notes.push("Bot accounts are left out (`--include-bots` counts them).".into());
    }
    let series = vec![
        Series { name: "new contributors".into(), values: new },
        Series { name: "returning contributors".into(), values: returning },
    ];
    buckets.chart(store, spec, selection, "contributors", series, notes).await
}
