"""What a screen reader gets (issue 18): asked through Qt's accessibility interface
(QAccessible, what AT-SPI, UI Automation and NSAccessibility are fed from), every
interactive widget of the window and of each dialog has a name; the queue and the parts
table give their cells as text; the part map says in words what its cells show."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from hoist.config.settings import Config, IfExists, TransferSettings
from hoist.engine.events import PartProgress
from hoist.store.journal import UploadRow
from hoist.store.states import UploadState
from hoist.ui.models.parts_frame import make_frame
from hoist.ui.window.parts_view import PartMap
from tests.gui.conftest import make_config
from tests.helpers import MiB, make_file

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QAbstractItemView, QTabBar,
               QPlainTextEdit, QTextEdit, QAbstractSlider)  # fmt: skip
# A widget's own parts, which screen readers meet through the widget (its name covers them).
INNER_PARTS = (QComboBox, QAbstractSpinBox, QLineEdit)


def interactive(widget: QWidget, top: QWidget) -> bool:
    if widget.window() is not top:  # a combo box's popup list, a menu: their own window
        return False
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar):  # Qt's internals
        return False
    if isinstance(widget, QHeaderView):  # no Tab stop; its sections are the view's column headers (cells())
        return False
    parent = widget.parentWidget()
    if parent is not None and isinstance(parent, INNER_PARTS):
        return False
    return isinstance(widget, INTERACTIVE) or bool(widget.focusPolicy().value & 1)  # a Tab stop


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None and iface.isValid(), f"no accessible interface for {widget!r}"
    return iface.text(QAccessible.Text.Name).strip()


def unnamed(top: QWidget) -> list[str]:
    """Every interactive widget under ``top`` (shown or not) whose accessible name is empty."""
    return [f"{type(w).__name__} '{w.objectName()}' in {type(w.parentWidget()).__name__}"
            for w in [top, *top.findChildren(QWidget)] if interactive(w, top) and not name_of(w)]  # fmt: skip


def checked_widgets(top: QWidget) -> int:
    return sum(interactive(w, top) for w in [top, *top.findChildren(QWidget)])


def cells(view: QAbstractItemView) -> dict[tuple[int, int], str]:
    """The view's cells as a screen reader reads them: (row, column) -> accessible name;
    the column headers as row -1."""
    iface = QAccessible.queryAccessibleInterface(view)
    out, header = {}, 0
    for k in range(iface.childCount()):
        child = iface.child(k)
        cell = child.tableCellInterface()
        if cell is not None:
            out[(cell.rowIndex(), cell.columnIndex())] = child.text(QAccessible.Text.Name)
        elif child.role() == QAccessible.Role.ColumnHeader:
            out[(-1, header)] = child.text(QAccessible.Text.Name)
            header += 1
    return out


def test_every_interactive_widget_of_the_window_and_the_dialogs_has_a_name(
    make_gui: Any, qtbot: Any, tmp_path: Any, moto_endpoint: str, bucket: str
) -> None:
    first_run = make_gui(Config(), start=False)
    assert unnamed(first_run.main_window) == []
    assert name_of(first_run.main_window.welcome.demo) == "Try it with built-in demo storage"
    first_run.shutdown()

    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    make_file(tmp_path / "a.bin", 6 * MiB)
    window.add_paths([str(tmp_path / "a.bin")])
    qtbot.waitUntil(
        lambda: [p.state for p in gui.bridge.uploads.values()] == [UploadState.DONE], timeout=30_000
    )
    window.select_uploads(list(gui.bridge.uploads))
    assert window.parts.is_open
    assert unnamed(window) == []
    assert checked_widgets(window) >= 8  # profile, folder, Edit, New profile, queue, map, parts, toolbar...
    menus = [a.menu() for a in window.menuBar().actions()]
    assert len(menus) == 3 and all(isinstance(m, QMenu) for m in menus)
    for menu in menus:  # each menu item: a name and a shortcut it shows
        for action in menu.actions():
            if not action.isSeparator():
                assert action.text().strip() and not action.shortcut().isEmpty(), action.objectName()
                assert action.isShortcutVisibleInContextMenu(), action.objectName()

    from hoist.ui.dialogs.conflict import ConflictDialog
    from hoist.ui.dialogs.errors import ErrorDialog
    from hoist.ui.dialogs.profile import ProfileDialog
    from hoist.ui.dialogs.settings import SettingsDialog

    row = gui.journal.get_upload(next(iter(gui.bridge.uploads)))
    assert isinstance(row, UploadRow)
    window.open_history()
    qtbot.waitUntil(lambda: window._history.model.rowCount() == 1)
    dialogs = [
        ProfileDialog(gui.config.profiles["local"], set(gui.config.profiles), window),
        ProfileDialog(None, set(gui.config.profiles), window),
        SettingsDialog(gui.config.transfer, window, gui.config.app),
        window._history,
        ConflictDialog(row, window),
        ErrorDialog("ValueError: x", "Traceback...", str(tmp_path / "hoist.log"), window),
    ]
    for dialog in dialogs:
        assert checked_widgets(dialog) >= 2, type(dialog).__name__
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.close()


def test_the_queue_and_the_parts_table_read_as_text(make_gui: Any, qtbot: Any, tmp_path: Any,
                                                     moto_endpoint: str, bucket: str) -> None:  # fmt: skip
    config = make_config(moto_endpoint, bucket)
    config.transfer = TransferSettings(
        part_size=5 * MiB, multipart_threshold=5 * MiB, if_exists=IfExists.OVERWRITE
    )
    gui = make_gui(config)
    window = gui.main_window
    make_file(tmp_path / "Photos" / "beach.jpg", 6 * MiB)
    window.add_paths([str(tmp_path / "Photos")])
    qtbot.waitUntil(
        lambda: [p.state for p in gui.bridge.uploads.values()] == [UploadState.DONE], timeout=30_000
    )
    window.select_uploads(list(gui.bridge.uploads))
    qtbot.waitUntil(lambda: window.parts.model.rowCount() == 2)

    queue = cells(window.tree)
    # Row 0: the batch; row 1: its file. Name, size, key, progress, speed, time left, state.
    assert queue[(1, 0)] == "beach.jpg" and queue[(1, 1)] == "6.0 MiB" and queue[(1, 2)] == "Photos/beach.jpg"
    assert queue[(1, 3)] == "100% uploaded"  # the bar's number with what it counts
    assert queue[(1, 6)] == "done"
    assert queue[(0, 0)] == "Photos  (1 file)" and queue[(0, 3)] == "100% uploaded"
    assert [queue[(-1, c)] for c in range(7)] == ["Name", "Size", "Destination key", "Progress", "Speed",
                                                  "Time left", "State"]  # fmt: skip
    parts = cells(window.parts.table)
    assert [parts[(0, c)] for c in (0, 1, 2, 3)] == ["1", "0-5,242,879", "5.0 MiB", "done"]
    assert [parts[(1, c)] for c in (0, 1, 2, 3)] == ["2", "5,242,880-6,291,455", "1.0 MiB", "done"]
    assert [parts[(-1, c)] for c in range(7)] == ["Part", "Byte range", "Size", "State", "Retries", "Speed",
                                                  "Last error"]  # fmt: skip
    map_iface = QAccessible.queryAccessibleInterface(window.parts.map)
    assert map_iface.text(QAccessible.Text.Name) == "Part map"
    assert map_iface.text(QAccessible.Text.Description) == "2 parts: 2 done"


def part(number: int, state: str, sent: int = 0) -> PartProgress:
    return PartProgress(part_number=number, offset=(number - 1) * 100, length=100, state=state, bytes_sent=sent,
                        attempts=1, last_error=None, speed=0.0)  # fmt: skip


def test_the_part_map_says_what_its_cells_show_and_keeps_it_current(qtbot: Any) -> None:
    part_map = PartMap()
    qtbot.addWidget(part_map)
    iface = QAccessible.queryAccessibleInterface(part_map)
    assert iface.text(QAccessible.Text.Description) == "No file selected."
    parts = ([part(n, "done") for n in range(1, 7)] + [part(n, "running", 40) for n in range(7, 11)]
             + [part(n, "pending") for n in range(11, 39)])  # fmt: skip
    part_map.set_frame(make_frame(1, parts, None))
    assert iface.text(QAccessible.Text.Description) == "38 parts: 6 done, 4 sending, 28 waiting"
    parts[10] = part(11, "retrying")
    parts[6] = part(7, "done")
    part_map.set_frame(make_frame(1, parts, None))
    assert iface.text(QAccessible.Text.Description) == "38 parts: 7 done, 3 sending, 27 waiting, 1 will retry"
