"""What every headless command shares: opening the store and queue, the worker's settings, errors.

Nothing here imports Qt, so `scandesk jobs` starts in well under a second.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import ArgumentError

from core.contracts import ContractError
from core.queue import JobQueue, QueueError
from core.settings import Settings, SettingsError, load_settings
from core.store import Store, StoreTooNewError, open_store
from core.store.paths import home_dir

log = logging.getLogger(__name__)


class CliError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


# Errors that mean "the user asked for something wrong", printed as one line with exit code 2.
USER_ERRORS: tuple[type[Exception], ...] = (
    CliError,
    ContractError,
    QueueError,
    SettingsError,
    StoreTooNewError,
    ArgumentError,  # a --db / SCANDESK_DB_URL that is not a database URL
)


def load_desk_settings() -> Settings:
    return load_settings()


def resolve_home(args: argparse.Namespace, settings: Settings | None = None) -> Path:
    """`--home`, else SCANDESK_HOME, else the data folder from the settings, else the platform's."""
    if getattr(args, "home", None):
        return home_dir(args.home)
    if settings is not None and settings.data_dir and not os.environ.get("SCANDESK_HOME"):
        return Path(settings.data_dir).expanduser()
    return home_dir()


def open_desk_store(args: argparse.Namespace, settings: Settings | None = None) -> Store:
    return open_store(getattr(args, "db", None), resolve_home(args, settings))


def open_queue(args: argparse.Namespace, settings: Settings | None = None) -> JobQueue:
    return JobQueue(open_desk_store(args, settings))


def runtime_settings(settings: Settings) -> dict[str, Any]:
    """Settings as handlers see them (`ctx.settings`), with the API keys they need from the keyring."""
    values = settings.as_mapping()
    try:
        from core.secrets import OPENAI_API_KEY, default_secret_store

        key = default_secret_store().get(OPENAI_API_KEY)
    except Exception:  # no keyring and no file: the handlers route to the cloud instead
        log.debug("no OpenAI-compatible API key available", exc_info=True)
        key = None
    if key:
        values["openai_api_key"] = key
    return values


def parse_json_object(text: str, what: str = "--payload") -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{what} is not valid JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(value, dict):
        raise CliError(f"{what} must be a JSON object, got {type(value).__name__}")
    return value


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")
