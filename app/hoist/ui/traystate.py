"""What the tray shows, computed from plain data (no Qt): the queue summary, the tray
state machine, the tooltip and the menu's upload lines.

The tray is fed a ``QueueSummary``; ``QueueTracker`` builds one from the engine's
``UploadProgress`` snapshots (or anything shaped like them), so the tray can be tested
without an engine and the engine never learns about the tray.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..display import printable
from ..engine.events import UploadProgress
from ..store.states import UploadState
from .formatting import speed_text

MAX_MENU_UPLOADS = 5


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
    active: tuple[ActiveUpload, ...] = ()  # running first, then queued
    failed_ids: tuple[int, ...] = ()
    paused_ids: tuple[int, ...] = field(default=())

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
        return "less than a minute"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def time_left(seconds: float) -> str:
    return "less than a minute left" if seconds < 60 else f"about {human_duration(seconds)} left"


def tooltip_text(summary: QueueSummary) -> str:
    """E.g. "Hoist - 3 uploading, 42%, 11.8 MiB/s, about 4 min left" (the speed in the
    window's units, so the tray and the status bar never show one speed two ways)."""
    parts: list[str] = []
    if summary.in_progress:
        parts.append(f"{summary.in_progress} uploading")
        parts.append(f"{summary.percent}%")
        if summary.speed > 0:
            parts.append(speed_text(summary.speed))
        if summary.eta is not None:
            parts.append(time_left(summary.eta))
    if summary.paused:
        parts.append(f"{summary.paused} paused")
    if summary.failed:
        parts.append(f"{summary.failed} failed")
    if not parts:
        return "Hoist - nothing to upload" if not summary.done else "Hoist - all uploads done"
    return "Hoist - " + ", ".join(parts)


def menu_upload_lines(summary: QueueSummary, limit: int = MAX_MENU_UPLOADS) -> list[str]:
    """The active uploads as menu lines: up to ``limit``, then "and N more"."""
    lines = []
    for item in summary.active[:limit]:
        if item.state == UploadState.QUEUED:
            lines.append(f"{printable(item.name)} - waiting")
        else:
            lines.append(f"{printable(item.name)} - {int(item.fraction * 100)}%")
    rest = len(summary.active) - limit
    if rest > 0:
        lines.append(f"and {rest} more")
    return lines


class QueueTracker:
    """Keeps the latest snapshot of every upload and sums them up.

    Feed it the deltas of ``Engine.snapshot(since)`` (only changed uploads). Overall
    progress covers the current run: every upload that was active since the queue was
    last idle, so the percentage does not jump back when a file finishes.
    """

    def __init__(self) -> None:
        self.uploads: dict[int, UploadProgress] = {}
        self._run: set[int] = set()

    def update(self, changed: Iterable[UploadProgress]) -> None:
        for item in changed:
            self.uploads[item.upload_id] = item
            if item.state.active:
                self._run.add(item.upload_id)
        if not any(u.state.active for u in self.uploads.values()):
            self._run.clear()

    def forget(self, upload_ids: Iterable[int]) -> None:
        for upload_id in upload_ids:
            self.uploads.pop(upload_id, None)
            self._run.discard(upload_id)

    def summary(self) -> QueueSummary:
        counts = dict.fromkeys(UploadState, 0)
        for item in self.uploads.values():
            counts[item.state] += 1
        run = [self.uploads[i] for i in self._run if i in self.uploads]
        bytes_total = sum(u.size for u in run)
        bytes_done = sum(u.size if u.state == UploadState.DONE else u.bytes_done for u in run)
        speed = sum(u.speed for u in run if u.state == UploadState.RUNNING)
        active_left = sum(max(0, u.size - u.bytes_done) for u in run if u.state.active)
        eta = active_left / speed if speed > 0 else None
        order = {UploadState.COMPLETING: 0, UploadState.RUNNING: 0, UploadState.QUEUED: 1}
        active = sorted(
            (u for u in self.uploads.values() if u.state.active),
            key=lambda u: (order[u.state], u.upload_id),
        )
        return QueueSummary(
            queued=counts[UploadState.QUEUED],
            running=counts[UploadState.RUNNING] + counts[UploadState.COMPLETING],
            paused=counts[UploadState.PAUSED],
            failed=counts[UploadState.FAILED],
            done=counts[UploadState.DONE] + counts[UploadState.SKIPPED],
            bytes_done=bytes_done,
            bytes_total=bytes_total,
            speed=speed,
            eta=eta,
            active=tuple(ActiveUpload(u.upload_id, u.name, u.fraction, u.state) for u in active),
            failed_ids=tuple(sorted(i for i, u in self.uploads.items() if u.state == UploadState.FAILED)),
            paused_ids=tuple(sorted(i for i, u in self.uploads.items() if u.state == UploadState.PAUSED)),
        )
