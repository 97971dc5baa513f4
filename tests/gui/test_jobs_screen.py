"""Jobs screen: retry and discard a failed job through the buttons; the progress estimate (plain Python)."""

from __future__ import annotations

from typing import Any

from core.contracts import AIJob
from desktop.gui.changes import ChangeBus
from desktop.gui.screens.jobs_screen import JobsScreen
from desktop.gui.worker_thread import WorkerController
from desktop.services.eta import BatchProgress, format_duration


def _failed_job(queue: Any) -> str:
    [job_id] = queue.enqueue_many([AIJob.new(type="omr", payload={"image_path": "/scans/x.png", "page": 0,
                                                                  "template": "/t.json"})])
    claimed = queue.claim("w")
    queue.fail(claimed.job_id, claimed.lease_token, "this sheet is not a kr_omr_20 card", retryable=False)
    return job_id


def _screen(qtbot: Any, desk_ctx: Any) -> JobsScreen:
    worker = WorkerController(desk_ctx.queue, desk_ctx.worker_config)
    screen = JobsScreen(desk_ctx, ChangeBus(), worker, auto_refresh_ms=0)
    qtbot.addWidget(screen)
    screen.model.refresh_now()
    return screen


def test_retry_and_discard_a_failed_job(qtbot: Any, desk_ctx: Any) -> None:
    job_id = _failed_job(desk_ctx.queue)
    other = _failed_job(desk_ctx.queue)
    screen = _screen(qtbot, desk_ctx)
    screen.table.selectRow(0)
    assert screen.selected_ids() == [job_id]
    qtbot.waitUntil(lambda: "kr_omr_20" in screen.details.toPlainText(), timeout=5000)
    screen.retry_selected()
    qtbot.waitUntil(lambda: desk_ctx.queue.get(job_id).status == "PENDING", timeout=5000)

    screen.table.clearSelection()
    screen.table.selectRow(screen.model.row_of(other))
    screen.discard_selected()
    qtbot.waitUntil(lambda: desk_ctx.queue.get(other).discarded, timeout=5000)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)  # discarded jobs leave the list
    screen.shutdown()


def test_status_filter_from_the_screen(qtbot: Any, desk_ctx: Any) -> None:
    _failed_job(desk_ctx.queue)
    desk_ctx.queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["a"]})])
    screen = _screen(qtbot, desk_ctx)
    assert screen.model.rowCount() == 2
    screen.status_filter.setCurrentIndex(screen.status_filter.findData("FAILED"))
    assert screen.model.rowCount() == 1
    assert "1" in screen.count_label.text()
    screen.shutdown()


def test_batch_progress_estimates_time_left() -> None:
    now = [0.0]
    progress = BatchProgress(clock=lambda: now[0])
    progress.set_remaining(10)
    assert progress.snapshot().seconds_left is None  # no rate yet
    for _ in range(4):
        now[0] += 2.0
        progress.job_finished()
    progress.set_remaining(6)
    snap = progress.snapshot()
    assert snap.finished == 4 and snap.remaining == 6
    assert abs(snap.fraction - 0.4) < 1e-9
    assert snap.seconds_left is not None and 10 <= snap.seconds_left <= 14  # ~2 s a sheet
    progress.set_remaining(0)
    assert progress.snapshot().seconds_left == 0.0
    assert format_duration(None) == "-" and format_duration(65) == "1:05" and format_duration(3725) == "1:02:05"
