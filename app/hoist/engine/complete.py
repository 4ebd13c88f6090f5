"""CompleteMultipartUpload, with the checks around it."""

from __future__ import annotations

from ..s3.errors import Kind, S3Failure
from ..store.states import UploadState
from . import events as ev
from .context import StepContext
from .finish import finish, receipt_sha256
from .integrity import clean_etag, multipart_etag
from .localfile import ensure_unchanged
from .offline import endpoint_of
from .runtime import RunStop, Runtime
from .start import upload_lost
from .tasks import Task

MAX_COMPLETE_REFUSALS = 3  # InvalidPart answers to Complete, each after a reconcile, per run


def complete(ctx: StepContext, rt: Runtime, epoch: int) -> None:
    with ctx.lock:
        if rt.epoch != epoch or rt.state != UploadState.RUNNING or rt.pending or not rt.ready:
            return
        if not ctx.set_state(rt, UploadState.COMPLETING):
            return
        stop, row = rt.stop, rt.row
    conn = ctx.connections.get(row.destination)
    endpoint = endpoint_of(rt.row)
    ensure_unchanged(rt)
    sha256 = receipt_sha256(rt)
    ensure_unchanged(rt)  # the receipt must describe the bytes that were sent
    parts = ctx.journal.parts(row.id)
    attempt = waits = 0
    while True:
        attempt += 1
        try:
            etag = conn.signer.complete(
                row.bucket, row.key, row.s3_upload_id or "",
                [(p.part_number, p.etag or "") for p in parts],
            )  # fmt: skip
            ctx.heard_from_server(endpoint)
            break
        except S3Failure as failure:
            if failure.status:
                ctx.heard_from_server(endpoint)
            with ctx.lock:
                if not ctx.same_run(rt, stop, epoch):
                    return  # cancelled (its abort may be why) or shut down: nothing to redo
            if failure.kind == Kind.NO_SUCH_UPLOAD:
                if ctx.set_state(rt, UploadState.RUNNING):
                    upload_lost(ctx, rt, conn)
                    _start_again(ctx, rt)
                return
            if failure.code == "EntityTooSmall":
                raise
            if failure.code in ("InvalidPart", "InvalidPartOrder"):
                _refused(ctx, rt, stop, failure)
                return
            attempt, waits, waiting = ctx.count_try(failure, attempt, waits, endpoint)
            if failure.kind in (Kind.RETRY, Kind.SLOWDOWN) and not ctx.out_of_tries(
                failure, attempt, waiting
            ):
                if stop.wait(ctx.retry.delay(attempt + waits, failure.retry_after)):
                    return
                continue
            raise
    expected = multipart_etag([p.md5 or "" for p in parts]) if all(p.md5 for p in parts) else ""
    if conn.verify_etag and expected and clean_etag(etag) != expected:
        ctx.emit(
            ev.Notice(f"{row.name}: the server's final ETag {etag} differs from the expected "
                      f"{expected}; every part's checksum matched.", row.id)
        )  # fmt: skip
    finish(ctx, rt, etag, sha256, epoch)


def _refused(ctx: StepContext, rt: Runtime, stop: RunStop, failure: S3Failure) -> None:
    """Complete said a part is missing or wrong: reconcile (ListParts) and redo what the
    server lacks, after a growing wait; a server that keeps refusing parts it lists
    fails the file instead of looping."""
    with ctx.lock:
        rt.complete_refusals += 1
        refusals = rt.complete_refusals
    if refusals > MAX_COMPLETE_REFUSALS:
        raise S3Failure(
            Kind.FATAL, failure.code,
            f"the server refused to assemble the upload {refusals} times ({failure.message}), "
            "though it lists the parts sent",
        )  # fmt: skip
    if not ctx.set_state(rt, UploadState.RUNNING):
        return
    if stop.wait(ctx.retry.delay(refusals + 1)):
        return
    _start_again(ctx, rt)


def _start_again(ctx: StepContext, rt: Runtime) -> None:
    with ctx.lock:
        again = rt.state == UploadState.RUNNING
    if again:
        ctx.enqueue(Task("start", rt.row.id))
