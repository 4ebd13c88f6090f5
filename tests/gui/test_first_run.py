"""First run and empty states (issue 18): with no storage the window's content is the
two choices (not a dialog over an empty queue, part map and parts table), picked from
the keyboard with a visible focus; with nothing chosen the parts pane is one line and
opens when a file is; the status bar says what is true at each step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from hoist.config.settings import Config, IfExists, TransferSettings
from hoist.store.states import UploadState
from hoist.ui.focus_ring import FocusRing
from tests.gui.test_screenshots import save
from tests.helpers import MiB, make_file

NO_STORAGE = "No storage set up yet: try the demo storage or connect your own to start uploading."


def ring_pixel(window: QWidget, widget: QWidget) -> QColor:
    """The colour in the middle of the top edge of ``widget``'s focus ring, as drawn."""
    (focus_ring,) = [r for r in window.findChildren(FocusRing) if r.widget() is widget]
    geometry = focus_ring.geometry()
    at = focus_ring.parentWidget().mapTo(window, QPoint(geometry.center().x(), geometry.top() + 1))
    return window.grab().toImage().pixelColor(at)


def near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def test_first_run_shows_the_choices_as_the_window_and_the_parts_pane_opens_only_for_a_file(
    make_gui: Any, qtbot: Any, tmp_path: Any
) -> None:
    gui = make_gui(Config(transfer=TransferSettings(part_size=5 * MiB, multipart_threshold=5 * MiB,
                                                    if_exists=IfExists.OVERWRITE)))  # fmt: skip
    window = gui.main_window
    window.resize(1100, 700)
    window.activateWindow()
    welcome = window.welcome
    qtbot.waitUntil(lambda: QApplication.focusWidget() is welcome.demo)

    # The two choices are the content: no destination bar, queue, part map or parts table behind them.
    assert window.content.currentWidget() is welcome and welcome.isVisible()
    assert (
        not window.splitter.isVisible()
        and not window.parts.isVisible()
        and not window.destination.isVisible()
    )
    assert window.status_text.text() == NO_STORAGE
    # The focused choice shows it (Fusion drew nothing on a flat command link); the other does not.
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    assert near(ring_pixel(window, welcome.demo), highlight)
    assert not near(ring_pixel(window, welcome.connect_button), highlight)
    save(window, "first-run", tmp_path)
    QTest.keyClick(welcome.demo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is welcome.connect_button
    assert near(ring_pixel(window, welcome.connect_button), highlight)
    assert not near(ring_pixel(window, welcome.demo), highlight)
    QTest.keyClick(welcome.connect_button, Qt.Key.Key_Backtab)

    # Space picks the demo storage: the window becomes the empty queue, parts pane one line.
    QTest.keyClick(welcome.demo, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.current_profile() is not None, timeout=30_000)
    assert window.content.currentWidget() is window.splitter and window.destination.isVisible()
    assert window.queue_stack.currentWidget() is window.empty
    parts = window.parts
    one_line = parts.title.sizeHint().height() + 8
    assert not parts.map.isVisible() and not parts.table.isVisible() and not parts.legend.isVisible()
    assert parts.height() <= one_line
    assert parts.title.text() == "Parts: select a file in the queue"
    assert window.status_text.text() == "Nothing queued. Drop files to upload them."

    make_file(tmp_path / "report.bin", 7 * MiB, seed=3)
    assert window.add_paths([str(tmp_path / "report.bin")])
    qtbot.waitUntil(
        lambda: [p.state for p in gui.bridge.uploads.values()] == [UploadState.DONE], timeout=60_000
    )
    qtbot.waitUntil(lambda: window.status_text.text() == "7.0 MiB of 7.0 MiB   \u00b7   1 done", timeout=5000)
    assert not window.adding.isVisible()  # "Adding 1 item..." is gone once it is queued
    assert parts.height() <= one_line  # added, not chosen: still one line

    # Choosing the file opens map and table with room for them; choosing nothing folds them again.
    (upload_id,) = gui.bridge.uploads
    window.select_uploads([upload_id])
    qtbot.waitUntil(lambda: parts.model.rowCount() == 2)
    assert parts.map.isVisible() and parts.table.isVisible() and parts.legend.isVisible()
    assert parts.height() >= 0.3 * (window.splitter.height())
    assert parts.map.accessibleDescription() == "2 parts: 2 done"
    window.tree.selectionModel().clearSelection()
    assert not parts.map.isVisible() and parts.height() <= one_line


def test_return_picks_the_focused_first_run_choice(make_gui, qtbot) -> None:
    """A person at the keyboard presses Return on the focused choice (only Space worked)."""
    gui = make_gui(Config(), start=False)
    window = gui.main_window
    window.show()
    pane = window.welcome
    picked: list[str] = []
    pane.chosen.connect(picked.append)
    pane.connect_button.setFocus()
    qtbot.waitUntil(pane.connect_button.hasFocus)
    QTest.keyClick(pane, Qt.Key.Key_Return)
    assert picked == [pane.CONNECT]


def test_the_window_fits_a_small_screen(tmp_path) -> None:
    """At 200% a small screen has few logical pixels (the offscreen screen, 800x600, is
    400x300 at QT_SCALE_FACTOR=2): the window was 1100x720 whatever the screen, so its
    toolbar, status bar and first-run choices ran off it."""
    import json
    import subprocess
    import sys

    from tests.helpers import REPO, hoist_env

    code = (
        "import json\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from hoist.config.paths import resolve_paths\n"
        "from hoist.config.settings import Config\n"
        "from hoist.ui.app import HoistGui\n"
        f"paths = resolve_paths({str(tmp_path / 'home')!r}).ensure()\n"
        "gui = HoistGui(paths, Config())\n"
        "assert gui.acquire_lock() is None\n"
        "gui.build(excepthooks=False)\n"
        "room = app.primaryScreen().availableGeometry()\n"
        "size = gui.main_window.size()\n"
        "print('FACTS', json.dumps([room.width(), room.height(), size.width(), size.height()]))\n"
    )
    env = hoist_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", HOIST_LANG="en")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=str(REPO), capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    facts = [line for line in done.stdout.splitlines() if line.startswith("FACTS ")]
    assert done.returncode == 0 and facts, done.stderr[-2000:]
    room_w, room_h, width, height = json.loads(facts[0][6:])
    assert room_w < 1100 and room_h < 720  # the case this is about
    assert width <= room_w and height <= room_h
