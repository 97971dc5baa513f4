"""Ctrl-C in the terminal reaches the whole process group, pool children included: `scandesk omr` stops
as asked, with one line, exit 130 and no job left RUNNING (the pages not read wait in the queue)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.contracts import DONE
from core.queue import JobQueue
from core.store import open_store
from tests.omr.synth import make_sheet

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "resources" / "templates" / "kr_omr_20.json"


@pytest.mark.slow
def test_ctrl_c_stops_scandesk_omr_in_one_line_and_leaves_no_job_running(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    scans = tmp_path / "scans"
    scans.mkdir()
    distinct = [make_sheet(TEMPLATE, rng, turn=0).jpeg for _ in range(4)]
    for n in range(150):  # distinct bytes per file: each is a page of its own
        (scans / f"card_{n:03d}.jpg").write_bytes(distinct[n % 4] + n.to_bytes(2, "big"))
    home = tmp_path / "home"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.Popen([sys.executable, "-m", "desktop", "--home", str(home), "omr", str(scans),
                            "--template", str(TEMPLATE), "--csv", str(tmp_path / "out.csv")],
                           cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        queue = None
        while time.monotonic() < deadline and run.poll() is None:
            if queue is None and (home / "scandesk.db").exists():
                with contextlib.suppress(Exception):
                    queue = JobQueue(open_store(home=home))
            if queue is not None and queue.counts()[DONE] >= 3:
                break
            time.sleep(0.05)
        assert run.poll() is None, "the run ended before it could be stopped"
        os.killpg(run.pid, signal.SIGINT)
        output, _ = run.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    text = output.decode(errors="replace")
    assert run.returncode == 130, text[-2000:]
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text[-2000:]
    assert "stopped:" in text and "pages not read; they wait in the queue" in text, text[-2000:]
    store = open_store(home=home)
    counts = JobQueue(store).counts()
    assert counts["RUNNING"] == 0 and counts[DONE] >= 3 and counts["PENDING"] > 0
    store.close()
