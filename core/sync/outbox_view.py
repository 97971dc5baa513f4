"""Reading and editing the outbox without sending: counts by state, rows that need a person, retries.

Used by the sender, `scandesk sync --status/--retry-dead` and the Sync screen; none of it needs a
client, so nothing here builds one. Every function blocks on the database: call it off the UI thread.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update

from core.queue.outbox_rows import STATES, OutboxState
from core.store import Store
from core.store.schema import outbox


@dataclass(frozen=True, slots=True)
class OutboxProblem:
    job_id: str
    state: OutboxState
    steps: str  # steps left, e.g. "result,grading"
    attempts: int
    message: str  # the server's (or the network's) last word


def outbox_counts(store: Store) -> dict[OutboxState, int]:
    """Rows by state; every state is present."""
    with store.read() as conn:
        found: dict[str, int] = {state: n for state, n in conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))}
    return {state: int(found.get(state, 0)) for state in STATES}


def unsent_in(counts: dict[OutboxState, int]) -> int:
    """Rows that still need the API: pending, waiting for the cloud, or dead."""
    return counts[OutboxState.PENDING] + counts[OutboxState.WAITING] + counts[OutboxState.DEAD]


def outbox_problems(store: Store, limit: int = 500, *, dead_only: bool = False) -> list[OutboxProblem]:
    """Dead rows and (unless `dead_only`) unsent rows that failed at least once, oldest first."""
    if dead_only:
        where = outbox.c.state == OutboxState.DEAD
    else:
        where = (outbox.c.state == OutboxState.DEAD) | (
            (outbox.c.state != OutboxState.SENT) & (outbox.c.last_error != "")
        )
    with store.read() as conn:
        found = conn.execute(
            select(outbox.c.job_id, outbox.c.state, outbox.c.steps, outbox.c.attempts, outbox.c.last_error)
            .where(where)
            .order_by(outbox.c.id)
            .limit(limit)
        ).all()
    return [OutboxProblem(r.job_id, OutboxState(r.state), r.steps, r.attempts, r.last_error) for r in found]


def retry_dead(store: Store, job_ids: Sequence[str] | None = None, now: float | None = None) -> int:
    """Send dead rows again (all, or these jobs'): a person has fixed what the server refused."""
    now = time.time() if now is None else now
    where = [outbox.c.state == OutboxState.DEAD]
    if job_ids is not None:
        where.append(outbox.c.job_id.in_(list(job_ids)))
    with store.write() as conn:
        return int(
            conn.execute(
                update(outbox)
                .where(*where)
                .values(state=OutboxState.PENDING, attempts=0, next_attempt_at=now, last_error="", updated_at=now)
            ).rowcount
        )


def make_due(store: Store, now: float | None = None) -> int:
    """Pending rows waiting out a backoff become due now (the teacher pressed Send now)."""
    now = time.time() if now is None else now
    with store.write() as conn:
        return int(
            conn.execute(
                update(outbox)
                .where(outbox.c.state == OutboxState.PENDING, outbox.c.next_attempt_at > now)
                .values(next_attempt_at=now)
            ).rowcount
        )
