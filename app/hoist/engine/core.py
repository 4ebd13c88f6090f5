"""The Engine: the one object front ends (the CLI, the window) talk to.

Threads: a bounded pool of workers pulls tasks from one priority queue (start an
upload, send a part, complete, abort); the steps they run live in their own modules and
see the engine only through StepContext (context.py), which the machinery provides
(machinery.py). Workers never touch Qt; front ends get frozen events and poll
``snapshot()``. Controls (pause, resume, cancel, retry) are safe from any thread and
never block on the network.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config.settings import IfExists, TransferSettings
from ..s3.service import SERVICE_REGION
from ..store.db import JournalError
from ..store.journal import Destination, Journal
from ..store.states import ACTIVE, UploadState
from . import events as ev
from .batch import plan_batch
from .connections import ConnectionFactory, ConnectionPool
from .context import ConflictResolver, TrustCheck
from .machinery import Machinery, Subscriber
from .offline import endpoint_of
from .ratelimit import AdaptiveGate, TokenBucket
from .retry import RetryPolicy
from .runtime import Runtime
from .sources import BadInput, Skipped
from .tasks import Task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueResult:
    batch_id: int
    upload_ids: tuple[int, ...]
    skipped: tuple[Skipped, ...]


_LOAD_CHUNK = 500  # uploads loaded per hold of the engine lock


class Engine:
    def __init__(
        self,
        journal: Journal,
        connect: ConnectionFactory,
        settings: TransferSettings | None = None,
        *,
        retry: RetryPolicy | None = None,
        conflict_resolver: ConflictResolver | None = None,
        trust: TrustCheck | None = None,
    ) -> None:
        settings = settings or TransferSettings()
        if settings.concurrency < 1:
            raise BadInput("Concurrency must be at least 1.")
        self.machinery = Machinery(
            journal, ConnectionPool(connect), settings,
            retry or RetryPolicy(max_attempts=settings.max_retries + 1), conflict_resolver, trust,
        )  # fmt: skip
        self._poller: threading.Thread | None = None
        # Commands another process left before this engine existed were for an earlier one
        # (it ended before reading them): applied now, a `pause --all` left by a killed
        # upload paused the next, unrelated one (found by a helper: 2,825 of 3,000 cancelled).
        self._born = time.time()

    # -- what front ends may read --------------------------------------------------------

    @property
    def journal(self) -> Journal:
        return self.machinery.journal

    @property
    def settings(self) -> TransferSettings:
        return self.machinery.settings

    @property
    def connections(self) -> ConnectionPool:
        return self.machinery.connections

    @property
    def runtimes(self) -> dict[int, Runtime]:
        """Uploads in memory; read them under ``lock``."""
        return self.machinery.runtimes

    @property
    def lock(self) -> threading.RLock:
        return self.machinery.lock

    @property
    def gate(self) -> AdaptiveGate:
        return self.machinery.gate

    @property
    def bandwidth(self) -> TokenBucket:
        return self.machinery.bandwidth

    @property
    def retry(self) -> RetryPolicy:
        return self.machinery.retry

    @retry.setter
    def retry(self, policy: RetryPolicy) -> None:  # the settings dialog applies it at once
        self.machinery.retry = policy

    @property
    def stopping(self) -> bool:
        """Shutting down: a question put to a person (if-exists) can be dropped."""
        return self.machinery.stopping

    @property
    def running(self) -> bool:
        return bool(self.machinery.workers) and not self.machinery.stopping

    # -- subscribers -----------------------------------------------------------------

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        m = self.machinery
        with self.lock:
            m.subscribers = (*m.subscribers, subscriber)

        def unsubscribe() -> None:
            with self.lock:
                m.subscribers = tuple(s for s in m.subscribers if s is not subscriber)

        return unsubscribe

    def emit(self, event: ev.Event) -> None:
        self.machinery.emit(event)

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
        if not destination.bucket and destination.region != SERVICE_REGION:  # a service picks it
            raise BadInput("No bucket was given.")
        plan = plan_batch(paths, prefix, self.settings, if_exists=if_exists, options=options)
        label = label or _label_for(paths)
        batch_id, ids = self.journal.create_batch(label, destination, plan.uploads)
        self.emit(ev.BatchQueued(batch_id, tuple(ids), label))
        for skip in plan.skipped:
            self.emit(ev.Notice(f"Skipped {skip.path}: {skip.reason}"))
        if self.machinery.workers:
            self.run_uploads(ids)
        return QueueResult(batch_id, tuple(ids), tuple(plan.skipped))

    # -- lifecycle -------------------------------------------------------------------

    def start(self, *, resume: bool = True) -> None:
        """Start the workers and pick up everything unfinished in the journal."""
        m = self.machinery
        if m.workers:
            return
        m.begin()
        with self.lock:
            m.add_workers(m.pool_size())
        self._poller = threading.Thread(target=self._poll_commands, name="hoist-commands", daemon=True)
        self._poller.start()
        unfinished = self.load_unfinished()
        if resume:
            m.enqueue_many(Task("start", rt.row.id) for rt in unfinished if rt.state in ACTIVE)
        # aborts and sweeps an earlier run could not finish
        m.enqueue_many(Task("cleanup", row.id) for row in self.journal.cleanup_due())
        with self.lock:
            if m.outstanding == 0:
                m.idle.notify_all()

    def load_unfinished(self) -> list[Runtime]:
        """Everything unfinished in the journal, in memory (controls act on what is loaded)."""
        loaded = [self.machinery.load(row.id, row) for row in self.journal.unfinished_uploads()]
        return [rt for rt in loaded if rt is not None]

    def run_uploads(self, upload_ids: Iterable[int]) -> None:
        """Start (or resume) these uploads now; the engine must be started.

        A big batch is read from the journal in a few bulk queries, and loaded a chunk at a
        time under the lock: one upload at a time (two queries each, under the lock the
        workers need too) kept a 20,000-file folder from showing in the window until most
        of it had uploaded."""
        ids = list(upload_ids)
        m = self.machinery
        with self.lock:
            missing = [i for i in ids if i not in m.runtimes]
        rows = {r.id: r for r in self.journal.list_uploads(ids=missing)} if missing else {}
        parts = self.journal.parts_of(missing) if missing else {}
        for start in range(0, len(ids), _LOAD_CHUNK):
            with self.lock:  # the workers get the lock between chunks
                loaded = [m.load(i, rows.get(i), parts.get(i)) for i in ids[start : start + _LOAD_CHUNK]]
            m.enqueue_many(Task("start", rt.row.id) for rt in loaded if rt is not None and rt.state in ACTIVE)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no task is queued or running. True if idle, False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        m = self.machinery
        with m.idle:
            while m.outstanding > 0:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                m.idle.wait(remaining if remaining is not None else 0.5)
        return True

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop now: in-flight parts are dropped (they are not yet journaled as done),
        running uploads go back to queued, and the journal stays consistent."""
        for worker in self.machinery.stop_workers():
            worker.join(timeout)
        with self.lock:
            for rt in self.runtimes.values():
                if rt.state == UploadState.RUNNING:
                    try:
                        self.machinery.set_state(rt, UploadState.QUEUED, quiet=True)
                    except JournalError as exc:  # still 'running' on disk: resume takes it as queued
                        log.warning("Upload %s stays running in the journal: %s", rt.row.id, exc)
        self.connections.close()

    # -- controls (safe from any thread; they never block on the network) -------------

    def pause(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        allowed = {UploadState.QUEUED, UploadState.RUNNING}
        return self._transition(upload_ids, allowed, UploadState.PAUSED)

    def _transition(
        self, upload_ids: Iterable[int] | None, allowed: set[UploadState], state: UploadState, *,
        fresh_run: bool = False,
    ) -> list[int]:  # fmt: skip
        """One upload as before (its refusal said in its own words); many in bulk."""
        selected = self._select(upload_ids)
        m = self.machinery
        if len(selected) == 1:
            rt = selected[0]
            return [rt.row.id] if m.transition(rt, allowed, state, fresh_run=fresh_run) else []
        return [rt.row.id for rt in m.transition_many(selected, allowed, state, fresh_run=fresh_run)]

    def resume(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        return self._requeue(upload_ids, {UploadState.PAUSED})

    def retry_failed(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        """Try failed uploads again, on connections made afresh from the profile and the
        keyring as they are now: a secret corrected meanwhile (in the window, or with
        `hoist profile set` while the window ran) is the one the retry uses."""
        failed = [rt for rt in self._select(upload_ids) if rt.state == UploadState.FAILED]
        for profile in {rt.row.profile for rt in failed}:
            self.connections.forget_profile(profile)
        return self._requeue([rt.row.id for rt in failed], {UploadState.FAILED})

    def cancel(self, upload_ids: Iterable[int] | None = None) -> list[int]:
        """Cancel and abort the server-side multipart upload (in a worker)."""
        unfinished = set(UploadState) - {UploadState.DONE, UploadState.CANCELLED, UploadState.SKIPPED}
        changed = self._transition(upload_ids, unfinished, UploadState.CANCELLED)
        self.machinery.enqueue_many(Task("abort", upload_id) for upload_id in changed)
        return changed

    def _requeue(self, upload_ids: Iterable[int] | None, states: set[UploadState]) -> list[int]:
        changed = self._transition(upload_ids, states, UploadState.QUEUED, fresh_run=True)
        m = self.machinery
        # Asked to try again: each endpoint's offline wait starts afresh.
        with self.lock:
            endpoints = {endpoint_of(m.runtimes[i].row) for i in changed if i in m.runtimes}
        for endpoint in endpoints:
            m.offline.heard_from(endpoint)
        if m.workers:
            m.enqueue_many(Task("start", upload_id) for upload_id in changed)
        return changed

    def _select(self, upload_ids: Iterable[int] | None) -> list[Runtime]:
        with self.lock:
            if upload_ids is None:
                return list(self.runtimes.values())
            found = []
            for upload_id in upload_ids:
                rt = self.machinery.load(upload_id)
                if rt is not None:
                    found.append(rt)
            return found

    # -- settings that apply while uploads run -----------------------------------------

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
            if self.machinery.workers:
                self.machinery.add_workers(self.machinery.pool_size())

    # -- the offline wait, as the window shows it -------------------------------------------

    def offline_for(self, endpoint: str | None = None) -> float:
        """How long ``endpoint`` (None: the longest of any) has not answered."""
        return self.machinery.offline.offline_for(endpoint)

    def offline_endpoints(self) -> dict[str, float]:
        return self.machinery.offline.endpoints()

    # -- finished uploads -------------------------------------------------------------------

    def forget_finished(self) -> list[int]:
        """Take finished (done/skipped/cancelled) uploads out of memory; their ids."""
        m = self.machinery
        with self.lock:
            ids = [i for i, rt in self.runtimes.items() if rt.state.finished]
            for upload_id in ids:
                rt = self.runtimes.pop(upload_id)
                m.changes.forget(upload_id)
                m.batches.forget(rt.row.batch_id, upload_id)
        return ids

    def remove_finished(self) -> int:
        """Forget finished (done/skipped/cancelled) uploads from the queue and journal."""
        return self.journal.remove_uploads(self.forget_finished())

    # -- snapshots for display ----------------------------------------------------------

    def snapshot(self, since: int = 0) -> tuple[int, list[ev.UploadProgress]]:
        """(version, uploads changed after ``since``). Cheap: call it at 10 Hz."""
        taken = self.try_snapshot(since, wait=None)
        assert taken is not None
        return taken

    def try_snapshot(
        self, since: int = 0, *, wait: float | None, limit: int | None = None
    ) -> tuple[int, list[ev.UploadProgress]] | None:
        """``snapshot``, or None if the lock is not free within ``wait`` seconds (None: wait
        as long as it takes). For a window's timer: dozens of workers taking the lock in
        turn could keep the GUI thread waiting for it past a frame or ten.

        ``limit``: at most that many uploads, the oldest changes first; the version
        returned is then the one to ask from next, and the rest come then. A folder of
        20,000 files arrives in one or two snapshots otherwise, and a tick that turned
        16,000 of them into rows held the window for ~190 ms (bench_gui ``many``).
        """
        if not self.lock.acquire(timeout=-1 if wait is None else wait):
            return None
        try:
            return self._snapshot_locked(since, limit)
        finally:
            self.lock.release()

    def _snapshot_locked(self, since: int, limit: int | None) -> tuple[int, list[ev.UploadProgress]]:
        m = self.machinery
        now = time.monotonic()
        for upload_id in m.moving:
            moving = self.runtimes.get(upload_id)
            if moving is not None and moving.inflight:
                m.touch(moving)  # bytes move without an event: report it each time
        if limit is None:
            version, ids = m.changes.latest(), m.changes.since(since)
        else:
            ids, version = m.changes.oldest_since(since, limit)
        changed = [self.runtimes.get(upload_id) for upload_id in sorted(ids)]
        return version, [_progress(rt, now) for rt in changed if rt is not None]

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

    # -- commands from other processes ---------------------------------------------------

    def _poll_commands(self) -> None:
        """Pause/cancel/resume asked by another process (``hoist pause ID``)."""
        actions = {
            "pause": self.pause, "resume": self.resume, "cancel": self.cancel,
            "retry": self.retry_failed,
        }  # fmt: skip
        while not self.machinery.wait_stopping(0.5):
            try:
                commands = self.journal.take_commands()
            except Exception:
                log.exception("Cannot read commands from the journal")
                continue
            stale = [c for c in commands if c.created_at < self._born]
            if stale:
                log.warning("Dropped %d command(s) left for an earlier Hoist: %s", len(stale),
                            ", ".join(f"{c.action} {c.upload_id or 'all'}" for c in stale))  # fmt: skip
            for command in (c for c in commands if c.created_at >= self._born):
                action = actions.get(command.action)
                if action is not None:
                    try:
                        action(None if command.upload_id is None else [command.upload_id])
                    except JournalError:  # said in a Notice; the poller must live on
                        log.exception("Cannot apply %s from another process", command.action)


def _progress(rt: Runtime, now: float) -> ev.UploadProgress:
    shown = rt.live_bytes()
    return ev.UploadProgress(
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
        bytes_acked=rt.row.size if rt.state == UploadState.DONE else rt.done_bytes,
    )


def _label_for(paths: list[str]) -> str:
    names = [Path(p.rstrip("/\\")).name or p for p in paths]
    if len(names) == 1:
        return names[0]
    return f"{names[0]} and {len(names) - 1} more"
