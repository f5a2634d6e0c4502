#!/usr/bin/env bash
# Installs what Groundwork needs to build (and, with --test, to run its tests).
# Idempotent: it installs only what is missing. On Debian/Ubuntu it installs the
# system packages itself; elsewhere it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

build_pkgs=(build-essential pkg-config file curl libssl-dev libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev)
# Tests drive the real app under Xvfb (WebKitWebDriver) and the front end in Chromium,
# and read exported PDFs back (poppler-utils: pdftotext, pdfinfo, pdftoppm).
test_pkgs=(xvfb xauth webkit2gtk-driver xdotool imagemagick fonts-dejavu-core dbus-x11 chromium
  poppler-utils)

say() { printf '\033[1;36m==>\033[0m %s\n' "$*"; }

install_system_packages() {
  local pkgs=("${build_pkgs[@]}")
  [ $want_test = 1 ] && pkgs+=("${test_pkgs[@]}")
  if ! command -v dpkg-query >/dev/null 2>&1; then
    case "$(uname -s)" in
      Darwin) say "macOS: install Xcode command line tools (xcode-select --install); see https://v2.tauri.app/start/prerequisites/#macos" ;;
      MINGW*|MSYS*|CYGWIN*) say "Windows: install the WebView2 runtime and MSVC build tools; see https://v2.tauri.app/start/prerequisites/#windows" ;;
      *) say "Not a Debian-like system: install the WebKitGTK 4.1 development packages; see https://v2.tauri.app/start/prerequisites/#linux" ;;
    esac
    return
  fi
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm ci only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  local stamp="$dir/node_modules/.groundwork-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
    return
  fi
  say "Installing npm packages in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "Groundwork needs $1: $2" >&2; exit 1; }
}

install_system_packages
need cargo "install Rust from https://rustup.rs"
need node "install Node.js 20 or newer from https://nodejs.org"
need npm "install npm (comes with Node.js)"
npm_install ui
if [ $want_test = 1 ] && [ -f tests/ui/package-lock.json ]; then
  npm_install tests/ui
fi
