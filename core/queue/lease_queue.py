"""The lease queue over the local store: the central API's DBJobQueue rules, with its faults fixed.

- A claim takes the oldest runnable jobs atomically and gives each claim a new lease token.
- `heartbeat` extends the lease; `complete`, `fail`, `release` and `send_to_cloud` act only for the
  current token while the job is RUNNING, and report LEASE_LOST otherwise, changing nothing.
- The result is written once, only for a final outcome, in the transaction that makes the job final,
  together with the outbox rows for the central API.
- Attempts are counted at claim, so a job that keeps killing its worker still runs out of attempts;
  a job whose attempts are used up becomes FAILED, and the claim goes on to the next runnable job.
- An answer-card read with open review flags is not a result yet: with `hold_flagged` its outbox row is
  written `held` (it waits for the teacher's review) in the same transaction.
- Jobs held by a worker of this host whose process is gone are given back at once
  (`release_dead_workers`), without waiting out their lease.

All methods are safe to call from any thread; each runs in its own short transaction.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.contracts import DONE, FAILED, PENDING, RUNNING, AIJob, AIResult, ContractError, Origin, Placement
from core.queue import outbox_rows
from core.queue.backoff import retry_delay
from core.queue.hot_sql import HotSQL
from core.queue.views import WAITING_FOR_CLOUD, ClaimedJob, JobEvent, JobView, Outcome
from core.queue.worker_ids import host_and_pid, process_alive, this_host
from core.store import Store
from core.store.schema import job_events, jobs, outbox, results
from core.text import BadText, find_bad_text, safe_text

DEFAULT_LEASE_S = 120.0
DEFAULT_MAX_ATTEMPTS = 5
_ERROR_LIMIT = 5000

_CLAIM_COLUMNS = (
    jobs.c.job_id,
    jobs.c.job_type,
    jobs.c.payload,
    jobs.c.attempt_count,
    jobs.c.max_attempts,
    jobs.c.lease_expires_at,
    jobs.c.tenant_id,
    jobs.c.source_domain,
    jobs.c.source_id,
    jobs.c.origin,
    jobs.c.next_run_at,
    jobs.c.created_at,
    jobs.c.id,
)
_FINAL_COLUMNS = (jobs.c.job_id, jobs.c.origin)
_VIEW_COLUMNS = (
    jobs.c.job_id,
    jobs.c.job_type,
    jobs.c.status,
    jobs.c.payload,
    jobs.c.origin,
    jobs.c.placement,
    jobs.c.attempt_count,
    jobs.c.max_attempts,
    jobs.c.locked_by,
    jobs.c.lease_expires_at,
    jobs.c.next_run_at,
    jobs.c.last_error,
    jobs.c.progress,
    jobs.c.progress_message,
    jobs.c.discarded,
    jobs.c.created_at,
    jobs.c.updated_at,
    jobs.c.tenant_id,
    jobs.c.source_domain,
    jobs.c.source_id,
    results.c.payload.label("result"),
    results.c.error.label("error"),
)
_RELEASED = {"locked_by": None, "locked_at": None, "lease_expires_at": None, "lease_token": None}
_SERVER_NOW = select(func.extract("epoch", func.clock_timestamp()))

# The hot statements are built once: building a SQLAlchemy statement costs about as much as SQLite
# takes to run it, and claim/complete run thousands of times a second.
_NOW: BindParameter[float] = bindparam("p_now")
_HELD_PAIRS = tuple_(jobs.c.job_id, jobs.c.lease_token).in_(bindparam("p_held", expanding=True))
_EXPIRED = and_(jobs.c.status == RUNNING, jobs.c.lease_expires_at < _NOW)
_RECLAIM_EXHAUSTED = (
    update(jobs)
    .where(_EXPIRED, jobs.c.attempt_count >= jobs.c.max_attempts)
    .values(status=FAILED, updated_at=_NOW, **_RELEASED)
    .returning(*_FINAL_COLUMNS, jobs.c.attempt_count, jobs.c.last_error)
)
_RECLAIM_REQUEUE = (
    update(jobs)
    .where(_EXPIRED, jobs.c.attempt_count < jobs.c.max_attempts)
    .values(status=PENDING, updated_at=_NOW, **_RELEASED)
    .returning(jobs.c.job_id)
)


_HEARTBEAT = (
    update(jobs)
    .where(_HELD_PAIRS, jobs.c.status == RUNNING)
    .values(lease_expires_at=bindparam("p_expires"), last_heartbeat_at=_NOW, updated_at=_NOW)
    .returning(jobs.c.job_id)
)


class QueueError(LookupError):
    """A manual action (retry, discard) that does not apply to the job as it is now."""


def _held(job_id: str, token: str) -> Any:
    return and_(jobs.c.job_id == job_id, jobs.c.lease_token == token, jobs.c.status == RUNNING)


class JobQueue:
    """The desk's lease queue. `clock` and `rng` are injectable so tests can move time and fix jitter."""

    def __init__(
        self,
        store: Store,
        *,
        lease_seconds: float = DEFAULT_LEASE_S,
        default_max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        clock: Callable[[], float] | None = None,
        rng: random.Random | None = None,
        hold_flagged: bool = True,
    ) -> None:
        self.store = store
        # Setting sync_hold_flagged; read at each completion, so a changed setting applies at once.
        self.hold_flagged = hold_flagged
        self.lease_seconds = float(lease_seconds)
        self.default_max_attempts = default_max_attempts
        self._postgres = store.engine.dialect.name == "postgresql"
        # Several desks share a PostgreSQL queue: leases must be measured on one clock, the server's,
        # or a desk whose clock runs fast would take live jobs from the others. Tests inject a clock.
        self._server_clock = clock is None and self._postgres
        self.clock = clock or time.time
        self._rng = rng or random.Random()
        # random.Random is not safe to share between threads without a lock.
        self._rng_lock = threading.Lock()
        self._hot = HotSQL(store.engine.dialect.name)

    # ------------------------------------------------------------------ enqueue

    def enqueue(
        self,
        job: AIJob,
        *,
        max_attempts: int | None = None,
        placement: Placement = Placement.DESK,
        origin: Origin = Origin.DESK,
        reason: str = "",
    ) -> str:
        return self.enqueue_many([job], max_attempts=max_attempts, placement=placement, origin=origin, reason=reason)[0]

    def enqueue_many(
        self,
        new_jobs: Sequence[AIJob],
        *,
        max_attempts: int | None = None,
        placement: Placement = Placement.DESK,
        origin: Origin = Origin.DESK,
        also: Callable[[Connection], None] | None = None,
        reason: str = "",
    ) -> list[str]:
        """Create jobs as PENDING in one transaction; a job for the cloud is registered with the API too.

        `reason` says why a job goes to the cloud (shown in the job list). `also(conn)` runs in the same transaction, for rows that must exist exactly when the jobs do
        (the page records of an import, a watched file marked as taken).
        """
        if placement not in tuple(Placement) or origin not in tuple(Origin):
            raise ValueError(f"placement {placement!r} / origin {origin!r}")
        attempts = max_attempts or self.default_max_attempts
        if attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not new_jobs and also is None:
            return []
        for job in new_jobs:
            _check_storable(job)
        reason = safe_text(reason)
        # Rows are built before the write lock is taken; their times are set once the clock is read.
        rows = [
            {
                "job_id": job.id,
                "job_type": job.type,
                "status": PENDING,
                "payload": job.payload,
                "tenant_id": job.tenant_id,
                "source_domain": job.source_domain,
                "source_id": job.source_id,
                "origin": origin,
                "placement": placement,
                "attempt_count": 0,
                "max_attempts": attempts,
                "last_error": "",
                "progress": 0.0,
                "progress_message": reason[:500],
                "discarded": False,
            }
            for job in new_jobs
        ]
        with self.store.write() as conn:
            now = self._now(conn)
            for row in rows:
                row["next_run_at"] = row["created_at"] = row["updated_at"] = now
            if rows:
                conn.execute(insert(jobs), rows)
            if also is not None:
                also(conn)
            kind = "needs_cloud" if placement == Placement.CLOUD else "enqueued"
            self._log(conn, [(job.id, kind, None, reason) for job in new_jobs], now)
            if placement == Placement.CLOUD and origin == Origin.DESK and new_jobs:
                self._insert_outbox(conn, [outbox_rows.new_row(job.id, outbox_rows.REGISTER, now) for job in new_jobs])
        return [job.id for job in new_jobs]

    # ------------------------------------------------------------------ claim

    def claim(self, worker_id: str) -> ClaimedJob | None:
        claimed = self.claim_many(worker_id, 1)
        return claimed[0] if claimed else None

    def claim_many(
        self, worker_id: str, n: int, *, job_types: Iterable[str] | None = None, origin: Origin | None = None
    ) -> list[ClaimedJob]:
        """Lease up to `n` of the oldest runnable desk jobs (by next_run_at, then created_at).

        Runnable: PENDING and due, or RUNNING with an expired lease. An expired job whose attempts are
        used up is made FAILED here, so it never blocks the jobs behind it. `origin` ("desk" or
        "central") limits the claim to jobs from there: a remote worker takes only central jobs, whose
        central lease is running.
        """
        if n < 1:
            return []
        token = uuid.uuid4().hex
        types = list(job_types) if job_types is not None else None
        with self.store.write() as conn:
            now = self._now(conn)
            params = {"now": now, "n": n, "worker": worker_id, "expires": now + self.lease_seconds, "token": token}
            self._reclaim_expired(conn, now)
            rows = self._hot.claim(conn, params, types, origin)
            if rows:
                self._log(
                    conn, [(r.job_id, "claimed", worker_id, f"attempt {r.attempt_count}") for r in rows], now
                )
        rows.sort(key=lambda r: (r.next_run_at, r.created_at, r.id))
        return [
            ClaimedJob(
                job_id=r.job_id,
                job_type=r.job_type,
                payload=r.payload,
                lease_token=token,
                attempt=r.attempt_count,
                max_attempts=r.max_attempts,
                lease_expires_at=r.lease_expires_at,
                tenant_id=r.tenant_id,
                source_domain=r.source_domain,
                source_id=r.source_id,
                origin=Origin(r.origin),
            )
            for r in rows
        ]

    def _reclaim_expired(self, conn: Connection, now: float) -> None:
        exhausted = conn.execute(_RECLAIM_EXHAUSTED, {"p_now": now}).all()
        for row in exhausted:
            error = f"the worker stopped responding on all {row.attempt_count} attempts"
            if row.last_error:
                error = f"{error}; last error: {row.last_error}"
            conn.execute(update(jobs).where(jobs.c.job_id == row.job_id).values(last_error=error[:_ERROR_LIMIT]))
            self._write_final(conn, [(row, FAILED, None, error)], now)
            self._log(conn, [(row.job_id, "failed", None, error)], now)
        requeued = conn.execute(_RECLAIM_REQUEUE, {"p_now": now}).all()
        if requeued:
            self._log(conn, [(r.job_id, "lease_expired", None, "lease expired; runnable again") for r in requeued], now)

    # ------------------------------------------------------------------ while running

    def heartbeat(self, job_id: str, token: str) -> bool:
        """Extend the lease by the full lease time; False if the job is no longer this worker's."""
        return job_id in self.heartbeat_many([(job_id, token)])

    def heartbeat_many(self, held: Sequence[tuple[str, str]]) -> set[str]:
        """Extend the leases still held; return the ids still held (the others were lost)."""
        if not held:
            return set()
        with self.store.write() as conn:
            now = self._now(conn)
            rows = conn.execute(
                _HEARTBEAT, {"p_held": list(held), "p_now": now, "p_expires": now + self.lease_seconds}
            ).all()
            kept = {r.job_id for r in rows}
            lost = [(job_id, "lease_lost", None, "heartbeat after the lease moved on") for job_id, _ in held if job_id not in kept]
            if lost:
                self._log(conn, lost, now)
        return kept

    def update_progress(self, job_id: str, token: str, fraction: float, message: str = "") -> bool:
        with self.store.write() as conn:
            return bool(
                conn.execute(
                    update(jobs)
                    .where(_held(job_id, token))
                    .values(progress=float(fraction), progress_message=safe_text(message[:500]))
                ).rowcount
            )

    # ------------------------------------------------------------------ outcomes

    def complete(self, job_id: str, token: str, result: dict[str, Any]) -> Outcome:
        return self.complete_many([(job_id, token, result)])[job_id]

    def complete_many(self, done: Sequence[tuple[str, str, dict[str, Any]]]) -> dict[str, Outcome]:
        """Mark jobs DONE and write their results, in one transaction; fenced by each job's token."""
        if not done:
            return {}
        for job_id, _, result in done:
            if not isinstance(result, dict):
                raise TypeError(f"result of job {job_id} must be a dict, got {type(result).__name__}")
        # Encoded before the write lock is taken: other workers wait while it is held.
        by_id = {job_id: json.dumps(result) for job_id, _, result in done}
        flagged = {job_id for job_id, _, result in done if outbox_rows.is_flagged_read(result)} if self.hold_flagged else set()
        with self.store.write() as conn:
            now = self._now(conn)
            rows = self._hot.complete(conn, [(j, t) for j, t, _ in done], now)
            held = {r.job_id for r in rows if r.job_id in flagged and r.origin == Origin.DESK and r.job_type == "omr"}
            self._write_final(conn, [(row, DONE, by_id[row.job_id], "") for row in rows], now, encoded=True, held=held)
            won = {row.job_id for row in rows}
            self._log(
                conn,
                [(r.job_id, "done", None, "") for r in rows]
                + [(j, "held", None, "waiting for review: not sent until the flagged reads are resolved") for j in held]
                + [(j, "lease_lost", None, "result not saved: the lease had moved on") for j in by_id if j not in won],
                now,
            )
        return {job_id: Outcome.DONE if job_id in won else Outcome.LEASE_LOST for job_id in by_id}

    def fail(self, job_id: str, token: str, error: str, *, retryable: bool = True) -> Outcome:
        """Record a failed attempt: back off and retry while attempts remain, else FAILED for good."""
        # A message may quote the job's input (a file name that is not UTF-8): stored escaped, never refused,
        # so that recording a failure cannot fail in turn.
        error = safe_text((error or "failed")[:_ERROR_LIMIT])
        with self.store.write() as conn:
            now = self._now(conn)
            current = select(jobs.c.attempt_count, jobs.c.max_attempts).where(_held(job_id, token))
            if self._postgres:
                current = current.with_for_update()
            row = conn.execute(current).first()
            if row is None:
                self._log(conn, [(job_id, "lease_lost", None, f"failure not recorded: {error}")], now)
                return Outcome.LEASE_LOST
            if retryable and row.attempt_count < row.max_attempts:
                with self._rng_lock:
                    delay = retry_delay(row.attempt_count, self._rng)
                conn.execute(
                    update(jobs)
                    .where(jobs.c.job_id == job_id)
                    .values(status=PENDING, next_run_at=now + delay, last_error=error, updated_at=now, **_RELEASED)
                )
                self._log(conn, [(job_id, "failed", None, f"{error} (attempt {row.attempt_count}; retry in {delay:.0f} s)")], now)
                return Outcome.RETRY_SCHEDULED
            final = conn.execute(
                update(jobs)
                .where(jobs.c.job_id == job_id)
                .values(status=FAILED, last_error=error, updated_at=now, **_RELEASED)
                .returning(*_FINAL_COLUMNS)
            ).one()
            self._write_final(conn, [(final, FAILED, None, error)], now)
            self._log(conn, [(job_id, "failed", None, error)], now)
        return Outcome.FAILED

    def abandon(self, job_id: str, token: str, reason: str) -> Outcome:
        """Give up a job whose outcome nobody waits for any more (a central job whose central lease ran
        out: the central queue has handed it to another worker). FAILED here with the reason, and nothing
        goes to the outbox, so this desk never posts an outcome over the other worker's; the central
        queue may hand it back later, and then it runs again here."""
        reason = safe_text(reason[:_ERROR_LIMIT])
        with self.store.write() as conn:
            now = self._now(conn)
            row = conn.execute(
                update(jobs)
                .where(_held(job_id, token))
                .values(status=FAILED, last_error=reason, updated_at=now, **_RELEASED)
                .returning(jobs.c.job_id)
            ).first()
            if row is None:
                return Outcome.LEASE_LOST
            self._hot.insert_results(
                conn, [{"job_id": job_id, "status": FAILED, "payload": None, "error": reason, "created_at": now}]
            )
            self._log(conn, [(job_id, "abandoned", None, reason)], now)
        return Outcome.FAILED

    def release(self, job_id: str, token: str) -> bool:
        """Give a job back unfinished (graceful shutdown): runnable now, and the attempt is not counted."""
        return job_id in self.release_many([(job_id, token)])

    def release_many(self, held: Sequence[tuple[str, str]]) -> set[str]:
        if not held:
            return set()
        with self.store.write() as conn:
            now = self._now(conn)
            rows = conn.execute(
                update(jobs)
                .where(tuple_(jobs.c.job_id, jobs.c.lease_token).in_(list(held)), jobs.c.status == RUNNING)
                .values(
                    status=PENDING,
                    next_run_at=now,
                    attempt_count=func.max(jobs.c.attempt_count - 1, 0)
                    if not self._postgres
                    else func.greatest(jobs.c.attempt_count - 1, 0),
                    updated_at=now,
                    **_RELEASED,
                )
                .returning(jobs.c.job_id)
            ).all()
            self._log(conn, [(r.job_id, "released", None, "given back at shutdown") for r in rows], now)
        return {r.job_id for r in rows}

    def release_dead_workers(self, host: str | None = None, *, alive: Callable[[int], bool] = process_alive) -> set[str]:
        """Give back at once the jobs held by workers of this host whose process is gone.

        Only ids made by `core.queue.worker_ids.make_worker_id` for this host are looked at; a worker of
        another host, or one whose process still runs, keeps its jobs. The attempt stays counted (the job
        may be what killed its worker), so a job out of attempts becomes FAILED instead.
        """
        host = host or this_host()
        with self.store.read() as conn:
            holders = conn.execute(
                select(jobs.c.locked_by).where(jobs.c.status == RUNNING, jobs.c.locked_by.like(f"%@{host}#%")).distinct()
            ).scalars().all()
        dead = [w for w in holders if (parsed := host_and_pid(w)) is not None and parsed[0] == host and not alive(parsed[1])]
        if not dead:
            return set()
        released: set[str] = set()
        with self.store.write() as conn:
            now = self._now(conn)
            gone = and_(jobs.c.status == RUNNING, jobs.c.locked_by.in_(dead))
            exhausted = conn.execute(
                update(jobs)
                .where(gone, jobs.c.attempt_count >= jobs.c.max_attempts)
                .values(status=FAILED, updated_at=now, **_RELEASED)
                .returning(*_FINAL_COLUMNS, jobs.c.attempt_count, jobs.c.last_error)
            ).all()
            for row in exhausted:
                error = f"the worker's process ended on all {row.attempt_count} attempts"
                if row.last_error:
                    error = f"{error}; last error: {row.last_error}"
                conn.execute(update(jobs).where(jobs.c.job_id == row.job_id).values(last_error=error[:_ERROR_LIMIT]))
                self._write_final(conn, [(row, FAILED, None, error)], now)
                self._log(conn, [(row.job_id, "failed", None, error)], now)
            requeued = conn.execute(
                update(jobs)
                .where(gone)
                .values(status=PENDING, next_run_at=now, updated_at=now, **_RELEASED)
                .returning(jobs.c.job_id)
            ).all()
            self._log(conn, [(r.job_id, "lease_released", None, "its worker's process is gone; runnable again")
                             for r in requeued], now)
            released = {r.job_id for r in requeued} | {r.job_id for r in exhausted}
        return released

    def send_to_cloud(self, job_id: str, token: str, reason: str) -> Outcome:
        """The desk cannot run this job: leave it PENDING for the cloud worker, registered centrally.

        A job that came from the central queue is answered FAILED with the reason instead, so the
        central queue hands it to a worker that can run it.
        """
        reason = safe_text(reason)
        with self.store.write() as conn:
            now = self._now(conn)
            held = select(*_FINAL_COLUMNS).where(_held(job_id, token))
            if self._postgres:  # as in fail(): nobody may claim it between this check and the update
                held = held.with_for_update()
            row = conn.execute(held).first()
            if row is None:
                return Outcome.LEASE_LOST
            if row.origin == Origin.CENTRAL:
                conn.execute(update(jobs).where(jobs.c.job_id == job_id).values(status=FAILED, last_error=reason, updated_at=now, **_RELEASED))
                self._write_final(conn, [(row, FAILED, None, reason)], now)
                self._log(conn, [(job_id, "failed", None, f"handed back to the central queue: {reason}")], now)
                return Outcome.FAILED
            conn.execute(
                update(jobs)
                .where(jobs.c.job_id == job_id)
                .values(
                    status=PENDING,
                    placement=Placement.CLOUD,
                    attempt_count=0,
                    last_error="",
                    progress_message=reason[:500],
                    updated_at=now,
                    **_RELEASED,
                )
            )
            self._insert_outbox(conn, [outbox_rows.new_row(job_id, outbox_rows.REGISTER, now)])
            self._log(conn, [(job_id, "needs_cloud", None, reason)], now)
        return Outcome.CLOUD

    def record_remote_result(self, job_id: str, outcome: AIResult) -> bool:
        """Store the result the cloud worker produced for a job this desk handed to the central queue."""
        outcome = AIResult(outcome.job_id, outcome.status, outcome.result, safe_text(outcome.error))
        with self.store.write() as conn:
            now = self._now(conn)
            row = conn.execute(
                update(jobs)
                .where(jobs.c.job_id == job_id, jobs.c.placement == Placement.CLOUD, jobs.c.status == PENDING)
                .values(status=outcome.status, last_error=outcome.error, progress=1.0, updated_at=now)
                .returning(*_FINAL_COLUMNS)
            ).first()
            if row is None:
                return False
            conn.execute(
                insert(results).values(
                    job_id=job_id, status=outcome.status, payload=outcome.result, error=outcome.error, created_at=now
                )
            )
            steps = outbox_rows.steps_after_remote_result(outcome.status) if row.origin == Origin.DESK else ""
            conn.execute(
                update(outbox)
                .where(outbox.c.job_id == job_id)
                .values(
                    steps=steps,
                    state=outbox_rows.PENDING if steps else outbox_rows.SENT,
                    next_attempt_at=now,
                    updated_at=now,
                )
            )
            self._log(conn, [(job_id, outcome.status.lower(), "cloud", outcome.error)], now)
        return True

    # ------------------------------------------------------------------ manual actions

    def retry(self, job_id: str) -> None:
        """Run a FAILED job again from scratch (a teacher's decision, so attempts start over)."""
        with self.store.write() as conn:
            now = self._now(conn)
            self._refuse_retry_if_reported(conn, job_id)
            changed = conn.execute(
                update(jobs)
                .where(jobs.c.job_id == job_id, jobs.c.status == FAILED)
                .values(status=PENDING, attempt_count=0, next_run_at=now, discarded=False, progress=0.0, updated_at=now)
            ).rowcount
            if not changed:
                raise QueueError(self._why_not(conn, job_id, "retried", FAILED))
            conn.execute(delete(results).where(results.c.job_id == job_id))
            # The old outcome's messages are void. A registration already sent stays done; the new outcome
            # will bring new result and grading steps with new keys (see _write_final).
            conn.execute(
                delete(outbox).where(outbox.c.job_id == job_id, outbox.c.steps.like(f"{outbox_rows.REGISTER}%"))
            )
            conn.execute(
                update(outbox)
                .where(outbox.c.job_id == job_id)
                .values(steps="", state=outbox_rows.WAITING, last_error="", updated_at=now)
            )
            self._log(conn, [(job_id, "retried", None, "retried by hand")], now)

    def discard(self, job_id: str) -> None:
        """Hide a FAILED job from the lists; it stays in the store with its error."""
        with self.store.write() as conn:
            now = self._now(conn)
            changed = conn.execute(
                update(jobs)
                .where(jobs.c.job_id == job_id, jobs.c.status == FAILED, jobs.c.discarded.is_(False))
                .values(discarded=True, updated_at=now)
            ).rowcount
            if not changed:
                raise QueueError(self._why_not(conn, job_id, "discarded", FAILED))
            self._log(conn, [(job_id, "discarded", None, "discarded by hand")], now)

    def _refuse_retry_if_reported(self, conn: Connection, job_id: str) -> None:
        """The central API keeps the first result it is given: once a FAILED result has gone there (or
        the cloud worker produced it), running the job again here would leave the two disagreeing."""
        row = conn.execute(
            select(jobs.c.placement, outbox.c.steps, outbox.c.state)
            .select_from(jobs.outerjoin(outbox, outbox.c.job_id == jobs.c.job_id))
            .where(jobs.c.job_id == job_id, jobs.c.status == FAILED)
        ).first()
        if row is None:
            return
        if row.placement == Placement.CLOUD:
            raise QueueError(f"job {job_id} was run by the cloud worker; import the scan again to run it anew")
        if row.steps is not None and outbox_rows.RESULT not in outbox_rows.split_steps(row.steps):
            raise QueueError(
                f"job {job_id}'s FAILED result was already sent to the central API; import the scan again to run it anew"
            )

    def _why_not(self, conn: Connection, job_id: str, action: str, needed: str) -> str:
        status = conn.execute(select(jobs.c.status, jobs.c.discarded).where(jobs.c.job_id == job_id)).first()
        if status is None:
            return f"no job {job_id}"
        if status.discarded:
            return f"job {job_id} is already discarded"
        return f"job {job_id} is {status.status}; only {needed} jobs can be {action}"

    # ------------------------------------------------------------------ reading

    def get(self, job_id: str) -> JobView | None:
        with self.store.read() as conn:
            row = conn.execute(_view_query().where(jobs.c.job_id == job_id)).first()
        return _view(row) if row else None

    def get_many(self, job_ids: Sequence[str]) -> list[JobView]:
        with self.store.read() as conn:
            rows = conn.execute(_view_query().where(jobs.c.job_id.in_(list(job_ids)))).all()
        order = {job_id: i for i, job_id in enumerate(job_ids)}
        return sorted((_view(r) for r in rows), key=lambda v: order[v.job_id])

    def result(self, job_id: str) -> AIResult | None:
        with self.store.read() as conn:
            row = conn.execute(select(results).where(results.c.job_id == job_id)).first()
        if row is None:
            return None
        return AIResult(job_id=row.job_id, status=row.status, result=row.payload, error=row.error)

    def events(self, job_id: str) -> list[JobEvent]:
        with self.store.read() as conn:
            rows = conn.execute(
                select(job_events).where(job_events.c.job_id == job_id).order_by(job_events.c.id)
            ).all()
        return [JobEvent(r.job_id, r.kind, r.worker_id, r.message, r.at) for r in rows]

    def list_jobs(
        self,
        *,
        status: str | None = None,
        job_type: str | None = None,
        include_discarded: bool = False,
        limit: int | None = 200,
        offset: int = 0,
    ) -> list[JobView]:
        query = _view_query().order_by(jobs.c.id)
        query = _filtered(query, status, job_type, include_discarded)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.store.read() as conn:
            return [_view(r) for r in conn.execute(query).all()]

    def list_ids(self, *, status: str | None = None, job_type: str | None = None, include_discarded: bool = False) -> list[str]:
        """All matching ids in creation order: cheap enough for 100k rows, for models that load rows lazily."""
        query = _filtered(select(jobs.c.job_id).order_by(jobs.c.id), status, job_type, include_discarded)
        with self.store.read() as conn:
            return list(conn.execute(query).scalars())

    def counts(self) -> dict[str, int]:
        """Jobs by status (discarded ones left out), plus `CLOUD` for those waiting for the cloud worker."""
        with self.store.read() as conn:
            rows = conn.execute(
                select(jobs.c.status, jobs.c.placement, func.count())
                .where(jobs.c.discarded.is_(False))
                .group_by(jobs.c.status, jobs.c.placement)
            ).all()
        counts: dict[str, int] = {s: 0 for s in (PENDING, RUNNING, DONE, FAILED)}
        counts[WAITING_FOR_CLOUD] = 0
        for status, placement, n in rows:
            counts[status] = counts.get(status, 0) + n
            if placement == Placement.CLOUD and status == PENDING:
                counts[WAITING_FOR_CLOUD] += n
        return counts

    def unfinished(self, job_ids: Sequence[str]) -> set[str]:
        """Which of these jobs the desk still has to run (PENDING or RUNNING here, not waiting for the cloud)."""
        found: set[str] = set()
        ids = list(job_ids)
        with self.store.read() as conn:
            for start in range(0, len(ids), 500):
                found.update(
                    conn.execute(
                        select(jobs.c.job_id).where(
                            jobs.c.job_id.in_(ids[start : start + 500]),
                            jobs.c.status.in_((PENDING, RUNNING)),
                            jobs.c.placement == Placement.DESK,
                        )
                    ).scalars()
                )
        return found

    def next_due_in(self) -> float | None:
        """Seconds until the next desk job becomes runnable (0 if one is now), None if none is waiting."""
        with self.store.read() as conn:
            now = self._now(conn)
            nxt = conn.execute(
                select(func.min(jobs.c.next_run_at)).where(jobs.c.status == PENDING, jobs.c.placement == Placement.DESK)
            ).scalar()
            lease = conn.execute(select(func.min(jobs.c.lease_expires_at)).where(jobs.c.status == RUNNING)).scalar()
        times = [t for t in (nxt, lease) if t is not None]
        return max(0.0, min(times) - now) if times else None

    # ------------------------------------------------------------------ helpers

    def _now(self, conn: Connection) -> float:
        if self._server_clock:
            return float(conn.execute(_SERVER_NOW).scalar_one())
        return self.clock()

    def _write_final(
        self,
        conn: Connection,
        finals: Sequence[tuple[Any, str, Any, str]],
        now: float,
        *,
        encoded: bool = False,
        held: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        """The result fact and the job's outbox row, in the caller's transaction.

        Each final is (row with job_id and origin, status, result, error); `encoded`: results are JSON text;
        `held`: jobs whose row waits for the teacher's review.
        """
        if not finals:
            return
        self._hot.insert_results(
            conn,
            [
                {"job_id": row.job_id, "status": status, "payload": result, "error": error, "created_at": now}
                for row, status, result, error in finals
            ],
            encoded=encoded,
        )
        self._hot.upsert_outbox(
            conn,
            [
                outbox_rows.new_row(row.job_id, outbox_rows.steps_for_final(row.origin, status), now, held=row.job_id in held)
                for row, status, _, _ in finals
            ],
        )

    def _insert_outbox(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        if rows:
            stmt = (pg_insert if self._postgres else sqlite_insert)(outbox).on_conflict_do_nothing(index_elements=["job_id"])
            conn.execute(stmt, rows)

    def _log(self, conn: Connection, entries: Sequence[tuple[str, str, str | None, str]], now: float) -> None:
        if entries:
            self._hot.insert_events(
                conn,
                [{"job_id": j, "kind": k, "worker_id": w, "message": safe_text(m[:2000]), "at": now} for j, k, w, m in entries],
            )


def _check_storable(job: AIJob) -> None:
    """Refuse a job whose texts cannot be stored (AIJob.from_dict checks this; a job built directly not)."""
    try:
        for name in ("id", "type", "tenant_id", "source_domain", "source_id"):
            value = getattr(job, name)
            if value is not None:
                find_bad_text(name, value)
        find_bad_text("payload", job.payload)
    except BadText as exc:
        raise ContractError(exc.where, exc.reason) from None


def _view_query() -> Any:
    return select(*_VIEW_COLUMNS).select_from(jobs.outerjoin(results, results.c.job_id == jobs.c.job_id))


def _filtered(query: Any, status: str | None, job_type: str | None, include_discarded: bool) -> Any:
    if status == WAITING_FOR_CLOUD:
        query = query.where(jobs.c.status == PENDING, jobs.c.placement == Placement.CLOUD)
    elif status:
        query = query.where(jobs.c.status == status)
    if job_type:
        query = query.where(jobs.c.job_type == job_type)
    if not include_discarded:
        query = query.where(jobs.c.discarded.is_(False))
    return query


def _view(row: Any) -> JobView:
    return JobView(
        job_id=row.job_id,
        job_type=row.job_type,
        status=row.status,
        payload=row.payload,
        origin=row.origin,
        placement=row.placement,
        attempt_count=row.attempt_count,
        max_attempts=row.max_attempts,
        locked_by=row.locked_by,
        lease_expires_at=row.lease_expires_at,
        next_run_at=row.next_run_at,
        last_error=row.last_error,
        progress=row.progress,
        progress_message=row.progress_message,
        discarded=bool(row.discarded),
        created_at=row.created_at,
        updated_at=row.updated_at,
        tenant_id=row.tenant_id,
        source_domain=row.source_domain,
        source_id=row.source_id,
        result=row.result,
        error=row.error or "",
    )


__all__ = ["JobQueue", "QueueError"]
