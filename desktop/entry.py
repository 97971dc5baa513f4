"""The `scandesk` program: the desktop app without arguments (or `scandesk gui`), a headless command otherwise.

The only module that knows both the CLI and the GUI. Qt is imported on the GUI path alone, so headless
commands start fast and run on machines without a display. `scandesk report` is registered here rather
than in desktop/cli/: it draws the report with the GUI's renderer (desktop/gui/report/, so the PDF and a
print from the app are the same drawing), and the CLI package may not import the GUI package. Qt is
loaded only when `report` runs, offscreen when there is no display.

The worker's process-pool children are spawned, and a spawned child runs the program's script again
(which imports this module) before it takes a job. So this module imports nothing at its top beyond the
standard library: the CLI and its services (~0.9 s of imports) are loaded by `main`, once, in the parent.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def run_gui(args: argparse.Namespace) -> int:
    # Imported here so that `scandesk jobs` never loads PySide6 (it takes ~0.3 s and needs Qt's libraries).
    from desktop.gui.app import run_app

    return run_app(args)


def register_report(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("report", help="printable score report: a page per student and a class summary (PDF)")
    p.add_argument("exam", metavar="EXAM", help="the exam's name (or id)")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf", help="write the report here (A4)")
    p.add_argument("--class", dest="class_name", metavar="C", help="only this class")
    p.add_argument("--student", metavar="ID", help="only this student id")
    p.add_argument("--lang", choices=("ko", "en"), help="language of the report (default: the app's)")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from desktop.cli.common import CliError, exam_named, load_desk_settings, open_queue
    from desktop.services.report_data import exam_report

    queue = open_queue(args)
    exam = exam_named(queue, args.exam)
    try:
        data = exam_report(queue, exam, class_name=args.class_name, student_id=args.student)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    # Qt is loaded only now: every other headless command stays free of it.
    from desktop.gui.i18n import Translations, choose_language, system_locale_name
    from desktop.gui.report.pdf import ensure_gui_application, write_pdf

    app = ensure_gui_application()
    Translations(app).install(args.lang or choose_language(load_desk_settings().language, system_locale_name()))
    try:
        pages = write_pdf(data, args.pdf)
    except OSError as exc:
        raise CliError(f"--pdf {args.pdf}: {exc}") from None
    students = len(data.student_pages)
    print(f"{args.pdf}: {pages} pages, {students} for students and {pages - students} class summaries")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.cli import main as cli_main

    return cli_main.main(argv, run_gui=run_gui, extra_commands=(register_report,))


if __name__ == "__main__":
    sys.exit(main())
