"""Every network/server fault, injected by the proxy into real multipart uploads.

For each fault: a 3-part file and a small single-PUT file go through the proxy, which
misbehaves on the first attempt of part 2 and of the single PUT. The end state must
be: objects byte-identical (SHA-256), journal state done with the receipt, retries
counted, the part re-sent exactly once more, and the progress a person sees never
past the size nor backwards.
"""

from __future__ import annotations

import time

import pytest

from hoist.config.settings import IfExists
from hoist.engine import events as ev
from hoist.store.states import UploadState
from tests.helpers import make_file, object_sha256
from tests.support.faultproxy import Rule
from tests.support.fixtures import fault_proxy  # noqa: F401 - the `proxy` fixture
from tests.support.harness import PART, ProgressWatch, destination, fast_settings, make_engine, run_batch

EXPIRED = "Request has expired"

# name -> (rule fields, counts as a retry in the journal, fault seen by Hoist)
FAULTS: dict[str, dict[str, object]] = {
    "reset-mid-body": {"action": "reset"},
    "close-without-reply": {"action": "close"},
    "500-internal-error": {"action": "status", "status": 500, "code": "InternalError"},
    "503-slowdown": {"action": "status", "status": 503, "code": "SlowDown",
                     "message": "Please reduce your request rate."},
    "429-retry-after": {"action": "status", "status": 429, "code": "TooManyRequests",
                        "message": "Too many requests", "headers": {"Retry-After": "1"}},
    "400-request-timeout": {"action": "status", "status": 400, "code": "RequestTimeout",
                            "message": "Your socket connection to the server was not read from "
                            "or written to within the timeout period."},
    "403-request-expired": {"action": "status", "status": 403, "code": "AccessDenied",
                            "message": EXPIRED},
    "stall": {"action": "stall", "delay": 30.0},
    "flip-one-byte": {"action": "flip"},
}  # fmt: skip


@pytest.mark.parametrize("fault", list(FAULTS), ids=list(FAULTS))
def test_fault_on_first_attempt_is_retried_to_a_byte_identical_object(
    fault, home, bucket, s3, proxy, tmp_path
):
    big, small = tmp_path / "big.bin", tmp_path / "small.txt"
    big_sha = make_file(big, 3 * PART - 7, seed=1)
    small_sha = make_file(small, 1000, seed=2)
    fields = FAULTS[fault]
    proxy.add(Rule(op="part", part=2, **fields), Rule(op="put", **fields))  # type: ignore[arg-type]
    # A stall is only cut by the I/O timeout: keep it short here so the test is fast.
    settings = fast_settings(io_timeout=1.0 if fault == "stall" else 20.0)
    engine = make_engine(home, settings)
    retries_seen: list[ev.PartRetry] = []
    limits: list[int] = []  # parts allowed in flight when each retry was announced

    def on_event(event: ev.Event) -> None:
        if isinstance(event, ev.PartRetry):
            retries_seen.append(event)
            limits.append(engine.gate.limit)

    engine.subscribe(on_event)

    ids, watch, seconds = run_batch(engine, [big, small], destination(bucket, proxy.url), "f")

    assert object_sha256(s3, bucket, "f/big.bin") == big_sha
    assert object_sha256(s3, bucket, "f/small.txt") == small_sha
    rows = {r.key: r for r in engine.journal.list_uploads(ids=ids)}
    assert {k: r.state for k, r in rows.items()} == {
        "f/big.bin": UploadState.DONE,
        "f/small.txt": UploadState.DONE,
    }
    assert rows["f/big.bin"].sha256 == big_sha and rows["f/small.txt"].sha256 == small_sha
    # Exactly one more PUT of the faulty part / file; the others once.
    assert proxy.part_counts("f/big.bin") == {1: 1, 2: 2, 3: 1}
    assert proxy.puts("f/small.txt") == 2
    parts = {p.part_number: p for p in engine.journal.parts(rows["f/big.bin"].id)}
    assert parts[2].attempts == 1 and parts[1].attempts == 0 and parts[3].attempts == 0
    assert engine.journal.parts(rows["f/small.txt"].id)[0].attempts == 1
    if fault == "403-request-expired":
        # An expired URL is re-signed, not counted against the part's retry budget.
        assert rows["f/big.bin"].retries == 0 and not retries_seen
    else:
        assert rows["f/big.bin"].retries == 1 and rows["f/small.txt"].retries == 1
        assert len(retries_seen) == 2
    assert not watch.violations, watch.violations[:5]
    assert watch.last == {rows["f/big.bin"].id: big.stat().st_size, rows["f/small.txt"].id: 1000}
    if fault in ("503-slowdown", "429-retry-after"):
        assert min(limits) < settings.concurrency, (
            "the server asked to slow down; parts in flight were not cut"
        )
    else:
        assert set(limits) <= {settings.concurrency}
    if fault == "429-retry-after":
        first, second = proxy.requests("part", "f/big.bin", 2)
        assert first.finished is not None
        assert second.started - first.finished >= 0.95, "Retry-After: 1 was not honoured"
    if fault == "stall":
        # Cut after the 1 s I/O timeout, not hung for the proxy's 30 s.
        assert seconds < 15
    if fault == "flip-one-byte":
        assert "checksum" in (parts[2].last_error or retries_seen[0].error)


def test_latency_on_every_request_needs_no_retry(home, bucket, s3, proxy, tmp_path):
    big = tmp_path / "slow.bin"
    digest = make_file(big, 2 * PART + 1, seed=3)
    proxy.add(Rule("latency", delay=0.3, times=0))
    engine = make_engine(home)
    ids, watch, seconds = run_batch(engine, [big], destination(bucket, proxy.url))
    assert object_sha256(s3, bucket, "slow.bin") == digest
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE and row.retries == 0
    assert proxy.part_counts("slow.bin") == {1: 1, 2: 1, 3: 1}
    assert seconds >= 0.9  # create + parts + complete each waited
    assert not watch.violations


def test_a_part_that_keeps_failing_fails_the_file_with_the_last_error(home, bucket, s3, proxy, tmp_path):
    big = tmp_path / "doomed.bin"
    make_file(big, 2 * PART, seed=4)
    proxy.add(Rule("status", op="part", part=2, times=0, status=500, code="InternalError",
                   message="We encountered an internal error. Please try again."))  # fmt: skip
    engine = make_engine(home)
    ids, watch, _ = run_batch(engine, [big], destination(bucket, proxy.url))
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.FAILED
    assert row.error == (
        "doomed.bin: part 2 failed 8 times; last error: InternalError: We encountered an internal "
        "error. Please try again."
    )
    assert proxy.puts("doomed.bin", 2) == 8
    assert not watch.violations
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    assert objects == []


def test_flipped_byte_on_every_attempt_never_completes_corrupted(home, bucket, s3, proxy, tmp_path):
    big = tmp_path / "corrupt.bin"
    make_file(big, 2 * PART, seed=5)
    proxy.add(Rule("flip", op="part", part=1, times=0))
    engine = make_engine(home)
    ids, _, _ = run_batch(engine, [big], destination(bucket, proxy.url))
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.FAILED
    assert "checksum of the part did not match the bytes sent" in (row.error or "")
    assert proxy.requests("complete") == []
    assert s3.list_objects_v2(Bucket=bucket).get("Contents", []) == []


@pytest.mark.parametrize("op", ["create", "complete", "list_parts", "head"])
def test_a_short_outage_on_a_control_request_is_ridden_out(op, home, bucket, s3, proxy, tmp_path):
    """Create, Complete, ListParts (on resume) and HEAD (the if-exists check) go through
    botocore, which tries 4 times in quick succession. A server that refuses 6 times in a
    row (an outage of a second or two) must not fail the file: it is retried like a part."""
    source = tmp_path / "control.bin"
    digest = make_file(source, 2 * PART + 1, seed=6)
    engine = make_engine(home)
    if op == "list_parts":  # only asked on resume: stop after part 1, then resume
        proxy.add(Rule("stall", op="part", part=2, delay=5))
        engine.start(resume=False)
        upload_id = engine.queue_paths([str(source)], destination(bucket, proxy.url)).upload_ids[0]
        deadline = time.monotonic() + 20
        while not any(p.state.value == "done" for p in engine.journal.parts(upload_id)):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        engine.shutdown(timeout=5)
        engine.journal.close()
        proxy.clear()
        engine = make_engine(home)
    proxy.add(
        Rule("status", op=op, times=6, status=503, code="ServiceUnavailable", message="Please try again.")
    )
    if op == "list_parts":
        watch = ProgressWatch(engine).start()
        engine.start(resume=True)
        assert engine.wait_idle(60)
        engine.shutdown()
        watch.stop()
        ids = [upload_id]
    else:
        settings = fast_settings()
        settings.if_exists = IfExists.SKIP  # so the HEAD of the if-exists check is asked
        engine = make_engine(home, settings)
        ids, watch, _ = run_batch(engine, [source], destination(bucket, proxy.url))
    row = engine.journal.get_upload(ids[0])
    assert row is not None and row.state == UploadState.DONE, row.error
    assert object_sha256(s3, bucket, "control.bin") == digest
    assert len(proxy.requests(op)) == 7
    assert not watch.violations
