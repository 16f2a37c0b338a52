//! Top contributors: the accounts with the most contributing events (every event but stars and
//! forks) in the selected repositories and range, each broken down by event type.
//!
//! Reading every event of the range took 0.5-1 s for the busiest repositories of a 20-million-
//! event workspace. The ranking now reads only the events of the accounts that can enter it
//! (decision 0015), in the manner of Fagin's threshold algorithm:
//! - `contributor_months` holds each account's contributing events per repository and month, and
//!   the index `contributor_months_ranked` hands them out per (repository, month), most first.
//!   An account's count in the range is at most the sum of its rows for the months the range
//!   touches.
//! - Accounts are taken from the top of every such list, a batch at a time, and counted exactly,
//!   type by type: months the range covers whole from `contributor_months`' type columns, months
//!   it cuts from the accounts' events inside the range or, when shorter, the columns minus the
//!   events outside it (`count_exactly`).
//! - An account not yet taken has no more events than the sum of the values the lists are at. Once
//!   the ranking's last account has more than that, no such account can reach it or tie with it.
//!
//! Activity is heavy-tailed, so a few dozen accounts are counted instead of tens of thousands.
//! A selection touching many lists (many repositories, or a long history) with few events per
//! list counts every account through the `(repo_id, created_at)` index instead, as does a
//! ranking that does not settle.

use std::collections::{HashMap, HashSet};

use sqlx::{Row, SqliteConnection};

use super::queries::{breakdown, id_list};
use super::ranking::kth_largest;
use super::selection::Selection;
use super::{ChartData, ChartRequest, ChartSpec, Granularity, XAxis};
use crate::error::{EngineError, Result};
use crate::store::{CONTRIBUTION_TYPES, Store};
use crate::time::HourRange;

/// How the ranking reads its lists (the tests make these small, so every path is taken on a
/// small workspace).
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Accounts taken from each list in the first round; each later round takes twice as many.
    first_batch: usize,
    /// Up to this many (repository, month) lists, the ranking reads them whatever the events.
    lists_always_read: usize,
    /// Past that, it reads them only if the months hold at least this many events per list:
    /// a list costs a query per round (about 100 µs), while counting everyone costs 2-3 µs per
    /// event, so a long history of a quiet repository is quicker to count.
    events_per_list: i64,
    /// A ranking that has counted this many accounts without settling counts everyone instead.
    max_counted: usize,
}

const READING: Reading = Reading { first_batch: 16, lists_always_read: 64, events_per_list: 64, max_counted: 4096 };

/// One account's contributing events in the range, per event type.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Contributor {
    login: String,
    kinds: HashMap<String, i64>,
}

impl Contributor {
    fn total(&self) -> i64 {
        self.kinds.values().sum()
    }
}

/// The range and filters every query of one ranking shares.
struct Ranking<'a> {
    repos: &'a [i64],
    /// Unix seconds, end exclusive.
    from: i64,
    to: i64,
    /// The first day of every UTC month the range touches.
    months: Vec<i64>,
    include_bots: bool,
    limit: usize,
}

impl<'a> Ranking<'a> {
    fn new(repos: &'a [i64], range: &HourRange, include_bots: bool, limit: usize) -> Self {
        let (from, to) = (range.from.start(), range.to.start());
        Ranking { repos, from, to, months: Granularity::Month.periods(range), include_bots, limit }
    }
}

/// Accounts ranked by contributing events, with a breakdown by event type.
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
    let repos = selection.ids();
    let ranking = Ranking::new(&repos, &request.range, request.include_bots, request.limit.clamp(1, 100));
    let ranked = rank(store, &ranking, READING).await?;

    // The types shown are those most frequent among the accounts shown.
    let mut per_type: HashMap<String, i64> = HashMap::new();
    for contributor in &ranked {
        for (kind, events) in &contributor.kinds {
            *per_type.entry(kind.clone()).or_default() += events;
        }
    }
    let bars: Vec<(&str, i64, &HashMap<String, i64>)> =
        ranked.iter().map(|c| (c.login.as_str(), c.total(), &c.kinds)).collect();
    let series = breakdown(&bars, per_type);
    let mut notes = vec![
        format!("From {} to {} (UTC, end exclusive).", request.range.from, request.range.to),
        "Contributing events: every event but stars and forks.".to_owned(),
    ];
    if !request.include_bots {
        notes.push("Bot accounts are left out (`--include-bots` counts them).".into());
    }
    Ok(ChartData {
        id: spec.id,
        title: spec.title.to_owned(),
        x_axis: XAxis::Category,
        x_label: "contributor".into(),
        y_label: "contributing events".into(),
        x: ranked.iter().map(|c| c.login.clone()).collect(),
        series,
        incomplete: Vec::new(),
        marks: Vec::new(),
        notes,
    })
}

/// The `limit` accounts with the most contributing events, most first, ties by login; accounts
/// with none are left out.
async fn rank(store: &Store, ranking: &Ranking<'_>, reading: Reading) -> Result<Vec<Contributor>> {
    let months = &ranking.months;
    let (Some(&first), Some(&last)) = (months.first(), months.last()) else {
        return Ok(Vec::new()); // an empty range
    };
    // One read transaction: the lists are paged, and a commit between two pages could move an
    // account from one page to the next, unseen.
    let mut snapshot = store.pool().begin().await?;
    let lists = ranking.repos.len() * months.len();
    let worth_reading = lists <= reading.lists_always_read || {
        let events: i64 = sqlx::query_scalar(&format!(
            "SELECT coalesce(sum(events), 0) FROM monthly_repo_events
             WHERE month >= ?1 AND month <= ?2 AND repo_id IN ({})",
            id_list(ranking.repos)
        ))
        .bind(first)
        .bind(last)
        .fetch_one(&mut *snapshot)
        .await?;
        events >= (lists as i64).saturating_mul(reading.events_per_list)
    };
    let bounded = if worth_reading { rank_by_bounds(&mut snapshot, ranking, reading).await? } else { None };
    let mut ranked = match bounded {
        Some(counted) => counted,
        None => count_everyone(&mut snapshot, ranking).await?,
    };
    snapshot.commit().await?;
    ranked.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.login.cmp(&b.login)));
    ranked.truncate(ranking.limit);
    Ok(ranked)
}

/// Where the ranking is in one (repository, month) list.
struct ListCursor {
    repo_id: i64,
    month: i64,
    taken: usize,
    /// The events of the last account taken: no account further down has more.
    last_value: i64,
    exhausted: bool,
}

/// The threshold algorithm of the module comment: every account that can be in the ranking,
/// counted exactly, or `None` when it did not settle within `reading.max_counted` accounts.
async fn rank_by_bounds(
    connection: &mut SqliteConnection,
    ranking: &Ranking<'_>,
    reading: Reading,
) -> Result<Option<Vec<Contributor>>> {
    let mut cursors: Vec<ListCursor> = ranking
        .repos
        .iter()
        .flat_map(|&repo_id| {
            ranking.months.iter().map(move |&month| ListCursor {
                repo_id,
                month,
                taken: 0,
                last_value: 0,
                exhausted: false,
            })
        })
        .collect();
    let mut seen: HashSet<i64> = HashSet::new();
    let mut counted: Vec<Contributor> = Vec::new();
    let mut batch = reading.first_batch.max(ranking.limit);
    loop {
        let mut fresh = Vec::new();
        for cursor in cursors.iter_mut().filter(|c| !c.exhausted) {
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT actor_id, events FROM contributor_months INDEXED BY contributor_months_ranked
                 WHERE repo_id = ?1 AND month = ?2 ORDER BY events DESC, actor_id LIMIT ?3 OFFSET ?4",
            )
            .bind(cursor.repo_id)
            .bind(cursor.month)
            .bind(batch as i64)
            .bind(cursor.taken as i64)
            .fetch_all(&mut *connection)
            .await?;
            cursor.taken += rows.len();
            cursor.exhausted = rows.len() < batch;
            if let Some(&(_, events)) = rows.last() {
                cursor.last_value = events;
            }
            fresh.extend(rows.into_iter().map(|(actor, _)| actor).filter(|actor| seen.insert(*actor)));
        }
        counted.extend(count_exactly(connection, ranking, &fresh).await?);

        let threshold: i64 = cursors.iter().filter(|c| !c.exhausted).map(|c| c.last_value).sum();
        let all_read = cursors.iter().all(|c| c.exhausted);
        if all_read
            || kth_largest(counted.iter().map(Contributor::total), ranking.limit).is_some_and(|last| last > threshold)
        {
            return Ok(Some(counted));
        }
        if seen.len() >= reading.max_counted {
            return Ok(None);
        }
        batch *= 2;
    }
}

/// Accounts per query when counting exactly.
const ACCOUNTS_PER_QUERY: usize = 256;

/// The contributing events of `actors` in the range, per type; accounts with none are left out.
///
/// Month by month: a month the range covers whole is read from `contributor_months`' type
/// columns. A month the range cuts is read from the events of the part inside the range, or,
/// when the part outside is shorter, as the month's columns minus the events of that part (a
/// range that starts before a repository's first event, or ends after its last, reads nothing).
/// Events are read through the covering index `events_by_repo_time`, only those of `actors`.
/// A month whose columns cannot answer for an account (events of a type without a column, or
/// some but not all under a bot login while bots are left out) is read from the events inside
/// the range; one whose events were all a bot's counts nothing while bots are left out.
async fn count_exactly(
    connection: &mut SqliteConnection,
    ranking: &Ranking<'_>,
    actors: &[i64],
) -> Result<Vec<Contributor>> {
    if actors.is_empty() {
        return Ok(Vec::new());
    }
    let mut counts: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    for chunk in actors.chunks(ACCOUNTS_PER_QUERY) {
        for &month in &ranking.months {
            let (start, end) = (month * 86_400, Granularity::Month.period_end(month) * 86_400);
            let inside = (ranking.from.max(start), ranking.to.min(end));
            let outside: Vec<(i64, i64)> =
                [(start, inside.0), (inside.1, end)].into_iter().filter(|(a, b)| a < b).collect();
            let outside_length: i64 = outside.iter().map(|(a, b)| b - a).sum();
            if outside_length >= inside.1 - inside.0 {
                add_events(connection, ranking, chunk, inside, 1, &mut counts).await?;
                continue;
            }
            let unanswered = add_month_columns(connection, ranking, month, chunk, &mut counts).await?;
            let answered: Vec<i64> = chunk.iter().copied().filter(|a| !unanswered.contains(a)).collect();
            for &stretch in &outside {
                add_events(connection, ranking, &answered, stretch, -1, &mut counts).await?;
            }
            let unanswered: Vec<i64> = unanswered.into_iter().collect();
            add_events(connection, ranking, &unanswered, inside, 1, &mut counts).await?;
        }
    }
    counts.retain(|_, kinds| {
        kinds.retain(|_, events| *events != 0);
        !kinds.is_empty()
    });
    with_logins(connection, counts).await
}

/// Adds `actors`' type columns for `month` to `counts`, and returns the accounts whose columns
/// cannot answer for the month (see `count_exactly`); none of their rows is added. Over several
/// repositories, an account is answered only if each of its rows is.
async fn add_month_columns(
    connection: &mut SqliteConnection,
    ranking: &Ranking<'_>,
    month: i64,
    actors: &[i64],
    counts: &mut HashMap<i64, HashMap<String, i64>>,
) -> Result<HashSet<i64>> {
    let columns: Vec<&str> = CONTRIBUTION_TYPES.iter().map(|(_, column)| *column).collect();
    let sql = format!(
        "SELECT actor_id, bot_events, events, {} FROM contributor_months
         WHERE repo_id IN ({}) AND month = ?1 AND actor_id IN ({})",
        columns.join(", "),
        id_list(ranking.repos),
        id_list(actors)
    );
    let rows = sqlx::query(&sql).bind(month).fetch_all(&mut *connection).await?;
    let mut answered: Vec<(i64, Vec<i64>)> = Vec::with_capacity(rows.len());
    let mut unanswered: HashSet<i64> = HashSet::new();
    for row in rows {
        let (actor, bot_events, events): (i64, i64, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let by_type: Vec<i64> = (0..columns.len()).map(|i| row.try_get(3 + i)).collect::<sqlx::Result<_>>()?;
        if !ranking.include_bots && bot_events == events {
            // All of it under a bot login: nothing to count (and nothing outside to take away).
            continue;
        }
        if (!ranking.include_bots && bot_events > 0) || by_type.iter().sum::<i64>() != events {
            unanswered.insert(actor);
        } else {
            answered.push((actor, by_type));
        }
    }
    for (actor, by_type) in answered {
        if unanswered.contains(&actor) {
            continue;
        }
        let kinds = counts.entry(actor).or_default();
        for ((kind, _), events) in CONTRIBUTION_TYPES.iter().zip(by_type) {
            if events > 0 {
                *kinds.entry((*kind).to_owned()).or_default() += events;
            }
        }
    }
    Ok(unanswered)
}

/// Adds (`sign` 1) or takes away (-1) `actors`' contributing events in `stretch` (unix seconds,
/// end exclusive), per type, read from the covering `(repo_id, created_at, actor_id, is_bot,
/// type)` index alone.
async fn add_events(
    connection: &mut SqliteConnection,
    ranking: &Ranking<'_>,
    actors: &[i64],
    (from, to): (i64, i64),
    sign: i64,
    counts: &mut HashMap<i64, HashMap<String, i64>>,
) -> Result<()> {
    if actors.is_empty() {
        return Ok(());
    }
    let bots = if ranking.include_bots { "" } else { "AND is_bot = 0" };
    let sql = format!(
        "SELECT actor_id, type, count(*) FROM events INDEXED BY events_by_repo_time
         WHERE repo_id IN ({}) AND created_at >= ?1 AND created_at < ?2 AND actor_id IN ({})
           AND type NOT IN ('WatchEvent', 'ForkEvent') {bots}
         GROUP BY actor_id, type",
        id_list(ranking.repos),
        id_list(actors)
    );
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(&sql).bind(from).bind(to).fetch_all(&mut *connection).await?;
    for (actor, kind, events) in rows {
        *counts.entry(actor).or_default().entry(kind).or_default() += sign * events;
    }
    Ok(())
}

/// Every account's contributing events in the range, through the `(repo_id, created_at)` index;
/// SQLite ranks them and returns the breakdown of the ranked ones only (handing every (account,
/// type) pair to Rust cost more than reading the events).
async fn count_everyone(connection: &mut SqliteConnection, ranking: &Ranking<'_>) -> Result<Vec<Contributor>> {
    let bots = if ranking.include_bots { "" } else { "AND is_bot = 0" };
    let sql = format!(
        "WITH per_type AS MATERIALIZED (
             SELECT actor_id, type, count(*) AS events FROM events INDEXED BY events_by_repo_time
             WHERE repo_id IN ({}) AND created_at >= ?1 AND created_at < ?2
               AND type NOT IN ('WatchEvent', 'ForkEvent') {bots}
             GROUP BY actor_id, type),
         totals AS MATERIALIZED (SELECT actor_id, sum(events) AS events FROM per_type GROUP BY actor_id),
         top AS (
             SELECT t.actor_id FROM totals t
             WHERE t.events >= coalesce((SELECT events FROM totals ORDER BY events DESC LIMIT 1 OFFSET ?3 - 1), 0))
         SELECT actor_id, type, events FROM top JOIN per_type USING (actor_id)",
        id_list(ranking.repos)
    );
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(&sql)
        .bind(ranking.from)
        .bind(ranking.to)
        .bind(ranking.limit as i64)
        .fetch_all(&mut *connection)
        .await?;
    let mut counts: HashMap<i64, HashMap<String, i64>> = HashMap::new();
    for (actor, kind, events) in rows {
        *counts.entry(actor).or_default().entry(kind).or_default() += events;
    }
    with_logins(connection, counts).await
}

/// The accounts with their logins (an account without a stored login is shown by its id).
async fn with_logins(
    connection: &mut SqliteConnection,
    counts: HashMap<i64, HashMap<String, i64>>,
) -> Result<Vec<Contributor>> {
    if counts.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = counts.keys().copied().collect();
    let logins: HashMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>(&format!("SELECT id, login FROM actors WHERE id IN ({})", id_list(&ids)))
            .fetch_all(&mut *connection)
            .await?
            .into_iter()
            .collect();
    Ok(counts
        .into_iter()
        .map(|(actor_id, kinds)| Contributor {
            login: logins.get(&actor_id).cloned().unwrap_or_else(|| actor_id.to_string()),
            kinds,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{ChartRequest, Granularity, RankBy, build};
    use crate::scope::RepoName;
    use crate::time::{HourRange, UtcHour};
    use crate::workspace::Workspace;

    /// A test event: (id, created_at, type, repo, account, bot).
    type Event = (i64, i64, &'static str, i64, i64, bool);
    /// An account's place in a ranking: (login, total, events per type in type order).
    type Place = (String, i64, Vec<(String, i64)>);
    /// A test account: (id, bot, events per type).
    type Account = (i64, bool, &'static [(&'static str, i64)]);

    /// A store holding `events` and the rollups the ranking reads, derived from them as the
    /// migrations that introduced those rollups derive them.
    async fn store_with(
        dir: &std::path::Path,
        repos: &[(i64, &str)],
        logins: &[(i64, &str)],
        events: &[Event],
    ) -> Store {
        let store = Store::open(&Workspace::at(dir)).await.unwrap();
        let mut tx = store.pool().begin().await.unwrap();
        for (id, name) in repos {
            for table in ["repositories", "repository_names"] {
                let key = if table == "repositories" { "id" } else { "repo_id" };
                sqlx::query(&format!(
                    "INSERT INTO {table} ({key}, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, 0, 0)"
                ))
                .bind(id)
                .bind(name)
                .execute(&mut *tx)
                .await
                .unwrap();
            }
        }
        for (id, login) in logins {
            sqlx::query("INSERT INTO actors (id, login, is_bot, first_seen_at, last_seen_at) VALUES (?1, ?2, 0, 0, 0)")
                .bind(id)
                .bind(login)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        for (id, at, kind, repo, actor, bot) in events {
            sqlx::query(
                "INSERT INTO events (id, created_at, type, repo_id, actor_id, is_bot) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(id)
            .bind(at)
            .bind(kind)
            .bind(repo)
            .bind(actor)
            .bind(bot)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        let columns: Vec<&str> = CONTRIBUTION_TYPES.iter().map(|(_, column)| *column).collect();
        let counts: Vec<String> = CONTRIBUTION_TYPES.iter().map(|(kind, _)| format!("sum(type = '{kind}')")).collect();
        sqlx::query(&format!(
            "INSERT INTO contributor_months (repo_id, month, actor_id, is_bot, events, bot_events, {})
             SELECT repo_id, CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400,
                    actor_id, max(is_bot), count(*), sum(is_bot), {}
             FROM events WHERE type NOT IN ('WatchEvent', 'ForkEvent') GROUP BY 1, 2, 3;
             INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events)
             SELECT repo_id, created_at / 86400, type, count(*), sum(is_bot) FROM events GROUP BY 1, 2, 3;
             INSERT INTO monthly_repo_events (month, repo_id, events, stars)
             SELECT CAST(strftime('%s', created_at, 'unixepoch', 'start of month') AS INTEGER) / 86400, repo_id,
                    count(*), sum(type = 'WatchEvent')
             FROM events GROUP BY 1, 2",
            columns.join(", "),
            counts.join(", ")
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        store
    }

    /// Ties at the cut go to the earlier login (not the lower account id), an account without a
    /// stored login is shown by its id, bots stay out unless asked for, stars and forks are not
    /// counted, and the types shown are the most frequent among the accounts shown.
    #[tokio::test]
    async fn ties_go_by_login_and_the_types_shown_are_the_ranked_accounts() {
        let dir = tempfile::tempdir().unwrap();
        let at = 1_705_312_800; // 2024-01-15T10:00Z
        // (account id, bot, events per type)
        let accounts: [Account; 7] = [
            (1, false, &[("PushEvent", 3)]),
            (2, false, &[("PushEvent", 2), ("IssuesEvent", 1)]),
            (3, false, &[("IssuesEvent", 3), ("WatchEvent", 1)]),
            (4, false, &[("PushEvent", 5)]),
            (5, true, &[("PushEvent", 10)]),
            // Wiki edits only, by an account under the cut: not a type of the breakdown.
            (6, false, &[("GollumEvent", 2)]),
            // Stars and forks only: not a contributor at all.
            (7, false, &[("WatchEvent", 1), ("ForkEvent", 9)]),
        ];
        let mut events = Vec::new();
        for (actor, bot, kinds) in accounts {
            for (kind, count) in kinds {
                for _ in 0..*count {
                    let id = events.len() as i64 + 1;
                    events.push((id, at + id, *kind, 1, actor, bot));
                }
            }
        }
        let logins = [(1, "zed"), (2, "amy"), (3, "bob"), (5, "ci[bot]"), (6, "wiki"), (7, "fan")];
        let store = store_with(dir.path(), &[(1, "o/r")], &logins, &events).await;
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
        let data = build(&store, "top-contributors", &request(2, false)).await.unwrap();
        assert_eq!(data.x, ["4", "amy"]);
        let data = build(&store, "top-contributors", &request(4, false)).await.unwrap();
        assert_eq!(data.x, ["4", "amy", "bob", "zed"]);
        let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["PushEvent", "IssuesEvent"]);
        assert_eq!(data.series[0].values, [5.0, 2.0, 0.0, 3.0]);
        assert_eq!(data.series[1].values, [0.0, 1.0, 3.0, 0.0]);
        let data = build(&store, "top-contributors", &request(1, true)).await.unwrap();
        assert_eq!(data.x, ["ci[bot]"]);
        let data = build(&store, "top-contributors", &request(100, false)).await.unwrap();
        assert_eq!(data.x, ["4", "amy", "bob", "zed", "wiki"], "fewer accounts than the limit");
    }

    /// Three repositories over three months, heavy-tailed accounts whose activity moves between
    /// months, bots, an account renamed to and from a bot login, stars and forks, and a type
    /// without a column of its own: the ranking by bounds equals a plain count of the events for
    /// any range (whole months, whole months and cut ones, cut at the hour, one hour, across a
    /// month's end), any limit, one or several repositories, bots in or out, one account taken
    /// per list per round (where stopping early would show), and when it falls back to counting
    /// everyone (too many lists, or too many accounts counted).
    #[tokio::test]
    async fn the_ranking_by_bounds_equals_counting_every_event() {
        let dir = tempfile::tempdir().unwrap();
        let first_hour = 473_352; // 2024-01-01T00
        let hours = 24 * 91;
        let mut seed = 11_u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        // GistEvent (2011-2014 only) has no column of its own in `contributor_months`.
        const KINDS: [&str; 7] =
            ["PushEvent", "IssuesEvent", "PullRequestEvent", "WatchEvent", "ForkEvent", "GollumEvent", "GistEvent"];
        let mut events: Vec<Event> = Vec::new();
        for _ in 0..6_000 {
            // Account 1 is busiest, then 2, ... (a power law); account 7 is a bot, account 8
            // acts under a bot login in some events only.
            let actor = 1 + (next(1000) * next(1000) / 5_000) as i64;
            let hour = first_hour + next(hours) as i64;
            // Some accounts are busy only in the first month, others only later.
            if (actor % 3 == 0 && hour > first_hour + 24 * 31) || (actor % 5 == 0 && hour < first_hour + 24 * 40) {
                continue;
            }
            let repo = 1 + (next(10) * next(10) / 30) as i64;
            let bot = actor == 7 || (actor == 8 && next(2) == 0);
            let id = events.len() as i64 + 1;
            events.push((id, hour * 3600 + next(3600) as i64, KINDS[next(7) as usize], repo, actor, bot));
        }
        let logins: Vec<(i64, String)> = (1..=400).map(|id| (id, format!("user-{:03}", 400 - id))).collect();
        let logins: Vec<(i64, &str)> = logins.iter().map(|(id, login)| (*id, login.as_str())).collect();
        let store = store_with(dir.path(), &[(1, "o/a"), (2, "o/b"), (3, "o/c")], &logins, &events).await;

        let at = |day: i64, hour: i64| (first_hour + day * 24 + hour) * 3600;
        let ranges = [
            (at(0, 0), at(91, 0)),
            (at(31, 0), at(60, 0)),
            (at(3, 5), at(88, 0)),
            (at(20, 7), at(45, 13)),
            (at(30, 23), at(31, 1)),
            (at(50, 5), at(50, 6)),
        ];
        let readings = [
            READING,
            Reading { first_batch: 1, ..READING },
            Reading { lists_always_read: 1, events_per_list: i64::MAX, ..READING },
            Reading { lists_always_read: 1, events_per_list: 0, first_batch: 1, ..READING },
            Reading { first_batch: 1, max_counted: 3, ..READING },
        ];
        for (from, to) in ranges {
            for repos in [&[1_i64][..], &[2, 3], &[1, 2, 3]] {
                for include_bots in [false, true] {
                    let expected = naive(&events, &logins, repos, from, to, include_bots);
                    for limit in [1, 3, 10, 100] {
                        let range = HourRange::new(UtcHour(from / 3600), UtcHour(to / 3600)).unwrap();
                        let ranking = Ranking::new(repos, &range, include_bots, limit);
                        let mut want = expected.clone();
                        want.truncate(limit);
                        for reading in readings {
                            let got: Vec<Place> =
                                rank(&store, &ranking, reading).await.unwrap().into_iter().map(flatten).collect();
                            assert_eq!(got, want, "{from}..{to} {repos:?} bots {include_bots} top {limit} {reading:?}");
                        }
                    }
                }
            }
        }
    }

    fn flatten(contributor: Contributor) -> Place {
        let total = contributor.total();
        let mut kinds: Vec<(String, i64)> = contributor.kinds.into_iter().collect();
        kinds.sort();
        (contributor.login, total, kinds)
    }

    /// Every account's contributing events, counted over the event list itself.
    fn naive(
        events: &[Event],
        logins: &[(i64, &str)],
        repos: &[i64],
        from: i64,
        to: i64,
        include_bots: bool,
    ) -> Vec<Place> {
        let mut per_actor: HashMap<i64, std::collections::BTreeMap<String, i64>> = HashMap::new();
        for (_, at, kind, repo, actor, bot) in events {
            if repos.contains(repo)
                && (from..to).contains(at)
                && !matches!(*kind, "WatchEvent" | "ForkEvent")
                && (include_bots || !bot)
            {
                *per_actor.entry(*actor).or_default().entry((*kind).to_owned()).or_default() += 1;
            }
        }
        let login = |actor: i64| logins.iter().find(|(id, _)| *id == actor).map(|(_, l)| (*l).to_owned()).unwrap();
        let mut ranked: Vec<_> = per_actor
            .into_iter()
            .map(|(actor, kinds)| (login(actor), kinds.values().sum(), kinds.into_iter().collect()))
            .collect();
        ranked.sort_by(|a: &Place, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }
}
