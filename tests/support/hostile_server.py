"""A hostile S3 endpoint on 127.0.0.1 for the bounds Hoist must respect (issue 13).

Each request is answered by the first rule whose method and operation match; requests
no rule matches get a plain success (200, an empty body and an ETag), so a test only
describes what is hostile. Operations are told apart as S3 does, by method and query:
``put`` (PutObject / UploadPart), ``create`` (?uploads POST), ``complete`` (?uploadId
POST), ``list_parts`` (?uploadId GET), ``list_uploads`` (?uploads GET), ``head``,
``list_objects``, ``any``.

Behaviours (each a function of the handler):
- ``huge_error(size)``: 500 with an S3 error document followed by ``size`` bytes of
  padding, generated as it is sent (a 1 GiB body allocates nothing here).
- ``endless_parts()``: ListParts pages of 1,000 parts whose markers always advance.
- ``repeated_uploads_marker()``: ListMultipartUploads pages that are truncated and give
  the same next markers every time; ``endless_uploads(per_page)``: pages whose markers advance.
- ``trickle(interval)``: 200 with headers at once, then one byte every ``interval`` s.
- ``redirect_to_self()``: 307 to the same URL, every time.
- ``error_reply(status, body)``: that status and body, as they are.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

Behaviour = Callable[["Handler"], None]

ERROR_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code>'
    b"<Message>We encountered an internal error. Please try again.</Message></Error>\n"
)


def operation(method: str, query: dict[str, list[str]], path: str) -> str:
    if method == "HEAD":
        return "head"
    if method == "PUT":
        return "put"
    if method == "POST":
        return "complete" if "uploadId" in query else "create"
    if method == "GET" and "uploadId" in query:
        return "list_parts"
    if method == "GET" and "uploads" in query:
        return "list_uploads"
    if method == "GET":
        return "list_objects"
    return "other"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: HostileServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _drain(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 16))
            if not chunk:
                break
            length -= len(chunk)

    def _handle(self) -> None:
        url = urlsplit(self.path)
        self.query = parse_qs(url.query, keep_blank_values=True)
        self.op = operation(self.command, self.query, url.path)
        self._drain()
        self.server.record(self.op)
        for ops, behaviour in self.server.rules:
            if self.op in ops or "any" in ops:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    behaviour(self)
                self.close_connection = True
                return
        self.send_response(200)
        self.send_header("ETag", '"d41d8cd98f00b204e9800998ecf8427e"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _handle

    def send_xml(self, body: bytes, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def huge_error(size: int) -> Behaviour:
    def behaviour(h: Handler) -> None:
        h.send_response(500)
        h.send_header("Content-Type", "application/xml")
        h.send_header("Content-Length", str(len(ERROR_HEAD) + size))
        h.end_headers()
        if h.command == "HEAD":
            return
        h.wfile.write(ERROR_HEAD)
        block = b" " * (1 << 20)
        remaining = size
        while remaining > 0 and not h.server.stopping.is_set():
            piece = block[: min(remaining, len(block))]
            h.wfile.write(piece)
            h.server.count_sent(len(piece))
            remaining -= len(piece)

    return behaviour


def endless_parts() -> Behaviour:
    def behaviour(h: Handler) -> None:
        marker = int(h.query.get("part-number-marker", ["0"])[0] or 0)
        parts = "".join(
            f"<Part><PartNumber>{n}</PartNumber><ETag>&quot;{n:032x}&quot;</ETag><Size>5242880</Size>"
            "<LastModified>2026-01-01T00:00:00.000Z</LastModified></Part>"
            for n in range(marker + 1, marker + 1001)
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><Bucket>b</Bucket><Key>k</Key>'
            f"<UploadId>u</UploadId><PartNumberMarker>{marker}</PartNumberMarker>"
            f"<NextPartNumberMarker>{marker + 1000}</NextPartNumberMarker><MaxParts>1000</MaxParts>"
            f"<IsTruncated>true</IsTruncated>{parts}</ListPartsResult>"
        )
        h.send_xml(body.encode())

    return behaviour


def repeated_uploads_marker() -> Behaviour:
    def behaviour(h: Handler) -> None:
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>b</Bucket>'
            "<KeyMarker>a</KeyMarker><UploadIdMarker>1</UploadIdMarker>"
            "<NextKeyMarker>a</NextKeyMarker><NextUploadIdMarker>1</NextUploadIdMarker>"
            "<MaxUploads>1000</MaxUploads><IsTruncated>true</IsTruncated>"
            "<Upload><Key>a</Key><UploadId>1</UploadId><Initiated>2020-01-01T00:00:00.000Z</Initiated>"
            "</Upload></ListMultipartUploadsResult>"
        )
        h.send_xml(body.encode())

    return behaviour


def endless_uploads(per_page: int = 1) -> Behaviour:
    """ListMultipartUploads pages of ``per_page`` uploads each whose markers always advance."""

    def behaviour(h: Handler) -> None:
        first = int(h.query.get("upload-id-marker", ["0"])[0] or 0) + 1
        last = first + per_page - 1
        uploads = "".join(
            f"<Upload><Key>k{n:09d}</Key><UploadId>{n}</UploadId>"
            "<Initiated>2020-01-01T00:00:00.000Z</Initiated></Upload>"
            for n in range(first, last + 1)
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>b</Bucket>'
            f"<NextKeyMarker>k{last:09d}</NextKeyMarker><NextUploadIdMarker>{last}</NextUploadIdMarker>"
            f"<MaxUploads>{per_page}</MaxUploads><IsTruncated>true</IsTruncated>{uploads}"
            "</ListMultipartUploadsResult>"
        )
        h.send_xml(body.encode())

    return behaviour


def error_reply(status: int, body: bytes) -> Behaviour:
    """``status`` with ``body`` as it is (an error document with whatever bytes a test puts in)."""

    def behaviour(h: Handler) -> None:
        if h.command == "HEAD":
            h.send_response(status)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_xml(body, status)

    return behaviour


def trickle(interval: float, total: int = 10_000) -> Behaviour:
    def behaviour(h: Handler) -> None:
        h.send_response(200)
        h.send_header("ETag", '"d41d8cd98f00b204e9800998ecf8427e"')
        h.send_header("Content-Length", str(total))
        h.end_headers()
        h.wfile.flush()
        for _ in range(total):
            if h.server.stopping.wait(interval):
                return
            h.wfile.write(b" ")
            h.wfile.flush()

    return behaviour


def redirect_to_self() -> Behaviour:
    def behaviour(h: Handler) -> None:
        h.send_response(307)
        h.send_header("Location", f"http://127.0.0.1:{h.server.port}{h.path}")
        h.send_header("Content-Length", "0")
        h.end_headers()

    return behaviour


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=dict)
    error_bytes_sent: int = 0


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, rules: list[tuple[tuple[str, ...], Behaviour]]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.rules = rules
        self.port = int(self.server_address[1])
        self.stopping = threading.Event()
        self.stats = Stats()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def record(self, op: str) -> None:
        with self._lock:
            self.stats.requests[op] = self.stats.requests.get(op, 0) + 1

    def count_sent(self, n: int) -> None:
        with self._lock:
            self.stats.error_bytes_sent += n

    def requests(self, op: str) -> int:
        with self._lock:
            return self.stats.requests.get(op, 0)


@contextlib.contextmanager
def hostile_server(*rules: tuple[tuple[str, ...], Behaviour]) -> Iterator[HostileServer]:
    server = HostileServer(list(rules))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        time.sleep(0)  # let handler threads see the stop
