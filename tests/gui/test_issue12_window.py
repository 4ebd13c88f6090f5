"""Issue 12, item 13, the main window: the status bar says what is true now, speeds and
times left a person can trust, batches that tell the truth about cancelled files, new
batches in view, failed parts that say why, shortcuts that never fail silently, and a
queue that shows rows at the smallest window. Flows in the order a person does them."""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

from PySide6.QtCore import Qt

from hoist.store.states import UploadState
from hoist.ui.models.queue_model import RAW_ROLE, Column
from tests.gui.conftest import make_config
from tests.gui.test_dialog_flows import press_save
from tests.gui.test_window_controls import click, upload
from tests.helpers import MiB, make_file, object_sha256


def batch_cell(window: Any, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return window.model.data(window.model.index(row, column), role)


def all_done(gui: Any, n: int) -> bool:
    return len(gui.bridge.uploads) == n and all(
        p.state == UploadState.DONE for p in gui.bridge.uploads.values()
    )


def test_show_local_file_says_so_when_no_file_manager_opens(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """Ctrl+L did nothing at all on a machine with no file manager (no xdg-open): the
    status bar now says so and where the file is. (Offscreen Qt has no launcher either.)"""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    make_file(tmp_path / "report.pdf", 1000)
    window.add_paths([str(tmp_path / "report.pdf")])
    qtbot.waitUntil(lambda: upload(gui, "report.pdf") is not None
                    and upload(gui, "report.pdf").state == UploadState.DONE, timeout=20_000)  # fmt: skip
    window.select_uploads([upload(gui, "report.pdf").upload_id])
    window.activateWindow()
    qtbot.keyClick(window.tree, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == (
        "No file manager opened the folder: none is set up on this computer. The file is "
        f"{tmp_path / 'report.pdf'}"
    )


def test_speeds_stay_under_the_bandwidth_limit_and_the_time_left_holds_steady(make_gui, qtbot, tmp_path,
                                                                             moto_endpoint, bucket, s3):  # fmt: skip
    """32.4 MiB/s was shown under a 20 MiB/s limit, and "9 s left" at 78% became 40 s a
    moment later: the engine's rates start from half a second, so each file's start
    (bytes into socket buffers, the limit's one second of credit) read as speed. A
    person sets a limit in Settings, then drops a folder of small files and a big one:
    no row, batch, status bar or tray figure exceeds the limit, and the finish time the
    window predicts never moves later by more than a second from one look to the next."""
    gui = make_gui(make_config(moto_endpoint, bucket, concurrency=4))
    window = gui.main_window
    window.action_map["settings"].trigger()
    dialog = window._settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.bandwidth.setText("4 MiB")
    press_save(qtbot, dialog)
    limit = 4 * MiB
    assert gui.engine.bandwidth.rate == limit
    digests = {f"d/f{n}.bin": make_file(tmp_path / "d" / f"f{n}.bin", 2 * MiB, seed=n) for n in range(5)}
    digests["d/big.bin"] = make_file(tmp_path / "d" / "big.bin", 16 * MiB, seed=9)

    looks: list[tuple[float, float, float | None, float, float, float]] = []
    texts: list[float] = []  # the status bar's "\u2191 N MiB/s", as a person reads it

    def look(agg: Any) -> None:  # what the window and the tray show, ten times a second
        model = window.model
        rows = [model.data(model.upload_index(i, Column.SPEED), RAW_ROLE) or 0.0 for i in gui.bridge.uploads]
        batches = [batch_cell(window, r, Column.SPEED, RAW_ROLE) or 0.0 for r in range(model.rowCount())]
        tray = gui.desktop.tracker.summary().speed
        looks.append((time.monotonic(), agg.speed, agg.eta, max(rows, default=0.0), max(batches, default=0.0),
                      tray))  # fmt: skip
        shown = re.search(r"\u2191 ([\d.]+) MiB/s", window.status_text.text())
        if shown:
            texts.append(float(shown.group(1)))

    gui.bridge.aggregate_changed.connect(look)
    window.add_paths([str(tmp_path / "d")])
    qtbot.waitUntil(lambda: all_done(gui, 6), timeout=60_000)
    for key, digest in digests.items():
        assert object_sha256(s3, bucket, key) == digest
    assert texts and max(texts) <= 4.0, texts
    for name, index in (("status bar", 1), ("a file's row", 3), ("a batch's row", 4), ("the tray", 5)):
        shown = max(entry[index] for entry in looks)
        assert 0 < shown <= limit, f"{name} showed {shown / MiB:.2f} MiB/s under a 4 MiB/s limit"
    finishes = [(t, t + eta) for t, _speed, eta, *_ in looks if eta]
    later = [(round(b[0] - finishes[0][0], 1), round(b[1] - a[1], 1)) for a, b in itertools.pairwise(finishes)
             if b[1] - a[1] > 1.0]  # fmt: skip
    assert later == [], f"the predicted finish moved later (seconds in, by how much): {later}"


def test_a_batch_with_a_cancelled_file_never_shows_a_full_bar(make_gui, qtbot, tmp_path, moto_endpoint, bucket,
                                                              s3):  # fmt: skip
    """One file done and one cancelled showed a full 100% bar, as if the whole drop were
    uploaded. The cancelled file stays in the bar as bytes that never went up."""
    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=8 * MiB, concurrency=4))
    window = gui.main_window
    digest = make_file(tmp_path / "drop" / "a.bin", 6 * MiB, seed=1)
    make_file(
        tmp_path / "drop" / "b.bin", 80 * MiB, seed=2
    )  # 10 s at least: still sending when a.bin is done
    window.add_paths([str(tmp_path / "drop")])
    qtbot.waitUntil(lambda: upload(gui, "a.bin") is not None and upload(gui, "a.bin").state == UploadState.DONE,
                    timeout=30_000)  # fmt: skip
    assert upload(gui, "b.bin").state == UploadState.RUNNING
    window.select_uploads([upload(gui, "b.bin").upload_id])
    click(qtbot, window, "cancel")
    qtbot.waitUntil(lambda: upload(gui, "b.bin").state == UploadState.CANCELLED, timeout=10_000)
    assert batch_cell(window, 0, Column.STATE) == "1 done, 1 cancelled"
    assert batch_cell(window, 0, Column.PROGRESS) == "7%"  # 6 MiB of the 86 MiB dropped
    assert batch_cell(window, 0, Column.PROGRESS, RAW_ROLE) == 6 / 86
    assert batch_cell(window, 0, Column.PROGRESS, Qt.ItemDataRole.ToolTipRole) == (
        "6.0 MiB of 86.0 MiB on the server; 1 file cancelled (80.0 MiB not uploaded)"
    )
    assert object_sha256(s3, bucket, "drop/a.bin") == digest
