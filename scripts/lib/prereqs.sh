# Installs what Octoscope's build needs on a fresh Debian/Ubuntu machine, and nothing that is
# already there. Sourced by scripts/demo.sh and scripts/test.sh.

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Installing ${missing[*]} ..." >&2
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "Installing the Rust toolchain (rustup) ..." >&2
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt,clippy
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
}

ensure_build_prerequisites() {
    ensure_apt_packages build-essential pkg-config curl ca-certificates
    ensure_rust
}

# Node.js 20+ and npm build the web UI (Vite needs Node 20.19 or later).
ensure_node() {
    if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
        ensure_apt_packages nodejs npm
    fi
    if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
        echo "Node.js 20 or later is needed to build the UI; this machine has $(node --version)." >&2
        exit 1
    fi
}

# The desktop app: WebKitGTK and friends (Tauri 2 on Linux), and Node for the UI.
ensure_desktop_prerequisites() {
    ensure_build_prerequisites
    ensure_apt_packages libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev file
    ensure_node
}

ensure_test_prerequisites() {
    ensure_desktop_prerequisites
    # The WebDriver suite drives the built app in a virtual display (Xvfb) with a private D-Bus
    # session and keychain, answers native dialogs with xdotool, and talks to tauri-driver.
    # ImageMagick's `import` takes its screenshots from the X server (tests/e2e/screenshot.mjs).
    ensure_apt_packages xvfb xauth webkit2gtk-driver dbus-x11 xdotool curl imagemagick
    if ! command -v tauri-driver >/dev/null 2>&1; then
        echo "Installing tauri-driver ..." >&2
        cargo install tauri-driver --version '^2' --locked
    fi
    # The credential tests start a private Secret Service (D-Bus + GNOME Keyring) per test and
    # make throwaway RSA keys with openssl (tests/support/keychain.rs, auth_fakes.rs).
    ensure_apt_packages dbus-daemon dbus-bin gnome-keyring openssl
    # The BigQuery tests run against bqemulator (PyPI) in a virtual environment.
    ensure_apt_packages python3 python3-venv python3-pip
    if ! cargo nextest --version >/dev/null 2>&1; then
        echo "Installing cargo-nextest ..." >&2
        cargo install cargo-nextest --locked
    fi
    for component in rustfmt clippy; do
        if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
            rustup component add "$component"
        fi
    done
}
