#!/usr/bin/env bash
# Builds Octoscope, loads the offline sample workspace, and opens the desktop app on it.
# Usage: bash scripts/demo.sh [--hours N]
# (sample workspace: $OCTOSCOPE_SAMPLE_WORKSPACE, else ~/.local/share/octoscope-sample)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_desktop_prerequisites

sample="${OCTOSCOPE_SAMPLE_WORKSPACE:-${XDG_DATA_HOME:-$HOME/.local/share}/octoscope-sample}"
npm ci --prefix ui --no-audit --no-fund
npm --prefix ui run build
cargo build --release -p octoscope -p octoscope-desktop --features octoscope-desktop/custom-protocol
./target/release/octoscope --workspace "$sample" demo "$@"
OCTOSCOPE_SAMPLE_WORKSPACE="$sample" exec ./target/release/octoscope-desktop --sample
