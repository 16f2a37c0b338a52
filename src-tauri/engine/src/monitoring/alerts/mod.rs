//! Alert rules, their evaluation and the alert log.
//!
//! A rule names a condition (a run failed, a budget crossed, a gap in the data, a spike on a
//! tracked repository). [`evaluate`] checks every enabled rule against the workspace; each
//! condition that holds is written to `alert_log` once, keyed by what it is about (the run,
//! the month, the day, the repository and day), so checking again never repeats it. Only new
//! firings reach a [`Notifier`]: the desktop app's notifications, or stderr in the CLI.

mod conditions;
mod notify;

pub use conditions::{SPIKE_BASELINE_DAYS, SPIKE_WINDOW_DAYS};
pub use notify::{Notice, Notifier, RecordingNotifier, StderrNotifier, notices_for};

use crate::error::{EngineError, Result};
use crate::scope::RepoName;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AlertKind {
    /// A run failed, or completed with errors.
    RunFailed,
    /// This month's BigQuery spend reached `threshold` percent of the monthly budget.
    BigqueryBudget,
    /// A GitHub run saw its rate limit fall under `threshold` percent.
    GithubRateLimit,
    /// Hours missing from the archive, failed, or far under their usual count.
    DataGap,
    /// A tracked repository had `threshold` times its usual daily events.
    ActivitySpike,
    /// A tracked repository gained `threshold` times its usual daily stars.
    StarSpike,
}

impl AlertKind {
    pub const ALL: [AlertKind; 6] = [
        AlertKind::RunFailed,
        AlertKind::BigqueryBudget,
        AlertKind::GithubRateLimit,
        AlertKind::DataGap,
        AlertKind::ActivitySpike,
        AlertKind::StarSpike,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::RunFailed => "run_failed",
            AlertKind::BigqueryBudget => "bigquery_budget",
            AlertKind::GithubRateLimit => "github_rate_limit",
            AlertKind::DataGap => "data_gap",
            AlertKind::ActivitySpike => "activity_spike",
            AlertKind::StarSpike => "star_spike",
        }
    }

    pub fn parse(text: &str) -> Result<AlertKind> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        AlertKind::ALL.into_iter().find(|k| k.as_str() == wanted).ok_or_else(|| {
            let names: Vec<&str> = AlertKind::ALL.iter().map(|k| k.as_str()).collect();
            EngineError::InvalidInput(format!("`{text}` is not an alert kind; use one of: {}", names.join(", ")))
        })
    }

    /// What the threshold means for this kind, and the values it accepts; `None` when the kind
    /// takes no threshold.
    pub fn threshold_bounds(self) -> Option<(&'static str, f64, f64)> {
        match self {
            AlertKind::RunFailed | AlertKind::DataGap => None,
            AlertKind::BigqueryBudget => Some(("percent of the monthly budget", 1.0, 1000.0)),
            AlertKind::GithubRateLimit => Some(("percent of the rate limit left", 1.0, 99.0)),
            AlertKind::ActivitySpike | AlertKind::StarSpike => Some(("times the trailing median", 1.5, 1000.0)),
        }
    }

    fn takes_repo(self) -> bool {
        matches!(self, AlertKind::ActivitySpike | AlertKind::StarSpike)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    fn parse(text: &str) -> Severity {
        match text {
            "critical" => Severity::Critical,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlertRule {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub kind: AlertKind,
    pub threshold: Option<f64>,
    /// For spikes: the one repository watched; `None` watches every tracked repository.
    pub repo: Option<String>,
    pub enabled: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: i64,
}

impl AlertRule {
    /// The rule in words, for lists and notifications.
    pub fn describe(&self) -> String {
        let t = self.threshold.unwrap_or_default();
        let which = self.repo.as_deref().map_or("any tracked repository".to_owned(), str::to_owned);
        match self.kind {
            AlertKind::RunFailed => "a run fails or completes with errors".to_owned(),
            AlertKind::BigqueryBudget => format!("BigQuery spend this month reaches {t}% of the monthly budget"),
            AlertKind::GithubRateLimit => format!("a GitHub run leaves under {t}% of the rate limit"),
            AlertKind::DataGap => "hours are missing, failed or far under their usual count".to_owned(),
            AlertKind::ActivitySpike => format!("{which} has {t}× its usual daily events"),
            AlertKind::StarSpike => format!("{which} gains {t}× its usual daily stars"),
        }
    }
}

/// A rule to add, or a rule's new settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleInput {
    pub kind: AlertKind,
    pub threshold: Option<f64>,
    pub repo: Option<String>,
    pub enabled: bool,
}

impl RuleInput {
    /// Checks the input against its kind; the threshold and repository as stored.
    fn validated(&self) -> Result<(Option<f64>, Option<String>)> {
        let threshold = match (self.kind.threshold_bounds(), self.threshold) {
            (None, _) => None,
            (Some((meaning, _, _)), None) => {
                return Err(EngineError::InvalidInput(format!(
                    "a {} rule needs a threshold ({meaning})",
                    self.kind.as_str()
                )));
            }
            (Some((meaning, low, high)), Some(value)) => {
                if !value.is_finite() || value < low || value > high {
                    return Err(EngineError::InvalidInput(format!(
                        "the threshold of a {} rule is {meaning}, from {low} to {high}; {value} is out of range",
                        self.kind.as_str()
                    )));
                }
                Some(value)
            }
        };
        let repo = match self.repo.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(_) if !self.kind.takes_repo() => {
                return Err(EngineError::InvalidInput(format!(
                    "only spike rules watch one repository; a {} rule covers the whole workspace",
                    self.kind.as_str()
                )));
            }
            Some(text) => Some(RepoName::parse(text)?.to_string()),
        };
        Ok((threshold, repo))
    }
}

/// One firing, as the alert log keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Alert {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub rule_id: Option<i64>,
    pub kind: AlertKind,
    /// What the firing is about (`run:12`, `2026-11:80`, `day:2024-01-15`); unique per kind.
    pub condition_key: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub fired_at: i64,
}

type RuleRow = (i64, String, Option<f64>, Option<String>, bool, i64);

fn rule_from_row((id, kind, threshold, repo, enabled, created_at): RuleRow) -> Result<AlertRule> {
    Ok(AlertRule { id, kind: AlertKind::parse(&kind)?, threshold, repo, enabled, created_at })
}

pub async fn list_rules(store: &Store) -> Result<Vec<AlertRule>> {
    let rows: Vec<RuleRow> =
        sqlx::query_as("SELECT id, kind, threshold, repo, enabled, created_at FROM alert_rules ORDER BY id")
            .fetch_all(store.pool())
            .await?;
    rows.into_iter().map(rule_from_row).collect()
}

async fn rule(store: &Store, id: i64) -> Result<AlertRule> {
    let row: Option<RuleRow> =
        sqlx::query_as("SELECT id, kind, threshold, repo, enabled, created_at FROM alert_rules WHERE id = ?1")
            .bind(id)
            .fetch_optional(store.pool())
            .await?;
    match row {
        Some(row) => rule_from_row(row),
        None => {
            Err(EngineError::InvalidInput(format!("there is no alert rule {id}; `octoscope alerts rules` lists them")))
        }
    }
}

pub async fn add_rule(store: &Store, input: &RuleInput) -> Result<AlertRule> {
    let (threshold, repo) = input.validated()?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO alert_rules (kind, threshold, repo, enabled, created_at) VALUES (?1, ?2, ?3, ?4, unixepoch())
         RETURNING id",
    )
    .bind(input.kind.as_str())
    .bind(threshold)
    .bind(repo)
    .bind(input.enabled)
    .fetch_one(store.pool())
    .await?;
    rule(store, id).await
}

/// Changes rule `id`'s threshold, repository and whether it is on. Its kind stays.
pub async fn update_rule(store: &Store, id: i64, input: &RuleInput) -> Result<AlertRule> {
    let existing = rule(store, id).await?;
    if existing.kind != input.kind {
        return Err(EngineError::InvalidInput(format!(
            "rule {id} is a {} rule; a rule's kind cannot change: remove it and add a {} rule",
            existing.kind.as_str(),
            input.kind.as_str()
        )));
    }
    let (threshold, repo) = input.validated()?;
    sqlx::query("UPDATE alert_rules SET threshold = ?2, repo = ?3, enabled = ?4 WHERE id = ?1")
        .bind(id)
        .bind(threshold)
        .bind(repo)
        .bind(input.enabled)
        .execute(store.pool())
        .await?;
    rule(store, id).await
}

/// Removes rule `id`. Its past firings stay in the log.
pub async fn remove_rule(store: &Store, id: i64) -> Result<()> {
    rule(store, id).await?;
    sqlx::query("UPDATE alert_log SET rule_id = NULL WHERE rule_id = ?1").bind(id).execute(store.pool()).await?;
    sqlx::query("DELETE FROM alert_rules WHERE id = ?1").bind(id).execute(store.pool()).await?;
    Ok(())
}

/// The newest `limit` firings, newest first.
pub async fn alert_log(store: &Store, limit: u32) -> Result<Vec<Alert>> {
    type AlertRow = (i64, Option<i64>, String, String, String, String, String, i64);
    let rows: Vec<AlertRow> = sqlx::query_as(
        "SELECT id, rule_id, kind, condition_key, severity, title, message, fired_at FROM alert_log
         ORDER BY fired_at DESC, id DESC LIMIT ?1",
    )
    .bind(i64::from(limit))
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|(id, rule_id, kind, condition_key, severity, title, message, fired_at)| {
            Ok(Alert {
                id,
                rule_id,
                kind: AlertKind::parse(&kind)?,
                condition_key,
                severity: Severity::parse(&severity),
                title,
                message,
                fired_at,
            })
        })
        .collect()
}

/// Checks every enabled rule at time `now` (seconds); returns the firings that are new.
pub async fn evaluate(store: &Store, now: i64) -> Result<Vec<Alert>> {
    let mut fired = Vec::new();
    for rule in list_rules(store).await?.into_iter().filter(|r| r.enabled) {
        for firing in conditions::check(store, &rule, now).await? {
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO alert_log (rule_id, kind, condition_key, severity, title, message, fired_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (kind, condition_key) DO NOTHING RETURNING id",
            )
            .bind(rule.id)
            .bind(rule.kind.as_str())
            .bind(&firing.key)
            .bind(firing.severity.as_str())
            .bind(&firing.title)
            .bind(&firing.message)
            .bind(now)
            .fetch_optional(store.pool())
            .await?;
            if let Some(id) = inserted {
                fired.push(Alert {
                    id,
                    rule_id: Some(rule.id),
                    kind: rule.kind,
                    condition_key: firing.key,
                    severity: firing.severity,
                    title: firing.title,
                    message: firing.message,
                    fired_at: now,
                });
            }
        }
    }
    if !fired.is_empty() {
        tracing::warn!(alerts = fired.len(), "alert rules fired");
    }
    Ok(fired)
}

/// Evaluates the rules and tells `notifier` about the new firings; returns them.
pub async fn check_and_notify(store: &Store, notifier: &dyn Notifier, now: i64) -> Result<Vec<Alert>> {
    let fired = evaluate(store, now).await?;
    for notice in notices_for(&fired) {
        notifier.notify(&notice);
    }
    Ok(fired)
}
