"""Retry timing for sync: capped exponential backoff with full jitter.

Full jitter (the delay is drawn uniformly from [0, min(cap, base * 2**(n-1))]) spreads the retries of many
desks that all lost the network at the same moment, so they do not come back in lock-step. A server's
`Retry-After` is a floor: we never retry sooner than it asked.

Pure: the random source is injected, and nothing here sleeps or reads the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

# 2**62 seconds is far past any cap; stops the exponent from building a huge integer for big attempts.
_MAX_EXPONENT = 62


@dataclass(frozen=True)
class Backoff:
    base_s: float = 1.0
    cap_s: float = 300.0

    def __post_init__(self) -> None:
        if self.base_s <= 0 or self.cap_s <= 0:
            raise ValueError("base_s and cap_s must be positive")
        if self.base_s > self.cap_s:
            raise ValueError("base_s must not exceed cap_s")

    def ceiling(self, failures: int) -> float:
        """Largest delay after `failures` consecutive failures (1 = the first retry)."""
        if failures < 1:
            return 0.0
        exponent = min(failures - 1, _MAX_EXPONENT)
        return float(min(self.cap_s, self.base_s * (2**exponent)))

    def delay(
        self,
        failures: int,
        *,
        rand: Callable[[], float] = random.random,
        retry_after_s: float | None = None,
    ) -> float:
        """Seconds to wait before the next try; `rand()` returns a float in [0, 1)."""
        jittered = self.ceiling(failures) * rand()
        if retry_after_s is not None and retry_after_s > jittered:
            # Honour the server, but not beyond our own cap: a bogus Retry-After must not park a row for days.
            return min(retry_after_s, self.cap_s)
        return jittered
