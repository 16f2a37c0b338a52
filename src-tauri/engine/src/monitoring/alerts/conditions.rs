//! What each rule kind checks. Every check returns the conditions that hold now, each with a
//! key naming what it is about; the log keeps one firing per key.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{AlertKind, AlertRule, Severity};
use crate::error::Result;
use crate::monitoring::coverage::{HourCause, MAX_REPORT_HOURS, coverage_report};
use crate::store::Store;
use crate::time::{HourRange, UtcHour, day_label, month_start};

/// A condition that holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Firing {
    pub key: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
}

/// Spikes are looked for on the last this many days with data of each repository...
pub const SPIKE_WINDOW_DAYS: i64 = 14;
/// ...against the median of this many days before each.
pub const SPIKE_BASELINE_DAYS: i64 = 28;
/// Fewer days of history than this and a repository is not judged yet.
const SPIKE_MIN_HISTORY: usize = 7;
/// A spike needs at least this many events (or stars) that day: 3 stars against a median of
/// 0 is not news.
const SPIKE_MIN_EVENTS: i64 = 20;
const SPIKE_MIN_STARS: i64 = 10;
/// Error text quoted in a run alert is cut to this many characters.
const ERROR_EXCERPT: usize = 300;

pub(super) async fn check(store: &Store, rule: &AlertRule, now: i64) -> Result<Vec<Firing>> {
    let threshold = rule.threshold.unwrap_or_default();
    match rule.kind {
        AlertKind::RunFailed => failed_runs(store, rule.created_at).await,
        AlertKind::BigqueryBudget => bigquery_budget(store, threshold, now).await,
        AlertKind::GithubRateLimit => github_rate_limit(store, threshold, rule.created_at).await,
        AlertKind::DataGap => data_gaps(store).await,
        AlertKind::ActivitySpike => spikes(store, rule, Spike::Activity).await,
        AlertKind::StarSpike => spikes(store, rule, Spike::Stars).await,
    }
}

/// Runs that ended failed or with errors after the rule was made (older failures are history,
/// not news).
async fn failed_runs(store: &Store, since: i64) -> Result<Vec<Firing>> {
    let rows: Vec<(i64, String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, source, status, error, units_failed FROM runs
         WHERE status IN ('failed', 'completed_with_errors') AND finished_at >= ?1 ORDER BY id",
    )
    .bind(since)
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, source, status, error, units_failed)| {
            let failed = status == "failed";
            let mut message = if failed {
                format!("The {source} run {id} failed.")
            } else {
                format!("The {source} run {id} completed, but {units_failed} unit(s) failed.")
            };
            if let Some(error) = error.filter(|e| !e.is_empty()) {
                let excerpt: String = error.chars().take(ERROR_EXCERPT).collect();
                message.push(' ');
                message.push_str(excerpt.trim_end());
                if !message.ends_with('.') {
                    message.push('.');
                }
            }
            message.push_str(&format!(" See `octoscope runs show {id}`."));
            Firing {
                key: format!("run:{id}"),
                severity: if failed { Severity::Critical } else { Severity::Warning },
                title: format!("Run {id} {}", if failed { "failed" } else { "completed with errors" }),
                message,
            }
        })
        .collect())
}

async fn bigquery_budget(store: &Store, percent: f64, now: i64) -> Result<Vec<Firing>> {
    let policy = crate::settings::bigquery_policy(store).await?;
    if policy.month_budget <= 0.0 {
        return Ok(Vec::new());
    }
    let month_day = month_start(now.div_euclid(86_400));
    let spent = store.bigquery_spending_since(month_day * 86_400).await?;
    let share = 100.0 * spent / policy.month_budget;
    if share < percent {
        return Ok(Vec::new());
    }
    let month = &day_label(month_day)[..7];
    Ok(vec![Firing {
        key: format!("{month}:{percent}"),
        severity: if share >= 100.0 { Severity::Critical } else { Severity::Warning },
        title: format!("BigQuery spend at {share:.0}% of the monthly budget"),
        message: format!(
            "${spent:.2} of the ${:.2} monthly BigQuery budget is spent in {month} ({share:.0}%, the rule warns at {percent}%). Collections that would pass the budget are refused; raise it in Settings if you mean to spend more.",
            policy.month_budget
        ),
    }])
}

/// GitHub runs (made after the rule) whose answers reported under `percent` of the limit left.
async fn github_rate_limit(store: &Store, percent: f64, since: i64) -> Result<Vec<Firing>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT run_id, min(rate_remaining), max(rate_limit) FROM http_requests
         WHERE source = 'github' AND rate_remaining IS NOT NULL AND rate_limit > 0 AND at >= ?1
         GROUP BY run_id ORDER BY run_id",
    )
    .bind(since)
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter(|&(_, remaining, limit)| (remaining as f64) < percent / 100.0 * limit as f64)
        .map(|(run_id, remaining, limit)| Firing {
            // The threshold is part of the condition: a stricter rule fires on its own.
            key: format!("run:{run_id}:{percent}"),
            severity: Severity::Warning,
            title: format!("GitHub rate limit low: {remaining} of {limit} left"),
            message: format!(
                "Run {run_id} left {remaining} of {limit} GitHub requests this hour (under {percent}%). Later collections wait for the limit to reset."
            ),
        })
        .collect())
}

/// Days with hours missing from the archive, failed, or far under their usual count, wherever
/// the workspace has collected hours (the report is read per stretch of collected days, so
/// recent API events do not push an old archive gap out of reach).
async fn data_gaps(store: &Store) -> Result<Vec<Firing>> {
    let days: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT hour / 24 FROM coverage ORDER BY 1").fetch_all(store.pool()).await?;
    let max_days = (MAX_REPORT_HOURS / 24) as i64;
    let mut stretches: Vec<(i64, i64)> = Vec::new();
    for day in days {
        match stretches.last_mut() {
            Some((first, end)) if *end == day && day - *first < max_days => *end = day + 1,
            _ => stretches.push((day, day + 1)),
        }
    }
    let mut hours = Vec::new();
    for (first, end) in stretches {
        let range = HourRange { from: UtcHour(first * 24), to: UtcHour(end * 24) };
        hours.extend(coverage_report(store, range).await?.hours);
    }
    let mut by_day: BTreeMap<String, BTreeMap<&'static str, Vec<String>>> = BTreeMap::new();
    for hour in &hours {
        let Some(cause) = hour.cause.filter(|c| c.is_gap()) else { continue };
        let label = match cause {
            HourCause::NotInArchive => "missing from the archive",
            HourCause::Failed => "failed to collect",
            _ => "far under their usual count (capture drop)",
        };
        let (day, hh) = hour.hour.split_once('T').unwrap_or((&hour.hour, ""));
        by_day.entry(day.to_owned()).or_default().entry(label).or_default().push(hh.to_owned());
    }
    Ok(by_day
        .into_iter()
        .map(|(day, causes)| {
            let hours: usize = causes.values().map(Vec::len).sum();
            let parts: Vec<String> = causes
                .iter()
                .map(|(label, hh)| format!("{} hour(s) {label} ({}:00)", hh.len(), hh.join(":00, ")))
                .collect();
            Firing {
                key: format!("day:{day}"),
                severity: Severity::Warning,
                title: format!("Data gap on {day}: {hours} hour(s)"),
                message: format!("{day} (UTC): {}. `octoscope coverage` shows every hour.", parts.join("; ")),
            }
        })
        .collect())
}

#[derive(Debug, Clone, Copy)]
enum Spike {
    Activity,
    Stars,
}

/// The repositories a spike rule watches: the one it names, or every repository a collection
/// was scoped to (by name, or through its organisation) or has GitHub metadata for.
async fn tracked_repos(store: &Store, rule: &AlertRule) -> Result<Vec<(i64, String)>> {
    if let Some(name) = &rule.repo {
        return repos_named(store, std::slice::from_ref(name)).await;
    }
    let keys: Vec<String> = sqlx::query_scalar("SELECT DISTINCT scope_key FROM runs WHERE scope_key != '*'")
        .fetch_all(store.pool())
        .await?;
    let (mut names, mut orgs) = (BTreeSet::new(), BTreeSet::new());
    for key in &keys {
        for part in key.split(';') {
            match part.split_once('=') {
                Some(("repos", list)) => names.extend(list.split(',').filter(|s| !s.is_empty()).map(str::to_owned)),
                Some(("orgs", list)) => orgs.extend(list.split(',').filter(|s| !s.is_empty()).map(str::to_owned)),
                _ => {}
            }
        }
    }
    let mut tracked: BTreeMap<i64, String> = BTreeMap::new();
    let names: Vec<String> = names.into_iter().collect();
    tracked.extend(repos_named(store, &names).await?);
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.id, r.full_name FROM repositories r
         WHERE r.id IN (SELECT repo_id FROM repo_snapshots)
            OR lower(substr(r.full_name, 1, instr(r.full_name, '/') - 1)) IN (SELECT value FROM json_each(?1))",
    )
    .bind(serde_json::to_string(&orgs.into_iter().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into()))
    .fetch_all(store.pool())
    .await?;
    tracked.extend(rows);
    Ok(tracked.into_iter().collect())
}

/// The repositories known under any of `names` (current or former), with their current name.
async fn repos_named(store: &Store, names: &[String]) -> Result<Vec<(i64, String)>> {
    let lowered: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    Ok(sqlx::query_as(
        "SELECT DISTINCT r.id, r.full_name FROM repository_names n JOIN repositories r ON r.id = n.repo_id
         WHERE lower(n.full_name) IN (SELECT value FROM json_each(?1)) AND r.id > 0 ORDER BY r.id",
    )
    .bind(serde_json::to_string(&lowered).unwrap_or_else(|_| "[]".into()))
    .fetch_all(store.pool())
    .await?)
}

async fn spikes(store: &Store, rule: &AlertRule, spike: Spike) -> Result<Vec<Firing>> {
    let times = rule.threshold.unwrap_or(5.0);
    let mut firings = Vec::new();
    for (repo_id, name) in tracked_repos(store, rule).await? {
        let daily = daily_counts(store, repo_id, spike).await?;
        let Some(&last_day) = daily.keys().next_back() else { continue };
        let first_day = *daily.keys().next().unwrap_or(&last_day);
        for day in (last_day - SPIKE_WINDOW_DAYS + 1).max(first_day)..=last_day {
            let value = daily.get(&day).copied().unwrap_or(0);
            let floor = match spike {
                Spike::Activity => SPIKE_MIN_EVENTS,
                Spike::Stars => SPIKE_MIN_STARS,
            };
            if value < floor {
                continue;
            }
            // Days before the repository's first data are unknown, not zero.
            let mut baseline: Vec<i64> = ((day - SPIKE_BASELINE_DAYS).max(first_day)..day)
                .map(|d| daily.get(&d).copied().unwrap_or(0))
                .collect();
            if baseline.len() < SPIKE_MIN_HISTORY {
                continue;
            }
            let median = crate::stats::median(&mut baseline);
            if (value as f64) < times * median.max(1.0) {
                continue;
            }
            let (noun, kind) = match spike {
                Spike::Activity => ("events", "activity"),
                Spike::Stars => ("new stars", "star"),
            };
            let date = day_label(day);
            firings.push(Firing {
                key: format!("{repo_id}:{date}:{times}"),
                severity: Severity::Info,
                title: format!("{name}: {kind} spike on {date}"),
                message: format!(
                    "{name} had {value} {noun} on {date} (UTC), {:.1}× its median of {median} over the {} days before (the rule fires at {times}×).",
                    value as f64 / median.max(1.0),
                    baseline.len()
                ),
            });
        }
    }
    Ok(firings)
}

/// Events (or new stars) per day of one repository. Stars take the larger of the WatchEvents
/// collected and GitHub's star history for the day, since either can be partial.
async fn daily_counts(store: &Store, repo_id: i64, spike: Spike) -> Result<BTreeMap<i64, i64>> {
    let sql = match spike {
        Spike::Activity => "SELECT day, sum(events) FROM daily_repo_events WHERE repo_id = ?1 GROUP BY day",
        Spike::Stars => {
            "SELECT day, max(n) FROM (
                 SELECT day, events AS n FROM daily_repo_events WHERE repo_id = ?1 AND type = 'WatchEvent'
                 UNION ALL SELECT day, stars FROM star_days WHERE repo_id = ?1)
             GROUP BY day"
        }
    };
    let rows: Vec<(i64, i64)> = sqlx::query_as(sql).bind(repo_id).fetch_all(store.pool()).await?;
    let counts: HashMap<i64, i64> = rows.into_iter().collect();
    Ok(counts.into_iter().collect())
}
