"""Exponential backoff with full jitter, honouring Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8  # attempts per part, the first included
    base_delay: float = 0.5
    max_delay: float = 20.0
    max_resigns: int = 5  # re-signs after an expired URL, not counted as failures

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        jittered = (rng or random).uniform(0, ceiling)  # "full jitter" (AWS architecture blog)
        if retry_after is not None:
            # The server said when; never sooner, and never absurdly long.
            return min(max(jittered, retry_after), max(self.max_delay, 60.0))
        return jittered
