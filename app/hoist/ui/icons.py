"""Icons drawn at the size they are shown (issue 18: crisp at 200%).

The toolbar's icons are SVG files (resources/icons) in the palette's text colour, so
they read on a light and a dark theme and are rendered at each requested size and
device pixel ratio instead of scaling a 16 or 32 pixel bitmap (Fusion's standard
icons were blurred at 200%). ``PaintedIconEngine`` does the same for icons painted
with QPainter (the tray icon).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"  # hoist/resources/icons

_CACHE_LIMIT = 64  # rendered pixmaps kept per icon (sizes x modes x colours)
STANDARD_SIZES = (16, 22, 24, 32, 48, 64)  # what a StatusNotifierItem tray is sent


def icon_colour(mode: QIcon.Mode, palette: QPalette | None = None) -> str:
    p = palette if palette is not None else QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return p.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    if mode == QIcon.Mode.Selected:
        return p.color(QPalette.ColorRole.HighlightedText).name()
    return p.color(QPalette.ColorRole.WindowText).name()


class SvgIconEngine(QIconEngine):
    """An SVG whose ``currentColor`` is the palette's text colour for the icon's mode."""

    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._cache: dict[tuple[int, int, str], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg)

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        return QSvgRenderer(self._svg.replace(b"currentColor", icon_colour(mode).encode()))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), f"{int(mode.value)}{icon_colour(mode)}")
        cached = self._cache.get(key)
        if cached is not None:
            return QPixmap(cached)
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        finally:
            painter.end()
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = pixmap
        return QPixmap(pixmap)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def isNull(self) -> bool:
        return not self._svg


class PaintedIconEngine(QIconEngine):
    """An icon painted by ``paint(painter, side)`` on a square of ``side`` pixels, at
    whatever size and scale it is asked for."""

    def __init__(self, paint: Callable[[QPainter, int], None]) -> None:
        super().__init__()
        self._paint = paint

    def clone(self) -> QIconEngine:
        return PaintedIconEngine(self._paint)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        painter.save()
        painter.translate(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2)
        self._paint(painter, side)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        finally:
            painter.end()
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        # A StatusNotifierItem tray sends the icon as pixmaps of these sizes over D-Bus.
        return [QSize(side, side) for side in STANDARD_SIZES]


_svg_icons: dict[str, QIcon] = {}


def svg_icon(name: str) -> QIcon:
    """resources/icons/NAME.svg in the palette's text colour, drawn at any size."""
    icon = _svg_icons.get(name)
    if icon is None:
        icon = _svg_icons[name] = QIcon(SvgIconEngine((ICONS / f"{name}.svg").read_bytes()))
    return icon
