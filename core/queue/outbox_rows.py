"""Which steps the central API must be told about a job, decided with the job's outcome.

A job made at the desk is registered first (the central API must know a job before it takes its
result), then its result is posted, then grading is requested for a successful one. A job the central
queue handed to this desk only needs its result posted. A job the desk cannot run is registered as
PENDING so that the cloud worker picks it up; once its result comes back, grading follows.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from core.contracts import JobStatus, Origin


class OutboxStep(StrEnum):
    """A call the central API must receive about a job, in this order."""

    REGISTER = "register"
    RESULT = "result"
    GRADING = "grading"
    CORRECTION = "correction"  # a teacher's correction of a result already posted (or on its way)


class OutboxState(StrEnum):
    """Where an outbox row stands: to send, held until the teacher reviews the sheet, waiting for the
    cloud's result, done, or refused for good."""

    PENDING = "pending"
    HELD = "held"
    WAITING = "waiting"
    SENT = "sent"
    DEAD = "dead"


REGISTER, RESULT, GRADING = OutboxStep.REGISTER, OutboxStep.RESULT, OutboxStep.GRADING
CORRECTION = OutboxStep.CORRECTION
STEP_ORDER = tuple(OutboxStep)
PENDING, WAITING, SENT, DEAD = OutboxState.PENDING, OutboxState.WAITING, OutboxState.SENT, OutboxState.DEAD
HELD = OutboxState.HELD
STATES = tuple(OutboxState)


def steps_for_final(origin: str, status: str) -> str:
    if origin == Origin.CENTRAL:
        return RESULT
    return ",".join([REGISTER, RESULT] + ([GRADING] if status == JobStatus.DONE else []))


def steps_after_remote_result(status: str) -> str:
    return GRADING if status == JobStatus.DONE else ""


def split_steps(steps: str) -> list[str]:
    return [s for s in steps.split(",") if s]


def submission_id_for(source_domain: str | None, source_id: str | None, result: Any) -> Any:
    """The submission a result belongs to: the job's source when it is a submission, else the result's
    own `submission_id` field (OMR results may carry one), else None."""
    if source_id and (source_domain or "").startswith("submission"):
        return source_id
    return result.get("submission_id") if isinstance(result, dict) else None


def is_flagged_read(result: Any) -> bool:
    """An answer-card read with open review flags: not a result yet until the teacher has looked."""
    return isinstance(result, dict) and bool(result.get("needs_review")) and bool(result.get("flags"))


def new_row(job_id: str, steps: str, now: float, *, held: bool = False) -> dict[str, Any]:
    # Made once and sent on every retry of the step, so the server can drop repeats. One random
    # part per outcome: a job retried by hand gets new keys for its new result.
    base = uuid.uuid4().hex
    return {
        "job_id": job_id,
        "steps": steps,
        "state": (HELD if held else PENDING) if steps else SENT,
        "register_key": f"{base}-{REGISTER}",
        "result_key": f"{base}-{RESULT}",
        "grading_key": f"{base}-{GRADING}",
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": "",
        "created_at": now,
        "updated_at": now,
    }
