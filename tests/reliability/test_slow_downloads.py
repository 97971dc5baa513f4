"""Remote worker against a central lease shorter than a stalled download: downloads run side by side,
each gives up well before the lease ends (the job is reported FAILED while the desk still holds it), and
a job that outlives its central lease is abandoned, never posted over the worker it was handed to next.

The stand-in central API runs in a subprocess (tests/central_api), the desk is the real CLI in another.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.central_api.fixtures import StandIn, start_stand_in

REPO = Path(__file__).resolve().parents[2]
LEASE_S = 4.0


class StallingServer:
    """Answers every GET with headers and one byte of a 1000-byte body, then sends nothing more."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.open_now = 0
        self.most_open = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._stall, args=(conn,), daemon=True).start()

    def _stall(self, conn: socket.socket) -> None:
        with self._lock:
            self.open_now += 1
            self.most_open = max(self.most_open, self.open_now)
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: image/png\r\n\r\nx")
            conn.settimeout(0.2)
            while not self._closing.is_set():  # until the client hangs up
                try:
                    if conn.recv(1) == b"":
                        break
                except TimeoutError:
                    continue
                except OSError:
                    break
        finally:
            with self._lock:
                self.open_now -= 1
            conn.close()

    def close(self) -> None:
        self._closing.set()
        self.sock.close()


@pytest.fixture
def stalling() -> Iterator[StallingServer]:
    server = StallingServer()
    yield server
    server.close()


@pytest.fixture
def short_lease_stand_in(tmp_path: Path) -> Iterator[StandIn]:
    with start_stand_in(tmp_path / "stand_in", lease_seconds=LEASE_S) as server:
        yield server


def _desk(home: Path, stand_in: StandIn, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCANDESK_HOME": str(home), "SCANDESK_API_URL": stand_in.base_url,
           "SCANDESK_WORKER_TOKEN": stand_in.token, "SCANDESK_WORKER_ID": "desk-slow"}
    return subprocess.run([sys.executable, "-m", "desktop", "--home", str(home), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def _configure(home: Path, stand_in: StandIn) -> None:
    for key, value in (("allow_private_downloads", "true"), ("central_lease_seconds", str(LEASE_S))):
        done = _desk(home, stand_in, "config", "set", key, value)
        assert done.returncode == 0, done.stderr


def test_stalled_downloads_run_side_by_side_and_give_up_before_the_central_lease(
    tmp_path: Path, short_lease_stand_in: StandIn, stalling: StallingServer
) -> None:
    home = tmp_path / "desk"
    _configure(home, short_lease_stand_in)
    url = f"http://127.0.0.1:{stalling.port}/scan.png"
    ids = short_lease_stand_in.seed_jobs([{"type": "ocr", "payload": {"image_url": url}}] * 2, max_attempts=1)
    run = _desk(home, short_lease_stand_in, "worker", "--remote", "--idle-exit", "1", "--mode", "thread",
                "--concurrency", "2", "--handler", "ocr=tests.sync.handlers:input_size")
    assert stalling.most_open == 2, "the two downloads should have been under way at the same time"
    central = {job["job_id"]: job for job in short_lease_stand_in.jobs()}
    # FAILED was posted by this desk, within the lease: the stand-in ignores a report from a lost lease.
    assert [central[i]["status"] for i in ids] == ["FAILED", "FAILED"]
    assert [central[i]["result_worker"] for i in ids] == ["desk-slow", "desk-slow"]
    assert short_lease_stand_in.counters()["lease_reclaims"] == 0
    store = open_store(home=home)
    errors = [v.error for v in JobQueue(store).get_many(ids)]
    store.close()
    # Each download's deadline is half of what was left of its lease when it started.
    given = [float(re.search(r"took longer than ([0-9.]+) s", e).group(1)) for e in errors]  # type: ignore[union-attr]
    assert all(0 < g <= LEASE_S * 0.5 for g in given), errors
    assert "pulled 2, 0 done, 2 failed, 0 abandoned" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_a_job_that_outlives_its_central_lease_is_abandoned_not_posted(
    tmp_path: Path, short_lease_stand_in: StandIn
) -> None:
    home = tmp_path / "desk"
    _configure(home, short_lease_stand_in)
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "slow.png").write_bytes(b"png")
    assert _desk(home, short_lease_stand_in, "config", "set", "import_dirs", str(scans)).returncode == 0
    [job_id] = short_lease_stand_in.seed_jobs(
        [{"type": "embedding", "payload": {"texts": [f"sleep:{LEASE_S + 1}"]}}], max_attempts=3
    )
    run = _desk(home, short_lease_stand_in, "worker", "--remote", "--max-jobs", "1", "--mode", "thread",
                "--concurrency", "1", "--handler", "embedding=tests.support.handlers:scripted")
    assert run.returncode == 1, run.stderr
    assert "pulled 1, 0 done, 0 failed, 1 abandoned (central lease ran out)" in run.stderr, run.stderr
    counters = short_lease_stand_in.counters()
    assert counters["results"] == 0, "nothing may be posted for an abandoned job"
    store = open_store(home=home)
    queue = JobQueue(store)
    view = queue.get(job_id)
    kinds = [e.kind for e in queue.events(job_id)]
    store.close()
    assert view is not None and view.status == "FAILED" and "central lease" in view.error
    assert "abandoned" in kinds and "done" not in kinds


def test_refused_jobs_are_counted_and_make_the_run_fail(tmp_path: Path, short_lease_stand_in: StandIn) -> None:
    """A central job this desk cannot read is answered FAILED at once; the summary says so, exit 1."""
    home = tmp_path / "desk"
    [bad] = short_lease_stand_in.seed_jobs([{"type": "ocr", "payload": {"image_path": 7}}], max_attempts=1)
    run = _desk(home, short_lease_stand_in, "worker", "--remote", "--idle-exit", "1", "--mode", "thread")
    assert run.returncode == 1, run.stderr
    assert "pulled 0, 0 done, 0 failed, 0 abandoned (central lease ran out), 1 refused" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    central = {job["job_id"]: job for job in short_lease_stand_in.jobs()}
    assert central[bad]["status"] == "FAILED" and central[bad]["result_worker"] == "desk-slow"


def test_a_row_that_goes_dead_during_the_run_is_counted_and_fails_it(
    tmp_path: Path, short_lease_stand_in: StandIn
) -> None:
    """The run's sender meets a row the central API refuses for good (404 for a job it never registered)."""
    home = tmp_path / "desk"
    store = open_store(home=home)
    queue = JobQueue(store)
    queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["desk"]})])
    [claimed] = queue.claim_many("t", 1)
    queue.complete(claimed.job_id, claimed.lease_token, {"ok": True})
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET steps = 'result,grading'")  # as if its registration were lost
    store.close()
    run = _desk(home, short_lease_stand_in, "worker", "--remote", "--idle-exit", "1", "--mode", "thread")
    assert run.returncode == 1, run.stderr
    assert "outbox: 0 unsent, 1 dead" in run.stderr, run.stderr
