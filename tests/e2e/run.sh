#!/usr/bin/env bash
# Runs the WebDriver suite against the built app: a private D-Bus session with an unlocked GNOME
# Keyring (the app's real keychain), tauri-driver on 127.0.0.1:4444, and a throwaway home so the
# app's default and sample workspaces start empty. Call it under Xvfb:
#   xvfb-run -a -s '-screen 0 1280x800x24' tests/e2e/run.sh target/debug/octoscope-desktop [SCRIPT]
# SCRIPT defaults to app.spec.mjs (the suite); bench.mjs is the desktop benchmark.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$(realpath "$1")"
scratch="$(mktemp -d)"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config" \
       XDG_CACHE_HOME="$scratch/home/.cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export OCTOSCOPE_E2E_SCRATCH="$scratch" OCTOSCOPE_APP="$app" OCTOSCOPE_E2E_SCRIPT="${2:-app.spec.mjs}"
# Screenshots of each main page; OCTOSCOPE_SCREENSHOTS=docs/screenshots refreshes the committed ones.
export OCTOSCOPE_SCREENSHOTS="$(realpath -m "${OCTOSCOPE_SCREENSHOTS:-$scratch/screenshots}")"

exec dbus-run-session -- bash -c '
  set -euo pipefail
  printf "throwaway-e2e-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  tauri-driver --port 4444 >"$OCTOSCOPE_E2E_SCRATCH/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:4444/status >/dev/null && break; sleep 0.1; done
  cd "'"$here"'" && node "$OCTOSCOPE_E2E_SCRIPT"
'
