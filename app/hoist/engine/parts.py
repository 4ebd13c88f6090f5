"""Sending one part (or a single PUT): sign, stream, verify the ETag, journal; retry with
backoff, re-sign an expired URL, start over when the server lost the upload."""

from __future__ import annotations

import logging
import os
import threading

from ..s3.errors import CONNECT_CODES, Kind, S3Failure
from ..s3.redact import redact
from ..s3.transport import Interrupted, PartBody, SourceChanged, put_range
from ..store.states import PartState, UploadState
from . import events as ev
from .core import Engine, Task
from .finish import finish
from .integrity import clean_etag
from .localfile import FileProblem, ensure_unchanged, stat_file
from .runtime import RateMeter, Runtime
from .start import object_options, start_over

log = logging.getLogger(__name__)


def send_part(engine: Engine, rt: Runtime, number: int, epoch: int) -> None:
    with engine.lock:
        if (
            rt.state != UploadState.RUNNING
            or epoch != rt.epoch
            or number not in rt.pending
            or number in rt.inflight
        ):
            return
        rt.inflight[number] = 0
        rt.part_rates[number] = RateMeter(window=3.0)
        stop = rt.stop
    try:
        _send_with_retries(engine, rt, number, epoch, stop)
    finally:
        with engine.lock:
            rt.inflight.pop(number, None)
            rt.part_rates.pop(number, None)
            engine._touch(rt)
            # A part that ends unsent while its upload runs in the same epoch was
            # interrupted by a pause that has since been undone (the new run skipped it
            # because it was still in flight): send it in the new run.
            again = rt.state == UploadState.RUNNING and rt.epoch == epoch and number in rt.pending
        if again and not engine._stopping.is_set():
            engine.enqueue(Task("part", rt.row.id, number, rt.epoch))


def _send_with_retries(engine: Engine, rt: Runtime, number: int, epoch: int, stop: threading.Event) -> None:
    conn = engine.connections.get(rt.row.destination)
    row = rt.row
    info = rt.parts[number]
    single = row.strategy == "single"
    attempt = resigns = waits = 0
    while not stop.is_set():
        attempt += 1
        ensure_unchanged(rt)
        request = (
            conn.signer.sign_put(row.bucket, row.key, object_options(conn, rt))
            if single
            else conn.signer.sign_part(row.bucket, row.key, row.s3_upload_id or "", number)
        )

        def on_bytes(count: int, _n: int = number) -> None:
            with engine.lock:
                if _n in rt.inflight:
                    rt.inflight[_n] += count

        engine.gate.acquire()
        fd = -1
        try:
            fd = os.open(row.local_path, os.O_RDONLY)
            body = PartBody(
                fd, info.offset, info.length, on_bytes=on_bytes, should_stop=stop.is_set,
                throttle=engine.bandwidth.take if engine.bandwidth.rate else None,
                want_sha256=single,
            )  # fmt: skip
            sent = put_range(conn.http, request, body)
            engine.heard_from_server()
            if conn.verify_etag and clean_etag(sent.etag) != sent.md5:
                raise S3Failure(
                    Kind.BAD_DIGEST, "ETagMismatch",
                    "the server's checksum of the part did not match the bytes sent",
                )  # fmt: skip
            ensure_unchanged(rt)  # a file modified mid-part must not be committed
        except Interrupted:
            _rewind(engine, rt, number)
            return
        except (SourceChanged, FileNotFoundError):
            _rewind(engine, rt, number)
            ensure_unchanged(rt)
            raise FileProblem(f"{row.local_path} changed while it was uploading.") from None
        except S3Failure as failure:
            bytes_lost = _rewind(engine, rt, number)
            attempt, waits, waiting = engine.count_try(failure, attempt, waits)
            if not _handle_failure(
                engine, rt, number, epoch, failure, (attempt, waits, waiting), bytes_lost, stop
            ):
                return
            if failure.kind == Kind.RESIGN:
                resigns += 1
                attempt -= 1  # an expired URL is not the part's fault
                if resigns > engine.retry.max_resigns:
                    raise
            continue
        finally:
            if fd >= 0:
                os.close(fd)
            engine.gate.release()
        engine.gate.success()
        engine.journal.mark_part_done(row.id, number, sent.etag, sent.md5)
        with engine.lock:
            rt.pending.discard(number)
            rt.done_bytes += info.length
            info.state = PartState.DONE
            rt.inflight.pop(number, None)
            remaining = len(rt.pending)
            engine._touch(rt)
        engine.emit(ev.PartDone(row.id, number, sent.etag))
        if single:
            finish(engine, rt, sent.etag, sent.sha256 or "")
        elif remaining == 0:
            engine.enqueue(Task("complete", row.id, epoch=epoch))
        return


def _rewind(engine: Engine, rt: Runtime, number: int) -> int:
    with engine.lock:
        sent = rt.inflight.get(number, 0)
        if number in rt.inflight:
            rt.inflight[number] = 0
        return sent


def _handle_failure(
    engine: Engine,
    rt: Runtime,
    number: int,
    epoch: int,
    failure: S3Failure,
    tries: tuple[int, int, bool],
    bytes_lost: int,
    stop: threading.Event,
) -> bool:
    """Decide after a failed attempt. True = try again; False = this task ends here.
    ``tries``: (counted attempts, attempts spent waiting for the network, waiting now)."""
    attempt, waits, waiting = tries
    message = redact(failure.message)
    if failure.status:
        engine.heard_from_server()
    engine.journal.record_part_attempt(rt.row.id, number, message)
    with engine.lock:
        info = rt.parts[number]
        info.attempts += 1
        info.last_error = message
    if failure.kind == Kind.NO_SUCH_UPLOAD and rt.row.strategy == "multipart":
        with engine.lock:
            current = rt.epoch == epoch
            if current:
                rt.stop.set()  # other parts of the lost upload stop too
                rt.stop = threading.Event()
        if current:
            conn = engine.connections.get(rt.row.destination)
            if start_over(engine, rt, conn, stat_file(rt), "was lost by the server (NoSuchUpload)"):
                engine.enqueue(Task("start", rt.row.id))
        return False
    if failure.kind == Kind.RESIGN:
        return True
    if failure.kind == Kind.FATAL or engine.out_of_tries(failure, attempt, waiting):
        if failure.kind != Kind.FATAL and failure.code in CONNECT_CODES:
            failure = S3Failure(
                Kind.FATAL, failure.code,
                f"{message}; no server answered for {_waited(engine.offline_for())}",
            )  # fmt: skip
        elif failure.kind != Kind.FATAL:
            failure = S3Failure(
                Kind.FATAL, failure.code,
                f"part {number} failed {attempt} times; last error: {message}",
            )  # fmt: skip
        raise failure
    if failure.kind == Kind.SLOWDOWN:
        engine.gate.slow_down()
    delay = engine.retry.delay(attempt + waits, failure.retry_after)
    with engine.lock:
        rt.retries += 1
        engine._touch(rt)
    engine.journal.add_retries(rt.row.id, 1, bytes_lost)
    engine.emit(ev.PartRetry(rt.row.id, number, attempt, message, delay))
    log.info("Part %s of %s: %s; retrying in %.1fs", number, rt.row.key, message, delay)
    return not stop.wait(delay)


def _waited(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
