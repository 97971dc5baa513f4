"""`scandesk review list [--exam NAME] [--json]` / `review set JOB_ID FIELD VALUE` /
`review confirm JOB_ID [FIELD ...]`: the Review screen's work from the command line.

The same service as the GUI (desktop.services.review): a correction is stored as its own record, the
score follows, and when the last flag of a sheet held from sync is resolved, the sheet is released with
the teacher's values (`scandesk sync` sends it). Exit 2 with one line for an unknown job or field, or a
value the field cannot hold.
"""

from __future__ import annotations

import argparse
from typing import Any

from core.exams import find_exam, list_exams
from core.queue import JobQueue
from core.queue.outbox_rows import OutboxState
from core.sync.review_outbox import outbox_state
from desktop.cli.common import CliError, ExitCode, load_desk_settings, open_queue, print_json
from desktop.services.review import CorrectedSheet, confirm_sheet, correct, review_queue


def _exam_id(queue: JobQueue, ref: str) -> int:
    exam = find_exam(queue.store, ref)
    if exam is None:
        known = ", ".join(e.name for e in list_exams(queue.store)[:5]) or "none yet"
        raise CliError(f"--exam {ref!r}: no such exam (exams: {known})")
    return exam.id


def cmd_review_list(args: argparse.Namespace) -> int:
    queue = open_queue(args, load_desk_settings())
    exam = _exam_id(queue, args.exam) if args.exam else None
    items = [item for item in review_queue(queue, exam_id=exam) if item.field]
    if args.json:
        print_json([{"job_id": i.job_id, "file": i.file, "field": i.field, "value": i.value, "reasons": list(i.flags)}
                    for i in items])
        return ExitCode.OK
    for item in items:
        print(f"{item.job_id}  {item.file}  {item.field} = {item.value!r}  ({item.reason})")
    sheets = len({i.job_id for i in items})
    print(f"{len(items)} reads on {sheets} sheets wait for review")
    return ExitCode.OK


def _report(queue: JobQueue, sheet: CorrectedSheet) -> None:
    state = outbox_state(queue.store, sheet.job_id)
    score = "" if sheet.score is None else f"; score {sheet.score:g}/{(sheet.max_score or 0):g}"
    if sheet.flags:
        left = f"{len(sheet.flags)} reads still to review: {', '.join(sheet.flags)}"
    else:
        left = "reviewed; queued for sync" if state == OutboxState.PENDING else "reviewed"
    print(f"{sheet.job_id}: {left}{score}")


def _sheet_or_exit(action: Any) -> CorrectedSheet:
    try:
        return action()  # type: ignore[no-any-return]
    except ValueError as exc:
        raise CliError(str(exc)) from None


def cmd_review_set(args: argparse.Namespace) -> int:
    queue = open_queue(args, load_desk_settings())
    sheet = _sheet_or_exit(lambda: correct(queue, args.job_id, args.field, args.value))
    _report(queue, sheet)
    return ExitCode.OK


def cmd_review_confirm(args: argparse.Namespace) -> int:
    queue = open_queue(args, load_desk_settings())
    sheet = _sheet_or_exit(lambda: confirm_sheet(queue, args.job_id, args.fields))
    _report(queue, sheet)
    return ExitCode.OK


def register(subparsers: Any) -> None:
    """Add `review` to the top-level `scandesk` sub-parsers."""
    p = subparsers.add_parser("review", help="uncertain OMR reads: list, correct, confirm",
                              description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="review_command", metavar="ACTION", required=True, parser_class=type(p))
    listing = sub.add_parser("list", help="the reads that wait for review")
    listing.add_argument("--exam", metavar="NAME", help="only this exam's sheets")
    listing.add_argument("--json", action="store_true", help='[{"job_id", "file", "field", "value", "reasons"}]')
    listing.set_defaults(func=cmd_review_list)
    setting = sub.add_parser("set", help="correct a field (\"\" = left blank)")
    setting.add_argument("job_id", metavar="JOB_ID")
    setting.add_argument("field", metavar="FIELD")
    setting.add_argument("value", metavar="VALUE")
    setting.set_defaults(func=cmd_review_set)
    confirming = sub.add_parser("confirm", help="the read is right: confirm these fields (none: every open flag)")
    confirming.add_argument("job_id", metavar="JOB_ID")
    confirming.add_argument("fields", nargs="*", metavar="FIELD")
    confirming.set_defaults(func=cmd_review_confirm)
