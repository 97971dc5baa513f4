"""Review and Sync screens for held sheets: the original scan warped onto the template, outlines with an
adjustable, hideable overlay, Enter confirms and moves on, filters and counts; a resolved sheet leaves
"needs review" and is released for sync; Send unreviewed releases held sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from core.corrections import CorrectionKind, correction_history
from core.exams import create_exam
from core.queue.outbox_rows import OutboxState
from core.sync.review_outbox import outbox_state
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.models.jobs_model import job_rows
from desktop.services.intake import import_paths
from desktop.services.sheet_image import warped_scan
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import KEY, all_right
from worker.loop import WorkerConfig, run_jobs
from worker.omr.template import load_template


def _read(ctx: Any, tmp_path: Path) -> dict[str, str]:
    key = tmp_path / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q[1:]},{a}\n" for q, a in KEY.items()), encoding="utf-8")
    exam = create_exam(ctx.store, "중간고사", T20, key)
    write_png(tmp_path / "s" / "messy.png", card(all_right(q1="2", q2="", q3="24"), student_id="10000002", faint=["q4"]))
    write_png(tmp_path / "s" / "clean.png", card(all_right(), student_id="10000001"))
    report = import_paths(ctx.queue, [tmp_path / "s"], exam=exam)
    run_jobs(ctx.queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2, data_dir=ctx.store.data_dir))
    return {p.source_path.stem: p.job_id for p in report.pages}


def test_review_screen_shows_the_scan_confirms_with_enter_and_releases_the_sheet(
    qtbot: Any, desk_ctx: Any, tmp_path: Path
) -> None:
    from desktop.gui.screens.review_screen import ReviewScreen

    jobs = _read(desk_ctx, tmp_path)
    messy = jobs["messy"]
    bus = ChangeBus()
    published: list[Changes] = []
    bus.changed.connect(published.append)
    screen = ReviewScreen(desk_ctx, bus)
    qtbot.addWidget(screen)
    screen.show()
    screen.on_shown()
    qtbot.waitUntil(lambda: screen.items_model.rowCount() > 0, timeout=20_000)
    flagged = [(i.job_id, i.field) for i in screen.items_model.records()]
    assert {job for job, _ in flagged} == {messy} and "q3" in {field for _, field in flagged}
    assert f"1 sheets wait for review ({len(flagged)} reads); 1 sheets held from sync" in screen.summary.text()
    qtbot.waitUntil(lambda: screen.sheet.bubble_count() > 0, timeout=20_000)

    # The original scan, warped: the size of the scan, not of the worker's downscaled JPEG.
    expected = warped_scan(str(tmp_path / "s" / "messy.png"), 0, load_template(T20))
    pixmap = screen.sheet._pixmap
    assert pixmap is not None and pixmap.pixmap().width() == expected.shape[1]
    # Outlines only, adjustable and hideable.
    bubble = next(iter(screen.sheet._items.values()))
    assert bubble.brush().style() == Qt.BrushStyle.NoBrush
    screen.opacity.setValue(30)
    assert abs(bubble.opacity() - 0.3) < 1e-6
    qtbot.keyClick(screen, Qt.Key.Key_O)
    assert not bubble.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_O)
    assert bubble.isVisible()

    # Filter by reason.
    screen.reason_filter.setCurrentIndex(screen.reason_filter.findData("multi"))
    assert [i.field for i in screen.items_model.records()] == ["q3"]
    screen.reason_filter.setCurrentIndex(0)
    assert screen.items_model.rowCount() == len(flagged)
    screen.exam_filter.setCurrentIndex(screen.exam_filter.count() - 1)
    assert screen.items_model.rowCount() == len(flagged)

    # Enter on each read: confirmed as it is, the next one comes up.
    for left in range(len(flagged) - 1, -1, -1):
        screen.last_correction = None
        screen.setFocus()
        qtbot.keyClick(screen, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.last_correction is not None, timeout=20_000)
        qtbot.waitUntil(lambda left=left: screen.items_model.rowCount() == left, timeout=20_000)
    assert {c.kind for c in correction_history(desk_ctx.store, messy)} == {CorrectionKind.CONFIRMED}
    assert outbox_state(desk_ctx.store, messy) == OutboxState.PENDING
    assert any(c.outbox and messy in c.jobs for c in published)
    assert "0 sheets wait for review (0 reads); 0 sheets held" in screen.summary.text()
    # The Jobs list no longer says "needs review" for the resolved sheet.
    rows = {r.job_id: r for r in job_rows(desk_ctx.queue, desk_ctx.queue.get_many([messy]))}
    assert rows[messy].needs_review is False


def test_sync_screen_lists_held_sheets_and_sends_them_unreviewed(qtbot: Any, desk_ctx: Any, tmp_path: Path) -> None:
    from desktop.gui.screens.sync_screen import SyncScreen

    jobs = _read(desk_ctx, tmp_path)
    screen = SyncScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.held_model.rowCount() == 1, timeout=20_000)
    assert screen.count_labels[OutboxState.HELD].text() == "1"
    assert screen.held_model.record(0).file == "messy.png"
    screen.send_unreviewed(confirm=False)
    qtbot.waitUntil(lambda: outbox_state(desk_ctx.store, jobs["messy"]) == OutboxState.PENDING, timeout=20_000)
    qtbot.waitUntil(lambda: screen.held_model.rowCount() == 0, timeout=20_000)
    screen.shutdown()


def test_a_blank_sheet_is_one_whole_sheet_item_that_enter_confirms(qtbot: Any, desk_ctx: Any, tmp_path: Path) -> None:
    from desktop.gui.screens.review_screen import ReviewScreen

    exam = create_exam(desk_ctx.store, "빈 답안지", T20)
    write_png(tmp_path / "s" / "blank.png", card({}))
    report = import_paths(desk_ctx.queue, [tmp_path / "s"], exam=exam)
    run_jobs(desk_ctx.queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2, data_dir=desk_ctx.store.data_dir))
    [job_id] = report.job_ids
    screen = ReviewScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.show()
    screen.on_shown()
    qtbot.waitUntil(lambda: screen.items_model.rowCount() > 0, timeout=20_000)
    [item] = screen.items_model.records()
    assert item.job_id == job_id and screen.field_text(item) == "whole sheet"
    assert "nothing is marked on the whole sheet" in screen.reason_text(item)
    screen.last_correction = None
    qtbot.keyClick(screen, Qt.Key.Key_1)  # a value cannot be typed for a whole sheet
    qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.last_correction is not None, timeout=20_000)
    qtbot.waitUntil(lambda: screen.items_model.rowCount() == 0, timeout=20_000)
    assert {c.kind for c in correction_history(desk_ctx.store, job_id)} == {CorrectionKind.CONFIRMED}
    assert outbox_state(desk_ctx.store, job_id) == OutboxState.PENDING


def test_a_student_id_not_on_the_roster_offers_the_closest_ids_as_buttons(qtbot: Any, desk_ctx: Any, tmp_path: Path) -> None:
    from core.roster import Student, save_students
    from desktop.gui.screens.review_screen import ReviewScreen
    from desktop.services.review import effective_result

    exam = create_exam(desk_ctx.store, "학번 확인", T20)
    write_png(tmp_path / "s" / "misread.png", card(all_right(), student_id="10000003"))
    report = import_paths(desk_ctx.queue, [tmp_path / "s"], exam=exam)
    run_jobs(desk_ctx.queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2, data_dir=desk_ctx.store.data_dir))
    [job_id] = report.job_ids
    save_students(desk_ctx.store, [Student("10000001", "김민준", "A"), Student("10000013", "박지후", "B")])
    screen = ReviewScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.show()
    screen.on_shown()
    qtbot.waitUntil(lambda: screen.items_model.rowCount() > 0, timeout=20_000)
    [item] = [i for i in screen.items_model.records() if i.field == "student_id"]
    screen.items_view.selectRow(screen.items_model.records().index(item))
    buttons = screen.suggestion_buttons()
    assert [b.text() for b in buttons] == ["10000001", "10000013"] and screen.suggestions.isVisibleTo(screen)
    screen.last_correction = None
    buttons[1].click()
    qtbot.waitUntil(lambda: screen.last_correction is not None, timeout=20_000)
    assert effective_result(desk_ctx.queue, job_id)["fields"]["student_id"]["value"] == "10000013"
    qtbot.waitUntil(lambda: not [i for i in screen.items_model.records() if i.field == "student_id"], timeout=20_000)
