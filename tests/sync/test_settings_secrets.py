"""Settings file, environment overrides, and secrets in the keyring or the 0600 fallback file."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import keyring.backend
import keyring.backends.fail
import pytest

from core import settings as settings_mod
from core.secrets import OPENAI_API_KEY, WORKER_TOKEN, SecretStore, default_secret_store, worker_token
from core.settings import (
    SETTING_NAMES,
    Settings,
    SettingsError,
    config_dir,
    load_file_settings,
    load_settings,
    parse_text,
    save_settings,
    set_value,
)

SECRET = "tok-ABCDEF-123456-do-not-leak"


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.store[(service, username)]


class BrokenKeyring(MemoryKeyring):
    """Like a Secret Service backend on a box without D-Bus: present, but every call fails."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("no D-Bus session")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringError("no D-Bus session")


# ------------------------------------------------------------------ settings
def test_config_dir_follows_scandesk_home(_isolated_home: Path) -> None:
    assert config_dir() == _isolated_home / "config"
    assert settings_mod.settings_path() == _isolated_home / "config" / "settings.json"


def test_defaults_and_round_trip(_isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.worker_id.startswith("desk-")
    assert settings.api_url == "" and settings.import_dirs == [] and settings.admin_mode is False
    assert settings.openai_base_url == ""  # empty means "no backend" to the routing code
    changed = settings.replace(api_url="https://api.academy.test", import_dirs=["/scans"], concurrency=3,
                               admin_mode=True, cloud_region="ap-northeast-2",
                               cloud_instance_id="i-0f52f9d89481385a8")
    path = save_settings(changed)
    assert load_settings() == changed
    on_disk = json.loads(path.read_text())
    assert set(on_disk) == set(SETTING_NAMES)
    assert "worker_token" not in on_disk and "openai_api_key" not in on_disk


def test_every_setting_can_be_set_from_text(_isolated_home: Path) -> None:
    samples = {
        "api_url": "http://127.0.0.1:8765", "worker_id": "desk-room-3", "language": "ko", "concurrency": "2",
        "data_dir": "/data/scandesk", "import_dirs": os.pathsep.join(["/scans/a", "/scans/b"]),
        "watched_dir": "/scans/inbox", "cloud_region": "ap-northeast-2", "cloud_instance_id": "i-0123456789abcdef0",
        "aws_profile": "academy", "admin_mode": "on", "openai_base_url": "http://127.0.0.1:11434/v1",
        "openai_embedding_model": "nomic-embed-text", "openai_chat_model": "qwen2.5", "openai_timeout_seconds": "30",
        "tesseract_cmd": "/usr/bin/tesseract", "sync_timeout_seconds": "2.5", "download_max_mb": "50",
        "sync_retry_base_seconds": "0.5", "sync_retry_cap_seconds": "60", "download_timeout_seconds": "30",
        "allow_private_downloads": "true", "worker_autostart": "off", "watched_exam_id": "3", "watching": "on",
        "last_folder": "/home/teacher/Documents", "english_export_headers": "yes", "central_lease_seconds": "60",
        "sync_hold_flagged": "off",
    }
    assert set(samples) == set(SETTING_NAMES), "a new setting needs a sample here"
    for key, text in samples.items():
        set_value(key, text)
    loaded = load_file_settings()
    assert loaded.import_dirs == ["/scans/a", "/scans/b"]
    assert (loaded.concurrency, loaded.admin_mode, loaded.sync_timeout_seconds) == (2, True, 2.5)
    assert parse_text("import_dirs", '["/x", "/y"]') == ["/x", "/y"]


@pytest.mark.parametrize("key,text", [
    ("api_url", "ftp://x"), ("language", "fr"), ("concurrency", "-1"), ("concurrency", "two"),
    ("admin_mode", "maybe"), ("cloud_region", "Seoul"), ("cloud_instance_id", "vm-1"),
    ("worker_id", ""), ("download_max_mb", "0"), ("no_such_key", "1"), ("import_dirs", "[1, 2]"),
    ("download_timeout_seconds", "0"), ("allow_private_downloads", "maybe"),
])
def test_bad_values_are_refused_naming_the_key(key: str, text: str) -> None:
    with pytest.raises(SettingsError) as caught:
        set_value(key, text)
    assert key in str(caught.value)


def test_env_overrides_apply_on_load_and_are_never_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    set_value("api_url", "https://file.example")
    monkeypatch.setenv("SCANDESK_API_URL", "http://127.0.0.1:9999")
    monkeypatch.setenv("SCANDESK_WORKER_ID", "script-worker")
    monkeypatch.setenv("SCANDESK_CLOUD_REGION", "us-east-1")
    monkeypatch.setenv("SCANDESK_CLOUD_INSTANCE_ID", "i-00000000000000001")
    effective = load_settings()
    assert (effective.api_url, effective.worker_id) == ("http://127.0.0.1:9999", "script-worker")
    assert (effective.cloud_region, effective.cloud_instance_id) == ("us-east-1", "i-00000000000000001")
    set_value("concurrency", "4")
    assert load_file_settings().api_url == "https://file.example"
    monkeypatch.setenv("SCANDESK_CLOUD_REGION", "nowhere")
    with pytest.raises(SettingsError, match="SCANDESK_CLOUD_REGION"):
        load_settings()


def test_damaged_settings_file_gives_defaults(caplog: pytest.LogCaptureFixture) -> None:
    path = settings_mod.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert load_settings() == Settings(worker_id=load_settings().worker_id)
    path.write_text(json.dumps({"concurrency": "lots", "api_url": "http://ok.test", "retired": 1}))
    loaded = load_settings()
    assert (loaded.concurrency, loaded.api_url) == (0, "http://ok.test")


# ------------------------------------------------------------------- secrets
def test_keyring_first_and_nothing_in_the_file(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    store = SecretStore(tmp_path, backend=backend)
    assert store.get(WORKER_TOKEN) is None
    assert store.set(WORKER_TOKEN, SECRET).startswith("keyring")
    assert backend.store[("ScanDesk", WORKER_TOKEN)] == SECRET
    assert store.get(WORKER_TOKEN) == SECRET
    assert not store.file_path.exists()
    store.delete(WORKER_TOKEN)
    store.delete(WORKER_TOKEN)  # deleting twice is fine
    assert store.get(WORKER_TOKEN) is None


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(), BrokenKeyring()])
def test_file_fallback_is_0600_and_warns_without_the_value(
    tmp_path: Path, backend: keyring.backend.KeyringBackend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore(tmp_path / "config", backend=backend)
    where = store.set(WORKER_TOKEN, SECRET)
    store.set(OPENAI_API_KEY, "sk-other")
    assert where == str(store.file_path)
    assert stat.S_IMODE(store.file_path.stat().st_mode) == 0o600
    assert SecretStore(tmp_path / "config", backend=backend).get(WORKER_TOKEN) == SECRET
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings and str(store.file_path) in warnings[0].getMessage()
    assert not [r for r in caplog.records if SECRET in r.getMessage()]
    store.delete(WORKER_TOKEN)
    assert store.get(WORKER_TOKEN) is None and store.get(OPENAI_API_KEY) == "sk-other"


def test_loose_file_permissions_are_tightened(tmp_path: Path) -> None:
    store = SecretStore(tmp_path, backend=keyring.backends.fail.Keyring())
    store.set(WORKER_TOKEN, SECRET)
    os.chmod(store.file_path, 0o644)
    assert store.get(WORKER_TOKEN) == SECRET
    assert stat.S_IMODE(store.file_path.stat().st_mode) == 0o600


def test_moving_to_a_keyring_removes_the_file_copy(tmp_path: Path) -> None:
    SecretStore(tmp_path, backend=keyring.backends.fail.Keyring()).set(WORKER_TOKEN, "old")
    store = SecretStore(tmp_path, backend=MemoryKeyring())
    assert store.get(WORKER_TOKEN) == "old"  # still readable from the file
    store.set(WORKER_TOKEN, "new")
    assert "worker_token" not in json.loads(store.file_path.read_text())
    assert store.get(WORKER_TOKEN) == "new"


def test_unknown_secret_names_and_empty_values_are_refused(tmp_path: Path) -> None:
    store = SecretStore(tmp_path, backend=MemoryKeyring())
    with pytest.raises(KeyError):
        store.get("password")
    with pytest.raises(ValueError):
        store.set(WORKER_TOKEN, "")


def test_worker_token_env_override_wins(_isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # PYTHON_KEYRING_BACKEND=fail (conftest): the default store falls back to SCANDESK_HOME/config.
    store = default_secret_store()
    assert store.file_path == _isolated_home / "config" / "secrets.json"
    store.set(WORKER_TOKEN, SECRET)
    assert worker_token() == SECRET
    monkeypatch.setenv("SCANDESK_WORKER_TOKEN", "from-env")
    assert worker_token() == "from-env"


def test_token_with_surrounding_whitespace_is_trimmed_and_control_chars_refused(
    _isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.secrets import InvalidSecret

    store = SecretStore(_isolated_home / "cfg", backend=MemoryKeyring())
    store.set(WORKER_TOKEN, "  tok-abcdef123 \n")
    assert store.get(WORKER_TOKEN) == "tok-abcdef123"
    for bad in ("tok-abc\ndef123", "tok-abc\x07def123", "tok-abcdéf123"):
        with pytest.raises(InvalidSecret) as caught:
            store.set(WORKER_TOKEN, bad)
        assert bad.strip() not in str(caught.value) and "abc" not in str(caught.value)
    # Loaded from the environment (or an older store): trimmed, or refused without quoting it.
    monkeypatch.setenv("SCANDESK_WORKER_TOKEN", "tok-from-env-9 \n")
    assert worker_token() == "tok-from-env-9"
    monkeypatch.setenv("SCANDESK_WORKER_TOKEN", "tok-from\nenv-9")
    with pytest.raises(InvalidSecret) as caught:
        worker_token()
    assert "tok-from" not in str(caught.value) and "SCANDESK_WORKER_TOKEN" in str(caught.value)
