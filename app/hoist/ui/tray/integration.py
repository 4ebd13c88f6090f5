"""Wires the tray icon and notifications to the engine bridge and the window.

The window creates one ``DesktopIntegration`` and calls ``handle_close`` from its
closeEvent; everything else (live queue state, pause/resume all, notifications,
clicks that open rows) is connected here, so the window needs no tray code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QWidget

from ...config.settings import AppSettings
from ...engine.events import UploadProgress
from ...store.states import UploadState
from ..demo import active_demo_uploads
from ..i18n import fill
from .controller import TrayController
from .dbus_notify import FreedesktopNotifications
from .notifications import Notes, Notification, Notifier
from .state import CloseAction, QueueSummary, QueueTracker

RowsOpener = Callable[[Sequence[int], Sequence[int]], None]  # upload ids, batch ids


class DesktopIntegration(QObject):
    """Tray + notifications for one window and one ``EngineBridge``."""

    def __init__(
        self,
        window: QWidget | None,
        bridge: Any,  # EngineBridge (duck-typed so tests can feed a fake)
        settings: AppSettings,
        save_settings: Callable[[], None] | None = None,
        *,
        open_rows: RowsOpener | None = None,
        open_settings: Callable[[], None] | None = None,
        quit_app: Callable[[], None] | None = None,
        parent: QObject | None = None,
        retry_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.bridge = bridge
        self.settings = settings
        self.open_rows = open_rows or (lambda ids, batches: None)
        self.open_settings = open_settings or (lambda: None)
        self.quit_app = quit_app or (lambda: None)
        self.tracker = QueueTracker()
        extra = {} if retry_ms is None else {"retry_ms": retry_ms}
        self.tray = TrayController(window, settings, save_settings, self, **extra)
        self.tray.refresh_summary = self.refresh
        self.tray.active_demo = lambda: active_demo_uploads(bridge)
        # No tray shown (plain GNOME): the desktop's notifications over D-Bus instead. Not on
        # a headless Qt platform (tests, offscreen): nobody would see them there.
        headless = QGuiApplication.platformName() in ("offscreen", "minimal")
        self.desktop_notifications = (
            FreedesktopNotifications(self) if sys.platform.startswith("linux") and not headless else None
        )
        self.notifier = Notifier(
            self.tray.icon,
            settings,
            tray_shown=self.tray.tray_shown,
            desktop=self.desktop_notifications,
            names=self._name,
            labels=lambda batch_id: str(
                bridge.batch_labels.get(batch_id) or fill(Notes.tr("batch %1"), batch_id)
            ),
            not_added=lambda batch_id: len(bridge.batch_skipped.get(batch_id, ())),
            queue_state=self._queue_state,
            parent=self,
        )

        bridge.uploads_changed.connect(self._on_changed)
        bridge.uploads_removed.connect(self._on_removed)
        bridge.file_failed.connect(self.notifier.on_file_failed)
        bridge.batch_done.connect(self.notifier.on_batch_done)
        bridge.idle.connect(self.notifier.on_idle)
        self.tray.pause_all_requested.connect(lambda: bridge.pause(None))
        self.tray.resume_all_requested.connect(lambda: bridge.resume(None))
        self.tray.open_uploads_requested.connect(lambda ids: self.open_rows(ids, ()))
        self.tray.open_failed_requested.connect(lambda ids: self.open_rows(ids, ()))
        self.tray.settings_requested.connect(lambda: self.open_settings())
        self.tray.quit_requested.connect(lambda: self.quit_app())
        self.notifier.clicked.connect(self._on_notification_clicked)
        # Uploads already known to the bridge (the window may be created after a start).
        existing = list(getattr(bridge, "uploads", {}).values())
        if existing:
            self._on_changed(existing)

    # -- live state ---------------------------------------------------------------------

    def _on_changed(self, changed: list[UploadProgress]) -> None:
        self.tracker.update(changed)
        self.tray.set_summary(self.tracker.summary())

    def _on_removed(self, ids: list[int]) -> None:
        self.tracker.forget(ids)
        self.tray.set_summary(self.tracker.summary())

    def refresh(self) -> QueueSummary:
        """Poll the engine now (the menu is opening, the window is closing)."""
        tick = getattr(self.bridge, "tick", None)
        if tick is not None:
            tick()
        return self.tracker.summary()

    def _queue_state(self) -> tuple[int, int]:
        """(in progress, paused) straight from the engine: events can run ahead of the
        last snapshot."""
        engine = getattr(self.bridge, "engine", None)
        if engine is None:
            s = self.tracker.summary()
            return s.in_progress, s.paused
        with engine.lock:
            states = [rt.state for rt in engine.runtimes.values()]
        return sum(1 for s in states if s.active), sum(1 for s in states if s == UploadState.PAUSED)

    def _name(self, upload_id: int) -> str:
        progress = self.tracker.uploads.get(upload_id) or getattr(self.bridge, "uploads", {}).get(upload_id)
        if progress is not None:
            return str(progress.name)
        engine = getattr(self.bridge, "engine", None)
        rt = engine.runtimes.get(upload_id) if engine is not None else None
        return rt.row.name if rt is not None else fill(Notes.tr("upload %1"), upload_id)

    # -- window ---------------------------------------------------------------------------

    def _on_notification_clicked(self, note: Notification) -> None:
        self.tray.show_window()
        ids = list(note.upload_ids)
        if not ids and note.batch_ids:
            wanted = set(note.batch_ids)
            ids = sorted(i for i, u in self.tracker.uploads.items() if u.batch_id in wanted)
        self.open_rows(ids, note.batch_ids)

    def handle_close(self, event: QCloseEvent) -> CloseAction:
        return self.tray.handle_close(event)

    def shutdown(self) -> None:
        self.notifier.timer.stop()
        if self.desktop_notifications is not None:
            self.desktop_notifications.close()
        self.tray.dispose()
