"""A seeded driver that looks for engine races by itself.

One run (``run_interleaving(seed, ...)``) queues a few files (a single PUT and two small
multipart uploads) through the fault proxy in front of a real S3 server, with replies
delayed, dropped, failed or held after the server acted, and at random moments pauses,
resumes, cancels, edits or replaces a file, fails one journal write, or "kills" the
engine (every journal write fails from then on, as if the process had died, and a new
engine resumes from the same journal). Then the faults stop, paused and failed uploads
are resumed, and the invariants a person relies on are checked:

- an upload marked done has on the server exactly the bytes of the file version its
  journal row describes, and its receipt (SHA-256) says so;
- nothing is left open on the server: no multipart upload of a done or cancelled file;
- nothing is stuck: the engine goes idle, every upload ends done or cancelled;
- no part acknowledged and journaled is sent again to the same server-side upload;
- the CPU is idle once nothing can progress.

The seed decides the files, the faults (per request and attempt, whatever the thread
timing) and the actions; thread timing still varies, which is the point: each seed is
a neighbourhood of interleavings, and a long run tries many.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoist.engine.core import Engine
from hoist.store.db import JournalError
from hoist.store.journal import Journal
from hoist.store.states import UploadState
from tests.support.faultproxy import FaultProxy, Rule, Seen
from tests.support.harness import destination, fast_settings, make_engine
from tests.support.small_parts import SMALL_PART

JOURNAL_WRITES = (
    "mark_part_done",
    "set_state",
    "update_upload",
    "replan",
    "reset_parts",
    "record_part_attempt",
)


@dataclass
class Outcome:
    seed: int
    actions: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    requests: int = 0
    faults: int = 0
    trace: list[str] = field(default_factory=list)  # control requests and faults, on a violation


@dataclass
class _Files:
    paths: list[Path]
    versions: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (path, size, mtime) -> sha

    def write(self, path: Path, data: bytes) -> None:
        path.write_bytes(data)
        st = path.stat()
        self.versions[(str(path), st.st_size, st.st_mtime_ns)] = hashlib.sha256(data).hexdigest()


def _random_bytes(rng: random.Random, size: int) -> bytes:
    return rng.randbytes(size)


def _fault_for(seed: int, seen: Seen, attempts: dict[tuple[str, str, int | None], int]) -> Rule | None:
    if seen.op not in ("part", "put", "create", "complete", "list_parts", "abort", "head"):
        return None
    ident = (seen.op, seen.key, seen.part)
    attempts[ident] = attempts.get(ident, 0) + 1
    rng = random.Random(f"{seed}:{ident}:{attempts[ident]}")
    roll = rng.random()
    if roll < 0.55:
        return None
    if roll < 0.72:
        return Rule("latency", delay=rng.uniform(0.05, 0.6))
    if roll < 0.82:  # the server acts, the reply comes late
        pause = rng.uniform(0.1, 0.8)
        return Rule("forward", after_upstream=lambda _s: time.sleep(pause))
    if roll < 0.88:
        return Rule("drop_reply")
    if roll < 0.94:
        return Rule("status", status=500, code="InternalError", message="We encountered an internal error.")
    return Rule("reset") if seen.op in ("part", "put") else Rule("close")


class _Driver:
    def __init__(self, seed: int, endpoint: str, s3: Any, work: Path) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.s3 = s3
        self.work = work
        self.bucket = f"il-{seed}-{os.getpid()}-{int(time.monotonic() * 1000) % 100000}"
        s3.create_bucket(Bucket=self.bucket)
        self.outcome = Outcome(seed)
        self.proxy = FaultProxy(endpoint)
        self.marks: list[tuple[str, int, float]] = []  # (s3 upload id, part, when journaled)
        self.marks_lock = threading.Lock()
        self.engines: list[Engine] = []
        self.dead: list[Engine] = []  # "killed": abandoned, never shut down
        self.restore: list[tuple[Journal, str, Any]] = []  # journal writes made to fail once
        self.files = _Files([])
        self.ids: list[int] = []

    # -- set-up --------------------------------------------------------------------------

    def _make_files(self) -> None:
        folder = self.work / "files"
        folder.mkdir(parents=True, exist_ok=True)
        sizes = [self.rng.randint(1000, SMALL_PART - 1), 3 * SMALL_PART + self.rng.randint(1, 9999),
                 2 * SMALL_PART + self.rng.randint(1, 9999)]  # fmt: skip
        for index, size in enumerate(sizes):
            path = folder / f"f{index}.bin"
            self.files.paths.append(path)
            self.files.write(path, _random_bytes(self.rng, size))

    def _engine(self) -> Engine:
        settings = fast_settings(concurrency=3, part_size=SMALL_PART, multipart_threshold=SMALL_PART,
                                 io_timeout=2.0, connect_timeout=2.0)  # fmt: skip
        engine = make_engine(self.work / "home", settings)
        self._watch_marks(engine.journal)
        self.engines.append(engine)
        return engine

    def _watch_marks(self, journal: Journal) -> None:
        real = journal.mark_part_done

        def mark(upload_id: int, part_number: int, etag: str, md5: str) -> None:
            real(upload_id, part_number, etag, md5)
            row = journal.get_upload(upload_id)
            if row is not None and row.s3_upload_id:
                with self.marks_lock:
                    self.marks.append((row.s3_upload_id, part_number, time.monotonic()))

        journal.mark_part_done = mark  # type: ignore[method-assign]

    # -- actions ---------------------------------------------------------------------------

    def _act(self, engine: Engine) -> Engine:
        rng = self.rng
        uid = rng.choice(self.ids)
        roll = rng.random()
        if roll < 0.25:
            self._note(f"pause {uid} -> {engine.pause([uid])}")
        elif roll < 0.50:
            self._note(f"resume {uid} -> {engine.resume([uid])}")
        elif roll < 0.58:
            self._note(f"cancel {uid} -> {engine.cancel([uid])}")
        elif roll < 0.75:
            path = self.files.paths[self.ids.index(uid)]
            size = rng.choice(
                [rng.randint(1000, SMALL_PART - 1), 2 * SMALL_PART + rng.randint(1, 999), path.stat().st_size]
            )
            self.files.write(path, _random_bytes(rng, size))
            self._note(f"edit {path.name} -> {size} bytes")
        elif roll < 0.85:
            name = rng.choice(JOURNAL_WRITES)
            self._fail_once(engine.journal, name)
            self._note(f"journal write {name} fails once")
        elif roll < 0.92:
            engine = self._crash_and_resume(engine)
        else:
            self._note(f"retry {uid} -> {engine.retry_failed([uid])}")
        return engine

    def _note(self, text: str) -> None:
        self.outcome.actions.append(f"{time.monotonic():.3f} {text}")

    def _fail_once(self, journal: Journal, name: str) -> None:
        real = getattr(journal, name)
        self.restore.append((journal, name, real))
        fired: list[int] = []

        def failing(*args: Any, **kwargs: Any) -> Any:
            if not fired:
                fired.append(1)
                raise JournalError("The disk holding the journal is full. (injected)")
            return real(*args, **kwargs)

        setattr(journal, name, failing)

    def _crash_and_resume(self, engine: Engine) -> Engine:
        """As a kill -9 would leave it: nothing more reaches the journal, the threads are
        abandoned, and a new engine resumes from the journal on disk."""
        self._note("kill and resume")

        def dead(*_args: Any, **_kwargs: Any) -> Any:
            raise JournalError("the process is dead (injected)")

        for name in (*JOURNAL_WRITES, "create_batch", "add_retries", "push_command", "take_commands"):
            setattr(engine.journal, name, dead)
        # Its workers end after the request each is on. A new run starts once those have
        # landed or failed, as a restart takes longer than a round trip: a dead process's
        # request that reached the server only after the next run looked for it is a
        # window no client can close (the README says so), not what this test is for.
        for worker in engine.machinery.stop_workers():
            worker.join(10)
        self.dead.append(engine)
        fresh = self._engine()
        fresh.start(resume=True)
        return fresh

    # -- the run ---------------------------------------------------------------------------

    def run(self, actions: int) -> Outcome:
        self._make_files()
        attempts: dict[tuple[str, str, int | None], int] = {}
        with self.proxy:
            self.proxy.decide = lambda seen: _fault_for(self.seed, seen, attempts)
            engine = self._engine()
            engine.start(resume=False)
            try:
                result = engine.queue_paths([str(p) for p in self.files.paths],
                                            destination(self.bucket, self.proxy.url), "il")  # fmt: skip
                self.ids = list(result.upload_ids)
                for _ in range(actions):
                    time.sleep(self.rng.uniform(0.0, 0.35))
                    engine = self._act(engine)
                self.proxy.decide = None  # the network is good again, and the disk
                for journal, name, real in reversed(self.restore):
                    setattr(journal, name, real)
                self._note("faults off")
                engine = self._settle(engine)
                self._check_idle_cpu(engine)
            finally:
                for each in self.engines:
                    if each not in self.dead:
                        each.shutdown(timeout=2)
            self.outcome.requests = len(self.proxy.seen)
            self.outcome.faults = self.proxy.faults_fired()
            self._check(engine)
            if self.outcome.violations:  # what crossed the wire, to read beside the actions
                self.outcome.trace = [
                    f"{s.started:.3f} {s.op} {s.key} part={s.part} upload={(s.upload_id or '')[:12]} "
                    f"{s.action} -> {s.status}/{s.upstream_status}"
                    for s in self.proxy.seen
                    if s.op not in ("part", "put") or s.action != "forward"
                ]
        return self.outcome

    def _settle(self, engine: Engine) -> Engine:
        for _round in range(4):
            engine.resume(self.ids)
            engine.retry_failed(self.ids)
            if not engine.wait_idle(45):
                self.outcome.violations.append("stuck: the engine did not go idle within 45 s")
                return engine
            time.sleep(0.6)  # replies held by the proxy land now, if they are going to
            engine.wait_idle(10)
            states = [engine.runtimes[i].state for i in self.ids if i in engine.runtimes]
            if all(s in (UploadState.DONE, UploadState.CANCELLED, UploadState.SKIPPED) for s in states):
                return engine
        for uid in self.ids:
            rt = engine.runtimes.get(uid)
            if rt is not None and rt.state not in (UploadState.DONE, UploadState.CANCELLED):
                self.outcome.violations.append(f"upload {uid} ended {rt.state.value}: {rt.error}")
        return engine

    def _check_idle_cpu(self, engine: Engine) -> None:
        before = resource.getrusage(resource.RUSAGE_SELF)
        time.sleep(0.5)
        after = resource.getrusage(resource.RUSAGE_SELF)
        used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if used > 0.3:
            self.outcome.violations.append(f"busy while idle: {used:.2f} s of CPU in 0.5 s")

    def _check(self, engine: Engine) -> None:
        journal = engine.journal
        open_uploads = self.s3.list_multipart_uploads(Bucket=self.bucket).get("Uploads", [])
        resumable = {
            row.s3_upload_id
            for row in journal.list_uploads(ids=self.ids)
            if row.state in (UploadState.FAILED, UploadState.PAUSED)
        }
        for upload in open_uploads:
            if upload["UploadId"] not in resumable:  # kept for a retry or resume: that is fine
                self.outcome.violations.append(
                    f"left open on the server: {upload['Key']} {upload['UploadId'][:12]}"
                )
        for uid in self.ids:
            row = journal.get_upload(uid)
            if row is None or row.state != UploadState.DONE:
                continue
            planned = self.files.versions.get((row.local_path, row.size, row.mtime_ns))
            try:
                stored = self.s3.get_object(Bucket=self.bucket, Key=row.key)["Body"].read()
            except Exception as exc:  # any failure to read is the violation
                self.outcome.violations.append(f"upload {uid} done but its object cannot be read: {exc}")
                continue
            digest = hashlib.sha256(stored).hexdigest()
            if planned is None:
                self.outcome.violations.append(f"upload {uid} done for a file version never written")
            elif digest != planned or row.sha256 != planned:
                self.outcome.violations.append(
                    f"upload {uid} done with the wrong bytes: server {digest[:12]}, receipt "
                    f"{(row.sha256 or '')[:12]}, planned version {planned[:12]}"
                )
        with self.marks_lock:
            marks = list(self.marks)
        for upload_id, part, when in marks:
            again = [s for s in self.proxy.requests("part") if s.upload_id == upload_id and s.part == part
                     and s.started > when]  # fmt: skip
            if again:
                self.outcome.violations.append(f"part {part} of {upload_id[:12]} journaled, then sent again")


def run_interleaving(seed: int, endpoint: str, s3: Any, work: Path, actions: int = 10) -> Outcome:
    work.mkdir(parents=True, exist_ok=True)
    return _Driver(seed, endpoint, s3, work).run(actions)


Runner = Callable[[int], Outcome]
