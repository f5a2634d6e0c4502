#!/usr/bin/env bash
# Sets up everything and runs every test suite: core and shell (cargo test), the UI
# logic (Vitest), the UI end to end in Chromium (Playwright, on real core through the test server), and the real
# app under Xvfb (WebDriver). Ends with one line: "N passed, N failed" (suites).
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

bash scripts/setup.sh --test || exit 1

passed=0
failed=0
failures=()
suite() {
  local name=$1
  shift
  printf '\n\033[1;36m==> %s\033[0m\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

# The app embeds the built front end, so it is built before anything compiles the app crate.
suite "front end build" bash -c 'cd ui && npm run build --silent'
suite "core and shell tests (cargo test)" cargo test --workspace --locked
suite "UI logic (Vitest)" bash -c 'cd ui && npx vitest run'
suite "UI end to end (Playwright, Chromium)" bash tests/ui/run.sh
suite "app build" cargo build --locked -p groundwork -p groundwork-cli
suite "real app end to end (WebDriver, Xvfb)" bash tests/app/run.sh

echo
if [ $failed -gt 0 ]; then
  printf 'Failed suites: %s\n' "${failures[*]}"
fi
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
