"""Where ScanDesk keeps its files: `SCANDESK_HOME` if set, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ScanDesk"


def home_dir(override: Path | str | None = None) -> Path:
    if override is not None:
        return Path(override).expanduser()
    env = os.environ.get("SCANDESK_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir(home: Path | None = None) -> Path:
    if home is not None or os.environ.get("SCANDESK_HOME"):
        return home_dir(home) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_db_path(home: Path) -> Path:
    return home / "scandesk.db"
