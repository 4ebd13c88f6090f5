"""The window's actions (one table), and where they appear: toolbar, menus, context menu.

Each action names a method of the window that it triggers, so the tray and tests can
reuse the same QAction (``window.action_map[name]``) and a new action is one row here.
The actions need only a QMainWindow with those methods, so this module does not import
the main window (which imports it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ...store.states import UploadState
from ..i18n import QT_TRANSLATE_NOOP, Context
from ..icons import svg_icon


class Actions(Context):
    """The window's menus, toolbar and actions."""


Key = QKeySequence.StandardKey
# A standard key that means nothing on some desktops (Preferences has no binding on
# GNOME or a bare X server; Quit none on Windows) gets this one: every action has a
# shortcut, shown beside it in its menu (issue 18).
FALLBACK_KEYS = {Key.Preferences: "Ctrl+,", Key.Quit: "Ctrl+Q", Key.Open: "Ctrl+O", Key.Copy: "Ctrl+C",
                 Key.Delete: "Del"}  # fmt: skip


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # English; shown translated (context "Actions")
    slot: str  # the window method it calls
    shortcut: Key | str | None = None
    icon: str = ""  # resources/icons/NAME.svg
    tip: str = ""


ACTIONS = (
    ActionSpec("add_files", QT_TRANSLATE_NOOP("Actions", "Add files..."), "choose_files", Key.Open, "add-files"),
    ActionSpec("add_folder", QT_TRANSLATE_NOOP("Actions", "Add folder..."), "choose_folder", "Ctrl+Shift+O", "add-folder"),
    ActionSpec("pause", QT_TRANSLATE_NOOP("Actions", "Pause"), "pause_selected", "Ctrl+P", "pause",
               QT_TRANSLATE_NOOP("Actions", "Pause the selected uploads (all if none is selected)")),
    ActionSpec("resume", QT_TRANSLATE_NOOP("Actions", "Resume"), "resume_selected", "Ctrl+R", "resume",
               QT_TRANSLATE_NOOP("Actions", "Resume the selected uploads (all if none is selected)")),
    ActionSpec("cancel", QT_TRANSLATE_NOOP("Actions", "Cancel..."), "cancel_selected", Key.Delete, "cancel",
               QT_TRANSLATE_NOOP("Actions", "Cancel the selected uploads (deletes their parts on the server)")),
    ActionSpec("retry", QT_TRANSLATE_NOOP("Actions", "Retry failed"), "retry_failed", "Ctrl+T", "retry",
               QT_TRANSLATE_NOOP("Actions", "Queue the failed uploads (selected, or all) again")),
    ActionSpec("clear_finished", QT_TRANSLATE_NOOP("Actions", "Clear finished"), "clear_finished", "Ctrl+Shift+X", "clear-finished",
               QT_TRANSLATE_NOOP("Actions", "Take finished uploads off the list (they stay in History)")),
    ActionSpec("pause_all", QT_TRANSLATE_NOOP("Actions", "Pause all"), "pause_all", "Ctrl+Shift+P"),
    ActionSpec("resume_all", QT_TRANSLATE_NOOP("Actions", "Resume all"), "resume_all", "Ctrl+Shift+R"),
    ActionSpec("cancel_all", QT_TRANSLATE_NOOP("Actions", "Cancel all..."), "cancel_all", "Ctrl+Shift+Del"),
    ActionSpec("copy_url", QT_TRANSLATE_NOOP("Actions", "Copy object URL"), "copy_url", "Ctrl+Shift+C"),
    ActionSpec("copy_key", QT_TRANSLATE_NOOP("Actions", "Copy key"), "copy_key", Key.Copy),
    ActionSpec("open_url", QT_TRANSLATE_NOOP("Actions", "Open object URL"), "open_url", "Ctrl+Shift+L"),
    ActionSpec("show_file", QT_TRANSLATE_NOOP("Actions", "Show local file"), "show_local_file", "Ctrl+L"),
    ActionSpec("history", QT_TRANSLATE_NOOP("Actions", "History"), "open_history", "Ctrl+H", "history",
               QT_TRANSLATE_NOOP("Actions", "Finished uploads with their receipts")),
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "Transfer settings..."), "open_settings", Key.Preferences),
    ActionSpec("profiles", QT_TRANSLATE_NOOP("Actions", "Storage profile..."), "edit_current_profile", "Ctrl+E"),
    ActionSpec("new_profile", QT_TRANSLATE_NOOP("Actions", "New storage profile..."), "new_profile", "Ctrl+N"),
    ActionSpec("remove_profile", QT_TRANSLATE_NOOP("Actions", "Remove storage profile..."), "remove_profile", "Ctrl+Shift+E"),
    ActionSpec("demo", QT_TRANSLATE_NOOP("Actions", "Use demo storage"), "start_demo", "Ctrl+D"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "Quit"), "request_quit", Key.Quit),
)  # fmt: skip

# Where they appear; None is a separator.
TOOLBAR = (
    "add_files",
    "add_folder",
    None,
    "pause",
    "resume",
    "cancel",
    "retry",
    "clear_finished",
    None,
    "history",
)
MENUS = (
    (QT_TRANSLATE_NOOP("Actions", "&File"), ("add_files", "add_folder", None, "history", None, "quit")),
    (QT_TRANSLATE_NOOP("Actions", "&Uploads"), ("pause", "resume", "cancel", "retry", None, "pause_all", "resume_all", "cancel_all",
                  "clear_finished", None, "copy_url", "copy_key", "open_url", "show_file")),
    (QT_TRANSLATE_NOOP("Actions", "&Settings"), ("profiles", "new_profile", "remove_profile", "demo", None, "settings")),
)  # fmt: skip
CONTEXT_MENU = ("pause", "resume", "cancel", "retry", None, "copy_url", "copy_key", "open_url", "show_file",
                None, "clear_finished")  # fmt: skip
NEEDS_SELECTION = ("copy_key", "show_file")
NEEDS_OBJECT = ("copy_url", "open_url")  # only an uploaded file has an object to point at

_RUNNING = {UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING}
_CANCELLABLE_NOT = {UploadState.DONE, UploadState.CANCELLED, UploadState.SKIPPED}


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """Create every action, wire it to the window's method named by its ``slot`` (the
    window must have every one), and fill the toolbar and menus."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(Actions.tr(spec.text), window)
        action.setObjectName(spec.name)
        if spec.shortcut is not None:
            action.setShortcuts(shortcuts_for(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setShortcutVisibleInContextMenu(True)
        if spec.icon:
            action.setIcon(svg_icon(spec.icon))
        action.setToolTip(Actions.tr(spec.tip) if spec.tip else action.text().replace("&", ""))
        action.triggered.connect(getattr(window, spec.slot))
        window.addAction(action)
        actions[spec.name] = action

    toolbar = QToolBar(Actions.tr("Actions"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    fill(toolbar, actions, TOOLBAR)
    window.addToolBar(toolbar)
    for title, names in MENUS:
        fill(window.menuBar().addMenu(Actions.tr(title)), actions, names)
    return actions


def shortcuts_for(shortcut: Key | str) -> list[QKeySequence]:
    if isinstance(shortcut, str):
        return [QKeySequence(shortcut)]
    return QKeySequence.keyBindings(shortcut) or [QKeySequence(FALLBACK_KEYS[shortcut])]


def fill(container: QMenu | QToolBar, actions: dict[str, QAction], names: Iterable[str | None]) -> None:
    for name in names:
        if name is None:
            container.addSeparator()
        else:
            container.addAction(actions[name])


def update_enabled(actions: dict[str, QAction], selected: set[UploadState] | None,
                   everything: set[UploadState]) -> None:  # fmt: skip
    """Enable what applies to the selection (``None``: nothing selected, so the whole queue)."""
    states = everything if selected is None else selected
    actions["pause"].setEnabled(bool(states & _RUNNING))
    actions["resume"].setEnabled(UploadState.PAUSED in states)
    actions["cancel"].setEnabled(bool((selected or set()) - _CANCELLABLE_NOT))
    actions["retry"].setEnabled(UploadState.FAILED in states)
    for name in NEEDS_SELECTION:
        actions[name].setEnabled(selected is not None)
    for name in NEEDS_OBJECT:
        actions[name].setEnabled(selected is not None and UploadState.DONE in selected)
