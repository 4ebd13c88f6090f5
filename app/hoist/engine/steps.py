"""What a worker does with each task: start (or resume) an upload, send a part,
complete, abort. Runs on worker threads; every network call is here or below."""

from __future__ import annotations

from ..s3.errors import S3Failure
from ..store.states import ACTIVE
from .abort import abort, cleanup
from .complete import complete
from .context import StepContext
from .localfile import FileProblem
from .parts import send_part
from .runtime import Runtime
from .start import start_with_retries
from .tasks import Task

# Errors that a person must fix (as opposed to a flaky network).
ATTENTION_CODES = frozenset(
    {"NoSuchBucket", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
     "NoCredentials", "PermanentRedirect", "AuthorizationHeaderMalformed", "FileChanged",
     "RequestTimeTooSkewed"}
)  # fmt: skip


def run_task(ctx: StepContext, task: Task) -> None:
    if task.kind == "cleanup":  # a finished upload: not loaded into the queue
        cleanup(ctx, task.upload_id)
        return
    rt = ctx.load(task.upload_id)
    if rt is None:
        return
    if task.kind == "abort":
        abort(ctx, rt)
        return
    try:
        if task.kind == "start":
            _start_one_at_a_time(ctx, rt)
        elif task.kind == "part":
            send_part(ctx, rt, task.part_number, task.epoch)
        elif task.kind == "complete":
            complete(ctx, rt, task.epoch)
    except S3Failure as failure:
        _fail_with(ctx, rt, failure)
    except FileProblem as problem:
        ctx.fail(rt, str(problem), attention=True)


def _start_one_at_a_time(ctx: StepContext, rt: Runtime) -> None:
    """Two start tasks of one upload never run at once (a pause and resume while the
    first waits for CreateMultipartUpload would create a second upload): a start asked
    for meanwhile runs when the current one ends, and sees what it did."""
    with ctx.lock:
        if rt.starting:
            rt.start_again = True
            return
        rt.starting = True
    try:
        start_with_retries(ctx, rt)
    finally:
        with ctx.lock:
            rt.starting = False
            again = rt.start_again and rt.state in ACTIVE
            rt.start_again = False
        if again and not ctx.stopping:
            ctx.enqueue(Task("start", rt.row.id))


def _fail_with(ctx: StepContext, rt: Runtime, failure: S3Failure) -> None:
    conn = ctx.connections.get(rt.row.destination)
    reason = failure.describe(rt.row.bucket, conn.endpoint_label)
    ctx.fail(rt, f"{rt.row.name}: {reason}", attention=failure.code in ATTENTION_CODES)
