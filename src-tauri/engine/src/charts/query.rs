//! A chart request as people and programs write it (names and text, as typed in the CLI or sent
//! by the desktop app), checked and turned into a [`ChartRequest`]. One place for both, so the
//! app and the CLI accept and refuse exactly the same things.

use super::{ChartRequest, Granularity, RankBy};
use crate::error::{EngineError, Result};
use crate::scope::{OrgName, RepoName};
use crate::store::Store;
use crate::time::{HourRange, UtcHour};

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartQuery {
    /// `owner/name`, up to 8; empty with no organisation means the whole workspace.
    pub repos: Vec<String>,
    pub org: Option<String>,
    /// First UTC hour (`2024-01-15T10`) or day; default: the workspace's first event.
    pub from: Option<String>,
    /// End, exclusive; default: just after the workspace's last event.
    pub to: Option<String>,
    /// `day`, `week` or `month`; default `day`.
    pub granularity: Option<String>,
    /// Rows of ranked charts; default 10.
    pub limit: Option<u32>,
    /// `events` or `stars`; default `events`.
    pub rank_by: Option<String>,
    #[serde(default)]
    pub include_bots: bool,
    #[serde(default)]
    pub compare: bool,
}

impl ChartQuery {
    /// Checks everything that does not need the workspace: names, dates, options.
    pub fn check(&self) -> Result<()> {
        self.parts().map(drop)
    }

    #[allow(clippy::type_complexity)]
    fn parts(&self) -> Result<(Vec<RepoName>, Option<OrgName>, Option<UtcHour>, Option<UtcHour>, Granularity, RankBy)> {
        let repos = self.repos.iter().map(|r| RepoName::parse(r)).collect::<Result<Vec<_>>>()?;
        let org = self.org.as_deref().filter(|o| !o.is_empty()).map(OrgName::parse).transpose()?;
        let from = self.from.as_deref().filter(|t| !t.is_empty()).map(UtcHour::parse).transpose()?;
        let to = self.to.as_deref().filter(|t| !t.is_empty()).map(UtcHour::parse).transpose()?;
        let granularity = Granularity::parse(self.granularity.as_deref().unwrap_or("day"))?;
        let rank_by = RankBy::parse(self.rank_by.as_deref().unwrap_or("events"))?;
        Ok((repos, org, from, to, granularity, rank_by))
    }

    /// The request, with the default range filled in from the workspace's data.
    pub async fn resolve(&self, store: &Store) -> Result<ChartRequest> {
        let (repos, org, from, to, granularity, rank_by) = self.parts()?;
        // The default range is the events'; a range given in full needs none (a workspace of
        // BigQuery's daily counts has no events, and its charts still have data).
        let (from, to) = match (from, to) {
            (Some(from), Some(to)) => (from, to),
            (from, to) => {
                let Some((first, last)) = store.event_bounds().await? else {
                    return Err(EngineError::InvalidInput(
                        "the workspace holds no events yet: open the sample workspace or collect some data first"
                            .into(),
                    ));
                };
                (from.unwrap_or(UtcHour::from_timestamp(first)), to.unwrap_or(UtcHour::from_timestamp(last).next()))
            }
        };
        Ok(ChartRequest {
            repos,
            org,
            range: HourRange::new(from, to)?,
            granularity,
            limit: self.limit.unwrap_or(10) as usize,
            rank_by,
            include_bots: self.include_bots,
            compare: self.compare,
        })
    }
}
