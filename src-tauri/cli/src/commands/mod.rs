//! One module per command; each is a thin adapter over the engine.

pub mod auth;
pub mod bigquery;
pub mod chart;
pub mod data;
pub mod demo;
pub mod github;
pub mod history;
pub mod ingest;
pub mod monitoring;
pub mod plan;
pub mod run_metrics;
pub mod settings;
