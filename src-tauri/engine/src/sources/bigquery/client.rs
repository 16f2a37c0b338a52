//! BigQuery through gcp-bigquery-client: dry runs, jobs with a byte cap, polling, result pages
//! and cancel. Authentication is the engine's own service-account exchange (the key stays a
//! [`Secret`](crate::secrets::Secret) from the keychain); every request is timed and recorded.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gcp_bigquery_client::auth::Authenticator;
use gcp_bigquery_client::error::BQError;
use gcp_bigquery_client::model::error_proto::ErrorProto;
use gcp_bigquery_client::model::get_query_results_parameters::GetQueryResultsParameters;
use gcp_bigquery_client::model::job::Job;
use gcp_bigquery_client::model::job_configuration::JobConfiguration;
use gcp_bigquery_client::model::job_configuration_query::JobConfigurationQuery;
use gcp_bigquery_client::model::job_reference::JobReference;
use gcp_bigquery_client::model::table_row::TableRow;
use tokio_util::sync::CancellationToken;

use super::SOURCE;
use super::query::BuiltQuery;
use crate::error::{EngineError, Result};
use crate::secrets::Secret;
use crate::secrets::google::{BIGQUERY_SCOPE, ServiceAccountKey};
use crate::store::RequestRecord;

/// BigQuery's REST root.
pub const DEFAULT_API_URL: &str = "https://bigquery.googleapis.com/bigquery/v2";
/// Transient failures (5xx, `backendError`, `rateLimitExceeded`) are retried this many times.
const RETRIES: u32 = 3;

/// Access tokens from the service-account key, renewed a minute before they expire.
#[derive(Clone)]
struct KeyAuthenticator {
    key: Arc<ServiceAccountKey>,
    token: Arc<tokio::sync::Mutex<Option<(Secret, Instant)>>>,
}

/// Why the token exchange failed, carried through the client's error type as an `io::Error`
/// kind: `PermissionDenied` is a refused key, anything else the network.
fn auth_error(error: EngineError) -> BQError {
    let kind = match error {
        EngineError::CredentialInvalid(_) => std::io::ErrorKind::PermissionDenied,
        _ => std::io::ErrorKind::Other,
    };
    BQError::InvalidServiceAccountAuthenticator(std::io::Error::new(kind, error.to_string()))
}

#[async_trait::async_trait]
impl Authenticator for KeyAuthenticator {
    async fn access_token(&self) -> std::result::Result<String, BQError> {
        {
            let mut cached = self.token.lock().await;
            if let Some((token, expires)) = cached.as_ref()
                && Instant::now() < *expires
            {
                return Ok(token.expose().to_owned());
            }
            let (token, lifetime) = self.key.access_token(BIGQUERY_SCOPE).await.map_err(auth_error)?;
            let text = token.expose().to_owned();
            let renew_after = Duration::from_secs(lifetime.saturating_sub(60).max(30));
            *cached = Some((token, Instant::now() + renew_after));
            Ok(text)
        }
    }
}

/// A job Octoscope started: enough to poll, page, cancel, or resume it after a crash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JobHandle {
    pub job_id: String,
    pub location: Option<String>,
}

/// What a finished job processed and billed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JobBytes {
    pub processed: u64,
    pub billed: u64,
    pub cache_hit: bool,
}

/// One page of a job's results.
#[derive(Debug)]
pub struct ResultPage {
    pub rows: Vec<TableRow>,
    pub next: Option<String>,
    pub total_rows: Option<u64>,
}

/// The engine's BigQuery client for one project (the one billed).
pub struct BigQueryClient {
    client: gcp_bigquery_client::Client,
    project: String,
    requests: Mutex<Vec<RequestRecord>>,
}

impl std::fmt::Debug for BigQueryClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BigQueryClient").field("project", &self.project).finish_non_exhaustive()
    }
}

fn number(text: Option<&String>) -> u64 {
    text.and_then(|t| t.parse().ok()).unwrap_or(0)
}

/// The user-facing message for a job or request error, by BigQuery's `reason`.
pub fn reason_error(reason: &str, message: &str, project: &str) -> EngineError {
    let said = format!("({reason}: {message})");
    match reason {
        "bytesBilledLimitExceeded" => EngineError::BudgetExceeded(format!(
            "BigQuery stopped the job before it billed more than its byte cap {said}; nothing was charged. \
             The data grew since the estimate: plan again"
        )),
        "quotaExceeded" => EngineError::Remote(format!(
            "BigQuery quota exceeded for project {project} {said}: wait for the quota to reset or ask for more in the Google Cloud console"
        )),
        "rateLimitExceeded" => {
            EngineError::Remote(format!("BigQuery is rate limiting project {project} {said}: try again in a minute"))
        }
        "accessDenied" => EngineError::Remote(format!(
            "the service account may not run this on project {project} {said}: grant it the roles BigQuery Job User and BigQuery Data Viewer"
        )),
        "billingNotEnabled" => EngineError::Remote(format!(
            "project {project} has no billing account {said}: enable billing or use another project"
        )),
        "invalidQuery" => EngineError::Remote(format!("BigQuery refused the query {said}")),
        "notFound" => EngineError::Remote(format!("BigQuery found no such table or job {said}")),
        "stopped" => EngineError::Cancelled,
        _ => EngineError::Remote(format!("BigQuery failed {said}")),
    }
}

fn is_transient(reason: &str, code: i64) -> bool {
    matches!(reason, "backendError" | "internalError" | "rateLimitExceeded") || code >= 500
}

impl BigQueryClient {
    /// A client for `project` at `api_url` (BigQuery's, an emulator's, a test server's).
    pub async fn new(api_url: &str, key: ServiceAccountKey, project: Option<String>) -> Result<Self> {
        let project = project.unwrap_or_else(|| key.project_id.clone());
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| EngineError::Internal(format!("cannot build an HTTP client: {e}")))?;
        let auth = KeyAuthenticator { key: Arc::new(key), token: Arc::default() };
        let client = gcp_bigquery_client::client_builder::ClientBuilder::new()
            .with_v2_base_url(api_url.trim_end_matches('/').to_owned())
            .with_client(http)
            .build_from_authenticator(Arc::new(auth))
            .await
            .map_err(|e| EngineError::Internal(format!("cannot set up the BigQuery client: {e}")))?;
        Ok(BigQueryClient { client, project, requests: Mutex::new(Vec::new()) })
    }

    pub fn project(&self) -> &str {
        &self.project
    }

    /// The request records since the last call, for the run's monitoring rows.
    pub fn take_requests(&self) -> Vec<RequestRecord> {
        std::mem::take(&mut self.requests.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn record(&self, endpoint: &str, status: u16, started: Instant, retry: bool) {
        let record = RequestRecord {
            source: SOURCE,
            endpoint: endpoint.to_owned(),
            status,
            latency_ms: started.elapsed().as_millis() as u64,
            from_cache: false,
            rate_remaining: None,
            rate_limit: None,
            retry,
            at: chrono::Utc::now().timestamp(),
            unit: None,
        };
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).push(record);
    }

    /// Runs `call` with retries of transient failures; maps every error to a clear message.
    async fn call<T, F, Fut>(&self, endpoint: &str, cancel: &CancellationToken, mut call: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = std::result::Result<T, BQError>>,
    {
        let mut attempt = 0;
        loop {
            let started = Instant::now();
            let result = tokio::select! {
                () = cancel.cancelled() => return Err(EngineError::Cancelled),
                result = call() => result,
            };
            let (error, status) = match result {
                Ok(value) => {
                    self.record(endpoint, 200, started, attempt > 0);
                    return Ok(value);
                }
                Err(error) => {
                    let status = match &error {
                        BQError::ResponseError { error } => u16::try_from(error.error.code).unwrap_or(0),
                        BQError::RequestError(e) => e.status().map_or(0, |s| s.as_u16()),
                        _ => 0,
                    };
                    (error, status)
                }
            };
            self.record(endpoint, status, started, attempt > 0);
            let mapped = self.map_error(error);
            let transient = match &mapped {
                (EngineError::Network(_), _) => true,
                (_, Some((reason, code))) => is_transient(reason, *code),
                _ => false,
            };
            attempt += 1;
            if !transient || attempt > RETRIES {
                return Err(mapped.0);
            }
            let delay = Duration::from_millis(500 << attempt);
            tracing::warn!(endpoint, attempt, error = %mapped.0, "retrying a BigQuery request");
            tokio::select! {
                () = cancel.cancelled() => return Err(EngineError::Cancelled),
                () = tokio::time::sleep(delay) => {}
            }
        }
    }

    /// The engine error for a client error, with BigQuery's reason and HTTP code when it gave them.
    fn map_error(&self, error: BQError) -> (EngineError, Option<(String, i64)>) {
        match error {
            BQError::ResponseError { error } => {
                let nested = error.error;
                let reason = nested.errors.first().and_then(|e| e.get("reason").cloned()).unwrap_or_default();
                if nested.code == 401 {
                    let message =
                        format!("BigQuery refused the access token ({}): check the Google key", nested.message);
                    return (EngineError::CredentialInvalid(message), None);
                }
                let mapped = reason_error(&reason, &nested.message, &self.project);
                (mapped, Some((reason, nested.code)))
            }
            BQError::InvalidServiceAccountAuthenticator(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                (EngineError::CredentialInvalid(e.to_string()), None)
            }
            BQError::InvalidServiceAccountAuthenticator(e) => (EngineError::Network(e.to_string()), None),
            BQError::RequestError(e) => {
                let head = format!("cannot reach BigQuery: {e}");
                (EngineError::Network(crate::error::with_causes(head, &e)), None)
            }
            other => (EngineError::Remote(format!("BigQuery answered something unexpected: {other}")), None),
        }
    }

    fn job(&self, query: &BuiltQuery, dry_run: bool, maximum_bytes_billed: Option<u64>, job_id: Option<&str>) -> Job {
        Job {
            configuration: Some(JobConfiguration {
                dry_run: Some(dry_run),
                query: Some(JobConfigurationQuery {
                    query: query.sql.clone(),
                    use_legacy_sql: Some(false),
                    parameter_mode: Some("NAMED".to_owned()),
                    query_parameters: Some(query.parameters.clone()),
                    maximum_bytes_billed: maximum_bytes_billed.map(|b| b.to_string()),
                    ..JobConfigurationQuery::default()
                }),
                ..JobConfiguration::default()
            }),
            job_reference: job_id.map(|id| JobReference {
                job_id: Some(id.to_owned()),
                project_id: Some(self.project.clone()),
                location: None,
            }),
            ..Job::default()
        }
    }

    /// Bytes the query would process (a free dry run).
    pub async fn dry_run(&self, query: &BuiltQuery, cancel: &CancellationToken) -> Result<u64> {
        let job = self.job(query, true, None, None);
        let answer =
            self.call("jobs.insert (dry run)", cancel, || self.client.job().insert(&self.project, job.clone())).await?;
        self.check_status(&answer)?;
        let statistics = answer.statistics.as_ref();
        let nested = statistics.and_then(|s| s.query.as_ref()).and_then(|q| q.total_bytes_processed.as_ref());
        Ok(number(nested.or(statistics.and_then(|s| s.total_bytes_processed.as_ref()))))
    }

    /// Starts the query as job `job_id`, billed at most `maximum_bytes_billed`.
    pub async fn start(
        &self,
        query: &BuiltQuery,
        job_id: &str,
        maximum_bytes_billed: u64,
        cancel: &CancellationToken,
    ) -> Result<JobHandle> {
        let job = self.job(query, false, Some(maximum_bytes_billed), Some(job_id));
        let answer = self.call("jobs.insert", cancel, || self.client.job().insert(&self.project, job.clone())).await?;
        self.check_status(&answer)?;
        let reference = answer.job_reference.unwrap_or_default();
        Ok(JobHandle { job_id: reference.job_id.unwrap_or_else(|| job_id.to_owned()), location: reference.location })
    }

    fn check_status(&self, job: &Job) -> Result<()> {
        if let Some(ErrorProto { reason, message, .. }) = job.status.as_ref().and_then(|s| s.error_result.as_ref()) {
            return Err(reason_error(
                reason.as_deref().unwrap_or("unknown"),
                message.as_deref().unwrap_or("no message"),
                &self.project,
            ));
        }
        Ok(())
    }

    /// Polls until the job is done; `on_wait` hears how long it has run. Cancelling cancels the
    /// job on BigQuery too (a cancelled job may still bill what it already processed).
    pub async fn wait(
        &self,
        handle: &JobHandle,
        cancel: &CancellationToken,
        on_wait: &(dyn Fn(Duration) + Send + Sync),
    ) -> Result<JobBytes> {
        let started = Instant::now();
        let mut delay = Duration::from_millis(250);
        loop {
            let location = handle.location.as_deref();
            let polled = self
                .call("jobs.get", cancel, || self.client.job().get_job(&self.project, &handle.job_id, location))
                .await;
            let job = match polled {
                Err(EngineError::Cancelled) => {
                    self.cancel(handle).await;
                    return Err(EngineError::Cancelled);
                }
                other => other?,
            };
            if job.status.as_ref().and_then(|s| s.state.as_deref()) == Some("DONE") {
                self.check_status(&job)?;
                let query = job.statistics.as_ref().and_then(|s| s.query.as_ref());
                let processed = number(query.and_then(|q| q.total_bytes_processed.as_ref()));
                return Ok(JobBytes {
                    processed,
                    billed: query.and_then(|q| q.total_bytes_billed.as_ref()).map_or(processed, |b| number(Some(b))),
                    cache_hit: query.and_then(|q| q.cache_hit).unwrap_or(false),
                });
            }
            on_wait(started.elapsed());
            tokio::select! {
                () = cancel.cancelled() => {
                    self.cancel(handle).await;
                    return Err(EngineError::Cancelled);
                }
                () = tokio::time::sleep(delay) => {}
            }
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }

    /// Asks BigQuery to stop the job. Best effort: the run is ending either way.
    pub async fn cancel(&self, handle: &JobHandle) {
        let started = Instant::now();
        let answer = self.client.job().cancel_job(&self.project, &handle.job_id, handle.location.as_deref()).await;
        self.record("jobs.cancel", if answer.is_ok() { 200 } else { 0 }, started, false);
        if let Err(error) = answer {
            tracing::warn!(job = %handle.job_id, %error, "cancelling a BigQuery job failed");
        }
    }

    /// One page of results: `page_token` from the previous page (or a checkpoint), `None` first.
    pub async fn page(
        &self,
        handle: &JobHandle,
        page_token: Option<&str>,
        max_results: u32,
        cancel: &CancellationToken,
    ) -> Result<ResultPage> {
        let parameters = GetQueryResultsParameters {
            location: handle.location.clone(),
            max_results: Some(i32::try_from(max_results).unwrap_or(i32::MAX)),
            page_token: page_token.map(str::to_owned),
            ..GetQueryResultsParameters::default()
        };
        let answer = self
            .call("jobs.getQueryResults", cancel, || {
                self.client.job().get_query_results(&self.project, &handle.job_id, parameters.clone())
            })
            .await?;
        if let Some(error) = answer.errors.as_ref().and_then(|e| e.first()) {
            return Err(reason_error(
                error.reason.as_deref().unwrap_or("unknown"),
                error.message.as_deref().unwrap_or("no message"),
                &self.project,
            ));
        }
        Ok(ResultPage {
            rows: answer.rows.unwrap_or_default(),
            next: answer.page_token.filter(|t| !t.is_empty()),
            total_rows: answer.total_rows.as_ref().and_then(|t| t.parse().ok()),
        })
    }
}
