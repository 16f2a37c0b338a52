//! `octoscope demo`: the offline sample workspace.

use octoscope_engine::EngineError;
use octoscope_engine::pipeline::sample;
use octoscope_engine::store::Store;
use octoscope_engine::workspace::Workspace;

use crate::args::DemoArgs;
use crate::{output, progress_view};

pub async fn run(workspace: &Workspace, args: DemoArgs) -> Result<u8, EngineError> {
    if args.hours == 0 || args.hours > sample::MAX_SAMPLE_HOURS {
        return Err(EngineError::InvalidInput(format!(
            "--hours must be between 1 and {} (four weeks), not {}",
            sample::MAX_SAMPLE_HOURS,
            args.hours
        )));
    }
    let store = Store::open(workspace).await?;
    if !args.json.json {
        eprintln!("Generating {} sample hours and loading them into {} ...", args.hours, workspace.root().display());
    }
    let view = progress_view::ProgressView::new(args.json.json);
    let cancel = progress_view::cancel_on_ctrl_c(view.clone());
    let summary = sample::build_sample_workspace(&store, workspace, args.hours, view.sink(), cancel).await?;
    view.finish();
    output::print_run_summary(&summary, args.json.json);
    if !args.json.json {
        eprintln!("Explore it with: octoscope --workspace {} stats", workspace.root().display());
    }
    store.close().await;
    Ok(output::exit_code(&summary))
}
