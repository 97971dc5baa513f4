"""`scandesk sync [--once] [--watch] [--status] [--retry-dead [ID ...]] [--release JOB ... | --all-held]
[--processes N]`.

Exit codes: 0 everything sendable sent (or nothing to send; rows held for review wait for the teacher, not
the network, and do not count); 1 something is still unsent (offline, dead rows, waiting for the cloud)
or the central API refused this desk; 2 bad input or settings.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import sys
import threading
from multiprocessing.context import SpawnProcess
from typing import TYPE_CHECKING, Any

from core.queue.outbox_rows import OutboxState
from core.store import Store
from core.sync import outbox_view
from desktop.cli.common import (
    CliError,
    ExitCode,
    int_between,
    job_id_arg,
    load_desk_settings,
    max_concurrency,
    on_stop_signals,
    open_queue,
)
from desktop.services.review import release_unreviewed
from worker.execution import die_with_parent

if TYPE_CHECKING:
    from core.sync.outbox_sender import SendReport

_STATE_NOTES = {OutboxState.HELD: "  (waiting for review: scandesk review list)"}


def _summary(report: SendReport, counts: dict[OutboxState, int]) -> str:
    line = (f"sync: {report.completed} jobs sent ({report.steps_sent} calls); outbox: {counts[OutboxState.PENDING]} pending, "
            f"{counts[OutboxState.WAITING]} waiting for the cloud, {counts[OutboxState.DEAD]} dead, "
            f"{counts[OutboxState.SENT]} sent")
    if counts[OutboxState.HELD]:
        line += (f"; {counts[OutboxState.HELD]} held for review (not counted as unsent: they wait for the teacher, "
                 "see `scandesk review list`, or send them with `sync --release`)")
    if report.unauthorized:
        line += "; the central API refused the worker token (401)"
    elif report.offline:
        line += "; the central API is unreachable now"
    return line


def cmd_sync(args: argparse.Namespace) -> int:
    # Imported here: the HTTP client (httpx, with the rich and click it loads) would cost every other
    # command ~0.1 s at start.
    from desktop.services.sync_stack import make_client, make_sender

    settings = load_desk_settings()
    queue = open_queue(args, settings)
    if args.status:
        return _print_status(queue.store)
    if args.retry_dead is not None:
        changed = outbox_view.retry_dead(queue.store, args.retry_dead or None)
        print(f"{changed} dead rows queued again")
        return ExitCode.OK
    if args.release or args.all_held:
        try:
            released = release_unreviewed(queue, None if args.all_held else args.release)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        print(f"{len(released)} held sheets released unreviewed; `scandesk sync` sends them")
        return ExitCode.OK
    processes = max(1, args.processes)
    helpers = _start_partition_helpers(args, processes) if processes > 1 else []
    stop = threading.Event()
    with make_client(settings) as client, make_sender(queue, client, settings, (0, processes)) as sender:
        if args.once:
            report = sender.drain_now(poll_all_waiting=True)
        else:
            on_stop_signals(stop.set, "unsent rows stay in the outbox")
            # Jobs waiting for the cloud are looked up once here; a later sync fetches what is not ready.
            report = sender.run(stop, until_empty=not args.watch, wait_for_cloud=False)
        for helper in helpers:
            if stop.is_set():
                helper.terminate()  # Ctrl-C: what they had not sent stays in the outbox
            helper.join()
        counts = sender.counts()
        if not args.quiet:
            print(_summary(report, counts), file=sys.stderr)
        return ExitCode.OK if sender.unsent() == 0 else ExitCode.FAILED


def _start_partition_helpers(args: argparse.Namespace, processes: int) -> list[SpawnProcess]:
    """Processes that send the outbox rows of partitions 1..N-1 (this process sends partition 0)."""
    ctx = multiprocessing.get_context("spawn")
    options = {"db": getattr(args, "db", None), "home": getattr(args, "home", None), "once": args.once, "watch": args.watch}
    helpers = [ctx.Process(target=_partition_main, args=(index, processes, options, os.getpid()), daemon=True)
               for index in range(1, processes)]
    for helper in helpers:
        helper.start()
    return helpers


def _partition_main(index: int, parts: int, options: dict[str, Any], parent_pid: int) -> None:
    """Runs in a helper process: the same sync as the parent, over its share of the outbox rows."""
    from desktop.services.sync_stack import make_client, make_sender

    # The daemon flag ends helpers only when the parent exits normally; a killed parent must not leave
    # a helper sending on its own.
    die_with_parent(parent_pid)
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


def _print_status(store: Store) -> int:
    counts = outbox_view.outbox_counts(store)
    for state in OutboxState:
        print(f"{state:<8} {counts[state]}{_STATE_NOTES.get(state, '') if counts[state] else ''}")
    for row in outbox_view.outbox_problems(store, 100, dead_only=True):
        print(f"dead {row.job_id} [{row.steps}]: {row.message}")
    return ExitCode.OK


def register(subparsers: Any) -> None:
    """Add `sync` to the top-level `scandesk` sub-parsers."""
    p = subparsers.add_parser("sync", help="send finished jobs to the central API",
                              description=__doc__.splitlines()[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true",
                      help="send what can be sent now, then exit (0: outbox empty, 1: rows left)")
    mode.add_argument("--watch", action="store_true", help="keep running and send new rows as they come")
    mode.add_argument("--status", action="store_true", help="print outbox rows by state and the dead ones")
    mode.add_argument("--retry-dead", nargs="*", metavar="JOB_ID", default=None, type=job_id_arg,
                      help="queue dead rows again (all, or these jobs')")
    mode.add_argument("--release", nargs="+", metavar="JOB_ID", type=job_id_arg,
                      help="send these sheets held for review as they stand (unreviewed)")
    mode.add_argument("--all-held", action="store_true", help="send every sheet held for review, unreviewed")
    p.add_argument("--processes", type=int_between(1, max_concurrency), default=1, metavar="N",
                   help="send from N processes, each its share of the rows (one process is CPU-bound at ~300 jobs/s)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_sync)
