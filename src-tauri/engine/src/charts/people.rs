//! When people are active and who they are: the heatmap, top contributors, and new and
//! returning contributors. The heatmap reads rollups (hourly for the whole workspace, per
//! repository, day and hour otherwise); top contributors read a repository's events through the
//! `(repo_id, created_at)` index (decision 0009 says why there is no rollup for it).

use std::collections::HashMap;

use sqlx::Row;

use super::Granularity;
use super::queries::{Buckets, breakdown, id_list};
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Series, XAxis};
use crate::error::{EngineError, Result};
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

/// Accounts ranked by events, with a breakdown by event type.
pub(super) async fn top_contributors(
    store: &Store,
    spec: &ChartSpec,
    request: &ChartRequest,
    selection: &Selection,
) -> Result<ChartData> {
    if selection.everything {
        return Err(EngineError::InvalidInput(
            "top-contributors needs repositories (--repo) or an organisation (--org)".into(),
        ));
    }
    let bots = if request.include_bots { "" } else { "AND is_bot = 0" };
    // SQLite ranks the accounts and returns the breakdown of the top ones only, then one row per
    // event type over everyone (which picks the types shown): a busy repository has tens of
    // thousands of accounts a month, and handing each (account, type) row to Rust cost more than
    // reading the events. Ties at the cut are broken by login, as the chart defines; only
    // accounts at or above the limit-th total are looked up for their login.
    let sql = format!(
        "WITH per_type AS MATERIALIZED (
             SELECT actor_id, type, count(*) AS events FROM events
             WHERE repo_id IN ({}) AND created_at >= ?1 AND created_at < ?2 {bots}
             GROUP BY actor_id, type),
         totals AS MATERIALIZED (SELECT actor_id, sum(events) AS events FROM per_type GROUP BY actor_id),
         top AS (
             SELECT t.actor_id, t.events, coalesce(a.login, CAST(t.actor_id AS TEXT)) AS login
             FROM totals t LEFT JOIN actors a ON a.id = t.actor_id
             WHERE t.events >= coalesce((SELECT events FROM totals ORDER BY events DESC LIMIT 1 OFFSET ?3 - 1), 0)
             ORDER BY t.events DESC, login LIMIT ?3)
         SELECT top.actor_id, top.login, per_type.type, per_type.events FROM top JOIN per_type USING (actor_id)
         UNION ALL
         SELECT NULL, NULL, type, sum(events) FROM per_type GROUP BY type",
        id_list(&selection.ids())
    );
    let limit = request.limit.clamp(1, 100) as i64;
    let rows: Vec<(Option<i64>, Option<String>, String, i64)> = sqlx::query_as(&sql)
        .bind(request.range.from.start())
        .bind(request.range.to.start())
        .bind(limit)
        .fetch_all(store.pool())
        .await?;
    let mut per_actor: HashMap<i64, (String, HashMap<String, i64>)> = HashMap::new();
    let mut per_type: HashMap<String, i64> = HashMap::new();
    for (actor, login, kind, events) in rows {
        match (actor, login) {
            (Some(actor), Some(login)) => {
                *per_actor.entry(actor).or_insert_with(|| (login, HashMap::new())).1.entry(kind).or_default() += events;
            }
            _ => *per_type.entry(kind).or_default() += events,
        }
    }
    let mut ranked: Vec<(String, i64, &HashMap<String, i64>)> =
        per_actor.values().map(|(login, kinds)| (login.clone(), kinds.values().sum(), kinds)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    let series = breakdown(&ranked, per_type);
    let mut notes = vec![range_note(request)];
    if !request.include_bots {
        notes.push("Bot accounts are left out (`--include-bots` counts them).".into());
    }
    Ok(ChartData {
        id: spec.id,
        title: spec.title.to_owned(),
        x_axis: XAxis::Category,
        x_label: "contributor".into(),
        y_label: "events".into(),
        x: ranked.iter().map(|(login, _, _)| login.clone()).collect(),
        series,
        incomplete: Vec::new(),
        marks: Vec::new(),
        notes,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{RankBy, build};
    use crate::scope::RepoName;
    use crate::time::{HourRange, UtcHour};
    use crate::workspace::Workspace;

    /// Ties at the cut go to the earlier login (not the lower account id), an account without a
    /// stored login is shown by its id, bots stay out unless asked for, and the types shown are
    /// picked over every account, not only the ranked ones.
    #[tokio::test]
    async fn top_contributors_break_ties_by_login_and_pick_types_over_everyone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
        let at = 1_705_312_800; // 2024-01-15T10:00Z
        sqlx::query("INSERT INTO repositories (id, full_name, first_seen_at, last_seen_at) VALUES (1, 'o/r', 0, 0)")
            .execute(store.pool())
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO repository_names (repo_id, full_name, first_seen_at, last_seen_at) VALUES (1, 'o/r', 0, 0)",
        )
        .execute(store.pool())
        .await
        .unwrap();
        // (account id, login or none, bot, events per type)
        type Account<'a> = (i64, Option<&'a str>, bool, &'a [(&'a str, i64)]);
        let accounts: [Account; 6] = [
            (1, Some("zed"), false, &[("PushEvent", 3)]),
            (2, Some("amy"), false, &[("PushEvent", 2), ("IssuesEvent", 1)]),
            (3, Some("bob"), false, &[("IssuesEvent", 3)]),
            (4, None, false, &[("PushEvent", 5)]),
            (5, Some("ci[bot]"), true, &[("PushEvent", 10)]),
            // Wiki edits only by an account under the cut: still a type of the breakdown.
            (6, Some("wiki"), false, &[("GollumEvent", 2)]),
        ];
        let mut id = 0;
        for (actor, login, bot, kinds) in accounts {
            if let Some(login) = login {
                sqlx::query(
                    "INSERT INTO actors (id, login, is_bot, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, 0, 0)",
                )
                .bind(actor)
                .bind(login)
                .bind(bot)
                .execute(store.pool())
                .await
                .unwrap();
            }
            for (kind, events) in kinds {
                for _ in 0..*events {
                    id += 1;
                    sqlx::query(
                        "INSERT INTO events (id, created_at, type, repo_id, actor_id, is_bot) VALUES (?1, ?2, ?3, 1, ?4, ?5)",
                    )
                    .bind(id)
                    .bind(at + id)
                    .bind(kind)
                    .bind(actor)
                    .bind(bot)
                    .execute(store.pool())
                    .await
                    .unwrap();
                }
            }
        }
        let request = |limit: usize, include_bots: bool| ChartRequest {
            repos: vec![RepoName::parse("o/r").unwrap()],
            org: None,
            range: HourRange::new(UtcHour(at / 3600), UtcHour(at / 3600 + 1)).unwrap(),
            granularity: Granularity::Day,
            limit,
            rank_by: RankBy::Events,
            include_bots,
            compare: false,
        };
        let shown = |data: &ChartData| data.x.clone();
        let data = build(&store, "top-contributors", &request(2, false)).await.unwrap();
        assert_eq!(shown(&data), ["4", "amy"]);
        let data = build(&store, "top-contributors", &request(4, false)).await.unwrap();
        assert_eq!(shown(&data), ["4", "amy", "bob", "zed"]);
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["PushEvent", "IssuesEvent", "GollumEvent"]);
        assert_eq!(data.series[0].values, [5.0, 2.0, 0.0, 3.0]);
        assert_eq!(data.series[1].values, [0.0, 1.0, 3.0, 0.0]);
        assert_eq!(data.series[2].values, [0.0; 4]);
        let data = build(&store, "top-contributors", &request(1, true)).await.unwrap();
        assert_eq!(shown(&data), ["ci[bot]"]);
        let data = build(&store, "top-contributors", &request(100, false)).await.unwrap();
        assert_eq!(shown(&data), ["4", "amy", "bob", "zed", "wiki"], "fewer accounts than the limit");
    }
}
