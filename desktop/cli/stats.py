"""`scandesk stats EXAM [--json]`: an exam's score distribution, item analysis, classes and ranking."""

from __future__ import annotations

import argparse

from core.exams import Exam
from desktop.cli.common import exam_named, open_queue, print_json
from desktop.services.results import exam_results
from desktop.services.statistics import ExamStatistics, exam_statistics


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("stats", help="an exam's statistics: mean, SD, item analysis, classes, ranks")
    p.add_argument("exam", metavar="EXAM", help="the exam's name (or id)")
    p.add_argument("--json", action="store_true", help="everything as one JSON object")
    p.set_defaults(func=cmd_stats)


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _print_table(exam: Exam, stats: ExamStatistics) -> None:
    s = stats.summary
    print(f"{exam.name}: {s.students} students, mean {_num(s.mean)}, median {_num(s.median)}, "
          f"SD {_num(s.sd, 2)}, highest {_num(s.highest)}, lowest {_num(s.lowest)} (of {_num(stats.max_score)})")
    print("question  key  p      disc   blank  options")
    for q in stats.questions:
        options = " ".join(f"{v}:{n}" for v, n in q.options.items())
        warn = f"  <- {', '.join(q.warnings)}" if q.warnings else ""
        print(f"{q.question:<9} {q.answer:<4} {_num(q.p, 2):<6} {_num(q.discrimination, 2):<6} {q.blank:<6} {options}{warn}")
    for c in stats.classes:
        print(f"class {c.class_name or '(none)'}: {c.summary.students} students, mean {_num(c.summary.mean)}, "
              f"SD {_num(c.summary.sd, 2)}")


def cmd_stats(args: argparse.Namespace) -> int:
    queue = open_queue(args)
    exam = exam_named(queue, args.exam)
    stats = exam_statistics(exam_results(queue, exam.id))
    if args.json:
        print_json({"exam": exam.name, "exam_id": exam.id, **stats.as_dict()})
    else:
        _print_table(exam, stats)
    return 0
