"""A long link on 127.0.0.1: a TCP proxy that delays, windows and (optionally) rate-limits.

It relays bytes unchanged (TLS too) and models the link, not a protocol:

- every byte is delivered RTT/2 after it arrived, in each direction. A delay line, not a
  sleep per read: a connection with bytes to send keeps the line full, so a bulk transfer
  is limited by its window, not by one read per round trip;
- a new connection's first byte enters the line one RTT after the connection was accepted
  (TCP's handshake), so a request on a new connection costs 2 RTT where a kept-alive one
  costs 1;
- at most ``window`` bytes per connection and direction are in flight: read from the
  sender and not yet acknowledged, where a byte counts as acknowledged RTT/2 after its
  delivery (the ACK travels back). So one connection moves at most window/RTT bytes per
  second, like TCP with that window;
- optionally a line rate per direction, shared by every connection: bytes leave the line
  one after another at ``bandwidth`` bytes per second, then take their RTT/2.

asyncio on one thread: hundreds of connections cost no thread each. In a test:

    with LatencyProxy("127.0.0.1:9000", rtt=0.04, window=1 << 20) as proxy:
        ... connect to proxy.port (proxy.url is http://127.0.0.1:PORT) ...

As a process of its own (the benchmark: its CPU is then not the client's, and is measured):

    python -m tests.support.latency_proxy --upstream 127.0.0.1:9000 --rtt 40ms --window 1MiB

prints ``listening on 127.0.0.1:PORT`` and runs until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import signal
import socket
import struct
import sys
import threading
from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

MiB = 1024 * 1024
READ_CHUNK = 256 * 1024  # the most one read takes from a sender (asyncio's own default)
EOF, RESET = b"", None  # markers in a delay line: the sender shut down / went away


@dataclass
class LinkStats:
    """What went through, for tests and the benchmark's notes."""

    connections: int = 0
    open_connections: int = 0
    bytes_up: int = 0  # client -> server
    bytes_down: int = 0  # server -> client


def _reset(transport: asyncio.Transport) -> None:
    """Close with a TCP reset (RST), as a peer that went away does, not a FIN."""
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


class _Line:
    """The shared line of one direction: with a bandwidth, bytes leave it one after another."""

    def __init__(self, bandwidth: float | None) -> None:
        self.bandwidth = bandwidth
        self.free_at = 0.0

    def leave_at(self, now: float, size: int) -> float:
        if not self.bandwidth:
            return now
        start = max(now, self.free_at)
        self.free_at = start + size / self.bandwidth
        return self.free_at


class _Direction:
    """One direction of one connection: the delay line from a source transport to a sink."""

    def __init__(self, proxy: LatencyProxy, conn: _Connection, line: _Line, upward: bool) -> None:
        self.proxy, self.conn, self.line, self.upward = proxy, conn, line, upward
        self.buffer = bytearray(READ_CHUNK)
        self.queue: deque[tuple[float, bytes | None]] = deque()  # (deliver at, bytes or marker)
        self.in_flight = 0  # read from the source and not yet acknowledged
        self.source: asyncio.Transport | None = None
        self.sink: asyncio.Transport | None = None
        self.reading_paused = False
        # The receiver is not keeping up (the sink's buffer is over asyncio's high-water
        # mark): nothing more is delivered, and bytes delivered are not acknowledged, until
        # it drains. Like a TCP receive window closing: the sender's window stays full,
        # so the proxy never holds more than the window (and one buffer) per direction.
        self.sink_paused = False
        self.unacknowledged = 0  # delivered bytes whose ACK waits for the sink to drain
        self.timer: asyncio.TimerHandle | None = None
        self.end_queued = False  # the source's end (EOF or reset) is on the line
        self.ended = False  # ... and was delivered (or the sink is gone)

    # -- from the source ---------------------------------------------------------------

    def credit(self) -> int:
        return self.proxy.window - self.in_flight

    def get_buffer(self) -> memoryview:
        # Never more than the window allows: the transport reads at most this much.
        return memoryview(self.buffer)[: max(1, min(READ_CHUNK, self.credit()))]

    def received(self, size: int) -> None:
        loop = self.proxy.loop
        data = bytes(self.buffer[:size])
        # A connection's bytes enter the line only once its handshake would be over.
        now = max(loop.time(), self.conn.open_at)
        self.queue.append((self.line.leave_at(now, size) + self.proxy.rtt / 2, data))
        self.in_flight += size
        if self.upward:
            self.proxy.stats.bytes_up += size
        else:
            self.proxy.stats.bytes_down += size
        if self.credit() <= 0 and self.source is not None and not self.reading_paused:
            self.reading_paused = True
            self.source.pause_reading()
        self._schedule()

    def source_ended(self, marker: bytes | None) -> None:
        """EOF (b"") or a reset (None) from the source: delivered after the bytes before it."""
        if self.end_queued:
            return
        self.end_queued = True
        now = max(self.proxy.loop.time(), self.conn.open_at)
        self.queue.append((self.line.leave_at(now, 0) + self.proxy.rtt / 2, marker))
        self._schedule()

    # -- to the sink -----------------------------------------------------------------

    def _schedule(self) -> None:
        if self.timer is None and self.queue and self.sink is not None and not self.sink_paused:
            self.timer = self.proxy.loop.call_at(self.queue[0][0], self._deliver)

    def _deliver(self) -> None:
        self.timer = None
        loop = self.proxy.loop
        now = loop.time()
        sink = self.sink
        assert sink is not None
        while self.queue and self.queue[0][0] <= now + 1e-6 and not self.sink_paused:
            _, data = self.queue.popleft()
            if data is RESET or data == EOF:
                self.ended = True
                if data is RESET:
                    _reset(sink)
                elif sink.can_write_eof() and not sink.is_closing():
                    sink.write_eof()
                else:
                    sink.close()
                self.conn.direction_ended()
                continue
            assert data is not None
            if not sink.is_closing():
                sink.write(data)
            # The ACK for these bytes comes back half a round trip after their delivery.
            loop.call_at(now + self.proxy.rtt / 2, self._acknowledge, len(data))
        self._schedule()

    def drop(self) -> None:
        """The sink went away: nothing more can be delivered."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.queue.clear()
        self.ended = True

    def sink_pause(self) -> None:
        self.sink_paused = True

    def sink_resume(self) -> None:
        self.sink_paused = False
        held, self.unacknowledged = self.unacknowledged, 0
        if held:
            self._acknowledge(held)
        self._schedule()

    def held(self) -> int:
        """Bytes this direction holds: on the line, or written and not yet sent on."""
        queued = sum(len(data) for _, data in self.queue if data)
        return queued + (self.sink.get_write_buffer_size() if self.sink is not None else 0)

    def _acknowledge(self, size: int) -> None:
        if self.sink_paused:
            self.unacknowledged += size
            return
        self.in_flight -= size
        if self.reading_paused and self.credit() > 0 and self.source is not None:
            self.reading_paused = False
            if not self.source.is_closing():
                self.source.resume_reading()


class _Connection:
    """A client connection and its upstream connection, joined by two delay lines."""

    def __init__(self, proxy: LatencyProxy) -> None:
        self.proxy = proxy
        self.open_at = proxy.loop.time() + proxy.rtt
        self.up = _Direction(proxy, self, proxy._line_up, upward=True)
        self.down = _Direction(proxy, self, proxy._line_down, upward=False)
        self.client: asyncio.Transport | None = None
        self.server: asyncio.Transport | None = None
        self.closed = False
        self.connecting: asyncio.Task[None] | None = None  # held: the loop keeps only a weak one

    def attach_client(self, transport: asyncio.Transport) -> None:
        self.client = self.up.source = self.down.sink = transport
        self.proxy._connections.add(self)
        self.proxy.stats.connections += 1
        self.proxy.stats.open_connections += 1
        self.connecting = self.proxy.loop.create_task(self._connect_upstream())

    async def _connect_upstream(self) -> None:
        proxy = self.proxy
        try:
            transport, _ = await proxy.loop.create_connection(
                lambda: _Side(self, upward=False), proxy.upstream_host, proxy.upstream_port
            )
        except OSError:
            # Refused upstream: the client, whose connect the kernel took at once, is reset a
            # round trip after it connected (when a refused SYN would have been answered).
            self.up.drop()
            self.down.end_queued = True
            self.down.queue.append((self.open_at, RESET))
            self.down._schedule()
            return
        if self.closed:
            transport.abort()
            return
        self.up._schedule()

    def attach_server(self, transport: asyncio.Transport) -> None:
        self.server = self.up.sink = self.down.source = transport

    def direction_ended(self) -> None:
        if self.up.ended and self.down.ended:
            self.close()

    def lost(self, upward: bool, error: Exception | None) -> None:
        """A transport went away by itself (a reset, a failed write): the bytes it sent
        still travel, then its end; nothing more can reach it."""
        (self.up if upward else self.down).source_ended(RESET if error is not None else EOF)
        (self.down if upward else self.up).drop()
        self.direction_ended()

    def close(self, abort: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        self.proxy._connections.discard(self)
        self.proxy.stats.open_connections -= 1
        for direction in (self.up, self.down):
            if direction.timer is not None:
                direction.timer.cancel()
                direction.timer = None
        for transport in (self.client, self.server):
            if transport is not None:
                transport.abort() if abort else transport.close()


class _Side(asyncio.BufferedProtocol):
    """The protocol of one end (client-facing or upstream): it feeds one direction."""

    def __init__(self, conn: _Connection | None, upward: bool, proxy: LatencyProxy | None = None) -> None:
        self.conn, self.upward, self.proxy = conn, upward, proxy

    @property
    def feeds(self) -> _Direction:
        assert self.conn is not None
        return self.conn.up if self.upward else self.conn.down

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        if self.conn is None:  # an accepted client
            assert self.proxy is not None
            self.conn = _Connection(self.proxy)
            self.conn.attach_client(transport)
        else:
            self.conn.attach_server(transport)

    @property
    def drains(self) -> _Direction:
        """The direction whose sink is this end's transport."""
        assert self.conn is not None
        return self.conn.down if self.upward else self.conn.up

    def pause_writing(self) -> None:
        self.drains.sink_pause()

    def resume_writing(self) -> None:
        self.drains.sink_resume()

    def get_buffer(self, sizehint: int) -> memoryview:
        return self.feeds.get_buffer()

    def buffer_updated(self, nbytes: int) -> None:
        self.feeds.received(nbytes)

    def eof_received(self) -> bool:
        self.feeds.source_ended(EOF)
        return True  # half-close: the other direction still delivers to this end

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None and not self.conn.closed:
            self.conn.lost(self.upward, exc)


class LatencyProxy:
    """See the module's docstring. ``upstream``: "HOST:PORT" or a URL, on this machine."""

    def __init__(
        self,
        upstream: str,
        *,
        rtt: float,
        window: int = 4 * MiB,
        bandwidth: float | None = None,
        port: int = 0,
    ) -> None:
        parsed = urlsplit(upstream if "//" in upstream else f"//{upstream}")
        host = parsed.hostname or "127.0.0.1"
        if not ipaddress.ip_address(socket.gethostbyname(host)).is_loopback:
            raise ValueError(f"the latency proxy only relays to this machine, not {host}")
        if rtt < 0 or window <= 0 or (bandwidth is not None and bandwidth <= 0):
            raise ValueError("rtt >= 0, window > 0 and bandwidth > 0 (or None)")
        self.upstream_host = host
        self.upstream_port = parsed.port or 80
        self.rtt, self.window, self.bandwidth = rtt, window, bandwidth
        self.stats = LinkStats()
        self._line_up, self._line_down = _Line(bandwidth), _Line(bandwidth)
        self._connections: set[_Connection] = set()
        self._requested_port = port
        self.loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _listen(self) -> None:
        self._server = await self.loop.create_server(
            lambda: _Side(None, upward=True, proxy=self),
            "127.0.0.1",
            self._requested_port,
            backlog=1024,
            reuse_address=True,
        )
        self.port = int(self._server.sockets[0].getsockname()[1])

    def held_bytes(self) -> int:
        """Bytes the proxy holds right now, over every connection and direction (from any
        thread): bounded by the window per connection and direction, plus a buffer each."""
        if self._thread is None:
            return sum(d.held() for c in self._connections for d in (c.up, c.down))
        future = asyncio.run_coroutine_threadsafe(self._held(), self.loop)
        return future.result(5)

    async def _held(self) -> int:
        return sum(d.held() for c in self._connections for d in (c.up, c.down))

    def _close_all(self) -> None:
        if self._server is not None:
            self._server.close()
        for conn in list(self._connections):
            conn.close(abort=True)

    # -- in a thread of this process --------------------------------------------------

    def start(self) -> LatencyProxy:
        self.loop.run_until_complete(self._listen())
        self._thread = threading.Thread(target=self._run, name="latency-proxy", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        pending = asyncio.all_tasks(self.loop)  # upstream connects still under way
        for task in pending:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.close()

    def stop(self) -> None:
        if self._thread is None:
            return

        def finish() -> None:
            self._close_all()
            self.loop.call_later(0.05, self.loop.stop)  # let the aborts reach their sockets

        self.loop.call_soon_threadsafe(finish)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> LatencyProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- as the main loop of a process ------------------------------------------------

    def serve_until_signalled(self) -> None:
        stop = asyncio.Event()

        async def main() -> None:
            await self._listen()
            for signum in (signal.SIGTERM, signal.SIGINT):
                self.loop.add_signal_handler(signum, stop.set)
            print(f"listening on 127.0.0.1:{self.port}", flush=True)
            await stop.wait()
            self._close_all()
            await asyncio.sleep(0.05)
            stats = self.stats
            # The benchmark reads this line: how many connections the client opened.
            print(f"connections {stats.connections} up {stats.bytes_up} down {stats.bytes_down}", flush=True)

        try:
            self.loop.run_until_complete(main())
        finally:
            self.loop.close()


def parse_quantity(text: str, units: dict[str, float]) -> float:
    text = text.strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz/")
    suffix = text[len(number) :].strip()
    if suffix not in units:
        raise argparse.ArgumentTypeError(f"{text!r}: use one of {', '.join(u for u in units if u)}")
    return float(number) * units[suffix]


def parse_duration(text: str) -> float:
    return parse_quantity(text, {"": 1.0, "s": 1.0, "ms": 1e-3})


def parse_bytes(text: str) -> float:
    return parse_quantity(
        text, {"": 1, "b": 1, "kib": 1024, "mib": MiB, "gib": 1024 * MiB, "kb": 1e3, "mb": 1e6}
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="A long link to a server on this machine (see the module doc).")
    ap.add_argument("--upstream", required=True, help="HOST:PORT of the server (on this machine)")
    ap.add_argument("--rtt", type=parse_duration, required=True, help="round trip, e.g. 40ms")
    ap.add_argument("--window", type=parse_bytes, default=4 * MiB, help="in flight per connection and way")
    ap.add_argument(
        "--bandwidth", type=parse_bytes, default=None, help="line rate per way, bytes/s, e.g. 100MB"
    )
    ap.add_argument("--port", type=int, default=0, help="port to listen on (default: any free one)")
    args = ap.parse_args(argv)
    proxy = LatencyProxy(args.upstream, rtt=args.rtt, window=int(args.window), bandwidth=args.bandwidth,
                         port=args.port)  # fmt: skip
    with contextlib.suppress(KeyboardInterrupt):
        proxy.serve_until_signalled()
    return 0


if __name__ == "__main__":
    sys.exit(main())
