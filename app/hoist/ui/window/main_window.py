"""The main window: destination bar, queue tree, part view, status bar.

Public API for the tray / single-instance code (issue 5):
  show_and_raise(), select_uploads(ids), add_paths(paths), ``close_handler``
  (return True to keep Hoist running, e.g. hidden in the tray), ``quit_requested``,
  ``action_map`` (name -> QAction, reusable in a tray menu; not ``actions``, which is
  QWidget.actions()), ``bridge`` (aggregate state:
  ``bridge.aggregate`` and ``bridge.aggregate_changed``).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...config.settings import IfExists, Profile, TransferSettings
from ...connect import CredentialsMissing, credentials_for
from ...engine.core import QueueResult
from ...engine.events import UploadProgress
from ...engine.sources import BadInput, normalise_prefix
from ...store.journal import UploadRow
from ...store.states import UploadState
from .. import theme
from ..bridge import Aggregate, ConflictRequest, EngineBridge, describe_error
from ..context import Context, destination_for, object_url, options_for
from ..demo import DEMO_GONE, DEMO_NOTE, Demo, active_demo_uploads, is_demo, profile_title, quit_promise
from ..dialogs.conflict import ConflictDialog
from ..dialogs.errors import ErrorDialog, show_problem
from ..dialogs.welcome import WelcomePane
from ..focus_ring import ring
from ..i18n import fill as fill_in
from ..models.queue_model import Column, QueueModel
from ..platform.file_dialogs import ask_directory, ask_open_files
from .actions import CONTEXT_MENU, build_actions, fill, update_enabled
from .destination_bar import DestinationBar
from .drop_overlay import DropOverlay, local_paths
from .keyboard import install_context_menu_key
from .parts_view import PartsPanel
from .progress_delegate import ProgressDelegate
from .status_summary import FAILED_STYLE, StatusSummary, summarise

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"  # hoist/resources


def app_icon() -> QIcon:
    return QIcon(str(RESOURCES / "hoist.svg"))


AUTO_EXPAND_FILES = 500  # batches with more files start collapsed
PARTS_SHARE = 0.4  # of the queue and parts together, the parts pane's when it opens
MIN_QUEUE_ROWS = 4  # rows the queue shows at the smallest window


class MainWindow(QMainWindow):
    quit_requested = Signal()
    paths_queued = Signal(object)  # QueueResult

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge: EngineBridge = ctx.bridge
        self.close_handler: Callable[[QCloseEvent], bool] | None = None
        self.quitting = False  # set once quitting is decided: closing no longer asks
        self._shown_status = StatusSummary("", "", "", "")
        self._selected: list[int] = []
        self.confirm: Callable[[str, str], bool] = self._ask  # tests replace it
        self.setWindowTitle("Hoist")
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        # 1100x720, or the screen's free area if it is smaller (a laptop at 200%: 640x400
        # logical pixels), so the toolbar, status bar and choices are never off-screen.
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(min(1100, room.width()) if room else 1100, min(720, room.height()) if room else 720)

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
        self.tree.setAccessibleName(self.tr("Upload queue"))
        self.tree.setAccessibleDescription(self.tr("Batches and their files; the menu key or Shift+F10 opens "
                                                   "the actions for the selected uploads"))  # fmt: skip
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((Column.NAME, 240), (Column.SIZE, 80), (Column.DESTINATION, 220),
                              (Column.PROGRESS, 130), (Column.SPEED, 90), (Column.ETA, 80)):  # fmt: skip
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))  # a longer word whole

        self.empty = QLabel()  # text: _apply_theme (its second line in the palette's muted colour)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("emptyHint")
        self.queue_stack = QStackedWidget()
        self.queue_stack.addWidget(self.empty)
        self.queue_stack.addWidget(self.tree)
        # At the smallest window the queue still shows a few rows (it showed one and a half:
        # the part view below kept its height and the queue gave way).
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        row = self.tree.fontMetrics().height() + 10  # ProgressDelegate.sizeHint
        self.queue_stack.setMinimumHeight(header.sizeHint().height() + MIN_QUEUE_ROWS * row + bar
                                          + 2 * self.tree.frameWidth())  # fmt: skip
        self.parts = PartsPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.queue_stack)
        self.splitter.addWidget(self.parts)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self._parts_height = 0  # the parts pane's height when last open (a person may have dragged it)
        # No storage yet and nothing queued: the window's content is the two choices
        # (issue 18: they were a dialog drawn over the empty panes).
        self.welcome = WelcomePane()
        self.welcome.chosen.connect(self._welcome_chosen)
        self.content = QStackedWidget()
        self.content.setObjectName("content")
        self.content.addWidget(self.welcome)
        self.content.addWidget(self.splitter)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        self.destination = DestinationBar()
        self.destination.profile_picked.connect(self._profile_chosen)
        self.destination.edit_requested.connect(self.edit_current_profile)
        self.destination.new_requested.connect(self.new_profile)
        self.profile_box, self.prefix = self.destination.profile_box, self.destination.prefix
        layout.addWidget(self.destination)
        self.demo_note = QLabel(Demo.tr(DEMO_NOTE))
        self.demo_note.setObjectName("demoNote")
        self.demo_note.setWordWrap(True)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.content, 1)
        self.setCentralWidget(central)
        self.overlay = DropOverlay(central)

        self.action_map: dict[str, QAction] = build_actions(self)
        self.status_text = QLabel(self.tr("Starting..."))
        self.status_text.setObjectName("statusText")
        self.indicator = QLabel("")
        self.indicator.setObjectName("stateIndicator")
        # "Adding N items..." while drops are scanned and planned: a widget beside the
        # summary, not a passing message over it, and gone when the last add settles.
        self.adding = QLabel("")
        self.adding.setObjectName("addingText")
        self.adding.hide()
        self._adding: dict[int, int] = {}  # add in progress -> items in it
        self._add_numbers = itertools.count(1)
        self.status_text.setAccessibleName(self.tr("Status"))
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.adding)
        self.statusBar().addPermanentWidget(self.indicator)
        self._refresh_profiles()

        self.bridge.uploads_changed.connect(self._uploads_changed)
        self.bridge.uploads_removed.connect(self.model.remove_uploads)
        self.bridge.uploads_removed.connect(lambda _ids: self._update_empty())
        self.bridge.batch_labelled.connect(self.model.set_batch_label)
        self.bridge.batch_placed.connect(self.model.set_batch_place)
        self.bridge.parts_changed.connect(self.parts.set_parts)
        self.bridge.waiting_changed.connect(self.model.set_waiting)
        self.bridge.aggregate_changed.connect(self._aggregate_changed)
        self.bridge.notice.connect(self.show_notice)
        self.bridge.error.connect(lambda message: show_problem(self, message))
        self.bridge.unexpected.connect(self.show_unexpected)
        self.bridge.engine_started.connect(self._update_actions)
        self.ctx.broker.asked.connect(self._ask_conflict)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self._context_key = install_context_menu_key(self)
        ring(self.tree)  # Fusion marks no focus on an item view (none at all with no current row)
        for first, second in ((self.profile_box, self.prefix), (self.prefix, self.destination.edit_button),
                              (self.destination.edit_button, self.destination.new_button),
                              (self.destination.new_button, self.tree), (self.tree, self.parts.map),
                              (self.parts.map, self.parts.table)):  # fmt: skip
            self.setTabOrder(first, second)
        self._apply_theme()
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

    def add_paths(self, paths: list[str], on_done: Callable[[QueueResult], None] | None = None,
                  on_refused: Callable[[str], None] | None = None) -> bool:  # fmt: skip
        """Queue files/folders to the destination shown at the top. False if there is no
        usable destination (the person is asked to set one up) or the prefix is bad.
        ``on_refused`` hears, in words, why nothing was added (a hand-over answers with it)."""
        paths = [p for p in paths if p]
        if not paths:
            return False
        profile = self.current_profile()
        if profile is None:
            show_problem(
                self, self.tr("Choose where uploads go first: create a storage profile (or try the demo).")
            )
            self.open_profile_dialog(None)
            return False
        try:
            prefix = normalise_prefix(self.prefix.text())
        except BadInput as exc:
            show_problem(self, describe_error(exc) or str(exc))
            return False

        number = next(self._add_numbers)
        self._adding[number] = len(paths)

        def settled(message: str = "") -> None:
            """This add is over: "Adding..." counts only the adds still under way."""
            self._adding.pop(number, None)
            self._show_adding()
            if message:
                self.statusBar().showMessage(message, 15000)

        def queued(result: QueueResult) -> None:
            settled()
            self._bring_into_view(result.batch_id)
            if result.skipped:
                self._not_added(result)
            self.paths_queued.emit(result)
            if on_done is not None:
                on_done(result)

        def refused(exc: BaseException) -> None:
            # ``on_refused`` answers a command line (`hoist FILE`): in its own words, English.
            if isinstance(exc, CredentialsMissing):
                missing = fill_in(self.tr("The secret key for the profile '%1' is not available (it was kept for the "
                                       "last session only, or the keyring was cleared). Enter it again in the "
                                       "profile, then add the files again."), profile.name)  # fmt: skip
                settled(
                    fill_in(self.tr("Nothing was added: %1"), missing)
                )  # in the window too, not only in a box
                if on_refused is not None:
                    on_refused(str(exc))
                show_problem(self, missing)
                self.open_profile_dialog(profile)
                return
            words = describe_error(exc)
            if on_refused is not None:
                on_refused(
                    str(exc) if words else "Hoist ran into an unexpected error (details in its window)."
                )
            settled(fill_in(self.tr("Nothing was added: %1"),
                         words or self.tr("Hoist ran into an unexpected error (details shown).")))  # fmt: skip
            if words is None:
                self.bridge._failed(exc, None)
            else:
                show_problem(self, words)

        self.bridge.queue_paths(
            paths, destination_for(profile), prefix, options=options_for(profile),
            if_exists=self.ctx.engine.settings.if_exists, on_done=queued, on_error=refused,
            preflight=lambda: credentials_for(profile),  # keyring: off the GUI thread
        )  # fmt: skip
        self.statusBar().clearMessage()  # what an earlier add said is not about this one
        self._show_adding()  # until the files are queued or refused
        return True

    def _show_adding(self) -> None:
        items = sum(self._adding.values())
        self.adding.setText(self.tr("Adding %Ln item(s)...", "", items) if items else "")
        self.adding.setVisible(bool(items))

    def _bring_into_view(self, batch_id: int) -> None:
        """Scroll a new batch into view, its last file too where there is room (a drop
        landed below the fold and a person saw nothing happen)."""
        batch = self.model.batch_index(batch_id)
        if not batch.isValid():
            return
        files = self.model.rowCount(batch)
        if files and self.tree.isExpanded(batch):
            self.tree.scrollTo(
                self.model.index(files - 1, 0, batch), QAbstractItemView.ScrollHint.EnsureVisible
            )
        self.tree.scrollTo(batch, QAbstractItemView.ScrollHint.EnsureVisible)

    def _not_added(self, result: QueueResult) -> None:
        """Skipped items stay on the batch's row (count, and the reasons in its tooltip),
        go to the log, and are said in full once: a status-bar message passes and was
        cut off before the reason."""
        lines = [f"{s.path}: {s.reason}" for s in result.skipped]
        for line in lines:
            log.warning("Not added: %s", line)
        self.model.set_not_added(result.batch_id, lines)
        n = len(lines)
        shown = "\n".join(lines[:10])
        if n > 10:
            shown += "\n" + self.tr("... and %Ln more (listed in the log)", "", n - 10)
        added = len(result.upload_ids)
        head = self.tr("%Ln item(s) not added", "", n)
        if added:
            head += " (" + self.tr("%Ln other(s) uploading", "", added) + ")"
        show_problem(self, f"{head}:\n{shown}")

    def current_profile(self) -> Profile | None:
        name = self.destination.current_name()
        return self.ctx.config.profiles.get(name) if name else None

    def selected_ids(self) -> list[int]:
        return self.model.ids_for(self.tree.selectionModel().selectedRows(0))

    # -- profiles and settings ------------------------------------------------------------

    def _refresh_profiles(self) -> None:
        self.destination.list_profiles(self.ctx.config)
        self._show_destination()

    def _profile_chosen(self, name: str) -> None:
        if not name:
            self.open_profile_dialog(None)
            return
        self.ctx.config.default_profile = name
        self.ctx.save_config()
        self._show_destination()

    def _show_destination(self) -> None:
        profile = self.current_profile()
        self.destination.show_profile(profile)
        self.demo_note.setVisible(profile is not None and is_demo(profile.name))
        self._update_empty()
        self._show_status()

    def _welcome_chosen(self, choice: str) -> None:
        if choice == WelcomePane.DEMO:
            self.start_demo()
        elif choice == WelcomePane.CONNECT:
            self.open_profile_dialog(None)

    def edit_current_profile(self) -> None:
        self.open_profile_dialog(self.current_profile())

    def new_profile(self) -> None:
        self.open_profile_dialog(None)

    def open_profile_dialog(self, profile: Profile | None) -> None:
        from ..dialogs.profile import edit_profile

        self._profile_dialog = edit_profile(self, profile, set(self.ctx.config.profiles), self._profile_saved)

    def remove_profile(self) -> None:
        """Forget the current profile and its secret (uploads already queued keep going)."""
        profile = self.current_profile()
        if profile is None or not self.confirm(
            self.tr("Remove storage profile"),
            fill_in(self.tr("Remove the profile '%1' and its stored secret? Files already in the bucket stay."),
                 profile_title(profile.name)),
        ):  # fmt: skip
            return
        config = self.ctx.config
        config.profiles.pop(profile.name, None)
        if config.default_profile == profile.name:
            config.default_profile = next(iter(config.profiles), "")
        from ...config.secrets import bound_to, secrets

        name, bound = profile.name, bound_to(profile)

        def forget() -> None:
            for field in ("secret_access_key", "session_token", "service_token"):
                secrets.delete(name, field, bound)

        self.bridge.submit(forget, query=True)  # keyring: off the GUI thread
        self.ctx.save_config()
        self._refresh_profiles()

    def _profile_saved(self, profile: Profile, stored_in_keyring: bool | None) -> None:
        config = self.ctx.config
        old = self._profile_dialog.original
        if old is not None and old.name != profile.name:
            config.profiles.pop(old.name, None)
        config.profiles[profile.name] = profile
        config.default_profile = profile.name
        # Connections are cached per destination with the credentials they were made
        # with: without this a corrected secret was ignored by uploads until a restart.
        self.ctx.engine.connections.forget_profile(profile.name)
        self.ctx.save_config()
        self._refresh_profiles()
        if stored_in_keyring is not None:  # a secret was entered: what waited for it goes on
            self.bridge.retry_for_credentials(profile.name)
        if stored_in_keyring is False:
            self.show_notice(
                self.tr("The secret is kept for this session only (no OS keyring); enter it again next time.")
            )

    def start_demo(self) -> None:
        starting = self.tr("Starting the demo storage...")
        self.statusBar().showMessage(starting)

        def started(profile: Profile) -> None:
            self.ctx.config.profiles[profile.name] = profile
            self.ctx.config.default_profile = profile.name
            self._refresh_profiles()
            self.statusBar().showMessage(self.tr("Demo storage ready: drop a file to upload it."), 5000)

        def failed(exc: BaseException) -> None:
            # "Starting..." must not stay on as if it still were (the status bar says what is true now).
            if self.statusBar().currentMessage() == starting:
                self.statusBar().clearMessage()
            self.bridge._failed(exc, None)

        self.bridge.submit(self.ctx.demo.start, started, failed, query=True)

    def open_settings(self) -> None:
        from ..dialogs.settings import SettingsDialog

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
        live.offline_wait = settings.offline_wait
        from ...engine.retry import RetryPolicy

        engine.retry = RetryPolicy(max_attempts=settings.max_retries + 1)
        self.bridge.set_bandwidth_limit(settings.bandwidth_limit)
        self.bridge.set_concurrency(settings.concurrency)
        self.ctx.save_config()

    def open_history(self) -> None:
        from ..dialogs.history import HistoryDialog

        dialog = HistoryDialog(self.ctx.journal, self.bridge.submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self._history = dialog

    # -- actions ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        self._file_dialog = ask_open_files(self, self.tr("Add files to upload"), self.add_paths)

    def choose_folder(self) -> None:
        self._file_dialog = ask_directory(self, self.tr("Add a folder to upload"),
                                          lambda folder: self.add_paths([folder]) if folder else None)  # fmt: skip

    def pause_selected(self) -> None:
        self.bridge.pause(self.selected_ids() or None)

    def resume_selected(self) -> None:
        self.bridge.resume(self.selected_ids() or None)

    def retry_failed(self) -> None:
        self.bridge.retry_failed(self.selected_ids() or None)

    def pause_all(self) -> None:
        self.bridge.pause(None)

    def resume_all(self) -> None:
        self.bridge.resume(None)

    def clear_finished(self) -> None:
        self.bridge.clear_finished()

    def cancel_selected(self) -> None:
        ids = [i for i in self.selected_ids() if (p := self.model.upload(i)) and not p.state.finished]
        if not ids:
            return
        if self.confirm(self.tr("Cancel uploads"), self.tr("Cancel these %Ln upload(s)? The parts already sent are "
                        "deleted from the server; this cannot be undone.", "", len(ids))):  # fmt: skip
            self.bridge.cancel(ids)

    def cancel_all(self) -> None:
        """Every unfinished upload the engine has, not only the rows shown: a big drop
        reaches the window a slice per tick, and "all" counted only what had arrived.
        Counted in turn with the engine calls, so a drop still being queued is counted
        whole (it is cancelled whole too: the cancel comes after it)."""
        self.bridge.submit(self.bridge.unfinished_count, self._confirm_cancel_all)

    def _confirm_cancel_all(self, count: int) -> None:
        if count and self.confirm(self.tr("Cancel all uploads"), self.tr("Cancel all %Ln unfinished upload(s)? The "
                                  "parts already sent are deleted from the server.", "", count)):  # fmt: skip
            self.bridge.cancel(None)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _with_row(self, then: Callable[[UploadRow], None]) -> None:
        """The first selected upload that is done (only those have an object)."""
        ids = [i for i in self.selected_ids() if (p := self.model.upload(i)) and p.state == UploadState.DONE]
        if ids:
            self.bridge.submit(lambda: self.ctx.journal.get_upload(ids[0]),
                               lambda row: then(row) if row else None, query=True)  # fmt: skip

    def _url(self, row: UploadRow) -> str | None:
        if is_demo(row.profile):  # a signed link (plain URLs are refused); None: that demo is gone
            return self.ctx.demo.object_link(row.endpoint_url, row.bucket, row.key)
        return object_url(row.endpoint_url, row.region, row.bucket, row.key, row.path_style)

    def _copy_url(self, row: UploadRow) -> None:
        url = self._url(row)
        if url is None:
            self.statusBar().showMessage(Demo.tr(DEMO_GONE), 8000)
            return
        QGuiApplication.clipboard().setText(url)
        self.statusBar().showMessage(self.tr("Object URL copied."), 3000)

    def _open_url(self, row: UploadRow) -> None:
        url = self._url(row)
        if url is None:
            self.statusBar().showMessage(Demo.tr(DEMO_GONE), 8000)
            return
        QDesktopServices.openUrl(QUrl(url))

    def copy_url(self) -> None:
        self._with_row(self._copy_url)

    def open_url(self) -> None:
        self._with_row(self._open_url)

    def copy_key(self) -> None:
        keys = [p.key for i in self.selected_ids() if (p := self.model.upload(i))]
        if keys:
            QGuiApplication.clipboard().setText("\n".join(keys))
            self.statusBar().showMessage(self.tr("%Ln key(s) copied.", "", len(keys)), 3000)

    def show_local_file(self) -> None:
        ids = self.selected_ids()
        progress = self.model.upload(ids[0]) if ids else None
        if progress is not None:
            folder = str(Path(progress.local_path).parent)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):  # no file manager, no xdg-open
                self.statusBar().showMessage(
                    fill_in(self.tr("No file manager opened the folder: none is set up on this computer. The file is "
                                 "%1"), progress.local_path), 15000)  # fmt: skip

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        fill(menu, self.action_map, CONTEXT_MENU)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        # self._selected is kept by _selection_changed: no selection query per tick
        selected = (
            {p.state for i in self._selected if (p := self.model.upload(i))} if self._selected else None
        )
        update_enabled(self.action_map, selected, set(self.bridge.aggregate.counts))

    # -- updates from the bridge ------------------------------------------------------------

    def _uploads_changed(self, changes: list[UploadProgress]) -> None:
        self.model.apply(changes)
        upload_id = self.parts.upload_id
        if upload_id is not None:
            for p in changes:
                if p.upload_id == upload_id:
                    self.parts.update_title(p)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """Open a new batch so its files show, unless it is big: each insertion under an
        open row makes the view lay out every row below it again (a 20,000-file folder
        stalled the window for ~100 ms per tick). A big batch stays one row until opened."""
        if parent.isValid() and parent.internalId() == 0 and first == 0:  # a batch's first files
            batch_id = self.model.batch_id_at(parent.row())
            files = self.bridge.batch_sizes.get(batch_id, self.model.rowCount(parent))
            if files <= AUTO_EXPAND_FILES:
                self.tree.expand(parent)
        self._update_empty()

    def _update_empty(self) -> None:
        queued = self.model.rowCount() > 0
        self.queue_stack.setCurrentWidget(self.tree if queued else self.empty)
        first_run = not queued and not self.ctx.config.profiles
        self.destination.setVisible(not first_run)
        if first_run != (self.content.currentWidget() is self.welcome):
            focus = QApplication.focusWidget()
            focus_was_inside = focus is not None and self.content.isAncestorOf(focus)
            self.content.setCurrentWidget(self.welcome if first_run else self.splitter)
            if first_run or focus_was_inside:
                (self.welcome if first_run else self.tree).setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_parts(self, open_: bool) -> None:
        """The parts pane: one line with nothing chosen, map and table when a file is."""
        if open_ == self.parts.is_open:
            return
        sizes = self.splitter.sizes()
        if not open_:
            self._parts_height = sizes[1]
        self.parts.set_open(open_)
        if open_:
            total = sum(sizes)
            wanted = (
                self._parts_height if self._parts_height > 2 * self.parts.minimumSizeHint().height() else 0
            )
            height = min(wanted or round(total * PARTS_SHARE), total - self.queue_stack.minimumHeight())
            self.splitter.setSizes([total - height, height])

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
        self._open_parts(chosen is not None)
        self.bridge.watch_parts(chosen)
        self._update_actions()

    def _show_status(self) -> None:
        self._aggregate_changed(self.bridge.aggregate)

    def _aggregate_changed(self, agg: Aggregate) -> None:
        shown = summarise(agg)
        if not agg.counts and self.current_profile() is None:  # nothing can be dropped yet
            shown = replace(shown, text=self.tr("No storage set up yet: try the demo storage or connect "
                                                "your own to start uploading."))  # fmt: skip
        if shown.indicator_style == FAILED_STYLE:
            shown = replace(shown, indicator_style=theme.failed_indicator_style(self.palette()))
        # Ten times a second: touch widgets only when something shows differently
        # (a style sheet change re-polishes the widget).
        if shown != self._shown_status:
            self._shown_status = shown
            self.status_text.setText(shown.text)
            self.setWindowTitle(shown.title)
            self.indicator.setText(shown.indicator)
            self.indicator.setStyleSheet(shown.indicator_style)
        self._update_actions()

    def _apply_theme(self) -> None:
        """Colours that follow the palette (light or dark): set again when it changes."""
        muted = theme.muted_text(self.palette()).name()
        self.empty.setText(
            "<div style='font-size:15pt'>" + self.tr("Drop files or folders here") + "</div>"
            f"<div style='color:{muted}'>"
            + self.tr("or use Add files / Add folder. They go to the destination shown above.")
            + "</div>"
        )
        self.demo_note.setStyleSheet(theme.banner_style(self.palette()))
        self._shown_status = StatusSummary("", "", "", "")  # the indicator's style too
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "empty"):  # not while being built
            self._apply_theme()

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
            self.show_notice(fill_in(self.tr("Skipped %1: the object already exists."), request.row.name))

    # -- drag and drop ----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.overlay.cover(
                fill_in(self.tr("Drop to upload to %1"), self.destination.where(self.current_profile()))
            )
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.overlay.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.overlay.hide()
        paths = local_paths(event.mimeData())
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
        promise = quit_promise(active, active_demo_uploads(self.bridge),
                               self.tr("Finished parts are kept; they carry on when Hoist starts again."))  # fmt: skip
        return self.confirm(self.tr("Quit Hoist?"), self.tr("%n upload(s) not finished. Quit anyway?", "", active)
                            + " " + promise)  # fmt: skip

    def request_quit(self) -> None:
        """Quit Hoist (asks first if uploads are unfinished)."""
        if self.may_quit():
            self.quitting = True
            self.quit_requested.emit()
