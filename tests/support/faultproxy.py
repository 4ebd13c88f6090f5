"""A small fault-injecting HTTP proxy between Hoist and a real S3 server on 127.0.0.1.

Threads, not asyncio: every client connection gets a thread that parses HTTP/1.1
requests (keep-alive, Content-Length bodies, ``Expect: 100-continue``), classifies
them (part PUT, single PUT, create, complete, list parts...), decides from a script of
``Rule``s what to do, and then forwards to the upstream server or misbehaves:

    reset     read part of the body, then reset the connection (RST)
    close     read the whole body, close without a reply
    status    read the body, answer ``status`` with an S3 error document (+ headers)
    stall     stop reading (the client must time out); the socket is held until stop()
    latency   wait ``delay`` seconds, then forward
    flip      flip one byte of the body, then forward (the server stores bad bytes)
    drop_reply forward, then close without relaying the server's answer
    forward   forward unchanged (rules with only callbacks use this)

Rules match on op, method, key and part number, and fire on the ``nth`` matching
request for ``times`` requests (0 = every one from the nth). ``decide`` may be set to a
callable for random faults (the soak test). Callbacks ``before`` / ``after_upstream``
/ ``after_reply`` let a test act at a precise moment (kill a process, make the server
forget an upload). Every request is recorded (``Seen``) so tests can count what was
sent per (key, partNumber) and how many body bytes arrived.

Presigned URLs then point at the proxy's host: moto does not check signatures, so the
changed Host is harmless.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

ACTIONS = {"forward", "reset", "close", "status", "stall", "latency", "flip", "drop_reply"}


@dataclass
class Seen:
    """One request as the proxy saw it."""

    seq: int
    method: str
    target: str
    op: str  # part | put | create | complete | list_parts | abort | head | get | bucket | other
    bucket: str
    key: str
    part: int | None
    upload_id: str | None
    headers: dict[str, str]
    content_length: int
    started: float
    body_received: int = 0
    action: str = "forward"
    status: int | None = None  # what the client got (None: no reply)
    upstream_status: int | None = None
    finished: float | None = None


Callback = Callable[[Seen], None]


@dataclass
class Rule:
    action: str = "forward"
    op: str | None = None
    method: str | None = None
    key: str | None = None  # exact key
    part: int | None = None
    nth: int = 1  # fire from the nth matching request (1-based)
    times: int = 1  # for this many matching requests; 0 = all from nth on
    status: int = 500
    code: str = "InternalError"
    message: str = "We encountered an internal error. Please try again."
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # latency before forwarding; for stall, how long to hold (default 60)
    fraction: float = 0.5  # reset: share of the body read first
    before: Callback | None = None
    after_upstream: Callback | None = None
    after_reply: Callback | None = None
    matched: int = 0
    fired: int = 0

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action}")

    def matches(self, seen: Seen) -> bool:
        return (
            (self.op is None or self.op == seen.op)
            and (self.method is None or self.method == seen.method)
            and (self.key is None or self.key == seen.key)
            and (self.part is None or self.part == seen.part)
        )


def classify(method: str, target: str) -> tuple[str, str, str, int | None, str | None]:
    """(op, bucket, key, part, upload_id) from a path-style S3 request."""
    split = urlsplit(target)
    query = parse_qs(split.query, keep_blank_values=True)
    path = unquote(split.path)
    bucket, _, key = path.lstrip("/").partition("/")
    part = int(query["partNumber"][0]) if "partNumber" in query else None
    upload_id = query["uploadId"][0] if "uploadId" in query else None
    if method == "PUT" and part is not None:
        op = "part"
    elif method == "PUT" and key:
        op = "put"
    elif method == "POST" and "uploads" in query:
        op = "create"
    elif method == "POST" and upload_id:
        op = "complete"
    elif method == "GET" and upload_id:
        op = "list_parts"
    elif method == "DELETE" and upload_id:
        op = "abort"
    elif method == "HEAD":
        op = "head"
    elif method == "GET" and key:
        op = "get"
    elif not key:
        op = "bucket"
    else:
        op = "other"
    return op, bucket, key, part, upload_id


def error_body(code: str, message: str, key: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message>"
        f"<Key>{escape(key)}</Key><RequestId>faultproxy</RequestId></Error>"
    ).encode()


class _Closed(Exception):
    """The client went away."""


class FaultProxy:
    def __init__(
        self,
        upstream: str,
        *,
        ssl_context: ssl.SSLContext | None = None,
        on_request: Callback | None = None,
    ) -> None:
        parsed = urlsplit(upstream)
        self.upstream_host = parsed.hostname or "127.0.0.1"
        self.upstream_port = parsed.port or 80
        self.ssl_context = ssl_context
        self.rules: list[Rule] = []
        self.decide: Callable[[Seen], Rule | None] | None = None
        self.on_request = on_request
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._seq = 0
        self._stop = threading.Event()
        self._offline = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._listener = self._listen(0)
        self.port = int(self._listener.getsockname()[1])
        scheme = "https" if ssl_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True)

    # -- lifecycle --------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._acceptor.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._acceptor.ident is not None:
            self._acceptor.join(5)
        with contextlib.suppress(OSError):
            self._listener.close()
        self._cut_clients()
        for thread in list(self._threads):
            thread.join(5)

    def go_offline(self) -> None:
        """As if the network went away: connections are refused and open ones are cut."""
        self._offline.set()
        self._acceptor.join(5)  # stop accepting first, then close: nothing waits in the backlog
        with contextlib.suppress(OSError):
            self._listener.close()
        self._cut_clients()

    def go_online(self) -> None:
        """Listen again on the same port."""
        self._offline.clear()
        self._listener = self._listen(self.port)
        self._acceptor = threading.Thread(target=self._accept_loop, name="faultproxy-accept", daemon=True)
        self._acceptor.start()

    @staticmethod
    def _listen(port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        listener.settimeout(0.2)
        return listener

    def _cut_clients(self) -> None:
        """Reset every open connection now. shutdown() wakes a thread blocked reading it;
        the descriptor is closed at once (detach + os.close) with SO_LINGER 0, so the client
        gets a reset even while a reader (makefile) still holds the socket object, whose
        plain close() would wait for that reader: a client in the middle of sending a part
        then sat blocked on a socket nobody read (the offline window test, 1 run in 2
        under load)."""
        with self._lock:
            clients = list(self._clients)
        for sock in clients:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError, ValueError):
                os.close(sock.detach())

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting and counting ------------------------------------------------------

    def add(self, *rules: Rule) -> None:
        with self._lock:
            self.rules.extend(rules)

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.decide = None

    def requests(self, op: str | None = None, key: str | None = None, part: int | None = None) -> list[Seen]:
        with self._lock:
            return [
                s
                for s in self.seen
                if (op is None or s.op == op)
                and (key is None or s.key == key)
                and (part is None or s.part == part)
            ]

    def puts(self, key: str, part: int | None = None) -> int:
        """PUT requests received for (key, partNumber); part None = single PUTs."""
        op = "put" if part is None else "part"
        return len(self.requests(op, key, part))

    def part_counts(self, key: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for s in self.requests("part", key):
            assert s.part is not None
            counts[s.part] = counts.get(s.part, 0) + 1
        return counts

    def body_bytes(self, op: str | None = None) -> int:
        return sum(s.body_received for s in self.requests(op))

    def faults_fired(self) -> int:
        with self._lock:
            return sum(1 for s in self.seen if s.action != "forward")

    # -- internals ------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._stop.is_set() and not self._offline.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            thread = threading.Thread(target=self._serve, args=(sock,), name="faultproxy-conn", daemon=True)
            with self._lock:
                # Known before its thread runs, so going offline can cut it at once.
                self._clients.add(sock)
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(thread)
            thread.start()

    def _serve(self, raw: socket.socket) -> None:
        sock = raw
        try:
            if self.ssl_context is not None:
                raw.settimeout(10)
                sock = self.ssl_context.wrap_socket(raw, server_side=True)
                sock.settimeout(None)
            with self._lock:
                self._clients.discard(raw)
                self._clients.add(sock)
            if self._offline.is_set():
                raise _Closed()  # accepted just as the network went away
            reader = sock.makefile("rb", buffering=256 * 1024)
            while not self._stop.is_set() and not self._offline.is_set():
                if not self._one_request(sock, reader):
                    break
        except (_Closed, OSError, ssl.SSLError, ValueError):
            pass
        finally:
            with self._lock:
                self._clients.discard(sock)
            with contextlib.suppress(OSError):
                sock.close()

    def _choose(self, seen: Seen) -> Rule | None:
        with self._lock:
            chosen = None
            for rule in self.rules:
                if not rule.matches(seen):
                    continue
                rule.matched += 1
                last = rule.nth + rule.times - 1 if rule.times else None
                if chosen is None and rule.matched >= rule.nth and (last is None or rule.matched <= last):
                    rule.fired += 1
                    chosen = rule
            decide = self.decide
        if chosen is None and decide is not None:
            chosen = decide(seen)
        return chosen

    def _one_request(self, sock: socket.socket, reader: object) -> bool:
        assert hasattr(reader, "readline")
        line = reader.readline(65537)  # type: ignore[attr-defined]
        if not line:
            return False
        method, target, _version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
        headers: dict[str, str] = {}
        order: list[tuple[str, str]] = []
        while True:
            hline = reader.readline(65537)  # type: ignore[attr-defined]
            if not hline:
                raise _Closed()
            if hline in (b"\r\n", b"\n"):
                break
            name, _, value = hline.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
            order.append((name.strip(), value.strip()))
        op, bucket, key, part, upload_id = classify(method, target)
        length = int(headers.get("content-length", "0") or 0)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            raise _Closed()  # S3 refuses chunked presigned PUTs; so do we
        with self._lock:
            self._seq += 1
            seen = Seen(self._seq, method, target, op, bucket, key, part, upload_id, headers, length,
                        time.monotonic())  # fmt: skip
            self.seen.append(seen)
        if self.on_request is not None:
            self.on_request(seen)
        rule = self._choose(seen)
        action = rule.action if rule else "forward"
        seen.action = action
        if rule is not None and rule.before is not None:
            rule.before(seen)
        if headers.get("expect", "").lower() == "100-continue" and action != "stall":
            sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")

        if action == "stall":
            # Stop reading: the client's send buffer fills and it must time out on its own.
            self._stop.wait(rule.delay if rule and rule.delay else 60)
            raise _Closed()
        if action == "reset":
            assert rule is not None
            self._read_body(reader, seen, int(length * rule.fraction))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            seen.finished = time.monotonic()
            raise _Closed()
        body = self._read_body(reader, seen, length)
        if action == "close":
            seen.finished = time.monotonic()
            raise _Closed()
        if action == "status":
            assert rule is not None
            reply = b"" if method == "HEAD" else error_body(rule.code, rule.message, key)
            self._send(sock, rule.status, {**rule.headers, "Content-Type": "application/xml"}, reply,
                       len(reply))  # fmt: skip
            seen.status = rule.status
            seen.finished = time.monotonic()
            return True
        if action == "latency":
            assert rule is not None
            time.sleep(rule.delay)
        if action == "flip" and body:
            index = len(body) // 2
            body = body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1 :]
        status, reply_headers, reply = self._upstream(method, target, order, body)
        seen.upstream_status = status
        if rule is not None and rule.after_upstream is not None:
            rule.after_upstream(seen)
        if action == "drop_reply":
            seen.finished = time.monotonic()
            raise _Closed()
        size = len(reply)
        if method == "HEAD":
            size = int(reply_headers.get("content-length", "0") or 0)
        self._send(sock, status, reply_headers, reply, size)
        seen.status = status
        seen.finished = time.monotonic()
        if rule is not None and rule.after_reply is not None:
            rule.after_reply(seen)
        return True

    def _read_body(self, reader: object, seen: Seen, count: int) -> bytes:
        chunks = []
        remaining = count
        while remaining > 0:
            chunk = reader.read1(min(remaining, 256 * 1024))  # type: ignore[attr-defined]
            if not chunk:
                raise _Closed()
            chunks.append(chunk)
            remaining -= len(chunk)
            seen.body_received += len(chunk)
        return b"".join(chunks)

    def _upstream(
        self, method: str, target: str, order: list[tuple[str, str]], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=120)
        try:
            conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in order:
                if name.lower() in ("connection", "expect", "keep-alive", "proxy-connection"):
                    continue
                if name.lower() == "content-length":
                    value = str(len(body))
                conn.putheader(name, value)
            conn.endheaders(body if body else None)
            response = conn.getresponse()
            data = response.read()
            headers = {
                k.lower(): v
                for k, v in response.getheaders()
                if k.lower() not in ("connection", "transfer-encoding", "keep-alive", "server", "date")
            }
            return response.status, headers, data
        finally:
            conn.close()

    @staticmethod
    def _send(sock: socket.socket, status: int, headers: dict[str, str], body: bytes, length: int) -> None:
        reason = http.client.responses.get(status, "Status")
        lines = [f"HTTP/1.1 {status} {reason}"]
        sent_length = False
        for name, value in headers.items():
            if name.lower() == "content-length":
                continue
            lines.append(f"{name}: {value}")
        lines.append(f"Content-Length: {length}")
        sent_length = True
        assert sent_length
        lines.append("Connection: keep-alive")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        sock.sendall(head + body)
