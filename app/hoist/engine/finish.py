"""Finishing an upload: the receipt (SHA-256), the journal's final row, and abort on cancel."""

from __future__ import annotations

import time
from pathlib import Path

from ..s3.errors import Kind, S3Failure
from ..store.states import PartState, UploadState
from . import events as ev
from .connections import Connection
from .context import StepContext
from .integrity import ReceiptHasher, clean_etag, sha256_of_file
from .orphans import sweep_orphans
from .runtime import Runtime


def finish(ctx: StepContext, rt: Runtime, etag: str, sha256: str, epoch: int) -> None:
    """Record the receipt and mark the upload done, if it is still the plan ``epoch``
    that the server's answer was for, and still running (checked under the lock)."""
    with ctx.lock:
        if rt.epoch != epoch or rt.state not in (UploadState.RUNNING, UploadState.COMPLETING):
            return
        ctx.journal.update_upload(rt.row.id, etag=clean_etag(etag), sha256=sha256)
        rt.row = ctx.journal.get_upload(rt.row.id) or rt.row
        done = ctx.set_state(rt, UploadState.DONE, quiet=True)
    if done:
        ctx.emit(ev.StateChanged(rt.row.id, UploadState.DONE))
        ctx.emit(ev.FileDone(rt.row.id, rt.row.key, clean_etag(etag), sha256))
        ctx.settled(rt)


def finish_if_on_server(
    ctx: StepContext, rt: Runtime, conn: Connection, md5: str | None = None, epoch: int = 0
) -> bool:
    """A single PUT the journal has as acknowledged (or, given ``md5``, the file's bytes):
    finish it if the server holds exactly those bytes (same size, ETag = that MD5).
    False means send it again."""
    if md5 is None:
        parts = ctx.journal.parts(rt.row.id)
        if len(parts) != 1 or parts[0].state != PartState.DONE or not parts[0].md5:
            return False
        md5 = parts[0].md5
    existing = conn.signer.head(rt.row.bucket, rt.row.key)
    if existing is None or existing.size != rt.row.size or clean_etag(existing.etag) != md5:
        return False
    finish(ctx, rt, existing.etag, sha256_of_file(Path(rt.row.local_path)), epoch)
    return rt.state == UploadState.DONE


def start_receipt(ctx: StepContext, rt: Runtime) -> None:
    """Hash the file for its SHA-256 receipt while the parts upload (see ReceiptHasher)."""
    row = rt.row
    key = (row.local_path, row.size, row.mtime_ns)
    if rt.receipt is not None and rt.receipt.key == key and rt.receipt.usable:
        return

    def keep_going() -> bool:
        return rt.state in (UploadState.RUNNING, UploadState.COMPLETING) and not ctx.stopping

    rt.receipt = ReceiptHasher(Path(row.local_path), row.size, row.mtime_ns, keep_going)


def receipt_sha256(rt: Runtime) -> str:
    """The SHA-256 for the receipt: from the background hash if it covered this very
    file version, else hashed now."""
    row, hasher = rt.row, rt.receipt
    if hasher is not None and hasher.key == (row.local_path, row.size, row.mtime_ns):
        digest = hasher.result()
        if digest is not None:
            return digest
    return sha256_of_file(Path(row.local_path))


PART_WAIT_BEFORE_ABORT = 30.0  # seconds a cancel lets parts on the wire end before aborting


def abort(ctx: StepContext, rt: Runtime) -> None:
    """Cancel: let the parts on the wire end, then abort the server-side upload. A part
    still sending when the wait runs out may be stored after the abort (S3 says to abort
    again then), so the abort is repeated once those parts have ended."""
    had_busy = _wait_for_parts(ctx, rt, PART_WAIT_BEFORE_ABORT)
    if _abort_once(ctx, rt) and had_busy:
        _wait_for_parts(ctx, rt, 120.0)
        _abort_once(ctx, rt, again=True)
    sweep_orphans(ctx, rt, ctx.connections.get(rt.row.destination))


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


def _abort_once(ctx: StepContext, rt: Runtime, *, again: bool = False) -> bool:
    row = ctx.journal.get_upload(rt.row.id)
    if row is None or not row.s3_upload_id:
        return False
    conn = ctx.connections.get(rt.row.destination)
    try:
        conn.signer.abort(row.bucket, row.key, row.s3_upload_id)
    except S3Failure as failure:
        if failure.kind == Kind.NO_SUCH_UPLOAD:
            return True  # already gone: what an abort wants
        if not again:
            ctx.emit(
                ev.Notice(f"{row.name}: cancelled, but the server-side upload could not be "
                          f"aborted ({failure}); `hoist cleanup` can remove it later.", row.id)
            )  # fmt: skip
        return False
    return True
