"""Issue 12, the dialogs: nothing clipped in the profile and settings dialogs, History's
receipts and exports in a person's words, and a file dialog that never freezes the window.
Flows in the order a person does them; the asserts read what the dialog shows."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QPushButton, QStyle, QWidget

from hoist.config.settings import CredentialSource, Profile
from hoist.store.states import UploadState
from hoist.ui.dialogs.profile import ProfileDialog
from tests.gui.conftest import make_config
from tests.helpers import make_file


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no OS keyring: the dialog's keyring note is two lines long."""
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def clipped_labels(dialog: QWidget) -> list[str]:
    """Visible labels that are given less height than their text needs at their width."""
    QApplication.processEvents()
    short = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or not label.text():
            continue
        needed = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        if label.height() < needed:
            short.append(f"{label.text()[:40]!r}: {label.height()} px of {needed}")
    return short


def test_the_profile_dialog_never_clips_a_long_test_answer(qtbot, no_keyring, moto_endpoint):
    """Item 9: with the two-line "no keyring" note, a three-line answer from Test
    connection cut the note at top and bottom (the dialog did not grow and squeezed it),
    and so did a small dialog. Every label gets the height its text needs; what does not
    fit a small dialog scrolls."""
    profile = Profile(name="rclone local", endpoint_url=moto_endpoint, bucket="no-such-bucket-for-the-holiday-photos-2026",
                      path_style=True, credential_source=CredentialSource.KEYRING,
                      access_key_id="AKIAIOSFODNN7EXAMPLE")  # fmt: skip
    dialog = ProfileDialog(profile, set())
    qtbot.addWidget(dialog)
    dialog.secret.setText("not-a-real-secret")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "No OS keyring is available" in dialog.keyring_note.text()
    assert clipped_labels(dialog) == []

    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: "no-such-bucket-for-the-holiday-photos-2026" in dialog.test_result.text(), timeout=15_000
    )
    answer = dialog.test_result
    assert answer.heightForWidth(answer.width()) >= 3 * answer.fontMetrics().lineSpacing()  # three lines
    assert clipped_labels(dialog) == []
    # On a screen 800 px high (offscreen Qt's) the whole form shows at once, no scrolling.
    assert dialog.form_area.verticalScrollBar().maximum() == 0

    dialog.resize(1, 1)  # as small as the dialog lets a person make it
    assert clipped_labels(dialog) == []
    body = dialog.form_area.widget()
    assert body.height() >= body.heightForWidth(body.width())  # the rest scrolls into view
    assert dialog.form_area.verticalScrollBar().maximum() > 0


def finished_history(gui: Any, qtbot: Any, tmp_path: Path, names: list[str]) -> Any:
    """Upload these files, wait until they are done, open History with them listed."""
    window = gui.main_window
    for seed, name in enumerate(names):
        make_file(tmp_path / "in" / name, 1000, seed=seed)
    window.add_paths([str(tmp_path / "in")])
    qtbot.waitUntil(lambda: len(gui.bridge.uploads) == len(names)
                    and all(p.state == UploadState.DONE for p in gui.bridge.uploads.values()), timeout=20_000)  # fmt: skip
    window.open_history()
    history = window._history
    qtbot.waitUntil(lambda: history.model.rowCount() == len(names))
    return history


def button(dialog: QWidget, text: str) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_history_receipts_say_what_happened_in_a_persons_words(
    make_gui, qtbot, tmp_path, moto_endpoint, bucket
):
    """Item 13: Copy receipt with nothing selected did nothing and never confirmed; the
    receipt escaped non-ASCII names (\\u00c9t\\u00e9); the Duration column cut "1 min 04 s"."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    history = finished_history(gui, qtbot, tmp_path, ["Été 2026.txt", "notes.txt"])
    copy = button(history, "Copy receipt")
    assert not copy.isEnabled()  # nothing selected: nothing to copy
    QGuiApplication.clipboard().setText("before")
    row = next(r for r, u in enumerate(history.model.rows) if u.name == "Été 2026.txt")
    history.table.selectRow(row)
    assert copy.isEnabled()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert history.count.text() == "Receipt copied to the clipboard (JSON)."
    copied = QGuiApplication.clipboard().text()
    assert '"key": "in/Été 2026.txt"' in copied and "\\u00c9" not in copied
    assert json.loads(copied)["local_path"] == str(tmp_path / "in" / "Été 2026.txt")
    history.table.selectAll()
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert history.count.text() == "2 receipts copied to the clipboard (JSON)."
    history.search.setText("zzz")  # a search that finds nothing leaves nothing selected
    qtbot.waitUntil(lambda: history.model.rowCount() == 0)
    assert not copy.isEnabled()

    # Durations as long as uploads take: each shows whole in its column.
    history.search.setText("")
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    done = history.model.rows[0]
    assert done.finished_at is not None
    metrics, margin = (
        history.table.fontMetrics(),
        2 * (history.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1),
    )
    for seconds, text in ((64, "1 min 04 s"), (754, "12 min 34 s"), (47 * 3600 + 59 * 60, "47 h 59 min")):
        history.model.set_rows([replace(done, started_at=done.finished_at - seconds)])
        shown = history.model.data(history.model.index(0, 4))
        assert shown == text
        assert metrics.horizontalAdvance(shown) + margin <= history.table.columnWidth(4), shown


def test_history_exports_say_how_many_in_words(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """Item 13: "Exported 1 uploads"; the JSON escaped non-ASCII names."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    history = finished_history(gui, qtbot, tmp_path, ["Été.txt", "b.txt"])
    history.search.setText("Été")
    qtbot.waitUntil(lambda: history.model.rowCount() == 1)
    target = tmp_path / "receipts.json"
    history.export("json", str(target))
    qtbot.waitUntil(lambda: history.count.text().startswith("Exported"))
    assert history.count.text() == f"Exported 1 upload to {target}."
    text = target.read_text(encoding="utf-8")
    assert '"key": "in/Été.txt"' in text and "\\u00c9" not in text
    history.search.setText("")
    qtbot.waitUntil(lambda: history.model.rowCount() == 2)
    history.export("json", str(target))
    qtbot.waitUntil(lambda: history.count.text() == f"Exported 2 uploads to {target}.")
    history.export("json", str(tmp_path / "no-such-folder" / "r.json"))
    qtbot.waitUntil(lambda: history.count.text().startswith("Nothing was exported"))
    assert history.count.text() == (f"Nothing was exported. Hoist could not write {tmp_path / 'no-such-folder' / 'r.json'} "
                                    "(no such file or directory). Choose another place and export again.")  # fmt: skip


LEASE_HOLDER = """
import fcntl, os, signal, sys
signal.signal(signal.SIGIO, signal.SIG_IGN)  # told of each open that waits; the test decides
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.fcntl(fd, 1024, fcntl.F_WRLCK)  # F_SETLEASE: any other open of the file waits for us
print("leased", flush=True)
sys.stdin.read()  # until the test closes our stdin (or kills us)
"""


def test_the_export_dialog_never_reads_files_on_the_gui_thread(
    make_gui, qtbot, tmp_path, moto_endpoint, bucket
):
    """Item 14: typing /proc/ into Export JSON froze the window: Qt's own file dialog
    opened /proc/kmsg (which waits for the next kernel message) on the GUI thread to
    guess its type. Here a folder holds a FIFO and a file whose open blocks (another
    process holds a lease on it, as a hung network share would): a person types the
    folder into the dialog, looks at the details, and exports; the window never stops."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    history = finished_history(gui, qtbot, tmp_path, ["a.txt"])
    folder = tmp_path / "odd"
    folder.mkdir()
    os.mkfifo(folder / "pipe")
    (folder / "notes").write_text("no extension: only its bytes say what it is")
    holder = subprocess.Popen([sys.executable, "-c", LEASE_HOLDER, str(folder / "notes")], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "leased"
        opened = threading.Event()
        threading.Thread(target=lambda: (open(folder / "notes").close(), opened.set()), daemon=True).start()
        assert not opened.wait(0.5)  # the device works: an open of that file blocks

        beats: list[float] = [time.monotonic()]
        heart = QTimer()
        heart.timeout.connect(lambda: beats.append(time.monotonic()))
        heart.start(50)
        frozen = threading.Event()

        def watchdog() -> None:  # a frozen GUI thread is let go (the lease ends), and said
            while holder.poll() is None:
                if time.monotonic() - beats[-1] > 3.0:
                    frozen.set()
                    holder.kill()
                time.sleep(0.1)

        threading.Thread(target=watchdog, daemon=True).start()
        steps: list[str] = []

        def use_the_dialog() -> None:  # in whichever event loop shows the dialog
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, QFileDialog), dialog
            edit = dialog.findChild(QLineEdit, "fileNameEdit")
            edit.clear()
            qtbot.keyClicks(edit, f"{folder}/")
            qtbot.keyClicks(edit, "no")
            qtbot.wait(800)
            dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the Type column
            qtbot.wait(800)
            steps.append("typed")
            edit.setText(str(folder / "receipts.json"))
            dialog.accept()

        QTimer.singleShot(300, use_the_dialog)
        qtbot.mouseClick(button(history, "Export JSON..."), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: history.count.text().startswith("Exported"), timeout=20_000)
        heart.stop()
        assert steps == ["typed"]
        assert not frozen.is_set(), "the window froze: the dialog opened a file on the GUI thread"
        gaps = [b - a for a, b in itertools.pairwise(beats)]
        assert max(gaps) < 1.5, max(gaps)
        assert history.count.text() == f"Exported 1 upload to {folder / 'receipts.json'}."
        assert json.loads((folder / "receipts.json").read_text(encoding="utf-8"))[0]["key"] == "in/a.txt"
    finally:
        holder.kill()
        holder.wait(10)


@pytest.mark.parametrize("family", ["", "DejaVu Sans Mono", "Nimbus Mono PS"])
def test_settings_show_each_part_size_choice_whole(qtbot, family):
    """Item 13: the part-size text in Settings was cut. Qt sized the editable box by the
    text alone (no room for the field's margins and cursor): with some fonts the last
    letters of "Automatic (16 MiB, larger for big files)" were lost. Here with the
    default font and two wider ones, in both forms of the dialog; and a refused part
    size is said in full."""
    from PySide6.QtGui import QFont

    from hoist.config.settings import AppSettings, TransferSettings
    from hoist.ui.dialogs.settings import SettingsDialog

    app = QApplication.instance()
    before = app.font()
    if family:
        app.setFont(QFont(family, 11))
    try:
        for app_settings in (None, AppSettings()):
            dialog = SettingsDialog(TransferSettings(part_size=0), None, app_settings)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            box = dialog.part_size
            for index in range(box.count()):
                box.setCurrentIndex(index)
                QApplication.processEvents()
                edit = box.lineEdit()
                room = edit.width() - 4 - edit.fontMetrics().horizontalAdvance(edit.text())  # 2 px margins
                assert room >= 2, (edit.text(), room)  # the cursor after the last letter, and air
            box.setCurrentText("3 MiB")
            dialog.accept()
            assert dialog.isVisible()
            assert (
                dialog.error.text()
                == "Part size: A part size of 3.0 MiB is below S3's minimum of 5.0 MiB per part."
            )
            assert clipped_labels(dialog) == []
            dialog.close()
    finally:
        app.setFont(before)
