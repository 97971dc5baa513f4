"""`dispatch_job`: the central API's gateway, for callers that must never see an exception."""

from __future__ import annotations

import logging
from typing import Any

from core.contracts import AIJob, ContractError, Placement
from core.queue.lease_queue import JobQueue

log = logging.getLogger(__name__)


def dispatch_job(
    queue: JobQueue,
    *,
    job_type: str,
    payload: Any,
    tenant_id: str | None = None,
    source_domain: str | None = None,
    source_id: str | None = None,
    placement: Placement = Placement.DESK,
) -> dict[str, Any]:
    """Create and publish a job in one transaction.

    Returns `{"ok": True, "job_id", "type"}`, or `{"ok": False, "job_id", "type", "error"}` with the
    reason. Unlike the seed's gateway, no row is left behind when publishing fails: creating the row
    is publishing it, so there is nothing to undo.
    """
    try:
        job = AIJob.new(
            type=job_type, payload=payload, tenant_id=tenant_id, source_domain=source_domain, source_id=source_id
        )
    except ContractError as exc:
        return {"ok": False, "job_id": None, "type": job_type, "error": str(exc), "field": exc.field}
    except Exception as exc:  # the contract: never raise into the caller, whatever it passed
        log.exception("dispatch of a %s job: unexpected input", job_type)
        return {"ok": False, "job_id": None, "type": job_type, "error": f"{type(exc).__name__}: {exc}"}
    try:
        queue.enqueue(job, placement=placement)
    except Exception as exc:  # the contract: a caller's request never fails because of the queue
        log.exception("dispatch of %s job %s failed", job_type, job.id)
        return {"ok": False, "job_id": job.id, "type": job.type, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "job_id": job.id, "type": job.type}
