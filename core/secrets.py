"""Secrets of the desk (the worker token, an OpenAI-compatible API key): the OS keyring first.

Where no usable keyring exists (a headless Linux box without a Secret Service, keyring's `fail` or `null`
backend, or a backend that errors), the secret goes to `secrets.json` in the config folder, created with
mode 0600 (readable by this user only), and a warning says so. The warning names the file, never the
value; no function here logs a secret.

Note: the module is `core.secrets`; inside the `core` package always import it by that full name, the
standard library's `secrets` is another module.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import tempfile
from pathlib import Path
from typing import Final

import keyring
import keyring.backend
import keyring.errors

from core.settings import SettingsError

log = logging.getLogger(__name__)

SERVICE: Final = "ScanDesk"
WORKER_TOKEN: Final = "worker_token"
OPENAI_API_KEY: Final = "openai_api_key"
SECRET_KEYS: Final[tuple[str, ...]] = (WORKER_TOKEN, OPENAI_API_KEY)
FILE_NAME: Final = "secrets.json"

# Backends that exist but keep nothing: treat them as "no keyring".
_UNUSABLE_BACKENDS: Final = ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring")


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class InvalidSecret(SettingsError):
    """A secret's value cannot be used (it goes into HTTP headers). The message never quotes it.

    A SettingsError, so the command line reports it as bad input (exit 2, one line)."""


def clean_secret(name: str, value: str) -> str:
    """`value` without surrounding whitespace (a pasted newline, a trailing space); InvalidSecret when
    what is left is empty or has a character outside printable ASCII, which no HTTP header may carry."""
    cleaned = value.strip()
    if not cleaned:
        raise InvalidSecret(f"{name}: the value is empty")
    if not all(" " <= ch <= "~" for ch in cleaned):
        # Say where, not what: the message is printed and logged.
        raise InvalidSecret(f"{name}: the value has a control or non-ASCII character; paste it again")
    return cleaned


class SecretStore:
    """Get, set and delete named secrets. Not thread-safe for writers; readers may share it."""

    def __init__(self, config_dir: Path, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self.config_dir = Path(config_dir)
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._keyring_ok = _backend_name(self._backend) not in _UNUSABLE_BACKENDS
        self._warned = False

    @property
    def file_path(self) -> Path:
        return self.config_dir / FILE_NAME

    def location(self) -> str:
        """Where new secrets go: 'keyring (<backend>)' or the fallback file's path."""
        if self._keyring_ok:
            return f"keyring ({_backend_name(self._backend)})"
        return str(self.file_path)

    # ---------------------------------------------------------------- API
    def get(self, name: str) -> str | None:
        _check_name(name)
        if self._keyring_ok:
            try:
                value = self._backend.get_password(SERVICE, name)
            except Exception as exc:  # keyring backends raise their own errors (D-Bus, locked vault...)
                self._give_up_keyring(exc)
            else:
                if value is not None:
                    return value
        return self._read_file().get(name)

    def set(self, name: str, value: str) -> str:
        """Store `value`; returns where it went (see `location`)."""
        _check_name(name)
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name}: the value must be a non-empty string")
        value = clean_secret(name, value)
        if self._keyring_ok:
            try:
                self._backend.set_password(SERVICE, name, value)
            except Exception as exc:
                self._give_up_keyring(exc)
            else:
                # A copy left in the file from a keyring-less time would shadow nothing but still leak.
                self._remove_from_file(name)
                return self.location()
        self._warn_file_fallback()
        data = self._read_file()
        data[name] = value
        self._write_file(data)
        return str(self.file_path)

    def delete(self, name: str) -> None:
        _check_name(name)
        if self._keyring_ok:
            try:
                self._backend.delete_password(SERVICE, name)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored there
            except Exception as exc:
                self._give_up_keyring(exc)
        self._remove_from_file(name)

    # ------------------------------------------------------------ internals
    def _give_up_keyring(self, exc: Exception) -> None:
        log.warning(
            "OS keyring %s is not usable (%s); using %s instead",
            _backend_name(self._backend), type(exc).__name__, self.file_path,
        )
        self._keyring_ok = False
        self._warned = True

    def _warn_file_fallback(self) -> None:
        if not self._warned:
            log.warning(
                "No usable OS keyring; keeping secrets in %s (readable only by this user)", self.file_path
            )
            self._warned = True

    def _read_file(self) -> dict[str, str]:
        path = self.file_path
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            return {}
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("%s was readable by others; restricting it to this user", path)
            os.chmod(path, 0o600)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("cannot read %s (%s); treating it as empty", path, type(exc).__name__)
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}

    def _write_file(self, data: dict[str, str]) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file 0600; renaming it over the old one leaves no moment where the secret
        # sits in a file with the default (umask) permissions, and no half-written file after a crash.
        fd, tmp = tempfile.mkstemp(prefix=".secrets-", dir=self.config_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, self.file_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        if os.name == "posix":
            os.chmod(self.file_path, 0o600)

    def _remove_from_file(self, name: str) -> None:
        data = self._read_file()
        if name in data:
            del data[name]
            self._write_file(data)


def _check_name(name: str) -> None:
    if name not in SECRET_KEYS:
        raise KeyError(f"unknown secret {name!r}; known: {', '.join(SECRET_KEYS)}")


def default_secret_store() -> SecretStore:
    """The store for this desk: the current keyring backend, fallback file in the config folder."""
    from core.settings import config_dir

    return SecretStore(config_dir())


def worker_token(store: SecretStore | None = None, env: dict[str, str] | None = None) -> str | None:
    """SCANDESK_WORKER_TOKEN if set (scripts), else the stored worker token; surrounding whitespace
    removed. InvalidSecret if it has characters no HTTP header may carry (the message omits the token)."""
    environ = os.environ if env is None else env
    from_env = environ.get("SCANDESK_WORKER_TOKEN")
    value = from_env if from_env else (store or default_secret_store()).get(WORKER_TOKEN)
    if value is None or not value.strip():
        return None
    source = "SCANDESK_WORKER_TOKEN" if from_env else WORKER_TOKEN
    return clean_secret(source, value)
