"""Fixtures for the whole suite: a private data folder per test, and the store on both back ends.

No test touches the developer's real data folder, settings or keyring: SCANDESK_HOME points into the
test's tmp dir, the SCANDESK_* overrides are cleared, and keyring gets a backend that keeps nothing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

_CLEARED_ENV = (
    "SCANDESK_DB_URL",
    "SCANDESK_API_URL",
    "SCANDESK_WORKER_TOKEN",
    "SCANDESK_WORKER_ID",
    "SCANDESK_CLOUD_REGION",
    "SCANDESK_CLOUD_INSTANCE_ID",
    "AWS_PROFILE",
)


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "scandesk-home"
    monkeypatch.setenv("SCANDESK_HOME", str(home))
    for name in _CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


def postgres_url() -> str | None:
    url = os.environ.get("SCANDESK_TEST_PG_URL")
    if not url and os.environ.get("SCANDESK_REQUIRE_PG") == "1":
        pytest.fail("SCANDESK_REQUIRE_PG=1 but SCANDESK_TEST_PG_URL is not set (run-tests starts PostgreSQL)")
    return url


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    base = postgres_url()
    if not base:
        pytest.skip("PostgreSQL not configured (SCANDESK_TEST_PG_URL)")
    from sqlalchemy import create_engine, text

    from core.store.engine import normalise_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(base))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store's URL on each back end: a SQLite file, or a private PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite+pysqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_schema_url")
