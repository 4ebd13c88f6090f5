"""Files opened with Hoist through the system rather than the command line.

On macOS, "Open With > Hoist" in Finder and a drop on the Dock icon arrive as
QFileOpenEvent (one per file) instead of argv; Linux and Windows file managers start
``hoist FILE...``, which the single-instance hand-over already covers. The events of
one gesture are gathered briefly so they become one batch, like a drop on the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

GATHER_MS = 150  # Finder sends the files of one "Open With" back to back


class FileOpenHandler(QObject):
    def __init__(self, open_paths: Callable[[list[str]], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_paths = open_paths
        self._pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._flush)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or (event.url().toLocalFile() if event.url().isLocalFile() else "")
            if path:
                self._pending.append(path)
                self._timer.start()
                return True
        return False

    def _flush(self) -> None:
        paths, self._pending = self._pending, []
        if paths:
            self._open_paths(paths)
