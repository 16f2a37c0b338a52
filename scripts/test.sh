#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: formatting, lints, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_test_prerequisites

step() { printf '\n==> %s\n' "$*" >&2; }

step "rustfmt"
cargo fmt --all --check
step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "build the octoscope binary the end-to-end tests drive"
cargo build -p octoscope --locked
step "tests"
cargo nextest run --workspace --locked --no-fail-fast
