//! Planning a BigQuery collection: table groups for the hours not collected yet, one query per
//! group, each dry-run for its bytes, priced, and checked against the budgets. Nothing billed.

use chrono::{Datelike, NaiveDate};
use tokio_util::sync::CancellationToken;

use super::client::BigQueryClient;
use super::cost::{CostPolicy, billed_bytes, check_budgets};
use super::query::{Mode, SqlFilter, TableGroup, build, table_groups};
use super::{DATASET_PROJECT, SOURCE};
use crate::error::{EngineError, Result};
use crate::pipeline::UnitPlanState;
use crate::scope::Scope;
use crate::store::Store;
use crate::time::{GHARCHIVE_FIRST_HOUR, HourRange, UtcHour};

/// Which mode the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeChoice {
    Fixed(Mode),
    /// Events when they fit the run budget, else daily counts.
    Auto,
}

/// One query of the plan.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BigQueryUnit {
    pub key: String,
    pub group: TableGroup,
    #[serde(flatten)]
    pub state: UnitPlanState,
    /// Bytes the dry run says the query processes (0 for units already done).
    pub bytes_processed: u64,
    /// What BigQuery bills for it: rounded up per MB, at least 10 MB per table.
    pub bytes_billed: u64,
    pub dollars: f64,
    /// Where an interrupted earlier run left this unit (a job and result page).
    #[serde(skip)]
    pub checkpoint: Option<String>,
}

/// A plan, ready to show and to run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BigQueryPlan {
    pub scope: Scope,
    pub scope_key: String,
    pub mode: Mode,
    /// Why auto chose daily counts, when it did.
    pub mode_reason: Option<String>,
    pub filter: SqlFilter,
    pub dataset_project: String,
    pub units: Vec<BigQueryUnit>,
    #[serde(skip)]
    pub policy: CostPolicy,
    pub spent_this_month: f64,
    /// Why the budgets refuse this plan, if they do.
    pub refused: Option<String>,
}

/// The plan in numbers, for the CLI's and the app's plan views.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BigQueryPlanSummary {
    pub scope_key: String,
    pub mode: Mode,
    pub mode_reason: Option<String>,
    pub units_total: u64,
    pub units_to_run: u64,
    pub tables: u64,
    pub bytes_processed: u64,
    pub bytes_billed: u64,
    pub dollars: f64,
    pub price_per_tib: f64,
    pub run_budget: f64,
    pub month_budget: f64,
    pub spent_this_month: f64,
    /// Repositories matched by id (cheap) and by name (their ids are not known locally yet).
    pub repos_by_id: u64,
    pub repos_by_name: u64,
    pub refused: Option<String>,
}

impl BigQueryPlan {
    pub fn to_run(&self) -> impl Iterator<Item = &BigQueryUnit> {
        self.units.iter().filter(|u| u.state != UnitPlanState::Done)
    }

    pub fn dollars(&self) -> f64 {
        self.to_run().map(|u| u.dollars).sum()
    }

    pub fn summary(&self) -> BigQueryPlanSummary {
        BigQueryPlanSummary {
            scope_key: self.scope_key.clone(),
            mode: self.mode,
            mode_reason: self.mode_reason.clone(),
            units_total: self.units.len() as u64,
            units_to_run: self.to_run().count() as u64,
            tables: self.to_run().map(|u| u.group.tables.count()).sum(),
            bytes_processed: self.to_run().map(|u| u.bytes_processed).sum(),
            bytes_billed: self.to_run().map(|u| u.bytes_billed).sum(),
            dollars: self.dollars(),
            price_per_tib: self.policy.price_per_tib,
            run_budget: self.policy.run_budget,
            month_budget: self.policy.month_budget,
            spent_this_month: self.spent_this_month,
            repos_by_id: self.scope.filter.repos.len() as u64 - self.filter.repo_names.len() as u64,
            repos_by_name: self.filter.repo_names.len() as u64,
            refused: self.refused.clone(),
        }
    }
}

/// The unit key of a group: mode and hour range, so a rerun of an overlapping range finds the
/// hours it already has.
pub fn unit_key(mode: Mode, hours: &HourRange) -> String {
    format!("{}:{}..{}", mode.as_str(), hours.from, hours.to)
}

fn parse_unit_key(key: &str) -> Option<(Mode, HourRange)> {
    let (mode, range) = key.split_once(':')?;
    let (from, to) = range.split_once("..")?;
    Some((Mode::parse(mode)?, HourRange::new(UtcHour::parse(from).ok()?, UtcHour::parse(to).ok()?).ok()?))
}

/// `range` without the hours in `done`, as sorted, disjoint ranges.
fn subtract(range: HourRange, done: &[HourRange]) -> Vec<HourRange> {
    let mut left = vec![range];
    for cut in done {
        left = left
            .into_iter()
            .flat_map(|r| {
                let mut parts = Vec::new();
                if cut.from > r.from {
                    parts.push(HourRange { from: r.from, to: r.to.min(cut.from) });
                }
                if cut.to < r.to {
                    parts.push(HourRange { from: r.from.max(cut.to), to: r.to });
                }
                parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>()
            })
            .collect();
    }
    left
}

/// Whether BigQuery's tables can hold `range`: GH Archive's history up to yesterday (today's
/// day table is still being written).
pub fn check_range(range: &HourRange, today: NaiveDate) -> Result<()> {
    if range.from < GHARCHIVE_FIRST_HOUR {
        return Err(EngineError::InvalidInput(format!(
            "githubarchive starts at {GHARCHIVE_FIRST_HOUR}; {} is before it",
            range.from
        )));
    }
    let today_start = UtcHour(today.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()) / 3600);
    if range.to > today_start {
        return Err(EngineError::InvalidInput(format!(
            "--to {} is after the start of today ({today_start}): BigQuery's table for today is still being written; \
             collect today's hours from GH Archive or the GitHub API",
            range.to
        )));
    }
    if range.len() > crate::pipeline::MAX_PLAN_HOURS {
        return Err(EngineError::InvalidInput(format!(
            "{}..{} spans more than ten years; split it into several collections",
            range.from, range.to
        )));
    }
    Ok(())
}

/// Daily counts are whole days: a partial day's count would replace the day's full count.
fn whole_days(range: HourRange) -> HourRange {
    HourRange { from: UtcHour(range.from.0.div_euclid(24) * 24), to: UtcHour((range.to.0 + 23).div_euclid(24) * 24) }
}

/// The SQL filter for a scope: event queries match names exactly as GH Archive's filter does;
/// daily counts match repositories by id where the workspace knows it (8 bytes a row instead of
/// the name's ~25, and it follows renames).
async fn sql_filter(store: &Store, scope: &Scope, mode: Mode) -> Result<SqlFilter> {
    let mut filter = SqlFilter {
        orgs: scope.filter.orgs.iter().map(|o| o.as_str().to_ascii_lowercase()).collect(),
        ..SqlFilter::default()
    };
    for repo in &scope.filter.repos {
        let ids = if mode == Mode::DailyCounts { store.repo_ids_named(&repo.to_string()).await? } else { Vec::new() };
        if ids.is_empty() {
            filter.repo_names.push(repo.to_string().to_ascii_lowercase());
        } else {
            filter.repo_ids.extend(ids);
        }
    }
    filter.repo_ids.sort_unstable();
    filter.repo_ids.dedup();
    Ok(filter)
}

/// Everything planning needs besides the store and the client.
#[derive(Debug, Clone)]
pub struct PlanRequest {
    pub scope: Scope,
    pub mode: ModeChoice,
    pub policy: CostPolicy,
    /// `githubarchive`, or a test dataset's project.
    pub dataset_project: String,
    pub today: NaiveDate,
}

impl PlanRequest {
    pub fn new(scope: Scope, mode: ModeChoice, policy: CostPolicy) -> Self {
        let today = chrono::Utc::now().date_naive();
        PlanRequest { scope, mode, policy, dataset_project: DATASET_PROJECT.to_owned(), today }
    }
}

/// Plans `request`: dry-runs every query still to run (free) and checks the budgets.
pub async fn plan_bigquery(
    store: &Store,
    client: &BigQueryClient,
    request: &PlanRequest,
    cancel: &CancellationToken,
) -> Result<BigQueryPlan> {
    check_range(&request.scope.range, request.today)?;
    let month_start =
        request.today.with_day0(0).and_then(|d| d.and_hms_opt(0, 0, 0)).map_or(0, |t| t.and_utc().timestamp());
    let spent_this_month = store.bigquery_spending_since(month_start).await?;
    let first_mode = match request.mode {
        ModeChoice::Fixed(mode) => mode,
        ModeChoice::Auto if request.scope.filter.is_everything() => Mode::DailyCounts,
        ModeChoice::Auto => Mode::Events,
    };
    let mut plan = plan_mode(store, client, request, first_mode, spent_this_month, cancel).await?;
    if request.mode == ModeChoice::Auto && request.scope.filter.is_everything() {
        plan.mode_reason = Some("all of GitHub is too much to bring home event by event".to_owned());
    }
    if request.mode == ModeChoice::Auto && first_mode == Mode::Events && plan.refused.is_some() {
        let counts = plan_mode(store, client, request, Mode::DailyCounts, spent_this_month, cancel).await?;
        if counts.refused.is_none() {
            let reason = format!(
                "events would cost about ${:.2}, over the budget; daily counts cost about ${:.2}",
                plan.dollars(),
                counts.dollars()
            );
            plan = BigQueryPlan { mode_reason: Some(reason), ..counts };
        }
    }
    Ok(plan)
}

async fn plan_mode(
    store: &Store,
    client: &BigQueryClient,
    request: &PlanRequest,
    mode: Mode,
    spent_this_month: f64,
    cancel: &CancellationToken,
) -> Result<BigQueryPlan> {
    let scope_key = request.scope.filter.key();
    let range = if mode == Mode::DailyCounts { whole_days(request.scope.range) } else { request.scope.range };
    let states = store.unit_states(SOURCE, &scope_key).await?;
    let mut checkpoints = store.scoped_checkpoints(SOURCE, &scope_key).await?;
    let done: Vec<HourRange> = states
        .iter()
        .filter(|(_, state)| state.as_str() == "done")
        .filter_map(|(key, _)| parse_unit_key(key))
        .filter(|(m, _)| *m == mode)
        .map(|(_, r)| r)
        .collect();
    let filter = sql_filter(store, &request.scope, mode).await?;
    let mut units = Vec::new();
    for part in subtract(range, &done) {
        for group in table_groups(&part, request.today) {
            let key = unit_key(mode, &group.hours);
            let state = match states.get(&key).map(String::as_str) {
                None => UnitPlanState::New,
                Some(previous) => UnitPlanState::Retry { previous: previous.to_owned() },
            };
            let checkpoint = checkpoints.remove(&key);
            units.push(BigQueryUnit {
                key,
                group,
                state,
                bytes_processed: 0,
                bytes_billed: 0,
                dollars: 0.0,
                checkpoint,
            });
        }
    }
    // One at a time: dry runs are free and take well under a second, and a plan has few units
    // (one per year, month or run of days).
    for unit in &mut units {
        let query = build(mode, &unit.group, &filter, &request.dataset_project);
        unit.bytes_processed = client.dry_run(&query, cancel).await?;
        unit.bytes_billed = billed_bytes(unit.bytes_processed, unit.group.tables.count());
        unit.dollars = request.policy.dollars(unit.bytes_billed);
    }
    let mut plan = BigQueryPlan {
        scope: request.scope.clone(),
        scope_key,
        mode,
        mode_reason: None,
        filter,
        dataset_project: request.dataset_project.clone(),
        units,
        policy: request.policy,
        spent_this_month,
        refused: None,
    };
    plan.refused = check_budgets(&request.policy, plan.dollars(), spent_this_month).err().map(|e| e.to_string());
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: &str, to: &str) -> HourRange {
        HourRange::new(UtcHour::parse(from).unwrap(), UtcHour::parse(to).unwrap()).unwrap()
    }

    #[test]
    fn unit_keys_round_trip_and_done_hours_are_left_out() {
        let key = unit_key(Mode::Events, &range("2024-01-15T00", "2024-01-17T00"));
        assert_eq!(key, "events:2024-01-15T00..2024-01-17T00");
        assert_eq!(parse_unit_key(&key), Some((Mode::Events, range("2024-01-15T00", "2024-01-17T00"))));
        let left = subtract(range("2024-01-01T00", "2024-02-01T00"), &[range("2024-01-10T00", "2024-01-12T00")]);
        assert_eq!(left, [range("2024-01-01T00", "2024-01-10T00"), range("2024-01-12T00", "2024-02-01T00")]);
        assert!(
            subtract(range("2024-01-10T00", "2024-01-11T00"), &[range("2024-01-01T00", "2024-02-01T00")]).is_empty()
        );
    }

    #[test]
    fn ranges_must_be_in_the_archive_and_before_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert!(check_range(&range("2024-01-15T00", "2024-01-16T00"), today).is_ok());
        let message = check_range(&range("2026-11-27T00", "2026-11-28T05"), today).unwrap_err().to_string();
        assert!(message.contains("still being written"), "{message}");
        assert!(check_range(&range("2010-01-01T00", "2011-03-01T00"), today).is_err());
        assert_eq!(whole_days(range("2024-01-15T10", "2024-01-16T01")), range("2024-01-15T00", "2024-01-17T00"));
    }
}
