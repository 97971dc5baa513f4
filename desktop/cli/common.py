"""What every headless command shares: opening the queue, printing, option parsing, signals, exit codes.

Nothing here imports Qt, so `scandesk jobs` starts in well under a second.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from sqlalchemy.exc import ArgumentError

from core.contracts import ContractError
from core.queue import JobQueue, QueueError
from core.settings import Settings, SettingsError, load_settings
from core.store import StoreTooNewError
from desktop.services.bootstrap import SetupError, open_desk_store
from worker.loop import LoopEvent, LoopEventKind


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the work failed or is left undone (a FAILED job, unsent rows, an unreachable database)
    BAD_INPUT = 2  # the user asked for something wrong: one line says what
    WAITING_FOR_CLOUD = 3  # `run`: the desk cannot run the job; it waits for the cloud worker


class CliError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


# Errors that mean "the user asked for something wrong", printed as one line with exit code 2.
USER_ERRORS: tuple[type[Exception], ...] = (
    CliError,
    SetupError,
    ContractError,
    QueueError,
    SettingsError,
    StoreTooNewError,
    ArgumentError,  # a --db / SCANDESK_DB_URL that is not a database URL
)


def load_desk_settings() -> Settings:
    return load_settings()


def open_queue(args: argparse.Namespace, settings: Settings | None = None) -> JobQueue:
    return JobQueue(open_desk_store(getattr(args, "db", None), getattr(args, "home", None), settings))


def parse_json_object(text: str, what: str = "--payload") -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{what} is not valid JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(value, dict):
        raise CliError(f"{what} must be a JSON object, got {type(value).__name__}")
    return value


def parse_handler_overrides(items: list[str]) -> dict[str, str]:
    """`--handler TYPE=MODULE:FUNCTION` options (tests and experiments swap a job type's handler)."""
    overrides = {}
    for item in items:
        job_type, sep, target = item.partition("=")
        if not sep or ":" not in target:
            raise CliError(f"--handler {item!r}: expected TYPE=MODULE:FUNCTION")
        overrides[job_type] = target
    return overrides


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")


def print_event(event: LoopEvent) -> None:
    """One line per finished job. Runs on the loop's thread."""
    if event.kind == LoopEventKind.FINISHED:
        detail = f" ({event.message})" if event.message else ""
        print(f"{event.job_id} {event.job_type} {event.outcome} in {event.seconds:.2f} s{detail}", flush=True)


def on_stop_signals(stop: Callable[[], None], message: str) -> None:
    """Ctrl-C or SIGTERM call `stop` (after saying `message`); only the main thread can install handlers."""
    if threading.current_thread() is not threading.main_thread():
        return

    def handle(signum: int, _frame: Any) -> None:
        print(f"stopping (signal {signum}); {message}", file=sys.stderr)
        stop()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)
