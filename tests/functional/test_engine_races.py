"""Replies that arrive after the upload they belong to was paused, edited, resumed or
cancelled, and the other races of issue 11 (the scripts in shared/repros/engine-races
turned into tests). Each forces its timing with the fault proxy against a real server
on 127.0.0.1 and checks what a person relies on: the object's bytes, the journal's
rows and what is left open on the server."""

from __future__ import annotations

import contextlib
import hashlib
import re
import resource
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hoist.engine import abort as abort_module
from hoist.engine import events as ev
from hoist.engine.core import Engine
from hoist.store.db import JournalError
from hoist.store.states import UploadState
from tests.conftest import free_port
from tests.helpers import MiB, make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, destination, fast_settings, make_engine
from tests.support.rclone import ACCESS, SECRET, rclone_server  # noqa: F401 - the rclone fixture


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_uploads(s3: Any, bucket: str) -> list[tuple[str, str]]:
    return [(u["Key"], u["UploadId"]) for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


def rclone_client(endpoint: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=ACCESS,
        aws_secret_access_key=SECRET, config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )  # fmt: skip


@contextlib.contextmanager
def started(engine: Engine) -> Iterator[Engine]:
    """The engine running for the block, shut down after it whatever happens."""
    engine.start(resume=False)
    try:
        yield engine
    finally:
        engine.shutdown()


def settle(engine: Engine, timeout: float = 60.0) -> None:
    assert engine.wait_idle(timeout), "the engine never went idle"
    time.sleep(0.3)  # replies held by the proxy land now, if they are going to


# -- 1. a late reply from before a resume -----------------------------------------------


@pytest.mark.parametrize("variant", ["held-before-server", "server-stored-reply-late", "slow-head"])
def test_a_late_single_put_reply_from_before_an_edit_never_finishes_the_new_file(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, variant: str
) -> None:
    """Pause while a single PUT's reply is outstanding, edit the file, resume. The old
    PUT's reply arrives after the new plan exists: it must not be journaled as the new
    plan's part, and the server must end with the new bytes (a PUT held before the
    server is not overtaken by the new one)."""
    path = tmp_path / "small.bin"
    old, new = bytes([1]) * MiB, bytes([2]) * (MiB + 100)
    path.write_bytes(old)
    if variant == "held-before-server":
        proxy.add(Rule(action="latency", op="put", nth=1, times=1, delay=1.5))
    else:
        proxy.add(Rule(action="forward", op="put", nth=1, times=1, after_upstream=lambda s: time.sleep(1.2)))
        if variant == "slow-head":  # the new start's HEAD is slow: the stale reply lands first
            proxy.add(Rule(action="latency", op="head", nth=1, times=1, delay=2.0))
    engine = make_engine(home, fast_settings(concurrency=2))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "a").upload_ids

        def body_sent() -> bool:
            puts = proxy.requests("put")
            return bool(puts) and puts[0].body_received == puts[0].content_length

        assert wait_until(body_sent)
        assert engine.pause([uid]) == [uid]
        path.write_bytes(new)  # the person edits the file while it is paused
        assert engine.resume([uid]) == [uid]
        settle(engine)
    row = engine.journal.get_upload(uid)
    assert row is not None
    assert (row.state, row.size, row.sha256) == (UploadState.DONE, len(new), sha(new))
    assert object_sha256(s3, bucket, "a/small.bin") == sha(new)
    assert [p.md5 for p in engine.journal.parts(uid)] == [hashlib.md5(new).hexdigest()]


def test_a_late_part_reply_of_the_old_upload_is_not_written_into_the_new_plan(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 3 * PART, seed=11)
    proxy.add(
        Rule(action="forward", op="part", part=3, nth=1, times=1, after_upstream=lambda s: time.sleep(1.5))
    )
    engine = make_engine(home, fast_settings(concurrency=3))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "k").upload_ids
        assert wait_until(lambda: any(s.upstream_status == 200 for s in proxy.requests("part", part=3)))
        old_upload = engine.journal.get_upload(uid).s3_upload_id  # type: ignore[union-attr]
        engine.pause([uid])
        new_sha = make_file(path, 3 * PART, seed=12)  # same size, new bytes, new mtime
        engine.resume([uid])
        settle(engine)
    row = engine.journal.get_upload(uid)
    assert row is not None and row.state == UploadState.DONE and row.sha256 == new_sha
    assert row.s3_upload_id != old_upload
    data = path.read_bytes()
    expected = [hashlib.md5(data[i * PART : (i + 1) * PART]).hexdigest() for i in range(3)]
    assert [p.md5 for p in engine.journal.parts(uid)] == expected
    assert object_sha256(s3, bucket, "k/big.bin") == new_sha
    assert open_uploads(s3, bucket) == []


# -- 2. cancel while ListParts or Complete is on the wire ------------------------------


@pytest.mark.parametrize("moment", ["complete", "list_parts"])
def test_cancel_while_the_server_is_asked_leaves_no_upload_open(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, moment: str
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 2 * PART + 123, seed=3)
    engine = make_engine(home, fast_settings(concurrency=2))
    with started(engine):
        if moment == "complete":
            proxy.add(Rule(action="latency", op="complete", nth=1, times=1, delay=1.5))
            (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "b").upload_ids
        else:  # an upload with an id and a part on the server, then resumed: ListParts
            proxy.add(Rule(action="latency", op="part", part=2, nth=1, times=1, delay=1.0))
            (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "b").upload_ids
            assert wait_until(lambda: bool(proxy.requests("part", part=2)))
            engine.pause([uid])
            settle(engine)
            proxy.add(Rule(action="latency", op="list_parts", nth=1, times=1, delay=1.5))
            engine.resume([uid])
        assert wait_until(lambda: bool(proxy.requests(moment)))
        time.sleep(0.2)
        assert engine.cancel([uid]) == [uid]
        settle(engine)
        time.sleep(1.5)
        assert engine.wait_idle(10)
    assert engine.journal.get_upload(uid).state == UploadState.CANCELLED  # type: ignore[union-attr]
    assert len(proxy.requests("create")) == 1
    assert open_uploads(s3, bucket) == []


# -- 3. InvalidPart on Complete, forever ------------------------------------------------


def test_a_server_that_always_refuses_complete_fails_the_file_after_a_few_waits(
    proxy: FaultProxy, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 2 * PART + 5, seed=4)
    proxy.add(Rule(action="status", op="complete", nth=1, times=0, status=400, code="InvalidPart",
                   message="One or more of the specified parts could not be found."))  # fmt: skip
    engine = make_engine(home, fast_settings(concurrency=2))
    failures: list[ev.FileFailed] = []
    engine.subscribe(lambda e: failures.append(e) if isinstance(e, ev.FileFailed) else None)
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "c").upload_ids
        assert engine.wait_idle(30)
    completes = proxy.requests("complete")
    assert len(completes) == 4  # the first and three more, each after a reconcile
    assert len(proxy.requests("part")) == 3  # every part once: ListParts showed them all
    assert engine.journal.get_upload(uid).state == UploadState.FAILED  # type: ignore[union-attr]
    assert "refused to assemble the upload 4 times" in failures[0].error
    assert "InvalidPart" in failures[0].error


# -- 4. a journal error during pause ----------------------------------------------------


def test_a_journal_error_while_pausing_keeps_the_upload_running_and_says_so(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.bin"
    digest = make_file(path, 4 * PART, seed=7)
    proxy.add(Rule(action="latency", op="part", nth=1, times=0, delay=0.4))
    engine = make_engine(home, fast_settings(concurrency=2))
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "f").upload_ids
        assert wait_until(lambda: bool(proxy.requests("part")))
        real_set_state = engine.journal.set_state
        failed: list[int] = []

        def full_disk_once(
            upload_id: int, state: UploadState, error: str | None = None, **kw: Any
        ) -> UploadState:
            if state == UploadState.PAUSED and not failed:
                failed.append(upload_id)
                raise JournalError("The disk holding the journal is full. (injected)")
            return real_set_state(upload_id, state, error, **kw)

        monkeypatch.setattr(engine.journal, "set_state", full_disk_once)
        enqueued = [0]
        real_enqueue = engine.machinery.enqueue

        def counting(task: Any) -> None:
            enqueued[0] += 1
            real_enqueue(task)

        monkeypatch.setattr(engine.machinery, "enqueue", counting)
        before = resource.getrusage(resource.RUSAGE_SELF)
        assert engine.pause([uid]) == []  # refused, in words, not half-done
        rt = engine.runtimes[uid]
        assert rt.state == UploadState.RUNNING and not rt.stop.is_set()
        assert any(
            "could not be set paused" in n and "disk holding the journal is full" in n for n in notices
        )
        assert engine.wait_idle(60)
        after = resource.getrusage(resource.RUSAGE_SELF)
    assert enqueued[0] < 20  # before the fix: ~50,000 re-queued part tasks a second
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 5.0
    assert engine.journal.get_upload(uid).state == UploadState.DONE  # type: ignore[union-attr]
    assert object_sha256(s3, bucket, "f/big.bin") == digest


# -- 5. pause + resume while CreateMultipartUpload is on the wire ------------------------


def _pause_resume_during_create(engine: Engine, proxy: FaultProxy, bucket: str, path: Path) -> int:
    proxy.add(Rule(action="latency", op="create", nth=1, times=1, delay=1.2))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "d").upload_ids
        assert wait_until(lambda: bool(proxy.requests("create")))
        time.sleep(0.1)
        assert engine.pause([uid]) == [uid]
        assert engine.resume([uid]) == [uid]
        settle(engine)
    return uid


def test_pause_and_resume_while_creating_makes_one_upload(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 7, seed=5)
    uid = _pause_resume_during_create(make_engine(home, fast_settings(concurrency=4)), proxy, bucket, path)
    assert len(proxy.requests("create")) == 1
    assert object_sha256(s3, bucket, "d/big.bin") == digest
    assert open_uploads(s3, bucket) == []
    assert Engine  # keep the import for the type of the helper
    del uid


def test_pause_and_resume_while_creating_on_rclone(
    rclone: tuple[str, Path],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint, root = rclone
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 7, seed=5)
    with FaultProxy(endpoint) as proxy:
        _pause_resume_during_create(make_engine(home, fast_settings(concurrency=4)), proxy, "real", path)
        assert len(proxy.requests("create")) == 1
    assert sha((root / "real" / "d" / "big.bin").read_bytes()) == digest
    assert open_uploads(rclone_client(endpoint), "real") == []


# -- 7. the offline wait is per endpoint ------------------------------------------------


def test_a_dead_endpoint_runs_out_of_its_wait_while_another_answers(
    proxy: FaultProxy, bucket: str, home: Path, tmp_path: Path
) -> None:
    live_file, dead_file = tmp_path / "live.bin", tmp_path / "dead.txt"
    make_file(live_file, 8 * PART, seed=6)
    dead_file.write_bytes(b"x" * 1000)
    dead_endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens: refused every time
    proxy.add(Rule(action="latency", op="part", nth=1, times=0, delay=0.5))  # answers every 0.5 s
    engine = make_engine(home, fast_settings(concurrency=2, offline_wait=1.0))
    first_try: dict[int, float] = {}
    failed_at: dict[int, float] = {}
    failures: dict[int, str] = {}

    def watch(event: ev.Event) -> None:
        if isinstance(event, ev.PartRetry):
            first_try.setdefault(event.upload_id, time.monotonic())
        if isinstance(event, ev.FileFailed):
            failed_at[event.upload_id] = time.monotonic()
            failures[event.upload_id] = event.error

    engine.subscribe(watch)
    with started(engine):
        engine.queue_paths([str(live_file)], destination(bucket, proxy.url), "e")
        (dead,) = engine.queue_paths([str(dead_file)], destination(bucket, dead_endpoint), "e").upload_ids
        assert engine.wait_idle(60)
    assert dead in failed_at, "the upload to a dead endpoint never ran out of its offline wait"
    assert failed_at[dead] - first_try[dead] < 3.0  # 1 s of wait, not the live upload's 4+ s
    # Each retry waits its turn in the gate behind the live upload's parts (0.5 s each), so
    # the last try may come a little after the 1 s wait ran out.
    assert re.search(r"no server answered for [12] s\b", failures[dead]), failures[dead]
    assert len(proxy.requests("part")) == 8  # the live upload went on undisturbed


# -- 6. a lost Complete reply on a server whose ETag is the whole file's MD5 ------------


def test_a_lost_complete_reply_on_rclone_finishes_without_sending_again(
    rclone: tuple[str, Path],
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endpoint, root = rclone
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    path = tmp_path / "big.bin"
    digest = make_file(path, 3 * PART + 11, seed=9)
    notices: list[str] = []
    with FaultProxy(endpoint) as proxy:
        proxy.add(Rule(action="drop_reply", op="complete", nth=1, times=1))
        engine = make_engine(home, fast_settings(concurrency=2))
        engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
        with started(engine):
            (uid,) = engine.queue_paths([str(path)], destination("real", proxy.url), "i").upload_ids
            assert engine.wait_idle(60)
        assert len(proxy.requests("part")) == 4  # every part once, none again
        assert len(proxy.requests("create")) == 1
    row = engine.journal.get_upload(uid)
    assert row is not None and row.state == UploadState.DONE and row.sha256 == digest
    assert sha((root / "real" / "i" / "big.bin").read_bytes()) == digest
    assert any("already complete on the server" in n for n in notices)


# -- suspected cases --------------------------------------------------------------------


def test_an_abort_that_goes_ahead_while_a_part_still_sends_is_repeated_after_it(
    proxy: FaultProxy,
    s3: Any,
    bucket: str,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel while a part's request is held past the abort's wait: the abort goes ahead,
    the part ends after it, and the abort is sent again; nothing is created anew."""
    monkeypatch.setattr(abort_module, "PART_WAIT_BEFORE_ABORT", 0.2)
    path = tmp_path / "big.bin"
    make_file(path, 3 * PART, seed=21)
    proxy.add(
        Rule(action="forward", op="part", part=2, nth=1, times=1, after_upstream=lambda s: time.sleep(1.5))
    )
    engine = make_engine(home, fast_settings(concurrency=3))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "x").upload_ids
        assert wait_until(lambda: any(s.upstream_status == 200 for s in proxy.requests("part", part=2)))
        assert engine.cancel([uid]) == [uid]
        settle(engine)
        time.sleep(1.5)
        assert engine.wait_idle(10)
    assert engine.journal.get_upload(uid).state == UploadState.CANCELLED  # type: ignore[union-attr]
    assert len(proxy.requests("abort")) == 2
    assert len(proxy.requests("create")) == 1
    assert open_uploads(s3, bucket) == []


def test_a_failed_abort_of_the_old_upload_is_said_and_the_new_bytes_still_go_up(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 2 * PART, seed=22)
    proxy.add(Rule(action="latency", op="part", part=2, nth=1, times=1, delay=1.0))
    engine = make_engine(home, fast_settings(concurrency=1))
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "o").upload_ids
        assert wait_until(lambda: bool(proxy.requests("part", part=2)))
        engine.pause([uid])
        settle(engine)
        new_sha = make_file(path, 2 * PART + 1, seed=23)
        proxy.add(Rule(action="status", op="abort", nth=1, times=0, status=403, code="AccessDenied",
                       message="Access Denied"))  # fmt: skip
        engine.resume([uid])
        settle(engine)
    assert engine.journal.get_upload(uid).state == UploadState.DONE  # type: ignore[union-attr]
    assert object_sha256(s3, bucket, "o/big.bin") == new_sha
    assert any("could not be removed" in n and "Access Denied" in n for n in notices), notices
    assert len(open_uploads(s3, bucket)) == 1  # the old one, named in the notice


def test_a_part_on_the_wire_during_a_reconcile_is_sent_once(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    """Pause while part 2's reply is held, resume at once: the resume's ListParts runs
    while part 2 is still on the wire. Its late (valid) reply is kept, and part 2 is
    not sent a second time."""
    path = tmp_path / "big.bin"
    digest = make_file(path, 3 * PART, seed=24)
    proxy.add(
        Rule(action="forward", op="part", part=2, nth=1, times=1, after_upstream=lambda s: time.sleep(1.5))
    )
    engine = make_engine(home, fast_settings(concurrency=1))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "r").upload_ids
        assert wait_until(lambda: any(s.upstream_status == 200 for s in proxy.requests("part", part=2)))
        engine.pause([uid])
        engine.resume([uid])
        settle(engine)
    assert engine.journal.get_upload(uid).state == UploadState.DONE  # type: ignore[union-attr]
    assert proxy.part_counts("r/big.bin") == {1: 1, 2: 1, 3: 1}
    assert object_sha256(s3, bucket, "r/big.bin") == digest


def test_with_the_etag_check_off_a_server_part_of_the_right_size_is_not_taken_for_ours(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    from hoist.connect import Overrides

    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 9, seed=25)
    proxy.add(Rule(action="latency", op="part", part=2, nth=1, times=1, delay=1.0))
    engine = make_engine(home, fast_settings(concurrency=1), overrides=Overrides(verify_etag=False))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "z").upload_ids
        assert wait_until(lambda: bool(proxy.requests("part", part=2)))
        engine.pause([uid])
        settle(engine)
        upload_id = engine.journal.get_upload(uid).s3_upload_id  # type: ignore[union-attr]
        # Someone else's bytes of exactly part 2's size land in the upload meanwhile.
        s3.upload_part(Bucket=bucket, Key="z/big.bin", UploadId=upload_id, PartNumber=2, Body=b"\0" * PART)
        engine.resume([uid])
        settle(engine)
    assert engine.journal.get_upload(uid).state == UploadState.DONE  # type: ignore[union-attr]
    assert object_sha256(s3, bucket, "z/big.bin") == digest


def test_a_clock_too_far_off_fails_at_once_with_a_sentence_about_the_clock(
    proxy: FaultProxy, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "small.bin"
    path.write_bytes(b"y" * 1000)
    proxy.add(Rule(action="status", op="put", nth=1, times=0, status=403, code="RequestTimeTooSkewed",
                   message="The difference between the request time and the current time is too large."))  # fmt: skip
    engine = make_engine(home, fast_settings())
    failures: list[ev.FileFailed] = []
    engine.subscribe(lambda e: failures.append(e) if isinstance(e, ev.FileFailed) else None)
    with started(engine):
        engine.queue_paths([str(path)], destination(bucket, proxy.url), "t")
        assert engine.wait_idle(30)
    assert len(proxy.requests("put")) == 1  # retrying cannot fix a clock
    assert failures and failures[0].needs_attention
    assert "clock" in failures[0].error and "15 minutes" in failures[0].error


# -- 8. kill -9 between CreateMultipartUpload and the journal write ----------------------


def test_a_kill_after_create_leaves_no_upload_open_after_resume(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    import os
    import signal

    from tests.helpers import start_hoist
    from tests.support.cli import run_cli

    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 1, seed=13)
    process: list[Any] = []
    proxy.add(Rule(action="forward", op="create", nth=1, times=1,
                   after_upstream=lambda s: os.kill(process[0].pid, signal.SIGKILL)))  # fmt: skip
    process.append(
        start_hoist(
            home,
            "upload",
            str(path),
            "--to",
            f"s3://{bucket}/l",
            "--endpoint-url",
            proxy.url,
            "--path-style",
            "--part-size",
            "5MiB",
            "-q",
        )
    )
    process[0].communicate(timeout=120)
    assert process[0].returncode == -signal.SIGKILL
    result = run_cli(home, "resume", "-q")
    assert result.code == 0, result.err
    assert len(proxy.requests("create")) == 2
    assert object_sha256(s3, bucket, "l/big.bin") == digest
    assert open_uploads(s3, bucket) == []


def test_a_create_whose_reply_was_lost_leaves_no_upload_open(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    """Found by the interleaving driver: the server creates the upload, the reply is
    lost, the client library sends Create again. The first upload must not stay open."""
    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 3, seed=31)
    proxy.add(Rule(action="drop_reply", op="create", nth=1, times=1))
    engine = make_engine(home, fast_settings(concurrency=2))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "cr").upload_ids
        settle(engine)
    assert len(proxy.requests("create")) == 2
    row = engine.journal.get_upload(uid)
    assert row is not None and row.state == UploadState.DONE and row.creating_since is None
    assert object_sha256(s3, bucket, "cr/big.bin") == digest
    assert open_uploads(s3, bucket) == []


# -- found by a second, adversarial read (each failed before its fix) -------------------


def test_an_orphan_sweep_whose_listing_fails_a_while_still_removes_the_orphan(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    digest = make_file(path, 2 * PART + 3, seed=41)
    proxy.add(Rule(action="drop_reply", op="create", nth=1, times=1))  # two uploads created
    proxy.add(Rule(action="status", op="bucket", method="GET", status=500, nth=1, times=5))  # listing down
    engine = make_engine(home, fast_settings(concurrency=3))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "s").upload_ids
        settle(engine)
    row = engine.journal.get_upload(uid)
    assert row is not None and row.state == UploadState.DONE and row.creating_since is None
    assert object_sha256(s3, bucket, "s/big.bin") == digest
    assert open_uploads(s3, bucket) == []


@pytest.mark.parametrize("policy", ["skip", "rename"])
def test_skip_and_rename_never_take_the_uploads_own_earlier_bytes_for_someone_elses(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, policy: str
) -> None:
    """The key is free when queued; the server stores the first PUT; the person pauses
    and edits the file before the reply is back, then resumes: the new version goes to
    the same key (it is this upload's own object), not skipped nor renamed."""
    from hoist.config.settings import IfExists

    path = tmp_path / "doc.bin"
    make_file(path, MiB, seed=31)
    state: dict[str, Any] = {}
    engine = make_engine(home, fast_settings(concurrency=2, if_exists=IfExists(policy)))

    def pause_and_edit(_seen: Any) -> None:
        engine.pause([state["uid"]])
        state["new"] = make_file(path, MiB, seed=32)

    proxy.add(Rule(action="forward", op="put", nth=1, times=1, after_upstream=pause_and_edit))
    with started(engine):
        (state["uid"],) = engine.queue_paths(
            [str(path)], destination(bucket, proxy.url), "o", if_exists=IfExists(policy)
        ).upload_ids
        assert wait_until(lambda: "new" in state)
        settle(engine)
        engine.resume([state["uid"]])
        settle(engine)
    row = engine.journal.get_upload(state["uid"])
    assert row is not None and (row.state, row.key, row.sha256) == (
        UploadState.DONE,
        "o/doc.bin",
        state["new"],
    )
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["o/doc.bin"]
    assert object_sha256(s3, bucket, "o/doc.bin") == state["new"]


@pytest.mark.parametrize("policy", ["skip", "rename"])
def test_two_files_of_one_name_never_pick_the_same_key(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, policy: str
) -> None:
    from hoist.config.settings import IfExists

    first, second = tmp_path / "a" / "doc.bin", tmp_path / "b" / "doc.bin"
    first_sha, second_sha = make_file(first, MiB, seed=51), make_file(second, MiB, seed=52)
    if policy == "rename":
        s3.put_object(Bucket=bucket, Key="p/doc.bin", Body=b"someone else's")
    proxy.add(Rule(action="latency", op="head", nth=1, times=0, delay=0.3))  # both ask at once
    engine = make_engine(home, fast_settings(concurrency=4, if_exists=IfExists(policy)))
    with started(engine):
        (a,) = engine.queue_paths([str(first)], destination(bucket, proxy.url), "p").upload_ids
        (b,) = engine.queue_paths([str(second)], destination(bucket, proxy.url), "p").upload_ids
        settle(engine)
    rows = {row.id: row for row in engine.journal.list_uploads(ids=[a, b])}
    done = [row for row in rows.values() if row.state == UploadState.DONE]
    for row in done:  # each done upload's object is its own file, as its receipt says
        assert object_sha256(s3, bucket, row.key) == row.sha256 in (first_sha, second_sha)
    if policy == "rename":
        assert len(done) == 2 and {row.key for row in done} == {"p/doc (1).bin", "p/doc (2).bin"}
    else:
        assert len(done) == 1 and [r.state for r in rows.values()].count(UploadState.SKIPPED) == 1
        skipped = next(r for r in rows.values() if r.state == UploadState.SKIPPED)
        assert skipped.error is not None and "skipped" in skipped.error


def test_an_edit_while_hoist_checks_its_own_object_never_gives_a_receipt_of_other_bytes(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    """Paused with the single PUT's reply on the wire (the reply is journaled while
    paused); on resume Hoist asks the server for its object, and the file is edited in
    that moment. The receipt must describe the object, or the upload must not be done."""
    path = tmp_path / "small.bin"
    old_sha = make_file(path, MiB, seed=61)
    state: dict[str, Any] = {}
    engine = make_engine(home, fast_settings(concurrency=2))

    def pause_now(_seen: Any) -> None:
        engine.pause([state["uid"]])

    def edit_now(_seen: Any) -> None:
        state["new"] = make_file(path, MiB, seed=62)

    proxy.add(Rule(action="forward", op="put", nth=1, times=1, after_upstream=pause_now))
    proxy.add(Rule(action="forward", op="head", nth=1, times=1, after_upstream=edit_now))
    with started(engine):
        (state["uid"],) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "h").upload_ids
        settle(engine)
        engine.resume([state["uid"]])
        settle(engine)
    row = engine.journal.get_upload(state["uid"])
    assert row is not None
    if row.state == UploadState.DONE:
        assert row.sha256 == object_sha256(s3, bucket, "h/small.bin")
    else:  # the edit was seen: the person is told, and nothing claims the old bytes are the new
        assert row.state == UploadState.FAILED and "changed" in (row.error or "")
    assert object_sha256(s3, bucket, "h/small.bin") in (old_sha, state.get("new"))


def test_a_cancel_while_offline_reaches_the_server_when_it_is_back(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 3 * PART, seed=71)
    proxy.add(Rule(action="latency", op="part", part=3, delay=30, nth=1, times=0))
    engine = make_engine(home, fast_settings(concurrency=2, offline_wait=30.0))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "c").upload_ids
        assert wait_until(lambda: any(s.upstream_status == 200 for s in proxy.requests("part", part=1)))
        proxy.go_offline()
        assert engine.cancel([uid]) == [uid]
        time.sleep(1.5)  # the abort waits for the network, it does not give up
        proxy.go_online()
        assert engine.wait_idle(60)
    row = engine.journal.get_upload(uid)
    assert row is not None and row.state == UploadState.CANCELLED and row.s3_upload_id is None
    assert open_uploads(s3, bucket) == []


def test_a_cancel_that_could_not_reach_the_server_is_aborted_at_the_next_start(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.bin"
    make_file(path, 3 * PART, seed=72)
    proxy.add(Rule(action="latency", op="part", part=3, delay=30, nth=1, times=0))
    notices: list[str] = []
    engine = make_engine(home, fast_settings(concurrency=2, offline_wait=0.5))
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "c").upload_ids
        assert wait_until(lambda: any(s.upstream_status == 200 for s in proxy.requests("part", part=1)))
        proxy.go_offline()
        assert engine.cancel([uid]) == [uid]
        assert engine.wait_idle(60)
    assert any("could not be removed yet" in n and "next time it starts" in n for n in notices)
    assert len(open_uploads(s3, bucket)) == 1
    proxy.go_online()
    proxy.clear()
    again = make_engine(home, fast_settings(concurrency=2))
    again.start(resume=True)
    try:
        assert again.wait_idle(30)
    finally:
        again.shutdown()
    assert open_uploads(s3, bucket) == []
    assert again.journal.get_upload(uid).s3_upload_id is None  # type: ignore[union-attr]
    assert uid not in again.runtimes  # a finished upload: not brought back into the queue


def test_a_single_put_acknowledged_while_paused_finishes_when_resumed_at_once(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply lands while paused (journaled, not finished); the resume's start runs
    while that request is still counted as on the wire. It must not stay 'running' with
    nothing to do. The window is a few bytecodes wide: a slow finish() widens it."""
    from hoist.engine import parts as parts_module

    path = tmp_path / "small.bin"
    digest = make_file(path, MiB, seed=81)
    in_window = threading.Event()
    real_finish = parts_module.finish

    def slow_finish(ctx: Any, rt: Any, etag: str, sha256: str, epoch: int) -> None:
        real_finish(ctx, rt, etag, sha256, epoch)
        if rt.state in (UploadState.PAUSED, UploadState.QUEUED):
            in_window.set()
            time.sleep(0.5)  # a worker descheduled right here

    monkeypatch.setattr(parts_module, "finish", slow_finish)
    engine = make_engine(home, fast_settings(concurrency=2))
    state: dict[str, int] = {}
    proxy.add(
        Rule(
            action="forward", op="put", nth=1, times=1, after_upstream=lambda s: engine.pause([state["uid"]])
        )
    )
    with started(engine):
        (state["uid"],) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "e").upload_ids
        assert in_window.wait(30)
        assert engine.resume([state["uid"]]) == [state["uid"]]
        settle(engine)
        assert engine.runtimes[state["uid"]].state == UploadState.DONE
    assert engine.journal.get_upload(state["uid"]).sha256 == digest  # type: ignore[union-attr]
    assert object_sha256(s3, bucket, "e/small.bin") == digest
    assert len(proxy.requests("put")) == 1  # finished from the server's word, not sent again


def test_an_upload_lost_by_the_server_whose_file_became_small_goes_up_as_one_put(
    proxy: FaultProxy, s3: Any, bucket: str, home: Path, tmp_path: Path
) -> None:
    """Found by the long interleaving run: on resume ListParts says NoSuchUpload, the file
    is now small, and the new plan is a single PUT; before, the old start went on to
    create a multipart upload for it anyway, which stayed open."""
    path = tmp_path / "big.bin"
    make_file(path, 2 * PART + 1, seed=91)
    proxy.add(Rule(action="latency", op="part", part=2, nth=1, times=1, delay=1.0))
    engine = make_engine(home, fast_settings(concurrency=1))
    with started(engine):
        (uid,) = engine.queue_paths([str(path)], destination(bucket, proxy.url), "g").upload_ids
        assert wait_until(lambda: bool(proxy.requests("part", part=2)))
        engine.pause([uid])
        settle(engine)
        upload_id = engine.journal.get_upload(uid).s3_upload_id  # type: ignore[union-attr]
        s3.abort_multipart_upload(Bucket=bucket, Key="g/big.bin", UploadId=upload_id)  # the server forgets it
        edited: dict[str, str] = {}

        def shrink(_seen: Any) -> None:  # edited while the server is asked for its parts
            edited["sha"] = make_file(path, 1000, seed=92)

        proxy.add(Rule(action="forward", op="list_parts", nth=1, times=1, after_upstream=shrink))
        engine.resume([uid])
        settle(engine)
        small = edited["sha"]
    row = engine.journal.get_upload(uid)
    assert row is not None and (row.state, row.strategy, row.sha256) == (UploadState.DONE, "single", small)
    assert object_sha256(s3, bucket, "g/big.bin") == small
    assert len(proxy.requests("create")) == 1
    assert open_uploads(s3, bucket) == []
