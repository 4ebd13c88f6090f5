#!/usr/bin/env bash
# Build packaging/dist/hoist_VERSION_ARCH.deb from the PyInstaller folder packaging/dist/hoist/.
# Called by packaging/build.sh (which sets VERSION, ARCH, OUT, WORK); runs alone too.
#
# Layout: /opt/hoist (the app), /usr/bin/hoist -> /opt/hoist/hoist,
# /usr/share/applications/hoist.desktop, /usr/share/icons/hicolor/*/apps/hoist.{png,svg},
# /usr/share/doc/hoist/copyright. No files anywhere else; postrm removes /opt/hoist.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
OUT=${OUT:-$ROOT/packaging/dist}
WORK=${WORK:-$ROOT/packaging/build}
VERSION=${VERSION:-$("$PY" -c 'import importlib.metadata as m; print(m.version("hoist"))')}
ARCH=${ARCH:-$(dpkg --print-architecture)}
APP=$OUT/hoist
[ -x "$APP/hoist" ] || { echo "build_deb: no bundle at $APP (run packaging/build.sh bundle)" >&2; exit 1; }

# Debian versions may not contain '-' unless there is a revision: 0.1.0 -> 0.1.0-1.
DEB_VERSION="${VERSION//-/\~}-1"
STAGE=$WORK/deb/hoist_${DEB_VERSION}_$ARCH
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/doc/hoist"

# The app itself, without its share/ (that goes to /usr/share below).
cp -a "$APP" "$STAGE/opt/hoist"
rm -rf "$STAGE/opt/hoist/share"
ln -s /opt/hoist/hoist "$STAGE/usr/bin/hoist"
install -m 644 resources/hoist.desktop "$STAGE/usr/share/applications/hoist.desktop"
cp -a "$APP/share/icons" "$STAGE/usr/share/icons"
cat > "$STAGE/usr/share/doc/hoist/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Hoist
Files: *
License: MIT
Comment: Hoist bundles Python, Qt for Python (PySide6, LGPL-3.0) and other open source
 libraries under /opt/hoist/_internal; their licences are in the *.dist-info folders there.
EOF

# Permissions as Debian expects (files 644, directories and executables 755, owner root).
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod go-w {} +

# Runtime libraries the bundle does not carry (PyInstaller leaves libGL/libEGL, libxcb
# and Wayland to the system) plus Qt's usual desktop runtime, as Qt documents for X11.
GLIBC=$(getconf GNU_LIBC_VERSION | awk '{print $2}')  # not `ldd --version | head`: SIGPIPE under pipefail
DEPENDS="libc6 (>= $GLIBC), libegl1, libgl1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, \
libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, \
libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, libfontconfig1, libfreetype6, libdbus-1-3, \
libwayland-client0, libwayland-cursor0, libwayland-egl1"
# (GLib is bundled, and not listed: Debian 13 / Ubuntu 24.04 renamed it libglib2.0-0t64.)

# Check: every library the bundle resolves from outside itself belongs to a package in Depends.
if command -v ldd >/dev/null; then
  export LD_LIBRARY_PATH="$APP/_internal:$APP/_internal/PySide6/Qt/lib"
  external=$(find "$APP" -type f \( -name '*.so*' -o -name hoist \) -print0 \
    | xargs -0 -n 50 ldd 2>/dev/null | awk '/=> \// {print $3}' | grep -v "^$APP" | sort -u || true)
  unset LD_LIBRARY_PATH
  missing=()
  for lib in $external; do
    pkg=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || true)
    pkg=${pkg%%:*}
    [ -z "$pkg" ] && continue
    case ", $DEPENDS, " in *", $pkg,"* | *", $pkg ("*) continue ;; esac
    # Pulled in by a listed package (libgl1 -> libglx0 -> libglvnd0, libxcb1 -> libxau6 ...).
    case $pkg in libc6 | libglvnd0 | libglx0 | libxau6 | libxdmcp6 | libbsd0 | libmd0) continue ;; esac
    missing+=("$pkg ($lib)")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "build_deb: the bundle needs libraries from packages not in Depends: ${missing[*]}" >&2
    exit 1
  fi
fi

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: hoist
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: Hoist developers <hoist@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Suggests: gnome-keyring | kwalletmanager
Section: net
Priority: optional
Homepage: https://github.com/hoist/hoist
Description: upload manager for S3-compatible object storage
 Hoist uploads files and folders to AWS S3, MinIO, Ceph, R2, Wasabi, B2 and other
 S3-compatible storage as resumable multipart uploads: every acknowledged part is
 journalled, so a crash, reboot or lost connection loses nothing. A window with
 per-file and per-part progress, a tray icon, and a headless "hoist" command.
 .
 Self-contained: Python and Qt are bundled under /opt/hoist.
EOF
install -m 755 packaging/linux/postinst "$STAGE/DEBIAN/postinst"
install -m 755 packaging/linux/postrm "$STAGE/DEBIAN/postrm"

DEB=$OUT/hoist_${VERSION}_$ARCH.deb
# xz is Debian's standard (smallest); HOIST_DEB_COMPRESSION=zstd builds in seconds
# instead of minutes (the smoke test uses it; dpkg >= 1.21.18, Debian 12 / Ubuntu 21.10).
dpkg-deb --root-owner-group -Z"${HOIST_DEB_COMPRESSION:-xz}" --build "$STAGE" "$DEB" >/dev/null
echo "build: .deb: $DEB ($(du -h "$DEB" | cut -f1), installs $((INSTALLED_KB / 1024)) MiB)" >&2
