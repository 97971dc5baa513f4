"""Overall progress of the work in the queue and an estimate of the time left. Plain Python, no Qt.

The rate is measured from the jobs that ended in the last `window` seconds (at least a few of them),
so the estimate follows the machine's real speed, including a concurrency change, without jumping on
every single job.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProgressSnapshot:
    finished: int  # jobs that ended since the batch began
    remaining: int  # jobs still to run here (pending or running)
    fraction: float  # 0..1
    seconds_left: float | None  # None until the rate is known
    per_minute: float


class BatchProgress:
    def __init__(self, *, window: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._window = window
        self._clock = clock
        self._ends: deque[float] = deque()
        self._finished = 0
        self._remaining = 0

    def reset(self) -> None:
        self._ends.clear()
        self._finished = 0

    def job_finished(self) -> None:
        self._finished += 1
        self._ends.append(self._clock())

    def set_remaining(self, remaining: int) -> None:
        """The queue's count of jobs still to run; a new batch starts when the queue was empty.

        The last job's "finished" event may arrive after the count that saw the queue empty, so the
        start of a batch is decided by the count alone, never by whether events are still recorded."""
        if self._remaining == 0 and remaining > 0:
            self.reset()
        self._remaining = max(0, remaining)
        if self._remaining == 0:
            self._ends.clear()

    def snapshot(self) -> ProgressSnapshot:
        now = self._clock()
        while self._ends and now - self._ends[0] > self._window and len(self._ends) > 5:
            self._ends.popleft()
        total = self._finished + self._remaining
        fraction = 0.0 if total == 0 else self._finished / total  # "0 of 0" is an empty bar
        rate = 0.0
        if len(self._ends) >= 2:
            span = max(now - self._ends[0], 1e-6)
            rate = (len(self._ends) - 1) / span if now - self._ends[-1] < span else len(self._ends) / span
        left = None
        if self._remaining == 0:
            left = 0.0
        elif rate > 0:
            left = self._remaining / rate
        return ProgressSnapshot(self._finished, self._remaining, fraction, left, rate * 60.0)


def format_duration(seconds: float | None) -> str:
    """'1:05:03', '4:07', or '-' when unknown."""
    if seconds is None:
        return "-"
    s = round(seconds)
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
