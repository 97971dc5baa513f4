"""Engines for the two back ends: SQLite (one file, the desk's default) and PostgreSQL (a shared queue)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url

# How long a writer waits for another process's write transaction before SQLite reports "busy".
# Claims and completions are short, so a wait this long means something is stuck, not contention.
SQLITE_BUSY_TIMEOUT_MS = 30_000

WRITE_OPTION = "scandesk_write"


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` as written by people; use the psycopg 3 driver."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_store_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    # pre_ping: a desk's connection to a shared server may sit idle for hours between batches.
    return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        # The driver's own transaction handling is turned off so that the "begin" hook below decides
        # between BEGIN (readers) and BEGIN IMMEDIATE (writers); check_same_thread is off because the
        # pool hands a connection to one thread at a time.
        connect_args={"isolation_level": None, "check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets the GUI read while a worker writes; NORMAL sync is durable across application
        # crashes (only a power cut can lose the last commits, never corrupt the file).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Checkpoints are where WAL mode syncs to disk; at the default (every 1,000 pages) a busy worker
        # spent most of its commit time in them. Every 10,000 pages (~40 MB of WAL) halves the number of
        # syncs per job (measured: claim+complete 3,000/s -> 4,400/s single process).
        cursor.execute("PRAGMA wal_autocheckpoint=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock at BEGIN, so its SELECT-then-UPDATE cannot interleave with
        # another writer's (the claim is atomic), and lock waits happen at BEGIN, where busy_timeout
        # applies, instead of failing at the first write with SQLITE_BUSY.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
