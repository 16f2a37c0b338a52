#!/usr/bin/env bash
# Installs the Debian package the way a user would, checks what it put on the system, runs the
# installed CLI and the installed app (the smoke steps of the WebDriver suite, under Xvfb), and
# removes it again. Needs root or sudo (apt). Called by scripts/test.sh:
#   tests/package/check-deb.sh target/debug/bundle/deb/Octoscope_0.1.0_amd64.deb
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../scripts/lib/prereqs.sh"
deb="$(realpath "$1")"
fail() { echo "check-deb: $*" >&2; exit 1; }

package="$(dpkg-deb -f "$deb" Package)"
[ "$package" = octoscope ] || fail "package name is '$package', expected 'octoscope'"
depends="$(dpkg-deb -f "$deb" Depends)"
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
    [[ ", $depends," == *", $needed,"* ]] || fail "Depends ($depends) lacks $needed"
done

ensure_apt_packages desktop-file-utils
# apt resolves the package's dependencies, as it would on a user's machine.
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --reinstall "$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive as_root apt-get remove -y -qq octoscope >/dev/null || true' EXIT

for file in /usr/bin/octoscope-desktop /usr/bin/octoscope /usr/share/applications/Octoscope.desktop \
            /usr/share/icons/hicolor/128x128/apps/octoscope-desktop.png; do
    [ -e "$file" ] || fail "the package did not install $file"
done
desktop-file-validate /usr/share/applications/Octoscope.desktop
grep -q '^Exec=octoscope-desktop' /usr/share/applications/Octoscope.desktop \
    || fail "the menu entry does not start octoscope-desktop"

# The installed CLI builds a sample workspace on its own.
scratch="$(mktemp -d)"
/usr/bin/octoscope --workspace "$scratch/ws" demo --hours 2 >/dev/null
events="$(/usr/bin/octoscope --workspace "$scratch/ws" stats --json | node -p 'JSON.parse(require("fs").readFileSync(0)).events')"
[ "$events" -gt 0 ] || fail "the installed CLI built a sample workspace with $events events"

# The installed app opens the sample workspace and shows charts with data.
OCTOSCOPE_E2E_SMOKE=1 xvfb-run -a -s '-screen 0 1280x800x24' "$here/../e2e/run.sh" /usr/bin/octoscope-desktop

DEBIAN_FRONTEND=noninteractive as_root apt-get remove -y -qq octoscope >/dev/null
trap - EXIT
[ ! -e /usr/bin/octoscope-desktop ] || fail "removing the package left /usr/bin/octoscope-desktop behind"
echo "check-deb: $(basename "$deb") installs, runs (CLI and app) and removes cleanly"
