//! Checking a GitHub token: who it belongs to, what kind it is, and how much rate limit is left.
//! `GET /user` and `GET /rate_limit` on the configured API base URL (github.com, a GitHub
//! Enterprise Server, or a local fake in tests).

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, USER_AGENT};

use super::Secret;
use crate::error::{EngineError, Result};

pub const DEFAULT_API_URL: &str = "https://api.github.com";

/// The settings key of the GitHub API base URL.
pub const API_URL_SETTING: &str = "github.api_url";

/// Checks and normalises an API base URL: http(s), no trailing slash.
pub fn parse_api_url(text: &str) -> Result<String> {
    let trimmed = text.trim().trim_end_matches('/');
    let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(trimmed.to_owned()),
        _ => Err(EngineError::InvalidInput(format!(
            "`{text}` is not a GitHub API URL: use e.g. {DEFAULT_API_URL} or https://github.example.com/api/v3"
        ))),
    }
}

/// What GitHub says about a token. Never holds the token.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GithubAccount {
    pub login: String,
    /// "classic personal access token", "fine-grained personal access token", ...
    pub token_kind: String,
    /// OAuth scopes of classic tokens (`X-OAuth-Scopes`); fine-grained tokens have none.
    pub scopes: Option<Vec<String>>,
    /// When the token expires, as GitHub states it, if it does.
    pub expires: Option<String>,
    pub rate_limit: RateLimit,
}

/// The core REST rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateLimit {
    pub limit: u64,
    pub remaining: u64,
    /// Unix seconds when the window resets.
    pub reset_at: i64,
}

/// The kind of token, from its documented prefix.
pub fn token_kind(token: &Secret) -> &'static str {
    let text = token.expose();
    match () {
        () if text.starts_with("github_pat_") => "fine-grained personal access token",
        () if text.starts_with("ghp_") => "classic personal access token",
        () if text.starts_with("gho_") => "OAuth app token",
        () if text.starts_with("ghu_") => "GitHub App user token",
        () if text.starts_with("ghs_") => "GitHub App installation token",
        () => "token",
    }
}

fn client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| EngineError::Internal(format!("cannot build an HTTP client: {e}")))
}

async fn get(client: &reqwest::Client, api: &str, path: &str, token: &Secret) -> Result<reqwest::Response> {
    let url = format!("{api}{path}");
    let response = client
        .get(&url)
        .header(AUTHORIZATION, format!("Bearer {}", token.expose()))
        .header(ACCEPT, "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header(USER_AGENT, concat!("octoscope/", env!("CARGO_PKG_VERSION")))
        .send()
        .await
        // reqwest's message names the URL, never the headers, so the token cannot leak here.
        .map_err(|e| EngineError::Network(format!("cannot reach the GitHub API at {api}: {e}")))?;
    match response.status() {
        status if status.is_success() => Ok(response),
        StatusCode::UNAUTHORIZED => Err(EngineError::CredentialInvalid(
            "GitHub rejected the token (401 Bad credentials): it is mistyped, expired or revoked".into(),
        )),
        StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS if remaining(response.headers()) == Some(0) => {
            Err(EngineError::Network(format!(
                "GitHub's rate limit for this token is used up until {}; try again then",
                reset_text(response.headers())
            )))
        }
        StatusCode::FORBIDDEN => Err(EngineError::CredentialInvalid(format!(
            "GitHub refused {path} for this token (403): it may lack permissions or be blocked by an organisation policy"
        ))),
        status => Err(EngineError::Network(format!("the GitHub API at {api} answered {status} to {path}"))),
    }
}

fn remaining(headers: &HeaderMap) -> Option<u64> {
    headers.get("x-ratelimit-remaining")?.to_str().ok()?.parse().ok()
}

fn reset_text(headers: &HeaderMap) -> String {
    headers
        .get("x-ratelimit-reset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
        .map_or_else(|| "the window resets".to_owned(), crate::time::format_timestamp)
}

async fn body_json(response: reqwest::Response, what: &str) -> Result<serde_json::Value> {
    let bytes = response.bytes().await.map_err(|e| EngineError::Network(format!("reading {what}: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|_| EngineError::Network(format!("{what} is not JSON")))
}

/// Asks GitHub who `token` belongs to and how much rate limit it has left.
pub async fn check_token(api: &str, token: &Secret) -> Result<GithubAccount> {
    if token.is_empty() {
        return Err(EngineError::InvalidInput("the GitHub token is empty".into()));
    }
    if token.expose().contains(char::is_whitespace) || !token.expose().is_ascii() {
        return Err(EngineError::CredentialInvalid(
            "that is not a GitHub token: tokens are one word of letters, digits and underscores".into(),
        ));
    }
    let client = client()?;
    let user = get(&client, api, "/user", token).await?;
    let scopes =
        user.headers().get("x-oauth-scopes").and_then(|v| v.to_str().ok()).map(|list| {
            list.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>()
        });
    let expires =
        user.headers().get("github-authentication-token-expiration").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let user = body_json(user, "GitHub's /user answer").await?;
    let login = user["login"]
        .as_str()
        .ok_or_else(|| EngineError::Network("GitHub's /user answer has no login".into()))?
        .to_owned();
    let limits = body_json(get(&client, api, "/rate_limit", token).await?, "GitHub's /rate_limit answer").await?;
    let core = &limits["resources"]["core"];
    let rate_limit = RateLimit {
        limit: core["limit"].as_u64().unwrap_or(0),
        remaining: core["remaining"].as_u64().unwrap_or(0),
        reset_at: core["reset"].as_i64().unwrap_or(0),
    };
    Ok(GithubAccount { login, token_kind: token_kind(token).to_owned(), scopes, expires, rate_limit })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_urls_are_checked_and_normalised() {
        assert_eq!(parse_api_url("https://api.github.com/").unwrap(), "https://api.github.com");
        assert_eq!(parse_api_url("http://127.0.0.1:8080/api/v3").unwrap(), "http://127.0.0.1:8080/api/v3");
        for bad in ["api.github.com", "ftp://x", "https://", "https://a b"] {
            assert!(parse_api_url(bad).unwrap_err().to_string().contains("is not a GitHub API URL"), "{bad}");
        }
    }

    #[test]
    fn token_kinds_come_from_documented_prefixes() {
        assert_eq!(token_kind(&Secret::new("ghp_x".into())), "classic personal access token");
        assert_eq!(token_kind(&Secret::new("github_pat_x".into())), "fine-grained personal access token");
        assert_eq!(token_kind(&Secret::new("abc".into())), "token");
    }
}
