"""The tray icon: queue state at a glance, a menu rebuilt from live state each time it
opens, and what closing the window means when uploads are running.

``TrayController`` is fed ``QueueSummary`` objects (state.py) and asks for things
through signals (pause all, resume all, open failed uploads, settings, quit); integration.py
wires it to the engine bridge and the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon, QWidget

from ...config.settings import AppSettings
from ..demo import quit_promise
from ..i18n import QT_TRANSLATE_NOOP, Context
from .icon import app_icon, quantise, tray_icon
from .state import (
    MAX_MENU_UPLOADS,
    CloseAction,
    QueueSummary,
    TrayState,
    close_action,
    menu_upload_lines,
    summary_line,
    tooltip_text,
    tray_state,
)

log = logging.getLogger(__name__)

# A desktop still starting may have no tray yet: look again every 2 s for 5 minutes.
TRAY_RETRY_MS = 2000
TRAY_RETRY_LIMIT = 150


class TrayQuestions(Context):
    """What the tray asks and says when the window closes or Hoist quits."""


# In English; shown with TrayQuestions.tr.
HINT_TITLE = QT_TRANSLATE_NOOP("TrayQuestions", "Hoist is still running")
HINT_TEXT = QT_TRANSLATE_NOOP(
    "TrayQuestions",
    "Hoist keeps uploading in the background. Click its icon in the system tray to open the "
    "window again, or right-click it to quit.",
)


def quit_question(active: int, demo: int = 0) -> str:
    """``demo``: how many of the ``active`` uploads go to the demo storage (they end with it)."""
    promise = quit_promise(active, demo, TrayQuestions.tr("Finished parts are kept and the uploads will resume "
                                                          "the next time you start Hoist."))  # fmt: skip
    return (
        TrayQuestions.tr("%n upload(s) still running.", "", active)
        + "\n\n"
        + TrayQuestions.tr("Quit Hoist anyway?")
        + " "
        + promise
    )


def no_tray_question(active: int, demo: int = 0) -> str:
    promise = quit_promise(active, demo, TrayQuestions.tr("Quitting keeps finished parts; the uploads will "
                                                          "resume the next time you start Hoist."))  # fmt: skip
    return (
        TrayQuestions.tr("%n upload(s) still running. This desktop has no system tray, so Hoist can only keep "
                         "uploading with its window open.", "", active)
        + "\n\n" + promise
    )  # fmt: skip


class TrayController(QObject):
    """Owns the QSystemTrayIcon (when the platform has a tray) and its menu."""

    pause_all_requested = Signal()
    resume_all_requested = Signal()
    open_uploads_requested = Signal(list)  # upload ids to show in the window
    open_failed_requested = Signal(list)  # failed upload ids
    settings_requested = Signal()
    quit_requested = Signal()  # already confirmed
    availability_changed = Signal(bool)
    window_hidden_to_tray = Signal()

    def __init__(
        self,
        window: QWidget | None = None,
        settings: AppSettings | None = None,
        save_settings: Callable[[], None] | None = None,
        parent: QObject | None = None,
        *,
        retry_ms: int = TRAY_RETRY_MS,
        retry_limit: int = TRAY_RETRY_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings or AppSettings()
        self._save_settings = save_settings or (lambda: None)
        self.summary = QueueSummary()
        self.state = TrayState.IDLE
        self._drawn: tuple[TrayState, float | None] | None = None
        self.redraws = 0  # icon repaints (tests check they happen only on visible change)
        # Overridable in tests: ask the person a yes/no question; True means go ahead.
        self.confirm: Callable[[str, str, str, str], bool] = self._ask
        self.refresh_summary: Callable[[], QueueSummary | None] | None = None
        self.active_demo: Callable[[], int] = lambda: 0  # of the active uploads, those to the demo storage

        self.menu = QMenu(window)
        self.menu.aboutToShow.connect(self._rebuild_menu)
        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)  # before show(): AppIndicator hosts need it
        self.icon.activated.connect(self._on_activated)
        self._rebuild_menu()
        self._render()

        self._retries_left = retry_limit
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._try_show)
        self.available = False
        self._try_show()
        if not self.available:
            log.info("No system tray yet; looking again every %.0f s", retry_ms / 1000)
            self._retry.start()

    # -- availability ---------------------------------------------------------------

    def _try_show(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._retry.stop()
            self.icon.show()
            if not self.available:
                self.available = True
                log.info("System tray available; tray icon shown")
                self.availability_changed.emit(True)
            return
        self._retries_left -= 1
        if self._retries_left <= 0:
            self._retry.stop()
            log.info("No system tray on this desktop; Hoist lives in its window")

    # -- state --------------------------------------------------------------------------

    def set_summary(self, summary: QueueSummary) -> None:
        self.summary = summary
        self.state = tray_state(summary)
        self._render()

    def _render(self) -> None:
        fraction = quantise(self.summary.fraction) if self.summary.in_progress else None
        key = (self.state, fraction)
        if key != self._drawn:
            self._drawn = key
            self.redraws += 1
            self.icon.setIcon(tray_icon(self.state, fraction))
        tip = tooltip_text(self.summary)
        if tip != self.icon.toolTip():
            self.icon.setToolTip(tip)

    # -- menu ----------------------------------------------------------------------------

    def _rebuild_menu(self) -> None:
        if self.refresh_summary is not None:
            fresh = self.refresh_summary()
            if fresh is not None:
                self.set_summary(fresh)
        s = self.summary
        menu = self.menu
        menu.clear()
        visible = self.window is not None and self.window.isVisible() and not self.window.isMinimized()
        toggle = menu.addAction(self.tr("Hide Hoist") if visible else self.tr("Show Hoist"))
        toggle.setObjectName("toggle-window")
        toggle.triggered.connect(self.hide_window if visible else self.show_window)
        menu.addSeparator()

        line = summary_line(s)
        status = menu.addAction(line[:1].upper() + line[1:])
        status.setObjectName("status")
        status.setEnabled(False)
        lines = menu_upload_lines(s)
        named = min(len(s.active), MAX_MENU_UPLOADS)  # the lines after them: "and N more"
        for index, line in enumerate(lines):
            action = menu.addAction(line.replace("&", "&&"))  # a name's "&" is not a shortcut key
            if index < named:
                upload_id = s.active[index].upload_id
                action.setObjectName(f"upload-{upload_id}")
                action.triggered.connect(lambda _=False, i=upload_id: self._open_uploads([i]))
            else:
                action.setObjectName("more-uploads")
                action.triggered.connect(lambda _=False: self._open_uploads([u.upload_id for u in s.active]))
        menu.addSeparator()

        if s.in_progress or not s.paused:
            pause = menu.addAction(self.tr("Pause all"))
            pause.setObjectName("pause-all")
            pause.setEnabled(bool(s.in_progress))
            pause.triggered.connect(self.pause_all_requested.emit)
        if s.paused:
            resume = menu.addAction(self.tr("Resume all"))
            resume.setObjectName("resume-all")
            resume.triggered.connect(self.resume_all_requested.emit)
        if s.failed:
            failed = menu.addAction(self.tr("Open failed uploads (%n)", "", s.failed))
            failed.setObjectName("open-failed")
            ids = list(s.failed_ids)
            failed.triggered.connect(lambda _=False: self._open_failed(ids))
        menu.addSeparator()
        settings = menu.addAction(self.tr("Settings..."))
        settings.setObjectName("settings")
        settings.triggered.connect(self._open_settings)
        quit_action = menu.addAction(self.tr("Quit Hoist"))
        quit_action.setObjectName("quit")
        quit_action.triggered.connect(self.request_quit)

    def menu_texts(self) -> list[str]:
        """The menu as a person reads it (separators as "---"); rebuilt first."""
        self._rebuild_menu()
        return ["---" if a.isSeparator() else a.text() for a in self.menu.actions()]

    def action(self, name: str) -> QAction | None:
        for action in self.menu.actions():
            if action.objectName() == name:
                return action
        return None

    # -- window ---------------------------------------------------------------------------

    def show_window(self) -> None:
        if self.window is None:
            return
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def hide_window(self) -> None:
        if self.window is not None:
            self.window.hide()

    def _open_uploads(self, ids: list[int]) -> None:
        self.show_window()
        self.open_uploads_requested.emit(ids)

    def _open_failed(self, ids: list[int]) -> None:
        self.show_window()
        self.open_failed_requested.emit(ids)

    def _open_settings(self) -> None:
        self.show_window()
        self.settings_requested.emit()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            if self.window is not None and self.window.isVisible() and not self.window.isMinimized():
                self.hide_window()
            else:
                self.show_window()

    # -- closing and quitting ---------------------------------------------------------

    def request_quit(self) -> bool:
        """Quit from the menu: asks first when uploads are running. True if quitting."""
        active = self.summary.in_progress
        if active and not self.confirm(
            self.tr("Quit Hoist?"), quit_question(active, self.active_demo()), self.tr("Quit"),
            self.tr("Keep uploading"),
        ):  # fmt: skip
            return False
        self.quit_requested.emit()
        return True

    def handle_close(self, event: QCloseEvent) -> CloseAction:
        """Call from the window's closeEvent. Hides to the tray, asks, or lets it close
        (and emits quit_requested)."""
        if self.refresh_summary is not None:
            fresh = self.refresh_summary()
            if fresh is not None:
                self.set_summary(fresh)
        active = self.summary.in_progress
        action = close_action(
            tray_available=self.tray_shown(),
            close_to_tray=self.settings.close_to_tray,
            uploads_active=bool(active),
        )
        if action == CloseAction.HIDE:
            event.ignore()
            self.hide_window()
            self.window_hidden_to_tray.emit()
            if not self.settings.tray_hint_shown:
                self.show_message(TrayQuestions.tr(HINT_TITLE), TrayQuestions.tr(HINT_TEXT), app_icon(), 8000)
                self.settings.tray_hint_shown = True
                self._save_settings()
            return action
        if action == CloseAction.ASK and not self.confirm(
            self.tr("Uploads are running"),
            no_tray_question(active, self.active_demo()),
            self.tr("Quit"),
            self.tr("Keep uploading in the window"),
        ):
            event.ignore()
            return action
        event.accept()
        self.quit_requested.emit()
        return CloseAction.QUIT

    def tray_shown(self) -> bool:
        return self.available and self.icon.isVisible()

    def show_message(self, title: str, text: str, icon: QIcon | QSystemTrayIcon.MessageIcon,
                     msecs: int) -> None:  # fmt: skip
        """A balloon / desktop notification from the tray icon."""
        self.icon.showMessage(title, text, icon, msecs)

    def _ask(self, title: str, text: str, yes: str, no: str) -> bool:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(text)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.exec()
        return box.clickedButton() is go

    def hide_icon(self) -> None:
        self._retry.stop()
        self.icon.hide()

    def dispose(self) -> None:
        """Hide the icon and free the menu now (it may have no parent widget)."""
        self.hide_icon()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()
        self.deleteLater()
