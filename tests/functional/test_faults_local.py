"""The local file changes, shrinks or disappears between parts; a stalled server.

Never an object mixing old and new bytes: the upload stops with a clear message, and
restarts from scratch when the file was replaced while Hoist was stopped (or on retry).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from hoist.config.paths import resolve_paths
from hoist.engine import events as ev
from hoist.engine.retry import RetryPolicy
from hoist.store.journal import Journal
from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, destination, fast_settings, make_engine, run_batch


def _modify(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.seek(3 * PART)
        handle.write(b"NEW BYTES" * 100)
    os.utime(path, ns=(time.time_ns(), time.time_ns()))


def _truncate(path: Path) -> None:
    os.truncate(path, PART + PART // 2)


def _delete(path: Path) -> None:
    path.unlink()


CHANGED = (
    "{path} changed while it was uploading (size or modification time). Nothing mixing old and "
    "new bytes was stored; retry once the file is final."
)
GONE = "{path} no longer exists; it was deleted or moved after it was queued."


@pytest.mark.parametrize(
    ("change", "message"),
    [(_modify, CHANGED), (_truncate, CHANGED), (_delete, GONE)],
    ids=["modified", "truncated", "deleted"],
)
def test_file_changed_between_parts_stops_with_a_clear_message(
    change, message, home, bucket, s3, proxy, tmp_path
):
    source = tmp_path / "moving.bin"
    make_file(source, 4 * PART, seed=21)
    proxy.add(Rule(op="part", part=2, before=lambda seen: change(source)))
    engine = make_engine(home, fast_settings(concurrency=1))
    failures: list[ev.FileFailed] = []
    engine.subscribe(lambda e: failures.append(e) if isinstance(e, ev.FileFailed) else None)
    ids, watch, _ = run_batch(engine, [source], destination(bucket, proxy.url))

    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.FAILED
    assert row.error == message.format(path=source)
    assert [(f.error, f.needs_attention) for f in failures] == [(message.format(path=source), True)]
    # Part 2 was not committed; nothing after it was sent; no object exists.
    done = [p.part_number for p in engine.journal.parts(ids[0]) if p.state.value == "done"]
    assert done == [1]
    assert set(proxy.part_counts("moving.bin")) == {1, 2}
    assert proxy.requests("complete") == []
    assert s3.list_objects_v2(Bucket=bucket).get("Contents", []) == []
    assert not watch.violations

    if change is _delete:
        return
    # Retry with the file as it now is: a fresh upload of the new bytes, from part 1.
    new_digest = make_file(source, 2 * PART + 5, seed=22)
    engine = make_engine(home, fast_settings(concurrency=2))
    engine.start(resume=False)
    assert engine.retry_failed(ids) == ids
    assert engine.wait_idle(30)
    engine.shutdown()
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "moving.bin") == new_digest == row.sha256
    assert row.size == 2 * PART + 5


def _stop_after_part_1(home: Path, bucket: str, proxy: FaultProxy, source: Path) -> int:
    """Upload ``source`` until part 1 is journaled (part 2 stalls), then stop Hoist."""
    proxy.add(Rule("stall", op="part", part=2, delay=5))
    engine = make_engine(home, fast_settings(concurrency=1))
    engine.start(resume=False)
    upload_id = engine.queue_paths([str(source)], destination(bucket, proxy.url)).upload_ids[0]
    deadline = time.monotonic() + 20
    while not any(p.state.value == "done" for p in engine.journal.parts(upload_id)):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    engine.shutdown(timeout=5)
    engine.journal.close()
    proxy.clear()
    return upload_id


def test_file_replaced_while_hoist_was_stopped_restarts_from_scratch(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "replaced.bin"
    make_file(source, 3 * PART, seed=23)
    upload_id = _stop_after_part_1(home, bucket, proxy, source)
    journal = Journal(resolve_paths(home).journal)
    old = journal.get_upload(upload_id)
    journal.close()
    assert old is not None and old.s3_upload_id

    new_digest = make_file(source, 3 * PART + 1, seed=24)  # same name, new bytes and size
    engine = make_engine(home)
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    engine.start(resume=True)
    assert engine.wait_idle(30)
    engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "replaced.bin") == new_digest == row.sha256
    assert row.s3_upload_id != old.s3_upload_id
    assert f"{source} changed since it was queued; uploading it again from the start." in notices
    # The old server-side upload was aborted, not left to cost money.
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_file_replaced_by_one_over_5_tib_fails_in_words(home, bucket, s3, proxy, tmp_path):
    """Replaced (while Hoist was stopped) by a file S3 cannot hold: the upload fails saying
    so, the old server-side upload is aborted, and the engine carries on with the rest."""
    source, other = tmp_path / "disk.img", tmp_path / "other.bin"
    make_file(source, 3 * PART, seed=25)
    other_digest = make_file(other, 1000, seed=26)
    upload_id = _stop_after_part_1(home, bucket, proxy, source)

    os.truncate(source, 6 * 2**40)  # sparse: 6 TiB on paper, nothing on disk
    engine = make_engine(home)
    engine.start(resume=True)
    (other_id,) = engine.queue_paths([str(other)], destination(bucket, proxy.url)).upload_ids
    assert engine.wait_idle(30)
    engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.FAILED
    assert row.error == (f"{source}: the file is 6.0 TiB; S3 objects can be at most 5 TiB, so it cannot be "
                         "uploaded as one object.")  # fmt: skip
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert object_sha256(s3, bucket, "other.bin") == other_digest
    assert engine.journal.get_upload(other_id).state == UploadState.DONE  # type: ignore[union-attr]


def test_stalled_server_cannot_hang_an_upload_forever(home, bucket, s3, proxy, tmp_path):
    """Every attempt of a part stalls: each is cut after io_timeout and the file fails
    with a message instead of hanging (the proxy would hold each for 60 s)."""
    source = tmp_path / "stuck.bin"
    make_file(source, 2 * PART, seed=25)
    proxy.add(Rule("stall", op="part", part=2, times=0, delay=60))
    engine = make_engine(
        home, fast_settings(io_timeout=0.5), RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05)
    )
    started = time.monotonic()
    ids, watch, seconds = run_batch(engine, [source], destination(bucket, proxy.url), timeout=30)
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.FAILED
    assert row.error in (
        f"stuck.bin: part 2 failed 3 times; last error: the connection stalled ({name}: no bytes moved "
        "within the I/O timeout) and was cut"
        for name in ("WriteTimeout", "ReadTimeout")
    )
    assert proxy.puts("stuck.bin", 2) == 3
    assert seconds < 15, time.monotonic() - started
    assert not watch.violations


def test_stall_on_complete_is_cut_and_retried(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "complete-stall.bin"
    digest = make_file(source, 2 * PART, seed=26)
    proxy.add(Rule("stall", op="complete", delay=60))
    engine = make_engine(home, fast_settings(io_timeout=1.0))
    ids, watch, seconds = run_batch(engine, [source], destination(bucket, proxy.url), timeout=40)
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE, row
    assert not watch.violations
    assert object_sha256(s3, bucket, "complete-stall.bin") == digest
    assert len(proxy.requests("complete")) >= 2
    assert seconds < 20
