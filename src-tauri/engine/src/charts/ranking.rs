//! Ranking every repository of the workspace by events or stars in a range, without reading
//! every repository's days.
//!
//! A repository's totals for the months a range touches bound its count in the range from above
//! (`monthly_repo_events`, a few rows per repository). Repositories are taken in order of their
//! bound and counted exactly from the daily rollup, a batch at a time, until the next bound is
//! below the count of the last repository the ranking keeps: no repository left can enter it.
//! Activity is heavy-tailed, so that is a few dozen repositories instead of all of them.

use super::RankBy;
use super::queries::id_list;
use crate::error::Result;
use crate::store::Store;
use crate::time::month_start;

/// Repositories counted exactly per query.
const BATCH: usize = 32;
/// Bounds fetched at first; a ranking that needs more falls back to counting everything.
const FIRST_BOUNDS: usize = 512;

/// (full name, count) of the `limit` repositories with the most events (or stars gained) on days
/// `first_day..end_day`, most first, ties by name; repositories with none are left out.
pub(super) async fn top_of_workspace(
    store: &Store,
    first_day: i64,
    end_day: i64,
    rank_by: RankBy,
    limit: usize,
) -> Result<Vec<(String, i64)>> {
    ranked_by_bounds(store, first_day, end_day, rank_by, limit, Fetching { first_bounds: FIRST_BOUNDS, batch: BATCH })
        .await
}

/// How many bounds to fetch at first and how many repositories to count per query (the tests
/// make both small, so every path is taken on a small workspace).
#[derive(Debug, Clone, Copy)]
struct Fetching {
    first_bounds: usize,
    batch: usize,
}

async fn ranked_by_bounds(
    store: &Store,
    first_day: i64,
    end_day: i64,
    rank_by: RankBy,
    limit: usize,
    fetching: Fetching,
) -> Result<Vec<(String, i64)>> {
    let (bound_column, only_stars) = match rank_by {
        RankBy::Events => ("events", ""),
        RankBy::Stars => ("stars", "AND d.type = 'WatchEvent'"),
    };
    let fetched = fetching.first_bounds.max(limit * 4);
    let bounds: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT repo_id, sum({bound_column}) AS bound FROM monthly_repo_events
         WHERE month >= ?1 AND month <= ?2 GROUP BY repo_id HAVING bound > 0 ORDER BY bound DESC LIMIT ?3"
    ))
    .bind(month_start(first_day))
    .bind(month_start(end_day - 1))
    .bind(fetched as i64)
    .fetch_all(store.pool())
    .await?;

    let mut counted: Vec<(i64, i64)> = Vec::new();
    let mut next = 0;
    loop {
        let kept_last = kth_largest(counted.iter().map(|(_, n)| *n), limit);
        let Some(&(_, bound)) = bounds.get(next) else { break };
        if kept_last.is_some_and(|last| bound < last) {
            break;
        }
        let batch: Vec<i64> =
            bounds[next..(next + fetching.batch).min(bounds.len())].iter().map(|(id, _)| *id).collect();
        next += batch.len();
        let counts: Vec<(i64, i64)> = sqlx::query_as(&format!(
            "SELECT d.repo_id, sum(d.events) FROM daily_repo_events d
             WHERE d.repo_id IN ({}) AND d.day >= ?1 AND d.day < ?2 {only_stars} GROUP BY d.repo_id",
            id_list(&batch)
        ))
        .bind(first_day)
        .bind(end_day)
        .fetch_all(store.pool())
        .await?;
        counted.extend(counts.into_iter().filter(|(_, n)| *n > 0));
    }
    if next >= bounds.len() && bounds.len() == fetched {
        // Every fetched bound was needed. Repositories past them have smaller bounds, and may
        // still reach the ranking unless it is full and its last count beats those bounds.
        let smallest_fetched = bounds.last().map_or(0, |(_, bound)| *bound);
        if kth_largest(counted.iter().map(|(_, n)| *n), limit).is_none_or(|last| smallest_fetched >= last) {
            return count_ranked(store, first_day, end_day, only_stars, limit).await;
        }
    }

    let names: std::collections::HashMap<i64, String> = sqlx::query_as::<_, (i64, String)>(&format!(
        "SELECT id, full_name FROM repositories WHERE id IN ({})",
        id_list(&counted.iter().map(|(id, _)| *id).collect::<Vec<_>>())
    ))
    .fetch_all(store.pool())
    .await?
    .into_iter()
    .collect();
    let mut ranked: Vec<(String, i64)> =
        counted.into_iter().map(|(id, n)| (names.get(&id).cloned().unwrap_or_else(|| id.to_string()), n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(limit);
    Ok(ranked)
}

/// The `k`-th largest of `counts`, once there are `k` (a ranking's last kept count).
pub(super) fn kth_largest(counts: impl IntoIterator<Item = i64>, k: usize) -> Option<i64> {
    let mut counts: Vec<i64> = counts.into_iter().collect();
    if counts.len() < k || k == 0 {
        return None;
    }
    counts.sort_unstable_by(|a, b| b.cmp(a));
    Some(counts[k - 1])
}

/// The plain ranking: every matching repository's days summed. `filter` narrows the rows of
/// `daily_repo_events` (`AND repo_id IN (...)`, `AND type = ...`); with none it reads them all,
/// which the bounds above exist to avoid.
pub(super) async fn count_ranked(
    store: &Store,
    first_day: i64,
    end_day: i64,
    filter: &str,
    limit: usize,
) -> Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT r.full_name, sum(d.events) AS n FROM daily_repo_events d JOIN repositories r ON r.id = d.repo_id
         WHERE d.day >= ?1 AND d.day < ?2 {filter}
         GROUP BY d.repo_id ORDER BY n DESC, r.full_name LIMIT ?3"
    ))
    .bind(first_day)
    .bind(end_day)
    .bind(limit as i64)
    .fetch_all(store.pool())
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    /// Forty repositories over two months with uneven days, so month totals overstate most
    /// ranges: the bounded ranking equals the plain one for any range, either measure, any
    /// length, one repository counted at a time (where stopping early would show), and when the
    /// first bounds fetched are too few (the fallback).
    #[tokio::test]
    async fn the_bounded_ranking_equals_counting_everything() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Workspace::at(dir.path())).await.unwrap();
        let first = 19_723; // 2024-01-01
        let mut seed = 7_u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % 50
        };
        for repo in 1..=40_i64 {
            sqlx::query("INSERT INTO repositories (id, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, 0, 0)")
                .bind(repo)
                .bind(format!("owner/repo-{repo:02}"))
                .execute(store.pool())
                .await
                .unwrap();
            for day in first..first + 60 {
                // Busy repositories busier; some days empty; ties happen.
                for (kind, events) in [("PushEvent", next() * (41 - repo as u64) / 10), ("WatchEvent", next() / 7)] {
                    if events > 0 {
                        sqlx::query(
                            "INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events) VALUES (?1, ?2, ?3, ?4, 0)",
                        )
                        .bind(repo)
                        .bind(day)
                        .bind(kind)
                        .bind(events as i64)
                        .execute(store.pool())
                        .await
                        .unwrap();
                    }
                }
            }
        }
        sqlx::query(
            "INSERT INTO monthly_repo_events (month, repo_id, events, stars)
             SELECT CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400, repo_id,
                    sum(events), sum(CASE WHEN type = 'WatchEvent' THEN events ELSE 0 END)
             FROM daily_repo_events GROUP BY 1, 2",
        )
        .execute(store.pool())
        .await
        .unwrap();

        for (from, to) in
            [(first + 3, first + 4), (first + 20, first + 45), (first, first + 60), (first + 59, first + 90)]
        {
            for (rank_by, filter) in [(RankBy::Events, ""), (RankBy::Stars, "AND d.type = 'WatchEvent'")] {
                for limit in [1, 5, 39, 100] {
                    let plain = count_ranked(&store, from, to, filter, limit).await.unwrap();
                    for (first_bounds, batch) in [(FIRST_BOUNDS, BATCH), (FIRST_BOUNDS, 1), (3, 2)] {
                        let fetching = Fetching { first_bounds, batch };
                        let bounded = ranked_by_bounds(&store, from, to, rank_by, limit, fetching).await.unwrap();
                        assert_eq!(bounded, plain, "{from}..{to} {rank_by:?} top {limit}, {fetching:?}");
                    }
                }
            }
        }
    }
}
