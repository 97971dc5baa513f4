"""`scandesk`: the GUI without arguments (or `scandesk gui`), headless commands otherwise.

Qt is imported only on the GUI path, so headless commands start fast and run on machines without
a display.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from sqlalchemy.exc import DBAPIError

from core import build_info
from core.text import first_line
from desktop.cli import cloud, config, demo, jobs, omr, review, roster, stats, sync, template
from desktop.cli.common import USER_ERRORS, CliError, ExitCode

log = logging.getLogger(__name__)

# Each module adds its commands with `register(subparsers)`.
COMMAND_MODULES = (jobs, omr, template, review, roster, stats, sync, config, cloud, demo)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line and exit code 2, instead of argparse's usage block."""
        self.exit(2, f"scandesk: {message}\n")


Registrar = Callable[["argparse._SubParsersAction[Any]"], None]


class _VersionAction(argparse.Action):
    """`--version`: the version and the git commit (baked into the installed app at build time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and the build's git commit and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"scandesk {build_info.current().describe()}")
        parser.exit(0)


def build_parser(extra_commands: Sequence[Registrar] = ()) -> argparse.ArgumentParser:
    parser = _Parser(prog="scandesk", description="Read answer cards and exam pages at the desk; sync with the academy.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: SCANDESK_DB_URL, else SQLite in the data folder)")
    parser.add_argument("--home", metavar="DIR", help="data folder (default: SCANDESK_HOME, else the platform's)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    gui = subparsers.add_parser("gui", help="open the desktop app (the default)")
    gui.add_argument("--start-worker", action="store_true", help="start processing queued sheets at once")
    gui.set_defaults(func=None)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    for register in extra_commands:
        register(subparsers)
    return parser


GuiRunner = Callable[[argparse.Namespace], int]


def _no_gui(_args: argparse.Namespace) -> int:
    raise CliError("this entry point runs headless commands only; start the app with `scandesk`")


def main(
    argv: Sequence[str] | None = None, run_gui: GuiRunner = _no_gui, extra_commands: Sequence[Registrar] = ()
) -> int:
    """Parse and run one command; `run_gui` opens the app and `extra_commands` add commands that draw
    with Qt (both passed in by `desktop.entry`, which alone may import both the CLI and the GUI)."""
    for stream in (sys.stdout, sys.stderr):
        # A text that slipped into the store before it was checked (a lone surrogate) is printed escaped
        # rather than ending the command halfway through its output.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser(extra_commands)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=(logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    func = getattr(args, "func", None) or run_gui
    try:
        code = int(func(args) or 0)
        # A command that prepared something to look at (`demo --open`) has the app opened on it.
        if code == ExitCode.OK and func is not run_gui and getattr(args, "open_app", False):
            return int(run_gui(args) or 0)
        return code
    except USER_ERRORS as exc:
        print(f"scandesk: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except DBAPIError as exc:
        # The database failed while working (server down, disk full, a store damaged since it was opened).
        print(f"scandesk: cannot use the database: {first_line(exc, with_type=False)}", file=sys.stderr)
        return ExitCode.FAILED
    except OSError as exc:
        # The disk or a file failed under the command (full disk, a folder removed meanwhile).
        where = f": {exc.filename}" if exc.filename else ""
        print(f"scandesk: {exc.strerror or exc}{where}", file=sys.stderr)
        return ExitCode.FAILED
    except KeyboardInterrupt:
        return ExitCode.STOPPED
    except Exception as exc:
        # A bug: one line here, the traceback with -vv.
        log.debug("unexpected error", exc_info=True)
        print(f"scandesk: unexpected error: {type(exc).__name__}: {exc} (run with -vv for details)", file=sys.stderr)
        return ExitCode.FAILED


if __name__ == "__main__":
    sys.exit(main())
