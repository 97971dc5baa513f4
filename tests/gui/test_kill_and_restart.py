"""SIGKILL the app while its worker processes a batch: after a restart no job is lost and none has two
results. The app runs for real (`python -m desktop --home X gui --start-worker`, offscreen, its
process pool spawned), so this is the crash a teacher would cause by pulling the plug."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from core.contracts import DONE, AIJob
from core.queue import JobQueue
from core.store import open_store
from core.store.schema import job_events, results
from worker.loop import WorkerConfig, run_jobs

REPO = Path(__file__).resolve().parents[2]
BATCH = 40


@pytest.mark.slow
def test_sigkill_mid_batch_loses_nothing_and_runs_nothing_twice(tmp_path: Path, sample_scans: dict[str, Path]) -> None:
    home = Path(os.environ["SCANDESK_HOME"])
    store = open_store(home=home)
    queue = JobQueue(store)
    scans = sorted(sample_scans["folder"].glob("*.jpg"))
    ids = queue.enqueue_many([
        AIJob.new(type="omr", payload={"image_path": str(scans[i % len(scans)]), "page": 0,
                                       "template": str(sample_scans["template"]),
                                       "answer_key": str(sample_scans["key"])})
        for i in range(BATCH)
    ])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCANDESK_NO_FIRST_RUN": "1",
           "PYTHONPATH": str(REPO)}
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen([sys.executable, "-m", "desktop", "--home", str(home), "gui", "--start-worker"],
                           cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        done = 0
        while time.monotonic() < deadline:
            done = queue.counts()[DONE]
            if done >= 4 or app.poll() is not None:
                break
            time.sleep(0.05)
        assert app.poll() is None, (tmp_path / "app.log").read_text()
        assert 4 <= done < BATCH, f"the batch should be under way, {done} done"
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
    finally:
        # The pool's children outlive a SIGKILLed parent for a moment; they are ours, end them too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app.pid, signal.SIGKILL)
        log.close()

    after_kill = {v.status for v in queue.get_many(ids)}
    assert after_kill <= {"DONE", "PENDING", "RUNNING"}
    # Restart: the dead app's leases run out (the clock moves past them), the worker takes the jobs again.
    later = JobQueue(open_store(home=home), clock=lambda: time.time() + queue.lease_seconds + 1)
    views = run_jobs(later, ids, config=WorkerConfig(concurrency=2, mode="thread", data_dir=store.data_dir))
    assert [v.status for v in views] == [DONE] * BATCH
    with store.read() as conn:
        per_job = dict(conn.execute(select(results.c.job_id, func.count()).group_by(results.c.job_id)).all())
        done_events = dict(conn.execute(
            select(job_events.c.job_id, func.count()).where(job_events.c.kind == "done").group_by(job_events.c.job_id)
        ).all())
    assert set(per_job) == set(ids) and set(per_job.values()) == {1}
    assert set(done_events.values()) == {1}, "a job was completed twice"
    store.close()


def test_run_app_opens_and_closes(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`scandesk gui` in this process: the window opens, logs to the rotating file, closes cleanly."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.cli.main import build_parser
    from desktop.gui.app import run_app

    args = build_parser().parse_args(["gui"])
    windows: list[Any] = []

    def close_soon() -> None:
        found = [w for w in QApplication.topLevelWidgets() if w.objectName() == "ScanDeskMainWindow"]
        windows.extend(found)
        for w in found:
            w.close()

    QTimer.singleShot(1500, close_soon)
    import gc

    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    try:
        assert run_app(args) == 0
    finally:  # run_app tunes the process for a long-lived window; the test session must not keep that
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        sys.setswitchinterval(interval)
    assert windows
    log_file = Path(os.environ["SCANDESK_HOME"]) / "logs" / "scandesk.log"
    assert "ScanDesk starting" in log_file.read_text(encoding="utf-8")


@pytest.mark.slow
def test_ctrl_c_closes_the_app_and_puts_the_sheets_being_read_back(tmp_path: Path, sample_scans: dict[str, Path]) -> None:
    """Ctrl-C in the terminal that started the app (SIGINT to its whole process group, pool children
    included) closes it as the close button does: exit 0, no traceback, no job left RUNNING."""
    home = Path(os.environ["SCANDESK_HOME"])
    store = open_store(home=home)
    queue = JobQueue(store)
    scans = sorted(sample_scans["folder"].glob("*.jpg"))
    ids = queue.enqueue_many([
        AIJob.new(type="omr", payload={"image_path": str(scans[i % len(scans)]), "page": 0,
                                       "template": str(sample_scans["template"])})
        for i in range(BATCH * 5)
    ])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCANDESK_NO_FIRST_RUN": "1", "PYTHONPATH": str(REPO)}
    app = subprocess.Popen([sys.executable, "-m", "desktop", "--home", str(home), "gui", "--start-worker"],
                           cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and queue.counts()[DONE] < 4 and app.poll() is None:
            time.sleep(0.05)
        assert app.poll() is None and queue.counts()[DONE] >= 4
        os.killpg(app.pid, signal.SIGINT)
        output, _ = app.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app.pid, signal.SIGKILL)
    text = output.decode(errors="replace")
    assert app.returncode == 0, text[-2000:]
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text[-2000:]
    assert {v.status for v in queue.get_many(ids)} <= {"DONE", "PENDING"}
    store.close()
