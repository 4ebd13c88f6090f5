"""CompleteMultipartUpload, with the checks around it."""

from __future__ import annotations

from ..s3.errors import Kind, S3Failure
from ..store.states import UploadState
from . import events as ev
from .core import Engine, Task
from .finish import finish, receipt_sha256
from .integrity import clean_etag, multipart_etag
from .localfile import ensure_unchanged
from .runtime import Runtime
from .start import enqueue_pending, upload_lost


def complete(engine: Engine, rt: Runtime, epoch: int) -> None:
    with engine.lock:
        if rt.epoch != epoch or rt.state != UploadState.RUNNING or rt.pending:
            return
    if not engine._set_state(rt, UploadState.COMPLETING):
        return
    conn = engine.connections.get(rt.row.destination)
    row = rt.row
    ensure_unchanged(rt)
    sha256 = receipt_sha256(rt)
    ensure_unchanged(rt)  # the receipt must describe the bytes that were sent
    parts = engine.journal.parts(row.id)
    attempt = waits = 0
    while True:
        attempt += 1
        try:
            etag = conn.signer.complete(
                row.bucket, row.key, row.s3_upload_id or "",
                [(p.part_number, p.etag or "") for p in parts],
            )  # fmt: skip
            engine.heard_from_server()
            break
        except S3Failure as failure:
            if failure.status:
                engine.heard_from_server()
            if failure.kind == Kind.NO_SUCH_UPLOAD:
                engine._set_state(rt, UploadState.RUNNING)
                upload_lost(engine, rt, conn)
                if rt.state == UploadState.RUNNING:
                    enqueue_pending(engine, rt)
                return
            if failure.code in ("InvalidPart", "InvalidPartOrder", "EntityTooSmall") and (
                failure.code != "EntityTooSmall" or attempt == 1
            ):
                if failure.code == "EntityTooSmall":
                    raise
                # The server lacks parts we thought it had: reconcile and redo them.
                engine._set_state(rt, UploadState.RUNNING)
                engine.enqueue(Task("start", row.id))
                return
            attempt, waits, waiting = engine.count_try(failure, attempt, waits)
            if failure.kind in (Kind.RETRY, Kind.SLOWDOWN) and not engine.out_of_tries(
                failure, attempt, waiting
            ):
                if rt.stop.wait(engine.retry.delay(attempt + waits, failure.retry_after)):
                    return
                continue
            raise
    expected = multipart_etag([p.md5 or "" for p in parts]) if all(p.md5 for p in parts) else ""
    if conn.verify_etag and expected and clean_etag(etag) != expected:
        engine.emit(
            ev.Notice(f"{row.name}: the server's final ETag {etag} differs from the expected "
                      f"{expected}; every part's checksum matched.", row.id)
        )  # fmt: skip
    finish(engine, rt, etag, sha256)
