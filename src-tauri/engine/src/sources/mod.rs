//! Where activity comes from. Each source turns its own data into the engine's normalised rows.

pub mod bigquery;
pub mod events;
pub mod gharchive;
pub mod github;
