"""The server loses the multipart upload, and Complete succeeds but its reply is lost."""

from __future__ import annotations

import time

import pytest

from hoist.config.paths import resolve_paths
from hoist.engine import events as ev
from hoist.store.journal import Journal
from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import FaultProxy, Rule, Seen
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, destination, fast_settings, make_engine, run_batch

NO_SUCH_UPLOAD = {
    "action": "status", "status": 404, "code": "NoSuchUpload",
    "message": "The specified upload does not exist. The upload ID may be invalid, or the upload "
    "may have been aborted or completed.",
}  # fmt: skip


def answer_no_such_upload(proxy: FaultProxy, forgotten: list[str]) -> None:
    """moto answers HTTP 500 (a KeyError) for a part of an aborted upload; real S3 says
    404 NoSuchUpload. The proxy answers as S3 does for every forgotten upload id."""
    rule = Rule(**NO_SUCH_UPLOAD)  # type: ignore[arg-type]
    proxy.decide = lambda seen: rule if seen.upload_id in forgotten else None


def test_server_forgets_the_upload_mid_way_and_a_fresh_upload_finishes(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "lost.bin"
    digest = make_file(source, 4 * PART, seed=11)
    forgotten: list[str] = []

    def forget(seen: Seen) -> None:  # the server restarts and loses the upload
        assert seen.upload_id is not None
        s3.abort_multipart_upload(Bucket=bucket, Key=seen.key, UploadId=seen.upload_id)
        forgotten.append(seen.upload_id)

    proxy.add(Rule(op="part", part=3, before=forget, **NO_SUCH_UPLOAD))  # type: ignore[arg-type]
    answer_no_such_upload(proxy, forgotten)
    engine = make_engine(home, fast_settings(concurrency=2))
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    ids, watch, _ = run_batch(engine, [source], destination(bucket, proxy.url), allow_restart=True)

    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "lost.bin") == digest
    assert row.sha256 == digest
    assert forgotten and row.s3_upload_id not in forgotten
    assert len(proxy.requests("create")) == 2
    assert f"{source} was lost by the server (NoSuchUpload); uploading it again from the start." in notices
    # Every part went up again in the fresh upload.
    fresh = [s for s in proxy.requests("part", "lost.bin") if s.upload_id == row.s3_upload_id]
    assert sorted(s.part for s in fresh if s.status == 200) == [1, 2, 3, 4]
    assert not watch.violations
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


def test_server_forgot_the_upload_while_hoist_was_stopped(home, bucket, s3, proxy, tmp_path):
    source = tmp_path / "gone.bin"
    digest = make_file(source, 3 * PART, seed=12)
    engine = make_engine(home, fast_settings(concurrency=1))
    # Stop after part 2 is journaled: park part 3 until the engine shuts down.
    proxy.add(Rule("stall", op="part", part=3, delay=5))
    engine.start(resume=False)
    result = engine.queue_paths([str(source)], destination(bucket, proxy.url))
    upload_id = result.upload_ids[0]
    deadline = time.monotonic() + 20
    while sum(p.state.value == "done" for p in engine.journal.parts(upload_id)) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    engine.shutdown(timeout=5)
    engine.journal.close()

    journal = Journal(resolve_paths(home).journal)
    old = journal.get_upload(upload_id)
    assert old is not None and old.s3_upload_id
    s3.abort_multipart_upload(Bucket=bucket, Key="gone.bin", UploadId=old.s3_upload_id)
    journal.close()
    proxy.clear()
    answer_no_such_upload(proxy, [old.s3_upload_id])

    engine = make_engine(home, fast_settings(concurrency=2))
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    engine.start(resume=True)
    assert engine.wait_idle(30)
    engine.shutdown()
    row = engine.journal.get_upload(upload_id)
    assert row is not None and row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "gone.bin") == digest
    assert row.s3_upload_id != old.s3_upload_id
    assert f"{source} was lost by the server (NoSuchUpload); uploading it again from the start." in notices


@pytest.mark.parametrize("server", ["repeat-answers-200", "repeat-answers-NoSuchUpload"])
def test_complete_succeeded_but_its_reply_was_lost(server, home, bucket, s3, proxy, tmp_path):
    """The reply to a successful Complete is lost. A repeated Complete gets 200 from some
    servers (moto, AWS for a while) and NoSuchUpload from others (MinIO): either way the
    object is detected and nothing is uploaded again."""
    source = tmp_path / "done-twice.bin"
    digest = make_file(source, 3 * PART - 1, seed=13)
    completed: list[str] = []
    proxy.add(
        Rule("drop_reply", op="complete", after_upstream=lambda seen: completed.append(seen.upload_id or ""))
    )
    if server == "repeat-answers-NoSuchUpload":
        answer_no_such_upload(proxy, completed)
    engine = make_engine(home)
    notices: list[str] = []
    engine.subscribe(lambda e: notices.append(e.message) if isinstance(e, ev.Notice) else None)
    ids, watch, _ = run_batch(engine, [source], destination(bucket, proxy.url))

    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE, row
    assert object_sha256(s3, bucket, "done-twice.bin") == digest
    assert row.sha256 == digest
    completes = proxy.requests("complete")
    assert completes[0].upstream_status == 200 and completes[0].status is None  # reply lost
    assert len(completes) == 2
    # No part and no new upload sent again.
    assert proxy.part_counts("done-twice.bin") == {1: 1, 2: 1, 3: 1}
    assert len(proxy.requests("create")) == 1
    if server == "repeat-answers-NoSuchUpload":
        assert completes[1].status == 404
        assert "done-twice.bin was already complete on the server." in notices
    head = s3.head_object(Bucket=bucket, Key="done-twice.bin")
    assert row.etag == head["ETag"].strip('"')
    assert not watch.violations


@pytest.mark.parametrize("times", [2, 0], ids=["twice", "always"])
def test_complete_answering_200_with_an_error_body_is_not_success(times, home, bucket, s3, proxy, tmp_path):
    """S3 may answer CompleteMultipartUpload with 200 OK and an <Error> document. That is
    a failure: retried, and never recorded as done while it lasts."""
    source = tmp_path / "quirk.bin"
    digest = make_file(source, 2 * PART, seed=14)
    proxy.add(Rule("status", op="complete", times=times, status=200, code="InternalError",
                   message="We encountered an internal error. Please try again."))  # fmt: skip
    engine = make_engine(home)
    ids, watch, _ = run_batch(engine, [source], destination(bucket, proxy.url))
    row = engine.journal.get_upload(ids[0])
    assert row is not None
    completes = proxy.requests("complete")
    if times:
        assert row.state == UploadState.DONE, row.error
        assert object_sha256(s3, bucket, "quirk.bin") == digest
        assert len(completes) == times + 1
    else:
        assert row.state == UploadState.FAILED
        assert row.error == "quirk.bin: InternalError: We encountered an internal error. Please try again."
        assert s3.list_objects_v2(Bucket=bucket).get("Contents", []) == []
        assert all(s.status == 200 for s in completes) and len(completes) > 4
    assert not watch.violations
