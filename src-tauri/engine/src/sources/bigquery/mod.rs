//! The BigQuery source: Google's public `githubarchive` dataset, for long ranges and for all of
//! GitHub. A unit is one query over a group of tables (see [`query`]), read page by page.
//!
//! Cost control is the point: every query is dry-run when planning, priced, and checked
//! against a per-run and a monthly budget; every job carries `maximumBytesBilled`; what each
//! job processed, billed and cost is recorded (`bigquery_jobs`).

pub mod client;
pub mod cost;
pub mod plan;
pub mod query;
pub mod request;
pub mod rows;
pub mod run;

pub use client::{BigQueryClient, DEFAULT_API_URL};
pub use cost::CostPolicy;
pub use plan::{BigQueryPlan, BigQueryPlanSummary, ModeChoice, PlanRequest, plan_bigquery};
pub use query::Mode;
pub use request::{BigQueryRequest, prepare};
pub use run::{BigQueryRunOptions, execute_bigquery};

/// The `source` of BigQuery runs, units, jobs and request records.
pub const SOURCE: &str = "bigquery";

/// The project that holds the public dataset.
pub const DATASET_PROJECT: &str = "githubarchive";

/// A client for the workspace's Google key (from the OS keychain, or `OCTOSCOPE_GCP_KEY`),
/// billing `project` or else the key's own project.
pub async fn connect(api_url: &str, project: Option<String>) -> crate::error::Result<BigQueryClient> {
    use crate::secrets::{CredentialKind, Keychain};
    let Some((secret, _)) = Keychain.find(CredentialKind::Gcp)? else {
        return Err(crate::error::EngineError::CredentialMissing(
            "no Google service-account key is set: add one with `octoscope auth set gcp` or on the app's \
             Credentials page (OCTOSCOPE_GCP_KEY works for one process)"
                .into(),
        ));
    };
    let key = crate::secrets::google::ServiceAccountKey::parse(&secret)?;
    BigQueryClient::new(api_url, key, project).await
}
