"""The delegate paints one thing: the progress bar. Text comes from the model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...store.states import UploadState
from ..models.queue_model import RAW_ROLE, STATE_ROLE

BAR_COLORS = {
    UploadState.DONE: QColor("#2e7d32"),
    UploadState.FAILED: QColor("#c62828"),
    UploadState.PAUSED: QColor("#9e9e9e"),
    UploadState.CANCELLED: QColor("#bdbdbd"),
    UploadState.SKIPPED: QColor("#bdbdbd"),
}
DEFAULT_BAR = QColor("#1e88e5")


def paint_progress_bar(painter: QPainter, rect: QRect, fraction: float, text: str, color: QColor,
                       palette: QPalette) -> None:  # fmt: skip
    """A flat, calm bar: track, fill, centred percentage. Reusable by other views."""
    bar = rect.adjusted(3, 3, -3, -3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase).darker(108))
    painter.drawRoundedRect(bar, 3, 3)
    fraction = max(0.0, min(1.0, fraction))
    if fraction > 0:
        filled = QRect(bar)
        filled.setWidth(max(2, round(bar.width() * fraction)))
        painter.setBrush(color)
        painter.drawRoundedRect(filled, 3, 3)
    painter.setPen(palette.color(QPalette.ColorRole.Text) if fraction < 0.55 else QColor("white"))
    painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, text)
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
        color = BAR_COLORS.get(state, DEFAULT_BAR) if isinstance(state, UploadState) else DEFAULT_BAR
        paint_progress_bar(painter, option.rect, float(fraction), str(index.data() or ""), color,
                           option.palette)  # fmt: skip
