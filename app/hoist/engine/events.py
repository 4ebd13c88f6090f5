"""What the engine tells its front ends (the CLI and the GUI are just two subscribers).

Events are frozen dataclasses, delivered on engine threads: a subscriber must return
quickly and must not touch Qt objects (the GUI bridge queues them). Progress is NOT
an event per chunk: front ends poll ``Engine.snapshot()`` at their own pace.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.states import UploadState


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class BatchQueued(Event):
    batch_id: int
    upload_ids: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class StateChanged(Event):
    upload_id: int
    state: UploadState
    error: str | None = None


@dataclass(frozen=True)
class PartDone(Event):
    upload_id: int
    part_number: int
    etag: str


@dataclass(frozen=True)
class PartRetry(Event):
    upload_id: int
    part_number: int
    attempt: int
    error: str
    delay: float


@dataclass(frozen=True)
class FileDone(Event):
    upload_id: int
    key: str
    etag: str
    sha256: str


@dataclass(frozen=True)
class FileFailed(Event):
    upload_id: int
    error: str
    needs_attention: bool  # credentials, bucket, changed file: a person must act


@dataclass(frozen=True)
class Notice(Event):
    """Something a person should read, e.g. an upload restarted because its file changed."""

    message: str
    upload_id: int | None = None


@dataclass(frozen=True)
class BatchDone(Event):
    batch_id: int
    done: int  # on the server now
    failed: int
    skipped: int = 0  # left alone by the if-exists policy
    cancelled: int = 0  # cancelled by a person


@dataclass(frozen=True)
class Idle(Event):
    """Nothing left to do: every upload is finished, failed or paused."""


@dataclass(frozen=True)
class UploadProgress:
    """A snapshot of one upload for display. Bytes never go backwards nor past size."""

    upload_id: int
    batch_id: int
    name: str
    local_path: str
    bucket: str
    key: str
    size: int
    bytes_done: int
    parts_total: int
    parts_done: int
    parts_in_flight: int
    state: UploadState
    error: str | None
    speed: float  # bytes per second, recent
    retries: int
    # Bytes of parts the server acknowledged (journaled): what survives a restart, so
    # what a front end shows as done. None: same as bytes_done (built by hand).
    bytes_acked: int | None = None

    @property
    def fraction(self) -> float:
        return 1.0 if self.size == 0 else min(1.0, self.bytes_done / self.size)

    @property
    def acked(self) -> int:
        return self.bytes_done if self.bytes_acked is None else min(self.bytes_acked, self.size)

    @property
    def eta(self) -> float | None:
        if self.speed <= 0 or self.state.finished:
            return None
        return (self.size - self.bytes_done) / self.speed


@dataclass(frozen=True)
class PartProgress:
    part_number: int
    offset: int
    length: int
    state: str  # pending | running | done | retrying
    bytes_sent: int
    attempts: int
    last_error: str | None
    speed: float
