"""The desk's settings: a typed dataclass kept as JSON in the config folder.

Folder: `SCANDESK_HOME/config` when SCANDESK_HOME is set (scripts, tests), else the platform's user config
folder (`platformdirs.user_config_dir("ScanDesk")`). Environment overrides for scripts, applied on load
and never written back: SCANDESK_API_URL, SCANDESK_WORKER_ID, SCANDESK_CLOUD_REGION,
SCANDESK_CLOUD_INSTANCE_ID (SCANDESK_WORKER_TOKEN: see `core.secrets.worker_token`).

Secrets (worker_token, openai_api_key) are not settings fields: they live in the keyring
(`core.secrets`), so this JSON file never holds one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import re
import socket
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import platformdirs

log = logging.getLogger(__name__)

APP_NAME: Final = "ScanDesk"
FILE_NAME: Final = "settings.json"

ENV_OVERRIDES: Final[Mapping[str, str]] = {
    "SCANDESK_API_URL": "api_url",
    "SCANDESK_WORKER_ID": "worker_id",
    "SCANDESK_CLOUD_REGION": "cloud_region",
    "SCANDESK_CLOUD_INSTANCE_ID": "cloud_instance_id",
}


class SettingsError(ValueError):
    """A setting's name or value is wrong; the message names the key."""


def config_dir() -> Path:
    home = os.environ.get("SCANDESK_HOME")
    if home:
        return Path(home).expanduser() / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def default_worker_id() -> str:
    """`desk-<hostname>`, lower-case, safe characters only, within the central API's 128 characters."""
    host = re.sub(r"[^a-z0-9._-]+", "-", socket.gethostname().lower()).strip("-.") or "unknown"
    return f"desk-{host}"[:128]


# ------------------------------------------------------------------ checks
def _url(key: str, value: str) -> None:
    if value and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise SettingsError(f"{key}: must be an http:// or https:// URL, got {value!r}")


def _choice(*allowed: str) -> Callable[[str, Any], None]:
    def check(key: str, value: Any) -> None:
        if value not in allowed:
            raise SettingsError(f"{key}: must be one of {', '.join(allowed)}, got {value!r}")

    return check


def _at_least(minimum: float) -> Callable[[str, Any], None]:
    def check(key: str, value: Any) -> None:
        if value < minimum:
            raise SettingsError(f"{key}: must be at least {minimum:g}, got {value!r}")

    return check


def _worker_id(key: str, value: str) -> None:
    if not value or len(value) > 128 or not value.isprintable() or value != value.strip():
        raise SettingsError(f"{key}: must be 1-128 printable characters without surrounding spaces")


def _region(key: str, value: str) -> None:
    if value and not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d+", value):
        raise SettingsError(f"{key}: not an AWS region name (like ap-northeast-2), got {value!r}")


def _instance_id(key: str, value: str) -> None:
    if value and not re.fullmatch(r"i-[0-9a-f]{8,17}", value):
        raise SettingsError(f"{key}: not an EC2 instance id (like i-0123456789abcdef0), got {value!r}")


def _nothing(key: str, value: Any) -> None:
    return None


def _setting(default: Any = None, *, doc: str, check: Callable[[str, Any], None] = _nothing,
             factory: Callable[[], Any] | None = None) -> Any:
    metadata = {"help": doc, "check": check}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class Settings:
    api_url: str = _setting("", doc="central API base URL, e.g. https://api.academy.example", check=_url)
    worker_id: str = _setting(doc="X-Worker-Id sent to the central API", check=_worker_id,
                              factory=default_worker_id)
    language: str = _setting("auto", doc="UI language: auto (Korean on a Korean system), ko or en",
                             check=_choice("auto", "ko", "en"))
    concurrency: int = _setting(0, doc="jobs run at once; 0 = one per CPU core", check=_at_least(0))
    worker_autostart: bool = _setting(True, doc="start reading queued sheets when the app opens")
    data_dir: str = _setting("", doc="folder for the database and job output; empty = default")
    import_dirs: list[str] = field(
        default_factory=list,
        metadata={"help": "folders jobs may read from (besides the watched folder)", "check": _nothing},
    )
    watched_dir: str = _setting("", doc="scanner folder watched for new files; empty = none")
    watched_exam_id: int = _setting(0, doc="exam the scanner folder's files are filed under; 0 = none",
                                    check=_at_least(0))
    watching: bool = _setting(False, doc="watch the scanner folder (kept on across restarts)")
    last_folder: str = _setting("", doc="folder the app's file dialogs open in next (the last one used)")
    english_export_headers: bool = _setting(False, doc="export column names in English even when the UI is "
                                            "Korean (stable names for scripts)")
    cloud_region: str = _setting("", doc="AWS region of the cloud GPU worker", check=_region)
    cloud_instance_id: str = _setting("", doc="EC2 instance id of the cloud GPU worker", check=_instance_id)
    aws_profile: str = _setting("", doc="AWS profile for cloud control; empty = default chain (AWS_PROFILE)")
    admin_mode: bool = _setting(False, doc="show the admin panel (cloud worker control)")
    openai_base_url: str = _setting("", doc="OpenAI-compatible API base URL incl. /v1; empty = none",
                                    check=_url)
    openai_embedding_model: str = _setting("text-embedding-3-small", doc="model for embedding jobs")
    openai_chat_model: str = _setting("gpt-4o-mini", doc="model for problem_generation jobs")
    openai_timeout_seconds: float = _setting(60.0, doc="read timeout of one LLM request",
                                             check=_at_least(1))
    tesseract_cmd: str = _setting("", doc="tesseract executable; empty = the app's own, else tesseract on PATH")
    sync_timeout_seconds: float = _setting(10.0, doc="read timeout of one central API call",
                                           check=_at_least(0.1))
    sync_retry_base_seconds: float = _setting(1.0, doc="first retry of a failed sync call waits up to this",
                                              check=_at_least(0.01))
    sync_retry_cap_seconds: float = _setting(300.0, doc="longest wait between retries of a sync call",
                                             check=_at_least(0.01))
    sync_hold_flagged: bool = _setting(True, doc="hold an answer card with uncertain reads from sync until "
                                       "the teacher has reviewed it (then send the teacher's values)")
    download_max_mb: int = _setting(200, doc="largest input a central job may make this desk download",
                                    check=_at_least(1))
    download_timeout_seconds: float = _setting(120.0, doc="longest a central job's input download may take",
                                               check=_at_least(1))
    central_lease_seconds: float = _setting(120.0, doc="how long the central queue leases a job to this desk "
                                            "(its downloads get half; a job not done in it is abandoned)",
                                            check=_at_least(1))
    allow_private_downloads: bool = _setting(False, doc="let central jobs download from addresses that are not "
                                             "public (loopback, private, link-local, CGNAT, ULA); for tests")

    # ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def as_mapping(self) -> dict[str, Any]:
        """Plain values for `JobContext.settings` (handlers read keys, never this class)."""
        return self.to_dict()

    def replace(self, **changes: Any) -> Settings:
        merged = {**self.to_dict(), **changes}
        return Settings.from_dict(merged)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, strict: bool = True) -> Settings:
        """Build and check; with strict=False, unknown keys and bad values fall back to defaults."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in known:
                if strict:
                    raise SettingsError(f"unknown setting {key!r}; known: {', '.join(known)}")
                log.warning("ignoring unknown setting %r in the settings file", key)
                continue
            try:
                values[key] = coerce(key, raw)
            except SettingsError:
                if strict:
                    raise
                log.warning("ignoring a bad value for %r in the settings file", key)
        return cls(**values)


SETTING_NAMES: Final[tuple[str, ...]] = tuple(f.name for f in dataclasses.fields(Settings))
_FIELDS: Final = {f.name: f for f in dataclasses.fields(Settings)}
# Annotations are strings here (`from __future__ import annotations`); map them to the types we parse.
_TYPES: Final[dict[str, type]] = {
    f.name: {"str": str, "int": int, "float": float, "bool": bool, "list[str]": list}[str(f.type)]
    for f in dataclasses.fields(Settings)
}


def help_for(key: str) -> str:
    return str(_field(key).metadata["help"])


def _field(key: str) -> dataclasses.Field[Any]:
    if key not in _FIELDS:
        raise SettingsError(f"unknown setting {key!r}; known: {', '.join(SETTING_NAMES)}")
    return _FIELDS[key]


def coerce(key: str, value: Any) -> Any:
    """A JSON value for `key` checked and converted to the field's type."""
    spec = _field(key)
    kind = _TYPES[key]
    if kind is bool:
        if not isinstance(value, bool):
            raise SettingsError(f"{key}: must be true or false, got {value!r}")
    elif kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{key}: must be a whole number, got {value!r}")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SettingsError(f"{key}: must be a number, got {value!r}")
        value = float(value)
    elif kind is list:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SettingsError(f"{key}: must be a list of strings, got {value!r}")
        value = list(value)
    else:
        if not isinstance(value, str):
            raise SettingsError(f"{key}: must be text, got {value!r}")
        value = value.strip()
    spec.metadata["check"](key, value)
    return value


def parse_text(key: str, text: str) -> Any:
    """A value typed on the command line, converted for `key` (e.g. `config set concurrency 4`).

    Lists take a JSON array or paths separated by the platform's path separator (':' or ';').
    """
    kind = _TYPES[_field(key).name]
    text = text.strip()
    try:
        if kind is bool:
            lowered = text.lower()
            if lowered in ("1", "true", "yes", "on"):
                return coerce(key, True)
            if lowered in ("0", "false", "no", "off"):
                return coerce(key, False)
            raise SettingsError(f"{key}: must be true or false, got {text!r}")
        if kind is int:
            return coerce(key, int(text))
        if kind is float:
            return coerce(key, float(text))
        if kind is list:
            if text.startswith("["):
                return coerce(key, json.loads(text))
            return coerce(key, [part for part in text.split(os.pathsep) if part.strip()])
    except ValueError as exc:
        if isinstance(exc, SettingsError):
            raise
        raise SettingsError(f"{key}: cannot read {text!r} as {kind.__name__}") from None
    return coerce(key, text)


def format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# ------------------------------------------------------------- load / save
def load_file_settings(path: Path | None = None) -> Settings:
    """The settings file as written, without environment overrides (what `config set` edits).

    A missing file gives the defaults. A damaged one gives the defaults too, with a warning: the desk
    must still start; the file is replaced on the next save.
    """
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("cannot read settings %s (%s); using defaults", path, type(exc).__name__)
        return Settings()
    if not isinstance(data, dict):
        log.warning("settings %s is not a JSON object; using defaults", path)
        return Settings()
    return Settings.from_dict(data, strict=False)


def apply_env(settings: Settings, env: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if env is None else env
    changes = {key: environ[name] for name, key in ENV_OVERRIDES.items() if environ.get(name)}
    if not changes:
        return settings
    try:
        return settings.replace(**changes)
    except SettingsError as exc:
        name = next(n for n, k in ENV_OVERRIDES.items() if str(exc).startswith(k + ":"))
        raise SettingsError(f"{name}: {exc}") from None


def load_settings(path: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """The effective settings: the file, then the SCANDESK_* environment overrides."""
    return apply_env(load_file_settings(path), env)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically (temp file + rename): a crash never leaves half a settings file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.to_dict(), handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk: say which file was not saved
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise
    return path


def set_value(key: str, text: str, path: Path | None = None) -> Settings:
    """Parse `text` for `key`, store it in the settings file, and return the file's new settings."""
    updated = load_file_settings(path).replace(**{key: parse_text(key, text)})
    save_settings(updated, path)
    return updated
