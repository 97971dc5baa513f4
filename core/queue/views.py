"""Plain, frozen values the queue hands out: safe to pass between threads and into Qt signals."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from core.contracts import JobStatus, Origin, Placement


class Outcome(StrEnum):
    """What a `complete`, `fail` or `send_to_cloud` call did."""

    DONE = "done"
    RETRY_SCHEDULED = "retry_scheduled"
    FAILED = "failed"
    CLOUD = "cloud"
    LEASE_LOST = "lease_lost"  # the caller no longer holds the job: nothing was changed


# Not a contract status: the name lists and counts use for PENDING jobs placed on the cloud worker.
WAITING_FOR_CLOUD: Final = "CLOUD"


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    job_id: str
    job_type: str
    payload: dict[str, Any]
    lease_token: str
    attempt: int
    max_attempts: int
    lease_expires_at: float
    tenant_id: str | None = None
    source_domain: str | None = None
    source_id: str | None = None
    origin: Origin = Origin.DESK


@dataclass(frozen=True, slots=True)
class JobView:
    job_id: str
    job_type: str
    status: str
    payload: dict[str, Any]
    origin: str
    placement: str
    attempt_count: int
    max_attempts: int
    locked_by: str | None
    lease_expires_at: float | None
    next_run_at: float
    last_error: str
    progress: float
    progress_message: str
    discarded: bool
    created_at: float
    updated_at: float
    tenant_id: str | None
    source_domain: str | None
    source_id: str | None
    result: dict[str, Any] | None = None
    error: str = ""

    @property
    def waiting_for_cloud(self) -> bool:
        return self.placement == Placement.CLOUD and self.status == JobStatus.PENDING


@dataclass(frozen=True, slots=True)
class JobEvent:
    job_id: str
    kind: str
    worker_id: str | None
    message: str
    at: float
