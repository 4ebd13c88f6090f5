"""A round-robin HTTP/1.1 proxy: each request (not each connection) goes to the next
backend in turn, as a load balancer without sticky sessions does, so even a client that
keeps its connection alive has consecutive requests answered by different instances.

No health checks and no retries of its own: a backend that is down, or dies while it
holds a request, costs the client one 502 (which clients retry), as with nginx's
``proxy_next_upstream off``. Requests and replies need a Content-Length (as httpx sends
and uvicorn answers JSON); a reply without one is read until the backend closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections import Counter

_BAD_GATEWAY = (
    b"HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: 26\r\n\r\n"
    b'{"error": "bad gateway"}\r\n'
)


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return None


def _without_connection_headers(head: bytes, add: bytes) -> bytes:
    lines = [
        line
        for line in head.rstrip(b"\r\n").split(b"\r\n")
        if line.partition(b":")[0].strip().lower() not in (b"connection", b"keep-alive")
    ]
    return b"\r\n".join([*lines, add]) + b"\r\n\r\n"


class RoundRobinProxy:
    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.port = 0
        self.requests: Counter[int] = Counter()  # answered by each backend
        self.refused: Counter[int] = Counter()  # 502s: backend down or died mid-request
        self._turn = itertools.cycle(range(len(backends)))
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> RoundRobinProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._handle, "127.0.0.1", 0, limit=4 * 1024 * 1024)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _forward(self, backend: int, request: bytes) -> bytes | None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", backend, limit=4 * 1024 * 1024)
        except OSError:
            return None
        try:
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = _content_length(head)
            body = await (reader.readexactly(length) if length is not None else reader.read())
            return _without_connection_headers(head, b"connection: keep-alive") + body
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return None
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                body = await reader.readexactly(_content_length(head) or 0)
                backend = self.backends[next(self._turn)]
                reply = await self._forward(
                    backend, _without_connection_headers(head, b"connection: close") + body
                )
                if reply is None:
                    self.refused[backend] += 1
                    reply = _BAD_GATEWAY
                else:
                    self.requests[backend] += 1
                writer.write(reply)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()
