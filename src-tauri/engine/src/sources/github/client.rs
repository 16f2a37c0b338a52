//! Every GitHub request of the engine: octocrab for the transport (auth header, base URL,
//! redirects, timeouts), and around it the conditional-request cache, the governor's waits and
//! retries, and one [`RequestRecord`] per request for monitoring.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH};
use http_body_util::combinators::BoxBody;
use octocrab::Octocrab;
use tokio_util::sync::CancellationToken;

use super::cache::{CachedResponse, HttpCache};
use super::governor::{Governor, GovernorPolicy, Hold, Verdict, classify};
use crate::error::{EngineError, Result};
use crate::secrets::Secret;
use crate::store::RequestRecord;

/// The REST API version every request asks for, unless an endpoint needs a newer one.
pub const API_VERSION: &str = "2022-11-28";

/// Why a request gave up. Unit-level: the unit fails with this message and the run goes on,
/// except for [`ApiError::TokenInvalid`], which ends the run (every request would fail).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("GitHub says the token is invalid or expired (401); set a new one with `octoscope auth set github`")]
    TokenInvalid,
    #[error("{what}: not found or not visible to this token")]
    NotVisible { what: String },
    #[error("GitHub's {resource} rate limit is used up until {} UTC; run again then, or let runs wait (setting github.when_exhausted = wait)", crate::time::format_timestamp(*reset_at))]
    Exhausted { resource: String, reset_at: i64 },
    #[error("cancelled")]
    Cancelled,
    #[error("GitHub answered {status} to {what}: {message}")]
    Rejected { status: u16, what: String, message: String },
    #[error("{what}: {reason} (gave up after {attempts} attempts)")]
    Unreachable { what: String, reason: String, attempts: u32 },
    #[error("GitHub's answer to {what} could not be read: {reason}")]
    Malformed { what: String, reason: String },
}

impl From<ApiError> for EngineError {
    fn from(error: ApiError) -> Self {
        match error {
            ApiError::TokenInvalid => EngineError::CredentialInvalid(error.to_string()),
            ApiError::Cancelled => EngineError::Cancelled,
            ApiError::Exhausted { .. } => EngineError::RateLimited(error.to_string()),
            ApiError::Unreachable { .. } => EngineError::Network(error.to_string()),
            _ => EngineError::InvalidInput(error.to_string()),
        }
    }
}

/// Something a request is waiting for, told to whoever shows progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A rate limit holds requests until this unix second.
    Waiting {
        until: i64,
        primary: bool,
    },
    Retrying {
        attempt: u32,
        reason: String,
        delay: Duration,
    },
}

pub type NoticeSink<'a> = &'a (dyn Fn(Notice) + Send + Sync);

/// One answer, from the network or (after a 304) from the cache.
#[derive(Debug, Clone)]
pub struct Answer {
    pub body: String,
    pub from_cache: bool,
    /// The next page (a path relative to the API root), from the `Link` header.
    pub next: Option<String>,
    /// `X-Poll-Interval`: the fewest seconds GitHub wants between polls of an events feed.
    pub poll_interval: Option<u64>,
}

#[derive(Debug)]
pub struct GithubClient {
    rest: Octocrab,
    graphql: Octocrab,
    api_url: String,
    cache: HttpCache,
    governor: Arc<Governor>,
    requests: Mutex<Vec<RequestRecord>>,
}

fn build_octocrab(base: &str, token: &Secret) -> Result<Octocrab> {
    Octocrab::builder()
        .base_uri(base)
        .map_err(|e| EngineError::InvalidInput(format!("`{base}` is not a usable GitHub API URL: {e}")))?
        .personal_token(token.expose().to_owned())
        .set_connect_timeout(Some(Duration::from_secs(15)))
        .set_read_timeout(Some(Duration::from_secs(60)))
        .build()
        .map_err(|e| EngineError::Internal(format!("cannot start the GitHub client: {e}")))
}

/// The route of a request with its query removed, for messages (`/repos/a/b/events`).
fn route_of(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// The `rel="next"` target of a `Link` header, made relative to the API root.
pub fn next_link(link: &str, api_url: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        if !params.split(';').any(|p| p.trim() == "rel=\"next\"") {
            return None;
        }
        let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        if url.starts_with('/') {
            return Some(url.to_owned());
        }
        // Same server: keep the path (octocrab joins it to the base); else the absolute URL.
        let without_host = url.strip_prefix(api_url).map(str::to_owned).or_else(|| {
            let after_scheme = url.split_once("://")?.1;
            Some(after_scheme.find('/').map_or("/".to_owned(), |i| after_scheme[i..].to_owned()))
        })?;
        Some(without_host)
    })
}

/// GitHub's `message` (and the first detail) from an error body, or the body's start.
pub fn error_message(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Detail {
        message: Option<String>,
        code: Option<String>,
        field: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Body {
        message: Option<String>,
        #[serde(default)]
        errors: Vec<Detail>,
    }
    match serde_json::from_str::<Body>(body) {
        Ok(Body { message: Some(message), errors }) => match errors.first() {
            Some(Detail { message: Some(detail), .. }) => format!("{message} ({detail})"),
            Some(Detail { code: Some(code), field, .. }) => {
                format!("{message} ({code}{})", field.as_deref().map(|f| format!(" {f}")).unwrap_or_default())
            }
            _ => message,
        },
        _ => body.chars().take(200).collect(),
    }
}

fn describe_transport(error: &octocrab::Error) -> String {
    crate::error::with_causes(error.to_string(), error)
}

impl GithubClient {
    pub fn new(api_url: &str, token: &Secret, cache: HttpCache, policy: GovernorPolicy) -> Result<Self> {
        let api_url = crate::secrets::github::parse_api_url(api_url)?;
        // GitHub Enterprise Server serves REST under /api/v3 and GraphQL under /api/graphql.
        let graphql_base = api_url.strip_suffix("/v3").unwrap_or(&api_url).to_owned();
        Ok(GithubClient {
            rest: build_octocrab(&api_url, token)?,
            graphql: build_octocrab(&graphql_base, token)?,
            api_url,
            cache,
            governor: Arc::new(Governor::new(policy)),
            requests: Mutex::new(Vec::new()),
        })
    }

    pub fn governor(&self) -> &Governor {
        &self.governor
    }

    /// Takes the request records gathered since the last call.
    pub fn take_requests(&self) -> Vec<RequestRecord> {
        self.requests.lock().map(|mut r| std::mem::take(&mut *r)).unwrap_or_default()
    }

    fn record(&self, endpoint: &str, status: u16, started: Instant, answer: RecordedAnswer) {
        let record = RequestRecord {
            source: super::SOURCE,
            endpoint: endpoint.to_owned(),
            status,
            latency_ms: started.elapsed().as_millis() as u64,
            from_cache: answer.from_cache,
            rate_remaining: answer.rate_remaining,
            rate_limit: answer.rate_limit,
            retry: answer.retry,
            at: chrono::Utc::now().timestamp(),
            unit: None,
        };
        if let Ok(mut requests) = self.requests.lock() {
            requests.push(record);
        }
    }

    /// GETs `path` (relative to the API root, with its query) through the cache and the
    /// governor. `endpoint` is the route template recorded for monitoring; `api_version` is
    /// the `X-GitHub-Api-Version` to ask for.
    pub async fn get(
        &self,
        endpoint: &str,
        path: &str,
        api_version: &str,
        cancel: &CancellationToken,
        notices: NoticeSink<'_>,
    ) -> std::result::Result<Answer, ApiError> {
        self.get_as(endpoint, path, api_version, "application/vnd.github+json", cancel, notices).await
    }

    /// GETs a stargazer list with `starred_at` timestamps (media type `star+json`).
    pub async fn get_starred(
        &self,
        endpoint: &str,
        path: &str,
        cancel: &CancellationToken,
        notices: NoticeSink<'_>,
    ) -> std::result::Result<Answer, ApiError> {
        self.get_as(endpoint, path, API_VERSION, "application/vnd.github.star+json", cancel, notices).await
    }

    async fn get_as(
        &self,
        endpoint: &str,
        path: &str,
        api_version: &str,
        accept: &'static str,
        cancel: &CancellationToken,
        notices: NoticeSink<'_>,
    ) -> std::result::Result<Answer, ApiError> {
        // The media type changes the body, so it is part of the cache key.
        let cache_key = if accept.contains("star+json") { format!("{path}#star+json") } else { path.to_owned() };
        let cached = self.cache.get(&cache_key);
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(accept));
        if let Ok(version) = HeaderValue::from_str(api_version) {
            headers.insert(HeaderName::from_static("x-github-api-version"), version);
        }
        if let Some(entry) = &cached {
            if let Some(etag) = entry.etag.as_deref().and_then(|e| HeaderValue::from_str(e).ok()) {
                headers.insert(IF_NONE_MATCH, etag);
            } else if let Some(date) = entry.last_modified.as_deref().and_then(|d| HeaderValue::from_str(d).ok()) {
                headers.insert(IF_MODIFIED_SINCE, date);
            }
        }
        let (status, answer_headers, body) = self
            .send(endpoint, path, "core", cancel, notices, || {
                let headers = headers.clone();
                let path = path.to_owned();
                let rest = &self.rest;
                async move { rest._get_with_headers(path.as_str(), Some(headers)).await }
            })
            .await?;
        let header = |name: &str| answer_headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let poll_interval = header("x-poll-interval").and_then(|v| v.parse().ok());
        if status == 304 {
            let entry = cached.ok_or_else(|| ApiError::Malformed {
                what: route_of(path).to_owned(),
                reason: "304 Not Modified to a request that was not conditional".into(),
            })?;
            let next = entry.link.as_deref().and_then(|l| next_link(l, &self.api_url));
            return Ok(Answer { body: entry.body, from_cache: true, next, poll_interval });
        }
        let link = header("link");
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        if etag.is_some() || last_modified.is_some() {
            self.cache.put(&CachedResponse {
                url: cache_key,
                etag,
                last_modified,
                link: link.clone(),
                body: body.clone(),
            });
        }
        let next = link.as_deref().and_then(|l| next_link(l, &self.api_url));
        Ok(Answer { body, from_cache: false, next, poll_interval })
    }

    /// Runs a GraphQL query; GitHub's partial `errors` are returned with the data, not raised.
    pub async fn graphql(
        &self,
        query: &str,
        variables: serde_json::Value,
        cancel: &CancellationToken,
        notices: NoticeSink<'_>,
    ) -> std::result::Result<serde_json::Value, ApiError> {
        let payload = serde_json::json!({ "query": query, "variables": variables });
        let (_, _, body) = self
            .send("/graphql", "/graphql", "graphql", cancel, notices, || {
                let payload = payload.clone();
                let graphql = &self.graphql;
                async move { graphql._post("/graphql", Some(&payload)).await }
            })
            .await?;
        serde_json::from_str(&body)
            .map_err(|e| ApiError::Malformed { what: "GraphQL query".into(), reason: e.to_string() })
    }

    /// Sends one request with the governor's waits and retries; returns an accepted answer.
    async fn send<F, Fut>(
        &self,
        endpoint: &str,
        path: &str,
        resource: &str,
        cancel: &CancellationToken,
        notices: NoticeSink<'_>,
        request: F,
    ) -> std::result::Result<(u16, HeaderMap, String), ApiError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = octocrab::Result<http::Response<BoxBody<bytes::Bytes, octocrab::Error>>>>,
    {
        let what = route_of(path).to_owned();
        let policy = self.governor.policy().clone();
        let (mut errors, mut limit_waits) = (0u32, 0u32);
        loop {
            let on_wait = |until: i64, primary: bool| notices(Notice::Waiting { until, primary });
            let permit = self.governor.admit(resource, cancel, &on_wait).await.map_err(|hold| match hold {
                Hold::Cancelled => ApiError::Cancelled,
                Hold::Exhausted { resource, reset_at } => ApiError::Exhausted { resource, reset_at },
            })?;
            let started = Instant::now();
            let outcome = tokio::select! {
                () = cancel.cancelled() => return Err(ApiError::Cancelled),
                outcome = self.try_once(&request) => outcome,
            };
            drop(permit);
            let (status, headers, body) = match outcome {
                Ok(answer) => answer,
                Err((status, reason)) => {
                    let retry = errors + limit_waits > 0;
                    self.record(endpoint, status, started, RecordedAnswer { retry, ..RecordedAnswer::default() });
                    errors += 1;
                    if errors >= policy.max_attempts {
                        return Err(ApiError::Unreachable { what, reason, attempts: errors });
                    }
                    let delay = policy.error_backoff.saturating_mul(1 << (errors - 1).min(6));
                    notices(Notice::Retrying { attempt: errors, reason, delay });
                    sleep_or_cancel(delay, cancel).await?;
                    continue;
                }
            };
            let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
            let answer = RecordedAnswer {
                from_cache: status == 304,
                rate_remaining: header("x-ratelimit-remaining"),
                rate_limit: header("x-ratelimit-limit"),
                retry: errors + limit_waits > 0,
            };
            self.record(endpoint, status, started, answer);
            let now = chrono::Utc::now().timestamp();
            let attempt = if matches!(status, 403 | 429) { limit_waits } else { errors };
            match classify(status, &headers, &body, attempt, now, &policy) {
                Verdict::Accept => return Ok((status, headers, body)),
                Verdict::TokenInvalid => return Err(ApiError::TokenInvalid),
                Verdict::NotVisible => return Err(ApiError::NotVisible { what }),
                Verdict::Reject => {
                    return Err(ApiError::Rejected { status, what, message: error_message(&body) });
                }
                Verdict::RetryAfter(delay) => {
                    errors += 1;
                    if errors >= policy.max_attempts {
                        let reason = format!("GitHub answered {status}: {}", error_message(&body));
                        return Err(ApiError::Unreachable { what, reason, attempts: errors });
                    }
                    notices(Notice::Retrying { attempt: errors, reason: format!("GitHub answered {status}"), delay });
                    sleep_or_cancel(delay, cancel).await?;
                }
                Verdict::LimitedUntil { at, primary } => {
                    limit_waits += 1;
                    if limit_waits > policy.max_limit_waits {
                        return Err(ApiError::Rejected { status, what, message: error_message(&body) });
                    }
                    if primary && policy.when_exhausted == super::governor::WhenExhausted::Stop {
                        return Err(ApiError::Exhausted { resource: resource.to_owned(), reset_at: at });
                    }
                    // Everyone waits: the limit is the token's, not this request's.
                    self.governor.pause_until(at);
                }
                Verdict::LimitedFor(delay) => {
                    limit_waits += 1;
                    if limit_waits > policy.max_limit_waits {
                        return Err(ApiError::Rejected { status, what, message: error_message(&body) });
                    }
                    let until = now + delay.as_secs().max(1) as i64;
                    notices(Notice::Waiting { until, primary: false });
                    self.governor.pause_until(until);
                    sleep_or_cancel(delay, cancel).await?;
                }
            }
        }
    }
}

impl GithubClient {
    /// One try: the answer's status, headers and body, or why no whole answer came (with its
    /// status when one began: a body that broke off).
    async fn try_once<F, Fut>(&self, request: &F) -> std::result::Result<(u16, HeaderMap, String), (u16, String)>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = octocrab::Result<http::Response<BoxBody<bytes::Bytes, octocrab::Error>>>>,
    {
        let response = request().await.map_err(|error| (0, describe_transport(&error)))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        self.governor.observe(&headers);
        match self.rest.body_to_string(response).await {
            Ok(body) => Ok((status, headers, body)),
            Err(error) if status < 300 => {
                Err((status, format!("the answer broke off: {}", describe_transport(&error))))
            }
            // An error answer whose body broke off still says what it needed to in its status.
            Err(_) => Ok((status, headers, String::new())),
        }
    }
}

async fn sleep_or_cancel(delay: Duration, cancel: &CancellationToken) -> std::result::Result<(), ApiError> {
    tokio::select! {
        () = cancel.cancelled() => Err(ApiError::Cancelled),
        () = tokio::time::sleep(delay) => Ok(()),
    }
}

/// What a request's answer said, for its monitoring record.
#[derive(Debug, Clone, Copy, Default)]
struct RecordedAnswer {
    from_cache: bool,
    rate_remaining: Option<i64>,
    rate_limit: Option<i64>,
    retry: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_become_paths_on_the_same_server() {
        let link = r#"<https://api.github.com/repositories/1000/issues?per_page=3&page=2>; rel="next", <https://api.github.com/repositories/1000/issues?per_page=3&page=5>; rel="last""#;
        assert_eq!(
            next_link(link, "https://api.github.com").as_deref(),
            Some("/repositories/1000/issues?per_page=3&page=2")
        );
        let last_only = r#"<https://api.github.com/x?page=5>; rel="last""#;
        assert_eq!(next_link(last_only, "https://api.github.com"), None);
        let ghes = r#"<https://ghe.example.com/api/v3/repos/a/b/events?page=2>; rel="next""#;
        assert_eq!(next_link(ghes, "https://ghe.example.com/api/v3").as_deref(), Some("/repos/a/b/events?page=2"));
    }

    #[test]
    fn error_messages_carry_githubs_words() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../../../tests/fixtures/octokit/errors.json")).unwrap();
        let body = fixture[0]["response"].to_string();
        let message = error_message(&body);
        assert!(message.starts_with("Validation Failed ("), "{message}");
        assert_eq!(error_message("<html>bad gateway</html>"), "<html>bad gateway</html>");
    }
}
