"""A dropped folder of thousands of files reaches the window a slice per tick (issue 17).

Taken whole, 16,000 new rows in one tick held the window for ~190 ms (bench_gui many).
The bridge now takes at most TICK_CHANGES uploads per tick and, while more wait, ticks
again shortly, without waiting for the 10 Hz beat; and the cyclic collector is held off
while a drop is being queued (its full passes held every thread for 15-40 ms each)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

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
