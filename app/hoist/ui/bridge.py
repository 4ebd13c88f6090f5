"""The one place where the Qt-free engine meets Qt.

Engine events arrive on worker threads: ``_on_event`` only appends them to a deque.
A QTimer on the GUI thread (10 Hz) drains the deque, polls ``engine.snapshot(since)``
(only uploads that changed) and emits signals with whole batches of changes, so the
views repaint at most ten times a second however fast bytes move.

Anything that may touch the journal or the network (starting the engine, queueing a
folder scan, pause/cancel, history queries) runs on a background thread; results
come back to the GUI thread through ``Dispatcher``.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..config.settings import IfExists
from ..engine import events as ev
from ..engine.core import Engine, QueueResult
from ..engine.offline import endpoint_of
from ..engine.sources import Skipped
from ..store.journal import Destination, UploadRow
from ..store.states import UploadState
from .models.formatting import batch_label_text, endpoint_text, place_text
from .models.messages import Cause, expected, window_message, window_notice, window_text
from .models.parts_frame import PartsFrame, make_frame, shown_parts
from .models.speed import Speeds
from .models.totals import Totals

log = logging.getLogger(__name__)

TICK_MS = 100
PARTS_INTERVAL = 0.25  # seconds between part snapshots of a file with many parts
OFFLINE_AFTER = 10.0  # seconds of retries with no byte moving
OFFLINE_CONFIRM = 2.0  # seconds of connections refused in a row
SNAPSHOT_WAIT = 0.01  # seconds a tick waits for the engine lock before trying next tick
MAX_MISSED_TICKS = 4  # then the tick waits for it
# Uploads a tick takes in at most: a dropped folder of 20,000 files arrived in one or
# two ticks of up to ~190 ms (20-30 us per new row across the bridge, the queue model
# and the tray's sums, with the workers busy). Ordinary ticks change far fewer. While
# more are waiting, the next tick comes CATCH_UP_MS later instead of at the 10 Hz beat,
# so the rows still arrive within about a second, with the event loop running between.
TICK_CHANGES = 1000
CATCH_UP_MS = 15


_collector_lock = threading.Lock()
_collector_holders = 0


@contextmanager
def collector_held() -> Iterator[None]:
    """No cyclic garbage collection while a drop is queued, and what it built frozen
    after. A folder of 20,000 files set off full collections as it was scanned and
    journaled, each holding the interpreter lock, and so the window, for 15-40 ms, a
    few in a row (bench_gui many: the window's stretches of 115-160 ms had ~20-50 ms of
    its own work in them). Garbage in cycles waits until the queueing is done."""
    global _collector_holders
    with _collector_lock:
        _collector_holders += 1
        gc.disable()
    try:
        yield
    finally:
        with _collector_lock:
            _collector_holders -= 1
            if not _collector_holders:
                gc.freeze()
                gc.enable()


class Dispatcher(QObject):
    """Runs callables on the thread this object lives in (the GUI thread)."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run)

    def post(self, fn: Callable[[], None]) -> None:
        self._posted.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


def describe_error(exc: BaseException) -> str | None:
    """Words for errors a person can act on (messages.window_text); None for a bug
    (shown with details)."""
    return window_text(exc) if expected(exc) else None


@dataclass
class ConflictRequest:
    """A question from a worker thread; the GUI sets ``answer`` and ``apply_all``."""

    row: UploadRow
    answer: IfExists = IfExists.SKIP
    apply_all: bool = False
    done: threading.Event = field(default_factory=threading.Event)


class ConflictBroker(QObject):
    """``Engine(conflict_resolver=broker.resolve)``: called on a worker thread, blocks
    it until the person answers in a dialog on the GUI thread."""

    asked = Signal(object)  # ConflictRequest

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()  # one question at a time
        self._remembered: IfExists | None = None
        self._closing = threading.Event()
        self._pending: list[ConflictRequest] = []
        # Set by the bridge: True once the engine stops (the asking worker must let go).
        self.stopping: Callable[[], bool] = lambda: False

    def resolve(self, row: UploadRow) -> IfExists:
        with self._lock:
            if self._remembered is not None:
                return self._remembered
            request = ConflictRequest(row)
            if self._closing.is_set() or self.stopping():
                return IfExists.OVERWRITE  # unanswered: the engine sees the upload stopped
            self._pending.append(request)
            self.asked.emit(request)
            while not request.done.wait(0.2):
                if self._closing.is_set() or self.stopping():
                    # Shutting down: the engine drops this upload before sending anything
                    # (its stop flag is set) and asks again on the next start.
                    request.answer, request.apply_all = IfExists.OVERWRITE, False
                    break
            self._pending.remove(request)
            if request.apply_all:
                self._remembered = request.answer
            return request.answer

    def forget_apply_all(self) -> None:
        self._remembered = None

    def close(self) -> None:
        self._closing.set()


@dataclass
class Aggregate:
    """What the status bar and the tray show about the whole queue."""

    counts: dict[UploadState, int] = field(default_factory=dict)
    bytes_done: int = 0
    bytes_total: int = 0
    speed: float = 0.0
    eta: float | None = None
    paused: bool = False  # something is paused and nothing runs
    offline: bool = False  # parts keep retrying and no byte moves
    offline_where: tuple[str, ...] = ()  # the servers that do not answer, as a person names them
    engine_running: bool = False

    @property
    def active(self) -> int:
        return sum(self.counts.get(s, 0) for s in (UploadState.QUEUED, UploadState.RUNNING,
                                                   UploadState.COMPLETING))  # fmt: skip


FREEZE_AFTER_NEW = 1000  # uploads arriving in one tick


class EngineBridge(QObject):
    # Lists travel as ``object``: a ``list`` signature would convert every element to a
    # QVariant and back on each emit (milliseconds for 2,000 parts).
    uploads_changed = Signal(object)  # [UploadProgress], only those that changed
    uploads_removed = Signal(object)  # [upload id]
    batch_labelled = Signal(int, str)
    batch_placed = Signal(int, str)  # batch id, the profile (or server) it goes to
    parts_changed = Signal(int, object)  # upload id, PartsFrame
    aggregate_changed = Signal(object)  # Aggregate
    waiting_changed = Signal(object)  # {upload id: the server it waits for}, uploads whose server is silent
    notice = Signal(str)
    file_done = Signal(int, str)  # upload id, key
    file_failed = Signal(int, str, bool)  # upload id, message, needs attention
    batch_done = Signal(int, int, int, int, int)  # batch id, done, failed, skipped, cancelled
    idle = Signal()
    engine_started = Signal()
    error = Signal(str)  # an operation failed in words a person can act on
    unexpected = Signal(str, str)  # summary, details (a bug: shown with details, logged)

    def __init__(self, engine: Engine, broker: ConflictBroker | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.engine = engine
        self.broker = broker
        if broker is not None:
            broker.stopping = lambda: engine.stopping
        self.dispatcher = Dispatcher(self)
        self._events: deque[ev.Event] = deque()
        self._unsubscribe = engine.subscribe(self._on_event)
        self._ops = ThreadPoolExecutor(1, thread_name_prefix="hoist-ui-ops")  # engine calls, in order
        self._queries = ThreadPoolExecutor(1, thread_name_prefix="hoist-ui-query")  # journal reads
        self._since = 0
        self._catching_up = False  # a tick to take the rest of a big change is due
        self._missed = 0  # ticks in a row that found the engine's lock taken
        self.uploads: dict[int, ev.UploadProgress] = {}
        self._totals = Totals()  # over self.uploads, kept in step with it
        self.speeds = Speeds()
        self._moving: set[int] = set()  # uploads sending or completing (the rows that can wait)
        self._waiting: dict[int, str] = {}
        self.batch_labels: dict[int, str] = {}
        self.batch_places: dict[int, str] = {}
        self.batch_sizes: dict[int, int] = {}  # files per batch queued in this session
        self.batch_skipped: dict[int, tuple[Skipped, ...]] = {}  # items of a drop that were not added
        self.aggregate = Aggregate()
        self._watched: int | None = None
        self._watched_dirty = False
        self._parts_pool = ThreadPoolExecutor(1, thread_name_prefix="hoist-ui-parts")
        self._parts_busy = False
        self._last_frame: PartsFrame | None = None
        self._last_part_poll = 0.0
        self._last_retry = 0.0
        self._last_progress = time.monotonic()
        self._last_bytes = -1
        self._closed = False
        self.offline_after = OFFLINE_AFTER
        self.before_start: list[Callable[[], object]] = []  # journal chores before the engine loads it
        self.ticks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    # -- threads --------------------------------------------------------------------------

    def _on_event(self, event: ev.Event) -> None:
        """Engine worker threads: never touch Qt here."""
        self._events.append(event)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        query: bool = False,
    ) -> None:
        """Run ``fn`` off the GUI thread; call ``on_done``/``on_error`` back on it."""
        if self._closed:
            return

        def job() -> None:
            try:
                result = fn()
            except BaseException as exc:  # reported on the GUI thread
                error = exc
                self.dispatcher.post(lambda: self._failed(error, on_error))
                return
            if on_done is not None:
                self.dispatcher.post(lambda: on_done(result))

        (self._queries if query else self._ops).submit(job)

    def _job(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> Callable[[], None]:  # fmt: skip
        def job() -> None:
            try:
                result = fn()
            except BaseException as exc:
                error = exc
                self.dispatcher.post(lambda: on_error(error))
                return
            self.dispatcher.post(lambda: on_done(result))

        return job

    def _failed(self, exc: BaseException, on_error: Callable[[BaseException], None] | None) -> None:
        if on_error is not None:
            on_error(exc)
            return
        words = describe_error(exc)
        if words is not None:
            self.error.emit(words)
        else:
            import traceback

            details = "".join(traceback.format_exception(exc))
            log.error("Unexpected error in a background task:\n%s", details)
            self.unexpected.emit(f"{type(exc).__name__}: {exc}", details)

    # -- engine lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """Start the engine off the GUI thread (it reads the journal and resumes
        unfinished uploads; paused ones stay paused) and begin polling."""
        self.timer.start()

        def started(_: object) -> None:
            self.aggregate.engine_running = True
            self.engine_started.emit()
            self.tick()
            self._emit_aggregate()

        def start_engine() -> None:
            for step in self.before_start:
                step()
            self.engine.start(resume=True)

        self.submit(start_engine, started)
        self.submit(self._load_batch_labels, self._labels_loaded, query=True)

    def _load_batch_labels(self) -> tuple[dict[int, str], dict[int, str]]:
        rows = self.engine.journal.unfinished_uploads()
        places = {r.batch_id: place_text(r.profile, r.endpoint_url) for r in rows}
        return {b.id: b.label for b in self.engine.journal.batches() if b.id in places}, places

    def _labels_loaded(self, loaded: tuple[dict[int, str], dict[int, str]]) -> None:
        labels, places = loaded
        for batch_id, journaled in labels.items():
            label = batch_label_text(journaled)
            if self.batch_labels.get(batch_id) != label:
                self.batch_labels[batch_id] = label
                self.batch_labelled.emit(batch_id, label)
        for batch_id, place in places.items():
            self._place(batch_id, place)

    def _place(self, batch_id: int, place: str) -> None:
        if self.batch_places.get(batch_id) != place:
            self.batch_places[batch_id] = place
            self.batch_placed.emit(batch_id, place)

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop polling and the engine. Running uploads go back to queued in the journal
        and resume on the next start."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self._unsubscribe()
        self._queries.shutdown(wait=False, cancel_futures=True)
        self._parts_pool.shutdown(wait=False, cancel_futures=True)
        self._ops.shutdown(wait=True, cancel_futures=True)
        self.engine.shutdown(timeout)
        if self.broker is not None:
            self.broker.close()

    # -- actions (all off the GUI thread) -------------------------------------------------

    def queue_paths(
        self,
        paths: list[str],
        destination: Destination,
        prefix: str,
        *,
        options: dict[str, Any] | None = None,
        if_exists: IfExists | None = None,
        on_done: Callable[[QueueResult], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        preflight: Callable[[], object] | None = None,
    ) -> None:
        """Scan, plan and journal off the GUI thread; ``preflight`` (e.g. read the
        profile's secret from the keyring) runs there first and may refuse."""

        def run() -> QueueResult:
            if preflight is not None:
                preflight()
            with collector_held():
                result = self.engine.queue_paths(
                    paths, destination, prefix, if_exists=if_exists, options=options
                )
            if result.skipped:  # here, before its BatchDone can reach the notifications
                self.batch_skipped[result.batch_id] = result.skipped
            return result

        def queued(result: QueueResult) -> None:
            # Each skipped item is also a Notice from the engine (the status bar); the
            # window keeps them on the batch's row.
            self._place(result.batch_id, place_text(destination.profile, destination.endpoint_url))
            self.tick()
            if on_done is not None:
                on_done(result)

        self.submit(run, queued, on_error)

    def _control(self, action: Callable[[Iterable[int] | None], list[int]], ids: Iterable[int] | None,
                 on_done: Callable[[list[int]], None] | None = None) -> None:  # fmt: skip
        chosen = None if ids is None else list(ids)
        self.submit(lambda: action(chosen), on_done)

    def pause(
        self, ids: Iterable[int] | None = None, on_done: Callable[[list[int]], None] | None = None
    ) -> None:
        self._control(self.engine.pause, ids, on_done)

    def resume(
        self, ids: Iterable[int] | None = None, on_done: Callable[[list[int]], None] | None = None
    ) -> None:
        self._control(self.engine.resume, ids, on_done)

    def cancel(
        self, ids: Iterable[int] | None = None, on_done: Callable[[list[int]], None] | None = None
    ) -> None:
        self._control(self.engine.cancel, ids, on_done)

    def retry_failed(self, ids: Iterable[int] | None = None,
                     on_done: Callable[[list[int]], None] | None = None) -> None:  # fmt: skip
        if self.broker is not None:
            self.broker.forget_apply_all()
        self._control(self.engine.retry_failed, ids, on_done)

    def retry_for_credentials(self, profile: str) -> list[int]:
        """The profile's secret was just entered: its uploads that failed for want of it
        (or for a wrong one) start again, without a Retry failed (issue 12, item 5)."""
        ids = []
        for upload_id, p in self.uploads.items():
            if p.state != UploadState.FAILED:
                continue
            rt = self.engine.runtimes.get(upload_id)
            if rt is None or rt.row.profile != profile:
                continue
            if window_message(p.error, name=p.name, local_path=p.local_path).cause == Cause.CREDENTIALS:
                ids.append(upload_id)
        if ids:
            self.retry_failed(ids)
        return ids

    def unfinished_count(self) -> int:
        """Uploads the engine has that are not finished, rows not shown yet included (a
        big drop arrives a slice per tick). Takes the engine's lock: call it through
        ``submit``, after the engine calls already asked for (a drop being queued)."""
        with self.engine.lock:
            return sum(1 for rt in self.engine.runtimes.values() if not rt.state.finished)

    def clear_finished(self) -> None:
        """Take finished uploads (done, skipped, cancelled) off the queue. Unlike
        ``Engine.remove_finished`` this keeps them in the journal: they stay in History."""
        forgotten = set(self.engine.forget_finished())
        gone = sorted(
            forgotten | {i for i, p in self.uploads.items() if p.state.finished}
        )  # sets: 20,000 rows
        for upload_id in gone:
            self._totals.replace(self.uploads.pop(upload_id, None), None)
        if gone:
            self.uploads_removed.emit(gone)
            self._emit_aggregate()

    def set_bandwidth_limit(self, bytes_per_second: int) -> None:
        self.engine.set_bandwidth_limit(bytes_per_second)

    def set_concurrency(self, parts_in_flight: int) -> None:
        self.engine.set_concurrency(parts_in_flight)  # a lock and maybe a thread start: no I/O

    def watch_parts(self, upload_id: int | None) -> None:
        """The part view shows this upload: poll its parts on each tick while it moves."""
        self._watched = upload_id
        self._watched_dirty = True
        self._last_frame = None
        if upload_id is not None:
            self._poll_parts(force=True)

    # -- the tick ---------------------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        if self._closed:
            return
        self.ticks += 1
        self._drain_events()
        # Waited for briefly: a tick that finds the engine busy shows its changes at the
        # next tick (they are kept by version), rather than stall the window. After a few
        # misses in a row it waits, so the view never falls more than ~0.5 s behind.
        taken = self.engine.try_snapshot(
            self._since, wait=SNAPSHOT_WAIT if self._missed < MAX_MISSED_TICKS else None, limit=TICK_CHANGES
        )
        if taken is None:
            self._missed += 1
            return
        self._missed = 0
        version, changed = taken
        self._since = max(self._since, version)
        if len(changed) >= TICK_CHANGES and not self._catching_up:
            self._catching_up = True
            QTimer.singleShot(CATCH_UP_MS, self._catch_up)
        # Speeds measured here over seconds, not the engine's half-second rates (issue 12).
        changed = self.speeds.measure(changed, self.uploads, time.monotonic(), self.engine.bandwidth.rate,
                                      fresh=lambda p: p.batch_id in self.batch_sizes)  # fmt: skip
        if changed:
            new = 0
            for progress in changed:
                old = self.uploads.get(progress.upload_id)
                new += old is None
                self._totals.replace(old, progress)
                self.uploads[progress.upload_id] = progress
                if progress.state in (UploadState.RUNNING, UploadState.COMPLETING):
                    self._moving.add(progress.upload_id)
                else:
                    self._moving.discard(progress.upload_id)
                if progress.upload_id == self._watched:
                    self._watched_dirty = True
            self.uploads_changed.emit(changed)
            self._emit_aggregate()
            if new >= FREEZE_AFTER_NEW:
                # A big batch just arrived: what it created (runtimes, rows, snapshots)
                # lives as long as the batch. Moving it out of the collector's reach keeps
                # full collections short: they paused every thread for 65-205 ms, growing
                # with the queue, with 20,000 files queued.
                gc.freeze()
        elif self.aggregate.offline != self._offline():
            self._emit_aggregate()
        self._poll_parts()

    def _catch_up(self) -> None:
        self._catching_up = False
        self.tick()

    def _drain_events(self) -> None:
        while self._events:
            event = self._events.popleft()
            if isinstance(event, ev.BatchQueued):
                label = batch_label_text(event.label)
                self.batch_labels[event.batch_id] = label
                self.batch_sizes[event.batch_id] = len(event.upload_ids)
                self.batch_labelled.emit(event.batch_id, label)
                rt = self.engine.runtimes.get(event.upload_ids[0]) if event.upload_ids else None
                if rt is not None:
                    self._place(event.batch_id, place_text(rt.row.profile, rt.row.endpoint_url))
            elif isinstance(event, ev.PartRetry):
                self._last_retry = time.monotonic()
            elif isinstance(event, ev.Notice):
                self.notice.emit(window_notice(event.message))
            elif isinstance(event, ev.FileDone):
                self.file_done.emit(event.upload_id, event.key)
            elif isinstance(event, ev.FileFailed):
                self.file_failed.emit(event.upload_id, event.error, event.needs_attention)
            elif isinstance(event, ev.BatchDone):
                self.batch_done.emit(event.batch_id, event.done, event.failed, event.skipped, event.cancelled)
            elif isinstance(event, ev.Idle):
                self.idle.emit()

    def _poll_parts(self, force: bool = False) -> None:
        """Snapshot the watched upload's parts and build the views' frame on a worker:
        thousands of parts cost milliseconds that must not stall the event loop."""
        upload_id = self._watched
        if upload_id is None or not (self._watched_dirty or force) or self._parts_busy:
            return
        progress = self.uploads.get(upload_id)
        now = time.monotonic()
        # Files with many parts refresh ~4 times a second: a snapshot of thousands of
        # parts holds the engine lock that the workers need too.
        if (not force and progress is not None and progress.parts_total > 500
                and now - self._last_part_poll < PARTS_INTERVAL):  # fmt: skip
            return
        self._last_part_poll = now
        self._watched_dirty = False
        self._parts_busy = True
        previous = self._last_frame

        state = progress.state if progress is not None else None

        def build() -> PartsFrame:
            parts = self.engine.part_snapshot(upload_id)
            rt = self.engine.runtimes.get(upload_id)
            bucket, endpoint = (
                (rt.row.bucket, rt.row.endpoint_url or "AWS S3") if rt is not None else ("", "")
            )
            failure = None  # the failed row's sentence (queue_model.failure_text), for its unsent parts
            if progress is not None and progress.state == UploadState.FAILED and progress.error:
                failure = window_text(progress.error, name=progress.name, local_path=progress.local_path,
                                      bucket=progress.bucket)  # fmt: skip
            shown = shown_parts(parts, state, bucket=bucket, endpoint=endpoint, failure=failure)
            return make_frame(upload_id, shown, previous)

        def built(frame: PartsFrame) -> None:
            self._parts_busy = False
            if frame.upload_id == self._watched:
                self._last_frame = frame
                self.parts_changed.emit(upload_id, frame)

        def failed(exc: BaseException) -> None:
            self._parts_busy = False
            self._failed(exc, None)

        if self._closed:
            return
        self._parts_pool.submit(self._job(build, built, failed))

    def _offline(self) -> bool:
        now = time.monotonic()
        if self.aggregate.active == 0:
            return False
        # No connection can be made (the engine counts how long): offline even while the
        # parts wait up to 20 s between tries and no retry event arrives.
        if self.engine.offline_for() >= OFFLINE_CONFIRM:
            return True
        return now - self._last_retry < self.offline_after and now - self._last_progress > self.offline_after

    def _show_waiting(self, silent: set[str]) -> None:
        """Which rows wait for a server that does not answer: a file completing when its
        server died said "verifying" for the whole offline wait (30 minutes), as if work
        went on."""
        waiting: dict[int, str] = {}
        for upload_id in self._moving if silent else ():
            rt = self.engine.runtimes.get(upload_id)
            if rt is not None and endpoint_of(rt.row) in silent:
                waiting[upload_id] = endpoint_text(endpoint_of(rt.row))
        if waiting != self._waiting:
            self._waiting = waiting
            self.waiting_changed.emit(dict(waiting))

    def _emit_aggregate(self) -> None:
        totals = self._totals
        counts, done, total, speed = totals.state_counts(), totals.done, totals.size, self.speeds.speed
        if done != self._last_bytes:
            self._last_bytes = done
            self._last_progress = time.monotonic()
        agg = self.aggregate
        agg.counts, agg.bytes_done, agg.bytes_total, agg.speed = counts, done, total, speed
        # What is left to send (parts in flight are on their way) at the measured speed: the
        # acknowledged bytes move a part at a time, and the time left jumped with them.
        agg.eta = max(0, total - totals.sent) / speed if speed > 0 else None
        running = counts.get(UploadState.RUNNING, 0) + counts.get(UploadState.COMPLETING, 0)
        agg.paused = counts.get(UploadState.PAUSED, 0) > 0 and running == 0
        agg.offline = self._offline()
        silent = {e for e, quiet in self.engine.offline_endpoints().items() if quiet >= OFFLINE_CONFIRM}
        agg.offline_where = tuple(sorted(endpoint_text(e) for e in silent)) if agg.offline else ()
        self._show_waiting(silent if agg.offline else set())
        self.aggregate_changed.emit(agg)
