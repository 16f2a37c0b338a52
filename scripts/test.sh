#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: formatting, lints, UI tests, every Rust test,
# then the WebDriver tests of the built desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_test_prerequisites

step() { printf '\n==> %s\n' "$*" >&2; }

step "rustfmt"
cargo fmt --all --check
step "UI: install, unit tests, strict type-check and build (the shell embeds ui/dist)"
npm ci --prefix ui --no-audit --no-fund
npm --prefix ui test
npm --prefix ui run build
step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "build every binary (the end-to-end tests drive octoscope)"
cargo build --workspace --locked
step "tests (Rust; includes the check that ui/src/ipc/bindings.ts is fresh)"
cargo nextest run --workspace --locked --no-fail-fast
step "desktop app: build with the UI embedded, then the WebDriver suite under Xvfb"
cargo build -p octoscope-desktop --features custom-protocol --locked
npm ci --prefix tests/e2e --no-audit --no-fund
xvfb-run -a -s '-screen 0 1280x800x24' tests/e2e/run.sh target/debug/octoscope-desktop
