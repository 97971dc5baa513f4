"""The jobs table model: passes qtmodeltester, reads only the rows a view shows (100,000 jobs), filters,
and refetches rows that changed."""

from __future__ import annotations

import threading
from typing import Any

from core.contracts import AIJob
from desktop.gui.models.jobs_model import COL_FILE, COL_STATUS, PAGE_SIZE, JobsTableModel
from tests.gui.conftest import bulk_insert_jobs


def _omr_job(name: str, page: int = 0) -> AIJob:
    return AIJob.new(type="omr", payload={"image_path": f"/scans/{name}", "page": page, "template": "/t.json"})


def test_model_passes_qtmodeltester(qtbot: Any, qtmodeltester: Any, desk_ctx: Any) -> None:
    queue = desk_ctx.queue
    queue.enqueue_many([_omr_job("a.png"), _omr_job("b.pdf", 1), _omr_job("c.png")])
    claimed = queue.claim("w")
    queue.fail(claimed.job_id, claimed.lease_token, "this sheet is not a kr_omr_20 card", retryable=False)
    model = JobsTableModel(queue, auto_refresh_ms=0)
    model.refresh_now()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    qtbot.waitUntil(lambda: model.data(model.index(0, COL_STATUS)) == "Failed", timeout=5000)
    assert model.data(model.index(1, COL_FILE)) == "b.pdf p2"
    qtmodeltester.check(model, force_py=True)  # again with the rows loaded


def test_100k_jobs_open_and_scroll_fetch_only_visible_rows(qtbot: Any, desk_ctx: Any) -> None:
    from PySide6.QtWidgets import QHeaderView, QTableView

    bulk_insert_jobs(desk_ctx.store, 100_000)
    loads_on_ui_thread: list[int] = []
    loads_elsewhere: list[int] = []
    get_many = desk_ctx.queue.get_many

    def recording_get_many(ids: list[str]) -> Any:
        ui_thread = threading.current_thread() is threading.main_thread()
        (loads_on_ui_thread if ui_thread else loads_elsewhere).append(len(ids))
        return get_many(ids)

    desk_ctx.queue.get_many = recording_get_many  # the instance only: the model holds this queue
    model = JobsTableModel(desk_ctx.queue, auto_refresh_ms=0)
    model.refresh_now()
    assert model.rowCount() == 100_000
    assert model.rows_fetched == 0  # opening reads ids only
    view = QTableView()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setModel(model)
    view.resize(900, 700)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.rows_fetched > 0, timeout=5000)
    qtbot.wait(100)
    assert model.rows_fetched <= 2 * PAGE_SIZE
    before = model.pages_fetched
    view.scrollTo(model.index(50_000, 0))
    qtbot.waitUntil(lambda: model.pages_fetched > before, timeout=5000)
    qtbot.wait(100)
    # One screen of rows in the middle: one or two pages more, never the whole table.
    assert model.pages_fetched - before <= 2
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.data(model.index(99_999, COL_STATUS)) == "Pending", timeout=5000)
    assert model.rows_fetched <= 6 * PAGE_SIZE
    # Painting and scrolling never read rows on the UI thread: every load ran on a pool thread.
    assert loads_on_ui_thread == [] and sum(loads_elsewhere) == model.rows_fetched


def test_filter_by_status_and_type(desk_ctx: Any) -> None:
    bulk_insert_jobs(desk_ctx.store, 30, status="DONE", job_type="omr")
    bulk_insert_jobs(desk_ctx.store, 20, status="PENDING")
    model = JobsTableModel(desk_ctx.queue, auto_refresh_ms=0)
    model.set_filter(status="DONE")
    assert model.rowCount() == 30
    model.set_filter(job_type="embedding")
    assert model.rowCount() == 20
    model.set_filter()
    assert model.rowCount() == 50


def test_changed_rows_are_refetched_and_new_jobs_appended(qtbot: Any, desk_ctx: Any) -> None:
    queue = desk_ctx.queue
    [job_id] = queue.enqueue_many([_omr_job("a.png")])
    model = JobsTableModel(queue, auto_refresh_ms=0)
    model.refresh_now()
    assert model.view_at(0).status == "PENDING"
    assert model.data(model.index(0, COL_STATUS)) == "Pending"
    claimed = queue.claim("w")
    queue.complete(claimed.job_id, claimed.lease_token, {"needs_review": True})
    model.note_changed([job_id])
    assert model.data(model.index(0, COL_STATUS)) == "Pending"  # the old row shows until the new one arrives
    qtbot.waitUntil(lambda: model.data(model.index(0, COL_STATUS)) == "Done", timeout=5000)
    queue.enqueue_many([_omr_job("b.png")])
    with qtbot.waitSignal(model.rowsInserted, timeout=2000):
        model.refresh_now()
    assert model.rowCount() == 2


def test_background_refresh_picks_up_new_jobs(qtbot: Any, desk_ctx: Any) -> None:
    model = JobsTableModel(desk_ctx.queue, auto_refresh_ms=100)
    bulk_insert_jobs(desk_ctx.store, 5)
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=5000)
    model.stop_timers()
