"""The "Desktop" settings page: tray, notifications, start at login.

A plain QWidget any settings dialog can add as a tab; ``apply()`` writes the choices
into ``AppSettings`` and creates or removes the login entry (platform/autostart.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...config.settings import AppSettings
from ..platform import autostart


class DesktopSettingsPage(QWidget):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 tray_available: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("desktop-settings")
        self.settings = settings
        layout = QVBoxLayout(self)

        window = QGroupBox("Window and tray")
        wl = QVBoxLayout(window)
        self.close_to_tray = QCheckBox("Closing the window keeps Hoist running in the system tray")
        self.start_minimized = QCheckBox("Start minimised to the tray")
        self.start_at_login = QCheckBox("Start Hoist when I log in")
        where = QLabel(f"Login entry: {autostart.describe()}")
        where.setWordWrap(True)
        where.setEnabled(False)
        for widget in (self.close_to_tray, self.start_minimized, self.start_at_login, where):
            wl.addWidget(widget)
        if not tray_available:
            note = QLabel("This desktop shows no system tray right now; Hoist stays in its window.")
            note.setWordWrap(True)
            wl.addWidget(note)
        layout.addWidget(window)

        notes = QGroupBox("Notifications")
        nl = QVBoxLayout(notes)
        self.notifications = QCheckBox("Show notifications")
        self.notify_batch_done = QCheckBox("When a batch of uploads finishes")
        self.notify_failures = QCheckBox(
            "When an upload fails and needs me (credentials, bucket, changed file)"
        )
        self.notify_all_done = QCheckBox("When everything is uploaded")
        nl.addWidget(self.notifications)
        for box in (self.notify_batch_done, self.notify_failures, self.notify_all_done):
            box.setStyleSheet("margin-left: 20px")
            nl.addWidget(box)
        self.notifications.toggled.connect(self._sync_enabled)
        layout.addWidget(notes)
        layout.addStretch(1)
        self.load()

    def _sync_enabled(self, on: bool) -> None:
        for box in (self.notify_batch_done, self.notify_failures, self.notify_all_done):
            box.setEnabled(on)

    def load(self) -> None:
        s = self.settings
        self.close_to_tray.setChecked(s.close_to_tray)
        self.start_minimized.setChecked(s.start_minimized)
        self.start_at_login.setChecked(s.start_at_login)
        self.notifications.setChecked(s.notifications)
        self.notify_batch_done.setChecked(s.notify_batch_done)
        self.notify_failures.setChecked(s.notify_failures)
        self.notify_all_done.setChecked(s.notify_all_done)
        self._sync_enabled(s.notifications)

    def apply(self) -> str | None:
        """Store the choices. Returns a message for the person if the login entry could
        not be written (the other settings are still applied)."""
        s = self.settings
        s.close_to_tray = self.close_to_tray.isChecked()
        s.start_minimized = self.start_minimized.isChecked()
        s.notifications = self.notifications.isChecked()
        s.notify_batch_done = self.notify_batch_done.isChecked()
        s.notify_failures = self.notify_failures.isChecked()
        s.notify_all_done = self.notify_all_done.isChecked()
        wanted = self.start_at_login.isChecked()
        try:
            if wanted != autostart.is_enabled() or wanted != s.start_at_login:
                autostart.set_enabled(wanted)
        except OSError as exc:
            self.start_at_login.setChecked(s.start_at_login)
            return f"Hoist could not change its login entry ({autostart.describe()}): {exc.strerror or exc}"
        s.start_at_login = wanted
        return None
