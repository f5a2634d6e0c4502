#!/usr/bin/env bash
# Groundwork benchmark: builds the release app and the minimal Tauri window,
# generates an empty workspace and one of 10,000 sessions with 100,000
# observations, then measures (never estimates) start-up time to a painted
# session list, the release binary size, and memory (RSS and PSS over all the
# app's processes) next to the minimal window; then search and observation-list
# latency in core on the large workspace. Prints tables and writes
# artifacts/bench.txt (+ artifacts/bench.json for the app figures).
# It only reports: there are no limits or assertions in it.
#
#   scripts/bench.sh                 # build everything, measure
#   BENCH_SKIP_BUILD=1 scripts/bench.sh   # measure the binaries already built
#   BENCH_RUNS=5 BENCH_MEM_RUNS=3 BENCH_SESSIONS=10000 BENCH_OBSERVATIONS=100000 scripts/bench.sh
#
# Uses CARGO_TARGET_DIR if set (default: ./target). Needs node >= 20, npm,
# xvfb-run (xvfb, xauth) and the Tauri build dependencies.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
runs="${BENCH_RUNS:-5}"
mem_runs="${BENCH_MEM_RUNS:-3}"
sessions="${BENCH_SESSIONS:-10000}"
observations="${BENCH_OBSERVATIONS:-100000}"
settle_ms="${BENCH_SETTLE_MS:-5000}"

say() { printf '\n== %s\n' "$*" >&2; }

# The display tools, installed only if missing (idempotent; needs root and apt).
if ! command -v xvfb-run >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing xvfb and xauth"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
  else
    echo "bench.sh: xvfb-run is missing (apt-get install xvfb xauth)" >&2
    exit 2
  fi
fi
command -v node >/dev/null || { echo "bench.sh: node >= 20 is needed" >&2; exit 2; }

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  say "building the front end (ui/dist is embedded in the app)"
  if [[ ! -d ui/node_modules ]]; then (cd ui && npm ci --no-audit --no-fund); fi
  (cd ui && npm run build)
  say "building release binaries: groundwork, minimal-window, generate_workspace"
  cargo build --release -p groundwork
  cargo build --release -p minimal-window
  cargo build --release -p groundwork-core --example generate_workspace --example bench_discovery
fi

app="$target/release/groundwork"
minimal="$target/release/minimal-window"
generator="$target/release/examples/generate_workspace"
discovery="$target/release/examples/bench_discovery"
for bin in "$app" "$minimal" "$generator" "$discovery"; do
  [[ -x "$bin" ]] || { echo "bench.sh: missing $bin (run without BENCH_SKIP_BUILD)" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/gw-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT

say "generating workspaces"
"$generator" --out "$work/empty.groundwork" --sessions 0 --cycles 1
"$generator" --out "$work/large.groundwork" --sessions "$sessions" --cycles 1 --observations "$observations"

say "measuring ($runs start-up runs per workspace, $mem_runs memory runs, under Xvfb)"
mkdir -p artifacts
rev="$(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
dirty=""
[[ -n "$(git status --porcelain 2>/dev/null | head -1)" ]] && dirty=" (with uncommitted changes)"
xvfb-run -a -s '-screen 0 1280x800x24' \
  node scripts/bench/measure.mjs \
  --app "$app" --minimal "$minimal" \
  --empty "$work/empty.groundwork" --large "$work/large.groundwork" \
  --runs "$runs" --mem-runs "$mem_runs" --settle-ms "$settle_ms" \
  --note "Source: $rev$dirty. Large workspace: $sessions sessions and $observations observations in the current cycle." \
  --out artifacts/bench.txt --json artifacts/bench.json

say "measuring search and the observation list in core at that size"
{
  echo
  echo "Core, on the large workspace (release build; p50/p95 over ${BENCH_CORE_RUNS:-200} runs):"
  "$discovery" "$work/large.groundwork" --runs "${BENCH_CORE_RUNS:-200}"
} | tee -a artifacts/bench.txt

echo >&2
echo "wrote artifacts/bench.txt and artifacts/bench.json" >&2
