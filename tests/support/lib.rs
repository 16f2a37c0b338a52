//! Shared support for the end-to-end tests: a real HTTP server on 127.0.0.1 that serves GH
//! Archive hours with scripted faults, the `octoscope` binary, and database snapshots.

pub mod archive_server;
pub mod auth_fakes;
pub mod bigquery;
pub mod cli;
pub mod data;
pub mod github_fake;
pub mod keychain;
pub mod naive;
pub mod secrets;
pub mod snapshot;
