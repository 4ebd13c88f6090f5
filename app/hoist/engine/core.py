"""The Engine: the one object front ends talk to.

Threads: a bounded pool of workers pulls tasks from one priority queue (start an
upload, send a part, complete, abort). Ordering by (upload, part) keeps parts
roughly ascending with a bounded number in flight, which servers that buffer
out-of-order parts (rclone serve s3) need. Workers never touch Qt; front ends get
frozen events and poll ``snapshot()``.

Journal rule: a part counts as done only after ``Journal.mark_part_done`` commits.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..config.settings import IfExists, TransferSettings
from ..s3.errors import CONNECT_CODES, S3Failure
from ..store.db import JournalError
from ..store.journal import Destination, Journal, UploadRow
from ..store.states import ACTIVE, UploadState, can_transition
from . import events as ev
from .batch import plan_batch
from .connections import ConnectionFactory, ConnectionPool, ConnectionSetupError
from .index import BatchTracker, ChangeLog
from .ratelimit import AdaptiveGate, TokenBucket
from .retry import RetryPolicy
from .runtime import Runtime
from .sources import BadInput, Skipped

log = logging.getLogger(__name__)

Subscriber = Callable[[ev.Event], None]
# Asked on a worker thread when an object exists and the policy is "ask"; returns
# the decision. The GUI blocks the worker until the person answers.
ConflictResolver = Callable[[UploadRow], IfExists]


@dataclass(frozen=True)
class Task:
    kind: str  # start | part | complete | abort
    upload_id: int
    part_number: int = 0
    epoch: int = 0


@dataclass(frozen=True)
class QueueResult:
    batch_id: int
    upload_ids: tuple[int, ...]
    skipped: tuple[Skipped, ...]


_RANK = {"abort": 0, "complete": 1, "start": 2, "part": 2}


class Engine:
    def __init__(
        self,
        journal: Journal,
        connect: ConnectionFactory,
        settings: TransferSettings | None = None,
        *,
        retry: RetryPolicy | None = None,
        conflict_resolver: ConflictResolver | None = None,
    ) -> None:
        self.journal = journal
        self.settings = settings or TransferSettings()
        if self.settings.concurrency < 1:
            raise BadInput("Concurrency must be at least 1.")
        self.retry = retry or RetryPolicy(max_attempts=self.settings.max_retries + 1)
        self.connections = ConnectionPool(connect)
        self.conflict_resolver = conflict_resolver
        self.gate = AdaptiveGate(self.settings.concurrency)
        self.bandwidth = TokenBucket(self.settings.bandwidth_limit)
        self.lock = threading.RLock()
        self.runtimes: dict[int, Runtime] = {}
        self._changes = ChangeLog()  # what snapshot() reports, in time proportional to it
        self._batches = BatchTracker()  # when a batch is settled, without a scan
        self._moving: set[int] = set()  # running/completing: their live bytes change
        # Per endpoint: the first refused connection since that endpoint last answered. One
        # clock per endpoint, so a dead server cannot wait forever while another answers.
        self._unanswered_since: dict[str, float] = {}
        self._queue: queue.PriorityQueue[tuple[tuple[int, ...], int, Task | None]] = queue.PriorityQueue()
        self._seq = itertools.count()
        self._outstanding = 0
        self._idle = threading.Condition(self.lock)
        self._subscribers: list[Subscriber] = []
        self._workers: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._version = itertools.count(1)
        self._poller: threading.Thread | None = None

    # -- subscribers -----------------------------------------------------------------

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        with self.lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self.lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def emit(self, event: ev.Event) -> None:
        with self.lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:  # a broken front end must not stop uploads
                log.exception("An event subscriber failed on %s", type(event).__name__)

    # -- queueing ----------------------------------------------------------------------

    def queue_paths(
        self,
        paths: list[str],
        destination: Destination,
        prefix: str = "",
        *,
        if_exists: IfExists | None = None,
        options: dict[str, Any] | None = None,
        label: str = "",
    ) -> QueueResult:
        """Plan and journal a batch. Raises BadInput (nothing queued) for a bad path."""
        if not destination.bucket:
            raise BadInput("No bucket was given.")
        plan = plan_batch(paths, prefix, self.settings, if_exists=if_exists, options=options)
        new_uploads, skipped = plan.uploads, plan.skipped
        label = label or _label_for(paths)
        batch_id, ids = self.journal.create_batch(label, destination, new_uploads)
        self.emit(ev.BatchQueued(batch_id, tuple(ids), label))
        for skip in skipped:
            self.emit(ev.Notice(f"Skipped {skip.path}: {skip.reason}"))
        if self._workers:
            self.run_uploads(ids)
        return QueueResult(batch_id, tuple(ids), tuple(skipped))

    # -- lifecycle -------------------------------------------------------------------

    def start(self, *, resume: bool = True) -> None:
        """Start the workers and pick up everything unfinished in the journal."""
        if self._workers:
            return
        self._stopping.clear()
        self._add_workers(self.settings.concurrency)
        self._poller = threading.Thread(target=self._poll_commands, name="hoist-commands", daemon=True)
        self._poller.start()
        for rt in self.load_unfinished():
            if resume and rt.state in ACTIVE:
                self.enqueue(Task("start", rt.row.id))
        with self.lock:
            if self._outstanding == 0:
                self._idle.notify_all()

    def load_unfinished(self) -> list[Runtime]:
        """Everything unfinished in the journal, in memory (controls act on what is loaded)."""
        loaded = [self._load(row.id, row) for row in self.journal.unfinished_uploads()]
        return [rt for rt in loaded if rt is not None]

    def run_uploads(self, upload_ids: Iterable[int]) -> None:
        """Start (or resume) these uploads now; the engine must be started."""
        for upload_id in upload_ids:
            rt = self._load(upload_id)
            if rt is not None and rt.state in ACTIVE:
                self.enqueue(Task("start", upload_id))

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no task is queued or running. True if idle, False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._outstanding > 0:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining if remaining is not None else 0.5)
        return True

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop now: in-flight parts are dropped (they are not yet journaled as done),
        running uploads go back to queued, and the journal stays consistent."""
        self._stopping.set()
        with self.lock:  # set_concurrency adds workers under the lock, unless stopping
            workers = list(self._workers)
            for rt in self.runtimes.values():
                rt.stop.set()
        for _ in workers:
            self._queue.put(((-1,), next(self._seq), None))
        for worker in workers:
            worker.join(timeout)
        self._workers.clear()
        with self.lock:
            for rt in self.runtimes.values():
                if rt.state == UploadState.RUNNING:
                    try:
                        self._set_state(rt, UploadState.QUEUED, quiet=True)
                    except JournalError as exc:  # still 'running' on disk: resume takes it as queued
                        log.warning("Upload %s stays running in the journal: %s", rt.row.id, exc)
        self.connections.close()

    @property
    def running(self) -> bool:
        return bool(self._workers) and not self._stopping.is_set()

    # -- controls (safe from any thread; they never block on the network) -------------

    def pause(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        return [
            rt.row.id
            for rt in self._select(upload_ids)
            if self._transition(rt, {UploadState.QUEUED, UploadState.RUNNING}, UploadState.PAUSED)
        ]

    def resume(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        return self._requeue(upload_ids, {UploadState.PAUSED})

    def retry_failed(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        return self._requeue(upload_ids, {UploadState.FAILED})

    def _requeue(self, upload_ids: Iterable[int] | None, states: set[UploadState]) -> list[int]:
        changed = []
        for rt in self._select(upload_ids):
            if self._transition(rt, states, UploadState.QUEUED, fresh_run=True):
                with self.lock:  # asked to try again: this endpoint's offline wait starts afresh
                    self._unanswered_since.pop(endpoint_of(rt), None)
                changed.append(rt.row.id)
                if self._workers:
                    self.enqueue(Task("start", rt.row.id))
        return changed

    def cancel(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        """Cancel and abort the server-side multipart upload (in a worker)."""
        unfinished = set(UploadState) - {UploadState.DONE, UploadState.CANCELLED, UploadState.SKIPPED}
        changed = []
        for rt in self._select(upload_ids):
            if self._transition(rt, unfinished, UploadState.CANCELLED):
                changed.append(rt.row.id)
                self.enqueue(Task("abort", rt.row.id))
        return changed

    def _transition(
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
                if not self._set_state(rt, state, quiet=True):
                    return False
                if fresh_run:
                    rt.stop = threading.Event()
                    rt.complete_refusals = rt.restarts = 0
                else:
                    rt.stop.set()  # interrupt parts in flight
        except JournalError as exc:
            log.warning("Upload %s could not be set %s: %s", rt.row.id, state.value, exc)
            self.emit(ev.Notice(f"{rt.row.name} could not be set {state.value}: {exc}", rt.row.id))
            return False
        self._announce(rt, state)
        return True

    def same_run(self, rt: Runtime, stop: threading.Event, epoch: int | None = None) -> bool:
        """Is this still the run (and, given, the plan) that began the work now ending?
        Call under the lock, together with whatever the answer allows."""
        return rt.stop is stop and not stop.is_set() and (epoch is None or rt.epoch == epoch)

    def wanted(self, rt: Runtime, epoch: int) -> bool:
        """Is a server-side upload for this plan still wanted (not cancelled, not finished,
        not replaced by a newer plan)? Paused or failed uploads still want theirs: a resume
        or retry carries on with it. Call under the lock."""
        return rt.epoch == epoch and not rt.state.finished

    # -- retry budget -----------------------------------------------------------------

    def heard_from_server(self, endpoint: str = "") -> None:
        """A server answered (with success or an error): that endpoint is reachable."""
        with self.lock:
            self._unanswered_since.pop(endpoint, None)

    def offline_for(self, endpoint: str | None = None) -> float:
        """How long connections to ``endpoint`` have been failing with no answer in
        between; with None, the longest such wait of any endpoint."""
        now = time.monotonic()
        with self.lock:
            if endpoint is None:
                return max((now - since for since in self._unanswered_since.values()), default=0.0)
            since = self._unanswered_since.get(endpoint)
        return 0.0 if since is None else now - since

    def offline_endpoints(self) -> dict[str, float]:
        """Endpoints that have not answered, with how long they have been silent."""
        now = time.monotonic()
        with self.lock:
            return {endpoint: now - since for endpoint, since in self._unanswered_since.items()}

    def waiting_for_network(self, failure: S3Failure, endpoint: str = "") -> bool:
        """True if this failure is a connection that could not be made (offline, server
        down) and the offline wait is not over: such a try is not counted. A laptop that
        loses Wi-Fi for ten minutes must not come back to a queue of failed files."""
        if failure.code not in CONNECT_CODES:
            return False
        with self.lock:
            self._unanswered_since.setdefault(endpoint, time.monotonic())
        return self.offline_for(endpoint) < self.settings.offline_wait

    def count_try(
        self, failure: S3Failure, attempt: int, waits: int, endpoint: str = ""
    ) -> tuple[int, int, bool]:
        """After a failed try: (tries that count, tries spent waiting for the network,
        waiting now). A try spent waiting moves from the first count to the second."""
        waiting = self.waiting_for_network(failure, endpoint)
        return (attempt - 1, waits + 1, True) if waiting else (attempt, waits, False)

    def out_of_tries(self, failure: S3Failure, attempt: int, waiting: bool) -> bool:
        """Give up after ``attempt`` counted tries? Never while waiting for the network;
        at once when that wait is over."""
        if waiting:
            return False
        return failure.code in CONNECT_CODES or attempt >= self.retry.max_attempts

    def forget_finished(self) -> list[int]:
        """Take finished (done/skipped/cancelled) uploads out of memory; their ids."""
        with self.lock:
            ids = [i for i, rt in self.runtimes.items() if rt.state.finished]
            for upload_id in ids:
                rt = self.runtimes.pop(upload_id)
                self._changes.forget(upload_id)
                self._batches.forget(rt.row.batch_id, upload_id)
        return ids

    def _announce(self, rt: Runtime, state: UploadState, error: str | None = None) -> None:
        self.emit(ev.StateChanged(rt.row.id, state, error))
        if state.finished or state == UploadState.FAILED:
            self._check_batch(rt.row.batch_id)

    def remove_finished(self) -> int:
        """Forget finished (done/skipped/cancelled) uploads from the queue and journal."""
        return self.journal.remove_uploads(self.forget_finished())

    def set_bandwidth_limit(self, bytes_per_second: int) -> None:
        self.bandwidth.set_rate(bytes_per_second)

    def set_concurrency(self, parts_in_flight: int) -> None:
        """Change how many parts are sent at once, while uploads run.

        Raising it adds workers; lowering it keeps the threads (idle ones cost nothing)
        and lets the gate hold back new parts until fewer than the new limit are in flight.
        """
        if parts_in_flight < 1:
            raise BadInput("Concurrency must be at least 1.")
        with self.lock:
            self.settings.concurrency = parts_in_flight
            self.gate.resize(parts_in_flight)
            if self._workers and not self._stopping.is_set():
                self._add_workers(parts_in_flight)

    def _add_workers(self, count: int) -> None:
        """Grow the worker pool to ``count`` threads."""
        while len(self._workers) < count:
            worker = threading.Thread(
                target=self._work, name=f"hoist-worker-{len(self._workers)}", daemon=True
            )
            worker.start()
            self._workers.append(worker)

    def _select(self, upload_ids: Iterable[int] | None) -> list[Runtime]:
        with self.lock:
            if upload_ids is None:
                return list(self.runtimes.values())
            found = []
            for upload_id in upload_ids:
                rt = self.runtimes.get(upload_id) or self._load(upload_id)
                if rt is not None:
                    found.append(rt)
            return found

    # -- snapshots for display ----------------------------------------------------------

    def snapshot(self, since: int = 0) -> tuple[int, list[ev.UploadProgress]]:
        """(version, uploads changed after ``since``). Cheap: call it at 10 Hz."""
        now = time.monotonic()
        result = []
        with self.lock:
            for upload_id in self._moving:
                moving = self.runtimes.get(upload_id)
                if moving is not None and moving.inflight:
                    self._touch(moving)  # bytes move without an event: report it each time
            version = self._changes.latest()
            for upload_id in sorted(self._changes.since(since)):
                rt = self.runtimes.get(upload_id)
                if rt is None:
                    continue
                shown = rt.live_bytes()
                result.append(
                    ev.UploadProgress(
                        upload_id=rt.row.id,
                        batch_id=rt.row.batch_id,
                        name=rt.row.name,
                        local_path=rt.row.local_path,
                        bucket=rt.row.bucket,
                        key=rt.row.key,
                        size=rt.row.size,
                        bytes_done=rt.row.size if rt.state == UploadState.DONE else shown,
                        parts_total=len(rt.parts),
                        parts_done=len(rt.parts) - len(rt.pending),
                        parts_in_flight=len(rt.inflight),
                        state=rt.state,
                        error=rt.error,
                        speed=rt.rate.rate(shown, now) if rt.state == UploadState.RUNNING else 0.0,
                        retries=rt.retries,
                    )
                )
        return version, result

    def part_snapshot(self, upload_id: int) -> list[ev.PartProgress]:
        with self.lock:
            rt = self.runtimes.get(upload_id)
            if rt is not None:
                now = time.monotonic()
                out = []
                for number, info in sorted(rt.parts.items()):
                    sent = rt.inflight.get(number)
                    if number not in rt.pending:
                        state, sent_bytes = "done", info.length
                    elif sent is not None:
                        state, sent_bytes = "running", sent
                    else:
                        state, sent_bytes = ("retrying" if info.last_error else "pending"), 0
                    meter = rt.part_rates.get(number)
                    speed = meter.rate(sent_bytes, now) if meter and sent is not None else 0.0
                    out.append(
                        ev.PartProgress(number, info.offset, info.length, state, sent_bytes,
                                        info.attempts, info.last_error, speed)
                    )  # fmt: skip
                return out
        return [
            ev.PartProgress(p.part_number, p.offset, p.length, p.state.value,
                            p.length if p.state.value == "done" else 0, p.attempts, p.last_error, 0.0)
            for p in self.journal.parts(upload_id)
        ]  # fmt: skip

    # -- internals used by the step modules -----------------------------------------------

    def _touch(self, rt: Runtime) -> None:
        """Something shown about this upload changed (call under the lock)."""
        rt.version = next(self._version)
        self._changes.touched(rt.row.id, rt.version)

    def _track_state(self, rt: Runtime) -> None:
        """Keep the indexes in step with ``rt.state`` (call under the lock)."""
        if rt.state in (UploadState.RUNNING, UploadState.COMPLETING):
            self._moving.add(rt.row.id)
        else:
            self._moving.discard(rt.row.id)
        self._batches.update(rt.row.batch_id, rt.row.id, _settled(rt.state))

    def _load(self, upload_id: int, row: UploadRow | None = None) -> Runtime | None:
        with self.lock:
            rt = self.runtimes.get(upload_id)
            if rt is not None:
                return rt
            row = row or self.journal.get_upload(upload_id)
            if row is None:
                return None
            rt = Runtime.load(row, self.journal.parts(upload_id))
            self.runtimes[upload_id] = rt
            self._touch(rt)
            self._track_state(rt)
            return rt

    def _set_state(
        self, rt: Runtime, state: UploadState, error: str | None = None, *, quiet: bool = False
    ) -> bool:
        """Journal first, then memory, then tell subscribers. False if not allowed now."""
        with self.lock:
            if not can_transition(rt.state, state):
                return False
            if rt.state == state and rt.error == error:
                return True
            self.journal.set_state(rt.row.id, state, error)
            rt.state = state
            rt.error = error
            self._touch(rt)
            self._track_state(rt)
        if not quiet:
            self._announce(rt, state, error)
        return True

    def _check_batch(self, batch_id: int) -> None:
        """Announce the batch once its last open upload has settled."""
        with self.lock:
            if not self._batches.take_settled(batch_id):
                return
            states = [rt.state for i in self._batches.members(batch_id) if (rt := self.runtimes.get(i))]
        done = sum(1 for s in states if s in (UploadState.DONE, UploadState.SKIPPED))
        failed = sum(1 for s in states if s == UploadState.FAILED)
        self.emit(ev.BatchDone(batch_id, done, failed))

    def enqueue(self, task: Task) -> None:
        rank = _RANK[task.kind]
        priority: tuple[int, ...] = (rank, task.upload_id)
        if rank == 2:  # a file's start before its parts; parts in ascending order
            priority += (0 if task.kind == "start" else 1, task.part_number)
        with self.lock:
            self._outstanding += 1
        self._queue.put((priority, next(self._seq), task))

    def _work(self) -> None:
        from .steps import run_task  # steps import core's types; import here to avoid a cycle

        while True:
            _, _, task = self._queue.get()
            if task is None:
                return
            try:
                if not self._stopping.is_set():
                    run_task(self, task)
            except Exception as exc:  # never lose a worker to a bug: fail the one upload
                if isinstance(exc, ConnectionSetupError):
                    log.warning("Upload %s cannot connect: %s", task.upload_id, exc)
                else:
                    log.exception("Unexpected error in %s for upload %s", task.kind, task.upload_id)
                rt = self.runtimes.get(task.upload_id)
                if rt is not None:
                    if isinstance(exc, JournalError | ConnectionSetupError):  # says what to do
                        message = f"{rt.row.name}: {exc}"
                    else:
                        message = f"Unexpected error: {type(exc).__name__}: {exc}"
                    try:
                        self.fail(rt, message, attention=True)
                    except JournalError:
                        # The journal cannot record the failure either. Stop the upload and
                        # say so; the journal still has it unfinished, for `hoist resume`.
                        self._fail_in_memory(rt, message)
            finally:
                with self.lock:
                    self._outstanding -= 1
                    idle = self._outstanding == 0
                    if idle:
                        self._idle.notify_all()
                if idle and not self._stopping.is_set():
                    self.emit(ev.Idle())

    def _fail_in_memory(self, rt: Runtime, message: str) -> None:
        with self.lock:
            rt.stop.set()
            rt.state, rt.error = UploadState.FAILED, message
            self._touch(rt)
            self._track_state(rt)
        self.emit(ev.StateChanged(rt.row.id, UploadState.FAILED, message))
        self.emit(ev.FileFailed(rt.row.id, message, True))

    def fail(self, rt: Runtime, message: str, *, attention: bool = False) -> None:
        with self.lock:
            if rt.state in (UploadState.FAILED,) or rt.state.finished:
                return
            if not self._set_state(rt, UploadState.FAILED, message, quiet=True):
                return
            rt.stop.set()  # after the journal write: a state and its row change together
        log.warning("Upload %s (%s) failed: %s", rt.row.id, rt.row.local_path, message)
        self.emit(ev.StateChanged(rt.row.id, UploadState.FAILED, message))
        self.emit(ev.FileFailed(rt.row.id, message, attention))
        self._check_batch(rt.row.batch_id)

    def _poll_commands(self) -> None:
        """Pause/cancel/resume asked by another process (``hoist pause ID``)."""
        actions = {
            "pause": self.pause, "resume": self.resume, "cancel": self.cancel,
            "retry": self.retry_failed,
        }  # fmt: skip
        while not self._stopping.wait(0.5):
            try:
                commands = self.journal.take_commands()
            except Exception:
                log.exception("Cannot read commands from the journal")
                continue
            for command in commands:
                action = actions.get(command.action)
                if action is not None:
                    try:
                        action(None if command.upload_id is None else [command.upload_id])
                    except JournalError:  # said in a Notice; the poller must live on
                        log.exception("Cannot apply %s from another process", command.action)


def endpoint_of(rt: Runtime) -> str:
    """The key of the offline clock: one per server (AWS: one per region)."""
    return rt.row.endpoint_url or f"aws:{rt.row.region}"


def _settled(state: UploadState) -> bool:
    """Nothing more will happen to it unless a person asks (a batch is done when all are)."""
    return state.finished or state == UploadState.FAILED


def _label_for(paths: list[str]) -> str:
    from pathlib import Path

    names = [Path(p.rstrip("/\\")).name or p for p in paths]
    if len(names) == 1:
        return names[0]
    return f"{names[0]} and {len(names) - 1} more"
