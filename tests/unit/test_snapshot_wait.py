"""The window's 10 Hz tick asks the engine for what changed. With dozens of workers taking
the engine lock in turn, a tick that waited for it stalled the window (bench_gui: lag max
217 ms while 20,000 small files uploaded). ``try_snapshot`` gives up after a short wait;
what changed meanwhile is kept by version and shown at the next tick."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from hoist.store.journal import Destination
from tests.support.harness import fast_settings, make_engine


def test_a_busy_engine_lock_costs_the_window_a_tick_not_a_stall(tmp_path: Path):
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_bytes(b"x")
    engine = make_engine(tmp_path / "home", fast_settings())
    engine.queue_paths([str(folder)], Destination("", "http://127.0.0.1:9", "us-east-1", "b", True))
    version, first = engine.snapshot(0)
    assert len(first) == 0  # nothing loaded yet: the engine is not started
    engine.load_unfinished()

    held, release = threading.Event(), threading.Event()

    def busy_worker() -> None:
        with engine.lock:
            held.set()
            release.wait(5)

    worker = threading.Thread(target=busy_worker)
    worker.start()
    held.wait(5)
    started = time.monotonic()
    assert engine.try_snapshot(version, wait=0.01) is None
    assert time.monotonic() - started < 0.5
    release.set()
    worker.join(5)
    taken = engine.try_snapshot(version, wait=0.01)
    assert taken is not None
    later, changed = taken
    assert later > version and sorted(p.name for p in changed) == ["0.txt", "1.txt", "2.txt"]
    engine.journal.close()
