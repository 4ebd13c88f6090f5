"""A dropped folder of thousands of files reaches the window a slice per tick (issue 17).

Taken whole, 16,000 new rows in one tick held the window for ~190 ms (bench_gui many).
The bridge now takes at most TICK_CHANGES uploads per tick and, while more wait, ticks
again shortly, without waiting for the 10 Hz beat; and the cyclic collector is held off
while a drop is being queued (its full passes held every thread for 15-40 ms each)."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings
from hoist.store.journal import Destination
from hoist.store.states import UploadState
from hoist.ui.bridge import TICK_CHANGES, EngineBridge
from tests.support.harness import fast_settings, make_engine

FILES = 2 * TICK_CHANGES + 600
NOWHERE = Destination("", "http://127.0.0.1:9", "us-east-1", "b", True)  # never started: never sent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"{i:05d}.jpg").write_bytes(b"x")
    return folder


def test_a_big_drop_arrives_a_slice_per_tick_and_completely(qtbot: Any, tmp_path: Path, folder: Path):
    engine = make_engine(tmp_path / "home", fast_settings())
    result = engine.queue_paths([str(folder)], NOWHERE)
    engine.load_unfinished()  # in memory as the engine's start would, no worker started
    bridge = EngineBridge(engine)  # its 10 Hz timer is not started: only catch-up ticks run
    slices: list[int] = []
    bridge.uploads_changed.connect(lambda changed: slices.append(len(changed)))
    try:
        bridge.tick()
        assert slices == [TICK_CHANGES]
        first = sorted(bridge.uploads)
        engine.pause([first[0]])  # a row the window has, changed while the rest arrive

        qtbot.waitUntil(lambda: len(bridge.uploads) == FILES, timeout=5_000)
        qtbot.waitUntil(lambda: bridge.uploads[first[0]].state == UploadState.PAUSED, timeout=5_000)

        assert max(slices) == TICK_CHANGES and sum(slices) >= FILES
        assert sorted(bridge.uploads) == sorted(result.upload_ids)
        states = [p.state for p in bridge.uploads.values()]
        assert states.count(UploadState.QUEUED) == FILES - 1 and states.count(UploadState.PAUSED) == 1
        assert bridge.aggregate.counts == {UploadState.QUEUED: FILES - 1, UploadState.PAUSED: 1}
    finally:
        bridge.shutdown(5)
        engine.journal.close()


def test_queueing_a_drop_holds_the_collector_and_gives_it_back(qtbot: Any, tmp_path: Path, folder: Path):
    engine = make_engine(tmp_path / "home", fast_settings())
    bridge = EngineBridge(engine)
    during: list[bool] = []
    results: list[Any] = []
    errors: list[BaseException] = []
    frozen = gc.get_freeze_count()
    queue_paths = engine.queue_paths

    def watched(*args: Any, **kwargs: Any) -> Any:
        during.append(gc.isenabled())
        return queue_paths(*args, **kwargs)

    engine.queue_paths = watched  # type: ignore[method-assign]
    try:
        bridge.queue_paths([str(folder)], NOWHERE, "", on_done=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=20_000)
        assert during == [False]  # held while the drop was scanned and journaled
        assert gc.isenabled()
        assert gc.get_freeze_count() > frozen  # what it built is out of the collector's way
        assert len(results[0].upload_ids) == FILES

        def refuse() -> None:
            raise RuntimeError("the keyring is locked")

        bridge.queue_paths([str(folder)], NOWHERE, "", on_done=results.append, on_error=errors.append,
                           preflight=refuse)  # fmt: skip
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
        assert gc.isenabled()  # a refused drop gives the collector back too
        assert len(results) == 1
    finally:
        gc.unfreeze()
        bridge.shutdown(5)
        engine.journal.close()


# -- the window's actions while a drop is still arriving (found by a helper) -----------------


@pytest.fixture
def gui(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    """A whole window (bridge, queue, tray), built but not started: ticks happen when the
    test says, and no worker sends anything."""
    from hoist.ui.app import HoistGui

    profile = Profile(name="local", endpoint_url=NOWHERE.endpoint_url, bucket="b", path_style=True,
                      credential_source=CredentialSource.ENVIRONMENT)  # fmt: skip
    config = Config(profiles={"local": profile}, default_profile="local",
                    transfer=TransferSettings(concurrency=4, if_exists=IfExists.OVERWRITE))  # fmt: skip
    home = tmp_path / "home"
    home.mkdir()
    app = HoistGui(resolve_paths(home).ensure(), config)
    assert app.acquire_lock() is None
    app.build(excepthooks=False)
    qtbot.addWidget(app.main_window)
    app.main_window.confirm = lambda *_: True  # type: ignore[method-assign]
    app.desktop.tray.confirm = lambda *_: True  # type: ignore[method-assign]
    yield app
    app.shutdown()


def finish(engine: Any, upload_id: int) -> None:
    """What a worker does for a small file: running, then done (journal first)."""
    rt = engine.machinery.runtimes[upload_id]
    assert engine.machinery.set_state(rt, UploadState.RUNNING)
    assert engine.machinery.set_state(rt, UploadState.DONE)


def states_of(gui: Any) -> tuple[Counter[UploadState], Counter[UploadState]]:
    with gui.engine.lock:
        engine = Counter(rt.state for rt in gui.engine.runtimes.values())
    window = Counter(gui.main_window.model.upload(i).state for i in gui.main_window.model.upload_ids())
    return engine, window


def test_clear_finished_while_rows_arrive_keeps_the_tray_in_step(gui: Any, folder: Path):
    """Clear finished took uploads whose rows had not reached the window yet; the tray's
    tracker raised on the first one it never had (and forgot none after it)."""
    engine, bridge, tray = gui.engine, gui.bridge, gui.desktop.tracker
    ids = sorted(engine.queue_paths([str(folder)], NOWHERE).upload_ids)
    engine.load_unfinished()
    engine.pause(ids[:1600])
    bridge.tick()  # the first slice: 1,000 of the files not paused
    unseen, seen = ids[4], ids[2000]
    assert unseen not in bridge.uploads and seen in bridge.uploads
    engine.resume([unseen])
    finish(engine, unseen)
    finish(engine, seen)

    gui.main_window.clear_finished()
    for _ in range(10):
        bridge.tick()

    engine_states, window_states = states_of(gui)
    assert engine_states == window_states == {UploadState.QUEUED: 999, UploadState.PAUSED: 1599}
    summary = tray.summary()
    assert (summary.queued, summary.paused, summary.done) == (999, 1599, 0)


def test_cancel_all_while_rows_arrive_cancels_every_file(qtbot: Any, gui: Any, folder: Path):
    """Cancel all counted and cancelled only the rows shown: pressed as the first slice
    had arrived, it cancelled 1,000 of 12,000 and the rest were uploaded."""
    engine, bridge = gui.engine, gui.bridge
    ids = engine.queue_paths([str(folder)], NOWHERE).upload_ids
    engine.load_unfinished()
    bridge.tick()
    assert len(bridge.uploads) == TICK_CHANGES
    asked: list[str] = []
    gui.main_window.confirm = lambda _title, text: asked.append(text) or True

    gui.main_window.cancel_all()

    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert len(asked) == 1 and f"Cancel all {FILES:,} unfinished uploads?" in asked[0], asked
    bridge._ops.submit(lambda: None).result(10)  # the cancel ran (engine calls go in order)
    for _ in range(10):
        bridge.tick()
    engine_states, window_states = states_of(gui)
    assert engine_states == window_states == {UploadState.CANCELLED: FILES}
    assert {r.state for r in engine.journal.list_uploads(ids=ids)} == {UploadState.CANCELLED}


def test_cancel_all_pressed_while_a_drop_is_still_being_queued(qtbot: Any, gui: Any, folder: Path):
    """The engine takes a drop into memory 500 files at a time; a Cancel all counted
    and pressed meanwhile must still count and cancel the whole drop (a helper saw 500
    of 6,000 counted when it read the count off the engine directly)."""
    engine, bridge = gui.engine, gui.bridge
    engine.start()  # workers: the drop is loaded as it is queued (nothing is reachable)
    asked: list[str] = []
    gui.main_window.confirm = lambda _title, text: asked.append(text) or True
    queued: list[Any] = []

    bridge.queue_paths([str(folder)], NOWHERE, "", on_done=queued.append)
    gui.main_window.cancel_all()  # at once, while the drop is being scanned and queued

    qtbot.waitUntil(lambda: bool(asked) and bool(queued), timeout=20_000)
    assert f"Cancel all {FILES:,} unfinished uploads?" in asked[0], asked
    ids = queued[0].upload_ids
    qtbot.waitUntil(lambda: {r.state for r in engine.journal.list_uploads(ids=ids)} == {UploadState.CANCELLED},
                    timeout=20_000)  # fmt: skip


def test_cleared_cancelled_rows_do_not_come_back(gui: Any, folder: Path):
    """Clear finished right after a cancel: each cancelled file's abort task, still
    waiting, loaded it back from the journal and its row came back (5,981 of 6,000)."""
    engine, bridge = gui.engine, gui.bridge
    ids = engine.queue_paths([str(folder)], NOWHERE).upload_ids
    engine.load_unfinished()
    assert len(engine.cancel(None)) == FILES  # their aborts wait for workers
    for _ in range(5):
        bridge.tick()
    gui.main_window.clear_finished()
    assert gui.main_window.model.upload_ids() == [] and not engine.runtimes

    engine.start(resume=False)  # the workers run the waiting aborts
    assert engine.wait_idle(30)
    for _ in range(5):
        bridge.tick()

    assert not engine.runtimes
    assert gui.main_window.model.upload_ids() == []
    assert {r.state for r in engine.journal.list_uploads(ids=ids)} == {UploadState.CANCELLED}  # in History
