"""Issue 12: what a person sees after cancelling, across a restart, when items are
skipped and when one endpoint is offline. Flows in the order a person does them; the
asserts read what the window shows (row text, colours, actions, notifications)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from hoist.store.states import UploadState
from hoist.ui.models.queue_model import RAW_ROLE, Column
from tests.gui.conftest import make_config
from tests.gui.test_window_controls import click, upload
from tests.helpers import MiB, make_file, object_sha256


def cell(window: Any, upload_id: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return window.model.data(window.model.upload_index(upload_id, column), role)


def batch_cell(window: Any, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return window.model.data(window.model.index(row, column), role)


def test_a_cancelled_upload_looks_cancelled_not_finished(make_gui, qtbot, tmp_path, moto_endpoint, bucket):
    """Item 10: a cancelled batch showed "0 B" with a full 100% bar; a cancelled file kept
    its progress and green part cells (its parts were deleted on the server); Copy/Open
    object URL stayed enabled though there is no object."""
    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=4 * MiB, concurrency=2))
    window = gui.main_window
    make_file(tmp_path / "big.bin", 30 * MiB, seed=5)
    window.add_paths([str(tmp_path / "big.bin")])
    qtbot.waitUntil(lambda: upload(gui, "big.bin") is not None and upload(gui, "big.bin").parts_done >= 1,
                    timeout=20_000)  # fmt: skip
    upload_id = upload(gui, "big.bin").upload_id
    window.select_uploads([upload_id])
    qtbot.waitUntil(lambda: window.parts.map.counts()[2] >= 1, timeout=5000)  # green cells before
    click(qtbot, window, "cancel")
    qtbot.waitUntil(lambda: cell(window, upload_id, Column.STATE) == "cancelled", timeout=10_000)

    assert cell(window, upload_id, Column.PROGRESS) == "cancelled"
    assert cell(window, upload_id, Column.PROGRESS, RAW_ROLE) == 0.0  # an empty bar
    assert batch_cell(window, 0, Column.SIZE) == "30.0 MiB"  # not "0 B"
    assert batch_cell(window, 0, Column.PROGRESS) == "cancelled"  # not "100%"
    assert batch_cell(window, 0, Column.PROGRESS, RAW_ROLE) == 0.0
    # The part view: no cell is done (green) or sending; the title says why.
    qtbot.waitUntil(lambda: window.parts.map.counts()[2] == 0 and window.parts.map.counts()[1] == 0,
                    timeout=5000)  # fmt: skip
    assert "deleted from the server" in window.parts.title.text()
    assert window.parts.model.data(window.parts.model.index(0, 3)) == "cancelled"
    window._selection_changed()
    assert not window.action_map["copy_url"].isEnabled()
    assert not window.action_map["open_url"].isEnabled()
    assert window.action_map["copy_key"].isEnabled()


def percent(text: str) -> int:
    return int(text.rstrip("%"))


def test_progress_never_goes_backwards_across_a_restart(make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3):
    """Item 12: 90% -> 67% after a restart (parts in flight were counted as done, then
    dropped). The row shows only what the server acknowledged, so a restart (quit with
    uploads running, start again) never shows less than before."""
    config = make_config(moto_endpoint, bucket, bandwidth_limit=6 * MiB, concurrency=4)
    gui = make_gui(config)
    digest = make_file(tmp_path / "long.bin", 40 * MiB, seed=12)
    gui.main_window.add_paths([str(tmp_path / "long.bin")])

    def in_flight() -> bool:
        p = upload(gui, "long.bin")
        return p is not None and p.parts_done >= 1 and p.bytes_done - (p.bytes_acked or 0) >= 2 * MiB

    qtbot.waitUntil(in_flight, timeout=30_000)
    upload_id = upload(gui, "long.bin").upload_id
    before = percent(cell(gui.main_window, upload_id, Column.PROGRESS))
    gui.shutdown()  # Quit: running uploads go back to queued

    seen: list[int] = []
    again = make_gui(config, start=False)
    window = again.main_window

    def record(_changes: object) -> None:  # after the model took the changes
        if window.model.upload(upload_id) is not None:
            seen.append(percent(cell(window, upload_id, Column.PROGRESS)))

    again.bridge.uploads_changed.connect(record)
    again.start()
    qtbot.waitUntil(lambda: upload(again, "long.bin") is not None
                    and upload(again, "long.bin").state == UploadState.DONE, timeout=60_000)  # fmt: skip
    assert seen and seen[0] >= before, (before, seen[:5])
    assert seen == sorted(seen)  # and never backwards after that either
    assert object_sha256(s3, bucket, "long.bin") == digest


def test_an_item_not_added_stays_on_its_batch_and_in_the_notification(make_gui, qtbot, tmp_path, moto_endpoint,
                                                                      bucket, s3, monkeypatch):  # fmt: skip
    """Item 7: a skipped item was only in a passing status-bar message, cut off before the
    reason, and the notification then said "1 file uploaded" as if all was well."""
    import os

    from hoist.ui.window import main_window

    boxes: list[str] = []
    monkeypatch.setattr(main_window, "show_problem", lambda _parent, message: boxes.append(message))
    gui = make_gui(make_config(moto_endpoint, bucket))
    shown: list[Any] = []
    gui.desktop.notifier.shown.connect(shown.append)
    folder = tmp_path / "drop"
    digest = make_file(folder / "good.bin", 1000, seed=1)
    os.mkfifo(folder / "pipe")
    gui.main_window.add_paths([str(folder)])
    qtbot.waitUntil(lambda: upload(gui, "good.bin") is not None
                    and upload(gui, "good.bin").state == UploadState.DONE, timeout=20_000)  # fmt: skip
    window = gui.main_window
    assert batch_cell(window, 0, Column.STATE) == "done, 1 not added"
    tip = batch_cell(window, 0, Column.STATE, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Not added:\n{folder / 'pipe'}: is a named pipe (FIFO), not a regular file"
    assert boxes == [f"1 item was not added (1 other is uploading):\n{folder / 'pipe'}: is a named pipe "
                     "(FIFO), not a regular file"]  # fmt: skip
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "1 item not added" in shown[-1].text, shown[-1].text
    assert object_sha256(s3, bucket, "drop/good.bin") == digest


def test_rows_of_different_profiles_say_which_profile(make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3):
    """Two profiles with the same bucket name (issue 12, item 8): both batch rows read
    "s3://bucket1" and a person could not tell which storage each went to."""
    from dataclasses import replace

    config = make_config(moto_endpoint, bucket)
    config.profiles["backup"] = replace(config.profiles["local"], name="backup")
    gui = make_gui(config)
    window = gui.main_window
    make_file(tmp_path / "a.txt", 100, seed=1)
    make_file(tmp_path / "b.txt", 100, seed=2)
    assert window.add_paths([str(tmp_path / "a.txt")])
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    box = window.destination.profile_box
    box.setCurrentIndex(box.findData("backup"))
    assert window.current_profile().name == "backup"
    assert window.add_paths([str(tmp_path / "b.txt")])
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    shown = [batch_cell(window, row, Column.DESTINATION) for row in range(2)]
    assert shown == [f"local: s3://{bucket}", f"backup: s3://{bucket}"]
    assert batch_cell(window, 1, Column.DESTINATION, Qt.ItemDataRole.ToolTipRole) == (
        f"Profile 'backup', bucket {bucket}"
    )
