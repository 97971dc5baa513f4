"""`scandesk roster import FILE` and `scandesk roster list` (headless, no Qt)."""

from __future__ import annotations

import argparse
import sys

from core.roster import list_students
from desktop.cli.common import CliError, ExitCode, open_queue, print_json
from desktop.services.roster import import_roster


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("roster", help="the students: id, name, class (results show names)")
    sub = p.add_subparsers(dest="roster_command", metavar="ACTION", parser_class=type(p))
    imp = sub.add_parser("import", help="add or update students from a CSV or XLSX class list")
    imp.add_argument("file", metavar="FILE", help="CSV or XLSX with a header row: student_id, name, class")
    imp.add_argument("--replace", action="store_true", help="also remove the students the file does not list")
    imp.set_defaults(func=cmd_roster_import)
    ls = sub.add_parser("list", help="every student, by class")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_roster_list)
    p.set_defaults(func=lambda _args: p.error("roster: choose import or list"))


def cmd_roster_import(args: argparse.Namespace) -> int:
    queue = open_queue(args)
    try:
        outcome = import_roster(queue.store, args.file, replace=args.replace)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for message in outcome.errors:
        print(f"{args.file}: {message}", file=sys.stderr)
    print(f"{outcome.added} added, {outcome.updated} updated, {len(outcome.errors)} row(s) skipped")
    return ExitCode.FAILED if outcome.errors else ExitCode.OK


def cmd_roster_list(args: argparse.Namespace) -> int:
    students = list_students(open_queue(args).store)
    if args.json:
        print_json([{"student_id": s.student_id, "name": s.name, "class": s.class_name} for s in students])
        return 0
    for s in students:
        print(f"{s.student_id}\t{s.name}\t{s.class_name}")
    return 0
