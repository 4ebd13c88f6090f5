"""Render the app icon (resources/hoist.svg) for the installers, with Qt's SVG renderer.

    python packaging/render_icons.py OUTDIR            # hoist-16.png ... hoist-512.png
    python packaging/render_icons.py OUTDIR --ico      # + hoist.ico (Windows; PNG-compressed entries)
    python packaging/render_icons.py OUTDIR --icns     # + hoist.icns (macOS; needs Apple's iconutil)

packaging/build.sh renders the Linux PNGs with rsvg-convert when it is installed and
falls back to this script; the Windows and macOS recipes always use it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "hoist.svg"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """An .ico whose entries are PNGs (supported since Windows Vista)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    path.write_bytes(header + entries + blobs)


def write_icns(path: Path) -> None:
    """Apple's documented route: an .iconset folder, then `iconutil -c icns`."""
    iconset = path.with_suffix(".iconset")
    shutil.rmtree(iconset, ignore_errors=True)
    iconset.mkdir(parents=True)
    for base in (16, 32, 128, 256, 512):
        (iconset / f"icon_{base}x{base}.png").write_bytes(render(base))
        (iconset / f"icon_{base}x{base}@2x.png").write_bytes(render(base * 2))
    subprocess.run(["iconutil", "-c", "icns", str(iconset), "-o", str(path)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--ico", action="store_true")
    parser.add_argument("--icns", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    args.outdir.mkdir(parents=True, exist_ok=True)
    pngs = {size: render(size) for size in PNG_SIZES}
    for size, blob in pngs.items():
        (args.outdir / f"hoist-{size}.png").write_bytes(blob)
    if args.ico:
        write_ico(args.outdir / "hoist.ico", pngs)
    if args.icns:
        write_icns(args.outdir / "hoist.icns")
    print(f"icons in {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
