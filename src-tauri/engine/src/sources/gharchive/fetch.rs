//! Getting an hour's file: from a local folder, or over HTTP into the workspace's download cache
//! with retries and backoff. Downloads stream to disk (`.part`, renamed when complete), so an
//! interrupted download is never mistaken for a cached hour.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;
use tokio_util::sync::CancellationToken;

use crate::error::{EngineError, Result};
use crate::store::RequestRecord;
use crate::time::UtcHour;

pub const DEFAULT_BASE_URL: &str = "https://data.gharchive.org";

/// The endpoints recorded for monitoring: every hour is the same route.
pub const HOUR_ENDPOINT: &str = "/{hour}.json.gz";
/// Hours served from the workspace's download cache: no request was made, so they are counted
/// apart and do not pull the download latencies down.
pub const CACHED_HOUR_ENDPOINT: &str = "/{hour}.json.gz (download cache)";

/// Where hours come from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveLocation {
    /// `{base_url}/2024-01-15-10.json.gz`
    Http { base_url: String },
    /// A folder of `2024-01-15-10.json.gz` files.
    Dir { path: PathBuf },
}

impl ArchiveLocation {
    pub fn http(base_url: &str) -> Result<Self> {
        let trimmed = base_url.trim().trim_end_matches('/');
        let parsed = reqwest::Url::parse(trimmed)
            .map_err(|e| EngineError::InvalidInput(format!("`{base_url}` is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(EngineError::InvalidInput(format!("`{base_url}` is not an http(s) URL")));
        }
        Ok(ArchiveLocation::Http { base_url: trimmed.to_owned() })
    }

    pub fn dir(path: &Path) -> Result<Self> {
        if !path.is_dir() {
            return Err(EngineError::InvalidInput(format!("{} is not a folder", path.display())));
        }
        Ok(ArchiveLocation::Dir { path: path.to_owned() })
    }

    pub fn describe(&self) -> String {
        match self {
            ArchiveLocation::Http { base_url } => base_url.clone(),
            ArchiveLocation::Dir { path } => path.display().to_string(),
        }
    }
}

/// Retry and timeout policy for downloads.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    pub attempts: u32,
    pub first_backoff: Duration,
    pub max_backoff: Duration,
    pub connect_timeout: Duration,
    /// Longest silence while reading a response before giving up on that attempt.
    pub idle_timeout: Duration,
    /// Most bytes of downloaded hours kept in the workspace cache (oldest evicted first).
    pub cache_limit_bytes: u64,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        FetchPolicy {
            attempts: 4,
            first_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            cache_limit_bytes: super::cache::DEFAULT_CACHE_LIMIT_BYTES,
        }
    }
}

/// An hour's file, ready to decode.
#[derive(Debug, Clone)]
pub enum Fetched {
    File {
        path: PathBuf,
        bytes: u64,
    },
    /// The archive has no file for this hour (HTTP 404 or no file in the folder).
    Missing {
        reason: String,
    },
}

/// Why one attempt failed and whether another may succeed.
#[derive(Debug, Clone)]
pub struct AttemptError {
    pub reason: String,
    pub retryable: bool,
    pub retry_after: Option<Duration>,
    /// The HTTP status that came back; 0 when none did, or the body broke off afterwards.
    pub status: u16,
}

#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    location: ArchiveLocation,
    cache_dir: PathBuf,
    pub policy: FetchPolicy,
    /// One record per download attempt and per cached hour, taken by the run for monitoring.
    requests: Arc<Mutex<Vec<RequestRecord>>>,
}

impl Fetcher {
    pub fn new(location: ArchiveLocation, cache_dir: PathBuf, policy: FetchPolicy) -> Result<Self> {
        let client = reqwest::Client::builder()
            .connect_timeout(policy.connect_timeout)
            .user_agent(concat!("octoscope/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| EngineError::Internal(format!("cannot build the HTTP client: {e}")))?;
        Ok(Fetcher { client, location, cache_dir, policy, requests: Arc::default() })
    }

    pub fn location(&self) -> &ArchiveLocation {
        &self.location
    }

    pub fn url(&self, hour: UtcHour) -> Option<String> {
        match &self.location {
            ArchiveLocation::Http { base_url } => Some(format!("{base_url}/{}.json.gz", hour.archive_stem())),
            ArchiveLocation::Dir { .. } => None,
        }
    }

    /// Where the file for `hour` is or will be on disk.
    pub fn local_path(&self, hour: UtcHour) -> PathBuf {
        let name = format!("{}.json.gz", hour.archive_stem());
        match &self.location {
            ArchiveLocation::Dir { path } => path.join(name),
            ArchiveLocation::Http { .. } => self.cache_dir.join(name),
        }
    }

    /// Size of the hour's file if it is already on disk.
    pub fn cached_size(&self, hour: UtcHour) -> Option<u64> {
        std::fs::metadata(self.local_path(hour)).ok().filter(|m| m.is_file()).map(|m| m.len())
    }

    /// Checks that the archive answers at all, before anything is written: a wrong URL or a
    /// machine offline should be one clear message, not a run full of failed units.
    pub async fn preflight(&self, hour: UtcHour) -> Result<()> {
        let Some(url) = self.url(hour) else { return Ok(()) };
        match self.client.head(&url).timeout(self.policy.connect_timeout * 2).send().await {
            Ok(_) => Ok(()), // any HTTP answer, even 404, means the archive is reachable
            Err(error) => Err(EngineError::Network(format!("cannot reach {url}: {}", describe_reqwest(&error)))),
        }
    }

    /// Takes the request records gathered since the last call.
    pub fn take_requests(&self) -> Vec<RequestRecord> {
        self.requests.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default()
    }

    fn record(&self, hour: UtcHour, endpoint: &str, status: u16, latency: Duration, retry: bool) {
        let record = RequestRecord {
            source: super::SOURCE,
            endpoint: endpoint.to_owned(),
            status,
            latency_ms: latency.as_millis() as u64,
            from_cache: endpoint == CACHED_HOUR_ENDPOINT,
            rate_remaining: None,
            rate_limit: None,
            retry,
            at: chrono::Utc::now().timestamp(),
            unit: Some(hour.archive_stem()),
        };
        if let Ok(mut requests) = self.requests.lock() {
            requests.push(record);
        }
    }

    /// Removes a cached download (after it turned out to be damaged).
    pub fn evict(&self, hour: UtcHour) {
        if matches!(self.location, ArchiveLocation::Http { .. }) {
            let _ = std::fs::remove_file(self.local_path(hour));
        }
    }

    /// Gets the hour's file, retrying transient failures. `on_retry(attempt, reason, delay)` is
    /// told before each wait.
    pub async fn fetch(
        &self,
        hour: UtcHour,
        cancel: &CancellationToken,
        on_retry: &(dyn Fn(u32, &str, Duration) + Send + Sync),
        on_bytes: &(dyn Fn(u64, Option<u64>) + Send + Sync),
    ) -> std::result::Result<Fetched, String> {
        let path = self.local_path(hour);
        if let ArchiveLocation::Dir { .. } = self.location {
            return Ok(match std::fs::metadata(&path) {
                Ok(meta) => Fetched::File { path, bytes: meta.len() },
                Err(_) => Fetched::Missing { reason: format!("no file {}", path.display()) },
            });
        }
        if let Some(bytes) = self.cached_size(hour) {
            self.record(hour, CACHED_HOUR_ENDPOINT, 200, Duration::ZERO, false);
            return Ok(Fetched::File { path, bytes });
        }
        let url = self.url(hour).unwrap_or_default();
        let mut attempt = 1;
        loop {
            let started = Instant::now();
            let outcome = tokio::select! {
                outcome = self.download(&url, &path, on_bytes) => outcome,
                () = cancel.cancelled() => return Err("cancelled".into()),
            };
            let status = match &outcome {
                Ok(Fetched::File { .. }) => 200,
                Ok(Fetched::Missing { .. }) => 404,
                Err(error) => error.status,
            };
            self.record(hour, HOUR_ENDPOINT, status, started.elapsed(), attempt > 1);
            match outcome {
                Ok(fetched) => {
                    if let Fetched::File { path, .. } = &fetched {
                        let freed = super::cache::enforce_limit(&self.cache_dir, self.policy.cache_limit_bytes, path);
                        if freed > 0 {
                            tracing::info!(freed, "evicted old hours from the download cache");
                        }
                    }
                    return Ok(fetched);
                }
                Err(error) if error.retryable && attempt < self.policy.attempts => {
                    let delay = error.retry_after.unwrap_or_else(|| self.backoff(attempt)).min(self.policy.max_backoff);
                    tracing::warn!(
                        attempt,
                        reason = %error.reason,
                        delay_ms = delay.as_millis() as u64,
                        "download failed; trying again"
                    );
                    on_retry(attempt, &error.reason, delay);
                    tokio::select! {
                        () = tokio::time::sleep(delay) => {}
                        () = cancel.cancelled() => return Err("cancelled".into()),
                    }
                    attempt += 1;
                }
                Err(error) => {
                    let tries = if attempt > 1 { format!(" (after {attempt} attempts)") } else { String::new() };
                    return Err(format!("{}{tries}", error.reason));
                }
            }
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.policy.first_backoff.saturating_mul(1 << (attempt - 1).min(10))
    }

    async fn download(
        &self,
        url: &str,
        path: &Path,
        on_bytes: &(dyn Fn(u64, Option<u64>) + Send + Sync),
    ) -> std::result::Result<Fetched, AttemptError> {
        let transient = |reason: String| AttemptError { reason, retryable: true, retry_after: None, status: 0 };
        let response =
            self.client.get(url).send().await.map_err(|e| transient(format!("GET {url}: {}", describe_reqwest(&e))))?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(Fetched::Missing {
                reason: format!("GH Archive has no file for this hour ({url} answered 404)"),
            });
        }
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let retryable = status.is_server_error()
                || status == reqwest::StatusCode::TOO_MANY_REQUESTS
                || status == reqwest::StatusCode::REQUEST_TIMEOUT;
            return Err(AttemptError {
                reason: format!("GET {url} answered HTTP {status}"),
                retryable,
                retry_after,
                status: status.as_u16(),
            });
        }
        let expected = response.content_length();
        let part = path.with_extension("gz.part");
        if let Some(parent) = part.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(|e| AttemptError {
                reason: format!("cannot create the download cache {}: {e}", parent.display()),
                retryable: false,
                retry_after: None,
                status: 0,
            })?;
        }
        let disk_error = |e: std::io::Error| AttemptError {
            reason: format!("cannot write {}: {e}", part.display()),
            retryable: false,
            retry_after: None,
            status: 0,
        };
        let mut file = tokio::fs::File::create(&part).await.map_err(disk_error)?;
        let mut body = response.bytes_stream();
        let mut received = 0u64;
        loop {
            let next = match tokio::time::timeout(self.policy.idle_timeout, body.next()).await {
                Ok(next) => next,
                Err(_) => {
                    let _ = tokio::fs::remove_file(&part).await;
                    return Err(transient(format!(
                        "GET {url}: no data for {} s after {received} bytes",
                        self.policy.idle_timeout.as_secs_f32()
                    )));
                }
            };
            match next {
                None => break,
                Some(Ok(bytes)) => {
                    file.write_all(&bytes).await.map_err(disk_error)?;
                    received += bytes.len() as u64;
                    on_bytes(received, expected);
                }
                Some(Err(error)) => {
                    let _ = tokio::fs::remove_file(&part).await;
                    return Err(transient(format!(
                        "GET {url}: connection broke after {received} bytes: {}",
                        describe_reqwest(&error)
                    )));
                }
            }
        }
        if let Some(expected) = expected.filter(|e| *e != received) {
            let _ = tokio::fs::remove_file(&part).await;
            return Err(transient(format!("GET {url}: got {received} of {expected} bytes")));
        }
        file.flush().await.map_err(disk_error)?;
        file.sync_all().await.map_err(disk_error)?;
        drop(file);
        tokio::fs::rename(&part, path).await.map_err(disk_error)?;
        Ok(Fetched::File { path: path.to_owned(), bytes: received })
    }
}

/// reqwest's Display hides the cause ("error sending request"); walk the chain for the part
/// a user can act on (connection refused, timed out, DNS failure).
pub fn describe_reqwest(error: &reqwest::Error) -> String {
    let head = if error.is_timeout() { "timed out".to_owned() } else { error.to_string() };
    crate::error::with_causes(head, error)
        .replace("error sending request for url", "request failed")
        .replace("client error (Connect): ", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An hour already in the download cache is served without a request, and counted as a
    /// cache hit apart from the downloads so it does not pull their latencies down.
    #[tokio::test]
    async fn a_cached_hour_is_recorded_as_a_cache_hit_without_a_request() {
        let cache = tempfile::tempdir().unwrap();
        let hour = UtcHour::parse("2024-01-15T10").unwrap();
        std::fs::write(cache.path().join(format!("{}.json.gz", hour.archive_stem())), b"cached").unwrap();
        // Port 9 (discard) on 127.0.0.1: nothing answers, so a request would fail the test.
        let location = ArchiveLocation::http("http://127.0.0.1:9").unwrap();
        let fetcher = Fetcher::new(location, cache.path().to_owned(), FetchPolicy::default()).unwrap();
        let fetched = fetcher.fetch(hour, &CancellationToken::new(), &|_, _, _| {}, &|_, _| {}).await.unwrap();
        assert!(matches!(fetched, Fetched::File { bytes: 6, .. }), "{fetched:?}");
        let records = fetcher.take_requests();
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!((records[0].endpoint.as_str(), records[0].from_cache), (CACHED_HOUR_ENDPOINT, true));
        assert!(fetcher.take_requests().is_empty(), "taken once");
    }
}
