"""The delegate paints one thing: the progress bar. Text comes from the model.

Colours come from ui/theme (light or dark palette). The percentage is drawn twice,
clipped: over the fill in black or white, whichever reads on the fill's colour, and
over the track in the palette's text colour (one colour for both hid "24%" half in a
blue it could not be read on, and white on a pale cancelled bar).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...store.states import UploadState
from .. import theme
from ..models.queue_model import RAW_ROLE, STATE_ROLE


def paint_progress_bar(painter: QPainter, rect: QRect, fraction: float, text: str, color: QColor,
                       palette: QPalette) -> None:  # fmt: skip
    """A flat, calm bar: track, fill, centred percentage. Reusable by other views."""
    bar = rect.adjusted(3, 3, -3, -3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.bar_track(palette))
    painter.drawRoundedRect(bar, 3, 3)
    fraction = max(0.0, min(1.0, fraction))
    filled = QRect(bar)
    filled.setWidth(max(2, round(bar.width() * fraction)) if fraction > 0 else 0)
    if fraction > 0:
        painter.setBrush(color)
        painter.drawRoundedRect(filled, 3, 3)
    track = QRect(bar)
    track.setLeft(filled.right() + 1 if fraction > 0 else bar.left())
    for clip, pen in ((filled, theme.text_on(color)), (track, palette.color(QPalette.ColorRole.Text))):
        if clip.width() > 0:
            painter.save()
            painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
            painter.setPen(pen)
            painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, text)
            painter.restore()
    painter.restore()


class ProgressDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 80), max(hint.height(), option.fontMetrics.height() + 10))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # fmt: skip
        fraction = index.data(RAW_ROLE)
        if not isinstance(fraction, float | int):
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # selection/hover background, no text
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        state: Any = index.data(STATE_ROLE)
        color = theme.bar_colour(state.value if isinstance(state, UploadState) else None, option.palette)
        paint_progress_bar(painter, option.rect, float(fraction), str(index.data() or ""), color,
                           option.palette)  # fmt: skip
