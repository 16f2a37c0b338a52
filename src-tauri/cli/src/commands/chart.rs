//! `octoscope chart`: the chart catalogue and its exports.

use octoscope_engine::EngineError;
use octoscope_engine::charts::{self, ChartRequest, ExportFormat, Granularity, RankBy};
use octoscope_engine::scope::{OrgName, RepoName};
use octoscope_engine::store::Store;
use octoscope_engine::time::{HourRange, UtcHour};
use octoscope_engine::workspace::Workspace;

use crate::args::ChartArgs;

pub async fn run(workspace: &Workspace, args: ChartArgs) -> Result<u8, EngineError> {
    if args.list {
        for chart in charts::CATALOGUE {
            println!("{:<16} {}", chart.id, chart.title);
        }
        return Ok(0);
    }
    let id = args.id.as_deref().unwrap_or_default();
    charts::spec(id)?;
    let repos = args.repos.iter().map(|r| RepoName::parse(r)).collect::<Result<Vec<_>, _>>()?;
    let org = args.org.as_deref().map(OrgName::parse).transpose()?;
    let granularity = Granularity::parse(&args.granularity)?;
    let rank_by = RankBy::parse(&args.by)?;
    let format = ExportFormat::parse(&args.format)?;
    if args.out.is_none() && matches!(format, ExportFormat::Png | ExportFormat::Svg) {
        return Err(EngineError::InvalidInput(format!("--format {} needs --out FILE", args.format)));
    }
    let typed_from = args.from.as_deref().map(UtcHour::parse).transpose()?;
    let typed_to = args.to.as_deref().map(UtcHour::parse).transpose()?;

    let store = Store::open(workspace).await?;
    // Only the data's time bounds are needed for the default range, not the whole `stats`
    // (which counts every table).
    let Some((first, last)) = store.event_bounds().await? else {
        return Err(EngineError::InvalidInput(
            "the workspace holds no events yet: try `octoscope demo` or `octoscope ingest gharchive`".into(),
        ));
    };
    let from = typed_from.unwrap_or(UtcHour::from_timestamp(first));
    let to = typed_to.unwrap_or(UtcHour::from_timestamp(last).next());
    let range = HourRange::new(from, to)?;
    let request = ChartRequest {
        repos,
        org,
        range,
        granularity,
        limit: args.limit,
        rank_by,
        include_bots: args.include_bots,
        compare: args.compare,
    };
    let chart = charts::build(&store, id, &request).await?;
    store.close().await;
    if chart.series.iter().all(|s| s.values.iter().all(|v| *v == 0.0)) {
        return Err(EngineError::InvalidInput(format!(
            "chart `{id}` has no data from {} to {}: widen the range or collect more",
            range.from, range.to
        )));
    }
    match &args.out {
        Some(path) => {
            charts::export(&chart, format, path)?;
            eprintln!("wrote {} ({} points, {} series)", path.display(), chart.x.len(), chart.series.len());
        }
        None if format == ExportFormat::Json => {
            println!("{}", serde_json::to_string_pretty(&chart).unwrap_or_default());
        }
        None => print!("{}", charts::to_csv(&chart)),
    }
    for note in &chart.notes {
        eprintln!("note: {note}");
    }
    Ok(0)
}
