//! `octoscope ingest gharchive`: plan and run a GH Archive collection.

use octoscope_engine::EngineError;
use octoscope_engine::pipeline::{self, RunOptions};
use octoscope_engine::sources::gharchive::Fetcher;
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::{GhArchiveArgs, IngestSource};
use crate::{output, progress_view};

pub async fn run(workspace: &Workspace, source: IngestSource) -> Result<u8, EngineError> {
    match source {
        IngestSource::Gharchive(args) => run_gharchive(workspace, &args).await,
        IngestSource::Github(args) => super::github::run(workspace, &args).await,
        IngestSource::Bigquery(args) => super::bigquery::run(workspace, &args).await,
    }
}

async fn run_gharchive(workspace: &Workspace, args: &GhArchiveArgs) -> Result<u8, EngineError> {
    // Validate everything the user gave before touching the workspace.
    let scope = args.scope()?;
    let location = args.location()?;
    let policy = args.policy()?;
    let fetcher = Fetcher::new(location, workspace.gharchive_cache_dir(), policy)?;
    fetcher.preflight(scope.range.from).await?;

    let store = Store::open(workspace).await?;
    let plan = pipeline::plan_gharchive(&store, &fetcher, &scope).await?;
    let options = RunOptions { downloads: usize::from(args.downloads), ..RunOptions::default() };
    let view = progress_view::ProgressView::new(args.json.json);
    let cancel = progress_view::cancel_on_ctrl_c(view.clone());
    let summary = pipeline::execute(&store, &plan, fetcher, &options, view.sink(), cancel).await?;
    view.finish();
    output::print_run_summary(&summary, args.json.json);
    store.close().await;
    Ok(output::exit_code(&summary))
}
