#!/usr/bin/env bash
# macOS: Hoist.app from the same PyInstaller spec, then a drag-to-Applications .dmg with
# hdiutil (ships with macOS; create-dmg is a nicer-looking alternative, same input).
# NOT run on the Linux machine where it was written; the release workflow runs it on
# GitHub's macos runners. From the repository root, with a venv holding Hoist and
# PyInstaller (pip install -e '.[packaging]'):
#
#   bash packaging/macos/build_dmg.sh
#
# Output: packaging/dist/Hoist.app and packaging/dist/Hoist-VERSION-macos-ARCH.dmg.
# The app is ad-hoc signed only: Gatekeeper asks on first open (right-click > Open).
# For distribution, sign with a Developer ID and notarize (set MACOS_SIGN_IDENTITY and
# run `xcrun notarytool submit --wait` on the .dmg, then `xcrun stapler staple`).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
OUT=packaging/dist
WORK=packaging/build
VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("hoist"))')
ARCH=$(uname -m)

"$PY" packaging/render_icons.py "$WORK/icons" --icns
rm -rf "$OUT/hoist" "$OUT/Hoist.app"
"$PY" -m PyInstaller --noconfirm --clean --distpath "$OUT" --workpath "$WORK/pyinstaller" packaging/hoist.spec

APP=$OUT/Hoist.app
got=$("$APP/Contents/MacOS/hoist" --version)
[ "$got" = "hoist $VERSION" ] || { echo "Hoist.app --version says '$got'" >&2; exit 1; }

# Ad-hoc signature (required on Apple Silicon), or a Developer ID with the hardened
# runtime (needed for notarization) when an identity is given.
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --timestamp --options runtime \
    --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY" "$APP"
else
  codesign --force --deep --sign - "$APP"
fi
codesign --verify --deep --strict "$APP"

STAGE=$WORK/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG=$OUT/Hoist-$VERSION-macos-$ARCH.dmg
rm -f "$DMG"
hdiutil create -volname "Hoist $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
echo "build: $DMG ($(du -h "$DMG" | cut -f1)); $APP ($(du -sh "$APP" | cut -f1))" >&2
