"""A visible focus for widgets the style leaves unmarked (issue 18).

Fusion marks a focused line edit or push button, but not an item view (a table with
no current row showed nothing at all when Tab reached it) and not a flat command-link
button (the welcome choices). ``FocusRing`` draws a ring in the palette's highlight
colour around such a widget while it has the keyboard focus, over its frame, without
changing how the widget paints itself.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QDialog, QFocusFrame, QWidget

RING_WIDTH = 2.0


class FocusRing(QFocusFrame):
    """Follows ``widget`` (QFocusFrame keeps it over the widget as it moves and resizes)
    and paints only while the widget has focus. The widget must have its parent already
    (QFocusFrame lives beside it, in that parent)."""

    def __init__(self, widget: QWidget) -> None:
        assert widget.parentWidget() is not None, "give the widget its parent first"
        super().__init__(widget)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(widget)
        widget.installEventFilter(self)
        self.setVisible(widget.hasFocus())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setVisible(event.type() == QEvent.Type.FocusIn)
            self.update()
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        target = self.widget()
        if target is None or not target.hasFocus():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)


def ring(*widgets: QWidget) -> None:
    """Give each widget a focus ring (it lives as long as the widget's parent)."""
    for widget in widgets:
        FocusRing(widget)


def return_focus_when_closed(dialog: QDialog) -> None:
    """When ``dialog`` closes, its parent's window is active again and keys go back to it.
    A window manager does this on most desktops; without one (a bare X session, a kiosk)
    nothing had the focus after the file dialog closed and a keyboard user was stranded."""
    parent = dialog.parentWidget()
    if parent is None:
        return
    window = parent.window()

    def back(*_: object) -> None:
        if window.isVisible() and QApplication.activeWindow() in (None, dialog):
            window.activateWindow()

    dialog.finished.connect(back)
