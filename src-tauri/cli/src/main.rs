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
    let cli = Cli::parse();
    init_tracing(cli.verbose);
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
    match cli.command {
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
    }
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info,sqlx=warn",
        _ => "debug,sqlx=info",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("OCTOSCOPE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
}
