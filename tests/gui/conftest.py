"""GUI tests: offscreen Qt, every test marked `gui`, Qt warnings fail the test, no leaked QThreads.

The store and settings live in the per-test SCANDESK_HOME set by tests/conftest.py; the worker loop runs
in thread mode (same loop, no spawned processes) unless a test says otherwise.
"""

from __future__ import annotations

import os
import time
import uuid
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SCANDESK_NO_FIRST_RUN"] = "1"

import pytest

HERE = Path(__file__).resolve().parent
# Harmless messages of the offscreen platform plugin, not of ScanDesk.
QT_NOISE = (r"This plugin does not support propagateSizeHints\(\)", r"This plugin does not support raise\(\)",
            r"QFont::setPointSize", r"Populating font family aliases")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def _no_leaked_qthreads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every QThread the app starts must be finished when the test ends (napari's _dangling_qthreads)."""
    from PySide6.QtCore import QThread

    import desktop.gui.worker_thread as wt

    started: weakref.WeakSet[QThread] = weakref.WeakSet()

    class TrackedQThread(QThread):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            started.add(self)

    monkeypatch.setattr(wt, "QThread", TrackedQThread)
    yield
    from desktop.gui import ops

    ops.wait_for_ops(20_000)
    running = []
    for thread in list(started):
        try:
            if thread.isRunning():
                running.append(thread.objectName())
        except RuntimeError:  # already deleted by Qt: finished
            pass
    assert not running, f"QThreads still running after the test: {running}"


@pytest.fixture
def desk_ctx() -> Iterator[Any]:
    from core.queue import JobQueue
    from core.settings import load_settings
    from core.store import open_store
    from desktop.services.bootstrap import DeskServices

    store = open_store()
    settings = load_settings().replace(concurrency=2)
    ctx = DeskServices(store=store, queue=JobQueue(store), settings=settings, worker_mode="thread")
    yield ctx
    store.close()


@pytest.fixture
def main_window(qtbot: Any, desk_ctx: Any) -> Iterator[Any]:
    from desktop.gui.main_window import MainWindow

    window = MainWindow(desk_ctx)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def bulk_insert_jobs(store: Any, n: int, *, status: str = "PENDING", job_type: str = "embedding",
                     ids: list[str] | None = None) -> list[str]:
    """Many job rows at once, straight into the table (AIJob.new validates each payload, too slow for 100k)."""
    now = time.time()
    ids = ids or [str(uuid.uuid4()) for _ in range(n)]
    rows = [
        (job_id, job_type, status, '{"texts": ["echo"]}', "desk", "desk", 0, 5, now, "", 0.0, "", 0, now + i * 1e-6, now)
        for i, job_id in enumerate(ids)
    ]
    with store.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO jobs (job_id, job_type, status, payload, origin, placement, attempt_count, max_attempts,"
            " next_run_at, last_error, progress, progress_message, discarded, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return ids


def wait_until(qtbot: Any, predicate: Any, timeout: float = 30.0) -> None:
    qtbot.waitUntil(predicate, timeout=int(timeout * 1000))


TEMPLATE_20 = Path(__file__).resolve().parents[2] / "resources" / "templates" / "kr_omr_20.json"


@pytest.fixture(scope="session")
def sample_scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three synthetic filled and scanned Korean 20-question cards, and an answer key for them. The last
    one carries what a person must look at: double marks, a faint mark and erased blanks."""
    import cv2

    from tests.desk.cards import card
    from tests.omr.synth import write_set

    root = tmp_path_factory.mktemp("scans")
    folder = root / "batch"
    write_set(TEMPLATE_20, folder, 3, seed=11)
    answers = {f"q{i}": str((i % 5) + 1) for i in range(1, 21)} | {"q2": "", "q3": "24", "q5": "13", "q6": ""}
    messy = card(answers, student_id="10000002", faint=["q4"], erased={"q2": "3", "q6": "1"})
    cv2.imwrite(str(folder / "sheet_0002.jpg"), messy, [cv2.IMWRITE_JPEG_QUALITY, 90])
    key = root / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{i},{(i % 5) + 1}\n" for i in range(1, 21)), encoding="utf-8")
    return {"folder": folder, "key": key, "template": TEMPLATE_20}
