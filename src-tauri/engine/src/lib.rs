//! Octoscope's engine: everything the desktop app and the `octoscope` CLI do, with no UI and no
//! Tauri. Sources fetch GitHub activity, the pipeline validates and loads it into a SQLite
//! workspace, and the store answers questions about it.
//!
//! The words used here (workspace, scope, plan, unit, run, progress, quarantine) are defined in
//! the project's ARCHITECTURE notes and used the same way in code, UI and docs.

pub mod charts;
pub mod csv;
pub mod demo;
pub mod error;
pub mod monitoring;
pub mod pipeline;
pub mod scope;
pub mod secrets;
pub mod settings;
pub mod sources;
pub mod stats;
pub mod store;
pub mod time;
pub mod workspace;

pub use error::{EngineError, ErrorCode};
