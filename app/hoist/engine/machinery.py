"""The engine's machinery: the upload table (Runtimes) under one lock, the state machine
with its journal writes, the task queue and its worker threads, and the retry budget.
It is the StepContext the steps get; front ends use the Engine (core.py) instead.

Journal rule: a part counts as done only after ``Journal.mark_part_done`` commits, and a
state changes in memory only after its journal row has.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..config.settings import TransferSettings
from ..s3.errors import CONNECT_CODES, S3Failure
from ..store.db import JournalError
from ..store.journal import Journal, PartRow, UploadRow
from ..store.states import UploadState, can_transition
from . import events as ev
from .connections import ConnectionPool, ConnectionSetupError
from .context import ConflictResolver, TrustCheck
from .index import BatchTracker, ChangeLog
from .offline import OfflineClock
from .ratelimit import AdaptiveGate, TokenBucket, request_weight, workers_for
from .retry import RetryPolicy
from .runtime import RunStop, Runtime
from .steps import run_task
from .tasks import Task, priority

log = logging.getLogger(__name__)

_TRANSITION_CHUNK = 500  # uploads moved per hold of the lock (transition_many)

Subscriber = Callable[[ev.Event], None]


class Machinery:
    def __init__(
        self,
        journal: Journal,
        connections: ConnectionPool,
        settings: TransferSettings,
        retry: RetryPolicy,
        conflict_resolver: ConflictResolver | None,
        trust: TrustCheck | None = None,
    ) -> None:
        self.journal = journal
        self.trust = trust
        self.settings = settings
        self.retry = retry
        self.connections = connections
        self.conflict_resolver = conflict_resolver
        self.gate = AdaptiveGate(settings.concurrency)
        self.bandwidth = TokenBucket(settings.bandwidth_limit)
        self.lock = threading.RLock()
        self.runtimes: dict[int, Runtime] = {}
        self.changes = ChangeLog()  # what snapshot() reports, in time proportional to it
        self.batches = BatchTracker()  # when a batch is settled, without a scan
        self.moving: set[int] = set()  # running/completing: their live bytes change
        self.offline = OfflineClock()
        # Replaced, never changed in place, so emit() reads it without the lock (it was taken
        # three times per small file only to copy this list, each a wait for the GIL).
        self.subscribers: tuple[Subscriber, ...] = ()
        self.workers: list[threading.Thread] = []
        self.small_files = False  # a small file was queued: the pool grew for them
        self.idle = threading.Condition(self.lock)
        self.outstanding = 0  # tasks queued or running
        self._queue: queue.PriorityQueue[tuple[tuple[int, ...], int, Task | None]] = queue.PriorityQueue()
        self._seq = itertools.count()
        self._stopping = threading.Event()
        self._version = itertools.count(1)

    # -- what steps use (StepContext) ------------------------------------------------------

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def sleep(self, seconds: float) -> bool:
        return self._stopping.wait(seconds)

    def load(
        self, upload_id: int, row: UploadRow | None = None, parts: list[PartRow] | None = None
    ) -> Runtime | None:
        with self.lock:
            rt = self.runtimes.get(upload_id)
            if rt is not None:
                return rt
            row = row or self.journal.get_upload(upload_id)
            if row is None:
                return None
            rt = Runtime.load(row, parts if parts is not None else self.journal.parts(upload_id))
            self.runtimes[upload_id] = rt
            self.touch(rt)
            self._track_state(rt)
            return rt

    def loaded(self, upload_id: int) -> Runtime | None:
        with self.lock:
            return self.runtimes.get(upload_id)

    def emit(self, event: ev.Event) -> None:
        for subscriber in self.subscribers:
            try:
                subscriber(event)
            except Exception:  # a broken front end must not stop uploads
                log.exception("An event subscriber failed on %s", type(event).__name__)

    def enqueue(self, task: Task) -> None:
        self.enqueue_many((task,))

    def enqueue_many(self, tasks: Iterable[Task]) -> None:
        """Queue tasks with one hold of the lock: taken once per task, a 20,000-file batch
        waited for it 20,000 times behind busy workers (33 s before the window saw it)."""
        tasks = list(tasks)
        with self.lock:
            self.outstanding += len(tasks)
            for task in tasks:
                if self.small_files:
                    break
                if task.kind in ("start", "part"):
                    self._grow_for_small_files(task.upload_id)
        for task in tasks:
            self._queue.put((priority(task), next(self._seq), task))

    def _grow_for_small_files(self, upload_id: int) -> None:
        """The first small file makes the pool big enough to keep many of them in flight
        (ratelimit.workers_for); until then ``concurrency`` workers do, so that uploads
        of large files keep as few threads as parts in flight, and the window's thread
        competes with no more of them for the interpreter lock (call under the lock)."""
        rt = self.runtimes.get(upload_id)
        if rt is not None and rt.row.strategy == "single" and request_weight(rt.row.size) < 1:
            self.small_files = True
            if self.workers:
                self.add_workers(workers_for(self.settings.concurrency))

    def pool_size(self) -> int:
        """The workers the pool should have now (call under the lock)."""
        concurrency = self.settings.concurrency
        return workers_for(concurrency) if self.small_files else concurrency

    def set_state(
        self,
        rt: Runtime,
        state: UploadState,
        error: str | None = None,
        *,
        quiet: bool = False,
        record: Mapping[str, str] | None = None,
    ) -> bool:
        with self.lock:
            if not can_transition(rt.state, state):
                return False
            if rt.state == state and rt.error == error and not record:
                return True
            self.journal.set_state(rt.row.id, state, error, record=record)
            if record:
                changes: dict[str, Any] = dict(record)
                rt.row = dataclasses.replace(rt.row, **changes)
            self._moved(rt, state, error)
        if not quiet:
            self.announce(rt, state, error)
        return True

    def _moved(self, rt: Runtime, state: UploadState, error: str | None) -> None:
        """Memory follows a state the journal now holds (call under the lock)."""
        rt.state, rt.error = state, error
        self.touch(rt)
        self._track_state(rt)

    def touch(self, rt: Runtime) -> None:
        rt.version = next(self._version)
        self.changes.touched(rt.row.id, rt.version)

    def fail(self, rt: Runtime, message: str, *, attention: bool = False) -> None:
        with self.lock:
            if rt.state in (UploadState.FAILED,) or rt.state.finished:
                return
            if not self.set_state(rt, UploadState.FAILED, message, quiet=True):
                return
            rt.stop.set()  # after the journal write: a state and its row change together
        log.warning("Upload %s (%s) failed: %s", rt.row.id, rt.row.local_path, message)
        self.emit(ev.StateChanged(rt.row.id, UploadState.FAILED, message))
        self.emit(ev.FileFailed(rt.row.id, message, attention))
        self.settled(rt)

    def settled(self, rt: Runtime) -> None:
        """Announce the batch once its last open upload has settled."""
        batch_id = rt.row.batch_id
        with self.lock:
            if not self.batches.take_settled(batch_id):
                return
            states = [each.state for i in self.batches.members(batch_id) if (each := self.runtimes.get(i))]

        def count(state: UploadState) -> int:
            return sum(1 for s in states if s == state)

        self.emit(ev.BatchDone(batch_id, count(UploadState.DONE), count(UploadState.FAILED),
                               count(UploadState.SKIPPED), count(UploadState.CANCELLED)))  # fmt: skip

    def same_run(self, rt: Runtime, stop: RunStop, epoch: int | None = None) -> bool:
        return rt.stop is stop and not stop.is_set() and (epoch is None or rt.epoch == epoch)

    def wanted(self, rt: Runtime, epoch: int) -> bool:
        # Paused or failed uploads still want theirs: a resume or retry carries on with it.
        return rt.epoch == epoch and not rt.state.finished

    def heard_from_server(self, endpoint: str) -> None:
        self.offline.heard_from(endpoint)

    def offline_for(self, endpoint: str | None = None) -> float:
        return self.offline.offline_for(endpoint)

    def waiting_for_network(self, failure: S3Failure, endpoint: str = "") -> bool:
        return self.offline.waiting(failure, endpoint, self.settings.offline_wait)

    def count_try(
        self, failure: S3Failure, attempt: int, waits: int, endpoint: str = ""
    ) -> tuple[int, int, bool]:
        # A try spent waiting for the network moves from the first count to the second.
        waiting = self.waiting_for_network(failure, endpoint)
        return (attempt - 1, waits + 1, True) if waiting else (attempt, waits, False)

    def out_of_tries(self, failure: S3Failure, attempt: int, waiting: bool) -> bool:
        """Give up after ``attempt`` counted tries? Never while waiting for the network;
        at once when that wait is over."""
        if waiting:
            return False
        return failure.code in CONNECT_CODES or attempt >= self.retry.max_attempts

    # -- what the Engine uses ----------------------------------------------------------------

    def announce(self, rt: Runtime, state: UploadState, error: str | None = None) -> None:
        self.emit(ev.StateChanged(rt.row.id, state, error))
        if state.finished or state == UploadState.FAILED:
            self.settled(rt)

    def transition(
        self, rt: Runtime, allowed: set[UploadState], state: UploadState, *, fresh_run: bool = False
    ) -> bool:
        """Change state under the lock; tell subscribers after releasing it, so a slow
        subscriber can never hold up the workers.

        The journal write comes first and the run's stop event changes only once it has
        succeeded: a state and its journal row change together or not at all. (Setting
        the stop event first left a RUNNING upload whose parts all stopped at once and
        re-queued themselves, tens of thousands of times a second, when the write failed.)
        """
        try:
            with self.lock:
                if rt.state not in allowed:
                    return False
                if not self.set_state(rt, state, quiet=True):
                    return False
                _begin_or_end_run(rt, fresh_run)
        except JournalError as exc:
            log.warning("Upload %s could not be set %s: %s", rt.row.id, state.value, exc)
            self.emit(ev.Notice(f"{rt.row.name} could not be set {state.value}: {exc}", rt.row.id))
            return False
        self.announce(rt, state)
        return True

    def transition_many(
        self,
        rts: Iterable[Runtime],
        allowed: set[UploadState],
        state: UploadState,
        *,
        fresh_run: bool = False,
    ) -> list[Runtime]:
        """``transition`` for a whole queue: 500 uploads per hold of the lock and per journal
        transaction. One at a time, a cancel of 6,000 queued files waited for the lock
        6,000 times behind busy workers (3.6 s) while they went on sending files it had
        already cancelled: 1,638 objects stored whose rows said cancelled."""
        changed: list[Runtime] = []
        pending = list(rts)
        for start in range(0, len(pending), _TRANSITION_CHUNK):
            chunk = pending[start : start + _TRANSITION_CHUNK]
            try:
                with self.lock:
                    eligible = [rt for rt in chunk if rt.state in allowed and can_transition(rt.state, state)]
                    moved = self.journal.set_states([rt.row.id for rt in eligible], state)
                    done = [rt for rt in eligible if rt.row.id in moved]
                    for rt in done:
                        self._moved(rt, state, None)
                        _begin_or_end_run(rt, fresh_run)
            except JournalError as exc:
                log.warning("%d uploads could not be set %s: %s", len(chunk), state.value, exc)
                self.emit(ev.Notice(f"{len(chunk)} uploads could not be set {state.value}: {exc}"))
                continue
            for rt in done:
                self.emit(ev.StateChanged(rt.row.id, state, None))
            if state.finished or state == UploadState.FAILED:
                # Once per batch, not per upload: each check takes the lock.
                for rt in {rt.row.batch_id: rt for rt in done}.values():
                    self.settled(rt)
            changed += done
        return changed

    def add_workers(self, count: int) -> None:
        """Grow the worker pool to ``count`` threads (call under the lock)."""
        if self._stopping.is_set():
            return
        while len(self.workers) < count:
            worker = threading.Thread(
                target=self._work, name=f"hoist-worker-{len(self.workers)}", daemon=True
            )
            worker.start()
            self.workers.append(worker)

    def begin(self) -> None:
        self._stopping.clear()

    def stop_workers(self) -> list[threading.Thread]:
        """Every run stops, and each worker ends after the task it is on; returns them."""
        self._stopping.set()
        with self.lock:
            workers = list(self.workers)
            self.workers.clear()
            for rt in self.runtimes.values():
                rt.stop.set()
        for _ in workers:
            self._queue.put(((-1,), next(self._seq), None))
        return workers

    def wait_stopping(self, seconds: float) -> bool:
        return self._stopping.wait(seconds)

    def _track_state(self, rt: Runtime) -> None:
        """Keep the indexes in step with ``rt.state`` (call under the lock)."""
        if rt.state in (UploadState.RUNNING, UploadState.COMPLETING):
            self.moving.add(rt.row.id)
        else:
            self.moving.discard(rt.row.id)
        self.batches.update(rt.row.batch_id, rt.row.id, _settled(rt.state))

    def _work(self) -> None:
        while True:
            _, _, task = self._queue.get()
            if task is None:
                return
            try:
                if not self._stopping.is_set():
                    run_task(self, task)
            except Exception as exc:  # never lose a worker to a bug: fail the one upload
                self._failed_task(task, exc)
            finally:
                with self.lock:
                    self.outstanding -= 1
                    idle = self.outstanding == 0
                    if idle:
                        self.idle.notify_all()
                if idle and not self._stopping.is_set():
                    self.emit(ev.Idle())

    def _failed_task(self, task: Task, exc: Exception) -> None:
        if isinstance(exc, ConnectionSetupError):
            log.warning("Upload %s cannot connect: %s", task.upload_id, exc)
        else:
            log.exception("Unexpected error in %s for upload %s", task.kind, task.upload_id)
        rt = self.runtimes.get(task.upload_id)
        if rt is None:
            return
        if isinstance(exc, JournalError | ConnectionSetupError):  # says what to do
            message = f"{rt.row.name}: {exc}"
        else:
            message = f"Unexpected error: {type(exc).__name__}: {exc}"
        try:
            self.fail(rt, message, attention=True)
        except JournalError:
            # The journal cannot record the failure either. Stop the upload and say so;
            # the journal still has it unfinished, for `hoist resume`.
            with self.lock:
                rt.stop.set()
                rt.state, rt.error = UploadState.FAILED, message
                self.touch(rt)
                self._track_state(rt)
            self.emit(ev.StateChanged(rt.row.id, UploadState.FAILED, message))
            self.emit(ev.FileFailed(rt.row.id, message, True))


def _settled(state: UploadState) -> bool:
    """Nothing more will happen to it unless a person asks (a batch is done when all are)."""
    return state.finished or state == UploadState.FAILED


def _begin_or_end_run(rt: Runtime, fresh_run: bool) -> None:
    """After a transition: a new run (resume, retry) or the end of this one, whose parts in
    flight stop (call under the lock, after the journal write)."""
    if fresh_run:
        rt.stop = RunStop()
        rt.complete_refusals = rt.restarts = 0
    else:
        rt.stop.set()
