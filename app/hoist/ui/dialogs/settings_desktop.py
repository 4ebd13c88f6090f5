"""The "Desktop" settings page: language, tray, notifications, start at login.

A plain QWidget any settings dialog can add as a tab; ``apply()`` writes the choices
into ``AppSettings`` and creates or removes the login entry (platform/autostart.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...config.settings import AppSettings
from ..i18n import LANGUAGES, fill, language_code, system_language
from ..platform import autostart


class DesktopSettingsPage(QWidget):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *,
                 tray_available: bool = True) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("desktop-settings")
        self.settings = settings
        layout = QVBoxLayout(self)

        # Each language in its own name, so a person who cannot read the current one finds theirs.
        speech = QGroupBox(self.tr("Language"))
        sl = QFormLayout(speech)
        self.language = QComboBox()
        self.language.setObjectName("languageBox")
        self.language.addItem(fill(self.tr("System (%1)"), LANGUAGES[system_language()]), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        sl.addRow(self.tr("Language of the window"), self.language)
        next_start = QLabel(self.tr("Hoist speaks the chosen language from its next start."))
        next_start.setWordWrap(True)
        sl.addRow(next_start)
        layout.addWidget(speech)

        window = QGroupBox(self.tr("Window and tray"))
        wl = QVBoxLayout(window)
        self.close_to_tray = QCheckBox(self.tr("Closing the window keeps Hoist running in the system tray"))
        self.start_minimized = QCheckBox(self.tr("Start minimised to the tray"))
        self.start_at_login = QCheckBox(self.tr("Start Hoist when I log in"))
        where = QLabel(fill(self.tr("Login entry: %1"), autostart.describe()))
        where.setWordWrap(True)
        where.setEnabled(False)
        for widget in (self.close_to_tray, self.start_minimized, self.start_at_login, where):
            wl.addWidget(widget)
        if not tray_available:
            note = QLabel(self.tr("This desktop shows no system tray right now; Hoist stays in its window."))
            note.setWordWrap(True)
            wl.addWidget(note)
        layout.addWidget(window)

        notes = QGroupBox(self.tr("Notifications"))
        nl = QVBoxLayout(notes)
        self.notifications = QCheckBox(self.tr("Show notifications"))
        self.notify_batch_done = QCheckBox(self.tr("When a batch of uploads finishes"))
        self.notify_failures = QCheckBox(
            self.tr("When an upload fails and needs me (credentials, bucket, changed file)")
        )
        self.notify_all_done = QCheckBox(self.tr("When everything is uploaded"))
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
        self.language.setCurrentIndex(max(0, self.language.findData(language_code(s.language) or "")))
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
        s.language = str(self.language.currentData() or "")
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
            return fill(self.tr("Hoist could not change its login entry (%1): %2"), autostart.describe(),
                        exc.strerror or exc)  # fmt: skip
        s.start_at_login = wanted
        return None
