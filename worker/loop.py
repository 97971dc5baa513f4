"""The claim loop: lease jobs from the queue, run their handlers, record how each ended.

The same loop runs headless (`scandesk worker`, `scandesk run`, `scandesk omr`) and inside the GUI's
QThread. Handlers run in a pool: processes by default (OMR and OCR are CPU-bound, so one process per
core), threads for light work and tests. Leases are kept alive by a heartbeat thread at a third of the
lease time, so a slow job is never taken from a live worker, while a dead worker's jobs come back
once its lease runs out.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import os
import queue as queue_module
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from core.contracts import Origin
from core.queue import ClaimedJob, JobQueue, JobView, Outcome
from core.queue.worker_ids import make_worker_id
from core.text import first_line
from worker import execution
from worker.errors import BadInput, JobError

log = logging.getLogger(__name__)

# How long the loop sleeps when nothing is runnable and nothing is running. Short enough that a job
# enqueued by another process starts promptly, long enough that an idle desk does not spin.
IDLE_POLL_S = 0.25
# Progress is written to the store at most this often per job: it is for people, not for the queue.
PROGRESS_INTERVAL_S = 0.5
# How long a stopping loop waits for its idle pool children to exit before ending them.
POOL_EXIT_S = 5.0
# After a database error (server restarting, lock trouble, a full disk) the loop waits and tries again,
# doubling the wait up to the cap; outcomes not yet stored are kept and stored then, their leases kept
# alive meanwhile. A bounded run (`once`, `idle_exit`, `max_jobs`) gives up after DB_TRIES_BOUNDED tries
# in a row and raises the error: a script must not hang on a store that stays broken.
DB_RETRY_S = 1.0
DB_RETRY_CAP_S = 30.0
DB_TRIES_BOUNDED = 3


def default_worker_id() -> str:
    return make_worker_id("worker")


def default_concurrency() -> int:
    return max(1, os.cpu_count() or 1)


class WorkerMode(StrEnum):
    """Where handlers run: a process pool (CPU-bound engines, one per core) or threads (tests)."""

    PROCESS = "process"
    THREAD = "thread"


class LoopEventKind(StrEnum):
    STARTED = "started"
    PROGRESS = "progress"
    FINISHED = "finished"
    IDLE = "idle"
    STOPPED = "stopped"


@dataclass(frozen=True)
class WorkerConfig:
    worker_id: str = field(default_factory=default_worker_id)
    concurrency: int = field(default_factory=default_concurrency)
    mode: WorkerMode = WorkerMode.PROCESS
    data_dir: Path = Path(".")
    settings: Mapping[str, Any] = field(default_factory=dict)
    allowed_dirs: tuple[Path, ...] = ()
    job_types: tuple[str, ...] | None = None
    origin: Origin | None = None  # claim only jobs from there (CENTRAL in remote mode)
    handler_overrides: Mapping[str, str] | None = None
    # Job types whose handlers each pool child imports when it starts, before its first job.
    preload: tuple[str, ...] = ()
    # Seconds a graceful stop waits for running handlers before giving their jobs back.
    stop_grace_s: float = 10.0


@dataclass(frozen=True, slots=True)
class LoopEvent:
    """What the loop tells its owner (the CLI's printer, the GUI's QThread). Plain data only."""

    kind: LoopEventKind
    job_id: str = ""
    job_type: str = ""
    outcome: str = ""
    message: str = ""
    fraction: float = 0.0
    seconds: float = 0.0


@dataclass
class LoopStats:
    claimed: int = 0
    done: int = 0
    failed: int = 0
    retried: int = 0
    cloud: int = 0
    lease_lost: int = 0
    released: int = 0
    abandoned: int = 0  # outcome no longer wanted (see WorkerLoop's `expired`): FAILED here, not reported


@dataclass
class _Running:
    job: ClaimedJob
    future: cf.Future[Any]  # the handler's HandlerOutcome, or while `preparing` the prepared payload
    started: float
    pool_generation: int  # which pool runs it: a broken pool is replaced once, not once per job
    preparing: bool = False


PrepareFn = Callable[[ClaimedJob], dict[str, Any]]
# Why a job's outcome is no longer wanted (a central job whose central lease has run out), or None.
ExpiredFn = Callable[[ClaimedJob], str | None]


class WorkerLoop:
    """Drives one worker. `run()` blocks; `stop()`, `pause()` and `resume()` may be called from any thread.

    `on_event` is called on the thread that runs `run()`; it must be quick (the GUI forwards it as a
    queued signal). `prepare` may rewrite a claimed job's payload before its handler runs (the remote
    worker downloads inputs there); it runs on a thread of its own, at most `concurrency` at once, each
    holding the slot its job will run in, and may raise BadInput. `expired(job)` says why a job's outcome
    is no longer wanted: such a job is abandoned (FAILED here, nothing reported) instead of started or
    completed. It is called on the loop thread. `pool` is a process pool started earlier
    (`execution.start_child_pool`, `config.concurrency` children) that the loop takes over and ends.
    """

    def __init__(
        self,
        queue: JobQueue,
        config: WorkerConfig,
        *,
        on_event: Callable[[LoopEvent], None] | None = None,
        prepare: PrepareFn | None = None,
        expired: ExpiredFn | None = None,
        pool: execution.ChildPool | None = None,
    ) -> None:
        if config.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if config.mode not in tuple(WorkerMode):
            raise ValueError(f"mode must be process or thread, not {config.mode!r}")
        self.queue = queue
        self.config = config
        self.stats = LoopStats()
        self._on_event = on_event or (lambda _event: None)
        self._prepare = prepare
        self._expired = expired
        self._preparer: cf.ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._finished = threading.Event()  # run() has returned: ends the heartbeat thread
        self._resume = threading.Event()
        self._resume.set()
        self._running: dict[str, _Running] = {}
        # Claimed jobs not started yet: a database error while starting one leaves it and the rest of its
        # batch here, held under this worker's lease, started on the next pass or given back on stop.
        self._unstarted: deque[ClaimedJob] = deque()
        # Handlers that have ended but whose outcome is not stored yet (a database error): still held.
        self._ended: dict[str, tuple[ClaimedJob, execution.HandlerOutcome]] = {}
        self._lock = threading.Lock()  # guards _running and _ended between the loop and the heartbeat thread
        self._pool_generation = 0
        self._shutting_down = False
        self._progress_seen: dict[str, float] = {}
        self._db_trouble = _Trouble("the database")
        self._giving_up = False
        self._heartbeat_trouble = _Trouble("heartbeat: the database")
        self._executor: cf.Executor | None = None
        self._given_pool = pool
        self._progress_queue: Any = None
        self._cancel_event: Any = None

    # ------------------------------------------------------------------ control (any thread)

    def stop(self) -> None:
        self._stop.set()
        self._resume.set()

    def pause(self) -> None:
        """Claim nothing new; jobs already running finish."""
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # ------------------------------------------------------------------ the loop

    def run(
        self,
        *,
        once: bool = False,
        idle_exit: float | None = None,
        until: Callable[[], bool] | None = None,
        max_jobs: int | None = None,
    ) -> LoopStats:
        """Work until stopped, or: `once` (nothing runnable now), `idle_exit` seconds without work,
        `until()` true (checked when a job ends and when idle), or `max_jobs` claimed."""
        # A worker of this host killed outright left its jobs RUNNING; they run again now, not after
        # their lease. Only workers whose process is gone are touched.
        try:
            released = self.queue.release_dead_workers()
        except DBAPIError:
            log.exception("could not give back the jobs of ended workers; their leases will expire")
            released = set()
        if released:
            log.info("gave back %d jobs of worker processes that ended", len(released))
        self._start_executor()
        heartbeat = threading.Thread(target=self._heartbeat_loop, name="scandesk-heartbeat", daemon=True)
        heartbeat.start()
        idle_since: float | None = None
        bounded = once or idle_exit is not None or max_jobs is not None
        # A bounded run that meets a broken store ends with the error, which its caller reports: the
        # tries before that are not worth a line each.
        self._db_trouble.quiet = bounded
        db_failures = 0
        try:
            while not self._stop.is_set():
                try:
                    self._store_ended()
                    if not self._resume.is_set():
                        self._collect(timeout=0.1)
                        self._resume.wait(0.2)
                        continue
                    claimed = self._claim(max_jobs)
                except DBAPIError as exc:
                    db_failures += 1
                    if bounded and db_failures >= DB_TRIES_BOUNDED:
                        self._giving_up = True  # the caller reports the error; shutdown's own failures are expected
                        raise
                    wait = min(DB_RETRY_CAP_S, DB_RETRY_S * 2 ** (db_failures - 1))
                    self._db_trouble.failed(exc, f"trying again, waiting up to {DB_RETRY_CAP_S:.0f} s between tries")
                    self._stop.wait(wait)
                    continue
                if db_failures:
                    db_failures = 0
                    self._db_trouble.recovered()
                busy = bool(self._running)
                if not busy and not claimed:
                    if until is not None and until():
                        break
                    if once or (max_jobs is not None and self.stats.claimed >= max_jobs):
                        break
                    now = time.monotonic()
                    idle_since = idle_since or now
                    if idle_exit is not None and now - idle_since >= idle_exit:
                        break
                    self._emit(LoopEvent(LoopEventKind.IDLE))
                    self._sleep_until_due(idle_exit, idle_since)
                    continue
                idle_since = None
                try:
                    ended = self._collect(timeout=0.05 if claimed else IDLE_POLL_S)
                except DBAPIError as exc:  # abandoning a job whose inputs came too late: tried again next time
                    self._db_trouble.failed(exc, "the job stays tracked and is tried again")
                    self._stop.wait(DB_RETRY_S)
                    continue
                if ended and not self._running and not self._ended and until is not None and until():
                    break
        finally:
            self._shutdown()
            self._finished.set()
            heartbeat.join(timeout=5)
            self._emit(LoopEvent(LoopEventKind.STOPPED))
        return self.stats

    def _claim(self, max_jobs: int | None) -> bool:
        """Start the jobs claimed earlier and not started yet, then claim and start more. Raises DBAPIError
        with the job it met it on, and those after it, still waiting in `_unstarted`."""
        started = self._start_unstarted()
        free = self.config.concurrency - len(self._running)
        if max_jobs is not None:
            free = min(free, max_jobs - self.stats.claimed)
        if free <= 0:
            return started
        claimed = self.queue.claim_many(
            self.config.worker_id, free, job_types=self.config.job_types, origin=self.config.origin
        )
        self.stats.claimed += len(claimed)
        self._unstarted.extend(claimed)
        return self._start_unstarted() or started

    def _start_unstarted(self) -> bool:
        started = False
        while self._unstarted:
            job = self._unstarted[0]
            try:
                self._submit(job)
            except DBAPIError:
                raise
            except Exception as exc:  # a job that cannot even be started fails alone
                log.exception("starting job %s failed", job.job_id)
                self._end(job, execution.HandlerOutcome(job.job_id, execution.RETRYABLE, None, f"could not start the job: {type(exc).__name__}: {exc}"))
            self._unstarted.popleft()
            started = True
        return started

    def _submit(self, job: ClaimedJob) -> None:
        if self._abandon_if_expired(job):
            return
        if self._prepare is None:
            self._start_handler(job, job.payload)
            return
        if self._preparer is None:
            self._preparer = cf.ThreadPoolExecutor(max_workers=self.config.concurrency, thread_name_prefix="scandesk-prepare")
        future = self._preparer.submit(self._prepare, job)
        with self._lock:
            self._running[job.job_id] = _Running(job, future, time.monotonic(), self._pool_generation, preparing=True)

    def _prepared(self, running: _Running) -> None:
        """A job's inputs are ready (or could not be made ready): start its handler, or end it."""
        job = running.job
        try:
            payload = running.future.result()
        except JobError as exc:
            kind = execution.RETRYABLE if exc.retryable else execution.BAD_INPUT
            self._end(job, execution.HandlerOutcome(job.job_id, kind, None, str(exc)), store=False)
            return
        except Exception as exc:  # a bug in preparing must cost this job an attempt, not the loop
            log.exception("preparing job %s failed", job.job_id)
            message = f"preparing the job failed: {type(exc).__name__}: {exc}"
            self._end(job, execution.HandlerOutcome(job.job_id, execution.RETRYABLE, None, message), store=False)
            return
        if self._shutting_down:
            self._end(job, execution.HandlerOutcome(job.job_id, execution.CANCELLED, None, "stopped before it started"), store=False)
            return
        if self._abandon_if_expired(job):
            return
        try:
            self._start_handler(job, payload)
        except DBAPIError:
            raise
        except Exception as exc:
            log.exception("starting job %s failed", job.job_id)
            message = f"could not start the job: {type(exc).__name__}: {exc}"
            self._end(job, execution.HandlerOutcome(job.job_id, execution.RETRYABLE, None, message), store=False)

    def _abandon_if_expired(self, job: ClaimedJob) -> bool:
        reason = self._expired(job) if self._expired is not None else None
        if reason is None:
            return False
        # Recorded before the job leaves `_running`: if the database fails here, the job is still tracked
        # (heartbeated, and tried again on the next collect) instead of waiting out its lease unseen.
        result = self.queue.abandon(job.job_id, job.lease_token, reason)
        with self._lock:
            self._running.pop(job.job_id, None)
        self.stats.abandoned += 1
        log.warning("job %s abandoned: %s", job.job_id, reason)
        self._progress_seen.pop(job.job_id, None)
        self._emit(LoopEvent(LoopEventKind.FINISHED, job.job_id, job.job_type, str(result), reason))
        return True

    def _start_handler(self, job: ClaimedJob, payload: dict[str, Any]) -> None:
        call = execution.HandlerCall(
            job_id=job.job_id,
            job_type=job.job_type,
            payload=payload,
            data_dir=str(self.config.data_dir),
            settings=dict(self.config.settings),
            allowed_dirs=tuple(str(p) for p in self.config.allowed_dirs),
            handler_overrides=dict(self.config.handler_overrides) if self.config.handler_overrides else None,
        )
        assert self._executor is not None
        if self.config.mode == WorkerMode.PROCESS:
            future = self._executor.submit(execution.run_in_child, call)
        else:
            future = self._executor.submit(execution.run_call, call, self._thread_progress(job.job_id), self._cancel_event.is_set)
        with self._lock:
            self._running[job.job_id] = _Running(job, future, time.monotonic(), self._pool_generation)
        self._emit(LoopEvent(LoopEventKind.STARTED, job.job_id, job.job_type))

    def _collect(self, timeout: float) -> bool:
        """Wait up to `timeout` for handlers to end; record every ended one. True if any ended."""
        self._drain_progress()
        with self._lock:
            futures = {r.future: r for r in self._running.values()}
        if not futures:
            return False
        finished, _ = cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        if not finished:
            return False
        for future in finished:
            running = futures[future]
            if running.preparing:
                self._prepared(running)
            else:
                self._end(running.job, self._outcome_of(running, future), store=False)
        try:
            self._store_ended()
        except DBAPIError as exc:
            self._db_trouble.failed(exc, "job outcomes are kept and stored when it answers")
        self._drain_progress()
        return True

    def _end(self, job: ClaimedJob, outcome: execution.HandlerOutcome, *, store: bool = True) -> None:
        """A handler has ended: keep its outcome (and its lease) until the outcome is stored."""
        with self._lock:
            self._running.pop(job.job_id, None)
            self._ended[job.job_id] = (job, outcome)
        if store:
            self._store_ended()

    def _store_ended(self) -> None:
        """Store every kept outcome. Raises DBAPIError if the database fails (the outcomes stay kept)."""
        with self._lock:
            ended = list(self._ended.values())
        if not ended:
            return
        if self._expired is not None:
            for job, o in [(job, o) for job, o in ended if o.kind != execution.CANCELLED]:
                if self._abandon_if_expired(job):
                    self._forget(job)
                    ended.remove((job, o))
        done = [(job, o) for job, o in ended if o.kind == execution.OK]
        if done:
            try:
                # Handlers that ended together are completed in one transaction.
                results = self.queue.complete_many([(job.job_id, job.lease_token, o.result or {}) for job, o in done])
            except DBAPIError:
                raise
            except Exception:
                # A result the store will not take: complete them one by one, so only its own job fails.
                log.exception("completing %d jobs together failed; completing them one by one", len(done))
                results = {job.job_id: self._complete_alone(job, o) for job, o in done}
            for job, o in done:
                self._forget(job)
                self._count_and_emit(job, results[job.job_id], o)
        for job, o in ended:
            if o.kind != execution.OK:
                self._record_safely(job, o)
                self._forget(job)

    def _complete_alone(self, job: ClaimedJob, outcome: execution.HandlerOutcome) -> Outcome:
        try:
            return self.queue.complete(job.job_id, job.lease_token, outcome.result or {})
        except DBAPIError:
            raise
        except Exception as exc:
            return self._fail_for_good(job, f"its result could not be stored ({type(exc).__name__}: {exc})")

    def _record_safely(self, job: ClaimedJob, outcome: execution.HandlerOutcome) -> None:
        """Record how a job ended; if that throws (not a database outage), the job fails alone, for good."""
        try:
            self._record(job, outcome)
        except DBAPIError:
            raise
        except Exception as exc:
            log.exception("recording the outcome of job %s failed", job.job_id)
            result = self._fail_for_good(job, f"its outcome could not be recorded ({type(exc).__name__}: {exc})")
            self._count_and_emit(job, result, outcome)

    def _fail_for_good(self, job: ClaimedJob, reason: str) -> Outcome:
        try:
            return self.queue.fail(job.job_id, job.lease_token, reason, retryable=False)
        except DBAPIError:
            raise
        except Exception:
            # Nothing more can be written for it; its lease runs out and the queue's attempt limit ends it.
            log.exception("job %s could not be marked failed", job.job_id)
            return Outcome.LEASE_LOST

    def _forget(self, job: ClaimedJob) -> None:
        with self._lock:
            self._ended.pop(job.job_id, None)

    def _outcome_of(self, running: _Running, future: cf.Future[execution.HandlerOutcome]) -> execution.HandlerOutcome:
        try:
            return future.result()
        except cf.process.BrokenProcessPool:
            # A child died (killed, out of memory, a crash in native code). The whole pool is broken,
            # so every job in it ends here; the pool is replaced once, by the first of them.
            if running.pool_generation == self._pool_generation:
                self._restart_executor()
            return execution.HandlerOutcome(running.job.job_id, execution.RETRYABLE, None, "the worker process died while running this job")
        except Exception as exc:  # pickling errors and the like; the handler's own errors never get here
            return execution.HandlerOutcome(running.job.job_id, execution.RETRYABLE, None, f"{type(exc).__name__}: {exc}")

    def _record(self, job: ClaimedJob, outcome: execution.HandlerOutcome) -> None:
        if outcome.kind == execution.NEEDS_CLOUD:
            result = self.queue.send_to_cloud(job.job_id, job.lease_token, outcome.message)
        elif outcome.kind == execution.CANCELLED:
            result = Outcome.LEASE_LOST if not self.queue.release(job.job_id, job.lease_token) else Outcome.RETRY_SCHEDULED
            self.stats.released += 1
        else:
            result = self.queue.fail(job.job_id, job.lease_token, outcome.message, retryable=outcome.kind == execution.RETRYABLE)
        self._count_and_emit(job, result, outcome)

    def _count_and_emit(self, job: ClaimedJob, result: Outcome, outcome: execution.HandlerOutcome) -> None:
        counter = {
            Outcome.DONE: "done",
            Outcome.FAILED: "failed",
            Outcome.RETRY_SCHEDULED: "retried",
            Outcome.CLOUD: "cloud",
            Outcome.LEASE_LOST: "lease_lost",
        }[result]
        setattr(self.stats, counter, getattr(self.stats, counter) + 1)
        if result is Outcome.LEASE_LOST:
            log.warning("job %s: lease lost; its outcome (%s) was not recorded", job.job_id, outcome.kind)
        self._progress_seen.pop(job.job_id, None)
        self._emit(LoopEvent(LoopEventKind.FINISHED, job.job_id, job.job_type, str(result), outcome.message, 1.0, outcome.seconds))

    # ------------------------------------------------------------------ heartbeats, progress

    def _heartbeat_loop(self) -> None:
        """Runs on its own thread so that a long handler never lets its lease run out."""
        interval = max(0.05, self.queue.lease_seconds / 3)
        while not self._finished.wait(interval):
            with self._lock:
                held = [(r.job.job_id, r.job.lease_token) for r in self._running.values()]
                held += [(job.job_id, job.lease_token) for job, _ in self._ended.values()]
            if not held:
                continue
            try:
                kept = self.queue.heartbeat_many(held)
            except DBAPIError as exc:  # a locked or unreachable database: try again next beat
                self._heartbeat_trouble.failed(exc, "leases are extended at the next beat")
                continue
            except Exception:
                log.exception("heartbeat failed")
                continue
            self._heartbeat_trouble.recovered()
            for job_id, _ in held:
                if job_id not in kept:
                    log.warning("job %s: lease lost (another worker took it over)", job_id)

    def _thread_progress(self, job_id: str) -> Callable[[float, str], None]:
        def report(fraction: float, message: str) -> None:
            self._progress_queue.put((job_id, fraction, message))

        return report

    def _drain_progress(self) -> None:
        now = time.monotonic()
        latest: dict[str, tuple[float, str]] = {}
        while True:
            try:
                job_id, fraction, message = self._progress_queue.get_nowait()
            except (queue_module.Empty, OSError, EOFError):
                break
            latest[job_id] = (fraction, message)
        for job_id, (fraction, message) in latest.items():
            with self._lock:
                running = self._running.get(job_id)
            if running is None:
                continue
            self._emit(LoopEvent(LoopEventKind.PROGRESS, job_id, running.job.job_type, fraction=fraction, message=message))
            # Counted from the job's start: a job that ends within the interval (an OMR page) writes no
            # progress at all, only its outcome.
            if now - self._progress_seen.get(job_id, running.started) >= PROGRESS_INTERVAL_S:
                self._progress_seen[job_id] = now
                try:
                    self.queue.update_progress(job_id, running.job.lease_token, fraction, message)
                except DBAPIError:  # progress is for people; the next report will try again
                    log.debug("progress of job %s not stored", job_id, exc_info=True)

    # ------------------------------------------------------------------ pool

    def _start_executor(self) -> None:
        if self.config.mode == WorkerMode.PROCESS:
            # A pool given to the loop serves its first start; a broken pool is replaced by a new one.
            pool, self._given_pool = self._given_pool, None
            if pool is None:
                pool = execution.start_child_pool(self.config.concurrency, self.config.preload,
                                                  self.config.handler_overrides)
            self._executor, self._progress_queue, self._cancel_event = pool.executor, pool.progress, pool.cancel
        else:
            if self._given_pool is not None:  # threads need no process pool
                self._given_pool.close()
                self._given_pool = None
            self._progress_queue = queue_module.SimpleQueue()
            self._cancel_event = threading.Event()
            self._executor = cf.ThreadPoolExecutor(max_workers=self.config.concurrency, thread_name_prefix="scandesk-job")

    def _restart_executor(self) -> None:
        """A dead child breaks the whole pool: start a new one (not while stopping: nothing would use it)."""
        if self._shutting_down:
            return
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._pool_generation += 1
        self._start_executor()

    def _shutdown(self) -> None:
        """Graceful stop: jobs not yet started go back at once; running ones are asked to stop and get
        `stop_grace_s` to end.

        After that, process mode ends the pool's children and gives their jobs back. Thread mode cannot
        end a thread: a job whose handler still runs is left to its lease, so that no other worker runs
        it while this one still does; jobs not started go back.
        """
        executor = self._executor
        if executor is None:
            return
        self._shutting_down = True
        with self._lock:
            running = list(self._running.values())
        unstarted = [r for r in running if r.future.cancel()]
        with self._lock:
            for r in unstarted:
                self._running.pop(r.job.job_id, None)
        # Handlers that check ctx.cancelled() stop at their next step and their jobs go back (Cancelled);
        # the others get the grace time to finish.
        if self._cancel_event is not None:
            self._cancel_event.set()
        deadline = time.monotonic() + self.config.stop_grace_s
        while self._running and time.monotonic() < deadline:
            try:
                self._collect(timeout=0.2)
            except DBAPIError as exc:
                log.log(self._shutdown_level, "could not store outcomes while stopping: %s", first_line(exc))
                break
        with self._lock:
            still_running = [r for r in self._running.values() if not r.preparing]
            # A download still going on runs no handler: its job can go back now.
            still_preparing = [r for r in self._running.values() if r.preparing]
            self._running.clear()
        if self._preparer is not None:
            self._preparer.shutdown(wait=False, cancel_futures=True)
            self._preparer = None
        if still_running and self.config.mode == WorkerMode.PROCESS:
            _end_pool_children(executor)
            give_back = unstarted + still_preparing + still_running
        else:
            give_back = unstarted + still_preparing
            for r in still_running:
                log.warning("job %s is still running in a thread; it goes back when its lease ends", r.job.job_id)
        waiting = [(job.job_id, job.lease_token) for job in self._unstarted]
        self._unstarted.clear()
        try:
            self._store_ended()
            if give_back or waiting:
                released = self.queue.release_many([(r.job.job_id, r.job.lease_token) for r in give_back] + waiting)
                self.stats.released += len(released)
        except DBAPIError as exc:
            log.log(self._shutdown_level, "could not give jobs back while stopping (%s); their leases will run out",
                    first_line(exc))
        self._executor = None
        children = _pool_children(executor)  # the executor forgets them when shut down
        executor.shutdown(wait=False, cancel_futures=True)
        # Children started ahead of work (preload) may still be starting; their queue and stop event must
        # outlive that, or they fail reading them once this loop is gone.
        _join_children(children, POOL_EXIT_S)

    @property
    def _shutdown_level(self) -> int:
        return logging.INFO if self._giving_up else logging.WARNING

    def _sleep_until_due(self, idle_exit: float | None, idle_since: float) -> None:
        try:
            due = self.queue.next_due_in()
        except DBAPIError as exc:  # the next claim meets the same error and handles it
            self._db_trouble.failed(exc, "trying again")
            due = None
        wait = IDLE_POLL_S if due is None else min(max(due, 0.01), IDLE_POLL_S * 4)
        if idle_exit is not None:
            wait = min(wait, max(0.01, idle_since + idle_exit - time.monotonic()))
        self._stop.wait(wait)

    def _emit(self, event: LoopEvent) -> None:
        try:
            self._on_event(event)
        except Exception:  # an observer's bug must not stop the worker
            log.exception("loop event handler failed")


class _Trouble:
    """Logs a recurring error once when it starts (or changes) and once when it ends, not on every try.
    Each instance is used from one thread."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.quiet = False  # log at INFO, not WARNING
        self._current: str | None = None

    def failed(self, exc: BaseException, then: str) -> None:
        message = first_line(exc)
        if message != self._current:
            log.log(logging.INFO if self.quiet else logging.WARNING, "%s failed: %s; %s", self.what, message, then)
            self._current = message
        else:
            log.debug("%s failed again: %s", self.what, message)

    def recovered(self) -> None:
        if self._current is not None:
            log.log(logging.INFO if self.quiet else logging.WARNING, "%s answers again", self.what)
            self._current = None


def _pool_children(executor: cf.Executor) -> list[Any]:
    """A process pool's child processes (ProcessPoolExecutor has no public way before Python 3.14); none
    for a thread pool."""
    return list((getattr(executor, "_processes", None) or {}).values())


def _join_children(children: list[Any], timeout: float) -> None:
    """Wait up to `timeout` for a shut-down pool's children to exit; end those still there."""
    deadline = time.monotonic() + timeout
    for process in children:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
    _end_children([process for process in children if process.is_alive()])


def _end_pool_children(executor: cf.Executor) -> None:
    _end_children(_pool_children(executor))


def _end_children(children: list[Any]) -> None:
    for process in children:
        with contextlib.suppress(OSError, AttributeError):
            process.terminate()
    for process in children:
        process.join(timeout=5)


def run_jobs(
    queue: JobQueue,
    job_ids: Sequence[str],
    *,
    config: WorkerConfig | None = None,
    on_event: Callable[[LoopEvent], None] | None = None,
    prepare: PrepareFn | None = None,
    pool: execution.ChildPool | None = None,
) -> list[JobView]:
    """Run the normal claim loop here until these jobs are final (or waiting for the cloud); `pool` as for
    WorkerLoop."""
    ids = list(job_ids)
    loop = WorkerLoop(queue, config or WorkerConfig(), on_event=on_event, prepare=prepare, pool=pool)
    loop.run(until=lambda: not queue.unfinished(ids))
    return queue.get_many(ids)


__all__ = ["BadInput", "LoopEvent", "LoopStats", "WorkerConfig", "WorkerLoop", "run_jobs"]
