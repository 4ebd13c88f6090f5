"""What a worker does with each task: start (or resume) an upload, send a part,
complete, abort. Runs on worker threads; every network call is here or below."""

from __future__ import annotations

from ..s3.errors import S3Failure
from ..store.states import ACTIVE
from .abort import abort, cleanup
from .complete import complete
from .context import StepContext
from .failing import fail_with
from .localfile import FileProblem
from .parts import send_part
from .ratelimit import request_weight
from .runtime import Runtime
from .start import start_with_retries
from .tasks import Task


def run_task(ctx: StepContext, task: Task) -> None:
    if task.kind == "cleanup":  # a finished upload: not loaded into the queue
        cleanup(ctx, task.upload_id)
        return
    rt = ctx.loaded(task.upload_id)
    if rt is None:
        # Every task is queued for an upload in memory; one that is not any more was
        # finished and cleared off the queue (Clear finished) while its task waited.
        # Loading it back from the journal put thousands of cancelled rows back in the
        # window after Clear finished. Its server side is still tidied up.
        if task.kind == "abort":
            cleanup(ctx, task.upload_id)
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
    except (S3Failure, FileProblem) as error:
        fail_with(ctx, rt, error)


def _start_one_at_a_time(ctx: StepContext, rt: Runtime) -> None:
    """Two start tasks of one upload never run at once (a pause and resume while the
    first waits for CreateMultipartUpload would create a second upload): a start asked
    for meanwhile runs when the current one ends, and sees what it did."""
    problem = ctx.trust(rt.row) if ctx.trust is not None else None
    if problem:
        ctx.fail(rt, problem, attention=True)
        return
    with ctx.lock:
        if rt.starting:
            rt.start_again = True
            return
        rt.starting = True
        # A start talks to the server too (the if-exists HEAD, Create, ListParts), so it
        # takes its place in the concurrency gate like a part of the same size: at one
        # part in flight, one thing at a time, as a person who set 1 expects.
        weight = request_weight(rt.row.size) if rt.row.strategy == "single" else 1.0
    ctx.gate.acquire(weight)
    inline: list[Task] = []
    try:
        inline = start_with_retries(ctx, rt)
    finally:
        ctx.gate.release(weight)
        with ctx.lock:
            rt.starting = False
            again = rt.start_again and rt.state in ACTIVE
            rt.start_again = False
        if again and not ctx.stopping:
            ctx.enqueue(Task("start", rt.row.id))
    # After the start's place in the gate is given back: the PUT takes its own (at one
    # request in flight, holding both would wait for ever).
    for task in inline:
        if not ctx.stopping:
            run_task(ctx, task)
