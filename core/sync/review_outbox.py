"""What a teacher's review does to the outbox: release held rows, queue corrections of posted results.

The bodies come from the caller (the review service computes the result in force with the templates and
answer keys it knows; core cannot). Here they are frozen on the row, so the sender posts exactly what was
decided, and every retry of a step sends the same body under the same key.

- `release_held`: a held row (an answer card with open review flags) becomes pending, with the result in
  force to post instead of the worker's. Only rows still held change.
- `queue_correction`: a correction of a sheet whose row is no longer held becomes one correction post,
  after whatever the row still has to send. While that post is unsent, later corrections merge into it
  (one post for several corrections, earliest `from`, latest `to` of each field) under a new key: its body
  changed, and a key is only ever reused for the same body.

Each function is one short write transaction; call it off the UI thread.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update

from core.queue import outbox_rows
from core.queue.outbox_rows import OutboxState
from core.store import Store
from core.store.schema import job_events, jobs, outbox


def _log(conn: Connection, entries: Sequence[tuple[str, str, str]], now: float) -> None:
    if entries:
        conn.execute(insert(job_events), [{"job_id": j, "kind": k, "worker_id": None, "message": m, "at": now}
                                          for j, k, m in entries])


def outbox_state(store: Store, job_id: str) -> OutboxState | None:
    """The state of the job's outbox row; None when it has none (not final yet)."""
    with store.read() as conn:
        state = conn.execute(select(outbox.c.state).where(outbox.c.job_id == job_id)).scalar()
    return None if state is None else OutboxState(state)


def held_job_ids(store: Store, job_ids: Sequence[str] | None = None) -> list[str]:
    """Jobs whose row is held for review (all, or those of `job_ids`), oldest first."""
    query = select(outbox.c.job_id).where(outbox.c.state == OutboxState.HELD).order_by(outbox.c.id)
    if job_ids is not None:
        query = query.where(outbox.c.job_id.in_(list(job_ids)))
    with store.read() as conn:
        return list(conn.execute(query).scalars())


def release_held(
    store: Store, bodies: Mapping[str, dict[str, Any] | None], *, reviewed: bool, now: float | None = None
) -> list[str]:
    """Make these held rows sendable; `bodies[job]` is the result to post (None: the stored result).

    `reviewed`: every flag was resolved (else the teacher chose to send the sheet unreviewed).
    Returns the jobs released; a row not held any more is left as it is.
    """
    now = time.time() if now is None else now
    released: list[str] = []
    why = "reviewed; sent with the teacher's values" if reviewed else "sent unreviewed, by hand"
    with store.write() as conn:
        for job_id, body in bodies.items():
            changed = conn.execute(
                update(outbox)
                .where(outbox.c.job_id == job_id, outbox.c.state == OutboxState.HELD)
                .values(state=OutboxState.PENDING, result_body=body, next_attempt_at=now, attempts=0,
                        revision=outbox.c.revision + 1, updated_at=now)
            ).rowcount
            if changed:
                released.append(job_id)
        _log(conn, [(j, "released", why) for j in released], now)
    return released


def _merged(earlier: Sequence[Mapping[str, Any]], later: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    by_field: dict[str, dict[str, Any]] = {}
    for item in [*earlier, *later]:
        field = str(item["field"])
        if field in by_field:
            by_field[field].update(to=item["to"], at=item["at"])
        else:
            by_field[field] = dict(item)
    return list(by_field.values())


def queue_correction(
    store: Store,
    job_id: str,
    result: dict[str, Any],
    corrections: Sequence[Mapping[str, Any]],
    *,
    now: float | None = None,
) -> bool:
    """Queue `result` (the full result in force) and these corrections ({field, from, to, at}) as a
    correction post of a sheet whose row is not held. False when there is nothing to correct centrally
    (no row, or the row is still held: its release will carry the result in force)."""
    now = time.time() if now is None else now
    with store.write() as conn:
        row = conn.execute(
            select(outbox.c.id, outbox.c.steps, outbox.c.state, outbox.c.correction_body, jobs.c.source_domain,
                   jobs.c.source_id)
            .select_from(outbox.join(jobs, jobs.c.job_id == outbox.c.job_id))
            .where(outbox.c.job_id == job_id)
        ).first()
        if row is None or row.state == OutboxState.HELD:
            return False
        steps = outbox_rows.split_steps(row.steps)
        pending = outbox_rows.CORRECTION in steps and isinstance(row.correction_body, dict)
        earlier = row.correction_body.get("corrections", []) if pending and row.correction_body else []
        body: dict[str, Any] = {"result": result, "corrections": _merged(earlier, corrections)}
        submission_id = outbox_rows.submission_id_for(row.source_domain, row.source_id, result)
        if submission_id is not None:
            body["submission_id"] = submission_id
        if not pending:
            steps.append(outbox_rows.CORRECTION)
        values: dict[str, Any] = {
            "steps": ",".join(steps), "correction_body": body, "correction_key": f"{uuid.uuid4().hex}-correction",
            "revision": outbox.c.revision + 1, "updated_at": now,
        }
        if row.state == OutboxState.SENT:
            values.update(state=OutboxState.PENDING, next_attempt_at=now, attempts=0, last_error="", sent_at=None)
        conn.execute(update(outbox).where(outbox.c.id == row.id).values(**values))
        _log(conn, [(job_id, "correction_queued", "a correction of the posted result waits to be sent")], now)
    return True


__all__ = ["held_job_ids", "outbox_state", "queue_correction", "release_held"]
