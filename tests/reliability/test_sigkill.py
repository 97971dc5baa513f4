"""A worker killed with SIGKILL leaves no process behind: its pool children and the multiprocessing
resource tracker end with it, so no orphan finishes a job that another worker will run again."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.reliability import procs

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not procs.supported(), reason="reads /proc")


def test_sigkill_leaves_no_process_of_the_worker(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = open_store(home=home)
    pid_files = [tmp_path / f"child{i}.pid" for i in range(2)]
    JobQueue(store).enqueue_many([AIJob.new(type="embedding", payload={"texts": [f"hang:120:{f}"]}) for f in pid_files])
    store.close()
    worker = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--home", str(home), "worker", "--mode", "process",
         "--concurrency", "2", "--lease", "60", "--handler", "embedding=tests.support.handlers:scripted"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not all(f.exists() and f.read_text() for f in pid_files):
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
            assert time.monotonic() < deadline, "the worker did not start both jobs"
            time.sleep(0.05)
        handler_pids = {int(f.read_text()) for f in pid_files}
        before = procs.descendants(worker.pid)
        assert handler_pids <= before
        # The pool's two children and the resource tracker, at least.
        assert len(before) >= 3, {pid: procs.command_line(pid) for pid in before}

        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        survivors = procs.wait_until_gone(before, timeout_s=10)
        assert not survivors, {pid: procs.command_line(pid) for pid in survivors}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        if worker.stderr:
            worker.stderr.close()
