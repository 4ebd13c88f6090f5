"""Issue 12, item 13, the main window: the status bar says what is true now, speeds and
times left a person can trust, batches that tell the truth about cancelled files, new
batches in view, failed parts that say why, shortcuts that never fail silently, and a
queue that shows rows at the smallest window. Flows in the order a person does them."""

from __future__ import annotations

import itertools
import re
import threading
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

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


def test_a_failed_files_parts_say_why_they_were_not_sent(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """A failed file's parts said "waiting" with an empty "Last error": a person looking
    at the part view could not tell why nothing more was sent. The file is edited while
    it uploads (its parts would mix two versions): each part not sent says so, with the
    same sentence as the row."""
    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=3 * MiB, concurrency=1))
    window = gui.main_window
    path = tmp_path / "draft.bin"
    make_file(path, 30 * MiB, seed=3)
    window.add_paths([str(path)])
    qtbot.waitUntil(lambda: upload(gui, "draft.bin") is not None and upload(gui, "draft.bin").parts_done >= 1,
                    timeout=20_000)  # fmt: skip
    upload_id = upload(gui, "draft.bin").upload_id
    window.select_uploads([upload_id])
    with open(path, "ab") as handle:  # the person saves a new version meanwhile
        handle.write(b"more")
    qtbot.waitUntil(lambda: upload(gui, "draft.bin").state == UploadState.FAILED, timeout=30_000)
    row = window.model.data(window.model.upload_index(upload_id, Column.STATE))
    assert row.startswith("failed: ")
    sentence = row.removeprefix("failed: ")
    table = window.parts.model
    qtbot.waitUntil(lambda: table.rowCount() == 6 and all(table.part(r).state in ("done", "stopped")
                                                          for r in range(6)), timeout=5000)  # fmt: skip
    unsent = [r for r in range(table.rowCount()) if table.part(r).state != "done"]
    assert unsent, "every part was sent before the edit was noticed"
    for r in unsent:
        assert [table.data(table.index(r, c)) for c in (3, 6)] == ["not sent", sentence], r


def status_bar_says(window: Any) -> list[str]:
    """What the status bar shows now: a passing message hides the widgets under it."""
    bar = window.statusBar()
    texts = [bar.currentMessage()] if bar.currentMessage() else []
    return texts + [
        w.text().strip() for w in bar.findChildren(QLabel) if w.isVisibleTo(window) and w.text().strip()
    ]


def test_the_status_bar_says_adding_only_while_files_are_being_added(make_gui, qtbot, tmp_path, moto_endpoint,
                                                                     bucket):  # fmt: skip
    """ "Adding N item(s)..." lingered after the files were uploading or done, and it hid
    the summary while it showed. Three drops while Hoist is busy (a slow scan, a cancel
    waiting for its server): the count is of the drops still being added, and it goes
    when the last one is in."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    for seed, name in enumerate(names):
        make_file(tmp_path / name, 100, seed=seed)
    busy = threading.Event()
    gui.bridge.submit(lambda: busy.wait(20))  # holds the thread that adds files
    after_each: list[list[str]] = []
    window.paths_queued.connect(lambda _result: after_each.append(status_bar_says(window)))
    window.add_paths([str(tmp_path / "a.txt")])
    window.add_paths([str(tmp_path / "b.txt"), str(tmp_path / "c.txt")])
    window.add_paths([str(tmp_path / "d.txt")])
    assert "Adding 4 items..." in status_bar_says(window)
    assert window.status_text.isVisible()  # the summary stays in view meanwhile
    busy.set()
    qtbot.waitUntil(lambda: len(after_each) == 3, timeout=10_000)
    assert [[t for t in said if t.startswith("Adding")] for said in after_each] == [
        ["Adding 3 items..."],
        ["Adding 1 item..."],
        [],
    ]
    qtbot.waitUntil(lambda: all_done(gui, 4), timeout=20_000)
    assert not [t for t in status_bar_says(window) if "Adding" in t]
    assert "4 done" in window.status_text.text()


def test_a_new_batch_scrolls_into_view(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """New batches were not scrolled into view: a drop landed below the fold and a person
    saw nothing happen."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    window.resize(1000, 560)
    for n in range(12):
        make_file(tmp_path / f"old{n}.txt", 100, seed=n)
        window.add_paths([str(tmp_path / f"old{n}.txt")])
    qtbot.waitUntil(lambda: all_done(gui, 12), timeout=20_000)
    window.tree.scrollToTop()  # the person looks at the first ones
    make_file(tmp_path / "new.txt", 100, seed=99)
    window.add_paths([str(tmp_path / "new.txt")])
    qtbot.waitUntil(lambda: upload(gui, "new.txt") is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 13, timeout=10_000)
    view = window.tree.viewport().rect()
    batch = window.model.batch_index(upload(gui, "new.txt").batch_id)
    qtbot.waitUntil(lambda: view.contains(window.tree.visualRect(batch)), timeout=5000)
    assert view.contains(window.tree.visualRect(window.model.upload_index(upload(gui, "new.txt").upload_id)))


def test_the_smallest_window_still_shows_rows_of_the_queue(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """At the minimum window size the queue showed one and a half rows."""
    gui = make_gui(make_config(moto_endpoint, bucket))
    window = gui.main_window
    for n in range(6):
        make_file(tmp_path / f"f{n}.txt", 100, seed=n)
        window.add_paths([str(tmp_path / f"f{n}.txt")])
    qtbot.waitUntil(lambda: all_done(gui, 6), timeout=20_000)
    window.resize(1, 1)  # as small as the window lets a person make it
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    QApplication.processEvents()
    row = window.tree.rowHeight(window.model.index(0, 0))
    assert window.tree.viewport().height() >= 4 * row, (window.tree.viewport().height(), row)
    assert window.parts.height() >= window.parts.minimumSizeHint().height()  # the part view keeps its place


def test_a_file_whose_server_died_while_verifying_says_so(
    make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3
):
    """A row stayed on "verifying" after the server died: for the whole offline wait
    (30 minutes) it looked as if work went on. It says which server does not answer, and
    finishes when the server is back."""
    from hoist.engine.retry import RetryPolicy
    from tests.support.faultproxy import FaultProxy, Rule

    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(op="complete", before=lambda _seen: proxy.go_offline()))  # the server dies
        gui = make_gui(make_config(proxy.url, bucket, concurrency=2))
        gui.engine.retry = RetryPolicy(max_attempts=2, base_delay=0.05, max_delay=0.5)
        window = gui.main_window
        digest = make_file(tmp_path / "v.bin", 12 * MiB, seed=6)
        window.add_paths([str(tmp_path / "v.bin")])
        qtbot.waitUntil(lambda: upload(gui, "v.bin") is not None
                        and upload(gui, "v.bin").state == UploadState.COMPLETING, timeout=20_000)  # fmt: skip
        upload_id = upload(gui, "v.bin").upload_id
        host = proxy.url.split("://", 1)[1].rstrip("/")

        def state_text() -> str:
            return str(window.model.data(window.model.upload_index(upload_id, Column.STATE)))

        qtbot.waitUntil(lambda: "does not answer" in state_text(), timeout=15_000)
        assert state_text() == f"verifying: {host} does not answer; Hoist keeps trying"
        assert upload(gui, "v.bin").state == UploadState.COMPLETING  # waiting, not failed
        proxy.go_online()
        qtbot.waitUntil(lambda: upload(gui, "v.bin").state == UploadState.DONE, timeout=30_000)
        qtbot.waitUntil(lambda: state_text() == "done", timeout=5000)
    assert object_sha256(s3, bucket, "v.bin") == digest
