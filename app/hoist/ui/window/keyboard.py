"""Keyboard paths Qt leaves out on X11 and Wayland (issue 18).

Shift+F10 opens the context menu, as the Menu key does: Windows does this for every
program and GNOME and KDE applications follow, but Qt maps only the Menu key. The
event sent is the one Qt builds for the Menu key (QWidgetWindow: a Keyboard-reason
QContextMenuEvent at the focus widget's cursor rectangle), so each widget answers it
as it answers that key.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

CONTEXT_MENU_KEY = "Shift+F10"


def open_context_menu(widget: QWidget) -> None:
    """What the Menu key does in ``widget`` (the window's focus widget)."""
    focus = widget.window().focusWidget() or widget
    if not focus.isEnabled():
        return
    rect = focus.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    pos = rect.toRect().center() if rect is not None and hasattr(rect, "toRect") else QPoint(0, 0)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos, focus.mapToGlobal(pos))
    QApplication.sendEvent(focus, event)


def install_context_menu_key(window: QWidget) -> QShortcut:
    shortcut = QShortcut(QKeySequence(CONTEXT_MENU_KEY), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: open_context_menu(window))
    return shortcut
