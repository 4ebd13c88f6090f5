"""Quitting with an upload to the demo storage running, then starting again (issue 12,
item 4), in the order a person does it.

Before: the quit question promised "they carry on when Hoist starts again"; after the
restart the upload was failed (the demo storage had gone with Hoist), Retry failed was
offered and left the row "uploading" under a red "Offline" for 30+ s, and Cancel then said
the server-side upload could not be aborted. Now the questions say demo uploads end with
the demo storage, and the next start closes them as cancelled, in words, trying nothing
against a server that is gone; a finished demo upload keeps its receipt in History.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from hoist.config.settings import Config, IfExists, TransferSettings
from hoist.store.states import UploadState
from hoist.ui.demo import DEMO_GONE, DEMO_PROFILE, EMPTIED, emptied_notice
from hoist.ui.models.queue_model import Column
from hoist.ui.tray.controller import quit_question
from tests.gui.test_screenshots import save
from tests.gui.test_window_controls import upload
from tests.helpers import MiB, make_file

PART = 5 * MiB


def slow_demo_config() -> Config:
    return Config(transfer=TransferSettings(part_size=PART, multipart_threshold=PART, concurrency=1,
                                            bandwidth_limit=2 * MiB, if_exists=IfExists.OVERWRITE))  # fmt: skip


def cell(window: Any, upload_id: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return window.model.data(window.model.upload_index(upload_id, column), role)


def start_demo(gui: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: getattr(gui, "_welcome", None) is not None and gui._welcome.isVisible())
    gui._welcome.demo.click()
    qtbot.waitUntil(lambda: gui.main_window.current_profile() is not None, timeout=30_000)


def test_quit_with_a_demo_upload_running_then_start_again(make_gui, qtbot, tmp_path):
    gui = make_gui(slow_demo_config())
    window = gui.main_window
    start_demo(gui, qtbot)
    make_file(tmp_path / "kept-receipt.txt", 30_000, seed=21)
    window.add_paths([str(tmp_path / "kept-receipt.txt")])
    qtbot.waitUntil(lambda: (p := upload(gui, "kept-receipt.txt")) is not None and p.state == UploadState.DONE,
                    timeout=20_000)  # fmt: skip
    make_file(tmp_path / "slow-demo.bin", 20 * MiB, seed=22)  # ~10 s at 2 MiB/s
    window.add_paths([str(tmp_path / "slow-demo.bin")])
    qtbot.waitUntil(lambda: (p := upload(gui, "slow-demo.bin")) is not None and p.parts_done >= 1,
                    timeout=20_000)  # fmt: skip
    assert upload(gui, "slow-demo.bin").state == UploadState.RUNNING

    # Quit. Every quit question says the demo upload ends with the demo storage.
    asked: list[str] = []
    window.confirm = lambda title, text: asked.append(text) or False  # "Keep uploading"
    gui.desktop.tray.confirm = lambda title, text, yes, no: asked.append(text) or False
    assert window.may_quit() is False
    assert gui.desktop.tray.request_quit() is False
    gone = ("The demo storage and everything in it are deleted when Hoist quits, so it ends there and will "
            "not carry on when Hoist starts again.")  # fmt: skip
    assert asked == [f"1 upload is not finished. Quit anyway? {gone}",
                     f"1 upload is still running.\n\nQuit Hoist anyway? {gone}"]  # fmt: skip
    assert asked[1] == quit_question(1, 1) and quit_question(1) != quit_question(1, 1)
    quits: list[bool] = []
    window.quit_requested.disconnect(gui.quit)  # the test's event loop stays; shutdown below is the quit
    window.quit_requested.connect(lambda: quits.append(True))
    window.confirm = lambda title, text: True
    window.action_map["quit"].trigger()
    assert quits == [True]
    gui.shutdown()  # what run_gui does once the event loop has ended
    assert not gui.ctx.demo.running

    # Start again on the same home.
    again = make_gui(slow_demo_config())
    window = again.main_window
    qtbot.waitUntil(lambda: (p := upload(again, "slow-demo.bin")) is not None
                    and p.state == UploadState.CANCELLED, timeout=10_000)  # fmt: skip
    rows = {row.name: row for row in again.journal.list_uploads()}
    slow, kept = rows["slow-demo.bin"], rows["kept-receipt.txt"]
    assert slow.state == UploadState.CANCELLED and slow.profile == DEMO_PROFILE
    assert slow.error == f"slow-demo.bin: {EMPTIED}"
    assert slow.s3_upload_id is None and slow.creating_since is None  # nothing left to abort
    assert again.journal.cleanup_due() == []
    assert kept.state == UploadState.DONE and kept.sha256 and kept.etag  # its receipt stays

    # What the person sees: the row says why, the status bar says it once for all.
    upload_id = slow.id
    sentence = ("The demo storage was emptied when Hoist quit, and this upload with it. Add the file again to "
                "upload it.")  # fmt: skip
    assert sentence == EMPTIED
    assert cell(window, upload_id, Column.STATE) == f"cancelled: {sentence}"
    assert cell(window, upload_id, Column.STATE, Qt.ItemDataRole.ToolTipRole) == sentence
    assert cell(window, upload_id, Column.PROGRESS, Qt.ItemDataRole.ToolTipRole) == sentence
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == emptied_notice(1), timeout=5000)
    assert emptied_notice(1) == ("1 upload to the demo storage was cancelled: the demo storage was emptied when "
                                 "Hoist quit. Add the files again to upload them.")  # fmt: skip
    window.select_uploads([upload_id])
    window._selection_changed()
    for name in ("retry", "cancel", "resume", "pause", "copy_url", "open_url"):
        assert not window.action_map[name].isEnabled(), name
    window.resize(1100, 560)
    qtbot.waitUntil(lambda: window.parts.model.rowCount() == 4, timeout=5000)  # 20 MiB in 5 MiB parts
    save(window, "demo-emptied-row", tmp_path)  # for a person to look at
    window.select_uploads([])
    window._selection_changed()
    assert not window.action_map["retry"].isEnabled()  # nothing failed, nothing to retry

    # Nothing is tried against the server that is gone: no connection to it, no "Offline".
    qtbot.wait(2500)
    assert upload(again, "slow-demo.bin").state == UploadState.CANCELLED
    assert not again.bridge.aggregate.offline and window.indicator.text() == ""
    assert not any(d.profile == DEMO_PROFILE for d in again.engine.connections._cache)
    assert again.journal.get_upload(upload_id).state == UploadState.CANCELLED

    # The finished demo upload stays in History; nothing offers to open its (gone) URL.
    window.open_history()
    qtbot.waitUntil(lambda: window._history.model.rowCount() == 1)
    assert window._history.model.rows[0].name == "kept-receipt.txt"
    window._history.close()
    QGuiApplication.clipboard().setText("unchanged")
    window._copy_url(kept)
    assert window.statusBar().currentMessage() == DEMO_GONE
    assert QGuiApplication.clipboard().text() == "unchanged"
