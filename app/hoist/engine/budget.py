"""The retry budget for a control call made outside an upload's run (an abort after a
cancel, the listing of an orphan sweep): the same backoff and offline wait as parts,
Create and Complete get, so a cancel made while the network is away still reaches the
server when it is back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..s3.errors import Kind, S3Failure
from ..store.journal import UploadRow
from .context import StepContext
from .offline import endpoint_of

T = TypeVar("T")


def with_retries(ctx: StepContext, row: UploadRow, call: Callable[[], T]) -> T:
    """``call()``, retried on transient failures; raises the last S3Failure when the
    tries (or the endpoint's offline wait) run out, or at once if the engine stops."""
    endpoint = endpoint_of(row)
    attempt = waits = 0
    while True:
        attempt += 1
        try:
            result = call()
        except S3Failure as failure:
            if failure.status:
                ctx.heard_from_server(endpoint)
            if failure.kind not in (Kind.RETRY, Kind.SLOWDOWN):
                raise
            attempt, waits, waiting = ctx.count_try(failure, attempt, waits, endpoint)
            if ctx.out_of_tries(failure, attempt, waiting) or ctx.sleep(
                ctx.retry.delay(attempt + waits, failure.retry_after)
            ):
                raise
            continue
        ctx.heard_from_server(endpoint)
        return result
