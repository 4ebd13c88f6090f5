"""PUT one part (or one whole small file) to a presigned URL with httpx.

The body is streamed from the file in blocks read with os.pread, with an explicit
Content-Length: S3 refuses chunked transfer encoding on presigned PUTs, and handing
httpx one big bytes object makes the HTTP layers copy it (measured ~7x the RSS). The
MD5 (and, for single PUTs, the SHA-256) are computed as the bytes stream, so checking
integrity costs no extra read pass.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import secrets
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
    """An HTTP client for control calls and upload services (one per endpoint)."""
    return httpx.Client(
        # read/write timeouts cut a connection that stops moving bytes (a stall).
        timeout=httpx.Timeout(connect=connect_timeout, read=io_timeout, write=io_timeout, pool=None),
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=None),
        verify=_tls_context() if verify is True else verify,
        trust_env=True,  # HTTPS_PROXY / NO_PROXY, as people expect
        follow_redirects=False,
    )


def _tls_context() -> ssl.SSLContext:
    import truststore  # OS trust store, so corporate CAs work without exporting them

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class DirectSender:
    """The part PUTs straight through an httpx transport (its public ``handle_request``),
    without the Client's layers: URL merging, auth and redirect hooks, and the cookie jar
    (a presigned PUT needs none of them; a redirect is refused by put_range either way).
    Measured: ~200 instead of ~290 us of CPU per 16 KiB PUT. Used only when no proxy is
    set in the environment; with one, the Client (which honours it) sends."""

    def __init__(self, verify: bool | ssl.SSLContext, connect_timeout: float, io_timeout: float) -> None:
        self.timeout = httpx.Timeout(connect=connect_timeout, read=io_timeout, write=io_timeout, pool=None)
        self._extensions = {"timeout": self.timeout.as_dict()}
        self._transport = httpx.HTTPTransport(
            verify=verify, limits=httpx.Limits(max_connections=None, max_keepalive_connections=None)
        )

    @contextmanager
    def stream(
        self, method: str, url: str, *, content: Iterable[bytes], headers: dict[str, str]
    ) -> Iterator[httpx.Response]:
        request = httpx.Request(method, url, content=content, headers=headers, extensions=self._extensions)
        response = self._transport.handle_request(request)
        try:
            yield response
        finally:
            response.close()

    def close(self) -> None:
        self._transport.close()


def _proxy_in_environment() -> bool:
    """True if the environment names a proxy (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY...)."""
    return bool(urllib.request.getproxies_environment())


class ClientPerThread:
    """An HTTP client for each worker thread that sends parts: one kept-alive connection
    per worker, reused across parts and files, and no lock shared between them.

    One client shared by all workers was the bottleneck on long links: httpcore's pool
    takes one lock, and scans its connections, on every request and every reply's close.
    With 64 small files in flight, py-spy found 54 of the 64 workers waiting on that lock,
    and more parts in flight made 1,000 files of 256 KiB over a 40 ms link slower (6.5 s
    with 16 in flight, 8.3 s with 64, 16.8 s with 128). The TLS context (the OS trust
    store, loaded once) is shared: SSLContext is safe to use from many threads.
    """

    def __init__(self, verify: bool = True, connect_timeout: float = 10.0, io_timeout: float = 60.0) -> None:
        self._verify: bool | ssl.SSLContext = _tls_context() if verify else False
        self._timeouts = (connect_timeout, io_timeout)
        self._local = threading.local()
        self._clients: list[httpx.Client | DirectSender] = []
        self._lock = threading.Lock()
        self._closed = False

    def get(self) -> httpx.Client | DirectSender:
        client: httpx.Client | DirectSender | None = getattr(self._local, "client", None)
        if client is None:
            if _proxy_in_environment():
                client = make_http_client(self._verify, *self._timeouts)
            else:
                client = DirectSender(self._verify, *self._timeouts)
            with self._lock:
                if self._closed:
                    client.close()
                    raise RuntimeError("the connection was closed")
                self._clients.append(client)
            self._local.client = client
        return client

    def close(self) -> None:
        with self._lock:
            self._closed = True
            clients, self._clients = self._clients, []
        for client in clients:
            client.close()


def put_range(
    client: httpx.Client | DirectSender,
    request: SignedRequest,
    body: PartBody,
) -> SentPart:
    """PUT a byte range (or POST it in a presigned form); returns the server's ETag and our
    digests, or raises S3Failure.

    The reply is streamed, never read whole: at most ERROR_BODY_CAP bytes of it are
    kept (an error document; UploadPart's success body is empty) and the rest is
    dropped with the connection. Once the body is sent, the reply must arrive within
    the I/O timeout plus a second per MIN_REPLY_RATE bytes (s3.bounded): a reply that
    trickles one byte at a time, each within the per-read timeout, is cut as a stall.
    """
    if request.method == "POST":
        form = PostForm(request, body)
        headers: dict[str, Any] = {"Content-Type": form.content_type, "Content-Length": str(form.length)}
        content: Any = form
    else:
        headers = {**request.headers, "Content-Length": str(body.length)}
        content = iter(body)
    grace = client.timeout.read or 60.0
    try:
        with client.stream(request.method, request.url, content=content, headers=headers) as response:
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
    ok = (200, 201, 204) if request.method == "POST" else (200,)
    if response.status_code not in ok:
        failure = from_response(response, salvage_error(reply) if truncated else reply)
        raise empty_checksum_refusal(request.url, body.length, failure) or failure
    etag = response.headers.get("etag", "")
    if not etag and request.method == "POST":  # a POST's 201 carries it in its XML too
        match = re.search(rb"<ETag>([^<]{1,200})</ETag>", reply)
        etag = html.unescape(match.group(1).decode(errors="replace")) if match else ""
    if not etag:
        raise S3Failure(Kind.RETRY, "NoETag", "the server acknowledged the part without an ETag")
    return SentPart(
        etag=etag,
        md5=body.md5.hexdigest(),
        sha256=body.sha256.hexdigest() if body.sha256 is not None else None,
    )


class PostForm:
    """A presigned POST's multipart/form-data body: the signed fields, then the file
    streamed from disk (never read whole), then the closing boundary; its length is known
    in advance, so it goes with a Content-Length as S3 requires."""

    def __init__(self, request: SignedRequest, body: PartBody) -> None:
        self.body = body
        boundary = f"hoist-{secrets.token_hex(16)}"
        self.content_type = f"multipart/form-data; boundary={boundary}"
        head = bytearray()
        content_type = "application/octet-stream"
        for name, value in request.fields:
            if name.lower() == "content-type":
                content_type = value
            head += f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"\r\n\r\n'.encode()
            head += value.encode() + b"\r\n"
        filename = _quoted((request.key or "file").rsplit("/", 1)[-1]) or "file"
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        ).encode()
        self.head = bytes(head)
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.length = len(self.head) + body.length + len(self.tail)

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        yield from self.body
        yield self.tail


def _quoted(text: str) -> str:
    """A form field's name or file name inside double quotes (as browsers escape them)."""
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


# The CRC32 of an empty body: what the AWS SDK for JavaScript v3 (3.729 and later, by
# default) signs into a presigned UploadPart URL when its client was built without
# requestChecksumCalculation "WHEN_REQUIRED". The storage then checks every part's bytes
# against it (SeaweedFS, MinIO, R2; rclone serve s3 does not): every non-empty part is
# refused, and the signed parameter cannot be dropped by the client.
EMPTY_BODY_CRC32 = "AAAAAA=="

SERVICE_CHECKSUM_MESSAGE = (
    "The storage refused a part because the upload service signs the checksum of an empty "
    "body into every part URL (x-amz-checksum-crc32=AAAAAA==), so every non-empty part is "
    "refused ({detail}). This is the service's configuration, not this computer's: its "
    "administrator must build the service's S3 client with requestChecksumCalculation: "
    '"WHEN_REQUIRED" (for Uppy Companion, start it with the environment variable '
    "AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED), then retry."
)


def signs_empty_checksum(url: str) -> bool:
    query = parse_qs(urlsplit(url).query)
    return EMPTY_BODY_CRC32 in query.get("x-amz-checksum-crc32", [])


def empty_checksum_refusal(url: str, length: int, failure: S3Failure) -> S3Failure | None:
    """A 400 for a non-empty part whose URL signs the empty body's CRC32: the service's
    misconfiguration, failed at once in words its administrator can act on (resending
    the part, or signing it again, would be refused the same way)."""
    if failure.status != 400 or length == 0 or not signs_empty_checksum(url):
        return None
    return S3Failure(
        Kind.FATAL, "ServiceChecksum", SERVICE_CHECKSUM_MESSAGE.format(detail=failure.message), 400
    )
