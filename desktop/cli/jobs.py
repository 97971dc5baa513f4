"""Commands over the job queue: enqueue, jobs, job, retry, discard, run, worker."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
from typing import Any

from core.contracts import FAILED, STATUSES, AIJob, JobStatus, Placement
from core.queue import WAITING_FOR_CLOUD, JobQueue, JobView
from core.settings import Settings
from desktop.cli.common import (
    LEASE_RANGE_S,
    MAX_COUNT,
    MAX_WAIT_S,
    CliError,
    ExitCode,
    int_between,
    job_id_arg,
    load_desk_settings,
    max_concurrency,
    on_stop_signals,
    open_queue,
    parse_handler_overrides,
    parse_json_object,
    print_event,
    print_json,
    seconds_between,
)
from desktop.services.bootstrap import runtime_settings, worker_config
from worker.loop import WorkerConfig, WorkerLoop, WorkerMode, run_jobs
from worker.routing import placement_for, placement_reason


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("enqueue", help="add a job to the queue and print its id")
    p.add_argument("type", metavar="TYPE", help="job type (omr, ocr, question_segmentation, ...)")
    p.add_argument("--payload", required=True, metavar="JSON", help="the job's payload as a JSON object")
    p.add_argument("--max-attempts", type=int_between(1, MAX_COUNT), default=None, metavar="N")
    p.set_defaults(func=cmd_enqueue)

    p = subparsers.add_parser("jobs", help="list jobs")
    p.add_argument("--status", type=str.upper, choices=[*STATUSES, WAITING_FOR_CLOUD], help="only jobs with this status")
    p.add_argument("--type", dest="job_type", help="only jobs of this type")
    p.add_argument("--limit", type=int_between(1, MAX_COUNT), default=200)
    p.add_argument("--all", action="store_true", help="include discarded jobs")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_jobs)

    p = subparsers.add_parser("job", help="show one job with its result and history")
    p.add_argument("job_id", metavar="ID", type=job_id_arg)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_job)

    p = subparsers.add_parser("retry", help="run a FAILED job again")
    p.add_argument("job_id", metavar="ID", type=job_id_arg)
    p.set_defaults(func=cmd_retry)

    p = subparsers.add_parser("discard", help="hide a FAILED job from the lists")
    p.add_argument("job_id", metavar="ID", type=job_id_arg)
    p.set_defaults(func=cmd_discard)

    p = subparsers.add_parser("run", help="enqueue a job, run it here and print its result as JSON")
    p.add_argument("type", metavar="TYPE")
    p.add_argument("--payload", required=True, metavar="JSON")
    p.add_argument("--mode", type=WorkerMode, choices=list(WorkerMode), default=WorkerMode.THREAD,
                   help="run the handler in a child process or a thread of this one (default)")
    p.set_defaults(func=cmd_run)

    p = subparsers.add_parser("worker", help="run the worker: claim and process jobs")
    p.add_argument("--concurrency", type=int_between(1, max_concurrency), default=None, metavar="N",
                   help="jobs at once (default: settings, else cores; at most 4 per core)")
    p.add_argument("--once", action="store_true", help="process what is runnable now, then exit")
    p.add_argument("--idle-exit", type=seconds_between(0, MAX_WAIT_S), default=None, metavar="SECONDS",
                   help="exit after this long without work")
    p.add_argument("--mode", type=WorkerMode, choices=list(WorkerMode), default=WorkerMode.PROCESS)
    p.add_argument("--lease", type=seconds_between(*LEASE_RANGE_S), default=None, metavar="SECONDS",
                   help="lease time, 5 s to 1 day (default 120)")
    p.add_argument("--handler", action="append", default=[], metavar="TYPE=MODULE:FUNC",
                   help="use another handler for a job type (for tests and demos)")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--remote", action="store_true",
                   help="pull jobs from the central queue, run them here, post the results")
    p.add_argument("--max-jobs", type=int_between(1, MAX_COUNT), default=None, metavar="N",
                   help="with --remote: stop after pulling N jobs")
    p.set_defaults(func=cmd_worker)


def _new_job(args: argparse.Namespace) -> AIJob:
    return AIJob.new(type=args.type, payload=parse_json_object(args.payload))


def cmd_enqueue(args: argparse.Namespace) -> int:
    job = _new_job(args)
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    runtime = runtime_settings(settings)
    queue.enqueue(
        job,
        max_attempts=args.max_attempts,
        placement=placement_for(job.type, job.payload, runtime),
        reason=placement_reason(job.type, job.payload, runtime),
    )
    print(job.id)
    return 0


def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S") if ts else "-"


def _status_label(view: JobView) -> str:
    return WAITING_FOR_CLOUD if view.waiting_for_cloud else view.status


def view_dict(view: JobView) -> dict[str, Any]:
    return {
        "job": {
            "id": view.job_id,
            "type": view.job_type,
            "payload": view.payload,
            "tenant_id": view.tenant_id,
            "source_domain": view.source_domain,
            "source_id": view.source_id,
        },
        "status": view.status,
        "waiting_for_cloud": view.waiting_for_cloud,
        "origin": view.origin,
        "attempt_count": view.attempt_count,
        "max_attempts": view.max_attempts,
        "last_error": view.last_error,
        "progress": view.progress,
        "created_at": view.created_at,
        "updated_at": view.updated_at,
        "result": view.result,
        "error": view.error,
    }


def cmd_jobs(args: argparse.Namespace) -> int:
    queue = open_queue(args, load_desk_settings())
    views = queue.list_jobs(status=args.status, job_type=args.job_type, include_discarded=args.all, limit=args.limit)
    if args.json:
        print_json([view_dict(v) for v in views])
        return 0
    if not views:
        print("no jobs")
        return 0
    print(f"{'ID':<36}  {'TYPE':<22}  {'STATUS':<8}  {'TRIES':>5}  {'UPDATED':<19}  ERROR")
    for v in views:
        error = (v.last_error or "").splitlines()[0][:60] if v.status != JobStatus.DONE and v.last_error else ""
        print(f"{v.job_id:<36}  {v.job_type:<22}  {_status_label(v):<8}  {v.attempt_count:>2}/{v.max_attempts:<2}  {_when(v.updated_at):<19}  {error}")
    return 0


def cmd_job(args: argparse.Namespace) -> int:
    queue = open_queue(args, load_desk_settings())
    view = queue.get(args.job_id)
    if view is None:
        raise CliError(f"no job {args.job_id}")
    events = queue.events(args.job_id)
    if args.json:
        data = view_dict(view)
        data["events"] = [{"kind": e.kind, "at": e.at, "worker_id": e.worker_id, "message": e.message} for e in events]
        print_json(data)
        return 0
    print(f"job       {view.job_id}\ntype      {view.job_type}\nstatus    {_status_label(view)}")
    print(f"attempts  {view.attempt_count}/{view.max_attempts}\npayload   {json.dumps(view.payload, ensure_ascii=False)}")
    if view.last_error:
        print(f"error     {view.last_error}")
    if view.result is not None:
        print(f"result    {json.dumps(view.result, ensure_ascii=False)[:2000]}")
    print("history")
    for e in events:
        who = f" [{e.worker_id}]" if e.worker_id else ""
        print(f"  {_when(e.at)}  {e.kind:<13}{who} {e.message}")
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    open_queue(args, load_desk_settings()).retry(args.job_id)
    print(f"job {args.job_id} will run again")
    return 0


def cmd_discard(args: argparse.Namespace) -> int:
    open_queue(args, load_desk_settings()).discard(args.job_id)
    print(f"job {args.job_id} discarded")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    job = _new_job(args)
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    runtime = runtime_settings(settings)
    placement = placement_for(job.type, job.payload, runtime)
    queue.enqueue(job, placement=placement, reason=placement_reason(job.type, job.payload, runtime))
    if placement == Placement.DESK:
        run_jobs(queue, [job.id], config=worker_config(queue, settings, concurrency=1, mode=args.mode))
    view = queue.get(job.id)
    assert view is not None
    if view.waiting_for_cloud:
        print_json({"job_id": job.id, "status": view.status, "waiting_for": "cloud", "reason": view.progress_message})
        print("this desk cannot run the job; it waits for the cloud worker (scandesk sync sends it)", file=sys.stderr)
        return ExitCode.WAITING_FOR_CLOUD
    result = queue.result(job.id)
    assert result is not None
    print_json(result.to_dict())
    return 1 if result.status == FAILED else 0


def cmd_worker(args: argparse.Namespace) -> int:
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    if args.lease is not None:
        queue.lease_seconds = args.lease
    config = worker_config(queue, settings, concurrency=args.concurrency, mode=args.mode, overrides=parse_handler_overrides(args.handler))
    if args.remote:
        return cmd_remote_worker(args, queue, config, settings)
    printer = None if args.quiet else print_event
    loop = WorkerLoop(queue, config, on_event=printer)
    on_stop_signals(loop.stop, "running jobs finish or go back to the queue")
    stats = loop.run(once=args.once, idle_exit=args.idle_exit)
    if not args.quiet:
        print(f"worker {config.worker_id}: {stats.done} done, {stats.failed} failed, {stats.retried} to retry, "
              f"{stats.cloud} for the cloud, {stats.released} given back", file=sys.stderr)
    return 0


def cmd_remote_worker(args: argparse.Namespace, queue: JobQueue, config: WorkerConfig, settings: Settings) -> int:
    """`scandesk worker --remote [--max-jobs N] [--idle-exit S]`."""
    # Imported here: the HTTP client (httpx, with the rich and click it loads) would cost every other
    # command ~0.1 s at start.
    from desktop.services.remote_worker import central_input_dirs, run_remote_worker
    from desktop.services.sync_stack import make_client, make_sender

    quiet = getattr(args, "quiet", False)
    stop_event = threading.Event()
    on_stop_signals(stop_event.set, "unsent rows stay in the outbox")
    with make_client(settings) as client, make_sender(queue, client, settings) as sender:
        run = run_remote_worker(
            queue, client, config, max_jobs=args.max_jobs, idle_exit_s=args.idle_exit,
            download_max_bytes=settings.download_max_mb * 1024 * 1024,
            on_event=None if quiet else print_event, stop=stop_event, sender=sender,
            allowed_dirs=central_input_dirs(settings),
            download_deadline_s=settings.download_timeout_seconds,
            allow_private_downloads=settings.allow_private_downloads,
            central_lease_s=settings.central_lease_seconds,
        )
    stats = run.loop
    if not quiet:
        print(f"remote worker {config.worker_id}: pulled {run.pull.pulled}, {stats.done} done, {stats.failed} failed, "
              f"{stats.abandoned} abandoned (central lease ran out), {run.pull.refused} refused; "
              f"outbox: {run.unsent} unsent, {run.dead} dead", file=sys.stderr)
    if run.fatal:
        print(f"scandesk worker: {run.fatal}", file=sys.stderr)
        return ExitCode.FAILED
    # Anything the central API did not get as it should makes the run fail: a script must notice.
    troubles = run.unsent + run.dead + run.pull.refused + stats.abandoned
    return ExitCode.OK if troubles == 0 else ExitCode.FAILED
