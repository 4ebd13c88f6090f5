"""Finishing an upload: the receipt (SHA-256), the journal's final row, and abort on cancel."""

from __future__ import annotations

from pathlib import Path

from ..store.states import PartState, UploadState
from . import events as ev
from .connections import Connection
from .context import StepContext
from .integrity import ReceiptHasher, clean_etag, md5_and_sha256, sha256_of_file
from .localfile import FileProblem, ensure_unchanged
from .orphans import sweep_orphans
from .runtime import Runtime


def finish(ctx: StepContext, rt: Runtime, etag: str, sha256: str, epoch: int) -> None:
    """Record the receipt and mark the upload done, if it is still the plan ``epoch``
    that the server's answer was for, and still running (checked under the lock)."""
    with ctx.lock:
        if rt.epoch != epoch or rt.state not in (UploadState.RUNNING, UploadState.COMPLETING):
            return
        # The receipt and the state in one transaction (they were two, then a re-read).
        done = ctx.set_state(
            rt, UploadState.DONE, quiet=True, record={"etag": clean_etag(etag), "sha256": sha256}
        )
        may_have_orphans = rt.row.creating_since is not None
    if done:
        ctx.emit(ev.StateChanged(rt.row.id, UploadState.DONE))
        ctx.emit(ev.FileDone(rt.row.id, rt.row.key, clean_etag(etag), sha256))
        ctx.settled(rt)
        # A Create of this upload may have left an upload behind (a kill or a lost reply;
        # the plan may even have become a single PUT since): look for it now. Only a row
        # with the intent journaled can have one (the sweep checks it again).
        if may_have_orphans:
            sweep_orphans(ctx, rt, ctx.connections.get(rt.row.destination))


def finish_if_on_server(
    ctx: StepContext, rt: Runtime, conn: Connection, epoch: int, digests: tuple[str, str] | None = None
) -> bool:
    """A single PUT the journal has as acknowledged (or, given ``digests`` (MD5, SHA-256)
    of the planned file version, any earlier run's PUT): finish it if the server holds
    exactly those bytes (same size, ETag = that MD5). False means send it again."""
    if digests is None:
        parts = ctx.journal.parts(rt.row.id)
        if len(parts) != 1 or parts[0].state != PartState.DONE or not parts[0].md5:
            return False
        md5, sha256 = parts[0].md5, None
    else:
        md5, sha256 = digests
    existing = conn.signer.head(rt.row.bucket, rt.row.key)
    if existing is None or existing.size != rt.row.size or clean_etag(existing.etag) != md5:
        return False
    sha256 = sha256 or planned_sha256(rt)
    if sha256 is None:  # edited meanwhile: the object is an older version, not this one
        return False
    finish(ctx, rt, existing.etag, sha256, epoch)
    return rt.state == UploadState.DONE


def planned_sha256(rt: Runtime) -> str | None:
    """The receipt's SHA-256 of the file version the upload planned, or None if the file
    is not that version any more (checked before and after hashing, as parts are)."""
    try:
        ensure_unchanged(rt)
        digest = receipt_sha256(rt)
        ensure_unchanged(rt)
    except FileProblem:
        return None
    return digest


def planned_digests(rt: Runtime) -> tuple[str, str] | None:
    """(MD5, SHA-256) of the planned file version in one read, or None if it changed."""
    try:
        ensure_unchanged(rt)
        digests = md5_and_sha256(Path(rt.row.local_path))
        ensure_unchanged(rt)
    except FileProblem:
        return None
    return digests


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
