//! A BigQuery collection as the CLI and the desktop app ask for it, validated the same way for
//! both, and turned into a connected client and a plan.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use super::client::BigQueryClient;
use super::plan::{BigQueryPlan, ModeChoice, PlanRequest, check_range, plan_bigquery};
use super::query::Mode;
use crate::error::{EngineError, Result};
use crate::scope::{Filter, OrgName, RepoName, Scope};
use crate::settings;
use crate::store::Store;
use crate::time::{HourRange, UtcHour};

/// What to collect from BigQuery, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BigQueryRequest {
    pub repos: Vec<String>,
    pub orgs: Vec<String>,
    pub from: String,
    pub to: String,
    /// `auto` (default), `events` or `daily-counts`.
    pub mode: Option<String>,
}

impl BigQueryRequest {
    /// The scope, checked against what BigQuery's tables hold. No I/O.
    pub fn scope(&self) -> Result<Scope> {
        let range = HourRange::new(UtcHour::parse(&self.from)?, UtcHour::parse(&self.to)?)?;
        check_range(&range, chrono::Utc::now().date_naive())?;
        let repos = self.repos.iter().map(|r| RepoName::parse(r)).collect::<Result<Vec<_>>>()?;
        let orgs = self.orgs.iter().map(|o| OrgName::parse(o)).collect::<Result<Vec<_>>>()?;
        Ok(Scope { filter: Filter::new(repos, orgs), range })
    }

    pub fn mode(&self) -> Result<ModeChoice> {
        match self.mode.as_deref().map(str::trim) {
            None | Some("" | "auto") => Ok(ModeChoice::Auto),
            Some(text) => Mode::parse(text).map(ModeChoice::Fixed).ok_or_else(|| {
                EngineError::InvalidInput(format!("`{text}` is not a BigQuery mode: use auto, events or daily-counts"))
            }),
        }
    }
}

/// Connects with the workspace's Google key and settings (`api_url` overrides the setting)
/// and plans `request`: dry runs only, nothing billed.
pub async fn prepare(
    store: &Store,
    request: &BigQueryRequest,
    api_url: Option<&str>,
    cancel: &CancellationToken,
) -> Result<(Arc<BigQueryClient>, BigQueryPlan)> {
    let scope = request.scope()?;
    let mode = request.mode()?;
    let api_url = match api_url {
        Some(url) => url.to_owned(),
        None => settings::get(store, settings::BIGQUERY_API_URL_SETTING).await?,
    };
    let project = Some(settings::get(store, settings::BIGQUERY_PROJECT_SETTING).await?).filter(|p| !p.is_empty());
    let policy = settings::bigquery_policy(store).await?;
    let client = Arc::new(super::connect(&api_url, project).await?);
    let mut plan_request = PlanRequest::new(scope, mode, policy);
    plan_request.dataset_project = settings::get(store, settings::DATASET_PROJECT_SETTING).await?;
    let plan = plan_bigquery(store, &client, &plan_request, cancel).await?;
    Ok((client, plan))
}
