"""The tray icon, painted with QPainter: a base icon (an arrow lifting out of a tray), a
progress ring while uploading and a state badge (paused, error). Drawn with shapes
only, no fonts or image files, so it looks the same everywhere and renders offscreen;
drawn at the size and scale the tray asks for (crisp at 200%, issue 18), not scaled
from a few fixed bitmaps."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPainter, QPainterPath, QPen

from ..icons import PaintedIconEngine
from .state import TrayState

BASE = QColor("#1f6feb")  # the Hoist blue
BASE_IDLE = QColor("#3d5a80")
TRACK = QColor(255, 255, 255, 90)
RING = QColor("#3fb950")
RING_PAUSED = QColor("#d29922")
BADGE_PAUSED = QColor("#d29922")
BADGE_ERROR = QColor("#da3633")
WHITE = QColor("#ffffff")

# Round the drawn progress so the icon is not repainted for every byte.
PROGRESS_STEPS = 48


def quantise(fraction: float | None) -> float | None:
    if fraction is None:
        return None
    clamped = max(0.0, min(1.0, fraction))
    return math.floor(clamped * PROGRESS_STEPS) / PROGRESS_STEPS


def render_tray_image(state: TrayState, fraction: float | None = None, size: int = 64) -> QImage:
    """The icon for ``state``; ``fraction`` (0..1) draws the progress ring."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(size / 64.0, size / 64.0)
        _paint(painter, state, quantise(fraction))
    finally:
        painter.end()
    return image


def tray_icon(state: TrayState, fraction: float | None = None) -> QIcon:
    shown = quantise(fraction)

    def paint(painter: QPainter, side: int) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(side / 64.0, side / 64.0)
        _paint(painter, state, shown)

    return QIcon(PaintedIconEngine(paint))


def app_icon() -> QIcon:
    """The plain application icon (window title bar, dialogs)."""
    return tray_icon(TrayState.IDLE)


def _paint(p: QPainter, state: TrayState, fraction: float | None) -> None:
    show_ring = fraction is not None and state in (TrayState.UPLOADING, TrayState.PAUSED, TrayState.ERROR)
    # Base disc: smaller when a ring surrounds it.
    inset = 9.0 if show_ring else 3.0
    disc = QRectF(inset, inset, 64 - 2 * inset, 64 - 2 * inset)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(BASE_IDLE if state == TrayState.IDLE else BASE))
    p.drawEllipse(disc)
    _paint_arrow(p, disc)

    if show_ring:
        assert fraction is not None
        ring = QRectF(4, 4, 56, 56)
        pen = QPen(TRACK, 7)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(ring)
        span = int(-fraction * 360 * 16)
        if span:
            pen = QPen(RING_PAUSED if state == TrayState.PAUSED else RING, 7)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(pen)
            p.drawArc(ring, 90 * 16, span)  # from 12 o'clock, clockwise

    if state == TrayState.PAUSED:
        _paint_badge(p, BADGE_PAUSED)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(WHITE)
        p.drawRect(QRectF(41, 40, 5, 16))
        p.drawRect(QRectF(50, 40, 5, 16))
    elif state == TrayState.ERROR:
        _paint_badge(p, BADGE_ERROR)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(WHITE)
        p.drawRoundedRect(QRectF(45.5, 38, 5, 11), 2, 2)
        p.drawEllipse(QRectF(45.5, 51, 5, 5))


def _paint_arrow(p: QPainter, disc: QRectF) -> None:
    """An upward arrow over a short bar (the "tray" it lifts out of)."""
    cx, top, h = disc.center().x(), disc.top(), disc.height()
    w = disc.width()
    path = QPainterPath()
    path.moveTo(QPointF(cx, top + h * 0.16))
    path.lineTo(QPointF(cx + w * 0.26, top + h * 0.45))
    path.lineTo(QPointF(cx + w * 0.09, top + h * 0.45))
    path.lineTo(QPointF(cx + w * 0.09, top + h * 0.66))
    path.lineTo(QPointF(cx - w * 0.09, top + h * 0.66))
    path.lineTo(QPointF(cx - w * 0.09, top + h * 0.45))
    path.lineTo(QPointF(cx - w * 0.26, top + h * 0.45))
    path.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(WHITE)
    p.drawPath(path)
    p.drawRoundedRect(QRectF(cx - w * 0.28, top + h * 0.73, w * 0.56, h * 0.09), 2, 2)


def _paint_badge(p: QPainter, colour: QColor) -> None:
    p.setPen(QPen(WHITE, 2.5))
    p.setBrush(colour)
    p.drawEllipse(QRectF(34, 32, 29, 29))
