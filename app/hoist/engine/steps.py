"""What a worker does with each task: start (or resume) an upload, send a part,
complete, abort. Runs on worker threads; every network call is here or below."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from ..config.settings import IfExists
from ..s3.errors import Kind, S3Failure
from ..s3.redact import redact
from ..s3.signer import ObjectOptions
from ..s3.transport import Interrupted, PartBody, SourceChanged, put_range
from ..store.states import PartState, UploadState
from . import events as ev
from .connections import Connection
from .core import Engine, Task
from .integrity import ReceiptHasher, clean_etag, md5_of_range, multipart_etag, sha256_of_file
from .planner import plan_file
from .runtime import RateMeter, Runtime

log = logging.getLogger(__name__)

# Errors that a person must fix (as opposed to a flaky network).
ATTENTION_CODES = frozenset(
    {"NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
     "NoCredentials", "PermanentRedirect", "AuthorizationHeaderMalformed", "FileChanged"}
)  # fmt: skip


class FileProblem(Exception):
    """The local file is gone or changed; the message is for a person."""


def run_task(engine: Engine, task: Task) -> None:
    rt = engine.runtimes.get(task.upload_id) or engine._load(task.upload_id)
    if rt is None:
        return
    if task.kind == "abort":
        _abort(engine, rt)
        return
    try:
        if task.kind == "start":
            _start_with_retries(engine, rt)
        elif task.kind == "part":
            _part(engine, rt, task.part_number, task.epoch)
        elif task.kind == "complete":
            _complete(engine, rt, task.epoch)
    except S3Failure as failure:
        _fail_with(engine, rt, failure)
    except FileProblem as problem:
        engine.fail(rt, str(problem), attention=True)


def _start_with_retries(engine: Engine, rt: Runtime) -> None:
    """Start or resume, riding out a short outage as parts do: the if-exists HEAD, Create
    and ListParts go through botocore's few quick tries only, and one refusal too many
    must not fail the file. Starting again is safe: nothing is journaled half-way."""
    attempt = 0
    while True:
        attempt += 1
        try:
            _start(engine, rt)
            return
        except S3Failure as failure:
            if failure.kind not in (Kind.RETRY, Kind.SLOWDOWN) or attempt >= engine.retry.max_attempts:
                raise
            delay = engine.retry.delay(attempt, failure.retry_after)
            log.info("Starting %s: %s; trying again in %.1fs", rt.row.key, redact(failure.message), delay)
            with engine.lock:
                stop = rt.stop
            if stop.wait(delay):
                return


def _connection(engine: Engine, rt: Runtime) -> Connection:
    return engine.connections.get(rt.row.destination)


def _fail_with(engine: Engine, rt: Runtime, failure: S3Failure) -> None:
    conn = engine.connections.get(rt.row.destination)
    reason = failure.describe(rt.row.bucket, conn.endpoint_label)
    engine.fail(rt, f"{rt.row.name}: {reason}", attention=failure.code in ATTENTION_CODES)


def _object_options(conn: Connection, rt: Runtime) -> ObjectOptions:
    return ObjectOptions(
        content_type=rt.row.content_type or "application/octet-stream",
        storage_class=rt.row.options.get("storage_class", conn.storage_class),
        server_side_encryption=rt.row.options.get("server_side_encryption", conn.server_side_encryption),
    )


def _stat(rt: Runtime) -> os.stat_result:
    try:
        return os.stat(rt.row.local_path)
    except FileNotFoundError:
        raise FileProblem(
            f"{rt.row.local_path} no longer exists; it was deleted or moved after it was queued."
        ) from None
    except OSError as exc:
        raise FileProblem(f"{rt.row.local_path} cannot be read: {exc.strerror}.") from None


def _unchanged(rt: Runtime) -> None:
    st = _stat(rt)
    if st.st_size != rt.row.size or st.st_mtime_ns != rt.row.mtime_ns:
        raise FileProblem(
            f"{rt.row.local_path} changed while it was uploading (size or modification time). "
            "Nothing mixing old and new bytes was stored; retry once the file is final."
        )


# -- start / resume -----------------------------------------------------------------------


def _start(engine: Engine, rt: Runtime) -> None:
    with engine.lock:
        if rt.state not in (UploadState.QUEUED, UploadState.RUNNING, UploadState.COMPLETING):
            return
    conn = _connection(engine, rt)
    signer = conn.signer
    row = engine.journal.get_upload(rt.row.id)
    assert row is not None
    rt.row = row
    st = _stat(rt)
    if st.st_size != row.size or st.st_mtime_ns != row.mtime_ns:
        _start_over(engine, rt, conn, st, "changed since it was queued")
        row = rt.row
    if rt.state != UploadState.RUNNING and not engine._set_state(rt, UploadState.RUNNING):
        return
    fresh = row.s3_upload_id is None and rt.done_bytes == 0
    if (
        fresh
        and row.strategy == "single"
        and row.started_at is not None  # an earlier run may have stored it, then been killed
        and _finish_if_on_server(engine, rt, conn, md5_of_range(Path(row.local_path), 0, row.size))
    ):
        return  # our own object, not a conflict to rename or skip, nor a reason to send it again
    if fresh and not _resolve_conflict(engine, rt, conn):
        return
    if row.strategy == "single":
        with engine.lock:
            sent_unfinished = not rt.pending and not rt.inflight
        if sent_unfinished and _finish_if_on_server(engine, rt, conn):
            return  # acknowledged and journaled before a kill: never send it twice
        with engine.lock:
            if sent_unfinished:
                # The PUT was acknowledged but the upload never finished (paused while the
                # last bytes went out, or killed before _finish): send the small file again
                # rather than stay RUNNING forever with nothing to do.
                for number, info in rt.parts.items():
                    rt.pending.add(number)
                    rt.done_bytes -= info.length
                    info.state = PartState.PENDING
        if sent_unfinished:
            engine.journal.reset_parts(row.id, list(rt.parts))
        _enqueue_pending(engine, rt)
        return
    if row.s3_upload_id is None:
        upload_id = signer.create_multipart(row.bucket, rt.row.key, _object_options(conn, rt))
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
    _start_receipt(engine, rt)
    with engine.lock:
        all_done = not rt.pending
    if all_done:
        engine.enqueue(Task("complete", rt.row.id, epoch=rt.epoch))
    else:
        _enqueue_pending(engine, rt)


def _finish_if_on_server(engine: Engine, rt: Runtime, conn: Connection, md5: str | None = None) -> bool:
    """A single PUT the journal has as acknowledged (or, given ``md5``, the file's bytes):
    finish it if the server holds exactly those bytes (same size, ETag = that MD5).
    False means send it again."""
    if md5 is None:
        parts = engine.journal.parts(rt.row.id)
        if len(parts) != 1 or parts[0].state != PartState.DONE or not parts[0].md5:
            return False
        md5 = parts[0].md5
    existing = conn.signer.head(rt.row.bucket, rt.row.key)
    if existing is None or existing.size != rt.row.size or clean_etag(existing.etag) != md5:
        return False
    _finish(engine, rt, existing.etag, sha256_of_file(Path(rt.row.local_path)))
    return rt.state == UploadState.DONE


def _start_receipt(engine: Engine, rt: Runtime) -> None:
    """Hash the file for its SHA-256 receipt while the parts upload (see ReceiptHasher)."""
    row = rt.row
    key = (row.local_path, row.size, row.mtime_ns)
    if rt.receipt is not None and rt.receipt.key == key and rt.receipt.usable:
        return

    def keep_going() -> bool:
        return rt.state in (UploadState.RUNNING, UploadState.COMPLETING) and not engine._stopping.is_set()

    rt.receipt = ReceiptHasher(Path(row.local_path), row.size, row.mtime_ns, keep_going)


def _receipt(rt: Runtime) -> str:
    """The SHA-256 for the receipt: from the background hash if it covered this very
    file version, else hashed now."""
    row, hasher = rt.row, rt.receipt
    if hasher is not None and hasher.key == (row.local_path, row.size, row.mtime_ns):
        digest = hasher.result()
        if digest is not None:
            return digest
    return sha256_of_file(Path(row.local_path))


def _enqueue_pending(engine: Engine, rt: Runtime) -> None:
    with engine.lock:
        numbers = sorted(n for n in rt.pending if n not in rt.inflight)
        epoch = rt.epoch
    for number in numbers:
        engine.enqueue(Task("part", rt.row.id, number, epoch))


def _start_over(engine: Engine, rt: Runtime, conn: Connection, st: os.stat_result, why: str) -> None:
    """The file changed: drop the old server-side upload and plan again from zero."""
    old = rt.row
    if old.s3_upload_id:
        try:
            conn.signer.abort(old.bucket, old.key, old.s3_upload_id)
        except S3Failure as failure:
            log.warning("Could not abort the old upload of %s: %s", old.key, failure)
    plan = plan_file(
        st.st_size,
        part_size=old.part_size
        if old.strategy == "multipart"
        else engine.settings.part_size or 16 * 1024 * 1024,
        threshold=engine.settings.multipart_threshold,
    )
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
    stem, dot, ext = rt.row.key.rpartition(".")
    if not dot or "/" in ext:
        stem, ext = rt.row.key, ""
    for n in range(1, 10_000):
        candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
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
            _upload_lost(engine, rt, conn)
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


def _upload_lost(engine: Engine, rt: Runtime, conn: Connection) -> None:
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
            _finish(engine, rt, existing.etag, sha256_of_file(Path(row.local_path)))
            engine.emit(ev.Notice(f"{row.name} was already complete on the server.", row.id))
            return
    st = _stat(rt)
    _start_over(engine, rt, conn, st, "was lost by the server (NoSuchUpload)")
    upload_id = conn.signer.create_multipart(row.bucket, rt.row.key, _object_options(conn, rt))
    engine.journal.update_upload(row.id, s3_upload_id=upload_id)
    rt.row = engine.journal.get_upload(row.id) or rt.row


# -- parts --------------------------------------------------------------------------------


def _part(engine: Engine, rt: Runtime, number: int, epoch: int) -> None:
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
    conn = _connection(engine, rt)
    row = rt.row
    info = rt.parts[number]
    single = row.strategy == "single"
    attempt = resigns = 0
    while not stop.is_set():
        attempt += 1
        _unchanged(rt)
        request = (
            conn.signer.sign_put(row.bucket, row.key, _object_options(conn, rt))
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
            if conn.verify_etag and clean_etag(sent.etag) != sent.md5:
                raise S3Failure(
                    Kind.BAD_DIGEST, "ETagMismatch",
                    "the server's checksum of the part did not match the bytes sent",
                )  # fmt: skip
            _unchanged(rt)  # a file modified mid-part must not be committed
        except Interrupted:
            _rewind(engine, rt, number)
            return
        except (SourceChanged, FileNotFoundError):
            _rewind(engine, rt, number)
            _unchanged(rt)
            raise FileProblem(f"{row.local_path} changed while it was uploading.") from None
        except S3Failure as failure:
            bytes_lost = _rewind(engine, rt, number)
            if not _handle_failure(engine, rt, number, epoch, failure, attempt, bytes_lost, stop):
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
            _finish(engine, rt, sent.etag, sent.sha256 or "")
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
    attempt: int,
    bytes_lost: int,
    stop: threading.Event,
) -> bool:
    """Decide after a failed attempt. True = try again; False = this task ends here."""
    message = redact(failure.message)
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
            conn = _connection(engine, rt)
            _start_over(engine, rt, conn, _stat(rt), "was lost by the server (NoSuchUpload)")
            engine.enqueue(Task("start", rt.row.id))
        return False
    if failure.kind == Kind.RESIGN:
        return True
    if failure.kind == Kind.FATAL or attempt >= engine.retry.max_attempts:
        if failure.kind != Kind.FATAL:
            failure = S3Failure(
                Kind.FATAL, failure.code,
                f"part {number} failed {attempt} times; last error: {message}",
            )  # fmt: skip
        raise failure
    if failure.kind == Kind.SLOWDOWN:
        engine.gate.slow_down()
    delay = engine.retry.delay(attempt, failure.retry_after)
    with engine.lock:
        rt.retries += 1
        engine._touch(rt)
    engine.journal.add_retries(rt.row.id, 1, bytes_lost)
    engine.emit(ev.PartRetry(rt.row.id, number, attempt, message, delay))
    log.info("Part %s of %s: %s; retrying in %.1fs", number, rt.row.key, message, delay)
    return not stop.wait(delay)


# -- complete / finish / abort -----------------------------------------------------------


def _complete(engine: Engine, rt: Runtime, epoch: int) -> None:
    with engine.lock:
        if rt.epoch != epoch or rt.state != UploadState.RUNNING or rt.pending:
            return
    if not engine._set_state(rt, UploadState.COMPLETING):
        return
    conn = _connection(engine, rt)
    row = rt.row
    _unchanged(rt)
    sha256 = _receipt(rt)
    _unchanged(rt)  # the receipt must describe the bytes that were sent
    parts = engine.journal.parts(row.id)
    attempt = 0
    while True:
        attempt += 1
        try:
            etag = conn.signer.complete(
                row.bucket, row.key, row.s3_upload_id or "",
                [(p.part_number, p.etag or "") for p in parts],
            )  # fmt: skip
            break
        except S3Failure as failure:
            if failure.kind == Kind.NO_SUCH_UPLOAD:
                engine._set_state(rt, UploadState.RUNNING)
                _upload_lost(engine, rt, conn)
                if rt.state == UploadState.RUNNING:
                    _enqueue_pending(engine, rt)
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
            if failure.kind in (Kind.RETRY, Kind.SLOWDOWN) and attempt < engine.retry.max_attempts:
                if rt.stop.wait(engine.retry.delay(attempt, failure.retry_after)):
                    return
                continue
            raise
    expected = multipart_etag([p.md5 or "" for p in parts]) if all(p.md5 for p in parts) else ""
    if conn.verify_etag and expected and clean_etag(etag) != expected:
        engine.emit(
            ev.Notice(f"{row.name}: the server's final ETag {etag} differs from the expected "
                      f"{expected}; every part's checksum matched.", row.id)
        )  # fmt: skip
    _finish(engine, rt, etag, sha256)


def _finish(engine: Engine, rt: Runtime, etag: str, sha256: str) -> None:
    engine.journal.update_upload(rt.row.id, etag=clean_etag(etag), sha256=sha256)
    rt.row = engine.journal.get_upload(rt.row.id) or rt.row
    if engine._set_state(rt, UploadState.DONE, quiet=True):
        engine.emit(ev.StateChanged(rt.row.id, UploadState.DONE))
        engine.emit(ev.FileDone(rt.row.id, rt.row.key, clean_etag(etag), sha256))
        engine._check_batch(rt.row.batch_id)


def _abort(engine: Engine, rt: Runtime) -> None:
    """Cancel: wait for in-flight parts to stop, then abort the server-side upload."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with engine.lock:
            if not rt.inflight:
                break
        time.sleep(0.05)
    row = engine.journal.get_upload(rt.row.id)
    if row is None or not row.s3_upload_id:
        return
    conn = _connection(engine, rt)
    try:
        conn.signer.abort(row.bucket, row.key, row.s3_upload_id)
    except S3Failure as failure:
        engine.emit(
            ev.Notice(f"{row.name}: cancelled, but the server-side upload could not be "
                      f"aborted ({failure}); `hoist cleanup` can remove it later.", row.id)
        )  # fmt: skip
