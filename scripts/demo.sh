#!/usr/bin/env bash
# Builds Octoscope and the offline sample workspace, then shows what it holds.
# Usage: bash scripts/demo.sh [--hours N]    (workspace: $OCTOSCOPE_WORKSPACE or ./sample-workspace)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_build_prerequisites

workspace="${OCTOSCOPE_WORKSPACE:-$PWD/sample-workspace}"
cargo build --release -p octoscope
./target/release/octoscope --workspace "$workspace" demo "$@"
./target/release/octoscope --workspace "$workspace" stats
