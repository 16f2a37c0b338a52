//! Workspace settings: a small, typed set of keys stored in the `settings` table. Each key
//! has a default and a validator, so a bad value is refused when set, not when used.

use crate::error::{EngineError, Result};
use crate::secrets::github;
use crate::sources::github::{GovernorPolicy, WHEN_EXHAUSTED_SETTING, WhenExhausted};
use crate::store::Store;
use crate::workspace::Workspace;

/// One known setting.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct SettingSpec {
    pub key: &'static str,
    pub description: &'static str,
    pub default: &'static str,
    #[serde(skip)]
    validate: fn(&str) -> Result<String>,
}

pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        key: github::API_URL_SETTING,
        description: "GitHub API base URL (github.com, or a GitHub Enterprise Server's /api/v3)",
        default: github::DEFAULT_API_URL,
        validate: github::parse_api_url,
    },
    SettingSpec {
        key: WHEN_EXHAUSTED_SETTING,
        description: "When GitHub's hourly rate limit runs out during a run: wait (until it resets) or stop",
        default: "wait",
        validate: parse_when_exhausted,
    },
    SettingSpec {
        key: CONCURRENCY_SETTING,
        description: "GitHub requests in flight at once (1-32; GitHub allows 100 across all of a token's clients)",
        default: "8",
        validate: parse_concurrency,
    },
    SettingSpec {
        key: BIGQUERY_API_URL_SETTING,
        description: "BigQuery REST API base URL (Google's, or an emulator's)",
        default: crate::sources::bigquery::DEFAULT_API_URL,
        validate: parse_http_url,
    },
    SettingSpec {
        key: BIGQUERY_PROJECT_SETTING,
        description: "Google Cloud project billed for BigQuery jobs (empty: the service-account key's own project)",
        default: "",
        validate: parse_project,
    },
    SettingSpec {
        key: DATASET_PROJECT_SETTING,
        description: "Project holding the githubarchive datasets (day, month, year): githubarchive, or your own copy",
        default: crate::sources::bigquery::DATASET_PROJECT,
        validate: parse_dataset_project,
    },
    SettingSpec {
        key: PRICE_SETTING,
        description: "BigQuery on-demand price in US dollars per TiB processed",
        default: "6.25",
        validate: parse_dollars,
    },
    SettingSpec {
        key: RUN_BUDGET_SETTING,
        description: "The most one BigQuery collection may cost, in US dollars (plans over it are refused)",
        default: "1.00",
        validate: parse_dollars,
    },
    SettingSpec {
        key: MONTH_BUDGET_SETTING,
        description: "The most BigQuery collections may cost per calendar month (UTC), in US dollars",
        default: "10.00",
        validate: parse_dollars,
    },
];

pub const BIGQUERY_API_URL_SETTING: &str = "bigquery.api_url";
pub const BIGQUERY_PROJECT_SETTING: &str = "bigquery.project";
pub const DATASET_PROJECT_SETTING: &str = "bigquery.dataset_project";
pub const PRICE_SETTING: &str = "bigquery.price_per_tib_usd";
pub const RUN_BUDGET_SETTING: &str = "bigquery.run_budget_usd";
pub const MONTH_BUDGET_SETTING: &str = "bigquery.month_budget_usd";

pub const CONCURRENCY_SETTING: &str = "github.concurrency";

fn parse_when_exhausted(text: &str) -> Result<String> {
    match text.trim() {
        "wait" | "stop" => Ok(text.trim().to_owned()),
        other => Err(EngineError::InvalidInput(format!("`{other}` is not a choice here: use wait or stop"))),
    }
}

fn parse_concurrency(text: &str) -> Result<String> {
    match text.trim().parse::<u16>() {
        Ok(n @ 1..=32) => Ok(n.to_string()),
        _ => Err(EngineError::InvalidInput(format!("`{text}` is not a request count from 1 to 32"))),
    }
}

fn parse_http_url(text: &str) -> Result<String> {
    let trimmed = text.trim().trim_end_matches('/');
    match reqwest::Url::parse(trimmed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(trimmed.to_owned()),
        _ => Err(EngineError::InvalidInput(format!("`{text}` is not an http(s) URL"))),
    }
}

/// Google project ids: 6-30 lowercase letters, digits and hyphens (or empty for the key's own).
fn parse_project(text: &str) -> Result<String> {
    let trimmed = text.trim();
    let valid = trimmed.is_empty()
        || ((6..=30).contains(&trimmed.len())
            && trimmed.starts_with(|c: char| c.is_ascii_lowercase())
            && trimmed.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    if valid {
        Ok(trimmed.to_owned())
    } else {
        Err(EngineError::InvalidInput(format!(
            "`{text}` is not a Google Cloud project id (6-30 lowercase letters, digits and hyphens, starting with a letter)"
        )))
    }
}

fn parse_dataset_project(text: &str) -> Result<String> {
    match parse_project(text)? {
        empty if empty.is_empty() => Err(EngineError::InvalidInput("the dataset project cannot be empty".into())),
        project => Ok(project),
    }
}

fn parse_dollars(text: &str) -> Result<String> {
    let trimmed = text.trim().trim_start_matches('$');
    match trimmed.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=1_000_000.0).contains(&value) => Ok(format!("{value:.2}")),
        _ => Err(EngineError::InvalidInput(format!("`{text}` is not an amount of US dollars, like 2.50"))),
    }
}

/// Prices and budgets of this workspace's BigQuery collections.
pub async fn bigquery_policy(store: &Store) -> Result<crate::sources::bigquery::CostPolicy> {
    let dollars = |text: String| text.parse::<f64>().unwrap_or(0.0);
    Ok(crate::sources::bigquery::CostPolicy {
        price_per_tib: dollars(get(store, PRICE_SETTING).await?),
        run_budget: dollars(get(store, RUN_BUDGET_SETTING).await?),
        month_budget: dollars(get(store, MONTH_BUDGET_SETTING).await?),
    })
}

/// How GitHub runs of this workspace treat rate limits, from its settings.
pub async fn github_policy(store: &Store) -> Result<GovernorPolicy> {
    let when_exhausted = match get(store, WHEN_EXHAUSTED_SETTING).await?.as_str() {
        "stop" => WhenExhausted::Stop,
        _ => WhenExhausted::Wait,
    };
    let max_concurrent = get(store, CONCURRENCY_SETTING).await?.parse().unwrap_or(8);
    Ok(GovernorPolicy { when_exhausted, max_concurrent, ..GovernorPolicy::default() })
}

/// A setting as a settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingValue {
    pub key: String,
    pub description: String,
    pub default: String,
    pub value: String,
}

/// Every known setting with its current value.
pub async fn list(store: &Store) -> Result<Vec<SettingValue>> {
    let mut all = Vec::new();
    for spec in SETTINGS {
        all.push(SettingValue {
            key: spec.key.to_owned(),
            description: spec.description.to_owned(),
            default: spec.default.to_owned(),
            value: get(store, spec.key).await?,
        });
    }
    Ok(all)
}

fn spec(key: &str) -> Result<&'static SettingSpec> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| {
        let known: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        EngineError::InvalidInput(format!("there is no setting `{key}`; settings: {}", known.join(", ")))
    })
}

/// The value of `key`: stored, or its default.
pub async fn get(store: &Store, key: &str) -> Result<String> {
    let spec = spec(key)?;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?1").bind(key).fetch_optional(store.pool()).await?;
    Ok(stored.unwrap_or_else(|| spec.default.to_owned()))
}

/// Validates and stores `value`; returns it as stored (normalised).
pub async fn set(store: &Store, key: &str, value: &str) -> Result<String> {
    let value = (spec(key)?.validate)(value)?;
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(&value)
    .execute(store.pool())
    .await?;
    Ok(value)
}

/// The GitHub API base URL to use: the flag, else the workspace setting, else github.com. A
/// workspace that does not exist yet is not created just to read a default.
pub async fn github_api_url(workspace: &Workspace, flag: Option<&str>) -> Result<String> {
    if let Some(url) = flag {
        return github::parse_api_url(url);
    }
    if !workspace.database_path().exists() {
        return Ok(github::DEFAULT_API_URL.to_owned());
    }
    let store = Store::open(workspace).await?;
    let url = get(&store, github::API_URL_SETTING).await;
    store.close().await;
    url
}
