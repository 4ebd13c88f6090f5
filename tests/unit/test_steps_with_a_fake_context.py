"""Steps read and tested with the StepContext interface alone: a fake context, a fake
journal and a fake signer, no threads pool, no server. (The same steps against real
servers are in tests/functional.)"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from hoist.config.settings import TransferSettings
from hoist.engine import events as ev
from hoist.engine import steps
from hoist.engine.complete import MAX_COMPLETE_REFUSALS, complete
from hoist.engine.parts import _acknowledge
from hoist.engine.ratelimit import AdaptiveGate, TokenBucket
from hoist.engine.retry import RetryPolicy
from hoist.engine.runtime import RunStop, Runtime
from hoist.engine.tasks import Task
from hoist.s3.errors import Kind, S3Failure
from hoist.store.journal import PartRow, UploadRow
from hoist.store.states import PartState, UploadState, can_transition


def upload_row(**changes: Any) -> UploadRow:
    values: dict[str, Any] = dict(
        id=1, batch_id=1, local_path="/nonexistent/f.bin", size=10, mtime_ns=1, profile="",
        endpoint_url="http://127.0.0.1:9", region="us-east-1", path_style=True, bucket="b", key="k",
        state=UploadState.RUNNING, strategy="multipart", part_size=5, part_count=2, s3_upload_id="U1",
        etag=None, sha256=None, content_type=None, if_exists="overwrite", options={}, error=None,
        retries=0, bytes_resent=0, created_at=0.0, started_at=None, finished_at=None,
    )  # fmt: skip
    values.update(changes)
    return UploadRow(**values)


def part_rows(done: bool) -> list[PartRow]:
    state = PartState.DONE if done else PartState.PENDING
    md5 = "0" * 32 if done else None
    return [PartRow(1, n, (n - 1) * 5, 5, state, md5, md5, 0, None) for n in (1, 2)]


@dataclass
class FakeJournal:
    done: bool = True
    writes: list[tuple[Any, ...]] = field(default_factory=list)

    def parts(self, _upload_id: int) -> list[PartRow]:
        return part_rows(self.done)

    def mark_part_done(self, *args: Any) -> None:
        self.writes.append(("mark_part_done", *args))

    def set_state(self, upload_id: int, state: UploadState, error: str | None = None) -> None:
        self.writes.append(("set_state", upload_id, state))

    def get_upload(self, _upload_id: int) -> None:
        return None


class RefusingSigner:
    def __init__(self) -> None:
        self.completes = 0

    def complete(self, *_args: Any) -> str:
        self.completes += 1
        raise S3Failure(Kind.FATAL, "InvalidPart", "InvalidPart: One or more parts could not be found", 400)


@dataclass
class FakeConnection:
    signer: Any
    verify_etag: bool = True
    endpoint_label: str = "fake"


class FakeContext:
    """Just what StepContext promises, recorded."""

    def __init__(self, signer: Any = None, journal: FakeJournal | None = None) -> None:
        self.lock = threading.RLock()
        self.journal = journal or FakeJournal()
        self.settings = TransferSettings()
        self.retry = RetryPolicy(max_attempts=3, base_delay=0.001, max_delay=0.002)
        self.gate = AdaptiveGate(2)
        self.bandwidth = TokenBucket(0)
        self.connection = FakeConnection(signer)
        self.connections = self  # get() below stands in for the pool
        self.conflict_resolver = None
        self.trust = None
        self.stopping = False
        self.events: list[ev.Event] = []
        self.tasks: list[Task] = []
        self.failures: list[str] = []

    def sleep(self, seconds: float) -> bool:
        return False

    def get(self, _destination: Any) -> FakeConnection:
        return self.connection

    def load(self, _upload_id: int) -> Runtime | None:
        return None

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)

    def enqueue(self, task: Task) -> None:
        self.tasks.append(task)

    def set_state(
        self, rt: Runtime, state: UploadState, error: str | None = None, *, quiet: bool = False
    ) -> bool:
        if not can_transition(rt.state, state):
            return False
        self.journal.set_state(rt.row.id, state, error)
        rt.state, rt.error = state, error
        return True

    def touch(self, rt: Runtime) -> None:
        pass

    def fail(self, rt: Runtime, message: str, *, attention: bool = False) -> None:
        self.failures.append(message)

    def settled(self, rt: Runtime) -> None:
        pass

    def same_run(self, rt: Runtime, stop: threading.Event, epoch: int | None = None) -> bool:
        return rt.stop is stop and not stop.is_set() and (epoch is None or rt.epoch == epoch)

    def wanted(self, rt: Runtime, epoch: int) -> bool:
        return rt.epoch == epoch and not rt.state.finished

    def heard_from_server(self, endpoint: str) -> None:
        pass

    def offline_for(self, endpoint: str | None = None) -> float:
        return 0.0

    def count_try(self, failure: S3Failure, attempt: int, waits: int, endpoint: str) -> tuple[int, int, bool]:
        return attempt, waits, False

    def out_of_tries(self, failure: S3Failure, attempt: int, waiting: bool) -> bool:
        return attempt >= self.retry.max_attempts


def runtime(done: bool = True) -> Runtime:
    rt = Runtime.load(upload_row(), part_rows(done))
    rt.ready = True
    return rt


def test_complete_refused_again_and_again_waits_then_fails_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    from hoist.engine import complete as complete_module

    monkeypatch.setattr(complete_module, "ensure_unchanged", lambda *_a: None)
    monkeypatch.setattr(complete_module, "receipt_sha256", lambda _rt: "sha")
    signer = RefusingSigner()
    ctx = FakeContext(signer)
    rt = runtime()
    waits: list[float] = []

    class RecordedStop(RunStop):
        def wait(self, timeout: float | None = None) -> bool:
            waits.append(timeout or 0)
            return super().wait(0)

    rt.stop = RecordedStop()
    for _round in range(MAX_COMPLETE_REFUSALS):
        complete(ctx, rt, rt.epoch)  # type: ignore[arg-type]
        assert rt.state == UploadState.RUNNING  # back to a reconcile, not failed yet
        assert ctx.tasks[-1] == Task("start", 1)
    with pytest.raises(S3Failure) as refused:
        complete(ctx, rt, rt.epoch)  # type: ignore[arg-type]
    assert refused.value.kind == Kind.FATAL
    assert f"refused to assemble the upload {MAX_COMPLETE_REFUSALS + 1} times" in refused.value.message
    assert signer.completes == MAX_COMPLETE_REFUSALS + 1
    assert len(waits) == MAX_COMPLETE_REFUSALS  # a wait before every reconcile: no hot loop


def test_complete_for_a_plan_that_was_replaced_does_nothing() -> None:
    signer = RefusingSigner()
    ctx = FakeContext(signer)
    rt = runtime()
    complete(ctx, rt, rt.epoch - 1)  # type: ignore[arg-type]
    assert (signer.completes, ctx.journal.writes, rt.state) == (0, [], UploadState.RUNNING)


def test_a_late_part_reply_is_journaled_only_for_its_own_plan() -> None:
    ctx = FakeContext(journal=FakeJournal(done=False))
    rt = runtime(done=False)
    row = rt.row
    rt.epoch += 1  # the file changed and the upload started over while part 1 was sent
    assert not _acknowledge(ctx, rt, row, 1, rt.epoch - 1, '"etag"', "0" * 32)  # type: ignore[arg-type]
    assert ctx.journal.writes == [] and rt.pending == {1, 2}
    assert _acknowledge(ctx, rt, row, 1, rt.epoch, '"etag"', "0" * 32)  # type: ignore[arg-type]
    assert ctx.journal.writes == [("mark_part_done", 1, 1, '"etag"', "0" * 32)] and rt.pending == {2}
    rt.state = UploadState.CANCELLED
    assert not _acknowledge(ctx, rt, row, 2, rt.epoch, '"etag"', "0" * 32)  # type: ignore[arg-type]


def test_the_start_of_an_upload_runs_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    inside, release = threading.Event(), threading.Event()
    overlap, calls = [], []

    def slow_start(_ctx: Any, _rt: Runtime) -> list[Task]:
        if inside.is_set():
            overlap.append(1)
        inside.set()
        calls.append(1)
        release.wait(5)
        inside.clear()
        return []  # no PUT for the start's worker to send itself

    monkeypatch.setattr(steps, "start_with_retries", slow_start)
    ctx = FakeContext()
    rt = runtime()
    rt.state = UploadState.QUEUED
    first = threading.Thread(target=steps._start_one_at_a_time, args=(ctx, rt))
    first.start()
    assert inside.wait(5)
    steps._start_one_at_a_time(ctx, rt)  # type: ignore[arg-type]  # returns at once: one runs
    release.set()
    first.join(5)
    assert (overlap, len(calls), ctx.tasks) == ([], 1, [Task("start", 1)])  # the second runs after
