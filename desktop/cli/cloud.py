"""`scandesk cloud status|start [--wait SECONDS]`: the academy's cloud GPU worker (EC2), from a shell.

Headless: imports no Qt. Each sub-command sets `func(args) -> int`. Start only starts a stopped instance
(never stops one). Exit codes: 0 done; 1 a cloud error (one line on stderr: no credentials, not
authorised, unknown instance...) or the wait ran out; 2 bad input or settings.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from core.settings import SettingsError, load_settings


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError("must be between 0 and 3600 seconds")
    return value


def _status(args: argparse.Namespace) -> int:
    # boto3 takes ~0.4 s to import: only the cloud commands pay for it, not every `scandesk` start.
    from core.cloud import CloudError, CloudWorker

    try:
        print(CloudWorker.from_settings(load_settings()).status().line())
    except SettingsError as exc:
        print(f"scandesk cloud: {exc}", file=sys.stderr)
        return 2
    except CloudError as exc:
        print(f"scandesk cloud: {exc}", file=sys.stderr)
        return 1
    return 0


def _start(args: argparse.Namespace) -> int:
    from core.cloud import CloudError, CloudWorker  # see _status

    try:
        outcome = CloudWorker.from_settings(load_settings()).start(wait_seconds=args.wait)
    except SettingsError as exc:
        print(f"scandesk cloud: {exc}", file=sys.stderr)
        return 2
    except CloudError as exc:
        print(f"scandesk cloud: {exc}", file=sys.stderr)
        return 1
    print(outcome.line())
    return 1 if outcome.timed_out else 0


def register(subparsers: Any) -> None:
    """Add `cloud` to the top-level `scandesk` sub-parsers."""
    parser = subparsers.add_parser("cloud", help="cloud GPU worker: status, start",
                                   description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="cloud_command", metavar="{status,start}")
    commands.required = True
    status = commands.add_parser("status", help="print the instance's state")
    status.set_defaults(func=_status)
    start = commands.add_parser("start", help="start it if stopped (never stops it)")
    start.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                       help="wait at most this long for it to be running (default: do not wait)")
    start.set_defaults(func=_start)
