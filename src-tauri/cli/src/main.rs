//! `octoscope`: the headless command line on the same engine as the desktop app.

mod args;
mod commands;
mod output;
mod progress_view;

use std::process::ExitCode;

use clap::Parser;
use octoscope_engine::{EngineError, ErrorCode};

use crate::args::{Cli, Command};

/// Exit codes scripts can rely on (documented in the README).
pub mod exit {
    pub const FAILED: u8 = 1;
    pub const INVALID_INPUT: u8 = 2;
    pub const COMPLETED_WITH_ERRORS: u8 = 3;
    pub const KEYCHAIN_UNAVAILABLE: u8 = 4;
    pub const CREDENTIAL_PROBLEM: u8 = 5;
    pub const RATE_LIMITED: u8 = 6;
    pub const OVER_BUDGET: u8 = 7;
    pub const CANCELLED: u8 = 130;
}

fn main() -> ExitCode {
    octoscope_engine::monitoring::memory::limit_malloc_arenas();
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::from(exit::FAILED);
        }
    };
    let result = runtime.block_on(run(cli));
    // Do not wait for blocking threads still winding down after a cancel.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // The workspace's log keeps it too, with its code, beside the runs it may concern
            // (stderr gets the line below only).
            tracing::error!(target: octoscope_engine::monitoring::logs::FILES_ONLY, code = ?error.code(), %error, "command failed");
            eprintln!("error: {error}");
            let code = match error.code() {
                ErrorCode::InvalidInput | ErrorCode::Workspace => exit::INVALID_INPUT,
                ErrorCode::Cancelled => exit::CANCELLED,
                ErrorCode::KeychainUnavailable => exit::KEYCHAIN_UNAVAILABLE,
                ErrorCode::CredentialMissing | ErrorCode::CredentialInvalid => exit::CREDENTIAL_PROBLEM,
                ErrorCode::RateLimited => exit::RATE_LIMITED,
                ErrorCode::BudgetExceeded => exit::OVER_BUDGET,
                _ => exit::FAILED,
            };
            ExitCode::from(code)
        }
    }
}

async fn run(cli: Cli) -> Result<u8, EngineError> {
    let workspace = args::workspace(cli.workspace.as_deref())?;
    octoscope_engine::monitoring::logs::files().set_directory(Some(workspace.logs_dir()));
    // Collections are what alerts are about: check the rules after each, failed ones included.
    let collects = matches!(cli.command, Command::Demo(_) | Command::Ingest(_));
    let result = dispatch(&workspace, cli.command).await;
    if collects && workspace.database_path().exists() {
        check_alerts_after_run(&workspace).await;
    }
    result
}

async fn check_alerts_after_run(workspace: &octoscope_engine::workspace::Workspace) {
    let store = match octoscope_engine::store::Store::open(workspace).await {
        Ok(store) => store,
        Err(error) => {
            tracing::warn!(%error, "cannot open the workspace to check alert rules");
            return;
        }
    };
    if let Err(error) = commands::monitoring::check_alerts(&store).await {
        eprintln!("warning: checking the alert rules failed: {error}");
    }
    store.close().await;
}

async fn dispatch(workspace: &octoscope_engine::workspace::Workspace, command: Command) -> Result<u8, EngineError> {
    let workspace = workspace.clone();
    match command {
        Command::Demo(args) => commands::demo::run(&workspace, args).await,
        Command::Ingest(args) => commands::ingest::run(&workspace, args).await,
        Command::Plan(args) => commands::plan::run(&workspace, args).await,
        Command::Runs(args) => commands::history::runs(&workspace, args).await,
        Command::Stats(args) => commands::history::stats(&workspace, args).await,
        Command::Quarantine(args) => commands::history::quarantine(&workspace, args).await,
        Command::Chart(args) => commands::chart::run(&workspace, args).await,
        Command::Cache(args) => commands::history::cache(&workspace, args),
        Command::Auth(args) => commands::auth::run(&workspace, args).await,
        Command::Settings(args) => commands::settings::run(&workspace, args).await,
        Command::Coverage(args) => commands::monitoring::coverage(&workspace, args).await,
        Command::Alerts(args) => commands::monitoring::alerts(&workspace, args).await,
        Command::Logs(args) => commands::monitoring::logs(&workspace, args),
        Command::Data(args) => commands::data::run(&workspace, args).await,
    }
}

/// Stderr at the level `-v` asks for (or `OCTOSCOPE_LOG`); the workspace's JSON log files at
/// info whatever stderr shows.
fn init_logging(verbose: u8) {
    let stderr_default = match verbose {
        0 => "warn",
        1 => "info,sqlx=warn",
        _ => "debug,sqlx=info",
    };
    octoscope_engine::monitoring::logs::init(stderr_default, false);
}
