//! Turning the repositories or organisation a user named into repository ids of the workspace.

use super::ChartRequest;
use crate::error::{EngineError, Result};
use crate::store::Store;

/// The repositories a chart covers.
#[derive(Debug, Clone)]
pub(super) struct Selection {
    /// (id, current full name), in the order the user named them.
    pub repos: Vec<(i64, String)>,
    /// No repository or organisation named: the whole workspace.
    pub everything: bool,
}

impl Selection {
    pub fn ids(&self) -> Vec<i64> {
        self.repos.iter().map(|(id, _)| *id).collect()
    }
}

pub(super) async fn resolve(store: &Store, request: &ChartRequest) -> Result<Selection> {
    let mut repos = Vec::new();
    for name in &request.repos {
        // Any name the repository was ever seen under works, so a chart survives renames.
        let found: Option<(i64, String)> = sqlx::query_as(
            "SELECT r.id, r.full_name FROM repository_names n JOIN repositories r ON r.id = n.repo_id
             WHERE n.full_name = ?1 COLLATE NOCASE ORDER BY n.last_seen_at DESC LIMIT 1",
        )
        .bind(name.to_string())
        .fetch_optional(store.pool())
        .await?;
        match found {
            Some(repo) if !repos.contains(&repo) => repos.push(repo),
            Some(_) => {}
            None => {
                return Err(EngineError::InvalidInput(format!(
                    "the workspace has no data for repository `{name}`; collect it first, e.g. `octoscope ingest gharchive --repo {name} --from ... --to ...`"
                )));
            }
        }
    }
    if let Some(org) = &request.org {
        let members: Vec<(i64, String)> = sqlx::query_as(
            "SELECT DISTINCT r.id, r.full_name FROM repository_names n JOIN repositories r ON r.id = n.repo_id
             WHERE n.full_name LIKE ?1 || '/%' ORDER BY r.full_name",
        )
        .bind(org.as_str())
        .fetch_all(store.pool())
        .await?;
        if members.is_empty() {
            return Err(EngineError::InvalidInput(format!(
                "the workspace has no repositories of organisation `{org}`; collect them first with `--org {org}`"
            )));
        }
        for repo in members {
            if !repos.contains(&repo) {
                repos.push(repo);
            }
        }
    }
    let everything = request.repos.is_empty() && request.org.is_none();
    Ok(Selection { repos, everything })
}
