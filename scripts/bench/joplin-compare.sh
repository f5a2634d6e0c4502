#!/usr/bin/env bash
# joplin-compare.sh — Groundwork vs Joplin's CLI (npm joplin@3.6.2), side by side in
# one run, on the same generated notes. A benchmark: it reports, it never asserts.
#
#   scripts/bench/joplin-compare.sh            # everything (install, build, corpus, runs)
#   scripts/bench/joplin-compare.sh install    # only install Joplin into the cache
#   scripts/bench/joplin-compare.sh report     # the table again from the last run's samples
#   NOTES=2000 RUNS=3 SEARCH_RUNS=20 scripts/bench/joplin-compare.sh
#
# 1. Import. A fixed, seeded corpus of NOTES Markdown notes (default 10,000 of about
#    8 KB, ~80 MB: product-discovery notes in platform-team language with front
#    matter date/type/people/tags, nested folders, some [[wikilinks]]; written by
#    joplin-corpus.mjs under $WORK, reused when present) is imported RUNS times by
#    each tool, the two alternating (the order flips each run), each run on a fresh
#    workspace / profile:
#      Groundwork: release groundwork-cli, `new` and `call create_cycle` (not timed), then
#                  `import-notes CORPUS --kind coffee_chat` (timed, wall clock);
#      Joplin:     `joplin --profile DIR import CORPUS --format md` (timed).
#    Peak memory (max RSS) of both comes from /usr/bin/time (apt `time` is installed
#    if missing). Reported: p50 of each and the ratio Joplin / Groundwork. Then, on
#    the last Groundwork workspace, every note is searched for the one word only it
#    holds (in-process), and the last note through `groundwork-cli --json search`.
# 2. Search on those notes, by query type (one word, a common word, two words,
#    a phrase in quotes, a prefix), SEARCH_ROUNDS rounds alternating the tools, each
#    round SEARCH_RUNS runs of every query per tool; p50/p95 per type and the ratio.
#      Groundwork: in-process, crates/core/examples/bench_search_notes.rs
#                  (Store::read(|db| db.search(..)): first page of 50 and totals;
#                  every word is matched as a prefix, so "prefix" is a half word).
#      Joplin:     in-process, joplin-search.cjs: Joplin's CLI application started
#                  on the last profile as `joplin --profile DIR` does, then its own
#                  SearchEngine.search(query) (every match, ranked), with `word*`
#                  for a prefix. Its index is built first and timed apart (from
#                  scratch in the first round: rebuildIndex()).
#    No process start is in any search figure. (`joplin search` cannot stand in:
#    the CLI runs it only in its interactive GUI mode.)
#    Groundwork's import time includes building its search index; Joplin's does
#    not (it indexes later, on first use): its index build is reported apart.
#
# Joplin is installed by this script into $JOPLIN_DIR (default
# ~/.cache/groundwork/joplin, reused when present) as /work/shared/TOOLCHAIN.md says:
# `npm install joplin@3.6.2`, each ETARGET on an @joplin/* package answered by an
# "overrides" pin to that package's dist-tags.latest, retried; libsecret-1-dev
# (apt) for keytar. Nothing comes from outside the npm and Debian registries.
#
# Settings (environment): NOTES=10000 AVG_BYTES=7700 SEED=42 RUNS=3
# SEARCH_ROUNDS=3 SEARCH_RUNS=20 WORK=~/.cache/groundwork/joplin-compare
# CARGO_TARGET_DIR=~/.cache/groundwork/bench-target.
# Output: a table on stdout, copied to artifacts/joplin-compare.txt (git-ignored).
# Corpora, workspaces and profiles stay under $WORK, never in the repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${CACHE:-$HOME/.cache/groundwork}"
JOPLIN_DIR="${JOPLIN_DIR:-$CACHE/joplin}"
JOPLIN_VERSION="${JOPLIN_VERSION:-3.6.2}"
NOTES="${NOTES:-10000}"
AVG_BYTES="${AVG_BYTES:-7700}"
SEED="${SEED:-42}"
RUNS="${RUNS:-3}"
SEARCH_ROUNDS="${SEARCH_ROUNDS:-3}"
SEARCH_RUNS="${SEARCH_RUNS:-20}"
WORK="${WORK:-$CACHE/joplin-compare}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/bench-target}"
GW="$CARGO_TARGET_DIR/release/groundwork-cli"
GW_SEARCH="$CARGO_TARGET_DIR/release/examples/bench_search_notes"
JOPLIN="$JOPLIN_DIR/node_modules/.bin/joplin"
CORPUS="$WORK/corpus-$NOTES-$AVG_BYTES-$SEED"
OUT="$ROOT/artifacts/joplin-compare.txt"

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

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# p50 and p95 (nearest rank) of the numbers on stdin, as "P50 P95 N".
percentiles() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "- - 0"; exit }
    i50 = int((NR - 1) * 0.50 + 0.5) + 1; i95 = int((NR - 1) * 0.95 + 0.5) + 1
    print v[i50], v[i95], NR }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.1fx", a / b; else print "-" }'; }

build_groundwork() {
  log "cargo build --release -p groundwork-cli (+ example bench_search_notes)"
  (cd "$ROOT" && cargo build --release -p groundwork-cli >&2 &&
    cargo build --release -p groundwork-core --example bench_search_notes >&2)
}

make_corpus() {
  if [[ -f "$CORPUS.done" ]]; then
    log "corpus present: $CORPUS"
  else
    rm -rf "$CORPUS"
    log "writing corpus: $NOTES notes into $CORPUS"
    node "$ROOT/scripts/bench/joplin-corpus.mjs" "$CORPUS" "$NOTES" "$AVG_BYTES" "$SEED" >"$CORPUS.json"
    touch "$CORPUS.done"
  fi
}

# Imports the corpus once with one tool; appends "TOOL MS MAXRSS_KB" to $WORK/import.tsv.
import_groundwork() {
  local ws="$WORK/gw.groundwork" t0 t1
  rm -f "$ws" "$ws-wal" "$ws-shm"
  "$GW" new "$ws" >/dev/null
  "$GW" --workspace "$ws" call create_cycle '{"name":"Bench"}' >/dev/null
  t0="$(now_ms)"
  /usr/bin/time -f '%M' -o "$WORK/rss" "$GW" --workspace "$ws" import-notes "$CORPUS" --kind coffee_chat >"$WORK/gw-import.log" 2>&1 ||
    { tail -20 "$WORK/gw-import.log" >&2; return 1; }
  t1="$(now_ms)"
  printf 'groundwork\t%s\t%s\n' "$((t1 - t0))" "$(tail -1 "$WORK/rss")" >>"$WORK/import.tsv"
  log "groundwork import: $((t1 - t0)) ms, max RSS $(tail -1 "$WORK/rss") KB"
}
import_joplin() {
  local prof="$WORK/joplin-profile" t0 t1
  rm -rf "$prof"
  t0="$(now_ms)"
  /usr/bin/time -f '%M' -o "$WORK/rss" "$JOPLIN" --profile "$prof" import "$CORPUS" --format md >"$WORK/joplin-import.log" 2>&1 ||
    { tail -20 "$WORK/joplin-import.log" >&2; return 1; }
  t1="$(now_ms)"
  printf 'joplin\t%s\t%s\n' "$((t1 - t0))" "$(tail -1 "$WORK/rss")" >>"$WORK/import.tsv"
  log "joplin import: $((t1 - t0)) ms, max RSS $(tail -1 "$WORK/rss") KB"
}

write_queries() {
  # TYPE <TAB> Groundwork's query <TAB> Joplin's query (the same words).
  cat >"$WORK/queries.tsv" <<'Q'
one word	grafana	grafana
one word	karpenter	karpenter
one word	kalosvc	kalosvc
common word	rollback	rollback
common word	dashboard	dashboard
common word	team	team
two words	argocd terraform	argocd terraform
two words	vault pagerduty	vault pagerduty
two words	flaky certificate	flaky certificate
phrase	"deploy pipeline"	"deploy pipeline"
phrase	"tried argocd"	"tried argocd"
phrase	"source of truth"	"source of truth"
prefix	graf	graf*
prefix	certif	certif*
prefix	observ	observ*
Q
  cut -f1,2 "$WORK/queries.tsv" >"$WORK/queries-gw.tsv"
  cut -f1,3 "$WORK/queries.tsv" >"$WORK/queries-joplin.tsv"
}

search_groundwork() {
  "$GW_SEARCH" "$WORK/gw.groundwork" --runs "$SEARCH_RUNS" <"$WORK/queries-gw.tsv" >"$WORK/gw-search.out" 2>>"$WORK/gw-search.log"
  grep -v '^#' "$WORK/gw-search.out" | sed 's/^/groundwork\t/' >>"$WORK/search.tsv"
}
search_joplin() {
  local rebuild="$1"
  REBUILD="$rebuild" node "$ROOT/scripts/bench/joplin-search.cjs" "$JOPLIN_DIR" "$WORK/joplin-profile" \
    "$WORK/queries-joplin.tsv" "$SEARCH_RUNS" "$WORK/joplin-search.out" >>"$WORK/joplin-search.log" 2>&1
  grep '^#index' "$WORK/joplin-search.out" >>"$WORK/joplin-index.tsv"
  grep -v '^#' "$WORK/joplin-search.out" | sed 's/^/joplin\t/' >>"$WORK/search.tsv"
}

main() {
  install_joplin
  [[ -x /usr/bin/time ]] || { log "installing time (apt)"; apt-get install -y time >&2; }
  build_groundwork
  mkdir -p "$WORK" "$ROOT/artifacts"
  make_corpus
  rm -f "$WORK/import.tsv" "$WORK/search.tsv" "$WORK/joplin-index.tsv" "$WORK"/*.log
  local load_before i r
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

  for ((i = 1; i <= RUNS; i++)); do
    if ((i % 2)); then import_groundwork; import_joplin; else import_joplin; import_groundwork; fi
  done

  # Every note found by its own word (in-process), the last one also by the CLI.
  local last unique_line cli_hits
  last="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).lastUnique)' "$CORPUS.json")"
  unique_line="$("$GW_SEARCH" "$WORK/gw.groundwork" --runs 0 --check-unique "$NOTES" </dev/null 2>/dev/null | grep '^#unique')"
  cli_hits="$("$GW" --workspace "$WORK/gw.groundwork" --json search "$last" | node -e '
    let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
      const r = JSON.parse(s); console.log(r.total ?? (r.hits || []).length); });')"

  write_queries
  for ((r = 1; r <= SEARCH_ROUNDS; r++)); do
    log "search round $r of $SEARCH_ROUNDS"
    local rebuild=0
    ((r == 1)) && rebuild=1
    if ((r % 2)); then search_joplin "$rebuild"; search_groundwork; else search_groundwork; search_joplin "$rebuild"; fi
  done
  printf '%s\n' "$load_before" >"$WORK/load-before"
  cut -d' ' -f1-3 /proc/loadavg >"$WORK/load-after"
  date -u '+%Y-%m-%d %H:%M UTC' >"$WORK/finished"
  printf '%s\n' "$last" >"$WORK/last-word"
  printf '%s\n' "$unique_line" >"$WORK/unique-line"
  printf '%s\n' "$cli_hits" >"$WORK/cli-hits"
  report "$load_before" "$last" "$unique_line" "$cli_hits" | tee "$OUT"
  log "written to $OUT"
}

report() {
  local load_before="$1" last="$2" unique_line="$3" cli_hits="$4"
  local gw jo gw_rss jo_rss bytes
  bytes="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).bytes)' "$CORPUS.json")"
  echo "Groundwork vs Joplin $JOPLIN_VERSION (CLI from npm) — run finished $(cat "$WORK/finished")"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr), node $(node --version)"
  echo "load average (1/5/15 min) before: $load_before, after: $(cat "$WORK/load-after") (other work ran too)"
  echo "corpus: $NOTES notes, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') (seed $SEED), $CORPUS"
  echo
  echo "1. Import ($RUNS runs each, alternating, fresh workspace / profile each run; wall clock)"
  gw="$(awk -F'\t' '$1 == "groundwork" { print $2 }' "$WORK/import.tsv" | percentiles)"
  jo="$(awk -F'\t' '$1 == "joplin" { print $2 }' "$WORK/import.tsv" | percentiles)"
  gw_rss="$(awk -F'\t' '$1 == "groundwork" { print $3 }' "$WORK/import.tsv" | sort -n | tail -1)"
  jo_rss="$(awk -F'\t' '$1 == "joplin" { print $3 }' "$WORK/import.tsv" | sort -n | tail -1)"
  printf '   %-12s %12s %14s %16s\n' tool "p50 (s)" "runs (s)" "peak RSS (MB)"
  printf '   %-12s %12.2f %14s %16.0f\n' groundwork "$(awk -v v="${gw%% *}" 'BEGIN { print v / 1000 }')" \
    "$(awk -F'\t' '$1 == "groundwork" { printf "%s%.1f", s, $2 / 1000; s = "," }' "$WORK/import.tsv")" "$((gw_rss / 1024))"
  printf '   %-12s %12.2f %14s %16.0f\n' joplin "$(awk -v v="${jo%% *}" 'BEGIN { print v / 1000 }')" \
    "$(awk -F'\t' '$1 == "joplin" { printf "%s%.1f", s, $2 / 1000; s = "," }' "$WORK/import.tsv")" "$((jo_rss / 1024))"
  echo "   ratio Joplin / Groundwork (p50): $(ratio "${jo%% *}" "${gw%% *}")"
  echo "   (Groundwork's import includes its search index; Joplin indexes later, timed in 2.)"
  echo "   Groundwork search after import: $(awk -F'\t' '{ print $2 " of " $3 }' <<<"$unique_line") notes found by their own word (in-process);"
  echo "   the last note's word \"$last\" through groundwork-cli --json search: $cli_hits hit(s)"
  echo
  echo "2. Search ($SEARCH_ROUNDS rounds alternating the tools x $SEARCH_RUNS runs of each query; in-process, no process start)"
  awk -F'\t' '{ printf "   Joplin index build (%s): %.2f s for %s notes\n", $2, $3 / 1000, $4 }' "$WORK/joplin-index.tsv" | head -1
  echo "   Groundwork: first page of 50 + totals; Joplin: SearchEngine.search(), every match ranked"
  printf '   %-12s %11s %11s %11s %11s %10s\n' type "GW p50 ms" "GW p95 ms" "Jop p50 ms" "Jop p95 ms" "ratio p50"
  local type g j
  while IFS= read -r type; do
    g="$(awk -F'\t' -v t="$type" '$1 == "groundwork" && $2 == t { print $4 }' "$WORK/search.tsv" | percentiles)"
    j="$(awk -F'\t' -v t="$type" '$1 == "joplin" && $2 == t { print $4 }' "$WORK/search.tsv" | percentiles)"
    printf '   %-12s %11s %11s %11s %11s %10s\n' "$type" \
      "$(cut -d' ' -f1 <<<"$g")" "$(cut -d' ' -f2 <<<"$g")" "$(cut -d' ' -f1 <<<"$j")" "$(cut -d' ' -f2 <<<"$j")" \
      "$(ratio "$(cut -d' ' -f1 <<<"$j")" "$(cut -d' ' -f1 <<<"$g")")"
  done < <(cut -f1 "$WORK/queries.tsv" | awk '!seen[$0]++')
  echo "   ratio = Joplin p50 / Groundwork p50; samples per cell: $((SEARCH_ROUNDS * SEARCH_RUNS)) x 3 queries"
  echo "   per query: matches found (Groundwork total / Joplin rows; they differ a little where one tool"
  echo "   matches a longer word or indexes front matter) and p50 ms of each"
  printf '     %-12s %-20s %-20s %13s %10s %10s\n' type Groundwork Joplin matches "GW p50" "Jop p50"
  local key q jq
  while IFS=$'\t' read -r type q jq; do
    g="$(awk -F'\t' -v t="$type" -v q="$q" '$1 == "groundwork" && $2 == t && $3 == q { print $4 }' "$WORK/search.tsv" | percentiles)"
    j="$(awk -F'\t' -v t="$type" -v q="$jq" '$1 == "joplin" && $2 == t && $3 == q { print $4 }' "$WORK/search.tsv" | percentiles)"
    key="$(awk -F'\t' -v t="$type" -v q="$q" -v jq="$jq" '$1 == "groundwork" && $2 == t && $3 == q { g = $5 } $1 == "joplin" && $2 == t && $3 == jq { j = $5 } END { print g "/" j }' "$WORK/search.tsv")"
    printf '     %-12s %-20s %-20s %13s %10s %10s\n' "$type" "$q" "$jq" "$key" "$(cut -d' ' -f1 <<<"$g")" "$(cut -d' ' -f1 <<<"$j")"
  done <"$WORK/queries.tsv"
}

case "${1:-all}" in
  install) install_joplin ;;
  report) # the table again from the last run's samples in $WORK
    report "$(cat "$WORK/load-before")" "$(cat "$WORK/last-word")" "$(cat "$WORK/unique-line")" "$(cat "$WORK/cli-hits")" | tee "$OUT" ;;
  all) main ;;
  *) echo "usage: $0 [all|install|report]" >&2; exit 2 ;;
esac
