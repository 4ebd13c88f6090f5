"""Drag and drop onto the window: which dropped things are local paths, and the
highlight shown while they are dragged over it."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from .. import theme


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders in a drag (links to web pages and the like are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class DropOverlay(QWidget):
    """A translucent highlight over the whole window that says where a drop will go."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = self.tr("Drop to upload")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def cover(self, text: str) -> None:
        """Show over the whole parent with this text."""
        self.text = text
        parent = self.parentWidget()
        if parent is None:  # always given one; Qt's type allows none
            return
        self.setGeometry(0, 0, parent.width(), parent.height())
        self.raise_()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tint = theme.drop_colour(self.palette())
        wash = QColor(tint)
        wash.setAlpha(40)
        painter.fillRect(self.rect(), wash)
        pen = QPen(tint, 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -6, -6), 12, 12)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        painter.setFont(font)
        painter.setPen(theme.drop_text(self.palette()))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)
