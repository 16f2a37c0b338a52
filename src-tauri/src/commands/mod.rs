//! One module per domain. Each command parses its arguments, calls the engine and maps errors
//! to [`crate::error::WireError`]; no SQL, HTTP or chart logic here.

pub mod bigquery;
pub mod charts;
pub mod credentials;
pub mod data;
pub mod github;
pub mod monitoring;
pub mod runs;
pub mod settings;
pub mod workspace;
