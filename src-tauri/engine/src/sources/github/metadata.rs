//! Repository metadata in GraphQL batches: one query names up to [`BATCH_SIZE`] repositories
//! under aliases (`r0: repository(owner: $o0, name: $n0)`), so 1,000 repositories cost 20
//! requests. Names travel as variables, never spliced into the query text.

use serde::Deserialize;

use crate::scope::RepoName;
use crate::store::RepoSnapshot;
use crate::time::parse_event_time;

/// Repositories per query: GitHub's node limit and query cost stay low at 50 (cost 1 each).
pub const BATCH_SIZE: usize = 50;

const FIELDS: &str = "fragment RepoFacts on Repository {
  databaseId nameWithOwner stargazerCount forkCount
  watchers { totalCount } issues(states: OPEN) { totalCount }
  primaryLanguage { name } repositoryTopics(first: 20) { nodes { topic { name } } }
  licenseInfo { spdxId } createdAt pushedAt updatedAt isArchived defaultBranchRef { name }
}";

/// The query text and variables for one batch.
pub fn batch_query(repos: &[RepoName]) -> (String, serde_json::Value) {
    let mut parameters = Vec::new();
    let mut selections = Vec::new();
    let mut variables = serde_json::Map::new();
    for (i, repo) in repos.iter().enumerate() {
        parameters.push(format!("$o{i}: String!, $n{i}: String!"));
        selections.push(format!("  r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...RepoFacts }}"));
        variables.insert(format!("o{i}"), repo.owner().into());
        variables.insert(format!("n{i}"), repo.name().into());
    }
    let query = format!(
        "query RepoBatch({}) {{\n{}\n  rateLimit {{ cost remaining resetAt }}\n}}\n{FIELDS}",
        parameters.join(", "),
        selections.join("\n")
    );
    (query, serde_json::Value::Object(variables))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Count {
    total_count: i64,
}

#[derive(Debug, Deserialize)]
struct Named {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RepoFacts {
    database_id: i64,
    name_with_owner: String,
    stargazer_count: i64,
    fork_count: i64,
    watchers: Count,
    issues: Count,
    primary_language: Option<Named>,
    repository_topics: Option<TopicNodes>,
    license_info: Option<License>,
    created_at: Option<String>,
    pushed_at: Option<String>,
    updated_at: Option<String>,
    is_archived: bool,
    default_branch_ref: Option<Named>,
}

#[derive(Debug, Deserialize)]
struct TopicNodes {
    nodes: Vec<TopicNode>,
}

#[derive(Debug, Deserialize)]
struct TopicNode {
    topic: Named,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct License {
    spdx_id: Option<String>,
}

/// One repository of a batch answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The name it was asked under (GitHub follows renames: `name` may differ).
    pub asked: RepoName,
    pub name: String,
    pub snapshot: RepoSnapshot,
}

/// What one batch answer says, repository by repository.
#[derive(Debug, Default)]
pub struct BatchAnswer {
    pub found: Vec<Found>,
    /// Asked-for repositories GitHub did not return, with its reason.
    pub missing: Vec<(RepoName, String)>,
    /// The GraphQL points left after this query, if GitHub said.
    pub points_remaining: Option<i64>,
}

/// Reads a batch answer: every alias either resolves or is reported missing with GitHub's
/// error for it (partial errors are the norm: one private repository must not sink 49 others).
pub fn read_batch(answer: &serde_json::Value, repos: &[RepoName], taken_at: i64) -> Result<BatchAnswer, String> {
    let data = answer.get("data").filter(|d| d.is_object());
    let errors = answer.get("errors").and_then(|e| e.as_array()).cloned().unwrap_or_default();
    let Some(data) = data else {
        let message =
            errors.first().and_then(|e| e.get("message")).and_then(|m| m.as_str()).unwrap_or("the answer has no data");
        return Err(format!("GitHub refused the metadata query: {message}"));
    };
    let error_for = |alias: &str| {
        errors.iter().find_map(|e| {
            let on_alias = e.get("path")?.as_array()?.first()?.as_str()? == alias;
            on_alias.then(|| e.get("message").and_then(|m| m.as_str()).unwrap_or("not returned").to_owned())
        })
    };
    let mut batch = BatchAnswer {
        points_remaining: data.pointer("/rateLimit/remaining").and_then(|r| r.as_i64()),
        ..BatchAnswer::default()
    };
    for (i, repo) in repos.iter().enumerate() {
        let alias = format!("r{i}");
        match data.get(&alias) {
            Some(value) if !value.is_null() => {
                let facts: RepoFacts =
                    serde_json::from_value(value.clone()).map_err(|e| format!("{repo}: unexpected metadata: {e}"))?;
                batch.found.push(Found {
                    asked: repo.clone(),
                    name: facts.name_with_owner.clone(),
                    snapshot: snapshot(facts, taken_at),
                });
            }
            _ => {
                let reason = error_for(&alias).unwrap_or_else(|| "not returned".to_owned());
                batch.missing.push((repo.clone(), format!("not found or not visible to this token ({reason})")));
            }
        }
    }
    Ok(batch)
}

fn snapshot(facts: RepoFacts, taken_at: i64) -> RepoSnapshot {
    let time = |text: &Option<String>| text.as_deref().and_then(parse_event_time);
    RepoSnapshot {
        repo_id: facts.database_id,
        taken_at,
        stars: facts.stargazer_count,
        forks: facts.fork_count,
        watchers: facts.watchers.total_count,
        open_issues: facts.issues.total_count,
        language: facts.primary_language.map(|l| l.name),
        topics: facts
            .repository_topics
            .map(|t| t.nodes.into_iter().map(|n| n.topic.name).collect())
            .unwrap_or_default(),
        license: facts.license_info.and_then(|l| l.spdx_id),
        created_at: time(&facts.created_at),
        pushed_at: time(&facts.pushed_at),
        updated_at: time(&facts.updated_at),
        archived: facts.is_archived,
        default_branch: facts.default_branch_ref.map(|b| b.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repos(names: &[&str]) -> Vec<RepoName> {
        names.iter().map(|n| RepoName::parse(n).unwrap()).collect()
    }

    #[test]
    fn names_travel_as_variables_never_in_the_query_text() {
        let batch = repos(&["rust-lang/rust"]);
        let (query, variables) = batch_query(&batch);
        assert!(query.contains("r0: repository(owner: $o0, name: $n0)"));
        assert!(!query.contains("rust-lang"));
        assert_eq!(variables["o0"], "rust-lang");
        assert_eq!(variables["n0"], "rust");
    }

    #[test]
    fn partial_errors_fail_only_their_repository() {
        let batch = repos(&["a/one", "a/gone"]);
        let answer = serde_json::json!({
            "data": {
                "r0": {"databaseId": 11, "nameWithOwner": "a/One", "stargazerCount": 5, "forkCount": 1,
                       "watchers": {"totalCount": 2}, "issues": {"totalCount": 3},
                       "primaryLanguage": {"name": "Rust"},
                       "repositoryTopics": {"nodes": [{"topic": {"name": "cli"}}]},
                       "licenseInfo": {"spdxId": "MIT"}, "createdAt": "2020-01-01T00:00:00Z",
                       "pushedAt": null, "updatedAt": "2026-01-01T00:00:00Z", "isArchived": false,
                       "defaultBranchRef": {"name": "main"}},
                "r1": null,
                "rateLimit": {"cost": 1, "remaining": 4999, "resetAt": "2026-11-28T08:00:00Z"}
            },
            "errors": [{"type": "NOT_FOUND", "path": ["r1"], "message": "Could not resolve to a Repository with the name 'a/gone'."}]
        });
        let read = read_batch(&answer, &batch, 100).unwrap();
        assert_eq!(read.found.len(), 1);
        assert_eq!(read.found[0].name, "a/One");
        assert_eq!(read.found[0].snapshot.topics, vec!["cli".to_owned()]);
        assert_eq!(read.found[0].snapshot.license.as_deref(), Some("MIT"));
        assert_eq!(read.missing.len(), 1);
        assert!(read.missing[0].1.contains("Could not resolve"), "{:?}", read.missing);
        assert_eq!(read.points_remaining, Some(4999));
        let refused = serde_json::json!({"errors": [{"message": "Parse error"}]});
        assert!(read_batch(&refused, &batch, 100).unwrap_err().contains("Parse error"));
    }
}
