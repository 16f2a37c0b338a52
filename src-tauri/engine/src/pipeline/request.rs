//! A collection request as people and programs write it (the CLI's flags, the app's scope
//! builder), checked and turned into a [`Scope`] and an archive location.

use std::path::PathBuf;

use super::plan::check_gharchive_range;
use crate::error::Result;
use crate::scope::{Filter, OrgName, RepoName, Scope};
use crate::sources::gharchive::{ArchiveLocation, DEFAULT_BASE_URL};
use crate::time::{HourRange, UtcHour};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectionRequest {
    /// `owner/name` of each repository to keep; none (and no organisation) keeps all of GitHub.
    pub repos: Vec<String>,
    pub orgs: Vec<String>,
    /// First UTC hour, e.g. `2024-01-15T10`.
    pub from: String,
    /// End hour, exclusive.
    pub to: String,
    /// GH Archive mirror base URL; default https://data.gharchive.org.
    pub base_url: Option<String>,
    /// A local folder of hour files instead of a mirror.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub dir: Option<PathBuf>,
}

impl CollectionRequest {
    /// The scope, with every name and hour checked; nothing touched yet.
    pub fn scope(&self) -> Result<Scope> {
        let range = HourRange::new(UtcHour::parse(&self.from)?, UtcHour::parse(&self.to)?)?;
        check_gharchive_range(&range)?;
        let repos = self.repos.iter().map(|r| RepoName::parse(r)).collect::<Result<Vec<_>>>()?;
        let orgs = self.orgs.iter().map(|o| OrgName::parse(o)).collect::<Result<Vec<_>>>()?;
        Ok(Scope { filter: Filter::new(repos, orgs), range })
    }

    /// Where the hours come from, checked (an existing folder, an http(s) URL).
    pub fn location(&self) -> Result<ArchiveLocation> {
        match (&self.dir, &self.base_url) {
            (Some(dir), _) => ArchiveLocation::dir(dir),
            (None, Some(url)) => ArchiveLocation::http(url),
            (None, None) => ArchiveLocation::http(DEFAULT_BASE_URL),
        }
    }
}
