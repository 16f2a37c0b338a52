//! What to collect: repositories and organisations (or all of GitHub) over a UTC hour range.

use std::fmt;

use crate::error::{EngineError, Result};
use crate::time::HourRange;

/// A repository's `owner/name`, validated with GitHub's own naming rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RepoName {
    owner: String,
    name: String,
}

impl RepoName {
    pub fn parse(text: &str) -> Result<Self> {
        let trimmed = text.trim().trim_end_matches('/');
        let trimmed = trimmed
            .strip_prefix("https://github.com/")
            .or_else(|| trimmed.strip_prefix("github.com/"))
            .unwrap_or(trimmed);
        let trimmed = trimmed.strip_suffix(".git").unwrap_or(trimmed);
        let Some((owner, name)) = trimmed.split_once('/') else {
            return Err(EngineError::InvalidInput(format!(
                "`{text}` is not a repository: write it as owner/name, for example rust-lang/rust"
            )));
        };
        validate_login(owner)
            .map_err(|why| EngineError::InvalidInput(format!("`{text}` is not a repository: its owner {why}")))?;
        validate_repo_name(name)
            .map_err(|why| EngineError::InvalidInput(format!("`{text}` is not a repository: its name {why}")))?;
        Ok(RepoName { owner: owner.to_owned(), name: name.to_owned() })
    }

    pub fn owner(&self) -> &str {
        &self.owner
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether `full_name` (as found in event data) names this repository; GitHub names are
    /// case-insensitive.
    pub fn matches(&self, full_name: &str) -> bool {
        full_name.len() == self.owner.len() + 1 + self.name.len()
            && full_name
                .split_once('/')
                .is_some_and(|(o, n)| o.eq_ignore_ascii_case(&self.owner) && n.eq_ignore_ascii_case(&self.name))
    }
}

impl fmt::Display for RepoName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

impl TryFrom<String> for RepoName {
    type Error = EngineError;
    fn try_from(value: String) -> Result<Self> {
        RepoName::parse(&value)
    }
}

impl From<RepoName> for String {
    fn from(value: RepoName) -> String {
        value.to_string()
    }
}

/// An organisation (or user) login.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(text: &str) -> Result<Self> {
        let trimmed = text.trim();
        let trimmed = trimmed.strip_prefix("https://github.com/").unwrap_or(trimmed).trim_end_matches('/');
        validate_login(trimmed)
            .map_err(|why| EngineError::InvalidInput(format!("`{text}` is not an organisation: it {why}")))?;
        Ok(OrgName(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrgName {
    type Error = EngineError;
    fn try_from(value: String) -> Result<Self> {
        OrgName::parse(&value)
    }
}

impl From<OrgName> for String {
    fn from(value: OrgName) -> String {
        value.0
    }
}

/// GitHub logins: 1-39 characters, alphanumerics or single hyphens, not starting or ending
/// with a hyphen. Legacy data has a few logins with underscores, which we accept.
fn validate_login(login: &str) -> std::result::Result<(), String> {
    if login.is_empty() {
        return Err("is empty".into());
    }
    if login.len() > 39 {
        return Err(format!("is {} characters long; GitHub allows at most 39", login.len()));
    }
    if let Some(bad) = login.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("contains `{bad}`; only letters, digits and hyphens are allowed"));
    }
    if login.starts_with('-') || login.ends_with('-') {
        return Err("starts or ends with a hyphen".into());
    }
    Ok(())
}

fn validate_repo_name(name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.len() > 100 {
        return Err(format!("is {} characters long; GitHub allows at most 100", name.len()));
    }
    if name == "." || name == ".." {
        return Err(format!("cannot be `{name}`"));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        return Err(format!("contains `{bad}`; only letters, digits, `-`, `_` and `.` are allowed"));
    }
    Ok(())
}

/// Which repositories' activity to keep. Empty lists mean all of GitHub.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filter {
    pub repos: Vec<RepoName>,
    pub orgs: Vec<OrgName>,
}

impl Filter {
    pub fn new(mut repos: Vec<RepoName>, mut orgs: Vec<OrgName>) -> Self {
        let lower = |s: &str| s.to_ascii_lowercase();
        repos.sort_by_key(|r| lower(&r.to_string()));
        repos.dedup_by(|a, b| a.to_string().eq_ignore_ascii_case(&b.to_string()));
        orgs.sort_by_key(|o| lower(o.as_str()));
        orgs.dedup_by(|a, b| a.as_str().eq_ignore_ascii_case(b.as_str()));
        Filter { repos, orgs }
    }

    pub fn is_everything(&self) -> bool {
        self.repos.is_empty() && self.orgs.is_empty()
    }

    /// A canonical text form: equal filters give equal keys. `*` is all of GitHub.
    pub fn key(&self) -> String {
        if self.is_everything() {
            return "*".to_owned();
        }
        let repos: Vec<String> = self.repos.iter().map(|r| r.to_string().to_ascii_lowercase()).collect();
        let orgs: Vec<String> = self.orgs.iter().map(|o| o.as_str().to_ascii_lowercase()).collect();
        format!("repos={};orgs={}", repos.join(","), orgs.join(","))
    }

    /// Whether an event on `repo_full_name`, in organisation `org_login` if any, is in scope.
    pub fn matches(&self, repo_full_name: &str, org_login: Option<&str>) -> bool {
        if self.is_everything() {
            return true;
        }
        if self.repos.iter().any(|r| r.matches(repo_full_name)) {
            return true;
        }
        let owner = repo_full_name.split_once('/').map_or(repo_full_name, |(o, _)| o);
        self.orgs.iter().any(|o| {
            o.as_str().eq_ignore_ascii_case(owner) || org_login.is_some_and(|l| l.eq_ignore_ascii_case(o.as_str()))
        })
    }
}

/// A scope: which repositories, over which hours.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scope {
    pub filter: Filter,
    pub range: HourRange,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_names_follow_github_rules() {
        let repo = RepoName::parse("rust-lang/rust").unwrap();
        assert_eq!((repo.owner(), repo.name()), ("rust-lang", "rust"));
        assert_eq!(RepoName::parse("https://github.com/tokio-rs/tokio.git").unwrap().to_string(), "tokio-rs/tokio");
        assert_eq!(RepoName::parse("a/.github").unwrap().name(), ".github");
        for bad in ["rust", "/rust", "rust/", "a/b/c", "-bad/x", "a b/c", "a/..", "a/na me"] {
            let message = RepoName::parse(bad).unwrap_err().to_string();
            assert!(message.contains("is not a repository"), "{bad}: {message}");
        }
    }

    #[test]
    fn filters_match_case_insensitively_by_repo_owner_or_org() {
        let filter =
            Filter::new(vec![RepoName::parse("Tokio-rs/Tokio").unwrap()], vec![OrgName::parse("rust-lang").unwrap()]);
        assert!(filter.matches("tokio-rs/tokio", None));
        assert!(!filter.matches("tokio-rs/tokio-extra", None));
        assert!(filter.matches("rust-lang/cargo", None));
        assert!(filter.matches("someone/fork", Some("Rust-Lang")));
        assert!(!filter.matches("someone/fork", None));
        assert_eq!(filter.key(), "repos=tokio-rs/tokio;orgs=rust-lang");
        assert_eq!(Filter::default().key(), "*");
    }

    #[test]
    fn filter_keys_ignore_order_case_and_duplicates() {
        let a = Filter::new(
            vec![RepoName::parse("b/b").unwrap(), RepoName::parse("A/a").unwrap(), RepoName::parse("a/A").unwrap()],
            vec![],
        );
        let b = Filter::new(vec![RepoName::parse("a/a").unwrap(), RepoName::parse("b/b").unwrap()], vec![]);
        assert_eq!(a.key(), b.key());
    }
}
