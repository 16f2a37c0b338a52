//! Rollup deltas of one unit, accumulated in memory as its new rows are inserted and written
//! with its commit. Aggregating here instead of in per-row triggers or a `GROUP BY` at commit
//! keeps the hot path to one hash-map update per event.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use rusqlite::params;

use super::sqlite_handle::upsert_in_chunks;

use crate::error::Result;
use crate::sources::gharchive::record::EventRow;
use crate::time::month_start;

#[derive(Debug, Default, Clone, Copy)]
struct HourDelta {
    events: i64,
    bot_events: i64,
    first_event_at: i64,
    last_event_at: i64,
}

/// What one unit's events say about an issue or pull request (see `work_items`).
#[derive(Debug, Default, Clone, Copy)]
struct ItemDelta {
    kind: Option<&'static str>,
    opened_at: Option<i64>,
    closed_at: Option<i64>,
    merged: Option<bool>,
    author_id: Option<i64>,
    first_response_at: Option<i64>,
}

fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Counts to add to `daily_repo_events` and `hourly_events`, and lifecycle facts to merge into
/// `work_items`, for rows that were really new.
#[derive(Debug, Default)]
pub(super) struct RollupDelta {
    /// (repo_id, day, type) -> (events, bot_events)
    daily: HashMap<(i64, i64, Cow<'static, str>), (i64, i64)>,
    hourly: HashMap<i64, HourDelta>,
    /// (hour of day, repo_id, day) -> events, for `daily_repo_hours` (the per-repository heatmap)
    repo_hours: HashMap<(u8, i64, i64), i64>,
    /// (repo_id, number) -> facts
    items: HashMap<(i64, i64), ItemDelta>,
    /// (repo_id, month, actor_id) -> contributing events
    contributors: HashMap<(i64, i64, i64), ContributorDelta>,
    /// (repo_id, tag) -> (earliest publication, who published it)
    releases: HashMap<(i64, Box<str>), (i64, i64)>,
    /// The last (day, month start) computed (events of a unit fall on one or two days);
    /// the default (0, 0) is right too: 1970-01-01 starts its month.
    last_month: (i64, i64),
}

/// Stars and forks are interest, not contribution.
pub(crate) fn is_contribution(kind: &str) -> bool {
    !matches!(kind, "WatchEvent" | "ForkEvent")
}

/// The contributing event types `contributor_months` counts in a column of their own (migration
/// 20261207060000), with that column: top contributors read the breakdown of whole months from
/// them. Other types (legacy, rare) are the row's `events` minus these.
pub(crate) const CONTRIBUTION_TYPES: [(&str, &str); 13] = [
    ("CommitCommentEvent", "commit_comment_events"),
    ("CreateEvent", "create_events"),
    ("DeleteEvent", "delete_events"),
    ("GollumEvent", "gollum_events"),
    ("IssueCommentEvent", "issue_comment_events"),
    ("IssuesEvent", "issues_events"),
    ("MemberEvent", "member_events"),
    ("PublicEvent", "public_events"),
    ("PullRequestEvent", "pull_request_events"),
    ("PullRequestReviewCommentEvent", "pull_request_review_comment_events"),
    ("PullRequestReviewEvent", "pull_request_review_events"),
    ("PushEvent", "push_events"),
    ("ReleaseEvent", "release_events"),
];

/// The position of `kind` in [`CONTRIBUTION_TYPES`] (a `match`, not a search: it runs per event).
fn contribution_column(kind: &str) -> Option<usize> {
    Some(match kind {
        "CommitCommentEvent" => 0,
        "CreateEvent" => 1,
        "DeleteEvent" => 2,
        "GollumEvent" => 3,
        "IssueCommentEvent" => 4,
        "IssuesEvent" => 5,
        "MemberEvent" => 6,
        "PublicEvent" => 7,
        "PullRequestEvent" => 8,
        "PullRequestReviewCommentEvent" => 9,
        "PullRequestReviewEvent" => 10,
        "PushEvent" => 11,
        "ReleaseEvent" => 12,
        _ => return None,
    })
}

/// One unit's contributing events of an account in a repository and month.
#[derive(Debug, Default, Clone, Copy)]
struct ContributorDelta {
    events: i64,
    /// Of `events`, those made under a bot login.
    bot_events: u32,
    /// Per [`CONTRIBUTION_TYPES`] entry (32 bits: a unit holds tens of thousands of these).
    by_type: [u32; CONTRIBUTION_TYPES.len()],
}

impl ContributorDelta {
    /// The account contributed under a bot login at least once in the month.
    fn is_bot(&self) -> bool {
        self.bot_events > 0
    }
}

/// The `contributor_months` statements: a plain insert, which says whether the row was new, and
/// the update of a row that exists. The update leaves the bot flag alone: a statement that can
/// fire a trigger opens a statement journal (decision 0010), and only the few rows whose flag
/// rises need the bot-flag triggers (`CONTRIBUTOR_BOT`).
static CONTRIBUTOR_STATEMENTS: LazyLock<(String, String)> = LazyLock::new(|| {
    // Parameters: the key (1-3), the counts (4, 5), the types' counts from `TYPE_COUNTS_FROM`,
    // and for the insert only, last, the bot flag.
    let columns: Vec<&str> = CONTRIBUTION_TYPES.iter().map(|(_, column)| *column).collect();
    let values: Vec<String> = (1..=TYPE_COUNTS_FROM + columns.len()).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO contributor_months (repo_id, month, actor_id, events, bot_events, {}, is_bot)
         VALUES ({}) ON CONFLICT (repo_id, month, actor_id) DO NOTHING",
        columns.join(", "),
        values.join(", ")
    );
    let additions: Vec<String> =
        columns.iter().enumerate().map(|(i, c)| format!("{c} = {c} + ?{}", i + TYPE_COUNTS_FROM)).collect();
    let update = format!(
        "UPDATE contributor_months SET events = events + ?4, bot_events = bot_events + ?5, {}
         WHERE repo_id = ?1 AND month = ?2 AND actor_id = ?3",
        additions.join(", ")
    );
    (insert, update)
});

/// The parameter number of the first type's count in both `CONTRIBUTOR_STATEMENTS`.
const TYPE_COUNTS_FROM: usize = 6;

/// Binds the key and counts of a `contributor_months` statement.
fn bind_contributor_counts(
    statement: &mut rusqlite::Statement<'_>,
    repo_id: i64,
    month: i64,
    actor_id: i64,
    delta: &ContributorDelta,
    types: &mut TypeCountBindings,
) -> Result<()> {
    statement.raw_bind_parameter(1, repo_id)?;
    statement.raw_bind_parameter(2, month)?;
    statement.raw_bind_parameter(3, actor_id)?;
    statement.raw_bind_parameter(4, delta.events)?;
    statement.raw_bind_parameter(5, delta.bot_events)?;
    types.bind(statement, &delta.by_type)
}

/// The per-type counts a statement has bound. A binding outlives the statement's reset, and
/// most of a row's 13 counts are zero, so only the counts that differ from the previous row's
/// are bound again: binding all of them was a third of the cost of writing a row.
#[derive(Default)]
struct TypeCountBindings {
    /// None until the statement's first row: a cached statement comes back with no bindings.
    bound: [Option<u32>; CONTRIBUTION_TYPES.len()],
}

impl TypeCountBindings {
    fn bind(
        &mut self,
        statement: &mut rusqlite::Statement<'_>,
        counts: &[u32; CONTRIBUTION_TYPES.len()],
    ) -> Result<()> {
        for (offset, (bound, &count)) in self.bound.iter_mut().zip(counts).enumerate() {
            if *bound != Some(count) {
                statement.raw_bind_parameter(TYPE_COUNTS_FROM + offset, count)?;
                *bound = Some(count);
            }
        }
        Ok(())
    }
}

/// Raises a `contributor_months` row's bot flag; its triggers pass it on to the rollups.
const CONTRIBUTOR_BOT: &str =
    "UPDATE contributor_months SET is_bot = 1 WHERE repo_id = ?1 AND month = ?2 AND actor_id = ?3 AND is_bot = 0";

/// Releases are published once; edits and deletions of a release are not new releases.
fn is_publication(action: Option<&str>) -> bool {
    !matches!(action, Some("edited" | "deleted" | "unpublished"))
}

impl RollupDelta {
    pub(super) fn add(&mut self, row: &EventRow) {
        let bot = i64::from(row.is_bot);
        let day = row.created_at.div_euclid(86_400);
        let counts = self.daily.entry((row.repo_id, day, row.kind.clone())).or_default();
        counts.0 += 1;
        counts.1 += bot;
        let hour = self.hourly.entry(row.created_at.div_euclid(3600)).or_insert(HourDelta {
            first_event_at: row.created_at,
            last_event_at: row.created_at,
            ..HourDelta::default()
        });
        hour.events += 1;
        hour.bot_events += bot;
        hour.first_event_at = hour.first_event_at.min(row.created_at);
        hour.last_event_at = hour.last_event_at.max(row.created_at);
        let hour_of_day = row.created_at.div_euclid(3600).rem_euclid(24) as u8;
        *self.repo_hours.entry((hour_of_day, row.repo_id, day)).or_default() += 1;
        self.add_item_facts(row);
        if is_contribution(&row.kind) {
            if self.last_month.0 != day {
                self.last_month = (day, month_start(day));
            }
            let contributor = self.contributors.entry((row.repo_id, self.last_month.1, row.actor_id)).or_default();
            contributor.events += 1;
            contributor.bot_events += u32::from(row.is_bot);
            if let Some(column) = contribution_column(&row.kind) {
                contributor.by_type[column] += 1;
            }
        }
        if let Some(tag) = &row.release_tag
            && row.kind == "ReleaseEvent"
            && is_publication(row.action.as_deref())
        {
            let release = self.releases.entry((row.repo_id, tag.clone())).or_insert((row.created_at, row.actor_id));
            if row.created_at < release.0 {
                *release = (row.created_at, row.actor_id);
            }
        }
    }

    fn add_item_facts(&mut self, row: &EventRow) {
        let Some(number) = row.number else { return };
        let (kind, lifecycle, response) = match row.kind.as_ref() {
            "PullRequestEvent" => (Some("pull_request"), true, false),
            "IssuesEvent" => (Some("issue"), true, false),
            "PullRequestReviewEvent" | "PullRequestReviewCommentEvent" => (Some("pull_request"), false, true),
            // Comments on issues and on pull requests look alike in event data.
            "IssueCommentEvent" => (None, false, true),
            _ => return,
        };
        let item = self.items.entry((row.repo_id, number)).or_default();
        // Issues and pull requests share numbers; any pull-request evidence wins, so the result
        // does not depend on the order hours are loaded in.
        if item.kind != Some("pull_request") {
            item.kind = kind.or(item.kind);
        }
        item.opened_at = earliest(item.opened_at, row.item_created_at);
        item.author_id = item.author_id.or(row.item_author_id);
        let action = row.action.as_deref();
        if lifecycle && action == Some("opened") {
            item.opened_at = earliest(item.opened_at, Some(row.created_at));
            item.author_id = Some(row.actor_id);
        }
        if lifecycle && action == Some("closed") && item.closed_at.is_none_or(|closed| row.created_at >= closed) {
            item.closed_at = Some(row.created_at);
            item.merged = if kind == Some("pull_request") { row.merged } else { None };
        }
        let by_someone_else = row.item_author_id.is_some_and(|author| author != row.actor_id);
        if response && by_someone_else && !row.is_bot {
            item.first_response_at = earliest(item.first_response_at, Some(row.created_at));
        }
    }

    /// Adds the deltas to the rollup tables (inside the unit's transaction). Rows go in key
    /// order, so each upsert walks its B-tree forwards instead of jumping around it.
    pub(super) fn write(&self, c: &rusqlite::Connection) -> Result<()> {
        let mut daily: Vec<_> = self.daily.iter().collect();
        daily.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut statement = c.prepare_cached(
            "INSERT INTO daily_repo_events (repo_id, day, type, events, bot_events) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (repo_id, day, type) DO UPDATE SET
                 events = events + excluded.events, bot_events = bot_events + excluded.bot_events",
        )?;
        for ((repo_id, day, kind), (events, bots)) in daily {
            statement.execute(params![repo_id, day, kind.as_ref(), events, bots])?;
        }
        // The workspace-wide daily rollup is the repository one summed over repositories.
        let mut by_type: HashMap<(i64, &str), (i64, i64)> = HashMap::new();
        for ((_, day, kind), (events, bots)) in &self.daily {
            let counts = by_type.entry((*day, kind.as_ref())).or_default();
            counts.0 += events;
            counts.1 += bots;
        }
        let mut by_type: Vec<_> = by_type.into_iter().collect();
        by_type.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut statement = c.prepare_cached(
            "INSERT INTO daily_type_events (day, type, events, bot_events) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day, type) DO UPDATE SET
                 events = events + excluded.events, bot_events = bot_events + excluded.bot_events",
        )?;
        for ((day, kind), (events, bots)) in by_type {
            statement.execute(params![day, kind, events, bots])?;
        }
        let mut statement = c.prepare_cached(
            "INSERT INTO hourly_events (hour, events, bot_events, first_event_at, last_event_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (hour) DO UPDATE SET
                 events = events + excluded.events,
                 bot_events = bot_events + excluded.bot_events,
                 first_event_at = min(first_event_at, excluded.first_event_at),
                 last_event_at = max(last_event_at, excluded.last_event_at)",
        )?;
        for (hour, delta) in &self.hourly {
            statement.execute(params![
                hour,
                delta.events,
                delta.bot_events,
                delta.first_event_at,
                delta.last_event_at
            ])?;
        }
        self.write_repo_hours(c)?;
        self.write_repo_months(c)?;
        self.write_work_items(c)?;
        self.write_contributors_and_releases(c)
    }

    /// One statement per hour of day, each adding to that hour's column: a unit is an hour, so
    /// nearly all its rows fall in one column, and binding all 24 would cost more than the rows.
    fn write_repo_hours(&self, c: &rusqlite::Connection) -> Result<()> {
        let mut rows: Vec<_> = self.repo_hours.iter().collect();
        rows.sort_unstable_by_key(|(key, _)| **key);
        for same_hour in rows.chunk_by(|a, b| a.0.0 == b.0.0) {
            let column = format!("h{:02}", same_hour[0].0.0);
            let mut statement = c.prepare(&format!(
                "INSERT INTO daily_repo_hours (repo_id, day, {column}) VALUES (?1, ?2, ?3)
                 ON CONFLICT (repo_id, day) DO UPDATE SET {column} = {column} + excluded.{column}"
            ))?;
            for ((_, repo_id, day), events) in same_hour {
                statement.execute(params![repo_id, day, events])?;
            }
        }
        Ok(())
    }

    /// Per repository and month, the daily deltas summed: the bounds the workspace-wide
    /// ranking of repositories starts from.
    fn write_repo_months(&self, c: &rusqlite::Connection) -> Result<()> {
        let mut months: HashMap<(i64, i64), (i64, i64)> = HashMap::new();
        for ((repo_id, day, kind), (events, _)) in &self.daily {
            let totals = months.entry((month_start(*day), *repo_id)).or_default();
            totals.0 += events;
            if kind == "WatchEvent" {
                totals.1 += events;
            }
        }
        let mut months: Vec<_> = months.into_iter().collect();
        months.sort_unstable_by_key(|(key, _)| *key);
        let mut statement = c.prepare_cached(
            "INSERT INTO monthly_repo_events (month, repo_id, events, stars) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (month, repo_id) DO UPDATE SET
                 events = events + excluded.events, stars = stars + excluded.stars",
        )?;
        for ((month, repo_id), (events, stars)) in months {
            statement.execute(params![month, repo_id, events, stars])?;
        }
        Ok(())
    }

    /// Items new to the workspace go in with a plain insert, which fires no trigger and says
    /// that they are new; their opening and closing days are counted here (migration
    /// 20261208020000 dropped the insert trigger that did it row by row). Items already there
    /// are upserted in chunks: their update trigger moves them between days when needed.
    fn write_work_items(&self, c: &rusqlite::Connection) -> Result<()> {
        let mut items: Vec<_> = self.items.iter().collect();
        items.sort_unstable_by_key(|(key, _)| **key);
        let mut insert = c.prepare_cached(
            "INSERT INTO work_items (repo_id, number, kind, opened_at, closed_at, merged, author_id, first_response_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (repo_id, number) DO NOTHING",
        )?;
        let mut existing = Vec::new();
        let mut days: Vec<ItemDayDelta> = Vec::new();
        for &(&(repo_id, number), item) in &items {
            let new = insert.execute(params![
                repo_id,
                number,
                item.kind,
                item.opened_at,
                item.closed_at,
                item.merged,
                item.author_id,
                item.first_response_at
            ])? == 1;
            if !new {
                existing.push((repo_id, number, item));
                continue;
            }
            // Counted by kind: an item whose kind no event told yet is in no day.
            let Some(kind) = item.kind else { continue };
            if let Some(opened_at) = item.opened_at {
                days.push(((repo_id, kind, opened_at / 86_400), [1, 0, 0, 0]));
            }
            if let Some(closed_at) = item.closed_at {
                let [merged, unmerged, unknown] =
                    item.merged.map_or([0, 0, 1], |merged| [i64::from(merged), i64::from(!merged), 0]);
                days.push(((repo_id, kind, closed_at / 86_400), [0, merged, unmerged, unknown]));
            }
        }
        write_work_item_days(c, days)?;
        // SET expressions see the row as it was, so `merged` can compare the old closed_at.
        let statement = (
            "INSERT INTO work_items (repo_id, number, kind, opened_at, closed_at, merged, author_id, first_response_at) VALUES ",
            8,
            " ON CONFLICT (repo_id, number) DO UPDATE SET
                 kind = CASE WHEN 'pull_request' IN (excluded.kind, work_items.kind) THEN 'pull_request'
                             ELSE coalesce(excluded.kind, work_items.kind) END,
                 opened_at = coalesce(min(work_items.opened_at, excluded.opened_at), work_items.opened_at, excluded.opened_at),
                 merged = CASE WHEN excluded.closed_at IS NOT NULL
                                AND (work_items.closed_at IS NULL OR excluded.closed_at >= work_items.closed_at)
                               THEN excluded.merged ELSE work_items.merged END,
                 closed_at = coalesce(max(work_items.closed_at, excluded.closed_at), work_items.closed_at, excluded.closed_at),
                 author_id = coalesce(work_items.author_id, excluded.author_id),
                 first_response_at = coalesce(min(work_items.first_response_at, excluded.first_response_at),
                                              work_items.first_response_at, excluded.first_response_at)",
        );
        upsert_in_chunks(c, statement, &existing, |row, (repo_id, number, item)| {
            row.value(repo_id)?
                .value(number)?
                .value(item.kind)?
                .value(item.opened_at)?
                .value(item.closed_at)?
                .value(item.merged)?
                .value(item.author_id)?
                .value(item.first_response_at)?;
            Ok(())
        })
    }

    fn write_contributors_and_releases(&self, c: &rusqlite::Connection) -> Result<()> {
        let mut contributors: Vec<_> = self.contributors.iter().collect();
        contributors.sort_unstable_by_key(|(key, _)| **key);
        // One statement per row: the table has no insert triggers, and a plain insert says
        // whether the row is new (decision 0010).
        let (insert, update) = &*CONTRIBUTOR_STATEMENTS;
        let (mut insert, mut update) = (c.prepare_cached(insert)?, c.prepare_cached(update)?);
        let mut raise_bot = c.prepare_cached(CONTRIBUTOR_BOT)?;
        let (mut insert_types, mut update_types) = (TypeCountBindings::default(), TypeCountBindings::default());
        let mut created = Vec::new();
        for &(&(repo_id, month, actor_id), delta) in &contributors {
            let is_bot = delta.is_bot();
            bind_contributor_counts(&mut insert, repo_id, month, actor_id, delta, &mut insert_types)?;
            insert.raw_bind_parameter(TYPE_COUNTS_FROM + CONTRIBUTION_TYPES.len(), is_bot)?;
            if insert.raw_execute()? == 1 {
                created.push(NewContributor { repo_id, month, actor_id, is_bot });
            } else {
                bind_contributor_counts(&mut update, repo_id, month, actor_id, delta, &mut update_types)?;
                update.raw_execute()?;
                if is_bot {
                    raise_bot.execute(params![repo_id, month, actor_id])?;
                }
            }
        }
        write_new_contributors(c, created)?;
        // The earliest publication wins, whatever order hours load in.
        let mut statement = c.prepare_cached(
            "INSERT INTO releases (repo_id, tag, published_at, actor_id) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (repo_id, tag) DO UPDATE SET
                 actor_id = CASE WHEN excluded.published_at < published_at THEN excluded.actor_id ELSE actor_id END,
                 published_at = min(published_at, excluded.published_at)",
        )?;
        for ((repo_id, tag), (published_at, actor_id)) in &self.releases {
            statement.execute(params![repo_id, tag.as_ref(), published_at, actor_id])?;
        }
        Ok(())
    }
}

/// An account's first contributing events in a repository and month.
#[derive(Debug, Clone, Copy)]
struct NewContributor {
    repo_id: i64,
    month: i64,
    actor_id: i64,
    is_bot: bool,
}

/// What new `contributor_months` rows add to the workspace and repository contributor rollups.
/// Per-row triggers did this until migration 20261208000000: about 4.5 µs a row, a third of a
/// busy hour's serial commit. Here each table gets one statement per key, in its key order.
/// Rows that already existed need nothing here: counts only change with new rows, and a bot
/// flag that rises is still passed on by the `AFTER UPDATE OF is_bot` triggers.
fn write_new_contributors(c: &rusqlite::Connection, mut created: Vec<NewContributor>) -> Result<()> {
    write_workspace_contributors(c, &mut created)?;
    write_repository_contributors(c, &mut created)
}

/// An account counts once a month in the workspace, as a bot if it was one in any repository;
/// its first month there is kept too.
fn write_workspace_contributors(c: &rusqlite::Connection, created: &mut [NewContributor]) -> Result<()> {
    created.sort_unstable_by_key(|row| (row.month, row.actor_id));
    // Plain single-row statements: these tables fire no triggers on insert (decision 0010).
    let mut insert = c.prepare_cached(
        "INSERT INTO workspace_contributor_months (month, actor_id, is_bot) VALUES (?1, ?2, ?3)
         ON CONFLICT (month, actor_id) DO NOTHING",
    )?;
    // Its trigger passes the flag on to the month's count and the account's first month.
    let mut raise_bot = c.prepare_cached(
        "UPDATE workspace_contributor_months SET is_bot = 1 WHERE month = ?1 AND actor_id = ?2 AND is_bot = 0",
    )?;
    let mut first = c.prepare_cached(
        "INSERT INTO workspace_contributor_firsts (actor_id, first_month, first_is_bot) VALUES (?1, ?2, ?3)
         ON CONFLICT (actor_id) DO UPDATE SET first_month = excluded.first_month, first_is_bot = excluded.first_is_bot
         WHERE excluded.first_month < first_month",
    )?;
    let mut months: Vec<(i64, i64, i64)> = Vec::new(); // (month, new contributors, of them bots)
    for same in created.chunk_by(|a, b| (a.month, a.actor_id) == (b.month, b.actor_id)) {
        let (month, actor_id) = (same[0].month, same[0].actor_id);
        let is_bot = same.iter().any(|row| row.is_bot);
        if insert.execute(params![month, actor_id, is_bot])? == 1 {
            match months.last_mut() {
                Some(last) if last.0 == month => {
                    last.1 += 1;
                    last.2 += i64::from(is_bot);
                }
                _ => months.push((month, 1, i64::from(is_bot))),
            }
            // Months go in order, so an account's earliest month of this unit comes first.
            first.execute(params![actor_id, month, is_bot])?;
        } else if is_bot {
            raise_bot.execute(params![month, actor_id])?;
        }
    }
    let mut counts = c.prepare_cached(
        "INSERT INTO workspace_contributor_counts (month, contributors, bots) VALUES (?1, ?2, ?3)
         ON CONFLICT (month) DO UPDATE SET contributors = contributors + excluded.contributors,
             bots = bots + excluded.bots",
    )?;
    for (month, contributors, bots) in months {
        counts.execute(params![month, contributors, bots])?;
    }
    Ok(())
}

/// Per repository: each month's contributors, and each account's first month there with the
/// month's newcomers.
fn write_repository_contributors(c: &rusqlite::Connection, created: &mut [NewContributor]) -> Result<()> {
    created.sort_unstable_by_key(|row| (row.repo_id, row.actor_id, row.month));
    let mut insert_first = c.prepare_cached(
        "INSERT INTO repository_contributor_firsts (repo_id, actor_id, first_month, first_is_bot)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (repo_id, actor_id) DO NOTHING",
    )?;
    // An account already there, first seen later (hours loaded out of order): its trigger
    // moves the newcomer from that month's count to this one's.
    let mut move_first = c.prepare_cached(
        "UPDATE repository_contributor_firsts SET first_month = ?3, first_is_bot = ?4
         WHERE repo_id = ?1 AND actor_id = ?2 AND first_month > ?3",
    )?;
    // (repo_id, month) -> [contributors, bots, newcomers, newcomers who are bots]
    let mut counts: Vec<((i64, i64), [i64; 4])> = Vec::with_capacity(created.len());
    for same in created.chunk_by(|a, b| (a.repo_id, a.actor_id) == (b.repo_id, b.actor_id)) {
        let earliest = same[0];
        let bot = i64::from(earliest.is_bot);
        if insert_first.execute(params![earliest.repo_id, earliest.actor_id, earliest.month, earliest.is_bot])? == 1 {
            counts.push(((earliest.repo_id, earliest.month), [0, 0, 1, bot]));
        } else {
            move_first.execute(params![earliest.repo_id, earliest.actor_id, earliest.month, earliest.is_bot])?;
        }
        counts.extend(same.iter().map(|row| ((row.repo_id, row.month), [1, i64::from(row.is_bot), 0, 0])));
    }
    counts.sort_unstable_by_key(|(key, _)| *key);
    let mut statement = c.prepare_cached(
        "INSERT INTO repository_contributor_counts (repo_id, month, contributors, bots, new_contributors, new_bots)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (repo_id, month) DO UPDATE SET
             contributors = contributors + excluded.contributors, bots = bots + excluded.bots,
             new_contributors = new_contributors + excluded.new_contributors,
             new_bots = new_bots + excluded.new_bots",
    )?;
    for same in counts.chunk_by(|a, b| a.0 == b.0) {
        let ((repo_id, month), mut sums) = (same[0].0, [0; 4]);
        for (_, add) in same {
            for (sum, value) in sums.iter_mut().zip(add) {
                *sum += value;
            }
        }
        statement.execute(params![repo_id, month, sums[0], sums[1], sums[2], sums[3]])?;
    }
    Ok(())
}

/// (repo_id, kind, day) -> [opened, closed merged, closed unmerged, closed unknown]
type ItemDayDelta = ((i64, &'static str, i64), [i64; 4]);

/// Adds new items' opening and closing days to `work_item_days`, one statement per day.
fn write_work_item_days(c: &rusqlite::Connection, mut days: Vec<ItemDayDelta>) -> Result<()> {
    days.sort_unstable_by_key(|(key, _)| *key);
    let mut statement = c.prepare_cached(
        "INSERT INTO work_item_days (repo_id, kind, day, opened, closed_merged, closed_unmerged, closed_unknown)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (repo_id, kind, day) DO UPDATE SET
             opened = opened + excluded.opened,
             closed_merged = closed_merged + excluded.closed_merged,
             closed_unmerged = closed_unmerged + excluded.closed_unmerged,
             closed_unknown = closed_unknown + excluded.closed_unknown",
    )?;
    for same in days.chunk_by(|a, b| a.0 == b.0) {
        let ((repo_id, kind, day), mut sums) = (same[0].0, [0; 4]);
        for (_, add) in same {
            for (sum, value) in sums.iter_mut().zip(add) {
                *sum += value;
            }
        }
        statement.execute(params![repo_id, kind, day, sums[0], sums[1], sums[2], sums[3]])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_match_agrees_with_the_type_list() {
        for (position, (kind, _)) in CONTRIBUTION_TYPES.iter().enumerate() {
            assert_eq!(contribution_column(kind), Some(position), "{kind}");
        }
        for other in ["WatchEvent", "ForkEvent", "GistEvent", "SponsorshipEvent", ""] {
            assert_eq!(contribution_column(other), None, "{other}");
        }
    }
}
