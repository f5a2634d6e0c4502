#!/usr/bin/env bash
# joplin-compare.sh — Groundwork vs Joplin's CLI (npm joplin@3.6.2), side by side.
# (header completed below)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${CACHE:-$HOME/.cache/groundwork}"
JOPLIN_DIR="${JOPLIN_DIR:-$CACHE/joplin}"
JOPLIN_VERSION="${JOPLIN_VERSION:-3.6.2}"

log() { printf '[joplin-compare] %s\n' "$*" >&2; }

# Install Joplin's CLI into $JOPLIN_DIR (reused when present), the way
# /work/shared/TOOLCHAIN.md says: overrides for @joplin/* versions missing from
# the registry, libsecret-1-dev for keytar.
install_joplin() {
  if [[ -x "$JOPLIN_DIR/node_modules/.bin/joplin" ]]; then
    log "joplin present in $JOPLIN_DIR"
    return 0
  fi
  if ! dpkg -s libsecret-1-dev >/dev/null 2>&1; then
    log "installing libsecret-1-dev (keytar builds from source)"
    apt-get install -y libsecret-1-dev >&2 || { apt-get update >&2 && apt-get install -y libsecret-1-dev >&2; }
  fi
  mkdir -p "$JOPLIN_DIR"
  if [[ ! -f "$JOPLIN_DIR/package.json" ]]; then
    printf '{\n  "name": "joplin-bench",\n  "private": true,\n  "overrides": {}\n}\n' >"$JOPLIN_DIR/package.json"
  fi
  local try out pkg latest
  for try in 1 2 3 4 5 6 7 8; do
    log "npm install joplin@$JOPLIN_VERSION (try $try)"
    if out="$(cd "$JOPLIN_DIR" && npm install --no-audit --no-fund "joplin@$JOPLIN_VERSION" 2>&1)"; then
      log "joplin installed"
      return 0
    fi
    pkg="$(grep -oE 'No matching version found for @joplin/[A-Za-z0-9._-]+' <<<"$out" | head -1 | sed 's/.*for //')" || true
    if [[ -z "$pkg" ]]; then
      printf '%s\n' "$out" | tail -30 >&2
      log "npm install failed for a reason other than ETARGET"
      return 1
    fi
    latest="$(npm view "$pkg" dist-tags.latest)"
    log "override $pkg -> $latest"
    node -e '
      const fs = require("fs"); const f = process.argv[1];
      const p = JSON.parse(fs.readFileSync(f, "utf8"));
      p.overrides = p.overrides || {}; p.overrides[process.argv[2]] = process.argv[3];
      fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");
    ' "$JOPLIN_DIR/package.json" "$pkg" "$latest"
  done
  log "joplin install did not settle after $try tries"
  return 1
}

case "${1:-all}" in
  install) install_joplin ;;
esac
