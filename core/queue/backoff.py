"""When a job whose attempt failed runs again: exponential backoff with jitter (base 2 s, cap 120 s)."""

from __future__ import annotations

import random

BASE_BACKOFF_S = 2.0
MAX_BACKOFF_S = 120.0


def retry_delay(attempt: int, rng: random.Random, *, base: float = BASE_BACKOFF_S, cap: float = MAX_BACKOFF_S) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based).

    The central API waits `min(cap, base * 2**(attempt-1))`; ScanDesk draws uniformly from the upper half
    of that window, so jobs that failed together (a backend outage) do not all come back in the same
    second, while the wait still grows with every attempt and never exceeds the cap.
    """
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    return float(ceiling * (0.5 + 0.5 * rng.random()))
