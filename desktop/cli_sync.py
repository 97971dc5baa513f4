"""`scandesk sync [--once] [--status] [--retry-dead [ID ...]]` and the remote-worker mode of `scandesk worker`.

Headless: imports no Qt. Wired into `scandesk` by `desktop/cli.py` (`register`) and by the `worker`
command in `desktop/cli_jobs.py`:
    cli_sync.add_remote_arguments(worker_parser)          # adds --remote and --max-jobs
    if args.remote: return cli_sync.cmd_remote_worker(args, queue, config, settings)
(`args.idle_exit` and `args.quiet` come from the worker parser.) The same is reachable standalone for
scripts: `python -m desktop.cli_sync worker --remote ...` and `python -m desktop.cli_sync sync`.
The GUI can reuse `make_client`, `make_sender` (then `OutboxSender.run(stop)` on a thread) and
`run_remote_worker` (on its worker QThread).

Exit codes: 0 everything sent (or nothing to send); 1 something is still unsent (offline, dead rows,
waiting for the cloud) or the central API refused this desk; 2 bad input or settings.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from core.contracts import DONE, FAILED
from core.queue import JobQueue
from core.secrets import worker_token
from core.settings import Settings
from core.sync.backoff import Backoff
from core.sync.client import CentralClient
from core.sync.inputs import InputRefused, InputUnavailable
from core.sync.outbox_sender import OutboxSender, SendReport
from core.sync.remote import CentralInputs, PullStats, RemotePuller
from desktop.cli_common import CliError, load_desk_settings, open_queue

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- shared
def make_client(settings: Settings) -> CentralClient:
    """The central API client from settings (SCANDESK_API_URL / _WORKER_TOKEN / _WORKER_ID apply)."""
    if not settings.api_url:
        raise CliError("api_url is not set: scandesk config set api_url https://... (or SCANDESK_API_URL)")
    token = worker_token()
    if not token:
        raise CliError("worker token is not set: scandesk config set worker_token - (or SCANDESK_WORKER_TOKEN)")
    timeout = httpx.Timeout(settings.sync_timeout_seconds, connect=min(5.0, settings.sync_timeout_seconds))
    return CentralClient(settings.api_url, token, settings.worker_id, timeout=timeout)


def make_sender(
    queue: JobQueue, client: CentralClient, settings: Settings, partition: tuple[int, int] = (0, 1)
) -> OutboxSender:
    base = min(settings.sync_retry_base_seconds, settings.sync_retry_cap_seconds)
    backoff = Backoff(base_s=base, cap_s=settings.sync_retry_cap_seconds)
    return OutboxSender(queue.store, client, queue=queue, backoff=backoff, partition=partition)


def _on_signals(stop: Callable[[], None]) -> None:
    """Ctrl-C / SIGTERM end the command cleanly; the outbox keeps whatever is not sent yet."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handle(signum: int, _frame: Any) -> None:
        print(f"stopping (signal {signum}); unsent rows stay in the outbox", file=sys.stderr)
        stop()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)


def _summary(report: SendReport, counts: dict[str, int]) -> str:
    line = (f"sync: {report.completed} jobs sent ({report.steps_sent} calls); outbox: {counts['pending']} pending, "
            f"{counts['waiting']} waiting for the cloud, {counts['dead']} dead, {counts['sent']} sent")
    if report.unauthorized:
        line += "; the central API refused the worker token (401)"
    elif report.offline:
        line += "; the central API is unreachable now"
    return line


# ---------------------------------------------------------------- sync
def cmd_sync(args: argparse.Namespace) -> int:
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    if args.status:
        return _print_status(OutboxSender(queue.store, _NoClient(), queue=queue))  # type: ignore[arg-type]
    if args.retry_dead is not None:
        sender = OutboxSender(queue.store, _NoClient(), queue=queue)  # type: ignore[arg-type]
        changed = sender.retry_dead(args.retry_dead or None)
        print(f"{changed} dead rows queued again")
        return 0
    processes = max(1, args.processes)
    helpers = _start_partition_helpers(args, processes) if processes > 1 else []
    stop = threading.Event()
    with make_client(settings) as client, make_sender(queue, client, settings, (0, processes)) as sender:
        if args.once:
            report = sender.drain_now(poll_all_waiting=True)
        else:
            _on_signals(stop.set)
            # Jobs waiting for the cloud are looked up once here; a later sync fetches what is not ready.
            report = sender.run(stop, until_empty=not args.watch, wait_for_cloud=False)
        for helper in helpers:
            if stop.is_set():
                helper.terminate()  # Ctrl-C: what they had not sent stays in the outbox
            helper.join()
        counts = sender.counts()
        if not args.quiet:
            print(_summary(report, counts), file=sys.stderr)
        return 0 if sender.unsent() == 0 else 1


def _start_partition_helpers(args: argparse.Namespace, processes: int) -> list[Any]:
    """Processes that send the outbox rows of partitions 1..N-1 (this process sends partition 0)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    options = {"db": getattr(args, "db", None), "home": getattr(args, "home", None), "once": args.once, "watch": args.watch}
    helpers = [ctx.Process(target=_partition_main, args=(index, processes, options), daemon=True) for index in range(1, processes)]
    for helper in helpers:
        helper.start()
    return helpers


def _partition_main(index: int, parts: int, options: dict[str, Any]) -> None:
    """Runs in a helper process: the same sync as the parent, over its share of the outbox rows."""
    args = argparse.Namespace(**options)
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C; the daemon flag ends us
    with make_client(settings) as client, make_sender(queue, client, settings, (index, parts)) as sender:
        if args.once:
            sender.drain_now(poll_all_waiting=True)
        else:
            sender.run(threading.Event(), until_empty=not args.watch, wait_for_cloud=False)
    queue.store.close()


class _NoClient:
    """Stands in for the client where a command only reads or edits the outbox."""


def _print_status(sender: OutboxSender) -> int:
    counts = sender.counts()
    for state in ("pending", "waiting", "sent", "dead"):
        print(f"{state:<8} {counts[state]}")
    for job_id, steps, error in sender.dead_rows():
        print(f"dead {job_id} [{steps}]: {error}")
    return 0


def register(subparsers: Any) -> None:
    """Add `sync` to the top-level `scandesk` sub-parsers."""
    p = subparsers.add_parser("sync", help="send finished jobs to the central API",
                              description=__doc__.splitlines()[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true",
                      help="send what can be sent now, then exit (0: outbox empty, 1: rows left)")
    mode.add_argument("--watch", action="store_true", help="keep running and send new rows as they come")
    mode.add_argument("--status", action="store_true", help="print outbox rows by state and the dead ones")
    mode.add_argument("--retry-dead", nargs="*", metavar="JOB_ID", default=None,
                      help="queue dead rows again (all, or these jobs')")
    p.add_argument("--processes", type=int, default=1, metavar="N",
                   help="send from N processes, each its share of the rows (one process is CPU-bound at ~300 jobs/s)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_sync)


# ---------------------------------------------------------------- remote worker
def add_remote_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `scandesk worker` for remote mode (the worker parser has --idle-exit already)."""
    parser.add_argument("--remote", action="store_true",
                        help="pull jobs from the central queue, run them here, post the results")
    parser.add_argument("--max-jobs", type=int, default=None, metavar="N",
                        help="with --remote: stop after pulling N jobs")


def prepare_hook(inputs: CentralInputs) -> Callable[[Any], dict[str, Any]]:
    """The worker loop's `prepare` for central jobs: the inputs' errors as the worker's errors."""
    from worker.errors import BadInput, TransientError

    def prepare(job: Any) -> dict[str, Any]:
        """Runs on the loop thread, before the handler."""
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
    loop: Any  # worker.loop.LoopStats
    unsent: int  # outbox rows still pending (not sent) when the run ended
    fatal: str | None


def run_remote_worker(
    queue: JobQueue,
    client: CentralClient,
    config: Any,  # worker.loop.WorkerConfig
    *,
    max_jobs: int | None = None,
    idle_exit_s: float | None = None,
    download_max_bytes: int = 200 * 1024 * 1024,
    on_event: Callable[[Any], None] | None = None,
    stop: threading.Event | None = None,
    flush_timeout_s: float = 60.0,
    sender: OutboxSender | None = None,
    allowed_dirs: tuple[Path, ...] | None = None,
    download_deadline_s: float = 120.0,
    allow_private_downloads: bool = False,
) -> RemoteRun:
    """Pull, run and report central jobs until `max_jobs` were pulled, the central queue stayed empty
    for `idle_exit_s`, or `stop` is set; then wait at most `flush_timeout_s` for the results to go out
    (what does not go out stays in the outbox for `scandesk sync`).

    `allowed_dirs`: the folders a central job may name inputs in (default: `config.allowed_dirs`).
    Runs the worker loop on the calling thread (GUI: its QThread); starts a puller thread and a sender
    thread. `on_event` is called on the calling thread.
    """
    import dataclasses

    from worker.loop import WorkerLoop

    stop = stop or threading.Event()
    data_dir = Path(config.data_dir)
    allowed = tuple(config.allowed_dirs) if allowed_dirs is None else tuple(allowed_dirs)
    inputs = CentralInputs(data_dir, allowed, download_max_bytes, deadline_s=download_deadline_s,
                           allow_private=allow_private_downloads)

    def on_loop_event(event: Any) -> None:
        """Runs on the loop thread. A job's downloads go once it is final (its result is stored then)."""
        if event.kind == "finished":
            view = queue.get(event.job_id)
            if view is not None and view.status in (DONE, FAILED):
                inputs.forget(event.job_id)
        if on_event is not None:
            on_event(event)

    prepare = prepare_hook(inputs)
    # Claim only central jobs: they must start while their central lease runs, not after the desk's own
    # backlog (a job that outlives its central lease is handed to another worker and runs twice).
    config = dataclasses.replace(config, origin="central")
    if config.allowed_dirs:
        # Handlers check their input against these folders; downloaded inputs live under the data dir.
        config = dataclasses.replace(config, allowed_dirs=(*config.allowed_dirs, data_dir / "downloads"))
    # The loop sleeps up to 0.25 s when it finds nothing runnable; a backlog of a few jobs per slot keeps
    # it busy while the puller refills, and is still seconds, not minutes, of the central lease.
    backlog = max(4, 4 * config.concurrency)
    puller = RemotePuller(queue, client, backlog=backlog, max_jobs=max_jobs, idle_exit_s=idle_exit_s)
    own_sender = sender is None
    sender = sender or OutboxSender(queue.store, client, queue=queue)
    sender_stop = threading.Event()
    loop = WorkerLoop(queue, config, on_event=on_loop_event, prepare=prepare)
    threads = [
        threading.Thread(target=puller.run, args=(stop,), name="scandesk-remote-pull", daemon=True),
        threading.Thread(target=sender.run, args=(sender_stop,), name="scandesk-remote-send", daemon=True),
        threading.Thread(target=lambda: (stop.wait(), loop.stop()), name="scandesk-remote-stop", daemon=True),
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
        unsent = sender.counts()["pending"]
    finally:
        timer.cancel()
        inputs.close()
        if own_sender:
            sender.close()
    return RemoteRun(pull=puller.stats, loop=loop_stats, unsent=unsent, fatal=puller.fatal)


def central_input_dirs(settings: Settings) -> tuple[Path, ...]:
    """Where central jobs may name input files: the import folders and the watched folder."""
    dirs = tuple(Path(p).expanduser() for p in settings.import_dirs)
    return (*dirs, Path(settings.watched_dir).expanduser()) if settings.watched_dir else dirs


def cmd_remote_worker(args: argparse.Namespace, queue: JobQueue, config: Any, settings: Settings) -> int:
    """`scandesk worker --remote [--max-jobs N] [--idle-exit S]` once the worker command has its config."""
    # Imported here: desktop.cli_jobs imports this module at its top (it wires --remote).
    from desktop.cli_jobs import _print_event

    if args.max_jobs is not None and args.max_jobs < 1:
        raise CliError("--max-jobs must be at least 1")
    client = make_client(settings)
    stop = threading.Event()
    _on_signals(stop.set)
    quiet = getattr(args, "quiet", False)
    try:
        with make_sender(queue, client, settings) as sender:
            run = run_remote_worker(
                queue, client, config, max_jobs=args.max_jobs, idle_exit_s=args.idle_exit,
                download_max_bytes=settings.download_max_mb * 1024 * 1024,
                on_event=None if quiet else _print_event, stop=stop, sender=sender,
                allowed_dirs=central_input_dirs(settings),
                download_deadline_s=settings.download_timeout_seconds,
                allow_private_downloads=settings.allow_private_downloads,
            )
    finally:
        client.close()
    if not quiet:
        stats = run.loop
        print(f"remote worker {config.worker_id}: pulled {run.pull.pulled}, {stats.done} done, {stats.failed} failed, "
              f"{stats.retried} to retry; {run.unsent} outbox rows unsent", file=sys.stderr)
    if run.fatal:
        print(f"scandesk worker: {run.fatal}", file=sys.stderr)
        return 1
    return 0 if run.unsent == 0 else 1


# ---------------------------------------------------------------- standalone entry
def _standalone_worker(args: argparse.Namespace) -> int:
    from desktop.cli_jobs import _parse_overrides, worker_config

    if not args.remote:
        raise CliError("this entry point only runs remote mode: add --remote (or use `scandesk worker`)")
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    if args.lease is not None:
        queue.lease_seconds = args.lease
    config = worker_config(queue, settings, concurrency=args.concurrency, mode=args.mode,
                           overrides=_parse_overrides(args.handler))
    return cmd_remote_worker(args, queue, config, settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m desktop.cli_sync")
    parser.add_argument("--db", metavar="URL")
    parser.add_argument("--home", metavar="DIR")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    subparsers = parser.add_subparsers(dest="command", required=True)
    register(subparsers)
    worker = subparsers.add_parser("worker", help="remote worker (same options as `scandesk worker --remote`)")
    add_remote_arguments(worker)
    worker.add_argument("--concurrency", type=int, default=None, metavar="N")
    worker.add_argument("--idle-exit", type=float, default=None, metavar="SECONDS")
    worker.add_argument("--mode", choices=["process", "thread"], default="process")
    worker.add_argument("--lease", type=float, default=None, metavar="SECONDS")
    worker.add_argument("--handler", action="append", default=[], metavar="TYPE=MODULE:FUNC")
    worker.add_argument("--quiet", action="store_true")
    worker.set_defaults(func=_standalone_worker)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from desktop.cli_common import USER_ERRORS

    try:
        return int(args.func(args) or 0)
    except USER_ERRORS as exc:
        print(f"scandesk: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
