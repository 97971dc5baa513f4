"""`scandesk omr PATHS... --template T.json` (headless, no Qt).

`omr` enqueues one `omr` job per page through the normal queue and runs the OMR jobs with the normal worker loop,
so every reading is in the store for review and sync; then it writes the CSV / XLSX the teacher asked for.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from core.contracts import DONE
from core.exams import Exam, exam_for_pages, get_exam
from core.job_types import DoubleMark
from core.queue import JobQueue
from core.settings import Settings
from desktop.cli.common import (
    CliError,
    ExitCode,
    check_output_file,
    check_output_folder,
    int_between,
    load_desk_settings,
    max_concurrency,
    on_stop_signals,
    open_queue,
    parse_handler_overrides,
)
from desktop.services.bootstrap import worker_concurrency, worker_config
from desktop.services.intake import NOTEWORTHY_SKIPS, ImportReport, import_paths, shown_path
from desktop.services.results import sheet_row, write_csv, write_xlsx
from worker.errors import BadInput
from worker.execution import start_child_pool
from worker.loop import WorkerLoop, WorkerMode
from worker.omr.score import load_answer_key
from worker.omr.template import load_template


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("omr", help="read answer cards: one job per page, results as CSV/XLSX")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scan files or folders (read recursively)")
    p.add_argument("--template", required=True, metavar="T.json", help="OMRChecker template.json or a ScanDesk card")
    p.add_argument("--answer-key", metavar="K",
                   help="evaluation.json, a question,answer CSV, or a scanned key sheet (image or PDF, read with the template)")
    p.add_argument("--double-mark", choices=[str(rule) for rule in DoubleMark], default=None,
                   help="two marks of similar darkness: flag for review (the default) or score wrong without review")
    p.add_argument("--csv", metavar="OUT.csv", help="write one row per page")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="write the same table as an Excel workbook")
    p.add_argument("--annotate", metavar="DIR", help="write annotated sheets here")
    p.add_argument("--concurrency", type=int_between(1, max_concurrency), default=None, metavar="N",
                   help="pages at once (default: cores)")
    p.add_argument("--exam-id", default=None, metavar="ID")
    p.add_argument("--exam", default=None, metavar="NAME",
                   help="file the pages under this exam (made with --template and --answer-key when new)")
    p.add_argument("--handler", action="append", default=[], metavar="TYPE=MODULE:FUNC",
                   help="use another handler for a job type (for tests and demos)")
    p.set_defaults(func=cmd_omr)


def _exam(args: argparse.Namespace, queue: JobQueue) -> Exam | None:
    """The exam the pages are filed under: --exam NAME (made when new) or --exam-id ID, else none."""
    if args.exam and args.exam_id:
        raise CliError("give --exam NAME or --exam-id ID, not both")
    if args.exam:
        try:
            exam, created = exam_for_pages(queue.store, args.exam, args.template, args.answer_key, args.double_mark)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        print(f"exam {exam.name!r} ({'created' if created else 'existing'}, id {exam.id})", file=sys.stderr)
        return exam
    if args.exam_id:
        found = get_exam(queue.store, args.exam_id)
        if found is None:
            raise CliError(f"no exam with id {args.exam_id}")
        return found
    return None


def _enqueue(args: argparse.Namespace, settings: Settings, extra: dict[str, Any]) -> tuple[JobQueue, ImportReport] | None:
    """Store the pages as jobs (the desk import's own path); None when every path failed."""
    queue = open_queue(args, settings)
    exam = _exam(args, queue)
    # The same files taken, the same page hashes and exam stored, so a page read here is a duplicate when
    # imported again in the app (and the other way round).
    try:
        # Without an exam every run reads its pages afresh (another key, another annotate folder); within
        # an exam a page read before is the same sheet, and its earlier read is used.
        report = import_paths(queue, args.paths, exam=exam, template=args.template, answer_key=args.answer_key,
                              settings=settings, extra_payload=extra, allow_duplicates=exam is None)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for left_out in report.skipped:
        if left_out.reason in NOTEWORTHY_SKIPS:
            print(f"{shown_path(left_out.path)}: {left_out.reason}", file=sys.stderr)
    for problem in report.errors:
        print(problem.message, file=sys.stderr)
    if not report.pages and not report.duplicates:
        if report.errors:
            return None
        raise CliError("no scans found (PNG, JPEG, TIFF or PDF)")
    for dup in report.duplicates:
        print(f"{dup.path.name} page {dup.page + 1}: read before for this exam; its earlier result is used",
              file=sys.stderr)
    return queue, report


def cmd_omr(args: argparse.Namespace) -> int:
    # Where the results go is checked before any page is read or stored: finding out after an hour of
    # reading is too late.
    for option, value in (("--csv", args.csv), ("--xlsx", args.xlsx)):
        if value:
            check_output_file(value, option)
    if args.annotate:
        check_output_folder(args.annotate, "--annotate")
    try:
        template = load_template(args.template)
        if args.answer_key:
            load_answer_key(args.answer_key, template)
    except BadInput as exc:
        raise CliError(str(exc)) from None
    extra: dict[str, Any] = {}
    if args.double_mark:
        extra["double_mark"] = args.double_mark
    if args.annotate:
        annotate_dir = Path(args.annotate).expanduser().resolve()
        try:
            annotate_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CliError(f"--annotate {annotate_dir}: {exc.strerror or exc}") from None
        extra["annotate_dir"] = str(annotate_dir)
    settings = load_desk_settings()
    overrides = parse_handler_overrides(args.handler)
    # The pool's children start now and load the reader while this process opens the store and hashes
    # the files; the claim loop takes the pool over and ends it.
    pool = start_child_pool(worker_concurrency(settings, args.concurrency), ("omr",), overrides)
    try:
        enqueued = _enqueue(args, settings, extra)
    except BaseException:
        pool.close()
        raise
    if enqueued is None:
        pool.close()
        return ExitCode.FAILED
    queue, report = enqueued
    # Only OMR jobs: jobs of other kinds waiting in the store are the app's or `scandesk worker`'s to run.
    config = worker_config(queue, settings, concurrency=args.concurrency, mode=WorkerMode.PROCESS, overrides=overrides,
                           job_types=("omr",))
    ids = list(report.job_ids)
    loop = WorkerLoop(queue, config, pool=pool)
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        loop.stop()

    on_stop_signals(stop, "the pages being read go back to the queue")
    loop.run(until=lambda: not queue.unfinished(ids))
    views = {v.job_id: v for v in queue.get_many(ids)}
    if stopped.is_set():
        left = sum(1 for v in views.values() if v.status != DONE)
        print(f"stopped: {left} of {len(ids)} pages not read; they wait in the queue for `scandesk worker` or the app",
              file=sys.stderr)
        return ExitCode.STOPPED

    # Every page asked for, in file order: the new reads and the earlier reads of duplicate pages.
    wanted = sorted([(str(r.source_path), r.page_index, r.job_id, r.file) for r in report.pages]
                    + [(str(d.path), d.page, d.existing_job_id, "") for d in report.duplicates])
    views.update((v.job_id, v) for v in queue.get_many([job_id for *_, job_id, _ in wanted if job_id and job_id not in views]))
    rows: list[dict[str, Any]] = []
    failures = len(report.errors)
    for path, _page, job_id, file in wanted:
        view = views.get(job_id)
        name = file or str(((view.result if view else None) or {}).get("file") or Path(path).name)
        if view is None or view.status != DONE or not view.result:
            failures += 1
            reason = (view.last_error if view else "") or "not read"
            print(reason if reason.startswith(Path(path).name) else f"{name}: {reason}", file=sys.stderr)
            continue
        rows.append(sheet_row(view.result, template.output_columns, bool(args.answer_key), file=name))
    columns = ["file", *template.output_columns] + (["score"] if args.answer_key else []) + ["flags", "confidence"]
    # One writer for the CLI and the GUI's export (desktop.services.results), so the formats cannot drift.
    try:
        if args.csv:
            write_csv(rows, args.csv, columns=columns)
        if args.xlsx:
            write_xlsx(rows, args.xlsx, columns=columns, sheet_title="OMR")
    except OSError as exc:  # checked before reading; the disk may still fill up meanwhile
        print(f"scandesk: cannot write the results: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return ExitCode.FAILED
    review = sum(1 for r in rows if r["flags"])
    print(f"{len(rows)} page(s) read, {review} need review, {failures} failed", file=sys.stderr)
    for row in rows:
        score = f"  score {row['score']}" if args.answer_key else ""
        sid = row.get(template.student_id_column or "", "")
        print(f"{row['file']}  {sid}{score}  {('review: ' + row['flags']) if row['flags'] else 'ok'}")
    return ExitCode.FAILED if failures else ExitCode.OK
