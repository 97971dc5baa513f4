"""The `scandesk` program: the desktop app without arguments (or `scandesk gui`), a headless command otherwise.

The only module that knows both the CLI and the GUI. Qt is imported on the GUI path alone, so headless
commands start fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.cli import main as cli_main


def run_gui(args: argparse.Namespace) -> int:
    # Imported here so that `scandesk jobs` never loads PySide6 (it takes ~0.3 s and needs Qt's libraries).
    from desktop.gui.app import run_app

    return run_app(args)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main.main(argv, run_gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
