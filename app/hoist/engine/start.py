"""Starting or resuming an upload: the if-exists policy, CreateMultipartUpload, and
reconciling the journal with the server (ListParts; the server wins)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..config.settings import DEFAULT_PART_SIZE, IfExists
from ..s3.errors import Kind, S3Failure
from ..s3.redact import redact
from ..s3.signer import ObjectOptions
from ..store.states import PartState, UploadState
from . import events as ev
from .connections import Connection
from .core import Engine, Task
from .finish import finish, finish_if_on_server, start_receipt
from .integrity import clean_etag, md5_of_range, multipart_etag, sha256_of_file
from .localfile import stat_file
from .planner import PlanError, plan_file
from .runtime import Runtime

log = logging.getLogger(__name__)


def start_with_retries(engine: Engine, rt: Runtime) -> None:
    """Start or resume, riding out a short outage as parts do: the if-exists HEAD, Create
    and ListParts go through botocore's few quick tries only, and one refusal too many
    must not fail the file. Starting again is safe: nothing is journaled half-way."""
    attempt = waits = 0
    while True:
        attempt += 1
        try:
            _start(engine, rt)
            engine.heard_from_server()
            return
        except S3Failure as failure:
            if failure.status:
                engine.heard_from_server()
            attempt, waits, waiting = engine.count_try(failure, attempt, waits)
            if failure.kind not in (Kind.RETRY, Kind.SLOWDOWN) or engine.out_of_tries(
                failure, attempt, waiting
            ):
                raise
            delay = engine.retry.delay(attempt + waits, failure.retry_after)
            log.info("Starting %s: %s; trying again in %.1fs", rt.row.key, redact(failure.message), delay)
            with engine.lock:
                stop = rt.stop
            if stop.wait(delay):
                return


def _start(engine: Engine, rt: Runtime) -> None:
    with engine.lock:
        if rt.state not in (UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING):
            return
    conn = engine.connections.get(rt.row.destination)
    signer = conn.signer
    row = engine.journal.get_upload(rt.row.id)
    assert row is not None
    rt.row = row
    st = stat_file(rt)
    if st.st_size != row.size or st.st_mtime_ns != row.mtime_ns:
        if not start_over(engine, rt, conn, st, "changed since it was queued"):
            return
        row = rt.row
    if rt.state != UploadState.RUNNING and not engine._set_state(rt, UploadState.RUNNING):
        return
    fresh = row.s3_upload_id is None and rt.done_bytes == 0
    if (
        fresh
        and row.strategy == "single"
        and row.started_at is not None  # an earlier run may have stored it, then been killed
        and finish_if_on_server(engine, rt, conn, md5_of_range(Path(row.local_path), 0, row.size))
    ):
        return  # our own object, not a conflict to rename or skip, nor a reason to send it again
    if fresh and not _resolve_conflict(engine, rt, conn):
        return
    if row.strategy == "single":
        with engine.lock:
            sent_unfinished = not rt.pending and not rt.inflight
        if sent_unfinished and finish_if_on_server(engine, rt, conn):
            return  # acknowledged and journaled before a kill: never send it twice
        with engine.lock:
            if sent_unfinished:
                # The PUT was acknowledged but the upload never finished (paused while the
                # last bytes went out, or killed before finish): send the small file again
                # rather than stay RUNNING forever with nothing to do.
                for number, info in rt.parts.items():
                    rt.pending.add(number)
                    rt.done_bytes -= info.length
                    info.state = PartState.PENDING
        if sent_unfinished:
            engine.journal.reset_parts(row.id, list(rt.parts))
        enqueue_pending(engine, rt)
        return
    if row.s3_upload_id is None:
        upload_id = signer.create_multipart(row.bucket, rt.row.key, object_options(conn, rt))
        engine.journal.update_upload(row.id, s3_upload_id=upload_id)
        rt.row = engine.journal.get_upload(row.id) or rt.row
        if UploadState(rt.state) == UploadState.CANCELLED:  # may have changed meanwhile
            # Cancelled while the upload was being created: the abort task may already
            # have run without an id, so abort here or the parts would be orphaned.
            signer.abort(row.bucket, rt.row.key, upload_id)
            return
    else:
        _reconcile(engine, rt, conn)
        if rt.state != UploadState.RUNNING:
            return
    start_receipt(engine, rt)
    with engine.lock:
        all_done = not rt.pending
    if all_done:
        engine.enqueue(Task("complete", rt.row.id, epoch=rt.epoch))
    else:
        enqueue_pending(engine, rt)


def object_options(conn: Connection, rt: Runtime) -> ObjectOptions:
    return ObjectOptions(
        content_type=rt.row.content_type or "application/octet-stream",
        storage_class=rt.row.options.get("storage_class", conn.storage_class),
        server_side_encryption=rt.row.options.get("server_side_encryption", conn.server_side_encryption),
        metadata=tuple(sorted(rt.row.options.get("metadata", {}).items())),
    )


def enqueue_pending(engine: Engine, rt: Runtime) -> None:
    with engine.lock:
        numbers = sorted(n for n in rt.pending if n not in rt.inflight)
        epoch = rt.epoch
    for number in numbers:
        engine.enqueue(Task("part", rt.row.id, number, epoch))


def start_over(engine: Engine, rt: Runtime, conn: Connection, st: os.stat_result, why: str) -> bool:
    """The file changed: drop the old server-side upload and plan again from zero.
    False if the file as it is now cannot be uploaded (the upload has failed)."""
    old = rt.row
    if old.s3_upload_id:
        try:
            conn.signer.abort(old.bucket, old.key, old.s3_upload_id)
        except S3Failure as failure:
            log.warning("Could not abort the old upload of %s: %s", old.key, failure)
    try:
        plan = plan_file(
            st.st_size,
            part_size=old.part_size
            if old.strategy == "multipart"
            else engine.settings.part_size or DEFAULT_PART_SIZE,
            threshold=engine.settings.multipart_threshold,
        )
    except PlanError as exc:  # replaced by a file that cannot be one object (over 5 TiB)
        engine.fail(rt, f"{old.local_path}: {exc}", attention=True)
        return False
    engine.journal.replan(
        old.id, size=st.st_size, mtime_ns=st.st_mtime_ns, strategy=plan.strategy,
        part_size=plan.part_size, parts=plan.parts,
    )  # fmt: skip
    row = engine.journal.get_upload(old.id)
    assert row is not None
    with engine.lock:
        rt.row = row
        rt.epoch += 1
        rt.reset_parts(engine.journal.parts(old.id))
        engine._touch(rt)
    engine.emit(ev.Notice(f"{old.local_path} {why}; uploading it again from the start.", old.id))
    return True


def _resolve_conflict(engine: Engine, rt: Runtime, conn: Connection) -> bool:
    """Apply the if-exists policy before any byte is sent. False if the upload ends here."""
    policy = IfExists(rt.row.if_exists)
    if policy == IfExists.OVERWRITE:
        return True
    existing = conn.signer.head(rt.row.bucket, rt.row.key)
    if existing is None:
        return True
    if policy == IfExists.ASK:
        policy = engine.conflict_resolver(rt.row) if engine.conflict_resolver else IfExists.OVERWRITE
        if rt.stop.is_set():
            # Paused, cancelled or shut down while a person was being asked (which can
            # take minutes): send nothing; a fresh upload asks again when it restarts.
            return False
    if policy == IfExists.OVERWRITE:
        return True
    if policy == IfExists.SKIP:
        engine._set_state(rt, UploadState.SKIPPED, "skipped: the object already exists")
        return False
    # RENAME: "name (1).ext", "name (2).ext", ... until free.
    stem, ext = split_extension(rt.row.key)
    for n in range(1, 10_000):
        candidate = f"{stem} ({n}){ext}"
        if conn.signer.head(rt.row.bucket, candidate) is None:
            engine.journal.update_upload(rt.row.id, key=candidate)
            rt.row = engine.journal.get_upload(rt.row.id) or rt.row
            with engine.lock:
                engine._touch(rt)
            engine.emit(ev.Notice(f"{rt.row.name} exists; uploading as {candidate}.", rt.row.id))
            return True
    engine.fail(rt, f"{rt.row.name}: no free name was found for a renamed copy.")
    return False


def _reconcile(engine: Engine, rt: Runtime, conn: Connection) -> None:
    """The server wins: parts it lacks are redone; parts it has with our MD5 are kept."""
    row = rt.row
    assert row.s3_upload_id is not None
    try:
        remote = {p.part_number: p for p in conn.signer.list_parts(row.bucket, row.key, row.s3_upload_id)}
    except S3Failure as failure:
        if failure.kind == Kind.NO_SUCH_UPLOAD:
            upload_lost(engine, rt, conn)
            return
        raise
    journal_parts = engine.journal.parts(row.id)
    lost, adopted = [], []
    for part in journal_parts:
        with engine.lock:
            if part.part_number in rt.inflight:
                continue
        server = remote.get(part.part_number)
        if part.state == PartState.DONE:
            if server is None or clean_etag(server.etag) != clean_etag(part.etag or ""):
                lost.append(part.part_number)
        elif server is not None and server.size == part.length:
            # Acknowledged by the server but not journaled (killed in between): keep it
            # if the bytes match, so nothing acknowledged is sent twice.
            md5 = md5_of_range(Path(row.local_path), part.offset, part.length)
            if not conn.verify_etag or clean_etag(server.etag) == md5:
                engine.journal.mark_part_done(row.id, part.part_number, server.etag, md5)
                adopted.append(part.part_number)
    if lost:
        engine.journal.reset_parts(row.id, lost)
        engine.emit(
            ev.Notice(f"{row.name}: the server lacks {len(lost)} part(s) the journal had; "
                      "sending them again.", row.id)
        )  # fmt: skip
    if lost or adopted:
        with engine.lock:
            rt.reset_parts(engine.journal.parts(row.id))
            engine._touch(rt)


def upload_lost(engine: Engine, rt: Runtime, conn: Connection) -> None:
    """NoSuchUpload: either Complete already succeeded, or the server forgot the upload."""
    row = rt.row
    parts = engine.journal.parts(row.id)
    md5s = [p.md5 for p in parts if p.state == PartState.DONE and p.md5]
    if len(md5s) == len(parts):
        existing = conn.signer.head(row.bucket, row.key)
        if (
            existing is not None
            and existing.size == row.size
            and (not conn.verify_etag or clean_etag(existing.etag) == multipart_etag(md5s))
        ):
            finish(engine, rt, existing.etag, sha256_of_file(Path(row.local_path)))
            engine.emit(ev.Notice(f"{row.name} was already complete on the server.", row.id))
            return
    st = stat_file(rt)
    if not start_over(engine, rt, conn, st, "was lost by the server (NoSuchUpload)"):
        return
    upload_id = conn.signer.create_multipart(row.bucket, rt.row.key, object_options(conn, rt))
    engine.journal.update_upload(row.id, s3_upload_id=upload_id)
    rt.row = engine.journal.get_upload(row.id) or rt.row


_DOUBLE_EXTENSIONS = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst")


def split_extension(key: str) -> tuple[str, str]:
    """ "dir/report.pdf" -> ("dir/report", ".pdf"); "a.tar.gz" -> ("a", ".tar.gz");
    a dotfile or a name without a dot has no extension (".hidden" -> (".hidden", ""))."""
    folder, slash, name = key.rpartition("/")
    lower = name.lower()
    ext = next((e for e in _DOUBLE_EXTENSIONS if lower.endswith(e) and len(name) > len(e)), "")
    if not ext:
        dot = name.rfind(".")
        ext = name[dot:] if dot > 0 else ""
    return folder + slash + name[: len(name) - len(ext)], ext
