"""The remote-worker runner: pull central jobs, run them here, post their results.

Used by `scandesk worker --remote` and by the GUI (on its worker QThread). Qt-free.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.contracts import DONE, FAILED, Origin
from core.queue import ClaimedJob, JobQueue
from core.queue.outbox_rows import OutboxState
from core.settings import Settings
from core.sync.client import CentralClient
from core.sync.inputs import InputRefused, InputUnavailable
from core.sync.outbox_sender import OutboxSender
from core.sync.remote import DEFAULT_CENTRAL_LEASE_S, CentralInputs, PullStats, RemotePuller
from worker.errors import BadInput, TransientError
from worker.loop import LoopEvent, LoopEventKind, LoopStats, WorkerConfig, WorkerLoop

log = logging.getLogger(__name__)


def prepare_hook(inputs: CentralInputs) -> Callable[[ClaimedJob], dict[str, Any]]:
    """The worker loop's `prepare` for central jobs: the inputs' errors as the worker's errors."""
    def prepare(job: ClaimedJob) -> dict[str, Any]:
        """Runs on one of the loop's preparing threads, before the handler."""
        try:
            return inputs.prepare(job)
        except InputRefused as exc:
            raise BadInput(str(exc)) from None
        except InputUnavailable as exc:
            raise TransientError(str(exc)) from None
        except Exception as exc:
            # A central job is written by someone else: whatever it makes the input code trip on must
            # fail that one job (retryably: it may be this desk's bug), never escape and stop the loop.
            log.exception("preparing the inputs of central job %s failed", getattr(job, "job_id", "?"))
            raise TransientError(f"could not prepare the job's inputs ({type(exc).__name__})") from None

    return prepare


@dataclass
class RemoteRun:
    pull: PullStats
    loop: LoopStats
    unsent: int  # outbox rows still pending (not sent) when the run ended
    fatal: str | None
    dead: int = 0  # outbox rows that went dead during the run: the central API refused them for good


def run_remote_worker(
    queue: JobQueue,
    client: CentralClient,
    config: WorkerConfig,
    *,
    max_jobs: int | None = None,
    idle_exit_s: float | None = None,
    download_max_bytes: int = 200 * 1024 * 1024,
    on_event: Callable[[LoopEvent], None] | None = None,
    stop: threading.Event | None = None,
    flush_timeout_s: float = 60.0,
    sender: OutboxSender,
    allowed_dirs: tuple[Path, ...] | None = None,
    download_deadline_s: float = 120.0,
    allow_private_downloads: bool = False,
    central_lease_s: float = DEFAULT_CENTRAL_LEASE_S,
) -> RemoteRun:
    """Pull, run and report central jobs until `max_jobs` were pulled, the central queue stayed empty
    for `idle_exit_s`, or `stop` is set; then wait at most `flush_timeout_s` for the results to go out
    (what does not go out stays in the outbox for `scandesk sync`).

    `allowed_dirs`: the folders a central job may name inputs in (default: `config.allowed_dirs`).
    Runs the worker loop on the calling thread (GUI: its QThread); starts a puller thread and a sender
    thread. `on_event` is called on the calling thread. `central_lease_s`: how long the central queue
    leases a job (its downloads get half of it; a job not finished within it is abandoned, not posted).
    """
    stop = stop or threading.Event()
    data_dir = Path(config.data_dir)
    allowed = tuple(config.allowed_dirs) if allowed_dirs is None else tuple(allowed_dirs)
    # The loop sleeps up to 0.25 s when it finds nothing runnable; a backlog of a few jobs per slot keeps
    # it busy while the puller refills, and is still seconds, not minutes, of the central lease.
    backlog = max(4, 4 * config.concurrency)
    puller = RemotePuller(queue, client, backlog=backlog, max_jobs=max_jobs, idle_exit_s=idle_exit_s,
                          central_lease_s=central_lease_s)
    inputs = CentralInputs(data_dir, allowed, download_max_bytes, deadline_s=download_deadline_s,
                           allow_private=allow_private_downloads, lease_left=puller.lease_left)

    def on_loop_event(event: LoopEvent) -> None:
        """Runs on the loop thread. A job's downloads go once it is final (its result is stored then)."""
        if event.kind == LoopEventKind.FINISHED:
            view = queue.get(event.job_id)
            if view is not None and view.status in (DONE, FAILED):
                inputs.forget(event.job_id)
        if on_event is not None:
            on_event(event)

    prepare = prepare_hook(inputs)
    # Claim only central jobs: they must start while their central lease runs, not after the desk's own
    # backlog (a job that outlives its central lease is handed to another worker and runs twice).
    config = dataclasses.replace(config, origin=Origin.CENTRAL)
    if config.allowed_dirs:
        # Handlers check their input against these folders; downloaded inputs live under the data dir.
        config = dataclasses.replace(config, allowed_dirs=(*config.allowed_dirs, data_dir / "downloads"))
    dead_before = sender.counts()[OutboxState.DEAD]
    sender_stop = threading.Event()
    loop = WorkerLoop(queue, config, on_event=on_loop_event, prepare=prepare, expired=puller.expired)
    threads = [
        threading.Thread(target=puller.run, args=(stop,), name="scandesk-remote-pull", daemon=True),
        threading.Thread(target=sender.run, args=(sender_stop,), name="scandesk-remote-send", daemon=True),
        threading.Thread(target=_stop_when_set, args=(stop, loop), name="scandesk-remote-stop", daemon=True),
    ]
    for thread in threads:
        thread.start()
    try:
        loop_stats = loop.run(until=lambda: puller.finished.is_set() and not queue.unfinished(puller.pulled_ids()))
    finally:
        stop.set()
        threads[0].join(timeout=30)
        sender_stop.set()
        threads[1].join(timeout=30)
    flush_stop = threading.Event()
    timer = threading.Timer(flush_timeout_s, flush_stop.set)
    timer.start()
    try:
        sender.run(flush_stop, until_empty=True, wait_for_cloud=False)
        counts = sender.counts()
    finally:
        timer.cancel()
        inputs.close()
    return RemoteRun(pull=puller.stats, loop=loop_stats, unsent=counts[OutboxState.PENDING], fatal=puller.fatal,
                     dead=max(0, counts[OutboxState.DEAD] - dead_before))


def _stop_when_set(stop: threading.Event, loop: WorkerLoop) -> None:
    stop.wait()
    loop.stop()


def central_input_dirs(settings: Settings) -> tuple[Path, ...]:
    """Where central jobs may name input files: the import folders and the watched folder."""
    dirs = tuple(Path(p).expanduser() for p in settings.import_dirs)
    return (*dirs, Path(settings.watched_dir).expanduser()) if settings.watched_dir else dirs


