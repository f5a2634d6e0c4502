#!/usr/bin/env bash
# Sets up everything, builds the front end and runs Groundwork.
# Extra arguments go to the app, e.g.: scripts/run.sh --workspace ~/Sync/team.groundwork
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run build --silent)
exec cargo run --release -p groundwork -- "$@"
