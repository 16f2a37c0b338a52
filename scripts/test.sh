#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: formatting, lints, UI tests, every Rust test,
# then the WebDriver tests of the built desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_test_prerequisites

# Each step says how much disk is left: a full disk fails tests in confusing places.
step() { printf '\n==> %s (disk free: %s)\n' "$*" "$(df -h --output=avail . | tail -1 | tr -d ' ')" >&2; }

# A fresh CI machine never reuses incremental state; writing it only costs disk and time.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

step "rustfmt"
cargo fmt --all --check
step "UI: install, unit tests, strict type-check and build (the shell embeds ui/dist)"
npm ci --prefix ui --no-audit --no-fund
npm --prefix ui test
npm --prefix ui run build
# One feature set for lints, builds and tests: the desktop app with the UI embedded. Building it
# separately would compile tauri and its dependencies a second time (about ten minutes here).
features=(--features octoscope-desktop/custom-protocol)
step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked "${features[@]}" -- -D warnings
step "build every binary (the end-to-end tests drive octoscope and the desktop app)"
cargo build --workspace --locked "${features[@]}"
step "BigQuery emulator for the BigQuery tests"
OCTOSCOPE_BQ_EMULATOR=$(scripts/bq-emulator.sh)
export OCTOSCOPE_BQ_EMULATOR
trap 'kill "$(cat target/bq-emulator/pid)" 2>/dev/null || true' EXIT
step "tests (Rust; includes the check that ui/src/ipc/bindings.ts is fresh)"
cargo nextest run --workspace --locked --no-fail-fast "${features[@]}"
step "desktop app: the WebDriver suite under Xvfb"
npm ci --prefix tests/e2e --no-audit --no-fund
xvfb-run -a -s '-screen 0 1280x800x24' tests/e2e/run.sh target/debug/octoscope-desktop
step "desktop package: build the .deb, install it with apt, run the installed CLI and app, remove it"
scripts/build-deb.sh --debug
tests/package/check-deb.sh target/debug/bundle/deb/Octoscope_*_amd64.deb
step "done; target/ holds $(du -sh target | cut -f1)"
