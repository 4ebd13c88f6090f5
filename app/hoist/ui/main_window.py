"""The main window: destination bar, queue tree, part view, status bar.

Public API for the tray / single-instance code (issue 5):
  show_and_raise(), select_uploads(ids), add_paths(paths), ``close_handler``
  (return True to keep Hoist running, e.g. hidden in the tray), ``quit_requested``,
  ``actions`` (name -> QAction, reusable in a tray menu), ``bridge`` (aggregate state:
  ``bridge.aggregate`` and ``bridge.aggregate_changed``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..config.settings import IfExists, Profile, TransferSettings
from ..connect import CredentialsMissing, credentials_for
from ..engine.core import QueueResult
from ..engine.events import UploadProgress
from ..engine.sources import BadInput, normalise_prefix
from ..store.journal import UploadRow
from ..store.states import UploadState
from .bridge import Aggregate, ConflictRequest, EngineBridge, describe_error
from .context import Context, destination_for, object_url, options_for
from .delegates import ProgressDelegate
from .demo import DEMO_NOTE, is_demo
from .dialogs.conflict import ConflictDialog
from .dialogs.errors import ErrorDialog, show_problem
from .formatting import STATE_ORDER, duration_text, size_text, speed_text, state_label
from .parts_view import PartsPanel
from .queue_model import Column, QueueModel

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "hoist.svg"))


class DropOverlay(QWidget):
    """The highlight shown while files are dragged over the window."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = "Drop to upload"
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(30, 136, 229, 40))
        pen = QPen(QColor("#1e88e5"), 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -6, -6), 12, 12)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        painter.setFont(font)
        painter.setPen(QColor("#0d47a1"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)


class MainWindow(QMainWindow):
    quit_requested = Signal()
    paths_queued = Signal(object)  # QueueResult

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge: EngineBridge = ctx.bridge
        self.close_handler: Callable[[QCloseEvent], bool] | None = None
        self.quitting = False  # set once quitting is decided: closing no longer asks
        self._shown_status: tuple[str, str, tuple[str, str]] = ("", "", ("", ""))
        self._selected: list[int] = []
        self.confirm: Callable[[str, str], bool] = self._ask  # tests replace it
        self.setWindowTitle("Hoist")
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(1100, 720)

        self.model = QueueModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("queueView")
        self.tree.setModel(self.model)
        self.tree.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((Column.NAME, 240), (Column.SIZE, 80), (Column.DESTINATION, 220),
                              (Column.PROGRESS, 130), (Column.SPEED, 90), (Column.ETA, 80)):  # fmt: skip
            header.resizeSection(column, width)

        self.empty = QLabel(
            "<div style='font-size:15pt'>Drop files or folders here</div>"
            "<div style='color:#6b6b6b'>or use Add files / Add folder. They go to the destination "
            "shown above.</div>"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")
        self.queue_stack = QStackedWidget()
        self.queue_stack.addWidget(self.empty)
        self.queue_stack.addWidget(self.tree)
        self.parts = PartsPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.queue_stack)
        self.splitter.addWidget(self.parts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(self._destination_bar())
        self.demo_note = QLabel(DEMO_NOTE)
        self.demo_note.setObjectName("demoNote")
        self.demo_note.setStyleSheet("background:#fff3e0; color:#7a4f01; padding:4px 8px; border-radius:4px")
        self.demo_note.setWordWrap(True)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.overlay = DropOverlay(central)

        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._build_status_bar()
        self._refresh_profiles()

        self.bridge.uploads_changed.connect(self._uploads_changed)
        self.bridge.uploads_removed.connect(self.model.remove_uploads)
        self.bridge.uploads_removed.connect(lambda _ids: self._update_empty())
        self.bridge.batch_labelled.connect(self.model.set_batch_label)
        self.bridge.parts_changed.connect(self.parts.set_parts)
        self.bridge.aggregate_changed.connect(self._aggregate_changed)
        self.bridge.notice.connect(self.show_notice)
        self.bridge.error.connect(lambda message: show_problem(self, message))
        self.bridge.unexpected.connect(self.show_unexpected)
        self.bridge.engine_started.connect(self._update_actions)
        self.ctx.broker.asked.connect(self._ask_conflict)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_empty()
        self._update_actions()

    # -- public API -------------------------------------------------------------------------

    def show_and_raise(self) -> None:
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def select_uploads(self, upload_ids: list[int]) -> None:
        """Select these uploads (e.g. from a notification) and show the first one's parts."""
        selection = self.tree.selectionModel()
        selection.clearSelection()
        first: QModelIndex | None = None
        for upload_id in upload_ids:
            index = self.model.upload_index(upload_id)
            if index.isValid():
                self.tree.expand(index.parent())
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                first = first or index
        if first is not None:
            self.tree.scrollTo(first)
            self.tree.setCurrentIndex(first)

    def add_paths(self, paths: list[str], on_done: Callable[[QueueResult], None] | None = None) -> bool:
        """Queue files/folders to the destination shown at the top. False if there is no
        usable destination (the person is asked to set one up) or the prefix is bad."""
        paths = [p for p in paths if p]
        if not paths:
            return False
        profile = self.current_profile()
        if profile is None:
            show_problem(self, "Choose where uploads go first: create a storage profile (or try the demo).")
            self.open_profile_dialog(None)
            return False
        try:
            prefix = normalise_prefix(self.prefix.text())
        except BadInput as exc:
            show_problem(self, str(exc))
            return False

        def queued(result: QueueResult) -> None:
            self.paths_queued.emit(result)
            if on_done is not None:
                on_done(result)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, CredentialsMissing):
                show_problem(self, f"The secret key for the profile '{profile.name}' is not available (it was "
                             "kept for the last session only, or the keyring was cleared). Enter it again "
                             "in the profile, then add the files again.")  # fmt: skip
                self.open_profile_dialog(profile)
                return
            words = describe_error(exc)
            if words is None:
                self.bridge._failed(exc, None)
            else:
                show_problem(self, words)

        self.bridge.queue_paths(
            paths, destination_for(profile), prefix, options=options_for(profile),
            if_exists=self.ctx.engine.settings.if_exists, on_done=queued, on_error=refused,
            preflight=lambda: credentials_for(profile),  # keyring: off the GUI thread
        )  # fmt: skip
        self.statusBar().showMessage(f"Adding {len(paths)} item{'s' if len(paths) > 1 else ''}...", 3000)
        return True

    def current_profile(self) -> Profile | None:
        name = self.profile_box.currentData()
        return self.ctx.config.profiles.get(name) if name else None

    def selected_ids(self) -> list[int]:
        return self.model.ids_for(self.tree.selectionModel().selectedRows(0))

    # -- building -------------------------------------------------------------------------

    def _destination_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Upload to"))
        self.profile_box = QComboBox()
        self.profile_box.setObjectName("profileBox")
        self.profile_box.setMinimumWidth(200)
        self.profile_box.activated.connect(self._profile_chosen)
        bar.addWidget(self.profile_box)
        self.bucket_label = QLabel("")
        self.bucket_label.setObjectName("bucketLabel")
        bar.addWidget(self.bucket_label)
        self.prefix = QLineEdit()
        self.prefix.setObjectName("prefixEdit")
        self.prefix.setPlaceholderText("folder in the bucket (optional)")
        self.prefix.setMaximumWidth(260)
        bar.addWidget(self.prefix)
        edit = QToolButton()
        edit.setText("Edit...")
        edit.clicked.connect(lambda: self.open_profile_dialog(self.current_profile()))
        new = QToolButton()
        new.setText("New profile...")
        new.clicked.connect(lambda: self.open_profile_dialog(None))
        bar.addWidget(edit)
        bar.addWidget(new)
        bar.addStretch(1)
        return bar

    def _build_actions(self) -> None:
        style = self.style()
        sp = QStyle.StandardPixmap

        def make(name: str, text: str, slot: Callable[[], None], shortcut: QKeySequence | str | None = None,
                 icon: QStyle.StandardPixmap | None = None, tip: str = "") -> QAction:  # fmt: skip
            action = QAction(text, self)
            action.setObjectName(name)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if icon is not None:
                action.setIcon(style.standardIcon(icon))
            action.setToolTip(tip or text)
            action.triggered.connect(slot)
            self.actions[name] = action
            self.addAction(action)
            return action

        make("add_files", "Add files...", self.choose_files, QKeySequence.StandardKey.Open, sp.SP_FileIcon)
        make("add_folder", "Add folder...", self.choose_folder, "Ctrl+Shift+O", sp.SP_DirIcon)
        make(
            "pause",
            "Pause",
            self.pause_selected,
            "Ctrl+P",
            sp.SP_MediaPause,
            "Pause the selected uploads (all if none is selected)",
        )
        make(
            "resume",
            "Resume",
            self.resume_selected,
            "Ctrl+R",
            sp.SP_MediaPlay,
            "Resume the selected uploads (all if none is selected)",
        )
        make("cancel", "Cancel...", self.cancel_selected, QKeySequence.StandardKey.Delete, sp.SP_DialogCancelButton,
             "Cancel the selected uploads (deletes their parts on the server)")  # fmt: skip
        make("retry", "Retry failed", self.retry_failed, "Ctrl+T", sp.SP_BrowserReload,
             "Queue the failed uploads (selected, or all) again")  # fmt: skip
        make("clear_finished", "Clear finished", self.bridge.clear_finished, "Ctrl+Shift+X",
             sp.SP_DialogResetButton, "Take finished uploads off the list (they stay in History)")  # fmt: skip
        make("pause_all", "Pause all", lambda: self.bridge.pause(None), "Ctrl+Shift+P")
        make("resume_all", "Resume all", lambda: self.bridge.resume(None), "Ctrl+Shift+R")
        make("cancel_all", "Cancel all...", self.cancel_all)
        make("copy_url", "Copy object URL", lambda: self._with_row(self._copy_url), "Ctrl+Shift+C")
        make("copy_key", "Copy key", self.copy_key, QKeySequence.StandardKey.Copy)
        make("open_url", "Open object URL", lambda: self._with_row(self._open_url))
        make("show_file", "Show local file", self.show_local_file, "Ctrl+L")
        make("history", "History", self.open_history, "Ctrl+H", sp.SP_FileDialogDetailedView,
             "Finished uploads with their receipts")  # fmt: skip
        make("settings", "Transfer settings...", self.open_settings, QKeySequence.StandardKey.Preferences)
        make("profiles", "Storage profile...", lambda: self.open_profile_dialog(self.current_profile()))
        make("new_profile", "New storage profile...", lambda: self.open_profile_dialog(None))
        make("remove_profile", "Remove storage profile...", self.remove_profile)
        make("demo", "Use demo storage", self.start_demo)
        make("quit", "Quit", self.request_quit, QKeySequence.StandardKey.Quit)

        toolbar = QToolBar("Actions")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("add_files", "add_folder", None, "pause", "resume", "cancel", "retry", "clear_finished",
                     None, "history"):  # fmt: skip
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[name])
        self.addToolBar(toolbar)

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for name in ("add_files", "add_folder", None, "history", None, "quit"):
            file_menu.addSeparator() if name is None else file_menu.addAction(self.actions[name])
        uploads = menus.addMenu("&Uploads")
        for name in ("pause", "resume", "cancel", "retry", None, "pause_all", "resume_all", "cancel_all",
                     "clear_finished", None, "copy_url", "copy_key", "open_url", "show_file"):  # fmt: skip
            uploads.addSeparator() if name is None else uploads.addAction(self.actions[name])
        settings = menus.addMenu("&Settings")
        for name in ("profiles", "new_profile", "remove_profile", "demo", None, "settings"):
            settings.addSeparator() if name is None else settings.addAction(self.actions[name])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_text = QLabel("Starting...")
        self.status_text.setObjectName("statusText")
        self.indicator = QLabel("")
        self.indicator.setObjectName("stateIndicator")
        bar.addWidget(self.status_text, 1)
        bar.addPermanentWidget(self.indicator)

    # -- profiles and settings ------------------------------------------------------------

    def _refresh_profiles(self) -> None:
        config = self.ctx.config
        self.profile_box.clear()
        for name, profile in config.profiles.items():
            self.profile_box.addItem(name, name)
            self.profile_box.setItemData(self.profile_box.count() - 1,
                                         f"s3://{profile.bucket}  ({profile.endpoint_url or 'AWS S3'})",
                                         Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if not config.profiles:
            self.profile_box.addItem("No storage yet: set one up", "")
        current = config.default_profile if config.default_profile in config.profiles else None
        if current:
            self.profile_box.setCurrentIndex(self.profile_box.findData(current))
        self._show_destination()

    def _profile_chosen(self, _index: int) -> None:
        name = self.profile_box.currentData()
        if not name:
            self.open_profile_dialog(None)
            return
        self.ctx.config.default_profile = name
        self.ctx.save_config()
        self._show_destination()

    def _show_destination(self) -> None:
        profile = self.current_profile()
        if profile is None:
            self.bucket_label.setText("")
            self.prefix.setEnabled(False)
            self.demo_note.hide()
            return
        self.prefix.setEnabled(True)
        self.bucket_label.setText(f"s3://{profile.bucket}/")
        self.bucket_label.setToolTip(profile.endpoint_url or "AWS S3")
        self.prefix.setText(profile.prefix)
        self.demo_note.setVisible(is_demo(profile.name))

    def open_profile_dialog(self, profile: Profile | None) -> None:
        from .dialogs.profile import edit_profile

        self._profile_dialog = edit_profile(self, profile, set(self.ctx.config.profiles), self._profile_saved)

    def remove_profile(self) -> None:
        """Forget the current profile and its secret (uploads already queued keep going)."""
        profile = self.current_profile()
        if profile is None or not self.confirm(
            "Remove storage profile",
            f"Remove the profile '{profile.name}' and its stored secret? Files already in the bucket stay.",
        ):
            return
        config = self.ctx.config
        config.profiles.pop(profile.name, None)
        if config.default_profile == profile.name:
            config.default_profile = next(iter(config.profiles), "")
        from ..config.secrets import secrets

        name = profile.name
        self.bridge.submit(
            lambda: secrets.delete(name, "secret_access_key"), query=True
        )  # keyring: off the GUI thread
        self.ctx.save_config()
        self._refresh_profiles()

    def _profile_saved(self, profile: Profile, stored_in_keyring: bool | None) -> None:
        config = self.ctx.config
        old = self._profile_dialog.original
        if old is not None and old.name != profile.name:
            config.profiles.pop(old.name, None)
        config.profiles[profile.name] = profile
        config.default_profile = profile.name
        self.ctx.save_config()
        self._refresh_profiles()
        if stored_in_keyring is False:
            self.show_notice(
                "The secret is kept for this session only (no OS keyring); enter it again next time."
            )

    def start_demo(self) -> None:
        self.statusBar().showMessage("Starting the demo storage...")

        def started(profile: Profile) -> None:
            self.ctx.config.profiles[profile.name] = profile
            self.ctx.config.default_profile = profile.name
            self._refresh_profiles()
            self.statusBar().showMessage("Demo storage ready: drop a file to upload it.", 5000)

        self.bridge.submit(self.ctx.demo.start, started, query=True)

    def open_settings(self) -> None:
        from .dialogs.settings import SettingsDialog

        desktop = getattr(self.ctx, "desktop", None)
        dialog = SettingsDialog(self.ctx.config.transfer, self, self.ctx.config.app,
                                tray_available=desktop is None or desktop.tray.tray_shown())  # fmt: skip
        dialog.accepted.connect(lambda: self._settings_saved(dialog.result_settings))
        dialog.open()
        self._settings_dialog = dialog

    def _settings_saved(self, settings: TransferSettings | None) -> None:
        if settings is None:
            return
        self.ctx.config.transfer = settings
        engine = self.ctx.engine
        live = engine.settings
        live.part_size, live.multipart_threshold = settings.part_size, settings.multipart_threshold
        live.if_exists, live.max_retries = settings.if_exists, settings.max_retries
        from ..engine.retry import RetryPolicy

        engine.retry = RetryPolicy(max_attempts=settings.max_retries + 1)
        self.bridge.set_bandwidth_limit(settings.bandwidth_limit)
        self.ctx.save_config()

    def open_history(self) -> None:
        from .history import HistoryDialog

        dialog = HistoryDialog(self.ctx.journal, self.bridge.submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self._history = dialog

    # -- actions ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add files to upload")
        self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder to upload")
        if folder:
            self.add_paths([folder])

    def pause_selected(self) -> None:
        self.bridge.pause(self.selected_ids() or None)

    def resume_selected(self) -> None:
        self.bridge.resume(self.selected_ids() or None)

    def retry_failed(self) -> None:
        self.bridge.retry_failed(self.selected_ids() or None)

    def cancel_selected(self) -> None:
        ids = [i for i in self.selected_ids() if (p := self.model.upload(i)) and not p.state.finished]
        if not ids:
            return
        what = "this upload" if len(ids) == 1 else f"these {len(ids)} uploads"
        if self.confirm("Cancel uploads", f"Cancel {what}? The parts already sent are deleted from the "
                        "server; this cannot be undone."):  # fmt: skip
            self.bridge.cancel(ids)

    def cancel_all(self) -> None:
        ids = [i for i in self.model.upload_ids() if (p := self.model.upload(i)) and not p.state.finished]
        if ids and self.confirm("Cancel all uploads", f"Cancel all {len(ids)} unfinished uploads? The parts "
                                "already sent are deleted from the server."):  # fmt: skip
            self.bridge.cancel(ids)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _with_row(self, then: Callable[[UploadRow], None]) -> None:
        ids = self.selected_ids()
        if ids:
            self.bridge.submit(lambda: self.ctx.journal.get_upload(ids[0]),
                               lambda row: then(row) if row else None, query=True)  # fmt: skip

    @staticmethod
    def _url(row: UploadRow) -> str:
        return object_url(row.endpoint_url, row.region, row.bucket, row.key, row.path_style)

    def _copy_url(self, row: UploadRow) -> None:
        QGuiApplication.clipboard().setText(self._url(row))
        self.statusBar().showMessage("Object URL copied.", 3000)

    def _open_url(self, row: UploadRow) -> None:
        QDesktopServices.openUrl(QUrl(self._url(row)))

    def copy_key(self) -> None:
        keys = [p.key for i in self.selected_ids() if (p := self.model.upload(i))]
        if keys:
            QGuiApplication.clipboard().setText("\n".join(keys))
            self.statusBar().showMessage(
                "Key copied." if len(keys) == 1 else f"{len(keys)} keys copied.", 3000
            )

    def show_local_file(self) -> None:
        ids = self.selected_ids()
        progress = self.model.upload(ids[0]) if ids else None
        if progress is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(progress.local_path).parent)))

    def _context_menu(self, pos: object) -> None:
        menu = QMenu(self)
        for name in ("pause", "resume", "cancel", "retry", None, "copy_url", "copy_key", "open_url",
                     "show_file", None, "clear_finished"):  # fmt: skip
            menu.addSeparator() if name is None else menu.addAction(self.actions[name])
        menu.popup(self.tree.viewport().mapToGlobal(pos))  # type: ignore[arg-type]

    def _update_actions(self) -> None:
        ids = self._selected  # kept by _selection_changed: no selection query per tick
        states = {p.state for i in ids if (p := self.model.upload(i))}
        has = bool(ids)
        running = {UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING}
        all_states = set(self.bridge.aggregate.counts) if not has else states
        self.actions["pause"].setEnabled(bool(all_states & running))
        self.actions["resume"].setEnabled(UploadState.PAUSED in all_states)
        self.actions["cancel"].setEnabled(bool(states - {UploadState.DONE, UploadState.CANCELLED,
                                                         UploadState.SKIPPED}))  # fmt: skip
        self.actions["retry"].setEnabled(UploadState.FAILED in all_states)
        for name in ("copy_url", "copy_key", "open_url", "show_file"):
            self.actions[name].setEnabled(has)

    # -- updates from the bridge ------------------------------------------------------------

    def _uploads_changed(self, changes: list[UploadProgress]) -> None:
        self.model.apply(changes)
        upload_id = self.parts.upload_id
        if upload_id is not None:
            for p in changes:
                if p.upload_id == upload_id:
                    self.parts.update_title(p)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():  # a new batch: open it
            for row in range(first, last + 1):
                self.tree.expand(self.model.index(row, 0))
        self._update_empty()

    def _update_empty(self) -> None:
        self.queue_stack.setCurrentWidget(self.tree if self.model.rowCount() else self.empty)

    def _selection_changed(self, *_: object) -> None:
        ids = self._selected = self.selected_ids()
        current = self.tree.currentIndex()
        chosen = None
        if current.isValid() and self.tree.selectionModel().isSelected(current):
            chosen_ids = self.model.ids_for([current.siblingAtColumn(0)])
            chosen = chosen_ids[0] if len(chosen_ids) == 1 or current.internalId() != 0 else None
        if chosen is None and len(ids) == 1:
            chosen = ids[0]
        self.parts.show_upload(chosen, self.model.upload(chosen) if chosen is not None else None)
        self.bridge.watch_parts(chosen)
        self._update_actions()

    def _aggregate_changed(self, agg: Aggregate) -> None:
        counts = ", ".join(f"{agg.counts[s]} {state_label(s)}" for s in STATE_ORDER if agg.counts.get(s))
        pieces = []
        if agg.speed > 0:
            pieces.append(f"\u2191 {speed_text(agg.speed)}")
        if agg.bytes_total:
            pieces.append(f"{size_text(agg.bytes_done)} of {size_text(agg.bytes_total)}")
        if counts:
            pieces.append(counts)
        if agg.eta:
            pieces.append(f"{duration_text(agg.eta)} left")
        text = "   \u00b7   ".join(pieces) or "Nothing queued. Drop files to upload them."
        running = agg.active and agg.bytes_total
        title = f"Hoist \u2013 {agg.bytes_done * 100 // agg.bytes_total}%" if running else "Hoist"
        if agg.offline:
            indicator = ("  Offline: cannot reach the server, retrying  ",
                         "background:#c62828; color:white; border-radius:3px")  # fmt: skip
        elif agg.paused:
            indicator = ("  Paused  ", "background:#f9a825; color:black; border-radius:3px")
        elif agg.counts.get(UploadState.FAILED):
            indicator = (f"  {agg.counts[UploadState.FAILED]} failed  ", "color:#b3261e")
        else:
            indicator = ("", "")
        # Ten times a second: touch widgets only when something shows differently
        # (a style sheet change re-polishes the widget).
        if (text, title, indicator) != self._shown_status:
            self._shown_status = (text, title, indicator)
            self.status_text.setText(text)
            self.setWindowTitle(title)
            self.indicator.setText(indicator[0])
            self.indicator.setStyleSheet(indicator[1])
        self._update_actions()

    def show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_unexpected(self, summary: str, details: str) -> None:
        dialog = ErrorDialog(summary, details, str(self.ctx.paths.log_file), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _ask_conflict(self, request: ConflictRequest) -> None:
        dialog = ConflictDialog(request.row, self)
        self._conflict_dialog = dialog
        try:
            dialog.exec()
            request.answer = dialog.choice
            request.apply_all = dialog.apply_all.isChecked()
        finally:
            self._conflict_dialog = None  # type: ignore[assignment]
            request.done.set()
        if request.answer == IfExists.SKIP:
            self.show_notice(f"Skipped {request.row.name}: the object already exists.")

    # -- drag and drop ----------------------------------------------------------------------

    def _drop_paths(self, event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._drop_paths(event):
            event.acceptProposedAction()
            profile = self.current_profile()
            prefix = self.prefix.text().strip("/")
            where = (
                f"s3://{profile.bucket}/{prefix + '/' if prefix else ''}" if profile else "a new destination"
            )
            self.overlay.text = f"Drop to upload to {where}"
            central = self.centralWidget()
            self.overlay.setGeometry(QRect(0, 0, central.width(), central.height()))
            self.overlay.raise_()
            self.overlay.show()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._drop_paths(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.overlay.hide()
        paths = self._drop_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quitting:  # already decided (Quit action, tray, signal)
            event.accept()
            return
        if self.close_handler is not None and self.close_handler(event):
            event.ignore()
            return
        if not self.may_quit():
            event.ignore()
            return
        event.accept()
        self.quitting = True
        self.quit_requested.emit()

    def may_quit(self) -> bool:
        active = self.bridge.aggregate.active
        if not active:
            return True
        return self.confirm("Quit Hoist?", f"{active} upload{'s are' if active > 1 else ' is'} not finished. "
                            "Quit anyway? Finished parts are kept; they carry on when Hoist starts again.")  # fmt: skip

    def request_quit(self) -> None:
        """Quit Hoist (asks first if uploads are unfinished)."""
        if self.may_quit():
            self.quitting = True
            self.quit_requested.emit()
