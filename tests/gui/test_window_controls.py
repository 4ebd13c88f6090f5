"""Pause, resume and cancel through the toolbar buttons; conflicts asked in a dialog;
unfinished uploads resumed on start; errors shown in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolBar

from hoist.config.settings import IfExists
from hoist.connect import connection_factory
from hoist.engine.core import Engine
from hoist.store.journal import Destination, Journal
from hoist.store.states import UploadState
from hoist.ui.context import destination_for
from hoist.ui.models.messages import EDIT_PROFILE
from hoist.ui.models.queue_model import Column
from tests.gui.conftest import make_config
from tests.helpers import MiB, make_file, object_sha256


def click(qtbot: Any, window: Any, name: str) -> None:
    toolbar = window.findChild(QToolBar, "mainToolbar")
    button = toolbar.widgetForAction(window.action_map[name])
    assert button is not None and button.isEnabled(), f"{name} is not enabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def upload(gui: Any, name: str) -> Any:
    return next((p for p in gui.bridge.uploads.values() if p.name == name), None)


def test_pause_resume_cancel_through_the_buttons(make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3):
    gui = make_gui(make_config(moto_endpoint, bucket, bandwidth_limit=8 * MiB, concurrency=2))
    window = gui.main_window
    keep = tmp_path / "keep.bin"
    digest = make_file(keep, 30 * MiB, seed=7)
    drop = tmp_path / "drop.bin"
    make_file(drop, 30 * MiB, seed=8)
    window.add_paths([str(keep)])
    window.add_paths([str(drop)])
    qtbot.waitUntil(lambda: upload(gui, "keep.bin") is not None and upload(gui, "keep.bin").parts_done >= 1,
                    timeout=20_000)  # fmt: skip

    window.select_uploads([upload(gui, "keep.bin").upload_id])
    click(qtbot, window, "pause")
    qtbot.waitUntil(lambda: upload(gui, "keep.bin").state == UploadState.PAUSED, timeout=5000)
    paused_at = upload(gui, "keep.bin").parts_done
    assert paused_at < 6
    qtbot.waitUntil(lambda: "Paused" not in window.indicator.text())  # the other file still runs
    assert window.action_map["resume"].isEnabled()
    model = window.model
    index = model.upload_index(upload(gui, "keep.bin").upload_id, Column.STATE)
    assert model.data(index) == "paused"

    window.select_uploads([upload(gui, "drop.bin").upload_id])
    qtbot.waitUntil(lambda: upload(gui, "drop.bin").state == UploadState.RUNNING, timeout=10_000)
    qtbot.waitUntil(lambda: upload(gui, "drop.bin").parts_done >= 1, timeout=20_000)
    click(qtbot, window, "cancel")
    qtbot.waitUntil(lambda: upload(gui, "drop.bin").state == UploadState.CANCELLED, timeout=5000)

    def server_uploads() -> set[str]:
        return {u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])}

    qtbot.waitUntil(lambda: server_uploads() == {"keep.bin"}, timeout=10_000)  # drop.bin's was aborted

    window.select_uploads([upload(gui, "keep.bin").upload_id])
    click(qtbot, window, "resume")
    qtbot.waitUntil(lambda: upload(gui, "keep.bin").state == UploadState.DONE, timeout=30_000)
    assert object_sha256(s3, bucket, "keep.bin") == digest
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
    assert keys == {"keep.bin"}
    assert server_uploads() == set()

    click(qtbot, window, "clear_finished")
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    assert window.queue_stack.currentWidget() is window.empty
    assert [r.key for r in gui.journal.finished_uploads()] == ["keep.bin"]  # still in History


def answer_conflicts(window: Any, choice: IfExists, apply_all: bool) -> QTimer:
    timer = QTimer(window)

    def poll() -> None:
        dialog = getattr(window, "_conflict_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.apply_all.setChecked(apply_all)
            dialog.buttons[choice].click()

    timer.timeout.connect(poll)
    timer.start(50)
    return timer


def test_conflict_asks_and_renames_for_all(make_gui, qtbot, tmp_path, moto_endpoint, bucket, s3):
    s3.put_object(Bucket=bucket, Key="docs/a.txt", Body=b"old a")
    s3.put_object(Bucket=bucket, Key="docs/b.txt", Body=b"old b")
    gui = make_gui(make_config(moto_endpoint, bucket, if_exists=IfExists.ASK, concurrency=1))
    window = gui.main_window
    digests = {n: make_file(tmp_path / "docs" / n, 100 + i, seed=i) for i, n in enumerate(("a.txt", "b.txt"))}
    asked: list[Any] = []
    gui.broker.asked.connect(asked.append)
    timer = answer_conflicts(window, IfExists.RENAME, apply_all=True)
    window.add_paths([str(tmp_path / "docs")])
    qtbot.waitUntil(lambda: len(gui.bridge.uploads) == 2
                    and all(p.state == UploadState.DONE for p in gui.bridge.uploads.values()), timeout=20_000)  # fmt: skip
    timer.stop()
    assert len(asked) == 1  # "apply to all": the second conflict was not asked
    assert s3.get_object(Bucket=bucket, Key="docs/a.txt")["Body"].read() == b"old a"
    assert object_sha256(s3, bucket, "docs/a (1).txt") == digests["a.txt"]
    assert object_sha256(s3, bucket, "docs/b (1).txt") == digests["b.txt"]


def test_unfinished_uploads_resume_on_start_and_paused_stay_paused(make_gui, qtbot, home, tmp_path,
                                                                   moto_endpoint, bucket, s3):  # fmt: skip
    from hoist.config.paths import resolve_paths

    config = make_config(moto_endpoint, bucket)
    from hoist.seal import load_seal

    journal = Journal(resolve_paths(home).ensure().journal)
    load_seal().attach(journal)  # queued by this account's Hoist, as an earlier window would have
    engine = Engine(journal, connection_factory(config, config.transfer), config.transfer)
    digest = make_file(tmp_path / "later.bin", 7 * MiB, seed=3)
    make_file(tmp_path / "held.bin", 2 * MiB, seed=4)
    dest: Destination = destination_for(config.profiles["local"])
    engine.queue_paths([str(tmp_path / "later.bin")], dest)
    held = engine.queue_paths([str(tmp_path / "held.bin")], dest)
    engine.pause(held.upload_ids)
    journal.close()

    gui = make_gui(config)
    qtbot.waitUntil(lambda: upload(gui, "later.bin") is not None
                    and upload(gui, "later.bin").state == UploadState.DONE, timeout=20_000)  # fmt: skip
    assert object_sha256(s3, bucket, "later.bin") == digest
    assert upload(gui, "held.bin").state == UploadState.PAUSED
    assert gui.main_window.model.rowCount() == 2
    qtbot.waitUntil(lambda: "Paused" in gui.main_window.indicator.text())


def test_a_missing_bucket_is_a_red_row_in_words(make_gui, qtbot, tmp_path, moto_endpoint):
    gui = make_gui(make_config(moto_endpoint, "no-such-bucket-here"))
    window = gui.main_window
    make_file(tmp_path / "x.txt", 10)
    window.add_paths([str(tmp_path / "x.txt")])
    qtbot.waitUntil(lambda: upload(gui, "x.txt") is not None
                    and upload(gui, "x.txt").state == UploadState.FAILED, timeout=20_000)  # fmt: skip
    index = window.model.upload_index(upload(gui, "x.txt").upload_id, Column.STATE)
    text = window.model.data(index)
    assert text == (f"failed: The bucket 'no-such-bucket-here' does not exist at {moto_endpoint}. "
                    f"Check the bucket name and the endpoint: {EDIT_PROFILE}, then press Retry failed.")  # fmt: skip
    assert window.model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#b3261e"
    qtbot.waitUntil(lambda: "1 failed" in window.indicator.text())
    assert window.action_map["retry"].isEnabled()


def test_offline_indicator_while_parts_keep_failing_then_done(make_gui, qtbot, tmp_path, moto_endpoint, bucket,
                                                              s3):  # fmt: skip
    from hoist.engine.retry import RetryPolicy
    from tests.support.faultproxy import FaultProxy, Rule

    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(action="reset", op="part", times=0))  # every part upload: connection reset
        gui = make_gui(make_config(proxy.url, bucket, concurrency=2))
        gui.engine.retry = RetryPolicy(max_attempts=1000, base_delay=0.05, max_delay=0.2)
        gui.bridge.offline_after = 1.0
        window = gui.main_window
        digest = make_file(tmp_path / "big.bin", 12 * MiB, seed=5)
        window.add_paths([str(tmp_path / "big.bin")])
        qtbot.waitUntil(lambda: "Offline" in window.indicator.text(), timeout=15_000)
        assert window.indicator.text().strip() == "Offline: cannot reach the server, retrying"
        proxy.clear()  # the network is back
        qtbot.waitUntil(lambda: upload(gui, "big.bin").state == UploadState.DONE, timeout=30_000)
        qtbot.waitUntil(lambda: "Offline" not in window.indicator.text(), timeout=5_000)
    assert object_sha256(s3, bucket, "big.bin") == digest


def test_network_gone_shows_offline_and_the_upload_finishes_when_it_is_back(make_gui, qtbot, tmp_path,
                                                                           moto_endpoint, bucket, s3):  # fmt: skip
    """Connections refused: the window says Offline (the engine is waiting for the network,
    retries are not used up), and the upload carries on when the network returns."""
    from hoist.engine.retry import RetryPolicy
    from tests.support.faultproxy import FaultProxy, Rule

    with FaultProxy(moto_endpoint) as proxy:
        proxy.add(Rule(op="part", part=2, before=lambda _seen: proxy.go_offline()))
        gui = make_gui(make_config(proxy.url, bucket, concurrency=1))
        gui.engine.retry = RetryPolicy(max_attempts=2, base_delay=0.05, max_delay=0.5)
        window = gui.main_window
        digest = make_file(tmp_path / "trip.bin", 12 * MiB, seed=6)
        window.add_paths([str(tmp_path / "trip.bin")])
        qtbot.waitUntil(lambda: "Offline" in window.indicator.text(), timeout=15_000)
        host = proxy.url.split("://", 1)[1].rstrip("/")
        assert window.indicator.text().strip() == f"Offline: cannot reach {host}, retrying"  # which one
        assert upload(gui, "trip.bin").state == UploadState.RUNNING  # waiting, not failed
        proxy.go_online()
        qtbot.waitUntil(lambda: upload(gui, "trip.bin").state == UploadState.DONE, timeout=30_000)
        qtbot.waitUntil(lambda: "Offline" not in window.indicator.text(), timeout=5_000)
    assert object_sha256(s3, bucket, "trip.bin") == digest
