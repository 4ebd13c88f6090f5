"""The latency proxy (tests/support/latency_proxy.py) behaves like a long link: each way
RTT/2 late, a new connection one RTT more, a window per connection bounding its rate,
a shared line rate, hundreds of connections at once, and every byte intact."""

from __future__ import annotations

import hashlib
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.latency_proxy import LatencyProxy

KiB, MiB = 1024, 1024 * 1024


class _Echo(socketserver.BaseRequestHandler):
    """Sends back every byte it gets; on EOF, shuts down its side too."""

    def handle(self) -> None:
        sock: socket.socket = self.request
        while data := sock.recv(256 * KiB):
            sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)


class _CountThenAck(socketserver.BaseRequestHandler):
    """Reads an 8-byte length, then that many bytes, then answers one byte: a bulk upload."""

    def handle(self) -> None:
        sock: socket.socket = self.request
        header = _recv_exactly(sock, 8)
        remaining = int.from_bytes(header, "big")
        while remaining:
            chunk = sock.recv(min(remaining, 256 * KiB))
            if not chunk:
                return
            remaining -= len(chunk)
        sock.sendall(b"k")


class _StallThenRead(socketserver.BaseRequestHandler):
    """Reads nothing for STALL seconds (a receiver that does not keep up), then reads an
    8-byte length and that many bytes, and answers their SHA-256."""

    STALL = 2.0

    def handle(self) -> None:
        sock: socket.socket = self.request
        time.sleep(self.STALL)
        remaining = int.from_bytes(_recv_exactly(sock, 8), "big")
        digest = hashlib.sha256()
        while remaining:
            chunk = sock.recv(min(remaining, 256 * KiB))
            if not chunk:
                return
            digest.update(chunk)
            remaining -= len(chunk)
        sock.sendall(digest.hexdigest().encode())


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError(f"closed after {len(data)} of {size} bytes")
        data += chunk
    return bytes(data)


@pytest.fixture(scope="module")
def echo() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def bulk_sink() -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), _CountThenAck)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _round_trip(sock: socket.socket, payload: bytes) -> float:
    started = time.perf_counter()
    sock.sendall(payload)
    assert _recv_exactly(sock, len(payload)) == payload
    return time.perf_counter() - started


def test_a_reply_takes_one_round_trip_and_a_new_connection_one_more(echo: str) -> None:
    """Every reply takes at least its round trips; the quickest of a few takes not much
    more (one slow one is the loaded machine's scheduling, not the link)."""
    rtt = 0.1
    firsts, agains = [], []
    with LatencyProxy(echo, rtt=rtt) as proxy:
        for _ in range(3):
            started = time.perf_counter()
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                firsts.append(time.perf_counter() - started + _round_trip(sock, b"ping"))
                agains += [_round_trip(sock, b"ping %d" % i) for i in range(3)]
        assert proxy.stats.connections == 3
    # A request on a new connection: the handshake's round trip, then its own.
    assert min(firsts) >= 2 * rtt and min(firsts) < 2 * rtt + 0.03, firsts
    # On a kept-alive connection: one round trip, not much more.
    assert min(agains) >= rtt and min(agains) < rtt + 0.015, agains


def test_a_bulk_transfer_runs_at_window_over_rtt(bulk_sink: str) -> None:
    """8 windows of 256 KiB at 100 ms: 8 round trips of sending, so ~0.9 s with set-up. A
    sleep per read or a window held for less than a round trip would miss the bounds (a
    round trip long against the scheduling slips of a loaded machine: 2 cores shared)."""
    rtt, window, size = 0.1, 256 * KiB, 2 * MiB - 8  # with its 8-byte header: 8 windows exactly
    times = []
    with LatencyProxy(bulk_sink, rtt=rtt, window=window) as proxy:
        for _ in range(2):  # the quicker of two: a loaded machine can slow one down
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                started = time.perf_counter()
                sock.sendall(size.to_bytes(8, "big"))
                sock.sendall(os.urandom(size))
                assert _recv_exactly(sock, 1) == b"k"
                times.append(time.perf_counter() - started)
        assert proxy.stats.bytes_up == 2 * (size + 8)
    # Set-up (1 RTT), then a window per round trip; the last window's delivery plus the
    # answer's way back make the last round trip.
    windows = (size + 8 + window - 1) // window
    expected = rtt * (1 + windows)
    assert min(times) >= expected, times  # the window bounds it (no run was quicker) ...
    rate = size / (min(times) - rtt)
    assert rate > window / rtt * 0.85, rate  # ... and is what it runs at


def test_the_window_is_per_connection_so_connections_add_up(bulk_sink: str) -> None:
    rtt, window, size, count = 0.05, 128 * KiB, 2 * MiB, 8
    with LatencyProxy(bulk_sink, rtt=rtt, window=window) as proxy:

        def send() -> float:
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                started = time.perf_counter()
                sock.sendall(size.to_bytes(8, "big") + os.urandom(size))
                assert _recv_exactly(sock, 1) == b"k"
                return time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(count) as pool:
            each = list(pool.map(lambda _: send(), range(count)))
        took = time.perf_counter() - started
    one = rtt * (1 + (size + 8 + window - 1) // window)  # 17 windows + set-up: 0.9 s
    assert min(each) >= one, each
    assert took < 2 * one, (took, one)  # together, not one after another (7.2 s)


def test_a_line_rate_is_shared_by_every_connection(bulk_sink: str) -> None:
    rtt, bandwidth, size = 0.02, 8 * MiB, 2 * MiB
    with LatencyProxy(bulk_sink, rtt=rtt, window=64 * MiB, bandwidth=bandwidth) as proxy:

        def send() -> None:
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                sock.sendall(size.to_bytes(8, "big") + os.urandom(size))
                assert _recv_exactly(sock, 1) == b"k"

        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: send(), range(4)))
        took = time.perf_counter() - started
    line_time = 4 * size / bandwidth  # 1 s for 8 MiB through an 8 MiB/s line
    # Shared, not per connection (which would take a quarter of it), and near its rate.
    assert line_time + rtt <= took < line_time * 1.5, took


def test_a_receiver_that_does_not_keep_up_closes_the_window() -> None:
    """The server stops reading: once the kernel's buffers are full the proxy stops
    acknowledging, so the client's window stays full and the proxy holds at most about a
    window, not everything the client had to send (a real TCP receiver's window closes)."""

    class SmallBuffers(_Server):
        def server_bind(self) -> None:  # a small receive buffer: the kernel absorbs little
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 32 * KiB)
            super().server_bind()

    server = SmallBuffers(("127.0.0.1", 0), _StallThenRead)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    window, size = 1 * MiB, 24 * MiB
    payload = os.urandom(size)
    try:
        with LatencyProxy(f"127.0.0.1:{server.server_address[1]}", rtt=0.01, window=window) as proxy:
            held: list[int] = []
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                sender = threading.Thread(
                    target=lambda: sock.sendall(size.to_bytes(8, "big") + payload), daemon=True
                )
                sender.start()
                # Watched well inside the stall (it began when the proxy connected upstream).
                deadline = time.monotonic() + _StallThenRead.STALL - 0.8
                while time.monotonic() < deadline:
                    held.append(proxy.held_bytes())
                    time.sleep(0.05)
                taken_while_stalled = proxy.stats.bytes_up
                answer = _recv_exactly(sock, 64).decode()
                sender.join(10)
    finally:
        server.shutdown()
        server.server_close()
    assert answer == hashlib.sha256(payload).hexdigest()
    # A window plus a read and asyncio's write buffer; without flow control it was the
    # whole payload less what the kernel's buffers took (over 15 MiB).
    assert max(held) <= window + 2 * 256 * KiB + 64 * KiB, max(held)
    # The client was held back while nobody read: it could not hand the proxy everything.
    assert taken_while_stalled < size // 2, taken_while_stalled


def test_hundreds_of_connections_at_once(echo: str) -> None:
    rtt, count = 0.2, 300
    with LatencyProxy(echo, rtt=rtt) as proxy:
        barrier = threading.Barrier(count)

        def one(index: int) -> float:
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                barrier.wait()
                payload = b"%d" % index * 100
                return _round_trip(sock, payload)

        with ThreadPoolExecutor(count) as pool:
            took = list(pool.map(one, range(count)))
        assert proxy.stats.connections == count
        deadline = time.monotonic() + 5
        while proxy.stats.open_connections and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.stats.open_connections == 0  # every pair closed once both ends did
    # Each waited its own round trip (the connection was open well before the barrier
    # for most, so at least 1 RTT), none waited for the others' (300 x 0.2 s).
    assert min(took) >= rtt, min(took)
    assert max(took) < 3 * rtt + 1.0, max(took)


def test_bytes_arrive_intact_both_ways_with_half_close(echo: str) -> None:
    """8 MiB each way through a small window and a line rate, on 4 connections at once;
    the client shuts down its side and reads the echo to EOF (half-close is relayed)."""
    with LatencyProxy(echo, rtt=0.01, window=512 * KiB, bandwidth=200 * MiB) as proxy:

        def one(_: int) -> tuple[str, str]:
            payload = os.urandom(8 * MiB)
            received = hashlib.sha256()
            with socket.create_connection(("127.0.0.1", proxy.port)) as sock:
                sender = threading.Thread(
                    target=lambda: (sock.sendall(payload), sock.shutdown(socket.SHUT_WR)), daemon=True
                )
                sender.start()
                while data := sock.recv(256 * KiB):
                    received.update(data)
                sender.join(10)
            return hashlib.sha256(payload).hexdigest(), received.hexdigest()

        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(one, range(4)))
        assert proxy.stats.bytes_up == proxy.stats.bytes_down == 4 * 8 * MiB
    for sent, got in results:
        assert got == sent


def test_a_refused_upstream_resets_the_client_after_a_round_trip() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"127.0.0.1:{probe.getsockname()[1]}"
    rtt = 0.1
    with LatencyProxy(dead, rtt=rtt) as proxy, socket.create_connection(("127.0.0.1", proxy.port)) as sock:
        started = time.perf_counter()
        sock.sendall(b"hello")
        with pytest.raises(ConnectionResetError):
            while sock.recv(10):
                pass
        took = time.perf_counter() - started
    assert rtt <= took < rtt + 0.1, took


def test_only_this_machine() -> None:
    with pytest.raises(ValueError, match="only relays to this machine"):
        LatencyProxy("192.0.2.10:80", rtt=0.01)


def test_as_a_process_it_reports_its_port_and_its_connections_on_sigterm(echo: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.latency_proxy", "--upstream", echo, "--rtt", "20ms",
         "--window", "1MiB"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("listening on 127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        for _ in range(2):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                took = _round_trip(sock, b"x" * 1000)
                assert took >= 0.02
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert out.strip() == "connections 2 up 2000 down 2000"
