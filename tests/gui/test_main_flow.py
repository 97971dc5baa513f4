"""The teacher's main flow through the real window: import a folder for an exam -> the worker thread
processes it -> review a flagged read and correct it (by key and by clicking a bubble) -> the score
follows -> export CSV and XLSX. Plus a rejected page shown with its reason, and the scanner folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from core.exams import create_exam
from desktop.gui.changes import ChangeBus


@pytest.fixture
def scan_folder(tmp_path: Path, sample_scans: dict[str, Path]) -> Path:
    folder = tmp_path / "scans"
    shutil.copytree(sample_scans["folder"], folder)
    import cv2

    cv2.imwrite(str(folder / "not_a_card.png"), np.full((900, 700), 255, np.uint8))  # a blank page
    return folder


def _statuses(ctx: Any, ids: tuple[str, ...]) -> list[str]:
    return [v.status for v in ctx.queue.get_many(list(ids))]


def test_import_process_review_correct_export(qtbot: Any, main_window: Any, desk_ctx: Any,
                                              scan_folder: Path, sample_scans: dict[str, Path], tmp_path: Path) -> None:
    exam = create_exam(desk_ctx.store, "중간고사 1회", sample_scans["template"], sample_scans["key"])
    screen = main_window.import_screen
    screen.reload_exams(select_id=exam.id)
    assert screen.current_exam() == exam
    screen.add_paths([str(scan_folder)])
    with qtbot.waitSignal(screen.imported, timeout=30_000) as imported:
        screen.start_import()
    ids = imported.args[0]
    assert len(ids) == 4
    assert "4 pages queued" in screen.report.toPlainText()

    # Importing the same folder again: every page is noticed as a duplicate.
    screen.add_paths([str(scan_folder)])
    with qtbot.waitSignal(screen.imported, timeout=30_000) as again:
        screen.start_import()
    assert again.args[0] == () and len(screen.last_report.duplicates) == 4

    main_window.worker.start()
    qtbot.waitUntil(lambda: set(_statuses(desk_ctx, ids)) <= {"DONE", "FAILED"}, timeout=60_000)
    assert sorted(_statuses(desk_ctx, ids)) == ["DONE", "DONE", "DONE", "FAILED"]
    jobs = main_window.jobs_screen
    jobs.model.refresh_now()
    assert jobs.model.rowCount() == 4

    # Results seen once before the corrections: they must follow the corrections without a restart.
    results = main_window.results_screen
    main_window.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.results is not None and results.students_model.rowCount() == 3, timeout=20_000)
    scores_before = {s.job_id: s.score for s in results.results.students}

    review = main_window.review_screen
    main_window.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: review.items_model.rowCount() > 0 and review.rejected_model.rowCount() == 1, timeout=20_000)
    reads = review.items_model.records()
    questions = [i for i, item in enumerate(reads) if item.field.startswith("q")]
    assert questions, [r.field for r in reads]

    # 1) a key press corrects the selected read
    row = questions[0]
    review.items_view.setCurrentIndex(review.items_model.index(row, 0))
    item = review.current_item()
    qtbot.waitUntil(lambda: review.sheet.bubble_count() > 0 and review._current_job == item.job_id, timeout=20_000)
    new_value = "3" if item.value != "3" else "4"
    before = review.items_model.rowCount()
    review.setFocus()
    qtbot.keyClick(review, new_value)
    qtbot.waitUntil(lambda: review.last_correction is not None, timeout=20_000)
    fixed = review.last_correction
    assert fixed.values[item.field] == new_value
    assert fixed.corrected[item.field][1] == new_value
    qtbot.waitUntil(lambda: review.items_model.rowCount() == before - 1, timeout=20_000)
    assert review.score_label.text() == f"Score: {fixed.score} / {fixed.max_score}"

    # 2) clicking a bubble on the sheet corrects the next question read
    remaining = [i for i, it in enumerate(review.items_model.records()) if it.field.startswith("q")]
    assert remaining, "the sample cards have more than one flagged question read"
    review.last_correction = None
    review.items_view.setCurrentIndex(review.items_model.index(remaining[0], 0))
    item = review.current_item()
    qtbot.waitUntil(lambda: review._current_job == item.job_id and review.sheet.bubble_count() > 0, timeout=20_000)
    review._focus(item)
    value = "5" if item.value != "5" else "1"
    rect = review.sheet.bubble_rect(item.field, value)
    assert rect is not None
    review.sheet.centerOn(rect.center())
    qtbot.wait(50)
    point = review.sheet.mapFromScene(rect.center())
    qtbot.mouseClick(review.sheet.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    qtbot.waitUntil(lambda: review.last_correction is not None, timeout=20_000)
    assert review.last_correction.values[item.field] == value

    # Next / previous by keyboard
    review.items_view.setCurrentIndex(review.items_model.index(0, 0))
    qtbot.keyClick(review, Qt.Key.Key_N)
    assert review.items_view.currentIndex().row() == 1
    qtbot.keyClick(review, Qt.Key.Key_Right)
    assert review.items_view.currentIndex().row() == 2
    qtbot.keyClick(review, Qt.Key.Key_P)
    assert review.items_view.currentIndex().row() == 1

    # Rejected page: shown with why, and its image
    review.tabs.setCurrentIndex(1)
    review.rejected_view.setCurrentIndex(review.rejected_model.index(0, 0))
    assert "not_a_card.png" in review.rejected_reason.text()
    qtbot.waitUntil(lambda: review.rejected_sheet._pixmap is not None, timeout=20_000)

    # Results and export: the corrected scores are there at once (the correction marked Results stale)
    main_window.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.results is not None and not results._loading, timeout=20_000)
    assert results.questions_model.rowCount() == 20
    from desktop.services.review import corrected_sheet

    [student] = [s for s in results.results.students if s.job_id == fixed.job_id]
    assert student.score == corrected_sheet(desk_ctx.queue, fixed.job_id).score != scores_before[fixed.job_id]
    assert set(fixed.corrected) <= set(student.corrected)
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    results.export("csv", str(csv_path))
    results.export("xlsx", str(xlsx_path))
    # A file exists from its first byte: wait for the whole table (header + 3 rows), not for the name.
    qtbot.waitUntil(lambda: xlsx_path.exists() and csv_path.exists()
                    and len(csv_path.read_text(encoding="utf-8-sig").splitlines()) == 4, timeout=20_000)
    with csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    sheets_dir = tmp_path / "sheets"
    results.export_sheets(str(sheets_dir))
    qtbot.waitUntil(lambda: sheets_dir.exists() and len(list(sheets_dir.iterdir())) == 3, timeout=20_000)


def test_watched_folder_takes_each_scan_once_across_restarts(qtbot: Any, desk_ctx: Any, tmp_path: Path,
                                                             sample_scans: dict[str, Path]) -> None:
    from desktop.gui.screens.import_screen import ImportScreen

    exam = create_exam(desk_ctx.store, "주간 테스트", sample_scans["template"], sample_scans["key"])
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    first = sorted(sample_scans["folder"].glob("*.jpg"))[0]

    def open_screen() -> ImportScreen:
        screen = ImportScreen(desk_ctx, ChangeBus())
        qtbot.addWidget(screen)
        screen.reload_exams(select_id=exam.id)
        screen.watch_stable_seconds = 0.2
        screen._watch_timer.setInterval(100)
        screen.watch_folder.setText(str(inbox))
        screen.watch_enabled.setChecked(True)
        return screen

    screen = open_screen()
    qtbot.waitUntil(lambda: "Watching" in screen.watch_status.text(), timeout=10_000)
    shutil.copy(first, inbox / "scan_001.jpg")
    with qtbot.waitSignal(screen.imported, timeout=10_000) as taken:
        pass
    assert len(taken.args[0]) == 1
    qtbot.wait(600)  # more polls: nothing new
    assert len(desk_ctx.queue.list_ids()) == 1
    screen.watch_enabled.setChecked(False)
    screen.shutdown()

    # "Restart": a new screen and watcher over the same folder and store.
    again = open_screen()
    with qtbot.assertNotEmitted(again.imported, wait=800):
        pass
    assert len(desk_ctx.queue.list_ids()) == 1
    assert desk_ctx.settings.watched_dir == str(inbox)
    again.watch_enabled.setChecked(False)
    again.shutdown()


def test_dropped_multipage_tiff_becomes_one_job_per_page(qtbot: Any, desk_ctx: Any, tmp_path: Path,
                                                         sample_scans: dict[str, Path]) -> None:
    from PIL import Image
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop.gui.screens.import_screen import ImportScreen

    exam = create_exam(desk_ctx.store, "드롭 테스트", sample_scans["template"], sample_scans["key"])
    first, second = sorted(sample_scans["folder"].glob("*.jpg"))[:2]
    tiff = tmp_path / "two_pages.tif"
    pages = [Image.open(first).convert("L"), Image.open(second).convert("L")]
    pages[0].save(tiff, save_all=True, append_images=pages[1:])
    screen = ImportScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.reload_exams(select_id=exam.id)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tiff))])
    class Enter:  # QDragEnterEvent's constructor is deprecated in Qt 6; the screen needs only these two
        accepted = False

        def mimeData(self) -> QMimeData:
            return mime

        def acceptProposedAction(self) -> None:
            self.accepted = True

    enter = Enter()
    screen.dragEnterEvent(enter)  # type: ignore[arg-type]
    assert enter.accepted
    screen.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))
    assert screen.queued_paths() == [str(tiff)]
    with qtbot.waitSignal(screen.imported, timeout=30_000) as imported:
        screen.start_import()
    ids = imported.args[0]
    assert len(ids) == 2
    assert sorted(v.payload["page"] for v in desk_ctx.queue.get_many(list(ids))) == [0, 1]
