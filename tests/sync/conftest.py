"""Fixtures for the sync, settings, secrets and cloud tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# `tests` is not an installed package: make `tests.central_api` importable however pytest was started.
_REPO_ROOT = str(Path(__file__).resolve().parents[2])
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)

from tests.central_api.fixtures import stand_in, stand_in_module  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Own SCANDESK_HOME, no real keyring, no sync/cloud overrides leaking in from the shell."""
    home = tmp_path / "scandesk_home"
    monkeypatch.setenv("SCANDESK_HOME", str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    for name in ("SCANDESK_API_URL", "SCANDESK_WORKER_TOKEN", "SCANDESK_WORKER_ID", "SCANDESK_CLOUD_REGION",
                 "SCANDESK_CLOUD_INSTANCE_ID", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    return home
