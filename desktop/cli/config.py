"""`scandesk config get|set|unset|list|path`: set a desk up without the GUI.

Headless: imports no Qt. Each sub-command sets `func(args) -> int` (the exit code). Bad input (unknown
key, bad value) exits 2 with one line on stderr. Secrets (worker_token, openai_api_key) go to the OS
keyring through `core.secrets` and are never printed: `get` says only whether one is set. `set worker_token -`
reads the value from stdin, so it stays out of the shell history.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from core.secrets import SECRET_KEYS, default_secret_store
from core.settings import (
    ENV_OVERRIDES,
    SETTING_NAMES,
    Settings,
    SettingsError,
    format_value,
    help_for,
    load_file_settings,
    load_settings,
    save_settings,
    set_value,
    settings_path,
)

_ENV_FOR_KEY = {key: name for name, key in ENV_OVERRIDES.items()}
_SECRET_ENV = {"worker_token": "SCANDESK_WORKER_TOKEN"}


def _fail(message: str, code: int = 2) -> int:
    print(f"scandesk config: {message}", file=sys.stderr)
    return code


def _known_key(key: str) -> bool:
    return key in SETTING_NAMES or key in SECRET_KEYS


def _secret_state(key: str) -> str:
    env_name = _SECRET_ENV.get(key)
    if env_name and os.environ.get(env_name):
        return f"(set by {env_name})"
    store = default_secret_store()
    return "(set)" if store.get(key) else "(not set)"


def _get(args: argparse.Namespace) -> int:
    key = args.key
    if not _known_key(key):
        return _fail(f"unknown setting {key!r}; see `scandesk config list`")
    if key in SECRET_KEYS:
        print(_secret_state(key))
        return 0
    try:
        settings = load_settings()
    except SettingsError as exc:
        return _fail(str(exc))
    print(format_value(getattr(settings, key)))
    return 0


def _read_secret(value: str | None) -> str | None:
    if value == "-":
        return sys.stdin.readline().rstrip("\r\n")
    return value


def _set(args: argparse.Namespace) -> int:
    key = args.key
    if not _known_key(key):
        return _fail(f"unknown setting {key!r}; see `scandesk config list`")
    if key in SECRET_KEYS:
        value = _read_secret(args.value)
        if not value:
            return _fail(f"{key}: give a value, or - to read it from stdin")
        where = default_secret_store().set(key, value)
        print(f"{key} stored in {where}")
        return 0
    if args.value is None:
        return _fail(f"{key}: give a value (use `scandesk config unset {key}` for the default)")
    try:
        updated = set_value(key, args.value)
    except SettingsError as exc:
        return _fail(str(exc))
    print(f"{key} = {format_value(getattr(updated, key))}")
    env_name = _ENV_FOR_KEY.get(key)
    if env_name and os.environ.get(env_name):
        print(f"note: {env_name} is set and overrides this value in this shell", file=sys.stderr)
    return 0


def _unset(args: argparse.Namespace) -> int:
    key = args.key
    if not _known_key(key):
        return _fail(f"unknown setting {key!r}; see `scandesk config list`")
    if key in SECRET_KEYS:
        default_secret_store().delete(key)
        print(f"{key} removed")
        return 0
    default_value = getattr(Settings(), key)
    updated = load_file_settings().replace(**{key: default_value})
    save_settings(updated)
    print(f"{key} = {format_value(default_value)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        return _fail(str(exc))
    width = max(len(name) for name in (*SETTING_NAMES, *SECRET_KEYS))
    for key in SETTING_NAMES:
        line = f"{key:<{width}} = {format_value(getattr(settings, key))}"
        env_name = _ENV_FOR_KEY.get(key)
        if env_name and os.environ.get(env_name):
            line += f"   (from {env_name})"
        if args.verbose:
            line += f"   # {help_for(key)}"
        print(line)
    for key in SECRET_KEYS:
        print(f"{key:<{width}} = {_secret_state(key)}")
    return 0


def _path(args: argparse.Namespace) -> int:
    print(settings_path())
    return 0


def register(subparsers: Any) -> None:
    """Add `config` to the top-level `scandesk` sub-parsers."""
    parser = subparsers.add_parser("config", help="show or change settings (headless)",
                                   description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="config_command", metavar="{get,set,unset,list,path}")
    commands.required = True

    get = commands.add_parser("get", help="print one setting")
    get.add_argument("key")
    get.set_defaults(func=_get)

    put = commands.add_parser("set", help="change one setting (secrets: value or - for stdin)")
    put.add_argument("key")
    put.add_argument("value", nargs="?")
    put.set_defaults(func=_set)

    unset = commands.add_parser("unset", help="back to the default (secrets: remove)")
    unset.add_argument("key")
    unset.set_defaults(func=_unset)

    show = commands.add_parser("list", help="print every setting")
    show.add_argument("-v", "--verbose", action="store_true", help="with a line of help each")
    show.set_defaults(func=_list)

    where = commands.add_parser("path", help="print the settings file's path")
    where.set_defaults(func=_path)
