#!/usr/bin/env bash
# Set up (first time) and start Hoist: the window, or `scripts/run.sh upload ...` for the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hoist "$@"
