#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: lint, types, unit, functional,
# GUI (offscreen) and desktop (Xvfb + tint2 tray) tests. Extra args go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check app tests
.venv/bin/ruff format --check app tests
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
