"""`scandesk template render T.json OUT.pdf` and `scandesk template detect BLANK --out T.json` (no Qt).

`detect` measures a template from a scan of an empty card (worker.omr.detect): it prints what it found,
one line per block, and writes the template. Hints only settle what the card leaves open (which block is
the student number, how many choices, how many questions are used); a scan without a usable grid exits 2
with one line naming what was missing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.cli.common import CliError, check_output_file, int_between
from worker.errors import BadInput
from worker.omr.detect.hints import MAX_CHOICES, MAX_ID_DIGITS, Hints


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    t = subparsers.add_parser("template", help="answer-card templates")
    tsub = t.add_subparsers(dest="template_command", metavar="ACTION", parser_class=type(t))
    r = tsub.add_parser("render", help="print a blank card from a template as PDF")
    r.add_argument("template", metavar="T.json")
    r.add_argument("out", metavar="OUT.pdf")
    r.add_argument("--dpi", type=int_between(72, 1200), default=300)
    r.set_defaults(func=cmd_template_render)
    d = tsub.add_parser("detect", help="make a template from a scan (image or PDF) of a blank card")
    d.add_argument("blank", metavar="BLANK", help="scan or PDF of an empty answer card")
    d.add_argument("--out", required=True, metavar="T.json", help="where to write the template")
    d.add_argument("--questions", type=int, metavar="N", help="questions the exam uses (the card may print more)")
    d.add_argument("--choices", type=int, metavar="K", help=f"choices per question (2-{MAX_CHOICES})")
    d.add_argument("--id-digits", type=int, metavar="D", help="digits of the student number block")
    d.add_argument("--page", type=int, default=1, metavar="P", help="page of a PDF or TIFF (default 1)")
    d.set_defaults(func=cmd_template_detect)


def cmd_template_render(args: argparse.Namespace) -> int:
    # OpenCV and PIL load when a template command runs, so every other command starts fast.
    from worker.omr.render import render_pdf
    from worker.omr.template import load_template

    out_path = check_output_file(args.out, "OUT.pdf")
    try:
        template = load_template(args.template)
    except BadInput as exc:
        raise CliError(str(exc)) from None
    try:
        out = render_pdf(template, out_path, dpi=args.dpi)
    except OSError as exc:
        raise CliError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    print(out)
    return 0


def _hints(args: argparse.Namespace) -> Hints:
    if args.questions is not None and args.questions < 1:
        raise CliError("--questions must be 1 or more")
    if args.choices is not None and not 2 <= args.choices <= MAX_CHOICES:
        raise CliError(f"--choices must be between 2 and {MAX_CHOICES}")
    if args.id_digits is not None and not 1 <= args.id_digits <= MAX_ID_DIGITS:
        raise CliError(f"--id-digits must be between 1 and {MAX_ID_DIGITS}")
    if args.page < 1:
        raise CliError("--page must be 1 or more")
    return Hints(args.questions, args.choices, args.id_digits)


def cmd_template_detect(args: argparse.Namespace) -> int:
    from worker.omr.detect.card import detect_file
    from worker.omr.template import parse_template

    hints = _hints(args)
    check_output_file(args.out, "--out")
    name = Path(args.blank).name
    try:
        detection = detect_file(args.blank, hints, page_number=args.page - 1)
    except BadInput as exc:
        message = str(exc)
        raise CliError(message if message.startswith(name) else f"{name}: {message}") from None
    out = Path(args.out)
    template = detection.template()
    parse_template(template, out)  # what the reader will load; a fault here is ours, not the teacher's
    for line in detection.summary():
        print(line)
    try:
        out.write_text(json.dumps(template, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None
    print(f"wrote {out}")
    return 0
