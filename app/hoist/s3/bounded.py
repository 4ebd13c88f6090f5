"""Bounded replies: how much of a server's reply Hoist reads, and for how long.

A server is not trusted to be reasonable. An error body is read up to ERROR_BODY_CAP
and the rest dropped with the connection (a 1 GiB error body must not become 1 GiB of
memory); a successful control reply (a listing page, Create, Complete) up to
REPLY_BODY_CAP. Reading a reply body has a deadline that grows only with the bytes
received: the I/O timeout plus one second per MIN_REPLY_RATE bytes. A reply that
trickles (headers, then one byte every few seconds, each within the per-read
timeout) is cut there and treated as a stall. CompleteMultipartUpload is the
exception: AWS legitimately sends whitespace for minutes while it assembles a large
object, so its reply gets COMPLETE_DEADLINE in all.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from .errors import Kind, S3Failure
from .redact import redact

ERROR_BODY_CAP = 64 * 1024
# A ListParts page of 1,000 parts is ~250 KB; ListMultipartUploads with 1,000 long keys ~1.5 MB.
REPLY_BODY_CAP = 16 * 1024 * 1024
MIN_REPLY_RATE = 1024  # bytes per second, after the grace of one I/O timeout
COMPLETE_DEADLINE = 15 * 60.0
READ_BLOCK = 64 * 1024


class ReplyTooSlow(Exception):
    """The reply body did not arrive in time (a trickle)."""

    def __init__(self, received: int, seconds: float) -> None:
        super().__init__(f"{received} bytes in {seconds:.1f} s")
        self.received, self.seconds = received, seconds

    def failure(self) -> S3Failure:
        # The code of an httpx ReadTimeout: the engine retries it like any other stall.
        return S3Failure(
            Kind.RETRY,
            "ReadTimeout",
            f"the connection stalled (the reply trickled in: {self.received} bytes in {self.seconds:.0f} s, "
            "slower than the I/O timeout allows) and was cut",
        )


def read_capped(
    read: Callable[[], bytes],
    cap: int,
    grace: float,
    min_rate: float = MIN_REPLY_RATE,
    started: float | None = None,
) -> tuple[bytes, bool]:
    """Read chunks until the end or ``cap`` bytes: (body, truncated).

    Raises ReplyTooSlow once more than ``grace`` seconds (plus one second per
    ``min_rate`` bytes received; none with min_rate 0) have passed since ``started``.
    Each ``read()`` itself blocks at most the per-read timeout of the connection.
    """
    start = time.monotonic() if started is None else started
    got = bytearray()
    while True:
        allowed = grace + (len(got) / min_rate if min_rate else 0.0)
        elapsed = time.monotonic() - start
        if elapsed > allowed:
            raise ReplyTooSlow(len(got), elapsed)
        chunk = read()
        if not chunk:
            return bytes(got), False
        room = cap - len(got)
        got += chunk[:room]
        if len(chunk) > room:
            return bytes(got), True


_CODE = re.compile(rb"<Code>([^<]{1,200})</Code>")
_MESSAGE = re.compile(rb"<Message>([^<]{0,2000})</Message>")


def salvage_error(body: bytes) -> bytes:
    """A well-formed error document from the start of a truncated one (or nothing)."""
    code, message = _CODE.search(body), _MESSAGE.search(body)
    if code is None:
        return b""
    text = b"<Error><Code>" + code.group(1) + b"</Code>"
    if message is not None:
        text += b"<Message>" + message.group(1) + b"</Message>"
    return text + b"</Error>"


def redirect_failure(status: int, location: str) -> S3Failure:
    where = f" to {redact(location)}" if location else ""
    return S3Failure(
        Kind.FATAL,
        "Redirect",
        f"The server answered with a redirect (HTTP {status}{where}), which Hoist does not follow. "
        "Check the endpoint URL and the region in the profile.",
        status,
    )


class BoundedSender:
    """botocore ``before-send`` handler: sends the request itself so that the reply body
    is read within the caps and the deadline above (botocore would read it whole, for
    as long as it trickles), and answers a redirect that names no region with one
    clear error (botocore's region redirector would ask HEAD bucket, be redirected
    again, and recurse until RecursionError)."""

    def __init__(self, http_session: Any, io_timeout: float) -> None:
        self._session = http_session
        self._io_timeout = io_timeout

    def __call__(self, request: Any, event_name: str = "", **kwargs: Any) -> Any:
        if getattr(request, "stream_output", False):
            return None  # a streamed download: the caller reads it (Hoist makes none)
        request.stream_output = True  # headers now, the body is read below
        response = self._session.send(request)
        raw = response.raw
        complete_read = False
        try:
            status = int(response.status_code)
            if 300 <= status < 400 and "x-amz-bucket-region" not in response.headers:
                raise redirect_failure(status, str(response.headers.get("location", "")))
            error = status >= 300
            complete = event_name.endswith(".CompleteMultipartUpload")
            started = time.monotonic()
            try:
                body, truncated = read_capped(
                    lambda: raw.read1(READ_BLOCK, decode_content=False) or b"",
                    ERROR_BODY_CAP if error else REPLY_BODY_CAP,
                    COMPLETE_DEADLINE if complete else self._io_timeout,
                    0 if complete else MIN_REPLY_RATE,
                    started,
                )
            except ReplyTooSlow as slow:
                raise slow.failure() from None
            complete_read = not truncated
            if truncated and not error:
                operation = event_name.rsplit(".", 1)[-1] or "a request"
                raise S3Failure(
                    Kind.FATAL,
                    "ReplyTooLarge",
                    f"The server's reply to {operation} was larger than {REPLY_BODY_CAP // (1024 * 1024)} MiB; "
                    "no S3 reply is that large, so the endpoint is not behaving as S3 does.",
                    status,
                )
            response._content = salvage_error(body) if truncated else body
            return response
        finally:
            # A body not read to the end closes the connection instead of reusing it.
            if not complete_read:
                raw.close()
            raw.release_conn()
