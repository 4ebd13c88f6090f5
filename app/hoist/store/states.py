"""Upload and part states, with every allowed transition in one place."""

from __future__ import annotations

from enum import StrEnum


class UploadState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETING = "completing"  # all parts acknowledged; Complete and verification under way
    DONE = "done"
    FAILED = "failed"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # the object existed and the policy said skip

    @property
    def finished(self) -> bool:
        return self in FINISHED

    @property
    def active(self) -> bool:
        return self in ACTIVE


class PartState(StrEnum):
    PENDING = "pending"
    DONE = "done"


FINISHED = frozenset({UploadState.DONE, UploadState.CANCELLED, UploadState.SKIPPED})
ACTIVE = frozenset({UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING})
UNFINISHED = frozenset(UploadState) - FINISHED

_ALLOWED: dict[UploadState, frozenset[UploadState]] = {
    UploadState.QUEUED: frozenset(
        {UploadState.RUNNING, UploadState.PAUSED, UploadState.CANCELLED, UploadState.FAILED}
    ),
    UploadState.RUNNING: frozenset(
        {
            UploadState.COMPLETING,
            UploadState.DONE,  # a single PUT is verified in the same step
            UploadState.SKIPPED,
            UploadState.FAILED,
            UploadState.PAUSED,
            UploadState.CANCELLED,
            UploadState.QUEUED,  # handed back on shutdown or restart
        }
    ),
    UploadState.COMPLETING: frozenset(
        {
            UploadState.DONE,
            UploadState.FAILED,
            UploadState.RUNNING,  # the server lacked parts: redo them
            UploadState.QUEUED,
            UploadState.CANCELLED,
        }
    ),
    UploadState.PAUSED: frozenset({UploadState.QUEUED, UploadState.CANCELLED}),
    UploadState.FAILED: frozenset({UploadState.QUEUED, UploadState.CANCELLED}),
    UploadState.DONE: frozenset(),
    UploadState.CANCELLED: frozenset(),
    UploadState.SKIPPED: frozenset(),
}


class IllegalTransition(Exception):
    def __init__(self, current: UploadState, wanted: UploadState) -> None:
        super().__init__(f"an upload cannot go from {current} to {wanted}")
        self.current = current
        self.wanted = wanted


def check_transition(current: UploadState, wanted: UploadState) -> None:
    if current != wanted and wanted not in _ALLOWED[current]:
        raise IllegalTransition(current, wanted)


def can_transition(current: UploadState, wanted: UploadState) -> bool:
    return current == wanted or wanted in _ALLOWED[current]
