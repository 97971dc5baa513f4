"""Open the store: pick the database, make the folders, migrate."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from core.store import migrate
from core.store.engine import WRITE_OPTION, create_store_engine, normalise_url
from core.store.paths import default_db_path, home_dir
from core.text import first_line


@dataclass(frozen=True)
class Store:
    """An open database plus the folders that go with it. Safe to share between threads."""

    engine: Engine
    url: str
    home: Path
    data_dir: Path
    sqlite_file: Path | None
    _write_gate: WriteGate | None = field(default=None, repr=False)

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_file is not None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (SQLite: BEGIN IMMEDIATE, so it holds the write lock from the start)."""
        if self._write_gate is None:
            with self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
                yield conn
            return
        with self._write_gate, self.engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        self.engine.dispose()
        if self._write_gate is not None:
            self._write_gate.close()


class WriteGate:
    """Queues SQLite writers of all processes on this machine in the kernel instead of in SQLite.

    SQLite allows one writer; the others poll, sleeping up to 100 ms between tries, so under contention
    the lock sits idle most of the time (two busy workers measured ~2,800 claims/s with polling). A
    blocking `flock` on a file beside the database hands the lock over as soon as it is released.
    SQLite's own locking still guards correctness; this only removes the waiting.
    Threads of one process share one descriptor, so a thread lock orders them first.
    """

    def __init__(self, lock_file: Path) -> None:
        self._fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        self._threads = threading.Lock()

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def __exit__(self, *_exc: object) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._threads.release()

    def close(self) -> None:
        os.close(self._fd)


# The first 16 bytes of every SQLite database file.
# Tables of which one marks a SQLite file as a ScanDesk store (alembic's bookkeeping, or the queue).
_STORE_TABLES = frozenset({"alembic_version", "jobs"})


class StoreOpenError(ValueError):
    """The store cannot be opened as asked: a URL naming no usable database, a file that is not a
    ScanDesk store (or is damaged), a folder that cannot be written. The message is one line."""


def check_sqlite_file(path: Path) -> None:
    """Refuse a path that is not a ScanDesk SQLite store or a place for a new one, before anything is
    created beside it (its lock file, its WAL): `sqlite:////etc/passwd` must leave /etc as it was."""
    if path.is_dir():
        raise StoreOpenError(f"{path} is a folder, not a database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    # Read through SQLite only: closing any other descriptor of the file would drop the POSIX locks
    # this process's open connections hold on it (SQLite shares its own descriptors per file, so the
    # probe is safe), and another process could then checkpoint under them ("disk I/O error").
    try:
        probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)  # creates no -wal, -shm
        try:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StoreOpenError(f"{path} is not a SQLite database (damaged, or another kind of file)") from None
        raise StoreOpenError(f"the store {path} cannot be read: {exc}") from None
    if tables and not tables & _STORE_TABLES:
        raise StoreOpenError(f"{path} is a SQLite database of another program, not a ScanDesk store")


def resolve_db_url(url: str | None, home: Path) -> str:
    """`--db URL` first, then SCANDESK_DB_URL, then the SQLite file in the home folder."""
    chosen = url or os.environ.get("SCANDESK_DB_URL")
    if chosen:
        return normalise_url(chosen)
    return f"sqlite+pysqlite:///{default_db_path(home)}"


def open_store(url: str | None = None, home: Path | str | None = None, *, run_migrations: bool = True) -> Store:
    """Open (and migrate) the store. Raises StoreOpenError, with one line saying what is wrong, for a
    URL, file or folder that cannot be used; a PostgreSQL server that does not answer raises the
    driver's OperationalError (it may answer later)."""
    root = home_dir(home)
    _make_folder(root, "the data folder")
    try:
        db_url = resolve_db_url(url, root)
        parsed = make_url(db_url)
    except ArgumentError:
        raise StoreOpenError(f"{url or os.environ.get('SCANDESK_DB_URL')!r} is not a database URL "
                             "(sqlite:////path/to/file.db or postgresql://user@host/db)") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreOpenError(f"{backend} databases are not supported; use sqlite:////path/to/file.db "
                             "or postgresql://user@host/db")
    sqlite_file = None
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreOpenError("an in-memory SQLite store cannot be shared by workers; give a file "
                                 "(sqlite:////path/to/file.db)")
        sqlite_file = Path(parsed.database)
        check_sqlite_file(sqlite_file)
        _make_folder(sqlite_file.parent, "the database's folder")
    try:
        engine = create_store_engine(db_url)
    except ImportError as exc:  # a driver named in the URL that is not installed
        raise StoreOpenError(f"the database driver is not installed: {exc}") from None
    data_dir = root / "data"
    _make_folder(data_dir, "the data folder")
    gate = None
    if sqlite_file is not None:
        lock = sqlite_file.with_name(sqlite_file.name + ".writelock")
        try:
            gate = WriteGate(lock)
        except OSError as exc:
            engine.dispose()
            raise StoreOpenError(f"cannot write beside the store ({lock}): {exc.strerror or exc}") from None
    store = Store(engine=engine, url=db_url, home=root, data_dir=data_dir, sqlite_file=sqlite_file, _write_gate=gate)
    if run_migrations:
        try:
            migrate.upgrade(engine, sqlite_file, root / "backups")
        except DBAPIError as exc:
            store.close()
            if sqlite_file is None:
                raise
            raise StoreOpenError(f"the store {sqlite_file} cannot be used: {first_line(exc, with_type=False)}") from None
        except OSError as exc:  # the backup before a migration, in a folder that cannot be written
            store.close()
            raise StoreOpenError(f"cannot prepare the store: {exc.strerror or exc}: {exc.filename or ''}") from None
        except Exception:
            store.close()
            raise
    return store


def _make_folder(folder: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreOpenError(f"cannot create {what} {folder}: {exc.strerror or exc}") from None
