"""`scandesk omr PATHS... --template T.json` (headless, no Qt).

`omr` enqueues one `omr` job per page through the normal queue and runs them with the normal worker loop,
so every reading is in the store for review and sync; then it writes the CSV / XLSX the teacher asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from core.contracts import DONE, AIJob, Placement
from desktop.cli.common import CliError, load_desk_settings, open_queue
from desktop.services.bootstrap import worker_config
from worker.errors import BadInput
from worker.loop import WorkerMode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("omr", help="read answer cards: one job per page, results as CSV/XLSX")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scan files or folders (read recursively)")
    p.add_argument("--template", required=True, metavar="T.json", help="OMRChecker template.json or a ScanDesk card")
    p.add_argument("--answer-key", metavar="K", help="evaluation.json or a question,answer CSV")
    p.add_argument("--csv", metavar="OUT.csv", help="write one row per page")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="write the same table as an Excel workbook")
    p.add_argument("--annotate", metavar="DIR", help="write annotated sheets here")
    p.add_argument("--concurrency", type=int, default=None, metavar="N", help="pages at once (default: cores)")
    p.add_argument("--exam-id", default=None, metavar="ID")
    p.add_argument("--exam", default=None, metavar="NAME",
                   help="file the pages under this exam (made with --template and --answer-key when new)")
    p.set_defaults(func=cmd_omr)


def collect_scans(paths: list[str], skip: set[Path]) -> list[Path]:
    """Files named, and scans found under folders (recursively), minus the template's own files.

    The rules are the desk import's (desktop.services.intake), so the CLI and the GUI take the same files.
    """
    from desktop.services.intake import collect_scans as desk_collect_scans

    try:
        return desk_collect_scans(paths, skip)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None


def _page_jobs(files: list[Path], payload_base: dict[str, Any]) -> list[tuple[Path, int, int, AIJob]]:
    from worker.omr.pages import count_pages

    jobs = []
    for path in files:
        try:
            pages = count_pages(path)
        except BadInput:
            pages = 1  # the job for page 1 fails with the teacher-readable reason
        for page in range(pages):
            payload = {**payload_base, "image_path": str(path.resolve()), "page": page}
            jobs.append((path, page, pages, AIJob.new(type="omr", payload=payload)))
    return jobs


def _page_rows(planned: list[tuple[Path, int, int, AIJob]], exam_id: int | None) -> list[Any]:
    """A `pages` record per page: the file's content hash, the page index and the page's job."""
    import hashlib

    from core.page_rows import PageRow

    digests: dict[Path, str] = {}
    rows = []
    for path, page, _, job in planned:
        if path not in digests:
            try:
                digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:  # unreadable: its job fails with the reason; the record still says which file
                digests[path] = hashlib.sha256(b"").hexdigest()
        rows.append(PageRow(str(path.resolve()), page, digests[path], job.id, exam_id))
    return rows


def cmd_omr(args: argparse.Namespace) -> int:
    from core.page_rows import insert_pages
    from desktop.services.results import sheet_row, write_csv, write_xlsx
    from worker.loop import run_jobs
    from worker.omr.pages import page_name
    from worker.omr.template import load_template

    try:
        template = load_template(args.template)
    except BadInput as exc:
        raise CliError(str(exc)) from None
    if args.answer_key:
        from worker.omr.score import load_answer_key

        try:
            load_answer_key(args.answer_key)
        except BadInput as exc:
            raise CliError(str(exc)) from None
    skip = template.files_used() | {Path(args.template).resolve()}
    if args.answer_key:
        skip.add(Path(args.answer_key).resolve())
    files = collect_scans(args.paths, skip)
    if not files:
        raise CliError("no scans found (PNG, JPEG, TIFF or PDF)")
    base: dict[str, Any] = {"template": str(Path(args.template).resolve())}
    if args.answer_key:
        base["answer_key"] = str(Path(args.answer_key).resolve())
    if args.exam_id:
        base["exam_id"] = args.exam_id
    settings = load_desk_settings()
    queue = open_queue(args, settings)
    exam_id: int | None = None
    if args.exam:
        from core.exams import exam_for_pages

        if args.exam_id:
            raise CliError("give --exam NAME or --exam-id ID, not both")

        try:
            exam, created = exam_for_pages(queue.store, args.exam, args.template, args.answer_key)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        exam_id = exam.id
        base["exam_id"] = str(exam.id)  # as the desk import writes it
        print(f"exam {exam.name!r} ({'created' if created else 'existing'}, id {exam.id})", file=sys.stderr)
    if args.annotate:
        annotate_dir = Path(args.annotate).expanduser().resolve()
        annotate_dir.mkdir(parents=True, exist_ok=True)
        base["annotate_dir"] = str(annotate_dir)

    planned = _page_jobs(files, base)
    page_rows = _page_rows(planned, exam_id)
    # One transaction: the jobs and their page records exist together or not at all.
    queue.enqueue_many([job for *_, job in planned], placement=Placement.DESK,  # OMR always runs at the desk
                       also=lambda conn: insert_pages(conn, page_rows))
    config = worker_config(queue, settings, concurrency=args.concurrency, mode=WorkerMode.PROCESS)
    views = {v.job_id: v for v in run_jobs(queue, [job.id for *_, job in planned], config=config)}

    rows: list[dict[str, Any]] = []
    failures = 0
    for path, page, pages, job in planned:
        view = views.get(job.id)
        name = page_name(path, page, pages)
        if view is None or view.status != DONE or not view.result:
            failures += 1
            reason = (view.last_error if view else "") or "not read"
            print(reason if reason.startswith(path.name) else f"{name}: {reason}", file=sys.stderr)
            continue
        rows.append(sheet_row(view.result, template.output_columns, bool(args.answer_key), file=name))
    columns = ["file", *template.output_columns] + (["score"] if args.answer_key else []) + ["flags", "confidence"]
    # One writer for the CLI and the GUI's export (desktop.services.results), so the formats cannot drift.
    if args.csv:
        write_csv(rows, args.csv, columns=columns)
    if args.xlsx:
        write_xlsx(rows, args.xlsx, columns=columns, sheet_title="OMR")
    review = sum(1 for r in rows if r["flags"])
    print(f"{len(rows)} page(s) read, {review} need review, {failures} failed", file=sys.stderr)
    for row in rows:
        score = f"  score {row['score']}" if args.answer_key else ""
        sid = row.get(template.student_id_column or "", "")
        print(f"{row['file']}  {sid}{score}  {('review: ' + row['flags']) if row['flags'] else 'ok'}")
    return 1 if failures else 0
