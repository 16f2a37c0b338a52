//! The GitHub API source: repository metadata (GraphQL batches), organisation repository
//! lists, each tracked repository's recent events feed, its star history, and its issues and
//! pull requests, all as units of one run through the same store as GH Archive.
//!
//! Every request goes through [`client::GithubClient`]: conditional requests against the
//! workspace's HTTP cache (304s are free) and the rate-limit [`governor`].

pub mod cache;
pub mod client;
pub mod governor;
pub mod metadata;
pub mod parse;
pub mod plan;
pub mod run;

pub use client::{ApiError, GithubClient};
pub use governor::{GovernorPolicy, WhenExhausted};
pub use plan::{Fact, GithubPlan, GithubPlanSummary, GithubRequest, plan_github};
pub use run::execute_github;

/// The `source` of GitHub API runs, units and request records.
pub const SOURCE: &str = "github";

/// GitHub units name their own target (`events:owner/name`), so they share one scope key.
pub const UNIT_SCOPE: &str = "*";

/// The API version of `/stargazers/history` (GitHub, 2026-09-04).
pub const STAR_HISTORY_API_VERSION: &str = "2026-03-10";

/// The settings key for what a run does when the hourly limit runs out (`wait` or `stop`).
pub const WHEN_EXHAUSTED_SETTING: &str = "github.when_exhausted";

/// A client for the workspace's GitHub: the token from the OS keychain (or
/// `OCTOSCOPE_GITHUB_TOKEN`), the workspace's HTTP cache, and `policy`.
pub fn connect(
    workspace: &crate::workspace::Workspace,
    api_url: &str,
    policy: GovernorPolicy,
) -> crate::error::Result<GithubClient> {
    use crate::secrets::{CredentialKind, Keychain};
    let Some((token, _)) = Keychain.find(CredentialKind::Github)? else {
        return Err(crate::error::EngineError::CredentialMissing(
            "no GitHub token is set: add one with `octoscope auth set github` or on the app's Credentials page \
             (OCTOSCOPE_GITHUB_TOKEN works for one process)"
                .into(),
        ));
    };
    GithubClient::new(api_url, &token, cache::HttpCache::new(workspace.cache_dir().join("http")), policy)
}
