"""Starting or resuming an upload: the if-exists policy, CreateMultipartUpload, and
reconciling the journal with the server (ListParts; the server wins)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from ..config.settings import DEFAULT_PART_SIZE
from ..s3.errors import Kind, S3Failure
from ..s3.redact import redact
from ..s3.signer import ObjectOptions
from ..store.journal import PartPlan
from ..store.states import PartState, UploadState
from . import events as ev
from .conflict import resolve_conflict
from .connections import Connection
from .context import StepContext
from .finish import finish, finish_if_on_server, planned_digests, planned_sha256, start_receipt
from .integrity import clean_etag, md5_of_range, multipart_etag
from .localfile import stat_file
from .offline import endpoint_of
from .orphans import orphan_note
from .planner import PlanError, plan_file
from .runtime import RunStop, Runtime
from .tasks import Task

log = logging.getLogger(__name__)


MAX_RESTARTS = 3  # times the server may lose a multipart upload in one run before it fails


def start_with_retries(ctx: StepContext, rt: Runtime) -> list[Task]:
    """Start or resume, riding out a short outage as parts do: the if-exists HEAD, Create
    and ListParts go through botocore's few quick tries only, and one refusal too many
    must not fail the file. Starting again is safe: nothing is journaled half-way.

    Returns the tasks the caller runs itself once its place in the gate is given back
    (a small file's one PUT), rather than queue them for another worker."""
    endpoint = endpoint_of(rt.row)
    attempt = waits = 0
    while True:
        attempt += 1
        with ctx.lock:
            stop = rt.stop
        try:
            inline = _start(ctx, rt) or []
            ctx.heard_from_server(endpoint)
            return inline
        except S3Failure as failure:
            if failure.status:
                ctx.heard_from_server(endpoint)
            with ctx.lock:
                if not ctx.same_run(rt, stop):
                    return []  # paused or cancelled meanwhile: the failure is not the new run's
            attempt, waits, waiting = ctx.count_try(failure, attempt, waits, endpoint)
            if failure.kind not in (Kind.RETRY, Kind.SLOWDOWN) or ctx.out_of_tries(failure, attempt, waiting):
                raise
            delay = ctx.retry.delay(attempt + waits, failure.retry_after)
            log.info("Starting %s: %s; trying again in %.1fs", rt.row.key, redact(failure.message), delay)
            if stop.wait(delay):
                return []


def _start(ctx: StepContext, rt: Runtime) -> list[Task] | None:
    with ctx.lock:
        if rt.state not in (UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING):
            return None
        stop = rt.stop
        row = ctx.journal.get_upload(rt.row.id)
        assert row is not None
        rt.row = row
    conn = ctx.connections.get(rt.row.destination)
    st = stat_file(rt)
    changed = st.st_size != row.size or st.st_mtime_ns != row.mtime_ns
    if changed and not start_over(ctx, rt, conn, st, "changed since it was queued"):
        return None
    with ctx.lock:
        if not ctx.same_run(rt, stop):
            return None
        if rt.state != UploadState.RUNNING and not ctx.set_state(rt, UploadState.RUNNING):
            return None
        row, epoch = rt.row, rt.epoch
    if row.strategy == "single" and not conn.signer.offers_single_request():
        if not _as_one_part(ctx, rt, epoch):
            return None
        with ctx.lock:
            row, epoch = rt.row, rt.epoch
    fresh = row.s3_upload_id is None and rt.done_bytes == 0
    if (
        fresh
        and row.strategy == "single"
        and row.started_at is not None  # an earlier run may have stored it, then been killed
        and (digests := planned_digests(rt)) is not None
        and finish_if_on_server(ctx, rt, conn, epoch, digests)
    ):
        return None  # our own object, not a conflict to rename or skip, nor a reason to send it again
    if fresh and not resolve_conflict(ctx, rt, conn):
        return None
    if row.strategy == "single":
        return _start_single(ctx, rt, conn, epoch)
    if rt.row.s3_upload_id is not None:
        _reconcile(ctx, rt, conn)
        with ctx.lock:
            if not ctx.same_run(rt, stop) or rt.state != UploadState.RUNNING:
                return None
            replanned = rt.epoch != epoch
        if replanned:
            # The server had lost the upload and the file was planned again (it may even
            # be a single PUT now): start that plan from the top.
            ctx.enqueue(Task("start", rt.row.id))
            return None
    if rt.row.s3_upload_id is None and not create_upload(ctx, rt, conn, epoch, stop):
        return None
    start_receipt(ctx, rt)
    with ctx.lock:
        if not ctx.same_run(rt, stop, epoch) or rt.state != UploadState.RUNNING:
            return None
        rt.ready = True
        all_done = not rt.pending
    if all_done:
        ctx.enqueue(Task("complete", rt.row.id, epoch=epoch))
    else:
        enqueue_pending(ctx, rt)
    return None


def _start_single(ctx: StepContext, rt: Runtime, conn: Connection, epoch: int) -> list[Task]:
    """Returns the PUT's task for the start's own worker to run: one hand-off through the
    queue (another worker woken, the upload loaded again) was ~0.1 ms of each small file."""
    with ctx.lock:
        sent_unfinished = not rt.pending and not rt.busy
    if sent_unfinished and finish_if_on_server(ctx, rt, conn, epoch):
        return []  # acknowledged and journaled before a kill: never send it twice
    with ctx.lock:
        if rt.epoch != epoch or rt.state != UploadState.RUNNING:
            return []
        if sent_unfinished:
            # The PUT was acknowledged but the upload never finished (paused while the
            # last bytes went out, or killed before finish): send the small file again
            # rather than stay RUNNING forever with nothing to do.
            ctx.journal.reset_parts(rt.row.id, list(rt.parts))
            for number, info in rt.parts.items():
                rt.pending.add(number)
                rt.done_bytes -= info.length
                info.state = PartState.PENDING
        rt.ready = True
        numbers = sorted(n for n in rt.pending if n not in rt.inflight)
    return [Task("part", rt.row.id, number, epoch) for number in numbers]


def _as_one_part(ctx: StepContext, rt: Runtime, epoch: int) -> bool:
    """The signer has no one-request upload (an upload service without /s3/params): plan
    the small file as the one part of a multipart upload (the last part of an upload may
    be any size, so S3 takes it). False if the plan changed meanwhile."""
    with ctx.lock:
        if rt.epoch != epoch or rt.state != UploadState.RUNNING:
            return False
        row = rt.row
        ctx.journal.replan(
            row.id, size=row.size, mtime_ns=row.mtime_ns, strategy="multipart",
            part_size=max(row.size, 1), parts=[PartPlan(1, 0, row.size)],
        )  # fmt: skip
        rt.row = ctx.journal.get_upload(row.id) or rt.row
        rt.epoch += 1
        rt.ready = False
        rt.reset_parts(ctx.journal.parts(row.id))
        ctx.touch(rt)
    return True


def create_upload(ctx: StepContext, rt: Runtime, conn: Connection, epoch: int, stop: RunStop) -> bool:
    """CreateMultipartUpload for this plan, if the upload is still wanted. The id is
    recorded the moment it arrives, under the lock that cancel takes, so every upload
    this run creates is either in the journal or aborted here. True if this run may go
    on and send parts.

    The intent is journaled first (``creating_since``) and stays until an orphan sweep
    (ctx/orphans.py, when the upload completes or is cancelled) if anything about the
    Create was uncertain: a kill -9 or a lost reply before the id was recorded, or a
    Create the client library had to send twice."""
    with ctx.lock:
        if not ctx.same_run(rt, stop, epoch) or rt.state != UploadState.RUNNING:
            return False
        row = rt.row
        uncertain_before = row.creating_since is not None
        if not uncertain_before:
            ctx.journal.update_upload(row.id, creating_since=time.time())
    created = conn.signer.create_multipart(row.bucket, row.key, object_options(conn, rt))
    with ctx.lock:
        if ctx.wanted(rt, epoch):
            values: dict[str, object] = {"s3_upload_id": created.upload_id}
            if created.bucket:
                values["bucket"] = created.bucket
            if created.key:
                values["key"] = created.key
            if not uncertain_before and not created.retried:
                values["creating_since"] = None
            ctx.journal.update_upload(row.id, **values)
            rt.row = ctx.journal.get_upload(row.id) or rt.row
            # Paused meanwhile: the id is kept for the resume, but this run is over.
            return ctx.same_run(rt, stop, epoch) and rt.state == UploadState.RUNNING
    # Cancelled (or replanned) while the upload was being created: the abort task may
    # already have run without an id, so abort it here or its parts would be orphaned.
    try:
        conn.signer.abort(row.bucket, row.key, created.upload_id)
    except S3Failure as failure:
        ctx.emit(ev.Notice(f"{row.name}: {orphan_note(failure)}", row.id))
    return False


def object_options(conn: Connection, rt: Runtime) -> ObjectOptions:
    return ObjectOptions(
        content_type=rt.row.content_type or "application/octet-stream",
        storage_class=rt.row.options.get("storage_class", conn.storage_class),
        server_side_encryption=rt.row.options.get("server_side_encryption", conn.server_side_encryption),
        metadata=tuple(sorted(rt.row.options.get("metadata", {}).items())),
    )


def enqueue_pending(ctx: StepContext, rt: Runtime) -> None:
    with ctx.lock:
        numbers = sorted(n for n in rt.pending if n not in rt.inflight)
        epoch = rt.epoch
    for number in numbers:
        ctx.enqueue(Task("part", rt.row.id, number, epoch))


def start_over(ctx: StepContext, rt: Runtime, conn: Connection, st: os.stat_result, why: str) -> bool:
    """Drop the old server-side upload and plan again from zero (the file changed, or
    the server lost the upload). False if the upload ends instead: cancelled or finished
    meanwhile, or the file as it is now cannot be uploaded (then it has failed)."""
    with ctx.lock:
        if rt.state.finished:
            return False
        old, epoch = rt.row, rt.epoch
    if old.s3_upload_id:
        # Before the new plan is journaled: a crash in between leaves the old id, which
        # the next start finds gone (NoSuchUpload) and handles, instead of an orphan.
        try:
            conn.signer.abort(old.bucket, old.key, old.s3_upload_id)
        except S3Failure as failure:
            if failure.kind != Kind.NO_SUCH_UPLOAD:
                log.warning("Could not abort the old upload of %s: %s", old.key, failure)
                ctx.emit(ev.Notice(f"{old.name}: {orphan_note(failure)}", old.id))
    try:
        plan = plan_file(
            st.st_size,
            part_size=old.part_size
            if old.strategy == "multipart"
            else ctx.settings.part_size or DEFAULT_PART_SIZE,
            threshold=ctx.settings.multipart_threshold,
        )
    except PlanError as exc:  # replaced by a file that cannot be one object (over 5 TiB)
        ctx.fail(rt, f"{old.local_path}: {exc}", attention=True)
        return False
    with ctx.lock:  # the new plan and the new epoch together: no reply lands in between
        if rt.state.finished or rt.epoch != epoch:
            return False
        ctx.journal.replan(
            old.id, size=st.st_size, mtime_ns=st.st_mtime_ns, strategy=plan.strategy,
            part_size=plan.part_size, parts=plan.parts,
        )  # fmt: skip
        row = ctx.journal.get_upload(old.id)
        assert row is not None
        rt.row = row
        rt.epoch += 1
        rt.ready = False
        rt.reset_parts(ctx.journal.parts(old.id))
        ctx.touch(rt)
    ctx.emit(ev.Notice(f"{old.local_path} {why}; uploading it again from the start.", old.id))
    return True


def _reconcile(ctx: StepContext, rt: Runtime, conn: Connection) -> None:
    """The server wins: parts it lacks are redone; parts it has with our MD5 are kept."""
    row = rt.row
    assert row.s3_upload_id is not None
    try:
        remote = {p.part_number: p for p in conn.signer.list_parts(row.bucket, row.key, row.s3_upload_id)}
    except S3Failure as failure:
        if failure.kind == Kind.NO_SUCH_UPLOAD:
            upload_lost(ctx, rt, conn)
            return
        raise
    journal_parts = ctx.journal.parts(row.id)
    lost, adopted = [], []
    for part in journal_parts:
        with ctx.lock:
            if part.part_number in rt.busy:
                continue
        server = remote.get(part.part_number)
        if part.state == PartState.DONE:
            if server is None or clean_etag(server.etag) != clean_etag(part.etag or ""):
                lost.append(part.part_number)
        elif server is not None and server.size == part.length:
            # Acknowledged by the server but not journaled (killed in between): keep it
            # if the bytes match, so nothing acknowledged is sent twice. Only an ETag equal
            # to our MD5 proves that, even with the ETag check off (servers whose ETags
            # are not MD5s): a part of the right size is not the right part.
            md5 = md5_of_range(Path(row.local_path), part.offset, part.length)
            if clean_etag(server.etag) == md5:
                adopted.append((part.part_number, server.etag, md5))
    with ctx.lock:
        if rt.row.s3_upload_id != row.s3_upload_id or rt.state.finished:
            return  # replanned or cancelled while the server was asked
        for number, etag, md5 in adopted:
            if number not in rt.busy:
                ctx.journal.mark_part_done(row.id, number, etag, md5)
        if lost:
            ctx.journal.reset_parts(row.id, lost)
        if lost or adopted:
            fresh = Runtime.load(rt.row, ctx.journal.parts(row.id))
            for number, info in fresh.parts.items():
                if number not in rt.busy:  # a part on the wire keeps its own bookkeeping
                    rt.parts[number] = info
            rt.pending = {n for n, info in rt.parts.items() if info.state != PartState.DONE}
            rt.done_bytes = sum(info.length for info in rt.parts.values() if info.state == PartState.DONE)
            ctx.touch(rt)
    if lost:
        ctx.emit(
            ev.Notice(f"{row.name}: the server lacks {len(lost)} part(s) the journal had; "
                      "sending them again.", row.id)
        )  # fmt: skip


def upload_lost(ctx: StepContext, rt: Runtime, conn: Connection) -> None:
    """NoSuchUpload: either Complete already succeeded, or the server forgot the upload.
    Afterwards the upload is done, or has a new plan with no server-side upload yet."""
    row = rt.row
    if object_is_ours(ctx, rt, conn):
        return
    with ctx.lock:
        rt.restarts += 1
        restarts = rt.restarts
    if restarts > MAX_RESTARTS:
        ctx.fail(
            rt,
            f"{row.name}: the server lost the multipart upload {restarts} times (it may be "
            "removing unfinished uploads early). Check the bucket's lifecycle rules, then retry.",
            attention=True,
        )
        return
    start_over(ctx, rt, conn, stat_file(rt), "was lost by the server (NoSuchUpload)")


def object_is_ours(ctx: StepContext, rt: Runtime, conn: Connection) -> bool:
    """Did an earlier Complete succeed (its reply lost, or a kill -9 after it)? Yes if the
    object has this file's size and an ETag the server can prove it with: the multipart
    form (MD5 of the part MD5s) or the whole file's MD5 (rclone serve s3 and other
    servers that store the object whole). Then the upload is finished, not sent again."""
    row = rt.row
    parts = ctx.journal.parts(row.id)
    md5s = [p.md5 for p in parts if p.state == PartState.DONE and p.md5]
    if len(md5s) != len(parts):
        return False
    existing = conn.signer.head(row.bucket, row.key)
    if existing is None or existing.size != row.size:
        return False
    etag = clean_etag(existing.etag)
    proven = (
        not conn.verify_etag
        or etag == multipart_etag(md5s)
        or (len(etag) == 32 and etag == md5_of_range(Path(row.local_path), 0, row.size))
    )
    if not proven:
        return False
    sha256 = planned_sha256(rt)
    if sha256 is None:  # edited since: the object is the version before; send this one
        return False
    finish(ctx, rt, existing.etag, sha256, rt.epoch)
    if rt.state != UploadState.DONE:
        return False
    ctx.emit(ev.Notice(f"{row.name} was already complete on the server.", row.id))
    return True
