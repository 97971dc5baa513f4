"""Drains the outbox: tells the central API about finished jobs, exactly once, whatever the network does.

Each outbox row (written by the queue in the transaction that made its job final) lists the steps left,
in order: `register` (POST job/), `result` (POST job/result/), `grading` (POST grading/), and
`correction` (POST job/<id>/correction/) when the teacher corrected a result already on its way. A row
`held` for review is not sent until the review service releases it with the result in force
(`result_body`, posted instead of the worker's result). Every step is idempotent at the server (a job id registers once, a result is stored once, a grading key queues once),
and each row carries its own keys, sent on every retry. So the sender may repeat a step after any crash
or lost answer without harm, and it records progress only after a step succeeded.

Failures:
- RetryableError (connection, timeout, 5xx, 429): the row keeps its remaining steps and is tried again
  after capped exponential backoff with full jitter (`core.sync.backoff`); offline is normal.
- PermanentError (other 4xx): the row goes `dead` with the server's message, until someone retries it
  (`retry_dead`). Exception: 401 means this desk's token is wrong, not the row: the row keeps waiting
  and the pass stops, so fixing the token is enough.

A job handed to the cloud is registered with status PENDING and its row then `waiting`; `poll_waiting`
asks job/<id>/ until the cloud worker's result is there, stores it locally through the queue, and the
row goes on with its grading step.

Threads: `send_due` sends rows concurrently on a small pool (HTTP waits dominate); all database writes
happen on the calling thread, one transaction per batch. Several senders on one store are safe (a row's
update is conditional on the steps it started from); they may only repeat a step.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, func, select, update

from core.contracts import PENDING, AIJob, AIResult, JobStatus, Placement
from core.queue import JobQueue
from core.queue import outbox_rows as rows_mod
from core.queue.outbox_rows import OutboxState
from core.store import Store
from core.store.schema import jobs, outbox, results
from core.sync import outbox_view
from core.sync.backoff import Backoff
from core.sync.client import CentralClient, PermanentError, RetryableError

log = logging.getLogger(__name__)

# How often a job waiting for the cloud worker is looked up; the cloud takes minutes, not seconds.
DEFAULT_POLL_S = 30.0
# Rows per pass: big enough to keep the pool busy, small enough that progress is saved often.
DEFAULT_BATCH = 200
# HTTP calls in flight. The stand-in and the central API answer in about a millisecond each, so a few
# threads hide the round trips; more only adds contention on the GIL.
DEFAULT_THREADS = 4


# Built once; `_save` runs it for a whole batch. The WHERE makes each update conditional on the row
# being as this sender read it (another sender, or a retry by hand, may have moved it on).
_SAVE_ROW = (
    update(outbox)
    .where(and_(outbox.c.id == bindparam("b_id"), outbox.c.steps == bindparam("b_old_steps"),
                outbox.c.revision == bindparam("b_revision"), outbox.c.state == rows_mod.PENDING))
    .values(
        steps=bindparam("b_steps"), state=bindparam("b_state"), attempts=bindparam("b_attempts"),
        last_error=bindparam("b_error"), next_attempt_at=bindparam("b_next"), sent_at=bindparam("b_sent_at"),
    )
)


class ResultConflict(Exception):
    """The central API kept another result for the job than the one this desk sent."""


@dataclass(frozen=True)
class _Row:
    id: int
    job_id: str
    steps: str
    attempts: int
    register_key: str
    result_key: str
    grading_key: str
    job_type: str
    payload: dict[str, Any]
    tenant_id: str | None
    source_domain: str | None
    source_id: str | None
    placement: str
    job_status: str
    result_status: str | None
    result_payload: dict[str, Any] | None
    result_error: str | None
    result_body: dict[str, Any] | None  # the reviewed result in force, posted instead of result_payload
    correction_key: str | None
    correction_body: dict[str, Any] | None
    revision: int

    @property
    def posted_result(self) -> dict[str, Any] | None:
        return self.result_body if self.result_body is not None else self.result_payload

    @property
    def for_cloud(self) -> bool:
        """A desk job handed to the cloud worker and not yet answered."""
        return self.placement == Placement.CLOUD and self.job_status == PENDING

    def submission_id(self) -> Any:
        """The submission a result belongs to: the job's source when it is a submission, else the
        result's own `submission_id` field (OMR results may carry one)."""
        return rows_mod.submission_id_for(self.source_domain, self.source_id, self.result_payload)


@dataclass
class _Outcome:
    row: _Row
    remaining: list[str]
    kind: str  # ok | retry | dead | auth | skipped (the pass stopped before this row)
    error: str = ""
    retry_after_s: float | None = None


@dataclass
class SendReport:
    """What one pass (or a drain) did."""

    rows: int = 0
    completed: int = 0  # rows with nothing left to send (or now waiting for the cloud)
    steps_sent: int = 0
    retry_scheduled: int = 0
    dead: int = 0
    offline: bool = False  # no row got anywhere: the API is unreachable (or refusing us)
    unauthorized: bool = False
    errors: list[str] = field(default_factory=list)

    def add(self, other: SendReport) -> None:
        self.rows += other.rows
        self.completed += other.completed
        self.steps_sent += other.steps_sent
        self.retry_scheduled += other.retry_scheduled
        self.dead += other.dead
        self.offline = other.offline
        self.unauthorized = self.unauthorized or other.unauthorized
        self.errors = (self.errors + other.errors)[-20:]


class OutboxSender:
    def __init__(
        self,
        store: Store,
        client: CentralClient,
        *,
        queue: JobQueue | None = None,
        backoff: Backoff | None = None,
        threads: int = DEFAULT_THREADS,
        batch: int = DEFAULT_BATCH,
        poll_interval_s: float = DEFAULT_POLL_S,
        clock: Callable[[], float] = time.time,
        rand: Callable[[], float] = random.random,
        partition: tuple[int, int] = (0, 1),
    ) -> None:
        if threads < 1 or batch < 1:
            raise ValueError("threads and batch must be at least 1")
        index, parts = partition
        if parts < 1 or not 0 <= index < parts:
            raise ValueError(f"partition {index}/{parts}: need 0 <= index < parts")
        # Several sender processes share the outbox by row id (id % parts == index), so none sends
        # another's rows: one process is bound by the GIL at about 2.5 ms of CPU per job.
        self.partition = (index, parts)
        self.store = store
        self.client = client
        self.queue = queue or JobQueue(store)
        self.backoff = backoff or Backoff(base_s=1.0, cap_s=300.0)
        self.threads = threads
        self.batch = batch
        self.poll_interval_s = poll_interval_s
        self.clock = clock
        self._rand = rand
        # random.random is shared module state; a lock keeps the injected source safe across threads.
        self._rand_lock = threading.Lock()
        self._pool: cf.ThreadPoolExecutor | None = None
        # Per pass: rows failing in a row without any step getting through mean the API is down (or
        # hanging until timeouts); the rest of the pass is skipped instead of failing row after row.
        self._abort = threading.Event()
        self._streak = 0
        self._streak_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def __enter__(self) -> OutboxSender:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self) -> cf.ThreadPoolExecutor:
        if self._pool is None:
            self._pool = cf.ThreadPoolExecutor(self.threads, thread_name_prefix="scandesk-sync")
        return self._pool

    def _delay(self, failures: int, retry_after_s: float | None = None) -> float:
        with self._rand_lock:
            return self.backoff.delay(failures, rand=self._rand, retry_after_s=retry_after_s)

    # ------------------------------------------------------------------ reading
    def counts(self) -> dict[OutboxState, int]:
        """Outbox rows by state (pending, held, waiting, sent, dead)."""
        return outbox_view.outbox_counts(self.store)

    def unsent(self) -> int:
        """Rows that still need the API: pending, waiting or dead (held rows wait for the teacher)."""
        return outbox_view.unsent_in(self.counts())

    def dead_rows(self, limit: int = 100) -> list[tuple[str, str, str]]:
        """(job_id, steps left, the server's message) of rows that need a person."""
        return [(p.job_id, p.steps, p.message) for p in outbox_view.outbox_problems(self.store, limit, dead_only=True)]

    def next_due_in(self) -> float | None:
        """Seconds until a pending row, or a row waiting for the cloud, is due (0 if one is); None if none."""
        cloud_waiting = and_(outbox.c.state == rows_mod.WAITING, jobs.c.placement == Placement.CLOUD, jobs.c.status == PENDING)
        with self.store.read() as conn:
            pending = conn.execute(
                select(func.min(outbox.c.next_attempt_at)).where(outbox.c.state == rows_mod.PENDING)
            ).scalar()
            waiting = conn.execute(
                select(func.min(outbox.c.next_attempt_at))
                .select_from(outbox.join(jobs, jobs.c.job_id == outbox.c.job_id))
                .where(cloud_waiting)
            ).scalar()
        times = [t for t in (pending, waiting) if t is not None]
        return None if not times else max(0.0, min(times) - self.clock())

    def retry_dead(self, job_ids: Sequence[str] | None = None) -> int:
        """Send dead rows again (all, or these jobs'): a person has fixed what the server refused."""
        return outbox_view.retry_dead(self.store, job_ids, self.clock())

    def _load(self, state: str, now: float, limit: int, *, cloud_only: bool = False) -> list[_Row]:
        query = (
            select(
                outbox.c.id, outbox.c.job_id, outbox.c.steps, outbox.c.attempts, outbox.c.register_key,
                outbox.c.result_key, outbox.c.grading_key, jobs.c.job_type, jobs.c.payload, jobs.c.tenant_id,
                jobs.c.source_domain, jobs.c.source_id, jobs.c.placement, jobs.c.status,
                results.c.status.label("result_status"), results.c.payload.label("result_payload"),
                results.c.error.label("result_error"), outbox.c.result_body, outbox.c.correction_key,
                outbox.c.correction_body, outbox.c.revision,
            )
            .select_from(
                outbox.join(jobs, jobs.c.job_id == outbox.c.job_id).outerjoin(
                    results, results.c.job_id == outbox.c.job_id
                )
            )
            .where(outbox.c.state == state, outbox.c.next_attempt_at <= now)
            .order_by(outbox.c.next_attempt_at, outbox.c.id)
            .limit(limit)
        )
        if cloud_only:
            query = query.where(jobs.c.placement == Placement.CLOUD, jobs.c.status == PENDING)
        index, parts = self.partition
        if parts > 1:
            query = query.where(outbox.c.id % parts == index)
        with self.store.read() as conn:
            return [_Row(*r) for r in conn.execute(query).all()]

    # ------------------------------------------------------------------ sending
    def send_due(self) -> SendReport:
        """One pass: send every due pending row's remaining steps (up to `batch` rows)."""
        report = SendReport()
        due = self._load(rows_mod.PENDING, self.clock(), self.batch)
        if not due:
            return report
        self._abort.clear()
        self._streak = 0
        outcomes = [o for o in self._executor().map(self._send_row, due) if o.kind != "skipped"]
        self._save(outcomes, report)
        report.offline = report.offline or self._abort.is_set()
        return report

    def _note(self, progressed: bool) -> None:
        with self._streak_lock:
            self._streak = 0 if progressed else self._streak + 1
            if self._streak >= max(4, 2 * self.threads):
                self._abort.set()

    def _send_row(self, row: _Row) -> _Outcome:
        """Runs on a pool thread: HTTP only, no database."""
        steps = rows_mod.split_steps(row.steps)
        if self._abort.is_set():
            return _Outcome(row, steps, "skipped")
        for index, step in enumerate(steps):
            try:
                self._send_step(step, row)
            except RetryableError as exc:
                self._note(progressed=index > 0)
                return _Outcome(row, steps[index:], "retry", f"{step}: {exc}", exc.retry_after_s)
            except PermanentError as exc:
                kind = "auth" if exc.status_code == 401 else "dead"
                if kind == "auth":
                    self._abort.set()
                return _Outcome(row, steps[index:], kind, f"{step}: HTTP {exc.status_code}: {exc.detail}")
            except ResultConflict as exc:  # a person must decide which outcome stands
                self._note(progressed=True)
                return _Outcome(row, steps[index:], "dead", f"{step}: {exc}")
            except Exception as exc:  # a row we cannot even build a request for: a person must look
                log.exception("outbox row for job %s: cannot send %s", row.job_id, step)
                return _Outcome(row, steps[index:], "dead", f"{step}: {type(exc).__name__}: {exc}")
        self._note(progressed=True)
        return _Outcome(row, [], "ok")

    def _send_step(self, step: str, row: _Row) -> None:
        if step == rows_mod.REGISTER:
            job = AIJob(
                id=row.job_id, type=row.job_type, payload=row.payload or {}, tenant_id=row.tenant_id,
                source_domain=row.source_domain, source_id=row.source_id,
            )
            self.client.register_job(job, PENDING if row.for_cloud else None, idempotency_key=row.register_key)
        elif step == rows_mod.RESULT:
            if row.result_status is None:
                raise ValueError("the job has no stored result to send")
            result = AIResult(
                job_id=row.job_id, status=row.result_status,  # type: ignore[arg-type]
                result=row.posted_result, error=row.result_error or "",
            )
            answer = self.client.post_result(result, submission_id=row.submission_id(), idempotency_key=row.result_key)
            if answer.duplicate:
                self._check_same_result(row, result)
        elif step == rows_mod.GRADING:
            self.client.request_grading(row.job_id, row.submission_id(), row.grading_key)
        elif step == rows_mod.CORRECTION:
            if not row.correction_key or not isinstance(row.correction_body, dict):
                raise ValueError("the row has no correction to send")
            self.client.post_correction(row.job_id, row.correction_body, row.correction_key)
        else:
            raise ValueError(f"unknown outbox step {step!r}")

    def _check_same_result(self, row: _Row, sent: AIResult) -> None:
        """After `duplicate_ignored`: is the result the central API keeps the one this row sent?

        The seed answers duplicate_ignored whenever the job has any result, without looking at the
        idempotency key, so the answer alone cannot tell our own repeat (an answer lost on the way, the
        normal exactly-once case: carry on) from another result stored first (a job run twice, or
        retried here after its FAILED was posted). The job's central state can: if it is final and differs
        from what we sent, grading must not be requested for an outcome the central API does not have.
        """
        remote = self.client.get_job(row.job_id)
        if remote is not None and not remote.final:
            # A FAILED the central queue took as one failed attempt and queued again (a central job with
            # attempts left): nothing final to disagree with.
            return
        # A result the teacher corrected later is kept centrally in its corrected form: once this row has
        # queued a correction, the central result may be any version of it.
        corrected_since = row.correction_key is not None and sent.status == JobStatus.DONE
        same = remote is not None and remote.status == sent.status and (
            sent.status != JobStatus.DONE or remote.result == sent.result or corrected_since
        )
        if not same:
            kept = remote.status if remote is not None else "no job"
            raise ResultConflict(
                f"the central API already has another result for this job (central: {kept}, here: {sent.status})"
            )

    def _save(self, outcomes: Sequence[_Outcome], report: SendReport) -> None:
        """Write a batch's outcomes in one transaction; each only if the row is as we read it.

        One statement executed for all rows (executemany): compiling an UPDATE per row cost more than
        SQLite's own work (measured ~0.8 ms a row).
        """
        now = self.clock()
        progressed = False
        params: list[dict[str, Any]] = []
        for outcome in outcomes:
            row = outcome.row
            sent_steps = len(rows_mod.split_steps(row.steps)) - len(outcome.remaining)
            report.rows += 1
            report.steps_sent += sent_steps
            progressed = progressed or sent_steps > 0
            values: dict[str, Any] = {
                "b_id": row.id, "b_old_steps": row.steps, "b_revision": row.revision,
                "b_steps": ",".join(outcome.remaining),
                "b_state": rows_mod.PENDING, "b_attempts": row.attempts, "b_error": "",
                "b_next": now, "b_sent_at": None,
            }
            if outcome.kind == "ok":
                waiting = row.for_cloud
                values.update(b_state=rows_mod.WAITING if waiting else rows_mod.SENT, b_attempts=0,
                              b_next=now + (self.poll_interval_s if waiting else 0.0),
                              b_sent_at=None if waiting else now)
                report.completed += 1
            elif outcome.kind == "dead":
                values.update(b_state=rows_mod.DEAD, b_error=outcome.error[:2000])
                report.dead += 1
                report.errors.append(f"{row.job_id}: {outcome.error}")
            else:  # retry, auth: keep it pending, try later
                failures = row.attempts + 1 if sent_steps == 0 else 1
                values.update(b_attempts=failures, b_error=outcome.error[:2000],
                              b_next=now + self._delay(failures, outcome.retry_after_s))
                report.retry_scheduled += 1
                if outcome.kind == "auth":
                    report.unauthorized = True
                    report.errors.append(outcome.error)
            params.append(values)
        if params:
            with self.store.write() as conn:
                conn.execute(_SAVE_ROW.values(updated_at=now), params)
        if not progressed and outcomes:
            report.offline = True
            report.errors.append(outcomes[-1].error)

    # ------------------------------------------------------------------ cloud jobs
    def poll_waiting(self, *, due_only: bool = True) -> SendReport:
        """Look up jobs waiting for the cloud worker (those due, or all); store finished ones' results."""
        report = SendReport()
        # Only jobs actually handed to the cloud: a row also waits while its job is retried here by hand,
        # and that one gets new steps when the job ends, with nothing to ask the API about meanwhile.
        due = self._load(rows_mod.WAITING, self.clock() if due_only else float("inf"), self.batch, cloud_only=True)
        if not due:
            return report
        looked_up = list(self._executor().map(self._look_up, due))
        now = self.clock()
        for row, answer in looked_up:
            if isinstance(answer, PermanentError) and answer.status_code == 401:
                # This desk's token is wrong, not the row: as on the send path, keep every row as it is
                # (fixing the token is enough) and stop the pass.
                report.unauthorized = True
                report.errors.append(f"poll: HTTP 401: {answer.detail}")
                break
            report.rows += 1
            if isinstance(answer, Exception):
                is_retryable = isinstance(answer, RetryableError)
                values: dict[str, Any] = {"last_error": str(answer)[:2000], "updated_at": now}
                if is_retryable:
                    values["next_attempt_at"] = now + max(self.poll_interval_s, self._delay(row.attempts + 1))
                    values["attempts"] = row.attempts + 1
                    report.retry_scheduled += 1
                else:
                    values["state"] = rows_mod.DEAD
                    report.dead += 1
                self._update_row(row, rows_mod.WAITING, values)
            elif answer is None:
                # The central API does not know the job: register it again.
                self._update_row(row, rows_mod.WAITING, {"steps": rows_mod.REGISTER, "state": rows_mod.PENDING,
                                                          "next_attempt_at": now, "updated_at": now})
            elif answer.final:
                outcome = AIResult(job_id=row.job_id, status=JobStatus(answer.status),
                                   result=answer.result, error=answer.error)
                if not self.queue.record_remote_result(row.job_id, outcome):
                    # The local job moved on (retried here by hand): nothing more to fetch.
                    self._update_row(row, rows_mod.WAITING, {"state": rows_mod.SENT, "sent_at": now,
                                                              "updated_at": now})
                report.completed += 1
            else:
                self._update_row(row, rows_mod.WAITING, {"next_attempt_at": now + self.poll_interval_s,
                                                          "updated_at": now})
        return report

    def _look_up(self, row: _Row) -> tuple[_Row, Any]:
        try:
            return row, self.client.get_job(row.job_id)
        except (RetryableError, PermanentError) as exc:
            return row, exc

    def _update_row(self, row: _Row, state: str, values: dict[str, Any]) -> None:
        with self.store.write() as conn:
            conn.execute(update(outbox).where(outbox.c.id == row.id, outbox.c.state == state).values(**values))

    # ------------------------------------------------------------------ loops
    def drain_now(self, *, max_passes: int = 1_000_000, poll_all_waiting: bool = False) -> SendReport:
        """Send until nothing more can be sent now: no due rows left, or the API is unreachable.

        Jobs waiting for the cloud are looked up once per drain (they change in minutes, not passes):
        those due for a look, or all of them with `poll_all_waiting` (a sync started by hand).
        """
        total = SendReport()
        waiting = self.poll_waiting(due_only=not poll_all_waiting)
        total.completed += waiting.completed
        total.dead += waiting.dead
        if waiting.unauthorized:
            total.unauthorized = True
            total.errors = waiting.errors[-20:]
            return total
        for _ in range(max_passes):
            report = self.send_due()
            total.add(report)
            if report.rows == 0 or report.offline or report.unauthorized:
                break
        return total

    def run(self, stop: threading.Event, *, until_empty: bool = False, wait_for_cloud: bool = True,
            idle_wait_s: float = 1.0) -> SendReport:
        """Keep sending until `stop` is set, or with `until_empty` until no row is pending (and, with
        `wait_for_cloud`, none is waiting for the cloud worker either); dead rows wait for a person.
        Sleeps until the next row is due, at most `idle_wait_s`, so new rows start soon."""
        total = SendReport()
        first = True
        while not stop.is_set():
            report = self.drain_now(poll_all_waiting=first)
            first = False
            total.add(report)
            if until_empty:
                counts = self.counts()
                left = counts[rows_mod.PENDING] + (counts[rows_mod.WAITING] if wait_for_cloud else 0)
                if left == 0:
                    break
            due = self.next_due_in()
            wait = idle_wait_s if due is None else min(idle_wait_s, max(due, 0.01))
            stop.wait(wait)
        return total
