"""The central API's job contract: AIJob, AIResult and the job statuses.

`AIJob.to_dict()` is exactly the `job` object that the central API returns from
`GET /api/v1/internal/ai/job/next/`; `from_dict`/`from_json` accept that object back.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from core.job_types import PayloadError, validate_job_type, validate_payload
from core.text import check_text, safe_text, text_problem


class JobStatus(StrEnum):
    """A job's status, spelled exactly as the central API spells it (the values go on the wire)."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


class Placement(StrEnum):
    """Where a job runs: on this desk, or on the academy's cloud worker through the central queue."""

    DESK = "desk"
    CLOUD = "cloud"


class Origin(StrEnum):
    """Who made a job: this desk (registered centrally before its result), or the central queue."""

    DESK = "desk"
    CENTRAL = "central"


PENDING: Final = JobStatus.PENDING
RUNNING: Final = JobStatus.RUNNING
DONE: Final = JobStatus.DONE
FAILED: Final = JobStatus.FAILED
STATUSES: Final[tuple[JobStatus, ...]] = tuple(JobStatus)
FINAL_STATUSES: Final[tuple[JobStatus, ...]] = (DONE, FAILED)

_JOB_KEYS: Final = ("id", "type", "payload", "tenant_id", "source_domain", "source_id")
_ROUTING_KEYS: Final = ("tenant_id", "source_domain", "source_id")


class ContractError(ValueError):
    """A job or result does not follow the contract; `field` names the offending field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ContractError(key, f"must be a string or null, got {type(value).__name__}")
    problem = text_problem(str(value))
    if problem is not None:
        raise ContractError(key, problem)
    return str(value)


@dataclass(frozen=True, slots=True)
class AIJob:
    id: str
    type: str
    payload: dict[str, Any] = field(default_factory=dict)
    tenant_id: str | None = None
    source_domain: str | None = None
    source_id: str | None = None

    @classmethod
    def new(
        cls,
        *,
        type: str,
        payload: Any,
        tenant_id: str | None = None,
        source_domain: str | None = None,
        source_id: str | None = None,
    ) -> AIJob:
        """A fresh job with a new UUID, its type and payload validated."""
        return cls.from_dict(
            {
                "id": str(uuid.uuid4()),
                "type": type,
                "payload": payload,
                "tenant_id": tenant_id,
                "source_domain": source_domain,
                "source_id": source_id,
            }
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "payload": dict(self.payload),
            "tenant_id": self.tenant_id,
            "source_domain": self.source_domain,
            "source_id": self.source_id,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Any) -> AIJob:
        if not isinstance(data, dict):
            raise ContractError("job", f"must be an object, got {type(data).__name__}")
        unknown = sorted((key for key in data if key not in _JOB_KEYS), key=str)
        if unknown:
            raise ContractError(safe_text(str(unknown[0])), "is not a field of AIJob")
        job_id = data.get("id")
        if not isinstance(job_id, str) or not job_id.strip():
            raise ContractError("id", "must be a non-empty string")
        try:
            uuid.UUID(check_text("id", job_id))
        except ValueError:
            raise ContractError("id", f"must be a UUID string, got {safe_text(job_id)[:80]!r}") from None
        try:
            job_type = validate_job_type(data.get("type"))
            payload = validate_payload(job_type, data.get("payload"))
        except PayloadError as exc:
            raise ContractError(exc.field, exc.reason) from None
        routing = {key: _optional_str(data, key) for key in _ROUTING_KEYS}
        return cls(id=job_id, type=job_type, payload=payload, **routing)

    @classmethod
    def from_json(cls, raw: str | bytes) -> AIJob:
        try:
            data = json.loads(raw)
        except (TypeError, ValueError) as exc:
            raise ContractError("job", f"is not valid JSON ({exc})") from None
        return cls.from_dict(data)


@dataclass(frozen=True, slots=True)
class AIResult:
    job_id: str
    status: JobStatus  # DONE or FAILED
    result: dict[str, Any] | None = None
    error: str = ""

    def __post_init__(self) -> None:
        if self.status not in FINAL_STATUSES:
            raise ContractError("status", "must be DONE or FAILED")
        if self.result is not None and not isinstance(self.result, dict):
            raise ContractError("result", "must be object or null")

    def to_dict(self) -> dict[str, Any]:
        return {"job_id": self.job_id, "status": self.status, "result": self.result, "error": self.error}

    @classmethod
    def from_dict(cls, data: Any) -> AIResult:
        if not isinstance(data, dict):
            raise ContractError("result", "must be an object")
        job_id = data.get("job_id")
        if not job_id:
            raise ContractError("job_id", "required")
        status = str(data.get("status") or "").upper().strip()
        return cls(job_id=str(job_id), status=status, result=data.get("result"),  # type: ignore[arg-type]
                   error=str(data.get("error") or ""))
