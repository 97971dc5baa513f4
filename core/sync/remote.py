"""Remote-worker mode, the core parts: pull central jobs into the local store, and vet their inputs.

A puller thread claims jobs from `GET job/next/` and puts them in the local store (origin "central"),
keeping only a small backlog so a job does not sit here while its central lease runs down. The normal
worker loop runs them (wired in `desktop.services.remote_worker.run_remote_worker`, since `core` never imports
`worker`); before a central job's handler starts, `CentralInputs.prepare` downloads its URL input or
checks its path (`core.sync.inputs`). The queue writes each outcome with its outbox row ("result"),
and the outbox sender posts it, with retries, while the loop goes on.

Each pulled job's central lease is counted from its pull (`central_lease_s`; the API does not send it):
its input download gets at most half of it, several downloads run side by side (the loop's preparing
threads), and a job not finished within the lease is abandoned: FAILED here and not reported, since the
central queue has handed it to another worker by then.

A job the central API hands out that this desk already has: if it failed here, it is retried (the
central queue gave it another attempt); otherwise the desk is still on it, or its result is on the way.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.exc import IntegrityError

from core.contracts import FAILED, AIJob, AIResult, Origin
from core.queue import ClaimedJob, JobQueue, QueueError
from core.sync.backoff import Backoff
from core.sync.client import CentralClient, InvalidJob, PermanentError, RetryableError
from core.sync.inputs import DEFAULT_DEADLINE_S, InputUnavailable, resolve_central_inputs
from core.text import safe_text, text_problem

log = logging.getLogger(__name__)

# When the central queue is empty, ask again after this long: often enough that new work starts
# quickly, rarely enough that ten idle desks do not load the API.
IDLE_POLL_S = 1.0
# The seed's DBJobQueue leases a job for 120 s (visibility_timeout_sec); the API does not say so per job.
DEFAULT_CENTRAL_LEASE_S = 120.0
# Of the central lease, the part a job's input download may use: the handler and the result's post
# need the rest.
DOWNLOAD_SHARE = 0.5
# A job counts as out of its central lease a little before the lease ends: the lease started when the
# central API claimed it, a moment before this desk noted the pull, and the result still has to travel.
LEASE_USABLE_SHARE = 0.9


class CentralInputs:
    """The worker loop's `prepare` hook for central jobs. Called on the loop's thread."""

    def __init__(self, data_dir: Path, allowed_dirs: tuple[Path, ...], max_bytes: int,
                 http: httpx.Client | None = None, *, deadline_s: float = DEFAULT_DEADLINE_S,
                 allow_private: bool = False, lease_left: Callable[[str], float | None] | None = None) -> None:
        self.data_dir = data_dir
        self.allowed_dirs = allowed_dirs
        self.max_bytes = max_bytes
        self.deadline_s = deadline_s
        self.allow_private = allow_private
        self.lease_left = lease_left
        # No kept connections (see core.sync.inputs.download) and no proxy from the environment: the
        # connection must go to the address that was checked. Thread-safe: downloads run side by side.
        self._http = http or httpx.Client(limits=httpx.Limits(max_keepalive_connections=0), trust_env=False)

    def close(self) -> None:
        self._http.close()

    def deadline_for(self, job_id: str) -> float:
        """Seconds the job's download may take: the setting, cut to a share of what is left of its lease."""
        left = self.lease_left(job_id) if self.lease_left is not None else None
        return self.deadline_s if left is None else min(self.deadline_s, left * DOWNLOAD_SHARE)

    def prepare(self, job: ClaimedJob) -> dict[str, Any]:
        """The payload to run `job` with. Raises InputRefused (do not retry) or InputUnavailable (retry);
        the caller in `desktop` maps them to the worker's BadInput / TransientError. Called on one of the
        loop's preparing threads, several at once."""
        if job.origin != Origin.CENTRAL:
            return job.payload
        deadline = self.deadline_for(job.job_id)
        if deadline <= 0:
            raise InputUnavailable("the job's central lease ran out before its input could be downloaded")
        return resolve_central_inputs(
            job.payload, job.job_id, data_dir=self.data_dir, allowed_dirs=self.allowed_dirs,
            max_bytes=self.max_bytes, http=self._http, deadline_s=deadline, allow_private=self.allow_private,
        )

    def forget(self, job_id: str) -> None:
        """Delete what was downloaded for `job_id` (once the job is final, its result stored)."""
        downloads = self.data_dir / "downloads"
        folder = downloads / job_id
        # The id comes from the central API: never let it name a folder outside downloads/.
        if folder.parent != downloads or job_id in ("", ".", ".."):
            return
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class PullStats:
    pulled: int = 0
    retried_here: int = 0
    already_here: int = 0
    declined: int = 0  # handed out again after its FAILED was sent from here: answered FAILED at once
    invalid: int = 0  # did not follow the contract: answered FAILED at once
    errors: int = 0

    @property
    def refused(self) -> int:
        """Jobs the central queue handed out that this desk answered FAILED without running them."""
        return self.declined + self.invalid


class RemotePuller:
    """Claims central jobs into the local queue. `run()` blocks; use it on its own thread."""

    def __init__(
        self,
        queue: JobQueue,
        client: CentralClient,
        *,
        backlog: int,
        max_jobs: int | None = None,
        idle_exit_s: float | None = None,
        idle_poll_s: float = IDLE_POLL_S,
        backoff: Backoff | None = None,
        central_lease_s: float = DEFAULT_CENTRAL_LEASE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.queue = queue
        self.client = client
        self.backlog = max(1, backlog)
        self.max_jobs = max_jobs
        self.idle_exit_s = idle_exit_s
        self.idle_poll_s = idle_poll_s
        self.backoff = backoff or Backoff(base_s=0.5, cap_s=30.0)
        self.stats = PullStats()
        self.finished = threading.Event()
        self.fatal: str | None = None
        self.central_lease_s = central_lease_s
        self._clock = clock
        self._ids: set[str] = set()
        self._pulled_at: dict[str, float] = {}  # by job id, on `clock`
        self._ids_lock = threading.Lock()  # the loop thread reads the ids while this thread adds

    def lease_left(self, job_id: str) -> float | None:
        """Seconds of the job's central lease still usable (negative once past), None for a job not pulled
        by this run. Any thread."""
        with self._ids_lock:
            pulled_at = self._pulled_at.get(job_id)
        if pulled_at is None:
            return None
        return pulled_at + self.central_lease_s * LEASE_USABLE_SHARE - self._clock()

    def expired(self, job: ClaimedJob) -> str | None:
        """The worker loop's `expired` hook: a job past its central lease has been handed to another
        worker by now, so its outcome must not be posted over that worker's."""
        left = self.lease_left(job.job_id)
        if left is None or left > 0:
            return None
        return f"its central lease ({self.central_lease_s:g} s) ran out before it finished; abandoned, not reported"

    def pulled_ids(self) -> list[str]:
        with self._ids_lock:
            return list(self._ids)

    def _open_here(self) -> int:
        """Pulled jobs not yet final here; those already final are forgotten."""
        ids = self.pulled_ids()
        if not ids:
            return 0
        open_ids = self.queue.unfinished(ids)
        with self._ids_lock:
            for job_id in set(ids) - open_ids:
                self._ids.discard(job_id)
                self._pulled_at.pop(job_id, None)
        return len(open_ids)

    def run(self, stop: threading.Event) -> None:
        failures = 0
        last_work = time.monotonic()
        try:
            while not stop.is_set():
                if self.max_jobs is not None and self.stats.pulled >= self.max_jobs:
                    return
                if self._open_here() >= self.backlog:
                    stop.wait(0.02)
                    continue
                try:
                    job = self.client.next_job()
                except InvalidJob as exc:
                    self.stats.invalid += 1
                    self._refuse(exc)
                    continue
                except RetryableError as exc:
                    failures += 1
                    self.stats.errors += 1
                    log.info("central queue unreachable (%s); retrying", exc)
                    if self._idle_too_long(last_work):
                        return
                    stop.wait(self.backoff.delay(failures))
                    continue
                except PermanentError as exc:
                    self.fatal = f"the central API refused this desk: {exc}"
                    log.error("%s", self.fatal)
                    return
                failures = 0
                if job is None:
                    if self._idle_too_long(last_work):
                        return
                    stop.wait(self.idle_poll_s)
                    continue
                last_work = time.monotonic()
                self._accept(job)
        finally:
            self.finished.set()

    def _idle_too_long(self, since: float) -> bool:
        return self.idle_exit_s is not None and time.monotonic() - since >= self.idle_exit_s

    def _accept(self, job: AIJob) -> None:
        self.stats.pulled += 1
        with self._ids_lock:
            self._pulled_at[job.id] = self._clock()
        try:
            # One attempt here: retries belong to the central queue (a failure is posted FAILED and the
            # central queue hands the job out again); a local retry would outlive the central lease.
            self.queue.enqueue(job, origin=Origin.CENTRAL, max_attempts=1)
        except IntegrityError:
            view = self.queue.get(job.id)
            if view is not None and view.status == FAILED:
                try:
                    self.queue.retry(job.id)
                except QueueError:
                    again = self.queue.get(job.id)
                    if again is not None and again.status == FAILED:
                        # Its FAILED already went to the central API, so the queue will not run it again
                        # here (desk and central would disagree). Say so at once: the central queue then
                        # gives it to another worker instead of waiting out this desk's lease.
                        self.stats.declined += 1
                        self._report_failed(job.id, f"this desk already failed this job: {view.error}")
                        return
                    # else someone else retried it meanwhile: it runs here
                self.stats.retried_here += 1
            else:
                self.stats.already_here += 1
                return
        with self._ids_lock:
            self._ids.add(job.id)

    def _refuse(self, exc: InvalidJob) -> None:
        """A job we cannot even read: say so at once, so the central queue can give it to someone else."""
        if not exc.job_id:
            log.warning("central queue sent a job without an id: %s", exc)
            return
        self._report_failed(str(exc.job_id), f"desk cannot read this job: {exc}")

    def _report_failed(self, job_id: str, error: str) -> None:
        """Post FAILED for a job this desk claimed centrally but will not run (the puller's thread)."""
        if text_problem(job_id) is not None:
            log.warning("central queue sent a job whose id is not valid Unicode; not answered")
            return
        try:
            self.client.post_result(AIResult(job_id, FAILED, None, safe_text(error)))
        except (RetryableError, PermanentError) as err:
            # The central lease runs out and the job goes back to the queue anyway.
            log.warning("could not report job %s as failed: %s", job_id, err)
