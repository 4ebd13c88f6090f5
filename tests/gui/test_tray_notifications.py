"""Notifications: coalesced and rate-limited, switchable per kind, clicks open the rows."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before pytest-qt creates the QApplication

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QSystemTrayIcon

from hoist.config.settings import AppSettings, Config, TransferSettings
from hoist.connect import connection_factory
from hoist.engine.core import Engine
from hoist.store.journal import Destination, Journal
from hoist.ui.bridge import EngineBridge
from hoist.ui.tray.integration import DesktopIntegration
from hoist.ui.tray.notifications import Kind, Notification, NotificationPolicy, Notifier
from tests.helpers import make_file, object_sha256


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def policy(**settings: bool) -> tuple[NotificationPolicy, Clock]:
    clock = Clock()
    return NotificationPolicy(AppSettings(**settings), coalesce=2, min_interval=10, clock=clock), clock


def test_a_thousand_failures_make_one_notification():
    p, clock = policy()
    for i in range(1000):
        p.upload_failed(i, f"f{i}.txt", "Access denied to bucket 'b': check the key's permissions.", True)
        clock.now += 0.001
    assert p.due() is None  # still gathering company
    clock.now += 2
    note = p.due()
    assert note is not None and note.kind == Kind.FAILURE and note.warning
    assert note.title == "1,000 uploads need your attention"
    assert (
        note.text == "f0.txt: Access denied to bucket 'b': check the key's permissions.\n(and 999 more files)"
    )
    assert note.upload_ids == tuple(range(1000))
    assert p.due() is None  # nothing left


def test_rate_limit_merges_what_comes_within_the_interval():
    p, clock = policy()
    p.batch_done(1, "photos", 12, 0)
    clock.now += 2
    first = p.due()
    assert first is not None and first.title == "Upload finished: photos"
    assert first.text == "12 files uploaded."
    shown = [first]
    for batch in range(2, 40):  # a burst of small batches finishing one after another
        clock.now += 0.2
        p.batch_done(batch, f"b{batch}", 1, 0)
        note = p.due()
        if note:
            shown.append(note)
    assert len(shown) == 1  # 7.6 s after the first: the 10 s interval still holds
    clock.now = 1000 + 2 + 10
    second = p.due()
    assert second is not None
    assert second.title == "38 batches finished" and second.text == "38 files uploaded."
    assert second.batch_ids == tuple(range(2, 40))


def test_all_done_is_one_message_with_the_batch():
    p, clock = policy()
    p.batch_done(7, "report.pdf and 2 more", 3, 0)
    p.idle(in_progress=0, paused=0)
    clock.now += 2
    note = p.due()
    assert note == Notification(
        Kind.ALL_DONE, "All uploads finished", "report.pdf and 2 more: 3 files uploaded.", (), (7,)
    )
    p.idle(in_progress=0, paused=0)  # idle again with nothing new: no second "all done"
    clock.now += 60
    assert p.due() is None


def test_idle_with_paused_uploads_is_not_all_done():
    p, clock = policy(notify_batch_done=False)
    p.batch_done(1, "a", 2, 0)
    p.idle(in_progress=0, paused=1)
    clock.now += 5
    assert p.due() is None


def test_failures_without_need_for_the_person_are_not_notified():
    p, clock = policy()
    p.upload_failed(1, "a.bin", "Connection reset; retried 8 times", needs_attention=False)
    clock.now += 5
    assert p.due() is None


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, {Kind.FAILURE}),
        ({"notify_failures": False}, {Kind.ALL_DONE}),
        ({"notify_failures": False, "notify_all_done": False}, {Kind.BATCH_DONE}),
        ({"notifications": False}, set()),
    ],
)
def test_each_kind_can_be_turned_off(settings, expected):
    p, clock = policy(**settings)
    p.upload_failed(3, "x.bin", "The file changed while it was uploading.", True)
    p.batch_done(1, "x", 1, 1)
    p.idle(in_progress=0, paused=0)
    clock.now += 3
    note = p.due()
    assert ({note.kind} if note else set()) == expected


def test_turning_notifications_off_drops_what_was_waiting():
    p, clock = policy()
    p.upload_failed(1, "a.bin", "Access denied.", True)
    p.settings.notifications = False
    clock.now += 5
    assert p.due() is None
    p.settings.notifications = True
    clock.now += 5
    assert p.due() is None  # dropped, not held back


def test_notifier_shows_one_balloon_and_a_click_opens_those_rows(qtbot):
    icon = QSystemTrayIcon()
    p = NotificationPolicy(AppSettings(), coalesce=0.2, min_interval=5)
    notifier = Notifier(icon, AppSettings(), names=lambda i: f"file{i}.bin", policy=p)
    shown: list[Notification] = []
    notifier.shown.connect(shown.append)
    for i in range(1000):
        notifier.on_file_failed(i, "The bucket 'gone' does not exist.", True)
    qtbot.wait(600)
    assert len(shown) == 1
    assert shown[0].title == "1,000 uploads need your attention"
    clicked: list[Notification] = []
    notifier.clicked.connect(clicked.append)
    icon.messageClicked.emit()
    assert clicked == shown


@pytest.fixture
def engine(home: Path, moto_endpoint: str):
    transfer = TransferSettings(concurrency=4)
    engine = Engine(Journal(home / "journal.sqlite3"), connection_factory(Config(), transfer), transfer)
    yield engine
    engine.shutdown()


def test_many_small_files_against_the_server_make_one_notification(qtbot, engine, bucket, s3, moto_endpoint,
                                                                     tmp_path):  # fmt: skip
    digests = {
        f"n{i:03}.txt": make_file(tmp_path / "many" / f"n{i:03}.txt", 100 + i, seed=i) for i in range(60)
    }
    bridge = EngineBridge(engine)
    desk = DesktopIntegration(None, bridge, AppSettings(), retry_ms=10_000)
    desk.notifier.policy.coalesce = 0.5
    shown: list[Notification] = []
    desk.notifier.shown.connect(shown.append)
    opened: list[tuple[list[int], tuple[int, ...]]] = []
    desk.open_rows = lambda ids, batches: opened.append((list(ids), tuple(batches)))
    bridge.start()
    qtbot.waitUntil(lambda: engine.running, timeout=10_000)
    bridge.queue_paths([str(tmp_path / "many")], Destination("", moto_endpoint, "us-east-1", bucket,
                                                             path_style=True), "")  # fmt: skip
    qtbot.waitUntil(lambda: desk.tracker.summary().done == 60, timeout=30_000)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5_000)
    qtbot.wait(800)
    assert len(shown) == 1
    assert (shown[0].title, shown[0].text) == ("All uploads finished", "many: 60 files uploaded.")
    desk.tray.icon.messageClicked.emit()  # a click on the balloon: the window shows the batch
    assert len(opened) == 1 and sorted(opened[0][0]) == sorted(desk.tracker.uploads)
    for name, digest in list(digests.items())[::15]:
        assert object_sha256(s3, bucket, f"many/{name}") == digest
    desk.shutdown()
    bridge.shutdown()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_skipped_and_cancelled_are_not_called_uploaded():
    """Issue 12 retest: choosing Skip, or cancelling, was announced as "1 file(s) uploaded"
    or "0 file(s) uploaded" under "All uploads finished"."""
    p, clock = policy()
    p.batch_done(1, "small.bin", 0, 0, skipped=1)
    p.idle(in_progress=0, paused=0)
    clock.now += 2
    note = p.due()
    assert note is not None and note.text == "small.bin: 1 skipped (already on the server)."
    clock.now += 60
    p.batch_done(2, "big.bin", 0, 0, cancelled=1)
    clock.now += 2
    note = p.due()
    assert note is not None and (note.title, note.text) == ("Upload finished: big.bin", "1 cancelled.")
    clock.now += 60
    p.batch_done(3, "mixed", 2, 1, 0, 1, 1)
    clock.now += 2
    note = p.due()
    assert (
        note is not None
        and note.text == "2 files uploaded, 1 skipped (already on the server), 1 cancelled, 1 failed."
    )


def test_the_engine_counts_skipped_and_cancelled_apart_from_done(tmp_path):
    from hoist.engine import events as ev
    from hoist.store.states import UploadState
    from tests.support.harness import make_engine

    engine = make_engine(tmp_path / "home")
    seen: list[ev.BatchDone] = []
    engine.subscribe(lambda e: seen.append(e) if isinstance(e, ev.BatchDone) else None)
    files = []
    for n in range(3):
        files.append(tmp_path / f"f{n}.txt")
        files[-1].write_bytes(b"x")
    from hoist.store.journal import Destination

    result = engine.queue_paths(
        [str(f) for f in files], Destination("", "http://127.0.0.1:9", "us-east-1", "b", True), ""
    )
    a, b, c = result.upload_ids
    m = engine.machinery
    engine.load_unfinished()  # the batch's three uploads in memory, as a started engine has them
    for upload_id, state in ((a, UploadState.SKIPPED), (b, UploadState.CANCELLED)):
        rt = m.load(upload_id)
        assert rt is not None and m.set_state(rt, UploadState.RUNNING) and m.set_state(rt, state)
    rt = m.load(c)
    assert rt is not None and m.set_state(rt, UploadState.RUNNING) and m.set_state(rt, UploadState.DONE)
    assert seen == [ev.BatchDone(result.batch_id, done=1, failed=0, skipped=1, cancelled=1)]
