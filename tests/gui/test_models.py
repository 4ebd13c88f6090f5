"""Models, the part map and the conflict broker, without a window."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from hoist.config.settings import IfExists
from hoist.engine.events import PartProgress, UploadProgress
from hoist.store.states import UploadState
from hoist.ui.bridge import Aggregate, ConflictBroker
from hoist.ui.models.formatting import endpoint_text
from hoist.ui.models.queue_model import RAW_ROLE, Column, QueueModel
from hoist.ui.window.parts_view import PartMap, PartsTableModel
from hoist.ui.window.status_summary import FAILED_STYLE, OFFLINE_STYLE, PAUSED_STYLE, summarise


def progress(upload_id: int, batch_id: int = 1, done: int = 0, state: UploadState = UploadState.QUEUED,
             size: int = 1000, speed: float = 0.0, error: str | None = None) -> UploadProgress:  # fmt: skip
    return UploadProgress(upload_id, batch_id, f"f{upload_id}.bin", f"/tmp/f{upload_id}.bin", "bkt",
                          f"in/f{upload_id}.bin", size, done, 4, done * 4 // size, 0, state, error, speed, 0)  # fmt: skip


class Recorder:
    def __init__(self, model: QueueModel) -> None:
        self.changed: list[tuple[int, int, int]] = []  # (parent row or -1, first row, last row)
        self.columns: list[tuple[int, int]] = []
        model.dataChanged.connect(self.on_changed)

    def on_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: Any = None) -> None:
        parent = top.parent()
        self.changed.append((parent.row() if parent.isValid() else -1, top.row(), bottom.row()))
        self.columns.append((top.column(), bottom.column()))


def test_queue_model_tree_text_raw_values_and_only_changed_rows(qtbot):
    model = QueueModel()
    model.set_batch_label(1, "photos")
    model.apply([progress(1), progress(2), progress(3, batch_id=2)])
    assert model.rowCount() == 2
    batch = model.index(0, 0)
    assert model.data(batch) == "photos  (2 files)"
    assert model.rowCount(batch) == 2
    assert model.data(model.index(1, 0)) == "Batch 2  (1 file)"
    row = model.index(0, Column.STATE, batch)
    assert model.data(row) == "queued"

    recorder = Recorder(model)
    model.apply([progress(2, done=500, state=UploadState.RUNNING, speed=2048.0)])
    # Row 1 of batch 1 and the batch row itself, nothing else.
    assert sorted(recorder.changed) == [(-1, 0, 0), (0, 1, 1)]
    # A new state repaints the whole row (it may colour the name); the batch row too.
    assert recorder.columns == [(Column.NAME, Column.STATE)] * 2
    recorder.changed.clear()
    recorder.columns.clear()
    model.apply([progress(2, done=600, state=UploadState.RUNNING, speed=2048.0)])
    # Bytes alone: only the cells whose text changed (progress, speed, time left), not name/size/key.
    assert recorder.columns == [(Column.PROGRESS, Column.ETA), (Column.PROGRESS, Column.STATE)]
    model.apply([progress(2, done=500, state=UploadState.RUNNING, speed=2048.0)])
    cell = model.index(1, Column.PROGRESS, batch)
    assert model.data(cell) == "50%"
    assert model.data(cell, RAW_ROLE) == 0.5
    assert model.data(model.index(1, Column.SPEED, batch)) == "2.0 KiB/s"
    assert model.data(model.index(1, Column.STATE, batch)) == "uploading"
    assert model.data(model.index(0, Column.PROGRESS)) == "25%"  # 500 of 2000 bytes in the batch
    assert model.data(model.index(0, Column.STATE)) == "1 uploading, 1 queued"

    recorder.changed.clear()
    model.apply([progress(2, done=500, state=UploadState.RUNNING, speed=2048.0)])  # same values
    assert recorder.changed == []

    model.apply([progress(1, state=UploadState.FAILED, error="The bucket 'bkt' does not exist at X.")])
    assert model.data(model.index(0, Column.STATE, batch)) == (
        "failed: The bucket 'bkt' does not exist at X. Check the bucket name and the endpoint: open the profile "
        "with Edit... next to 'Upload to', then press Retry failed."
    )  # the engine's sentence recognised, and what to do in the window said
    assert model.ids_for([batch]) == [1, 2]

    model.apply([progress(3, batch_id=2, done=1000, state=UploadState.DONE)])
    model.remove_uploads([3])
    assert model.rowCount() == 1
    assert model.upload_index(2).row() == 1


def test_parts_table_model_emits_one_range_for_changed_parts(qtbot):
    model = PartsTableModel()
    parts = [PartProgress(n, (n - 1) * 100, 100, "pending", 0, 0, None, 0.0) for n in range(1, 10_001)]
    model.set_parts(parts)
    assert model.rowCount() == 10_000
    ranges: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: ranges.append((a.row(), b.row())))
    parts[10] = PartProgress(11, 1000, 100, "running", 40, 0, None, 10.0)
    parts[12] = PartProgress(13, 1200, 100, "retrying", 0, 1, "connection reset", 0.0)
    model.set_parts(parts)
    assert ranges == [(10, 12)]
    assert model.data(model.index(10, 3)) == "sending 40%"
    assert model.data(model.index(12, 6)) == "connection reset"
    assert model.data(model.index(0, 1)) == "0-99"


def test_part_map_paints_10000_parts_in_one_pass(qtbot):
    part_map = PartMap()
    qtbot.addWidget(part_map)
    part_map.resize(900, 160)
    states = ["done"] * 4000 + ["running"] * 8 + ["retrying"] * 2 + ["pending"] * 5990
    part_map.set_parts([PartProgress(i + 1, 0, 100, s, 50 if s == "running" else 0, 0, None, 0.0)
                        for i, s in enumerate(states)])  # fmt: skip
    started = time.perf_counter()
    image = part_map.grab().toImage()
    elapsed = time.perf_counter() - started
    assert part_map.paints == 1
    assert part_map.counts() == {0: 5990, 1: 8, 2: 4000, 3: 2, 4: 0, 5: 0}
    assert part_map._cell >= 2  # every part is a visible cell
    assert image.pixelColor(2, 2).name() == "#43a047"  # the first part is done: green
    print(f"part map with 10,000 parts painted in {elapsed * 1000:.1f} ms")


def test_conflict_broker_blocks_the_worker_until_answered(qtbot):
    broker = ConflictBroker()
    asked: list[Any] = []
    broker.asked.connect(asked.append)
    answers: list[IfExists] = []
    row: Any = object()
    worker = threading.Thread(target=lambda: answers.extend([broker.resolve(row), broker.resolve(row)]))
    worker.start()
    qtbot.waitUntil(lambda: len(asked) == 1)
    time.sleep(0.3)
    assert answers == []  # still waiting for the person
    asked[0].answer, asked[0].apply_all = IfExists.RENAME, True
    asked[0].done.set()
    worker.join(5)
    assert answers == [IfExists.RENAME, IfExists.RENAME]  # the second one was not asked
    assert len(asked) == 1


def test_status_summary_says_speed_bytes_counts_time_left_and_what_is_wrong():
    idle = summarise(Aggregate())
    assert (idle.text, idle.title, idle.indicator) == (
        "Nothing queued. Drop files to upload them.",
        "Hoist",
        "",
    )

    running = Aggregate(counts={UploadState.RUNNING: 2, UploadState.DONE: 3, UploadState.FAILED: 1},
                        bytes_done=512 * 2**20, bytes_total=2**31, speed=12.5 * 2**20, eta=250)  # fmt: skip
    shown = summarise(running)
    assert shown.text.split("   \u00b7   ") == [
        "\u2191 12.5 MiB/s", "512.0 MiB of 2.0 GiB", "2 uploading, 1 failed, 3 done", "4 min 10 s left",
    ]  # fmt: skip
    assert shown.title == "Hoist \u2013 25%"
    assert (shown.indicator.strip(), shown.indicator_style) == ("1 failed", FAILED_STYLE)

    paused = summarise(Aggregate(counts={UploadState.PAUSED: 1}, bytes_total=10, paused=True))
    assert (paused.indicator.strip(), paused.indicator_style, paused.title) == (
        "Paused",
        PAUSED_STYLE,
        "Hoist",
    )
    offline = summarise(Aggregate(counts={UploadState.RUNNING: 1}, bytes_total=10, paused=True, offline=True))
    assert offline.indicator_style == OFFLINE_STYLE  # offline wins: it is what the person must know
    assert offline.indicator.strip() == "Offline: cannot reach the server, retrying"
    # Issue 12, item 8: one dead endpoint among several is named, not a global outage.
    one = Aggregate(counts={UploadState.RUNNING: 2}, bytes_total=10, offline=True,
                    offline_where=(endpoint_text("http://127.0.0.1:9"),))  # fmt: skip
    assert summarise(one).indicator.strip() == "Offline: cannot reach 127.0.0.1:9, retrying"
    assert endpoint_text("aws:eu-west-1") == "AWS S3 (eu-west-1)"


def test_queue_model_shows_control_characters_in_names_escaped(qtbot):
    model = QueueModel()
    odd = replace(progress(1, state=UploadState.FAILED, error="new\nline.txt: new\nline.txt changed"),
                  name="new\nline.txt", key="in/new\nline.txt")  # fmt: skip
    model.apply([odd])
    row = model.index(0, 0, model.index(0, 0))
    text = {c: model.data(row.siblingAtColumn(c)) for c in (Column.NAME, Column.DESTINATION, Column.STATE)}
    assert text == {Column.NAME: "new\\nline.txt", Column.DESTINATION: "in/new\\nline.txt",
                    Column.STATE: "failed: new\\nline.txt changed."}  # fmt: skip
    assert model.data(row, RAW_ROLE) == "new\nline.txt"  # sorting and copying use the real name


ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole, RAW_ROLE)


def every_cell(model: QueueModel) -> dict[tuple[int, int, int], tuple[object, ...]]:
    """What each cell shows (text, colour, tooltip, bar), keyed by (batch row or -1, row, column)."""
    cells: dict[tuple[int, int, int], tuple[object, ...]] = {}
    for b in range(model.rowCount()):
        batch = model.index(b, 0)
        for column in Column:
            cells[(-1, b, column)] = tuple(str(model.data(batch.siblingAtColumn(column), r)) for r in ROLES)
            for row in range(model.rowCount(batch)):
                index = model.index(row, column, batch)
                cells[(b, row, column)] = tuple(str(model.data(index, r)) for r in ROLES)
    return cells


def test_every_cell_that_shows_differently_is_repainted(qtbot):
    """Issue 12, item 11: a failed upload retried to done, or cancelled, kept its red name
    until something else repainted the row. Whatever a cell shows (text, colour, tooltip,
    bar) after a change must lie inside a dataChanged range."""
    model = QueueModel()
    model.apply([progress(1), progress(2)])
    recorder = Recorder(model)
    flow = [
        progress(1, done=250, state=UploadState.RUNNING, speed=100.0),
        progress(1, done=250, state=UploadState.FAILED, error="The secret key does not match."),
        progress(1, done=250, state=UploadState.QUEUED),  # Retry failed
        progress(1, done=1000, state=UploadState.DONE),
        progress(2, state=UploadState.FAILED, error="The bucket does not exist."),
        progress(2, state=UploadState.CANCELLED),
    ]
    for change in flow:
        before = every_cell(model)
        recorder.changed.clear()
        recorder.columns.clear()
        model.apply([change])
        after = every_cell(model)
        repainted = set()
        for (parent, first, last), (left, right) in zip(recorder.changed, recorder.columns, strict=True):
            repainted |= {(parent, row, c) for row in range(first, last + 1) for c in range(left, right + 1)}
        stale = sorted(cell for cell in after if after[cell] != before[cell] and cell not in repainted)
        assert stale == [], (change.state, stale)
    name = model.index(0, Column.NAME, model.index(0, 0))
    assert model.data(name, Qt.ItemDataRole.ForegroundRole) is None  # done: not red any more
