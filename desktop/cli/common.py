"""What every headless command shares: opening the queue, printing, option parsing, signals, exit codes.

Nothing here imports Qt, so `scandesk jobs` starts in well under a second.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import threading
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any, Final

from sqlalchemy.exc import ArgumentError

from core.contracts import ContractError
from core.exams import Exam, find_exam
from core.queue import JobQueue, QueueError
from core.settings import Settings, SettingsError, load_settings
from core.store import StoreOpenError, StoreTooNewError
from core.text import text_problem
from desktop.services.bootstrap import SetupError, open_desk_store
from worker.loop import LoopEvent, LoopEventKind


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the work failed or is left undone (a FAILED job, unsent rows, an unreachable database)
    BAD_INPUT = 2  # the user asked for something wrong: one line says what
    WAITING_FOR_CLOUD = 3  # `run`: the desk cannot run the job; it waits for the cloud worker
    STOPPED = 130  # Ctrl-C or SIGTERM ended the work early (the shells' 128 + SIGINT)


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
    StoreOpenError,  # a --db that names no usable store, a damaged store file, a data folder not writable
    ArgumentError,  # a --db / SCANDESK_DB_URL that is not a database URL
)

# Counts and limits given on the command line: far above any real use, far below what breaks SQL or
# memory (`--limit 99999999999999999999` overflows SQLite's integers).
MAX_COUNT: Final = 10**9
LEASE_RANGE_S: Final = (5.0, 86_400.0)
# Waits given in seconds (--idle-exit): up to 30 days.
MAX_WAIT_S: Final = 30 * 86_400.0


def max_concurrency() -> int:
    """More jobs at once than four per core only make them wait for each other (and each is a process)."""
    return 4 * (os.cpu_count() or 1)


def int_between(low: int, high: int | Callable[[], int]) -> Callable[[str], int]:
    """An argparse `type`: an integer from `low` to `high`, else one line saying so (exit 2)."""

    def parse(text: str) -> int:
        top = high() if callable(high) else high
        try:
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {_shown(text)}") from None
        if not low <= value <= top:
            raise argparse.ArgumentTypeError(f"must be from {low} to {top}, got {_shown(text)}")
        return value

    return parse


def seconds_between(low: float, high: float) -> Callable[[str], float]:
    """An argparse `type`: a finite number of seconds from `low` to `high` (nan and inf refused)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a number of seconds, got {_shown(text)}") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low:g} to {high:g} seconds, got {_shown(text)}")
        return value

    return parse


def job_id_arg(text: str) -> str:
    """An argparse `type` for a job id: text that can be looked up (a name that is not UTF-8 cannot)."""
    problem = text_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"the job id {_shown(text)} {problem}")
    return text


def _shown(text: str) -> str:
    """`text` as it may be printed in an error line: quoted, escaped, at most 40 characters."""
    return repr(text[:40] + ("..." if len(text) > 40 else ""))


def check_output_file(path_text: str, option: str) -> Path:
    """Refuse, before any work is done, an output file that cannot be written: its folder missing or
    not writable, or the path a folder. Nothing is created."""
    path = Path(path_text).expanduser()
    if path.is_dir():
        raise CliError(f"{option} {path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"{option} {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CliError(f"{option} {path} cannot be written (permission denied)")
    return path


def check_output_folder(path_text: str, option: str) -> Path:
    """Refuse, before any work, an output folder that exists as a file or cannot be made or written."""
    path = Path(path_text).expanduser()
    existing = next((p for p in (path, *path.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        raise CliError(f"{option} {path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise CliError(f"{option} {path} cannot be written (permission denied in {existing})")
    return path


def load_desk_settings() -> Settings:
    return load_settings()


def open_queue(args: argparse.Namespace, settings: Settings | None = None) -> JobQueue:
    settings = settings or load_settings()
    store = open_desk_store(getattr(args, "db", None), getattr(args, "home", None), settings)
    return JobQueue(store, hold_flagged=settings.sync_hold_flagged)


def exam_named(queue: JobQueue, ref: str) -> Exam:
    """The exam called `ref` (or with that id); one line naming it when there is none."""
    exam = find_exam(queue.store, ref)
    if exam is None:
        raise CliError(f"no exam named {ref!r} (see the exams in the app's Import tab)")
    return exam


def parse_json_object(text: str, what: str = "--payload") -> dict[str, Any]:
    problem = text_problem(text)
    if problem is not None:
        raise CliError(f"{what} {problem}")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{what} is not valid JSON: {exc.msg} at character {exc.pos}") from None
    except RecursionError:
        raise CliError(f"{what} is nested too deeply") from None
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
