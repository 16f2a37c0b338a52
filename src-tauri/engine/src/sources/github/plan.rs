//! Turning a GitHub scope into units, with what they will cost against the token's budget.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::client::{API_VERSION, ApiError, GithubClient, NoticeSink};
use super::governor::LimitState;
use super::metadata::BATCH_SIZE;
use super::parse::repo_names_page;
use crate::error::{EngineError, Result};
use crate::scope::{OrgName, RepoName};
use crate::store::Store;

/// What to collect about each repository. Metadata always comes: it also tells the other
/// units each repository's id (and follows renames).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Fact {
    /// Stars, forks, watchers, open issues, language, topics, licence... as a snapshot.
    Metadata,
    /// The recent events feed (300 events / 90 days), merged with GH Archive's.
    Events,
    /// Stars per day: `/stargazers/history`, else the stargazer list, else snapshots only.
    Stars,
    /// Issues and pull requests updated since the last run.
    Items,
}

impl Fact {
    pub const ALL: [Fact; 4] = [Fact::Metadata, Fact::Events, Fact::Stars, Fact::Items];

    pub fn parse(text: &str) -> Result<Self> {
        Fact::ALL.into_iter().find(|f| f.id() == text).ok_or_else(|| {
            EngineError::InvalidInput(format!("`{text}` is not a GitHub fact: use metadata, events, stars or items"))
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            Fact::Metadata => "metadata",
            Fact::Events => "events",
            Fact::Stars => "stars",
            Fact::Items => "items",
        }
    }
}

/// A GitHub collection as people and programs write it (the CLI's flags, the app's scope builder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GithubRequest {
    pub repos: Vec<String>,
    /// Organisations (or users) whose public repositories join the scope.
    pub orgs: Vec<String>,
    /// Empty means all facts.
    pub facts: Vec<Fact>,
}

/// At most this many repositories per collection: 20 metadata requests, and an estimate a
/// person can still read. Larger scopes belong to BigQuery.
pub const MAX_REPOS: usize = 1000;

impl GithubRequest {
    /// Names checked, nothing touched yet.
    pub fn parsed(&self) -> Result<(Vec<RepoName>, Vec<OrgName>, BTreeSet<Fact>)> {
        let repos = self.repos.iter().map(|r| RepoName::parse(r)).collect::<Result<Vec<_>>>()?;
        let orgs = self.orgs.iter().map(|o| OrgName::parse(o)).collect::<Result<Vec<_>>>()?;
        if repos.is_empty() && orgs.is_empty() {
            return Err(EngineError::InvalidInput(
                "name at least one repository or organisation: the GitHub API collects tracked repositories, \
                 not all of GitHub (use GH Archive or BigQuery for that)"
                    .into(),
            ));
        }
        let mut facts: BTreeSet<Fact> = self.facts.iter().copied().collect();
        if facts.is_empty() {
            facts.extend(Fact::ALL);
        }
        facts.insert(Fact::Metadata);
        Ok((repos, orgs, facts))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitKind {
    Metadata(Vec<RepoName>),
    Events(RepoName),
    Stars(RepoName),
    Items(RepoName),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GithubUnit {
    pub key: String,
    pub kind: UnitKind,
    /// Where the unit's last run left off (unit-specific JSON or text).
    pub checkpoint: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GithubPlan {
    pub scope_key: String,
    pub repos: Vec<RepoName>,
    pub facts: BTreeSet<Fact>,
    pub units: Vec<GithubUnit>,
    /// Events feeds skipped because GitHub's poll interval has not passed (key, due at).
    pub not_due: Vec<(String, i64)>,
    pub core: Option<LimitState>,
    pub graphql: Option<LimitState>,
    /// REST requests the run may cost at most (304s, which cost nothing, are likely for
    /// anything collected before).
    pub estimated_requests: u64,
    pub estimated_points: u64,
}

/// What a GitHub plan will do, in numbers, for a person deciding whether to run it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GithubPlanSummary {
    pub repos: Vec<String>,
    pub facts: Vec<Fact>,
    pub units_total: u64,
    pub units_not_due: u64,
    pub metadata_requests: u64,
    pub estimated_requests: u64,
    pub estimated_points: u64,
    /// The token's REST budget now, from `/rate_limit` (which costs nothing).
    pub core_remaining: Option<i64>,
    pub core_limit: Option<i64>,
    pub core_reset_at: Option<i64>,
    pub graphql_remaining: Option<i64>,
}

impl GithubPlan {
    pub fn summary(&self) -> GithubPlanSummary {
        GithubPlanSummary {
            repos: self.repos.iter().map(ToString::to_string).collect(),
            facts: self.facts.iter().copied().collect(),
            units_total: self.units.len() as u64,
            units_not_due: self.not_due.len() as u64,
            metadata_requests: self.units.iter().filter(|u| matches!(u.kind, UnitKind::Metadata(_))).count() as u64,
            estimated_requests: self.estimated_requests,
            estimated_points: self.estimated_points,
            core_remaining: self.core.map(|c| c.remaining),
            core_limit: self.core.and_then(|c| c.limit),
            core_reset_at: self.core.map(|c| c.reset_at),
            graphql_remaining: self.graphql.map(|g| g.remaining),
        }
    }
}

/// `/rate_limit`: free, and the only way to plan against the budget before spending it.
async fn read_rate_limit(client: &GithubClient, cancel: &CancellationToken, notices: NoticeSink<'_>) -> Result<()> {
    #[derive(Deserialize)]
    struct Resource {
        limit: i64,
        remaining: i64,
        reset: i64,
    }
    #[derive(Deserialize)]
    struct Limits {
        resources: HashMap<String, Resource>,
    }
    let answer = client.get("/rate_limit", "/rate_limit", API_VERSION, cancel, notices).await?;
    let limits: Limits = serde_json::from_str(&answer.body)
        .map_err(|e| EngineError::Network(format!("GitHub's /rate_limit answer could not be read: {e}")))?;
    for (name, r) in limits.resources {
        client
            .governor()
            .set_limit(&name, LimitState { limit: Some(r.limit), remaining: r.remaining, reset_at: r.reset });
    }
    Ok(())
}

/// The public repositories of an organisation, or of a user when no organisation has the name.
async fn list_owner_repos(
    client: &GithubClient,
    org: &OrgName,
    cancel: &CancellationToken,
    notices: NoticeSink<'_>,
) -> Result<Vec<RepoName>> {
    let mut names = Vec::new();
    let first = format!("/orgs/{org}/repos?type=public&per_page=100");
    let mut next = Some(first);
    let mut endpoint = "/orgs/{org}/repos";
    while let Some(path) = next.take() {
        let answer = match client.get(endpoint, &path, API_VERSION, cancel, notices).await {
            Err(ApiError::NotVisible { .. }) if endpoint == "/orgs/{org}/repos" => {
                endpoint = "/users/{user}/repos";
                next = Some(format!("/users/{org}/repos?type=owner&per_page=100"));
                continue;
            }
            Err(ApiError::NotVisible { .. }) => {
                return Err(EngineError::InvalidInput(format!(
                    "`{org}` is neither an organisation nor a user on this GitHub, or not visible to this token"
                )));
            }
            other => other?,
        };
        for name in repo_names_page(&answer.body).map_err(|e| EngineError::Network(format!("listing {org}: {e}")))? {
            names.push(RepoName::parse(&name)?);
        }
        next = answer.next;
    }
    Ok(names)
}

#[derive(Deserialize)]
struct EventsCheckpoint {
    next_poll_at: i64,
}

/// Plans a GitHub collection: expands organisations, reads the rate limit, and makes units.
pub async fn plan_github(
    store: &Store,
    client: &GithubClient,
    request: &GithubRequest,
    cancel: &CancellationToken,
    notices: NoticeSink<'_>,
) -> Result<GithubPlan> {
    let (mut repos, orgs, facts) = request.parsed()?;
    read_rate_limit(client, cancel, notices).await?;
    for org in &orgs {
        repos.extend(list_owner_repos(client, org, cancel, notices).await?);
    }
    let mut seen = BTreeSet::new();
    repos.retain(|r| seen.insert(r.to_string().to_ascii_lowercase()));
    if repos.len() > MAX_REPOS {
        return Err(EngineError::InvalidInput(format!(
            "the scope holds {} repositories; the GitHub API collects at most {MAX_REPOS} per run \
             (use BigQuery for larger scopes)",
            repos.len()
        )));
    }
    let checkpoints = store.unit_checkpoints(super::SOURCE).await?;
    let now = chrono::Utc::now().timestamp();
    let mut units = Vec::new();
    let mut not_due = Vec::new();
    let batches = repos.chunks(BATCH_SIZE).count();
    for (i, batch) in repos.chunks(BATCH_SIZE).enumerate() {
        units.push(GithubUnit {
            key: format!("metadata:{}/{batches}", i + 1),
            kind: UnitKind::Metadata(batch.to_vec()),
            checkpoint: None,
        });
    }
    let mut estimated_requests = 0;
    for repo in &repos {
        let mut add = |key: String, kind: UnitKind, cost: u64| {
            estimated_requests += cost;
            let checkpoint = checkpoints.get(&key).cloned();
            units.push(GithubUnit { key, kind, checkpoint });
        };
        if facts.contains(&Fact::Events) {
            let key = format!("events:{repo}");
            let due_at = checkpoints
                .get(&key)
                .and_then(|c| serde_json::from_str::<EventsCheckpoint>(c).ok())
                .map_or(0, |c| c.next_poll_at);
            if due_at > now {
                not_due.push((key, due_at));
            } else {
                add(key, UnitKind::Events(repo.clone()), 3);
            }
        }
        if facts.contains(&Fact::Stars) {
            add(format!("stars:{repo}"), UnitKind::Stars(repo.clone()), 2);
        }
        if facts.contains(&Fact::Items) {
            add(format!("items:{repo}"), UnitKind::Items(repo.clone()), 2);
        }
    }
    Ok(GithubPlan {
        scope_key: crate::scope::Filter::new(repos.clone(), Vec::new()).key(),
        estimated_points: batches as u64,
        repos,
        facts,
        units,
        not_due,
        core: client.governor().limit("core"),
        graphql: client.governor().limit("graphql"),
        estimated_requests,
    })
}
