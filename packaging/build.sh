#!/usr/bin/env bash
# Build Hoist for Linux end users: the one-folder app (PyInstaller), a .deb and a
# portable .tar.gz, all named with the version from the package metadata.
#
#   bash packaging/build.sh            # everything: icons, bundle, .deb, .tar.gz
#   bash packaging/build.sh bundle     # only the PyInstaller folder
#   bash packaging/build.sh deb tar    # installers from an existing bundle
#
# Output: packaging/dist/hoist/ (the app), packaging/dist/hoist_VERSION_ARCH.deb,
# packaging/dist/hoist-VERSION-linux-MACHINE.tar.gz. Intermediate files: packaging/build/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
OUT=$ROOT/packaging/dist
WORK=$ROOT/packaging/build
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(bundle deb tar)

log() { printf 'build: %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  log "installing PyInstaller into .venv (the 'packaging' extra)"
  "$PY" -m pip install -q "pyinstaller>=6.10" 2>&1 | grep -v "^WARNING: Location" || true
fi
need_apt=()
command -v rsvg-convert >/dev/null || need_apt+=(librsvg2-bin)
command -v dpkg-deb >/dev/null || need_apt+=(dpkg)
if [ ${#need_apt[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  log "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${need_apt[@]}" >/dev/null
fi

# --- version: one place, the package metadata (pyproject.toml [project] version) ----------
PYPROJECT_VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
META_VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("hoist"))' 2>/dev/null || echo none)
if [ "$PYPROJECT_VERSION" != "$META_VERSION" ]; then
  # The bundle copies the installed dist-info; refresh it so `hoist --version` is right.
  log "metadata says $META_VERSION, pyproject says $PYPROJECT_VERSION: refreshing the editable install"
  "$PY" -m pip install -q --no-deps -e . 2>&1 | grep -v "^WARNING: Location" || true
fi
VERSION=$PYPROJECT_VERSION
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
MACHINE=$(uname -m)
export VERSION ARCH MACHINE OUT WORK ROOT
log "Hoist $VERSION ($ARCH)"

# --- icons: hicolor PNGs rendered from resources/hoist.svg --------------------------------
SIZES=(16 22 24 32 48 64 128 256 512)
render_icons() {
  local dir=$WORK/icons
  rm -rf "$dir" && mkdir -p "$dir"
  if ! command -v rsvg-convert >/dev/null; then  # Qt's SVG renderer, from the dev venv
    "$PY" packaging/render_icons.py "$dir"
    return
  fi
  for size in "${SIZES[@]}"; do
    rsvg-convert -w "$size" -h "$size" resources/hoist.svg -o "$dir/hoist-$size.png"
  done
}

# --- the one-folder app ------------------------------------------------------------------
build_bundle() {
  render_icons
  "$PY" -m hoist.ui.i18n.build  # the window's translations: .ts -> .qm (hoist.spec collects them)
  local started=$SECONDS
  rm -rf "$OUT/hoist"
  "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT" --workpath "$WORK/pyinstaller" packaging/hoist.spec
  # Icons and the desktop entry, laid out as under /usr/share, for the portable folder.
  local share=$OUT/hoist/share
  mkdir -p "$share/applications" "$share/icons/hicolor/scalable/apps"
  install -m 644 resources/hoist.desktop "$share/applications/hoist.desktop"
  install -m 644 resources/hoist.svg "$share/icons/hicolor/scalable/apps/hoist.svg"
  for size in "${SIZES[@]}"; do
    install -D -m 644 "$WORK/icons/hoist-$size.png" "$share/icons/hicolor/${size}x${size}/apps/hoist.png"
  done
  local got
  got=$("$OUT/hoist/hoist" --version)
  [ "$got" = "hoist $VERSION" ] || { log "frozen --version says '$got', expected 'hoist $VERSION'"; exit 1; }
  log "bundle: $OUT/hoist ($(du -sh "$OUT/hoist" | cut -f1), $((SECONDS - started)) s); $got"
}

build_tar() {
  local name=hoist-$VERSION-linux-$MACHINE
  # HOIST_GZIP_LEVEL=1 for a quick build (the smoke test); 6 (gzip's default) otherwise.
  tar -C "$OUT" --owner=0 --group=0 --numeric-owner --transform "s,^hoist,$name," -cf - hoist \
    | gzip -"${HOIST_GZIP_LEVEL:-6}" -n > "$OUT/$name.tar.gz"
  log "tar.gz: $OUT/$name.tar.gz ($(du -h "$OUT/$name.tar.gz" | cut -f1))"
}

for step in "${steps[@]}"; do
  case $step in
    bundle) build_bundle ;;
    deb) bash packaging/linux/build_deb.sh ;;
    tar) build_tar ;;
    *) log "unknown step '$step' (bundle, deb, tar)"; exit 2 ;;
  esac
done
