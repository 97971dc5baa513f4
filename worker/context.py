"""What a handler gets besides its payload: where to write, settings, progress and cancellation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def _no_progress(fraction: float, message: str) -> None:
    return None


def _never_cancelled() -> bool:
    return False


@dataclass(frozen=True)
class JobContext:
    """Passed to every handler as `ctx`. Handlers never touch the database or Qt.

    `progress(fraction, message)` and `cancelled()` may be called from the handler's own thread or
    process; both are cheap and safe to call often.
    """

    job_id: str
    job_type: str
    data_dir: Path
    settings: Mapping[str, Any] = field(default_factory=dict)
    allowed_dirs: tuple[Path, ...] = ()
    report_progress: Callable[[float, str], None] = _no_progress
    is_cancelled: Callable[[], bool] = _never_cancelled

    def progress(self, fraction: float, message: str = "") -> None:
        self.report_progress(max(0.0, min(1.0, float(fraction))), message)

    def cancelled(self) -> bool:
        return self.is_cancelled()

    def output_dir(self, kind: str) -> Path:
        """A folder under the data dir for this job's files (crops, annotated images, key frames)."""
        path = self.data_dir / kind / self.job_id
        path.mkdir(parents=True, exist_ok=True)
        return path


Handler = Callable[[dict[str, Any], JobContext], dict[str, Any]]
