"""Cancel on the server: abort the multipart upload, once the parts on the wire have
ended, with the retry budget; what cannot be aborted now is tried again at the next start
(the journal keeps the id of a cancelled upload until its abort got through)."""

from __future__ import annotations

import time

from ..s3.errors import Kind, S3Failure
from ..store.states import UploadState
from . import events as ev
from .budget import with_retries
from .context import StepContext
from .orphans import sweep_orphans
from .runtime import Runtime

PART_WAIT_BEFORE_ABORT = 30.0  # seconds a cancel lets parts on the wire end before aborting


def abort(ctx: StepContext, rt: Runtime) -> None:
    """Let the parts on the wire end, then abort the server-side upload. A part still
    sending when the wait runs out may be stored after the abort (S3 says to abort again
    then), so the abort is repeated once those parts have ended."""
    had_busy = _wait_for_parts(ctx, rt, PART_WAIT_BEFORE_ABORT)
    aborted = _abort(ctx, rt)
    if aborted and had_busy:
        _wait_for_parts(ctx, rt, 120.0)
        _abort(ctx, rt, again=True)
    sweep_orphans(ctx, rt, ctx.connections.get(rt.row.destination))
    if aborted:
        with ctx.lock:  # nothing is left to abort: the next start has nothing to redo
            if rt.state == UploadState.CANCELLED:
                ctx.journal.update_upload(rt.row.id, s3_upload_id=None)


def cleanup(ctx: StepContext, upload_id: int) -> None:
    """At start: a finished upload whose server side still needs work (a cancel that was
    not aborted, a Create that may have left an upload). Not loaded into the queue."""
    row = ctx.journal.get_upload(upload_id)
    if row is None:
        return
    rt = Runtime.load(row, [])
    if row.state == UploadState.CANCELLED and row.s3_upload_id:
        abort(ctx, rt)
    else:
        sweep_orphans(ctx, rt, ctx.connections.get(row.destination))


def _wait_for_parts(ctx: StepContext, rt: Runtime, seconds: float) -> bool:
    """Wait until no request of this upload is on the wire; True if one still is."""
    deadline = time.monotonic() + seconds
    while True:
        with ctx.lock:
            if not rt.busy:
                return False
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.05)


def _abort(ctx: StepContext, rt: Runtime, *, again: bool = False) -> bool:
    """True if the server-side upload is gone (or there was none)."""
    row = ctx.journal.get_upload(rt.row.id)
    if row is None or not row.s3_upload_id:
        return True
    upload_id = row.s3_upload_id
    conn = ctx.connections.get(row.destination)
    try:
        with_retries(ctx, row, lambda: conn.signer.abort(row.bucket, row.key, upload_id))
    except S3Failure as failure:
        if failure.kind == Kind.NO_SUCH_UPLOAD:
            return True  # already gone: what an abort wants
        if not again:
            ctx.emit(
                ev.Notice(f"{row.name}: cancelled, but the upload on the server could not be "
                          f"removed yet ({failure}); Hoist tries again the next time it starts.", row.id)
            )  # fmt: skip
        return False
    return True
