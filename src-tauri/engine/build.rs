//! Rebuilds the engine when a migration is added or changed. `sqlx::migrate!` embeds the
//! top-level migrations/ at compile time, and on stable Rust Cargo reruns the macro only when a
//! Rust file of the crate changes: without this, adding a migration alone leaves binaries that
//! migrate to the previous schema, and tests that fail for a reason not in the code (sqlx's
//! documentation recommends this script).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
