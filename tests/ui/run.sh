#!/usr/bin/env bash
# The UI end-to-end suite: the built front end (ui/dist) in Debian's Chromium, its
# IPC forwarded to the test server (tests/server: real core over the operation table,
# a temporary workspace per journey). Installs this folder's npm deps when missing or
# stale, builds ui/dist when missing and the test server, runs the journeys with
# node:test and exits non-zero when any fails.
#
#   tests/ui/run.sh                       all journeys
#   tests/ui/run.sh --test-name-pattern=trash   some of them (extra args go to node)
#   GW_UI_REBUILD=1 tests/ui/run.sh       rebuild ui/dist first (it is rebuilt anyway when missing or older than ui/src)
#
# Needs: node >= 20.19 and npm, cargo, /usr/bin/chromium (apt-get install chromium).
# Screenshots go to artifacts/screenshots/ui-*.png.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ui="$root/ui"

chromium="${GW_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "tests/ui: $chromium is missing; install it with: apt-get install -y --no-install-recommends chromium" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
npm_ci() {
  local dir="$1"
  local stamp="$dir/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    echo "tests/ui: npm ci in ${dir#"$root"/}" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

npm_ci "$here"
# vite preview serves the build from the UI's own node_modules.
npm_ci "$ui"

# The page's IPC is typed with the DTOs generated from Rust.
"$ui/node_modules/.bin/tsc" -p "$here"

# Real core for the journeys: the test server over the operation table.
echo "tests/ui: building the test server" >&2
(cd "$root" && cargo build --locked -q -p groundwork-test-server)

# Build ui/dist when it is missing, asked for, or older than the UI's sources, so the
# journeys always run against what is in the tree.
stale=""
if [[ -f "$ui/dist/index.html" ]]; then
  stale="$(find "$ui/src" "$ui/index.html" "$ui/vite.config.ts" "$ui/package-lock.json" "$root/icons" \
    -newer "$ui/dist/index.html" -print -quit 2>/dev/null || true)"
fi
if [[ ! -f "$ui/dist/index.html" || -n "$stale" || "${GW_UI_REBUILD:-}" == 1 ]]; then
  echo "tests/ui: building ui/dist${stale:+ (${stale#"$root"/} is newer)}" >&2
  (cd "$ui" && npm run build --silent >/dev/null)
fi

cd "$here"
exec node --test-reporter=spec "$@" run.mjs
