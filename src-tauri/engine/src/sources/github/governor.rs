//! The rate-limit governor: how many requests may be in flight, when the next one may go, and
//! what to do with each answer. Every GitHub request of a run goes through one governor, so a
//! limit hit by one unit pauses all of them instead of each finding out on its own.
//!
//! GitHub's rules (FACTS.md): a primary limit per hour (`x-ratelimit-*` headers, 304s free),
//! secondary limits on concurrency and bursts answered 403/429; honour `retry-after`, else wait
//! until `x-ratelimit-reset`, else back off exponentially from a minute.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use http::HeaderMap;
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio_util::sync::CancellationToken;

/// What to do when the primary limit is used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenExhausted {
    /// Wait, visibly, until the limit resets, then go on by itself.
    Wait,
    /// End the affected units with a clear message; a rerun picks them up.
    Stop,
}

#[derive(Debug, Clone)]
pub struct GovernorPolicy {
    /// Requests in flight at once: far under GitHub's 100 concurrent, which it counts across
    /// every client of the token.
    pub max_concurrent: usize,
    pub when_exhausted: WhenExhausted,
    /// First wait after a secondary-limit answer without a hint (doubles each time).
    pub secondary_backoff: Duration,
    /// First wait after a server error or a network fault (doubles each time).
    pub error_backoff: Duration,
    /// Tries of one request through server errors and network faults.
    pub max_attempts: u32,
    /// Rate-limit answers one request may wait through before it gives up.
    pub max_limit_waits: u32,
}

impl Default for GovernorPolicy {
    fn default() -> Self {
        GovernorPolicy {
            max_concurrent: 8,
            when_exhausted: WhenExhausted::Wait,
            secondary_backoff: Duration::from_secs(60),
            error_backoff: Duration::from_secs(1),
            max_attempts: 5,
            max_limit_waits: 8,
        }
    }
}

/// What the headers of the last answer said about one rate-limit resource (`core`, `graphql`...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitState {
    pub limit: Option<i64>,
    pub remaining: i64,
    /// Unix seconds.
    pub reset_at: i64,
}

/// What to do with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx or 304: use it.
    Accept,
    /// 401.
    TokenInvalid,
    /// 404, 410, or a 403 that is not about rate limits: the thing is not there for this token.
    NotVisible,
    /// A rate limit: wait until this unix second (primary: `Exhausted` tells which).
    LimitedUntil { at: i64, primary: bool },
    /// A rate limit without a hint: wait this long.
    LimitedFor(Duration),
    /// A server error: try again after this long, if attempts remain.
    RetryAfter(Duration),
    /// Any other client error: give up with GitHub's message.
    Reject,
}

fn header_i64(headers: &HeaderMap, name: &str) -> Option<i64> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// Decides what an answer means. `attempt` counts from 0; `now` is unix seconds.
pub fn classify(
    status: u16,
    headers: &HeaderMap,
    body: &str,
    attempt: u32,
    now: i64,
    policy: &GovernorPolicy,
) -> Verdict {
    match status {
        200..=299 | 304 => Verdict::Accept,
        401 => Verdict::TokenInvalid,
        403 | 429 => {
            if let Some(seconds) = header_i64(headers, "retry-after") {
                return Verdict::LimitedUntil { at: now + seconds.max(1), primary: false };
            }
            let remaining = header_i64(headers, "x-ratelimit-remaining");
            if remaining == Some(0)
                && let Some(reset) = header_i64(headers, "x-ratelimit-reset")
            {
                return Verdict::LimitedUntil { at: reset.max(now + 1), primary: true };
            }
            let lower = body.to_ascii_lowercase();
            if status == 429 || lower.contains("rate limit") || lower.contains("abuse") {
                return Verdict::LimitedFor(policy.secondary_backoff.saturating_mul(1 << attempt.min(6)));
            }
            Verdict::NotVisible
        }
        404 | 410 => Verdict::NotVisible,
        500..=599 => Verdict::RetryAfter(policy.error_backoff.saturating_mul(1 << attempt.min(6))),
        _ => Verdict::Reject,
    }
}

/// Shared by every request of a run.
#[derive(Debug)]
pub struct Governor {
    policy: GovernorPolicy,
    permits: Semaphore,
    limits: Mutex<HashMap<String, LimitState>>,
    /// No request starts before this unix second (a secondary limit hit by anyone).
    paused_until: Mutex<i64>,
}

/// Why a request may not go now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hold {
    Cancelled,
    /// The primary limit of `resource` is used up until `reset_at` and the policy says stop.
    Exhausted {
        resource: String,
        reset_at: i64,
    },
}

impl Governor {
    pub fn new(policy: GovernorPolicy) -> Self {
        let permits = Semaphore::new(policy.max_concurrent.max(1));
        Governor { policy, permits, limits: Mutex::new(HashMap::new()), paused_until: Mutex::new(0) }
    }

    pub fn policy(&self) -> &GovernorPolicy {
        &self.policy
    }

    /// The last known state of `resource`.
    pub fn limit(&self, resource: &str) -> Option<LimitState> {
        self.limits.lock().ok()?.get(resource).copied()
    }

    /// Records what an answer's headers say about its resource.
    pub fn observe(&self, headers: &HeaderMap) {
        let (Some(remaining), Some(reset_at)) =
            (header_i64(headers, "x-ratelimit-remaining"), header_i64(headers, "x-ratelimit-reset"))
        else {
            return;
        };
        let resource = headers.get("x-ratelimit-resource").and_then(|v| v.to_str().ok()).unwrap_or("core").to_owned();
        let state = LimitState { limit: header_i64(headers, "x-ratelimit-limit"), remaining, reset_at };
        if let Ok(mut limits) = self.limits.lock() {
            limits.insert(resource, state);
        }
    }

    /// Records what `/rate_limit` said (it costs nothing and is read when planning).
    pub fn set_limit(&self, resource: &str, state: LimitState) {
        if let Ok(mut limits) = self.limits.lock() {
            limits.insert(resource.to_owned(), state);
        }
    }

    /// Makes every request wait until `at` (unix seconds).
    pub fn pause_until(&self, at: i64) {
        if let Ok(mut paused) = self.paused_until.lock() {
            *paused = (*paused).max(at);
        }
    }

    /// When a request to `resource` may go, if not now.
    fn blocked_until(&self, resource: &str, now: i64) -> Option<(i64, bool)> {
        let paused = self.paused_until.lock().map(|p| *p).unwrap_or(0);
        let exhausted = self
            .limits
            .lock()
            .ok()
            .and_then(|limits| limits.get(resource).copied())
            .filter(|state| state.remaining <= 0 && state.reset_at > now)
            .map(|state| state.reset_at);
        match (exhausted, paused > now) {
            (Some(reset), _) => Some((reset.max(paused), true)),
            (None, true) => Some((paused, false)),
            (None, false) => None,
        }
    }

    /// Waits until a request to `resource` may go and takes a concurrency slot. `on_wait` hears
    /// each wait (until when, and whether it is the primary limit) so people see it.
    pub async fn admit(
        &self,
        resource: &str,
        cancel: &CancellationToken,
        on_wait: &(dyn Fn(i64, bool) + Send + Sync),
    ) -> Result<SemaphorePermit<'_>, Hold> {
        loop {
            let now = chrono::Utc::now().timestamp();
            let Some((until, primary)) = self.blocked_until(resource, now) else { break };
            if primary && self.policy.when_exhausted == WhenExhausted::Stop {
                return Err(Hold::Exhausted { resource: resource.to_owned(), reset_at: until });
            }
            on_wait(until, primary);
            // Sleep through to the reset (plus a second of clock skew); never spin.
            let wait = Duration::from_secs((until - now).max(0) as u64 + u64::from(primary));
            tokio::select! {
                () = cancel.cancelled() => return Err(Hold::Cancelled),
                () = tokio::time::sleep(wait.max(Duration::from_millis(200))) => {}
            }
            if primary && let Ok(mut limits) = self.limits.lock() {
                // The window has reset: the next answer says what is left.
                limits.remove(resource);
            }
        }
        tokio::select! {
            () = cancel.cancelled() => Err(Hold::Cancelled),
            permit = self.permits.acquire() => permit.map_err(|_| Hold::Cancelled),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn retry_after_wins_over_the_reset_time() {
        let policy = GovernorPolicy::default();
        let h = headers(&[("retry-after", "30"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1800009999")]);
        assert_eq!(classify(403, &h, "", 0, NOW, &policy), Verdict::LimitedUntil { at: NOW + 30, primary: false });
    }

    #[test]
    fn an_exhausted_primary_limit_waits_for_its_reset() {
        let policy = GovernorPolicy::default();
        let h = headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1800000600")]);
        assert_eq!(classify(403, &h, "", 0, NOW, &policy), Verdict::LimitedUntil { at: NOW + 600, primary: true });
        assert_eq!(classify(429, &h, "", 0, NOW, &policy), Verdict::LimitedUntil { at: NOW + 600, primary: true });
    }

    #[test]
    fn a_secondary_limit_without_hints_backs_off_exponentially_from_a_minute() {
        let policy = GovernorPolicy::default();
        let body = r#"{"message":"You have exceeded a secondary rate limit"}"#;
        assert_eq!(
            classify(403, &HeaderMap::new(), body, 0, NOW, &policy),
            Verdict::LimitedFor(Duration::from_secs(60))
        );
        assert_eq!(
            classify(429, &HeaderMap::new(), "", 2, NOW, &policy),
            Verdict::LimitedFor(Duration::from_secs(240))
        );
    }

    #[test]
    fn forbidden_without_a_limit_is_not_visible_and_401_is_a_bad_token() {
        let policy = GovernorPolicy::default();
        let h = headers(&[("x-ratelimit-remaining", "4000"), ("x-ratelimit-reset", "1800000600")]);
        assert_eq!(classify(403, &h, r#"{"message":"Resource not accessible"}"#, 0, NOW, &policy), Verdict::NotVisible);
        assert_eq!(classify(404, &h, "", 0, NOW, &policy), Verdict::NotVisible);
        assert_eq!(classify(401, &h, "", 0, NOW, &policy), Verdict::TokenInvalid);
        assert_eq!(classify(304, &h, "", 0, NOW, &policy), Verdict::Accept);
        assert_eq!(classify(502, &h, "", 1, NOW, &policy), Verdict::RetryAfter(Duration::from_secs(2)));
        assert_eq!(classify(422, &h, "", 0, NOW, &policy), Verdict::Reject);
    }

    #[tokio::test]
    async fn stop_policy_refuses_while_exhausted_and_wait_policy_sleeps_until_reset() {
        let stop = Governor::new(GovernorPolicy { when_exhausted: WhenExhausted::Stop, ..GovernorPolicy::default() });
        let reset = chrono::Utc::now().timestamp() + 3600;
        stop.set_limit("core", LimitState { limit: Some(5000), remaining: 0, reset_at: reset });
        let cancel = CancellationToken::new();
        let held = stop.admit("core", &cancel, &|_, _| {}).await.map(|_| ());
        assert_eq!(held, Err(Hold::Exhausted { resource: "core".into(), reset_at: reset }));
        // Another resource is not held back.
        assert!(stop.admit("graphql", &cancel, &|_, _| {}).await.is_ok());

        let wait = Governor::new(GovernorPolicy::default());
        let soon = chrono::Utc::now().timestamp() + 1;
        wait.set_limit("core", LimitState { limit: Some(5000), remaining: 0, reset_at: soon });
        let waits = std::sync::Mutex::new(Vec::new());
        let started = std::time::Instant::now();
        let admitted =
            wait.admit("core", &cancel, &|until, primary| waits.lock().unwrap().push((until, primary))).await;
        assert!(admitted.is_ok());
        assert_eq!(waits.lock().unwrap().as_slice(), &[(soon, true)]);
        assert!(started.elapsed() >= Duration::from_millis(900), "it must really wait for the reset");
    }

    #[tokio::test]
    async fn cancelling_ends_a_wait() {
        let governor = Governor::new(GovernorPolicy::default());
        governor.pause_until(chrono::Utc::now().timestamp() + 3600);
        let cancel = CancellationToken::new();
        cancel.cancel();
        assert_eq!(governor.admit("core", &cancel, &|_, _| {}).await.map(|_| ()), Err(Hold::Cancelled));
    }
}
