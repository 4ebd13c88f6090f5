"""Multipart uploads a Create may have left on the server without the journal knowing:
the process was killed, or the reply was lost, between the server creating the upload
and its id reaching the journal (or the client library sent Create twice).

The journal keeps the intent (``creating_since``) until this sweep has run. It runs when
the upload completes or is cancelled, not at the start of a resume: by then any request
a killed process still had on the wire has landed.
"""

from __future__ import annotations

import logging

from ..s3.errors import Kind, S3Failure
from ..s3.redact import redact
from ..store.journal import UploadRow
from . import events as ev
from .budget import with_retries
from .connections import Connection
from .context import StepContext
from .runtime import Runtime

log = logging.getLogger(__name__)


def sweep_orphans(ctx: StepContext, rt: Runtime, conn: Connection) -> None:
    """Abort the unfinished uploads of this very key that the journal does not know.

    Not filtered by the time the server says each was initiated: some servers report a
    fixed date there (moto), and any other upload to this key would be overwritten by
    this one anyway (S3 keeps the last writer). Each abort is named in a notice."""
    row = ctx.journal.get_upload(rt.row.id) or rt.row
    if row.creating_since is None:
        return
    known = ctx.journal.upload_ids_in_use(row.bucket, row.key)
    try:
        uploads = with_retries(ctx, row, lambda: conn.signer.list_multipart_uploads(row.bucket, row.key))
    except S3Failure as failure:
        log.info("Cannot list unfinished uploads of %s: %s", row.key, redact(failure.message))
        if failure.kind == Kind.FATAL:  # not allowed or not offered (an upload service): no
            ctx.journal.update_upload(row.id, creating_since=None)  # later try would do better
        # Else keep the intent: the next completion, cancel or start of Hoist sweeps again.
        return
    all_gone = True
    for upload in uploads:
        if upload.key != row.key or upload.upload_id in known:
            continue
        try:
            _abort_one(ctx, row, conn, upload.upload_id)
            ctx.emit(
                ev.Notice(f"{row.name}: removed an unfinished upload of {row.key} from the server "
                          "(left there when a start of it was interrupted).", row.id)
            )  # fmt: skip
        except S3Failure as failure:
            if failure.kind != Kind.NO_SUCH_UPLOAD:
                all_gone = False
                ctx.emit(ev.Notice(f"{row.name}: {orphan_note(failure)}", row.id))
    if all_gone:
        ctx.journal.update_upload(row.id, creating_since=None)


def _abort_one(ctx: StepContext, row: UploadRow, conn: Connection, upload_id: str) -> None:
    with_retries(ctx, row, lambda: conn.signer.abort(row.bucket, row.key, upload_id))


def orphan_note(failure: S3Failure) -> str:
    return (
        f"an unfinished upload on the server could not be removed ({redact(failure.message)}); "
        "Hoist tries again the next time it starts."
    )
