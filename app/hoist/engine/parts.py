"""Sending one part (or a single PUT): sign, stream, verify the ETag, journal; retry with
backoff, re-sign an expired URL, start over when the server lost the upload."""

from __future__ import annotations

import logging
import os

from ..s3.errors import CONNECT_CODES, Kind, S3Failure
from ..s3.redact import redact
from ..s3.transport import Interrupted, PartBody, SourceChanged, put_range
from ..store.journal import UploadRow
from ..store.states import PartState, UploadState
from . import events as ev
from .context import StepContext
from .failing import fail_with
from .finish import finish
from .integrity import clean_etag
from .localfile import FileProblem, ensure_unchanged, stat_file
from .offline import endpoint_of
from .ratelimit import AdaptiveGate, request_weight
from .runtime import RateMeter, RunStop, Runtime
from .start import MAX_RESTARTS, object_options, start_over
from .tasks import Task

log = logging.getLogger(__name__)


def send_part(ctx: StepContext, rt: Runtime, number: int, epoch: int) -> None:
    with ctx.lock:
        if (
            rt.state != UploadState.RUNNING
            or epoch != rt.epoch
            or not rt.ready
            or number not in rt.pending
            or number in rt.busy  # an older request for this number may still land
        ):
            return
        rt.busy.add(number)
        stop, row = rt.stop, rt.row
    slot = Slot(ctx.gate)
    try:
        _send_with_retries(ctx, rt, row, number, epoch, stop, slot)
    except (S3Failure, FileProblem) as error:
        with ctx.lock:
            stale = not ctx.same_run(rt, stop, epoch)
        if stale:
            # The run or plan this part belonged to is over (paused, cancelled, replanned):
            # its failure is not the current upload's.
            log.info("Part %s of upload %s ended with an error after its run ended", number, row.id)
        else:
            fail_with(ctx, rt, error)  # before the slot is free: no next part starts meanwhile
    except Exception:
        # Unexpected (the journal's disk is full, a bug): the worker fails the upload once
        # this returns (Machinery._failed_task). Stop the run now, so that no next part
        # takes the slot and is sent in the meantime; the upload is failing either way.
        with ctx.lock:
            if ctx.same_run(rt, stop, epoch):
                stop.set()
        raise
    finally:
        slot.release()
        with ctx.lock:
            rt.busy.discard(number)
            if rt.epoch == epoch:
                rt.inflight.pop(number, None)
                rt.part_rates.pop(number, None)
            ctx.touch(rt)
            # A part that ends unsent while a run is going was interrupted by a pause
            # since undone, or its send in the new run/plan was skipped because this
            # older request was still on the wire: send it now, in the current plan.
            going = rt.state == UploadState.RUNNING and rt.ready and not rt.stop.is_set()
            again = going and number in rt.pending
            # A single PUT acknowledged after its run ended (paused while the reply was on
            # the wire) while a new run has begun: that run found the part still on the
            # wire and left it; a new start finishes it (or sends it again if it must).
            restart = going and rt.row.strategy == "single" and not rt.pending and stop is not rt.stop
            current = rt.epoch
        if again and not ctx.stopping:
            ctx.enqueue(Task("part", rt.row.id, number, current))
        elif restart and not ctx.stopping:
            ctx.enqueue(Task("start", rt.row.id))


class Slot:
    """A part's place in the concurrency gate. Given back once what the part's request led
    to is recorded (acknowledged in the journal, a retry decided, the upload failed), not
    when the reply arrives: at one part in flight the next part must not be on the wire
    before the journal holds this one, nor be sent at all when this one fails the upload."""

    def __init__(self, gate: AdaptiveGate) -> None:
        self._gate = gate
        self._weight = 0.0

    def take(self, weight: float) -> None:
        self._gate.acquire(weight)
        self._weight = weight

    def release(self) -> None:
        if self._weight:
            self._gate.release(self._weight)
            self._weight = 0.0


def _send_with_retries(
    ctx: StepContext,
    rt: Runtime,
    row: UploadRow,
    number: int,
    epoch: int,
    stop: RunStop,
    slot: Slot,
) -> None:
    conn = ctx.connections.get(row.destination)
    endpoint = endpoint_of(rt.row)
    info = rt.parts[number]
    single = row.strategy == "single"
    attempt = resigns = waits = 0
    while not stop.is_set():
        attempt += 1

        def on_bytes(count: int, _n: int = number) -> None:
            with ctx.lock:
                if _n in rt.inflight and rt.epoch == epoch:
                    rt.inflight[_n] += count

        slot.take(request_weight(info.length) if single else 1.0)
        with ctx.lock:  # shown as sending from now: a part waiting for its turn is not
            if rt.epoch == epoch and number not in rt.inflight:
                rt.inflight[number] = 0
                rt.part_rates[number] = RateMeter(window=3.0)
        fd = -1
        try:
            if stop.is_set():  # paused or cancelled while it waited for its turn: send nothing
                return
            # Checked once it is this part's turn: the part before it may have just found
            # the file changed, and failed the upload a moment from now.
            ensure_unchanged(rt, row)
            # Signed inside the try: an upload service's signing can fail as a part can
            # (unreachable, 5xx, 429, the session gone), and is retried alike.
            request = (
                conn.signer.sign_put(row.bucket, row.key, object_options(conn, rt))
                if single
                else conn.signer.sign_part(row.bucket, row.key, row.s3_upload_id or "", number)
            )
            fd = os.open(row.local_path, os.O_RDONLY)
            body = PartBody(
                fd, info.offset, info.length, on_bytes=on_bytes, should_stop=stop.is_set,
                throttle=ctx.bandwidth.take if ctx.bandwidth.rate else None,
                want_sha256=single,
            )  # fmt: skip
            sent = put_range(conn.http.get(), request, body)
            ctx.heard_from_server(endpoint)
            if conn.verify_etag and clean_etag(sent.etag) != sent.md5:
                raise S3Failure(
                    Kind.BAD_DIGEST, "ETagMismatch",
                    "the server's checksum of the part did not match the bytes sent",
                )  # fmt: skip
            ensure_unchanged(rt, row)  # a file modified mid-part must not be committed
        except Interrupted:
            _rewind(ctx, rt, number, epoch)
            return  # the slot goes back in send_part
        except (SourceChanged, FileNotFoundError):
            _rewind(ctx, rt, number, epoch)
            ensure_unchanged(rt, row)
            raise FileProblem(f"{row.local_path} changed while it was uploading.") from None
        except S3Failure as failure:
            bytes_lost = _rewind(ctx, rt, number, epoch)
            attempt, waits, waiting = ctx.count_try(failure, attempt, waits, endpoint)
            if not _handle_failure(
                ctx, rt, number, epoch, failure, (attempt, waits, waiting), bytes_lost, stop
            ):
                return
            slot.release()  # held through the backoff, as the request was
            if failure.kind == Kind.RESIGN:
                resigns += 1
                attempt -= 1  # an expired URL is not the part's fault
                if resigns > ctx.retry.max_resigns:
                    raise
            continue
        finally:
            if fd >= 0:
                os.close(fd)
        ctx.gate.success()
        acknowledged = _acknowledge(ctx, rt, row, number, epoch, sent.etag, sent.md5)
        slot.release()
        if not acknowledged:
            return
        ctx.emit(ev.PartDone(row.id, number, sent.etag))
        if single and request.key:  # an upload service chose where it went (its /s3/params)
            with ctx.lock:
                if rt.epoch == epoch:
                    ctx.journal.update_upload(row.id, key=request.key, bucket=request.bucket or row.bucket)
                    rt.row = ctx.journal.get_upload(row.id) or rt.row
        if single:
            finish(ctx, rt, sent.etag, sent.sha256 or "", epoch)
        else:
            with ctx.lock:
                last = not rt.pending and rt.state == UploadState.RUNNING
            if last:
                ctx.enqueue(Task("complete", row.id, epoch=epoch))
        return


def _acknowledge(
    ctx: StepContext, rt: Runtime, row: UploadRow, number: int, epoch: int, etag: str, md5: str
) -> bool:
    """Journal an acknowledged part, if it still belongs to the upload as it is now.

    Checked and written under the ctx lock, so no pause, cancel or new plan can come
    in between: a reply for an earlier plan (the file was edited and the upload started
    over while this request was on the wire) or a cancelled upload is dropped, never
    written into the current plan. A reply for the same plan that arrives after a pause
    is kept: the server holds exactly these bytes of this file version in this upload.
    """
    with ctx.lock:
        current = (
            rt.epoch == epoch
            and rt.row.s3_upload_id == row.s3_upload_id
            and number in rt.pending
            and rt.state in (UploadState.RUNNING, UploadState.PAUSED)
        )
        if not current:
            log.info("Upload %s: a late reply for part %s of an earlier run was dropped", row.id, number)
            return False
        ctx.journal.mark_part_done(row.id, number, etag, md5)
        info = rt.parts[number]
        rt.pending.discard(number)
        rt.done_bytes += info.length
        info.state = PartState.DONE
        rt.inflight.pop(number, None)
        ctx.touch(rt)
    return True


def _rewind(ctx: StepContext, rt: Runtime, number: int, epoch: int) -> int:
    with ctx.lock:
        if rt.epoch != epoch:
            return 0
        sent = rt.inflight.get(number, 0)
        if number in rt.inflight:
            rt.inflight[number] = 0
        return sent


def _handle_failure(
    ctx: StepContext,
    rt: Runtime,
    number: int,
    epoch: int,
    failure: S3Failure,
    tries: tuple[int, int, bool],
    bytes_lost: int,
    stop: RunStop,
) -> bool:
    """Decide after a failed attempt. True = try again; False = this task ends here.
    ``tries``: (counted attempts, attempts spent waiting for the network, waiting now)."""
    attempt, waits, waiting = tries
    message = redact(failure.message)
    if failure.status:
        ctx.heard_from_server(endpoint_of(rt.row))
    with ctx.lock:
        if not ctx.same_run(rt, stop, epoch):
            return False  # paused, cancelled or replanned: nothing to record or redo here
        ctx.journal.record_part_attempt(rt.row.id, number, message)
        info = rt.parts[number]
        info.attempts += 1
        info.last_error = message
    if failure.kind == Kind.NO_SUCH_UPLOAD and rt.row.strategy == "multipart":
        with ctx.lock:
            current = ctx.same_run(rt, stop, epoch) and rt.ready
            if current:
                rt.ready = False  # no more parts go to the lost upload
                rt.restarts += 1
                restarts = rt.restarts
                rt.stop = RunStop()  # the lost upload's other parts stop (their run is over)
                stop.set()
        if not current:
            return False
        if restarts > MAX_RESTARTS:
            ctx.fail(
                rt,
                f"{rt.row.name}: the server lost the multipart upload {restarts} times while its "
                "parts were being sent (it may be removing unfinished uploads early). "
                "Check the bucket's lifecycle rules, then retry.",
                attention=True,
            )
            return False
        conn = ctx.connections.get(rt.row.destination)
        if start_over(ctx, rt, conn, stat_file(rt), "was lost by the server (NoSuchUpload)"):
            ctx.enqueue(Task("start", rt.row.id))
        return False
    if failure.kind == Kind.RESIGN:
        return True
    if failure.kind == Kind.FATAL or ctx.out_of_tries(failure, attempt, waiting):
        if failure.kind != Kind.FATAL and failure.code in CONNECT_CODES:
            failure = S3Failure(
                Kind.FATAL, failure.code,
                f"{message}; no server answered for {_waited(ctx.offline_for(endpoint_of(rt.row)))}",
            )  # fmt: skip
        elif failure.kind != Kind.FATAL:
            failure = S3Failure(
                Kind.FATAL, failure.code,
                f"part {number} failed {attempt} times; last error: {message}",
            )  # fmt: skip
        raise failure
    if failure.kind == Kind.SLOWDOWN:
        ctx.gate.slow_down()
    delay = ctx.retry.delay(attempt + waits, failure.retry_after)
    with ctx.lock:
        rt.retries += 1
        ctx.touch(rt)
    ctx.journal.add_retries(rt.row.id, 1, bytes_lost)
    ctx.emit(ev.PartRetry(rt.row.id, number, attempt, message, delay))
    log.info("Part %s of %s: %s; retrying in %.1fs", number, rt.row.key, message, delay)
    return not stop.wait(delay)


def _waited(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
