"""Bring a store to the current schema at start-up: refuse a newer one, back up, then upgrade."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, text

from core.store.engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any number: it only has to be the same for every desk that migrates a shared PostgreSQL store.
_PG_MIGRATION_LOCK = 0x5CA7_DE5C


class StoreTooNewError(RuntimeError):
    """The database was written by a newer ScanDesk; opening it here could damage it."""


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads; merge them")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, sqlite_file: Path | None, backups_dir: Path) -> Path | None:
    """Migrate to head; return the backup file made first (SQLite with data only), if any."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise StoreTooNewError(
                f"This database was made by a newer ScanDesk (schema {current}; this version knows up to "
                f"{head}). Update ScanDesk, or point it at another data folder."
            ) from None
    backup = None
    if sqlite_file is not None and current is not None and sqlite_file.exists():
        backup = _backup_sqlite(sqlite_file, backups_dir, current)
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            # Two desks starting at once against one server: one migrates, the other waits.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        # Look again under the lock: another process may have migrated while this one waited.
        if MigrationContext.configure(conn).get_current_revision() != head:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    return backup


def _backup_sqlite(db_file: Path, backups_dir: Path, revision: str) -> Path:
    """Copy through SQLite's backup API, which is consistent even with a live WAL."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / f"{db_file.stem}-schema{revision}-{time.strftime('%Y%m%d-%H%M%S')}.db"
    source = sqlite3.connect(db_file)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
