"""A shared token bucket for the bandwidth limit, and an adaptive concurrency gate."""

from __future__ import annotations

import threading
import time


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


class AdaptiveGate:
    """Limits parts in flight; halves on SlowDown/429, grows back by one on success streaks.

    The pool has ``maximum`` worker threads; this gate lets fewer of them send at once
    when the server asks us to slow down (additive increase, multiplicative decrease).
    """

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self.limit = maximum
        self._active = 0
        self._streak = 0
        self._cond = threading.Condition()

    def acquire(self, should_stop: object = None) -> None:
        with self._cond:
            while self._active >= self.limit:
                self._cond.wait(0.2)
            self._active += 1

    def release(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify()

    def resize(self, maximum: int) -> None:
        """A new concurrency setting, applied to the parts that start from now on.

        Parts already sending finish; lowering the maximum just holds back new ones.
        Raising it keeps a limit that SlowDown lowered the same distance below the
        maximum (the server still wants fewer parts), lowering it caps the limit.
        """
        with self._cond:
            self.limit = min(maximum, self.limit + max(0, maximum - self.maximum))
            self.maximum = maximum
            self._cond.notify_all()

    def slow_down(self) -> None:
        with self._cond:
            self.limit = max(1, self.limit // 2)
            self._streak = 0

    def success(self) -> None:
        with self._cond:
            if self.limit >= self.maximum:
                return
            self._streak += 1
            if self._streak >= self.limit:
                self.limit += 1
                self._streak = 0
                self._cond.notify()
