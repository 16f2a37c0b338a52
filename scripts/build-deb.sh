#!/usr/bin/env bash
# Builds the Debian package of the desktop app, with the `octoscope` CLI beside it in /usr/bin.
#   scripts/build-deb.sh           optimised build -> target/release/bundle/deb/Octoscope_<version>_amd64.deb
#   scripts/build-deb.sh --debug   the debug build the test suite already made (the install test)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh
ensure_desktop_prerequisites

# The bundler's version is pinned so a package built today is built the same way next year.
TAURI_CLI=@tauri-apps/cli@2.12.6
profile=release
cargo_profile=(--release)
bundle_profile=()
if [ "${1:-}" = --debug ]; then
    profile=debug
    bundle_profile=(--debug)
fi
target_dir="$(cargo metadata --format-version 1 --no-deps | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0)).target_directory)')"

if [ "$profile" = release ]; then
    # The shell embeds ui/dist, so the UI is built first.
    [ -d ui/node_modules ] || npm ci --prefix ui --no-audit --no-fund
    npm --prefix ui run build
    cargo build --workspace --locked "${cargo_profile[@]}" --features octoscope-desktop/custom-protocol
else
    # Package what the test suite built and tested, as it is: building the UI again would
    # change ui/dist and relink the app for nothing.
    for binary in octoscope octoscope-desktop; do
        [ -x "$target_dir/debug/$binary" ] || {
            echo "no $target_dir/debug/$binary: build it first (scripts/test.sh does)" >&2
            exit 1
        }
    done
fi

# Tauri bundles only the app's own binary; the CLI is added as a plain file.
files=$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/octoscope":"%s"}}}}}' "$target_dir/$profile/octoscope")
(cd src-tauri && npx --yes "$TAURI_CLI" bundle "${bundle_profile[@]}" --bundles deb --ci --config "$files")
ls "$target_dir/$profile/bundle/deb/"*.deb
