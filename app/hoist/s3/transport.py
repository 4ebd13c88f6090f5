"""PUT one part (or one whole small file) to a presigned URL with httpx.

The body is streamed from the file in blocks read with os.pread, with an explicit
Content-Length: S3 refuses chunked transfer encoding on presigned PUTs, and handing
httpx one big bytes object makes the HTTP layers copy it (measured ~7x the RSS). The
MD5 (and, for single PUTs, the SHA-256) are computed as the bytes stream, so checking
integrity costs no extra read pass.
"""

from __future__ import annotations

import hashlib
import os
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from .bounded import ERROR_BODY_CAP, ReplyTooSlow, read_capped, redirect_failure, salvage_error
from .errors import Kind, S3Failure, from_response, from_transport
from .signer import SignedRequest

# Measured (1 GiB and 4 GiB to a local rclone serve s3, 8 parts in flight): peak RSS
# 110 MB with 1 MiB blocks, 100 with 512 KiB, 95 with 256 KiB, 92 with 128 KiB, the
# same for 1 and 4 GiB; CPU for pread+MD5 the same (~1.7 s/GiB) from 128 KiB to 4 MiB.
BLOCK = 256 * 1024


class Interrupted(Exception):
    """The part was stopped on purpose (pause, cancel, shutdown)."""


class SourceChanged(Exception):
    """The local file's bytes are not what was planned (shorter than expected)."""


@dataclass(frozen=True)
class SentPart:
    etag: str
    md5: str
    sha256: str | None


class PartBody:
    """An iterator over a file range that hashes and reports as it goes."""

    def __init__(
        self,
        fd: int,
        offset: int,
        length: int,
        *,
        on_bytes: Callable[[int], None],
        should_stop: Callable[[], bool],
        throttle: Callable[[int], None] | None = None,
        want_sha256: bool = False,
    ) -> None:
        self.fd, self.offset, self.length = fd, offset, length
        self.on_bytes, self.should_stop, self.throttle = on_bytes, should_stop, throttle
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.sha256 = hashlib.sha256() if want_sha256 else None
        self.sent = 0
        self.finished_at: float | None = None  # monotonic time the last byte was handed over

    def __iter__(self) -> Iterator[bytes]:
        position, remaining = self.offset, self.length
        while remaining > 0:
            if self.should_stop():
                raise Interrupted()
            size = min(BLOCK, remaining)
            if self.throttle is not None:
                self.throttle(size)
            block = os.pread(self.fd, size, position)
            if len(block) != size:
                raise SourceChanged(f"the file ended {remaining - len(block)} bytes early")
            self.md5.update(block)
            if self.sha256 is not None:
                self.sha256.update(block)
            position += size
            remaining -= size
            yield block
            self.sent += size
            self.on_bytes(size)
        self.finished_at = time.monotonic()


def make_http_client(
    verify: bool | ssl.SSLContext = True,
    connect_timeout: float = 10.0,
    io_timeout: float = 60.0,
) -> httpx.Client:
    """One client per endpoint, shared by all workers.

    The engine's gate bounds the parts in flight, so the pool itself is not capped (the
    concurrency setting can grow while uploads run): it opens connections as parts need
    them and keeps them alive, so it never holds more than the most parts ever in flight
    plus a control call or two.
    """
    if verify is True:
        import truststore  # OS trust store, so corporate CAs work without exporting them

        verify = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.Client(
        # read/write timeouts cut a connection that stops moving bytes (a stall).
        timeout=httpx.Timeout(connect=connect_timeout, read=io_timeout, write=io_timeout, pool=None),
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=None),
        verify=verify,
        trust_env=True,  # HTTPS_PROXY / NO_PROXY, as people expect
        follow_redirects=False,
    )


def put_range(
    client: httpx.Client,
    request: SignedRequest,
    body: PartBody,
) -> SentPart:
    """PUT a byte range; returns the server's ETag and our digests, or raises S3Failure.

    The reply is streamed, never read whole: at most ERROR_BODY_CAP bytes of it are
    kept (an error document; UploadPart's success body is empty) and the rest is
    dropped with the connection. Once the body is sent, the reply must arrive within
    the I/O timeout plus a second per MIN_REPLY_RATE bytes (s3.bounded): a reply that
    trickles one byte at a time, each within the per-read timeout, is cut as a stall.
    """
    headers: dict[str, Any] = {**request.headers, "Content-Length": str(body.length)}
    grace = client.timeout.read or 60.0
    try:
        with client.stream("PUT", request.url, content=iter(body), headers=headers) as response:
            chunks = response.iter_raw()  # as they arrive (a chunk size would gather them)
            reply, truncated = read_capped(
                lambda: next(chunks, b""), ERROR_BODY_CAP, grace, started=body.finished_at
            )
    except httpx.HTTPError as exc:
        raise from_transport(exc) from None
    except ReplyTooSlow as slow:
        raise slow.failure() from None
    if 300 <= response.status_code < 400:
        raise redirect_failure(response.status_code, response.headers.get("location", ""))
    if response.status_code != 200:
        raise from_response(response, salvage_error(reply) if truncated else reply)
    etag = response.headers.get("etag", "")
    if not etag:
        raise S3Failure(Kind.RETRY, "NoETag", "the server acknowledged the part without an ETag")
    return SentPart(
        etag=etag,
        md5=body.md5.hexdigest(),
        sha256=body.sha256.hexdigest() if body.sha256 is not None else None,
    )
