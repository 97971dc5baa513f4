"""Real worker processes against one store: no job run twice, none lost, crashes recovered.

Workers are started as `scandesk worker` processes, as a desk or a second desk sharing PostgreSQL
would run them; the test handler appends each job id it runs to a file per process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from core.store.schema import job_events, results

REPO = Path(__file__).resolve().parents[2]
HANDLER = "embedding=tests.support.handlers:record_run"


def start_worker(db_url: str, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", db_url, "worker", "--quiet", "--handler", HANDLER, *args],
        cwd=REPO,
        env=env,
        start_new_session=True,  # so the test can kill the worker with all its pool children
    )


def runs(folder: Path) -> Counter[str]:
    counted: Counter[str] = Counter()
    for f in folder.glob("runs-*.txt"):
        counted.update(line for line in f.read_text().splitlines() if line)
    return counted


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_ten_thousand_jobs_two_worker_processes_none_twice_none_lost(db_url, tmp_path):
    store = open_store(db_url)
    queue = JobQueue(store)
    marks = tmp_path / "marks"
    marks.mkdir()
    jobs = [AIJob.new(type="embedding", payload={"texts": ["run", str(marks)]}) for _ in range(10_000)]
    for i in range(0, len(jobs), 1000):
        queue.enqueue_many(jobs[i : i + 1000])
    workers = [start_worker(db_url, "--mode", "thread", "--concurrency", "8", "--idle-exit", "2") for _ in range(2)]
    for w in workers:
        assert w.wait(timeout=300) == 0
    counted = runs(marks)
    assert len(counted) == 10_000, "lost jobs"
    assert max(counted.values()) == 1, "a job ran twice"
    assert len(list(marks.glob("runs-*.txt"))) == 2, "both processes worked"
    assert queue.counts()["DONE"] == 10_000
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(results)).scalar() == 10_000
        assert conn.execute(select(func.count()).select_from(job_events).where(job_events.c.kind == "done")).scalar() == 10_000
    store.close()


@pytest.mark.slow
def test_a_worker_killed_mid_job_is_given_back_by_the_next_worker_on_its_host(db_url, tmp_path):
    store = open_store(db_url)
    queue = JobQueue(store)
    marks = tmp_path / "marks"
    marks.mkdir()
    [job_id] = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["sleep:1.5", str(marks)]})])
    first = start_worker(db_url, "--mode", "process", "--concurrency", "1", "--lease", "5")
    wait_until(lambda: runs(marks)[job_id] == 1, 60, "the first worker to start the job")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    assert queue.get(job_id).status == "RUNNING"  # nobody told the queue
    second = start_worker(db_url, "--mode", "process", "--concurrency", "1", "--lease", "5", "--idle-exit", "8")
    assert second.wait(timeout=120) == 0
    view = queue.get(job_id)
    assert view.status == "DONE" and view.attempt_count == 2
    assert runs(marks)[job_id] == 2  # started twice, completed once:
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(results)).scalar() == 1
    kinds = [e.kind for e in queue.events(job_id)]
    # The next worker on this host sees the first one's process is gone and gives its job back at start,
    # without waiting out the lease (expired leases are reclaimed in the unit tests of tests/foundation/test_queue.py).
    assert kinds.count("claimed") == 2 and kinds.count("done") == 1 and "lease_released" in kinds
    store.close()


@pytest.mark.slow
def test_a_heartbeating_job_outlives_its_lease(db_url, tmp_path):
    store = open_store(db_url)
    queue = JobQueue(store)
    marks = tmp_path / "marks"
    marks.mkdir()
    [job_id] = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["sleep:12", str(marks)]})])
    # A 5 s lease (the shortest the CLI takes) and a 12 s job: without heartbeats the second worker would
    # take it over. (Heartbeats come every 5/3 s, so even a loaded machine has slack before the lease runs out.)
    owner = start_worker(db_url, "--mode", "thread", "--concurrency", "1", "--lease", "5", "--idle-exit", "1")
    wait_until(lambda: runs(marks)[job_id] == 1, 60, "the job to start")
    rival = start_worker(db_url, "--mode", "thread", "--concurrency", "1", "--lease", "5", "--idle-exit", "15")
    assert owner.wait(timeout=60) == 0 and rival.wait(timeout=60) == 0
    view = queue.get(job_id)
    assert view.status == "DONE" and view.attempt_count == 1
    assert runs(marks)[job_id] == 1
    store.close()
