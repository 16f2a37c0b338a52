//! `octoscope chart`: the chart catalogue and its exports.

use octoscope_engine::EngineError;
use octoscope_engine::charts::{self, ChartQuery, ExportFormat};
use octoscope_engine::store::Store;
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
    let query = ChartQuery {
        repos: args.repos.clone(),
        org: args.org.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        granularity: Some(args.granularity.clone()),
        limit: Some(u32::try_from(args.limit).unwrap_or(u32::MAX)),
        rank_by: Some(args.by.clone()),
        include_bots: args.include_bots,
        compare: args.compare,
    };
    query.check()?;
    let format = ExportFormat::parse(&args.format)?;
    if args.out.is_none() && matches!(format, ExportFormat::Png | ExportFormat::Svg) {
        return Err(EngineError::InvalidInput(format!("--format {} needs --out FILE", args.format)));
    }

    let store = Store::open(workspace).await?;
    let request = query.resolve(&store).await?;
    let range = request.range;
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
