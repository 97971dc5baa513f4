"""A store that keeps failing: bounded runs (`--once`, `--idle-exit`) end with the error, a long-running
worker backs off (capped) and says so once when it starts failing and once when it recovers."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.reliability.cli import scandesk
from tests.support.handlers import SCRIPTED
from worker import loop as loop_module
from worker.loop import WorkerConfig, WorkerLoop


class FailingClaims(JobQueue):
    """A real queue whose claims fail with `error` for the first `failures` calls."""

    def __init__(self, *args, failures: int, error: str = "database or disk is full", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.failures = failures
        self.error = error
        self.calls = 0

    def claim_many(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.calls <= self.failures:
            raise OperationalError("INSERT ...", {}, sqlite3.OperationalError(self.error))
        return super().claim_many(*args, **kwargs)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'errors.db'}")
    yield store
    store.close()


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the loop's waits after errors instead of sleeping them."""
    waits: list[float] = []
    real_wait = threading.Event.wait

    def wait(self: threading.Event, timeout: float | None = None) -> bool:
        # The loop's own thread only: the heartbeat thread waits a third of the lease between beats.
        if threading.current_thread() is threading.main_thread() and timeout is not None and timeout >= loop_module.DB_RETRY_S:
            waits.append(timeout)
            return real_wait(self, 0.001)
        return real_wait(self, timeout)

    monkeypatch.setattr(threading.Event, "wait", wait)
    return waits


def _config(tmp_path: Path) -> WorkerConfig:
    return WorkerConfig(concurrency=1, mode="thread", data_dir=tmp_path, handler_overrides=SCRIPTED)


@pytest.mark.parametrize("bounded", [{"once": True}, {"idle_exit": 30.0}])
def test_a_bounded_run_ends_with_the_error_after_a_few_tries(store, tmp_path, quick_retries, bounded) -> None:  # type: ignore[no-untyped-def]
    queue = FailingClaims(store, failures=1000)
    with pytest.raises(OperationalError, match="disk is full"):
        WorkerLoop(queue, _config(tmp_path)).run(**bounded)
    assert queue.calls == loop_module.DB_TRIES_BOUNDED


def test_the_long_running_worker_backs_off_capped_and_logs_each_state_change_once(
    store, tmp_path, quick_retries, caplog  # type: ignore[no-untyped-def]
) -> None:
    failures = 12
    queue = FailingClaims(store, failures=failures)
    [job_id] = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["echo"]})])
    caplog.set_level(logging.WARNING, logger="worker.loop")
    loop = WorkerLoop(queue, _config(tmp_path))
    loop.run(until=lambda: not queue.unfinished([job_id]))
    assert queue.get(job_id).status == "DONE"
    assert quick_retries[:failures] == [min(loop_module.DB_RETRY_CAP_S, loop_module.DB_RETRY_S * 2**i) for i in range(failures)]
    assert max(quick_retries) == loop_module.DB_RETRY_CAP_S
    messages = [r.getMessage() for r in caplog.records if r.name == "worker.loop"]
    assert len(messages) == 2, messages
    assert "the database failed: OperationalError: database or disk is full" in messages[0]
    assert messages[1] == "the database answers again"


def test_worker_once_on_a_store_that_fails_every_write_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A real full disk, made with a file-size limit once the store exists: every write fails."""
    import resource

    home = tmp_path / "home"
    store = open_store(home=home)
    JobQueue(store).enqueue_many([AIJob.new(type="embedding", payload={"texts": ["echo"]})])
    store.close()
    limit = 32768  # room for SQLite's shared-memory file, none for a transaction in the WAL

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = scandesk(home, "worker", "--once", "--mode", "thread", "--handler", "embedding=tests.support.handlers:scripted",
                   preexec=full_disk)
    assert "Traceback" not in run.err, run.err
    assert run.code == 1, run.err
    assert len(run.err.splitlines()) == 1, run.err
    assert "cannot use the database" in run.err
