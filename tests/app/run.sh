#!/usr/bin/env bash
# Runs the real-app end-to-end suite: the built Groundwork binary driven over
# WebDriver (WebKitWebDriver) under a virtual X display.
#
#   tests/app/run.sh [APP_BINARY] [-- extra node --test args, e.g. --test-name-pattern=xss]
#
# APP_BINARY defaults to $CARGO_TARGET_DIR/debug/groundwork (or ./target/debug/groundwork).
# Screenshots go to artifacts/screenshots/app-*.png. Exits non-zero if any test fails.
# Needs: node >= 20, WebKitWebDriver (webkit2gtk-driver), xvfb-run (xvfb, xauth).
# Set GW_KEEP_TMP=1 to keep each file's temp dir (workspaces, driver/app log).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

app="${1:-}"
if [[ -n "$app" && "$app" != "--" ]]; then shift; else app=""; fi
[[ "${1:-}" == "--" ]] && shift
if [[ -z "$app" ]]; then
  app="${CARGO_TARGET_DIR:-$repo/target}/debug/groundwork"
fi
if [[ ! -x "$app" ]]; then
  echo "run.sh: app binary not found or not executable: $app" >&2
  echo "        build it first: (cd ui && npm run build) && cargo build -p groundwork" >&2
  exit 2
fi
app="$(cd "$(dirname "$app")" && pwd)/$(basename "$app")"

missing=()
for tool in node WebKitWebDriver xvfb-run; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "run.sh: missing ${missing[*]} (apt-get install xvfb xauth webkit2gtk-driver; node >= 20)" >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  echo "run.sh: node >= 20 needed (found $(node --version))" >&2
  exit 2
fi

mkdir -p "$repo/artifacts/screenshots"
rm -f "$repo"/artifacts/screenshots/app-*.png

echo "app: $app"
cd "$repo"
export GW_APP="$app"
# One test file at a time: each starts its own driver and app (2-core machines).
# xvfb-run -a picks a free display; the whole run shares it.
exec xvfb-run -a -s '-screen 0 1280x800x24' \
  node --test --test-concurrency=1 --test-reporter=spec "$@" \
  tests/app/persistence.test.mjs \
  tests/app/crash.test.mjs \
  tests/app/close.test.mjs \
  tests/app/discovery.test.mjs \
  tests/app/documents.test.mjs \
  tests/app/surveys.test.mjs \
  tests/app/transcripts.test.mjs \
  tests/app/xss.test.mjs \
  tests/app/bad-files.test.mjs \
  tests/app/outside.test.mjs \
  tests/app/sharing.test.mjs \
  tests/app/first-hour.test.mjs
