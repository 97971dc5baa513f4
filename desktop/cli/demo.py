"""`scandesk demo [--open] [--cards N]`: a demo exam to try ScanDesk on, with no scanner and no samples.

Headless: it draws the cards and queues them (desktop.services.demo). With `--open` the app opens
afterwards, on the demo exam, and reads them; the CLI cannot open the app itself (it may not import
the GUI), so it asks `desktop.cli.main` to, through the `open_app` attribute of the parsed arguments.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import CliError, load_desk_settings, open_queue


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="make a demo exam: the Korean 20-question card, a key and filled cards")
    p.add_argument("--open", dest="open_app", action="store_true", help="open the app on it afterwards")
    p.add_argument("--cards", type=int, default=30, metavar="N", help="how many filled cards (default 30)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    # The card drawing needs OpenCV (~0.7 s to import): only `demo` pays for it, not every `scandesk` start.
    from desktop.services.demo import make_demo

    settings = load_desk_settings()
    queue = open_queue(args, settings)
    try:
        demo = make_demo(queue, queue.store.home, count=args.cards, settings=settings)
    except (ValueError, OSError) as exc:
        raise CliError(f"demo: {exc}") from None
    report = demo.report
    print(f"exam {demo.exam.id} “{demo.exam.name}”: {len(report.job_ids)} cards queued"
          + (f", {len(report.duplicates)} already imported" if report.duplicates else ""))
    print(f"cards: {demo.folder}")
    print(f"answer key: {demo.key}")
    if not args.open_app:
        print("next: scandesk worker --once   (or: scandesk demo --open, to read them in the app)")
    args.exam_id = demo.exam.id
    return 0
