"""In-memory state of one upload while the engine holds it (guarded by the engine lock)."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

from ..store.journal import PartRow, UploadRow
from ..store.states import PartState, UploadState
from .integrity import ReceiptHasher


class RateMeter:
    """Bytes per second over the last few seconds."""

    __slots__ = ("_samples", "window")

    def __init__(self, window: float = 5.0) -> None:
        self.window = window
        # Made at the first sample: an empty deque is 760 bytes, and every queued upload
        # has a meter (10,000 queued files: 7.6 MB for meters that had not measured yet).
        self._samples: deque[tuple[float, int]] | None = None

    def sample(self, total: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if self._samples is None:
            self._samples = deque()
        elif self._samples and now - self._samples[-1][0] < 0.2:
            return
        self._samples.append((now, total))
        while self._samples and now - self._samples[0][0] > self.window:
            self._samples.popleft()

    def rate(self, total: int, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        self.sample(total, now)
        if not self._samples:
            return 0.0
        t0, b0 = self._samples[0]
        if now - t0 < 0.5:
            return 0.0
        return max(0.0, (total - b0) / (now - t0))


@dataclass
class RunStop:
    """Set when a run is over (pause, cancel, failure): ``threading.Event``'s interface, but
    the Event (a Condition, a lock and a deque: ~1 KB) is made only when something waits
    on it (a backoff). Most uploads are only ever asked ``is_set()``, and every queued
    upload has one."""

    __slots__ = ("_event", "_flag")
    _making = threading.Lock()

    def __init__(self) -> None:
        self._flag = False
        self._event: threading.Event | None = None

    def is_set(self) -> bool:
        return self._flag

    def set(self) -> None:
        with RunStop._making:
            self._flag = True
            event = self._event
        if event is not None:
            event.set()

    def wait(self, timeout: float | None = None) -> bool:
        with RunStop._making:
            if self._event is None:
                self._event = threading.Event()
                if self._flag:
                    self._event.set()
            event = self._event
        return event.wait(timeout)


@dataclass(slots=True)
class PartInfo:
    offset: int
    length: int
    state: PartState
    attempts: int
    last_error: str | None


@dataclass(slots=True)
class Runtime:
    row: UploadRow
    state: UploadState
    parts: dict[int, PartInfo]
    pending: set[int]
    done_bytes: int
    inflight: dict[int, int] = field(default_factory=dict)  # part -> bytes sent this attempt (shown)
    # Parts with a request on the wire, whatever plan sent it. Unlike ``inflight`` it
    # survives a new plan: a part is never sent again while an older request for the
    # same number may still land (a late single PUT would overwrite the new bytes).
    busy: set[int] = field(default_factory=set)
    shown: int = 0  # high-water mark of bytes shown to a person
    # One per run (queued -> ... -> paused/failed/cancelled). Set = the run is over; a new
    # run gets a new event, so "rt.stop is stop" also says "still the run that began this".
    stop: RunStop = field(default_factory=RunStop)
    epoch: int = 0  # bumped when the plan or the server-side upload is replaced
    ready: bool = False  # the current epoch's upload exists on the server: parts may go
    starting: bool = False  # a start task is running (one at a time per upload)
    start_again: bool = False  # a start was asked for while one ran: run it after
    complete_refusals: int = 0  # InvalidPart answers to Complete in this run
    restarts: int = 0  # times the server lost the upload in this run (NoSuchUpload)
    error: str | None = None
    retries: int = 0
    version: int = 0
    rate: RateMeter = field(default_factory=RateMeter)
    part_rates: dict[int, RateMeter] = field(default_factory=dict)
    receipt: ReceiptHasher | None = None  # the file's SHA-256, hashed while parts upload

    @classmethod
    def load(cls, row: UploadRow, parts: list[PartRow]) -> Runtime:
        infos = {
            p.part_number: PartInfo(p.offset, p.length, p.state, p.attempts, p.last_error) for p in parts
        }
        pending = {n for n, p in infos.items() if p.state != PartState.DONE}
        done = sum(p.length for p in infos.values() if p.state == PartState.DONE)
        return cls(
            row=row, state=row.state, parts=infos, pending=pending, done_bytes=done,
            shown=done, error=row.error, retries=row.retries,
        )  # fmt: skip

    def reset_parts(self, parts: list[PartRow]) -> None:
        fresh = Runtime.load(self.row, parts)
        self.parts, self.pending, self.done_bytes = fresh.parts, fresh.pending, fresh.done_bytes
        self.shown = self.done_bytes
        # Display only: requests still on the wire stay in ``busy`` until they end.
        self.inflight.clear()

    def live_bytes(self) -> int:
        """Bytes to show: never backwards (a retried part rewinds), never past the size."""
        actual = self.done_bytes + sum(self.inflight.values())
        self.shown = min(self.row.size, max(self.shown, actual))
        return self.shown
