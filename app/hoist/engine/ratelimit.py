"""A shared token bucket for the bandwidth limit, and an adaptive concurrency gate."""

from __future__ import annotations

import threading
import time
from collections import deque


class TokenBucket:
    """Bytes per second across all workers. ``rate`` 0 = unlimited; changeable live."""

    def __init__(self, rate: int = 0, clock: object = time.monotonic) -> None:
        self._rate = rate
        self._tokens = 0.0
        self._last = time.monotonic()
        self._lock = threading.Lock()

    @property
    def rate(self) -> int:
        return self._rate

    def set_rate(self, rate: int) -> None:
        with self._lock:
            self._rate = max(0, rate)
            self._tokens = 0.0

    def take(self, amount: int) -> None:
        while True:
            with self._lock:
                if self._rate <= 0:
                    return
                now = time.monotonic()
                burst = max(self._rate, amount)  # at most one second (or one block) of burst
                self._tokens = min(burst, self._tokens + (now - self._last) * self._rate)
                self._last = now
                if self._tokens >= amount:
                    self._tokens -= amount
                    return
                wait = (amount - self._tokens) / self._rate
            time.sleep(min(wait, 0.25))


# A part of a multipart upload takes a whole slot of the concurrency setting, and so does
# a single PUT of FULL_WEIGHT_BYTES or more; a smaller file a share in proportion, down
# to 1/SMALL_SHARE of a slot. On a long link a small file's PUT spends its time waiting
# for the round trip, not sending: eight at a time left a 40 ms link nearly idle (95
# files/s of 256 KiB), while the bytes in flight, what the setting is there to bound,
# stay near what eight large parts would be. Why 4 and not more: with 1,000 x 256 KiB
# over 40 ms on 2 cores, 16 and 64 in flight gave the same files/s (the client's CPU was
# the limit), 64 cost 0.75 ms more CPU and 18 MB more memory per run.
FULL_WEIGHT_BYTES = 8 * 1024 * 1024
SMALL_SHARE = 4


def request_weight(length: int) -> float:
    """The share of one concurrency slot a single PUT of ``length`` bytes takes."""
    return min(1.0, max(1.0 / SMALL_SHARE, length / FULL_WEIGHT_BYTES))


def workers_for(concurrency: int) -> int:
    """Worker threads enough for every slot to be filled with the smallest requests,
    capped (beyond that, threads cost more in switching than the link gains); never
    fewer than the setting, so that each slot has a thread."""
    return max(concurrency, min(concurrency * SMALL_SHARE, MAX_WORKERS))


# 32: the small files in flight at the old default of 8 parts. With the default raised
# to 12 (settings.DEFAULT_CONCURRENCY, for large files on long links) and 48 threads,
# bench_upload case (b) (10,000 x 16 KiB, 40 ms, 2 runs) fell from 490-502 to 449-463
# files/s and its client CPU rose from 14.4-14.9 to 17.4-17.9 s: the extra threads only
# fought for the interpreter lock.
MAX_WORKERS = 32


class _Waiter:
    def __init__(self, weight: float, lock: threading.Lock) -> None:
        self.weight = weight
        self.admitted = False
        self.turn = threading.Condition(lock)


class AdaptiveGate:
    """Limits requests in flight by weight (see ``request_weight``): ``limit`` slots, of
    which a large part takes one and a small file a share. Halves on SlowDown/429, grows
    back by one on success streaks (additive increase, multiplicative decrease).

    First come, first served: workers pick parts in ascending order, and servers that
    buffer out-of-order parts (rclone serve s3) need them sent in that order, so a
    waiting request is never overtaken by a later one that happens to fit. Each waiter
    is woken only when it is admitted: with up to 8x the setting in worker threads, a
    wake-everyone-on-release gate would have had dozens of threads fighting for the
    interpreter lock on every part (and the window's thread with them).
    """

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.limit = maximum
        self._load = 0.0
        self._streak = 0
        self._lock = threading.Lock()
        self._waiting: deque[_Waiter] = deque()

    @property
    def load(self) -> float:
        """Slots in use now."""
        with self._lock:
            return self._load

    def acquire(self, weight: float = 1.0) -> None:
        with self._lock:
            if not self._waiting and self._fits(weight):
                self._load += weight
                return
            waiter = _Waiter(weight, self._lock)
            self._waiting.append(waiter)
            while not waiter.admitted:
                waiter.turn.wait()

    def release(self, weight: float = 1.0) -> None:
        with self._lock:
            self._load = max(0.0, self._load - weight)
            self._admit()

    def _fits(self, weight: float) -> bool:
        # An empty gate always admits one, whatever its weight, so nothing waits forever.
        return self._load <= 1e-9 or self._load + weight <= self.limit + 1e-9

    def _admit(self) -> None:
        """Let in waiters from the front while they fit (call under the lock)."""
        while self._waiting and self._fits(self._waiting[0].weight):
            waiter = self._waiting.popleft()
            self._load += waiter.weight
            waiter.admitted = True
            waiter.turn.notify()

    def resize(self, maximum: int) -> None:
        """A new concurrency setting, applied to the parts that start from now on.

        Parts already sending finish; lowering the maximum just holds back new ones.
        Raising it keeps a limit that SlowDown lowered the same distance below the
        maximum (the server still wants fewer parts), lowering it caps the limit.
        """
        with self._lock:
            self.limit = min(maximum, self.limit + max(0, maximum - self.maximum))
            self.maximum = maximum
            self._admit()

    def slow_down(self) -> None:
        with self._lock:
            self.limit = max(1, self.limit // 2)
            self._streak = 0

    def success(self) -> None:
        with self._lock:
            if self.limit >= self.maximum:
                return
            self._streak += 1
            if self._streak >= self.limit:
                self.limit += 1
                self._streak = 0
                self._admit()
