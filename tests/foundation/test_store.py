"""The store: where it lives, SQLite settings, migrations with a backup, and refusing a newer schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from core.store import StoreTooNewError, open_store
from core.store.migrate import head_revision


def test_default_store_is_one_sqlite_file_under_scandesk_home(_private_home: Path):
    store = open_store()
    assert store.sqlite_file == _private_home / "scandesk.db"
    assert store.sqlite_file.exists()
    assert store.data_dir == _private_home / "data"


def test_db_url_from_environment_wins_over_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("SCANDESK_DB_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert open_store().sqlite_file == tmp_path / "other.db"


def test_explicit_url_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SCANDESK_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert open_store(f"sqlite:///{tmp_path / 'flag.db'}").sqlite_file == tmp_path / "flag.db"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    store = open_store()
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_reach_head_on_both_back_ends(db_url):
    store = open_store(db_url)
    with store.read() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    store.close()


def test_a_store_from_a_newer_scandesk_is_refused_and_left_alone(_private_home: Path):
    store = open_store()
    with store.write() as conn:
        conn.execute(text("INSERT INTO exams (name, template_path, created_at) VALUES ('midterm', 't.json', 0)"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0000_before'"))
    store.close()
    # A revision the scripts do not know is "newer": refused, the file untouched.
    with pytest.raises(StoreTooNewError, match="newer ScanDesk"):
        open_store()
    raw = sqlite3.connect(_private_home / "scandesk.db")
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0000_before"
    raw.close()


def test_fresh_store_makes_no_backup(_private_home: Path):
    open_store().close()
    assert not (_private_home / "backups").exists()


def test_in_memory_sqlite_is_refused():
    with pytest.raises(ValueError, match="in-memory"):
        open_store("sqlite://")


def test_a_store_at_the_first_revision_is_upgraded_with_a_backup(_private_home: Path):
    """A real upgrade: make a store as the first release did, then open it with this one."""
    from alembic import command

    from core.store.engine import create_store_engine
    from core.store.migrate import alembic_config

    db = _private_home / "scandesk.db"
    _private_home.mkdir(parents=True, exist_ok=True)
    engine = create_store_engine(f"sqlite:///{db}")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("INSERT INTO exams (name, template_path, created_at) VALUES ('quiz', 't.json', 0)"))
    engine.dispose()
    store = open_store()
    with store.read() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert conn.execute(text("SELECT name FROM exams")).scalar() == "quiz"
    [backup] = (_private_home / "backups").glob("scandesk-schema0001-*.db")
    assert sqlite3.connect(backup).execute("SELECT name FROM exams").fetchall() == [("quiz",)]
