"""What the tray shows, computed from plain data (no Qt): the queue summary, the tray
state machine, the tooltip and the menu's upload lines.

The tray is fed a ``QueueSummary``; ``QueueTracker`` builds one from the engine's
``UploadProgress`` snapshots (or anything shaped like them), so the tray can be tested
without an engine and the engine never learns about the tray.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ...display import printable
from ...engine.events import UploadProgress
from ...store.states import UploadState
from ..i18n import Context, fill
from ..models.formatting import speed_text
from ..models.totals import Totals, acked_fraction


class Tray(Context):
    """The tray icon's tooltip and menu lines."""


MAX_MENU_UPLOADS = 5
ACTIVE_LISTED = 100  # active uploads a summary names ("and N more" opens the window on them)


class TrayState(StrEnum):
    IDLE = "idle"
    UPLOADING = "uploading"
    PAUSED = "paused"
    ERROR = "error"  # something failed and needs the person


@dataclass(frozen=True)
class ActiveUpload:
    upload_id: int
    name: str
    fraction: float
    state: UploadState


@dataclass(frozen=True)
class QueueSummary:
    """Aggregated queue state: all the tray needs, nothing Qt."""

    queued: int = 0
    running: int = 0  # running + completing
    paused: int = 0
    failed: int = 0
    done: int = 0
    bytes_done: int = 0  # over the current run (everything active since the queue was last idle)
    bytes_total: int = 0
    speed: float = 0.0  # bytes per second
    eta: float | None = None  # seconds
    active: tuple[ActiveUpload, ...] = ()  # running first, then queued; at most ACTIVE_LISTED
    failed_ids: tuple[int, ...] = ()
    paused_ids: tuple[int, ...] = field(default=())
    active_total: int | None = None  # all active uploads (None: as many as listed)

    @property
    def active_count(self) -> int:
        return len(self.active) if self.active_total is None else self.active_total

    @property
    def in_progress(self) -> int:
        return self.queued + self.running

    @property
    def fraction(self) -> float:
        if self.bytes_total <= 0:
            return 0.0
        return max(0.0, min(1.0, self.bytes_done / self.bytes_total))

    @property
    def percent(self) -> int:
        # Never show 100% while something is still going.
        value = int(self.fraction * 100)
        return min(value, 99) if self.in_progress else value


def tray_state(summary: QueueSummary) -> TrayState:
    """Failures win (a person must act); then uploading; then paused; else idle."""
    if summary.failed:
        return TrayState.ERROR
    if summary.in_progress:
        return TrayState.UPLOADING
    if summary.paused:
        return TrayState.PAUSED
    return TrayState.IDLE


class CloseAction(StrEnum):
    HIDE = "hide"  # to the tray; uploads carry on
    QUIT = "quit"
    ASK = "ask"  # uploads are running and there is nowhere to hide: ask the person


def close_action(*, tray_available: bool, close_to_tray: bool, uploads_active: bool) -> CloseAction:
    """What closing the window does. Never strands running uploads out of sight silently."""
    if tray_available and close_to_tray:
        return CloseAction.HIDE
    return CloseAction.ASK if uploads_active else CloseAction.QUIT


def human_duration(seconds: float) -> str:
    if seconds < 60:
        return Tray.tr("less than a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return fill(Tray.tr("%1 min"), minutes)
    hours, minutes = divmod(minutes, 60)
    return fill(Tray.tr("%1 h %2 min"), hours, minutes) if minutes else fill(Tray.tr("%1 h"), hours)


def time_left(seconds: float) -> str:
    return Tray.tr("less than a minute left") if seconds < 60 else fill(Tray.tr("about %1 left"),
                                                                          human_duration(seconds))  # fmt: skip


def tooltip_text(summary: QueueSummary) -> str:
    """E.g. "Hoist - 3 uploading, 42%, 11.8 MiB/s, about 4 min left" (the speed in the
    window's units, so the tray and the status bar never show one speed two ways)."""
    return "Hoist - " + summary_line(summary)


def summary_line(summary: QueueSummary) -> str:
    """The queue in a line: "3 uploading, 42%, ..." or "nothing to upload"."""
    parts: list[str] = []
    if summary.in_progress:
        parts.append(Tray.tr("%n uploading", "", summary.in_progress))
        parts.append(f"{summary.percent}%")
        if summary.speed > 0:
            parts.append(speed_text(summary.speed))
        if summary.eta is not None:
            parts.append(time_left(summary.eta))
    if summary.paused:
        parts.append(Tray.tr("%n paused", "", summary.paused))
    if summary.failed:
        parts.append(Tray.tr("%n failed", "", summary.failed))
    if not parts:
        return Tray.tr("nothing to upload") if not summary.done else Tray.tr("all uploads done")
    return ", ".join(parts)


def menu_upload_lines(summary: QueueSummary, limit: int = MAX_MENU_UPLOADS) -> list[str]:
    """The active uploads as menu lines: up to ``limit``, then "and N more"."""
    lines = []
    for item in summary.active[:limit]:
        if item.state == UploadState.QUEUED:
            lines.append(fill(Tray.tr("%1 - waiting"), printable(item.name)))
        else:
            lines.append(f"{printable(item.name)} - {int(item.fraction * 100)}%")
    rest = summary.active_count - limit
    if rest > 0:
        lines.append(Tray.tr("and %n more", "", rest))
    return lines


class QueueTracker:
    """Keeps the latest snapshot of every upload and sums them up.

    Feed it the deltas of ``Engine.snapshot(since)`` (only changed uploads). Overall
    progress covers the current run: every upload that was active since the queue was
    last idle, so the percentage does not jump back when a file finishes. Sums are kept
    change by change (``Totals``): a summary costs what changed, not the whole queue.
    """

    def __init__(self) -> None:
        self.uploads: dict[int, UploadProgress] = {}
        self._all = Totals()
        self._run: set[int] = set()
        self._run_totals = Totals()
        self._left = 0  # bytes still to send of the run's active uploads
        self._running: set[int] = set()
        self._queued: set[int] = set()
        self._failed: set[int] = set()
        self._paused: set[int] = set()

    def update(self, changed: Iterable[UploadProgress]) -> None:
        for item in changed:
            self._replace(self.uploads.get(item.upload_id), item)
        if not (self._running or self._queued):
            self._run.clear()
            self._run_totals, self._left = Totals(), 0

    def forget(self, upload_ids: Iterable[int]) -> None:
        for upload_id in upload_ids:
            # The window may clear uploads whose rows never reached the tray: finished
            # while a big drop was still arriving a slice per tick.
            old = self.uploads.get(upload_id)
            if old is not None:
                self._replace(old, None)

    def _replace(self, old: UploadProgress | None, new: UploadProgress | None) -> None:
        upload_id = (new or old).upload_id  # type: ignore[union-attr]
        in_run = upload_id in self._run
        self._all.replace(old, new)
        if new is None:
            self.uploads.pop(upload_id, None)
            self._run.discard(upload_id)
        else:
            self.uploads[upload_id] = new
            if new.state.active:
                self._run.add(upload_id)
        if in_run or upload_id in self._run:
            self._run_totals.replace(old if in_run else None, new if upload_id in self._run else None)
            self._left += _left(new if upload_id in self._run else None) - _left(old if in_run else None)
        state = new.state if new is not None else None
        for ids, states in ((self._running, (UploadState.RUNNING, UploadState.COMPLETING)),
                            (self._queued, (UploadState.QUEUED,)), (self._failed, (UploadState.FAILED,)),
                            (self._paused, (UploadState.PAUSED,))):  # fmt: skip
            if state in states:
                ids.add(upload_id)
            else:
                ids.discard(upload_id)

    def summary(self) -> QueueSummary:
        counts = self._all.counts
        run = self._run_totals
        speed = float(run.speed)
        running = sorted(self._running)[:ACTIVE_LISTED]
        listed = running + heapq.nsmallest(ACTIVE_LISTED - len(running), self._queued)
        return QueueSummary(
            queued=counts[UploadState.QUEUED],
            running=counts[UploadState.RUNNING] + counts[UploadState.COMPLETING],
            paused=counts[UploadState.PAUSED],
            failed=counts[UploadState.FAILED],
            done=counts[UploadState.DONE] + counts[UploadState.SKIPPED],
            bytes_done=run.done,
            bytes_total=run.size,
            speed=speed,
            eta=self._left / speed if speed > 0 else None,
            active=tuple(
                ActiveUpload(u.upload_id, u.name, acked_fraction(u), u.state)
                for u in (self.uploads.get(i) for i in listed)
                if u is not None  # the id sets follow self.uploads; a missing one is skipped, not a crash
            ),
            failed_ids=tuple(sorted(self._failed)),
            paused_ids=tuple(sorted(self._paused)),
            active_total=len(self._running) + len(self._queued),
        )


def _left(p: UploadProgress | None) -> int:
    return max(0, p.size - p.bytes_done) if p is not None and p.state.active else 0
