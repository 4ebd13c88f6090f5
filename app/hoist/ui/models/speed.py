"""The speeds and times left the window shows, measured here over a window of seconds.

The engine's per-file rate starts from half a second of history, so the first moments
of a file showed the bytes that went into socket buffers and the bandwidth limit's one
second of credit as speed: 32.4 MiB/s under a 20 MiB/s limit, and "9 s left" at 78% that
became 40 s a moment later (issue 12, item 13). Here every speed is the bytes that moved
in the last WINDOW seconds divided by at least MIN_SPAN seconds, never more than the
bandwidth limit (which the engine keeps over any second), and the files sending now
share the whole queue's speed, so a row, a batch, the status bar and the tray add up and
never claim more than the link carries. No Qt here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace

from ...engine.events import UploadProgress
from ...store.states import UploadState

WINDOW = 10.0  # seconds of history a speed is measured over
MIN_SPAN = 3.0  # a transfer's first seconds count as at least this long: a start's burst is no speed
STALLED_AFTER = 3.0  # no byte moved for this long: the speed is 0 (not a slow decay)


class SpeedMeter:
    """Bytes per second of a counter that only grows, over the last WINDOW seconds."""

    def __init__(self) -> None:
        self._samples: deque[tuple[float, int]] = deque()
        self._changed_at = 0.0

    def rate(self, total: int, now: float) -> float:
        samples = self._samples
        if samples and (total < samples[-1][1] or now - self._changed_at > STALLED_AFTER):
            samples.clear()  # went back (a new run) or stood still: measure afresh
        if not samples or total != samples[-1][1]:
            self._changed_at = now
            samples.append((now, total))
        while len(samples) > 1 and samples[1][0] <= now - WINDOW:
            samples.popleft()
        if now - self._changed_at > STALLED_AFTER:
            return 0.0
        since, before = samples[0]
        return (total - before) / max(now - since, MIN_SPAN)


class Speeds:
    """Per-upload and whole-queue speeds, replacing the engine's in each snapshot."""

    def __init__(self) -> None:
        self._files: dict[int, SpeedMeter] = {}
        self._shown: dict[int, float] = {}  # upload id -> the speed its row shows now
        self._queue = SpeedMeter()
        self.moved = 0  # bytes sent since the window opened, all files (only grows)
        self.speed = 0.0  # the whole queue's, bytes per second

    def measure(self, changed: list[UploadProgress], known: dict[int, UploadProgress], now: float,
                limit: int = 0, fresh: Callable[[UploadProgress], bool] = lambda _p: True) -> list[UploadProgress]:  # fmt: skip
        """``changed`` with measured speeds, plus a copy of each running upload whose
        speed changed although the engine reported nothing new about it. ``known``: the
        uploads as last shown (before ``changed``); ``fresh(p)``: ``p`` was queued in this
        session (its bytes all moved now; a resumed upload's first bytes moved before)."""
        by_id = {p.upload_id: p for p in changed}
        for new in changed:
            old = known.get(new.upload_id)
            before = old.bytes_done if old is not None else 0 if fresh(new) else new.bytes_done
            self.moved += max(0, new.bytes_done - before)  # a cancelled file's bytes did move
        queue = self._queue.rate(self.moved, now)
        queue = min(queue, float(limit)) if limit > 0 else queue

        raw: dict[int, float] = {}
        for upload_id in self._files.keys() | by_id.keys():
            p = by_id.get(upload_id) or known.get(upload_id)
            if p is None or p.state != UploadState.RUNNING:
                self._files.pop(upload_id, None)
                continue
            meter = self._files.setdefault(upload_id, SpeedMeter())
            raw[upload_id] = meter.rate(p.bytes_done, now)
        # The queue's speed shared among the files sending now, in proportion to what
        # each moved: the rows add up to the status bar's figure (and the tray's), and
        # when nothing sends, nothing shows a speed.
        self.speed = queue if raw else 0.0
        total = sum(raw.values())
        for upload_id, rate in raw.items():
            raw[upload_id] = self.speed * (rate / total if total > 0 else 1 / len(raw))

        out: dict[int, UploadProgress] = {}
        for upload_id in by_id.keys() | raw.keys() | self._shown.keys():
            p = by_id.get(upload_id) or known.get(upload_id)
            if p is None:
                self._shown.pop(upload_id, None)
                continue
            speed = raw.get(upload_id, 0.0)
            if upload_id in by_id or speed != self._shown.get(upload_id, 0.0):
                out[upload_id] = p if p.speed == speed else replace(p, speed=speed)
            if speed:
                self._shown[upload_id] = speed
            else:
                self._shown.pop(upload_id, None)
        return [out[i] for i in by_id] + [shown for i, shown in out.items() if i not in by_id]
