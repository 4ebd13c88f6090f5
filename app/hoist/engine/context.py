"""What a step (start, parts, complete, finish, abort) may use of the engine: this
interface and nothing else. The engine's machinery (machinery.py) provides it; a test
can provide a fake. Everything here is safe from any worker thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Protocol

from ..config.settings import IfExists, TransferSettings
from ..s3.errors import S3Failure
from ..store.journal import Journal, UploadRow
from ..store.states import UploadState
from . import events as ev
from .connections import ConnectionPool
from .ratelimit import AdaptiveGate, TokenBucket
from .retry import RetryPolicy
from .runtime import RunStop, Runtime
from .tasks import Task

# Asked on a worker thread when an object exists and the policy is "ask"; returns the
# decision. The GUI blocks the worker until the person answers.
ConflictResolver = Callable[[UploadRow], IfExists]
# Why a journal row must not be sent (it was not queued by this account's Hoist), or None:
# hoist/seal.py. Without one, every row is trusted (tests, embedders).
TrustCheck = Callable[[UploadRow], str | None]


class StepContext(Protocol):
    # Shared, thread-safe parts. ``lock`` guards every Runtime; hold it to read or change
    # one, and to journal anything whose truth depends on what a Runtime says.
    lock: threading.RLock
    journal: Journal
    settings: TransferSettings
    retry: RetryPolicy
    gate: AdaptiveGate
    bandwidth: TokenBucket
    connections: ConnectionPool
    conflict_resolver: ConflictResolver | None
    trust: TrustCheck | None

    @property
    def stopping(self) -> bool:
        """The engine is shutting down: start nothing new."""

    def sleep(self, seconds: float) -> bool:
        """Wait, unless the engine stops first; True if it did."""

    def loaded(self, upload_id: int) -> Runtime | None:
        """The upload in memory, or None if it is not (never loads it from the journal)."""

    def emit(self, event: ev.Event) -> None:
        """Tell the front ends (never call under ``lock``: subscribers may be slow)."""

    def enqueue(self, task: Task) -> None: ...

    def set_state(
        self,
        rt: Runtime,
        state: UploadState,
        error: str | None = None,
        *,
        quiet: bool = False,
        record: Mapping[str, str] | None = None,
    ) -> bool:
        """Journal first, then memory, then (unless quiet) tell subscribers. False if the
        transition is not allowed now. Raises JournalError when the journal cannot."""

    def touch(self, rt: Runtime) -> None:
        """Something shown about this upload changed (under ``lock``)."""

    def fail(self, rt: Runtime, message: str, *, attention: bool = False) -> None: ...

    def settled(self, rt: Runtime) -> None:
        """The upload reached a final state: announce its batch if it was the last."""

    def same_run(self, rt: Runtime, stop: RunStop, epoch: int | None = None) -> bool:
        """Still the run (and, given, the plan) that began this work? Under ``lock``."""

    def wanted(self, rt: Runtime, epoch: int) -> bool:
        """Is a server-side upload for plan ``epoch`` still wanted? Under ``lock``."""

    # The retry budget and the per-endpoint offline wait.
    def heard_from_server(self, endpoint: str) -> None: ...

    def offline_for(self, endpoint: str | None = None) -> float: ...

    def count_try(self, failure: S3Failure, attempt: int, waits: int, endpoint: str) -> tuple[int, int, bool]:
        """After a failed try: (tries that count, tries spent waiting for the network,
        waiting now)."""

    def out_of_tries(self, failure: S3Failure, attempt: int, waiting: bool) -> bool: ...
