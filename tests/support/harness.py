"""Run the Engine in-process against an endpoint (usually the fault proxy) and watch
what a person would see: ``Engine.snapshot()`` polled fast, checked for progress that
goes backwards or past the file size."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from hoist.config.paths import resolve_paths
from hoist.config.settings import Config, IfExists, TransferSettings
from hoist.connect import Overrides, connection_factory
from hoist.engine.core import Engine
from hoist.engine.retry import RetryPolicy
from hoist.store.journal import Destination, Journal

MiB = 1024 * 1024
PART = 5 * MiB


def destination(bucket: str, endpoint: str) -> Destination:
    return Destination(profile="", endpoint_url=endpoint, region="us-east-1", bucket=bucket, path_style=True)


def fast_settings(**changes: object) -> TransferSettings:
    settings = TransferSettings(
        concurrency=4, part_size=PART, multipart_threshold=PART, if_exists=IfExists.OVERWRITE,
        connect_timeout=5.0, io_timeout=20.0,
    )  # fmt: skip
    for name, value in changes.items():
        setattr(settings, name, value)
    return settings


FAST_RETRY = RetryPolicy(max_attempts=8, base_delay=0.02, max_delay=0.2)


def make_engine(
    home: Path,
    settings: TransferSettings | None = None,
    retry: RetryPolicy | None = None,
    config: Config | None = None,
    overrides: Overrides | None = None,
) -> Engine:
    settings = settings or fast_settings()
    journal = Journal(resolve_paths(home).ensure().journal)
    connect = connection_factory(config or Config(), settings, overrides or Overrides())
    return Engine(journal, connect, settings, retry=retry or FAST_RETRY)


@dataclass
class ProgressWatch:
    """Polls snapshot() at ~200 Hz on its own thread; records every violation."""

    engine: Engine
    interval: float = 0.005
    allow_restart: bool = False  # a file started over from zero may go back to 0
    last: dict[int, int] = field(default_factory=dict)
    sizes: dict[int, int] = field(default_factory=dict)
    totals: list[int] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    samples: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="progress-watch", daemon=True)
        self._version = 0

    def start(self) -> ProgressWatch:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._poll()

    def _poll(self) -> None:
        version, changed = self.engine.snapshot(self._version)
        self._version = max(self._version, version)
        for p in changed:
            self.samples += 1
            self.sizes[p.upload_id] = p.size
            before = self.last.get(p.upload_id, 0)
            if p.bytes_done > p.size:
                self.violations.append(f"upload {p.upload_id}: {p.bytes_done} shown > size {p.size}")
            if p.bytes_done < before and not self.allow_restart:
                self.violations.append(f"upload {p.upload_id}: went back from {before} to {p.bytes_done}")
            self.last[p.upload_id] = p.bytes_done
        total = sum(self.last.values())
        if self.totals and total < self.totals[-1] and not self.allow_restart:
            self.violations.append(f"total went back from {self.totals[-1]} to {total}")
        if total > sum(self.sizes.values()):
            self.violations.append(f"total {total} > sum of sizes {sum(self.sizes.values())}")
        self.totals.append(total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._poll()


def run_batch(
    engine: Engine,
    paths: list[Path],
    dest: Destination,
    prefix: str = "",
    timeout: float = 60.0,
    allow_restart: bool = False,
) -> tuple[list[int], ProgressWatch, float]:
    """Queue paths, run to idle, shut down. Returns (upload ids, watch, seconds)."""
    watch = ProgressWatch(engine, allow_restart=allow_restart).start()
    started = time.monotonic()
    engine.start(resume=False)
    try:
        result = engine.queue_paths([str(p) for p in paths], dest, prefix)
        assert engine.wait_idle(timeout), f"the engine did not finish within {timeout} s"
    finally:
        engine.shutdown()
        watch.stop()
    return list(result.upload_ids), watch, time.monotonic() - started
