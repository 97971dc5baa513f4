"""A teacher's first exam without help: the defects found walking it end to end, each pinned here."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from core.exams import Exam, create_exam
from desktop.gui.changes import ChangeBus
from desktop.services.intake import import_paths
from tests.central_api.fixtures import stand_in  # noqa: F401  (pytest fixture)
from worker.loop import WorkerConfig, run_jobs


@pytest.fixture
def read_exam(desk_ctx: Any, sample_scans: dict[str, Path]) -> Exam:
    """An exam whose three sample cards were imported and read by the real worker loop."""
    exam = create_exam(desk_ctx.store, "중간고사", sample_scans["template"], sample_scans["key"])
    report = import_paths(desk_ctx.queue, [sample_scans["folder"]], exam=exam, settings=desk_ctx.settings)
    config = WorkerConfig(mode="thread", concurrency=2, data_dir=desk_ctx.store.data_dir)
    run_jobs(desk_ctx.queue, report.job_ids, config=config)
    return exam


def test_annotated_sheets_button_asks_for_a_folder_and_writes_them(
        qtbot: Any, desk_ctx: Any, read_exam: Exam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.gui.screens.results_screen import ResultsScreen

    out = tmp_path / "annotated"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    screen = ResultsScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.on_shown()
    qtbot.mouseClick(screen.sheets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(out.iterdir())) == 3, timeout=20_000)


def test_an_uncaught_exception_reaches_the_log_and_a_message(qtbot: Any, tmp_path: Path) -> None:
    import sys

    from desktop.gui import app as app_mod

    log_path = app_mod.setup_logging(tmp_path / "logs")
    try:
        raise TypeError("export_sheets() got a bool for the folder")
    except TypeError:
        app_mod.report_uncaught(*sys.exc_info())  # type: ignore[arg-type]
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "export_sheets() got a bool" in text and "Traceback" in text
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == "uncaught_error"]
    assert boxes and "export_sheets() got a bool" in boxes[-1].text() and boxes[-1].isVisible()
    for box in boxes:
        box.close()
    previous = sys.excepthook
    try:
        app_mod.install_excepthook()
        assert sys.excepthook is app_mod.report_uncaught
    finally:
        sys.excepthook = previous
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(log_path):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_the_worker_starts_with_the_app_and_the_status_bar_says_so(qtbot: Any, main_window: Any, desk_ctx: Any) -> None:
    from desktop.gui.worker_thread import RUNNING, STOPPED

    assert desk_ctx.settings.worker_autostart is True  # the default
    main_window.start_worker_on_open()
    assert main_window.worker.state == RUNNING
    assert "started with the app" in main_window._status_label.text()
    main_window.worker.shutdown()
    assert main_window.worker.state == STOPPED


def test_the_worker_stays_off_when_the_setting_says_so(qtbot: Any, main_window: Any, desk_ctx: Any,
                                                       sample_scans: dict[str, Path]) -> None:
    from core.settings import load_settings
    from desktop.gui.worker_thread import STOPPED

    settings_screen = main_window.settings_screen
    settings_screen.worker_autostart.setChecked(False)
    assert settings_screen.save()
    assert load_settings().worker_autostart is False
    import_paths(desk_ctx.queue, [sample_scans["folder"]], template=sample_scans["template"], settings=desk_ctx.settings)
    main_window.start_worker_on_open()
    assert main_window.worker.state == STOPPED
    main_window._poll_counts()
    qtbot.waitUntil(lambda: "press Start" in main_window._status_label.text(), timeout=10_000)


def test_the_watch_reads_the_exam_s_template_and_key_off_the_ui_thread(
    qtbot: Any, desk_ctx: Any, tmp_path: Path, sample_scans: dict[str, Path], monkeypatch: Any
) -> None:
    """Starting the watch reads the exam's template and key (a scanned key is read as a card): on a pool
    thread, so the window does not freeze, and a stop before it is ready wins."""
    import threading

    import desktop.gui.screens.import_screen as import_screen
    from desktop.services.watch import FolderWatcher

    made_on: list[threading.Thread] = []

    class Recording(FolderWatcher):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            made_on.append(threading.current_thread())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(import_screen, "FolderWatcher", Recording)
    exam = create_exam(desk_ctx.store, "주간 테스트", sample_scans["template"], sample_scans["key"])
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    screen = import_screen.ImportScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.reload_exams(select_id=exam.id)
    screen.watch_folder.setText(str(inbox))
    screen.watch_enabled.setChecked(True)
    qtbot.waitUntil(lambda: screen.watched_exam() == exam, timeout=10_000)
    assert made_on and made_on[0] is not threading.main_thread()
    screen.watch_enabled.setChecked(False)
    # Started and stopped at once: the watcher made for the start is dropped when it arrives.
    screen.watch_enabled.setChecked(True)
    screen.watch_enabled.setChecked(False)
    qtbot.waitUntil(lambda: len(made_on) == 2, timeout=10_000)
    qtbot.wait(200)
    assert screen.watched_exam() is None and not screen._watch_timer.isActive()
    screen.shutdown()


def test_the_watch_is_bound_to_one_exam_across_a_restart(qtbot: Any, desk_ctx: Any, tmp_path: Path,
                                                         sample_scans: dict[str, Path]) -> None:
    from core.settings import load_settings
    from desktop.gui.screens.import_screen import ImportScreen
    from desktop.services.bootstrap import DeskServices

    weekly = create_exam(desk_ctx.store, "주간 테스트", sample_scans["template"], sample_scans["key"])
    other = create_exam(desk_ctx.store, "기말고사", sample_scans["template"], sample_scans["key"])
    inbox = tmp_path / "scanner"
    inbox.mkdir()
    first, second = sorted(sample_scans["folder"].glob("*.jpg"))[:2]

    def open_screen() -> ImportScreen:
        # A restart reads the settings file again.
        ctx = DeskServices(desk_ctx.store, desk_ctx.queue, load_settings(), worker_mode=desk_ctx.worker_mode)
        screen = ImportScreen(ctx, ChangeBus())
        qtbot.addWidget(screen)
        screen.watch_stable_seconds = 0.2
        screen._watch_timer.setInterval(100)
        return screen

    screen = open_screen()
    screen.watch_folder.setText(str(inbox))
    screen.watch_exam.setCurrentIndex(screen.watch_exam.findData(weekly.id))
    screen.watch_enabled.setChecked(True)
    qtbot.waitUntil(lambda: "주간 테스트" in screen.watch_status.text(), timeout=10_000)
    # Choosing another exam for a manual import does not move the watch.
    screen.reload_exams(select_id=other.id)
    assert screen.current_exam() == other
    shutil.copy(first, inbox / "scan_001.jpg")
    with qtbot.waitSignal(screen.imported, timeout=10_000) as taken:
        pass
    [job] = desk_ctx.queue.get_many(list(taken.args[0]))
    assert str(job.payload["exam_id"]) == str(weekly.id)
    screen.shutdown()

    # Restart: watching is on again, for the same exam, whatever the import screen selects.
    again = open_screen()
    assert again.watch_enabled.isChecked()
    qtbot.waitUntil(lambda: again.watched_exam() == weekly, timeout=10_000)
    assert "주간 테스트" in again.watch_status.text()
    again.reload_exams(select_id=other.id)
    shutil.copy(second, inbox / "scan_002.jpg")
    with qtbot.waitSignal(again.imported, timeout=10_000) as taken:
        pass
    [job] = desk_ctx.queue.get_many(list(taken.args[0]))
    assert str(job.payload["exam_id"]) == str(weekly.id)

    # The same scan saved under a new name: skipped, and said so in the log list.
    shutil.copy(first, inbox / "scan_001 (copy).jpg")
    qtbot.waitUntil(lambda: any("scan_001 (copy).jpg" in again.watch_log.item(i).text()
                                for i in range(again.watch_log.count())), timeout=10_000)
    assert len(desk_ctx.queue.list_ids()) == 2
    again.watch_enabled.setChecked(False)
    assert load_settings().watching is False
    again.shutdown()


def _results_screen(qtbot: Any, desk_ctx: Any) -> Any:
    from desktop.gui.screens.results_screen import ResultsScreen

    bus = ChangeBus()
    screen = ResultsScreen(desk_ctx, bus)
    bus.changed.connect(screen.on_changes)
    qtbot.addWidget(screen)
    screen.show()
    screen.on_shown()
    return screen


def test_remove_and_move_a_read_sheet_from_the_results(qtbot: Any, desk_ctx: Any, read_exam: Exam,
                                                       sample_scans: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop.services.results import exam_results

    other = create_exam(desk_ctx.store, "기말고사", sample_scans["template"], sample_scans["key"])
    screen = _results_screen(qtbot, desk_ctx)
    screen.exam_combo.setCurrentIndex(screen.exam_combo.findData(read_exam.id))
    qtbot.waitUntil(lambda: screen.students_model.rowCount() == 3, timeout=20_000)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    screen.students_view.selectRow(0)
    removed = screen.selected_job_ids()
    with qtbot.waitSignal(screen.sheet_actions.finished, timeout=20_000):
        screen.sheet_actions.remove_action.trigger()
    assert "Removed 1 sheets" in screen.summary.text() and "dropped from the outbox" in screen.summary.text()
    qtbot.waitUntil(lambda: screen.students_model.rowCount() == 2, timeout=20_000)
    assert removed[0] not in {s.job_id for s in exam_results(desk_ctx.queue, read_exam.id).students}

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("기말고사", True)))
    screen.students_view.selectRow(0)
    moved = screen.selected_job_ids()
    with qtbot.waitSignal(screen.sheet_actions.finished, timeout=20_000):
        screen.sheet_actions.move_action.trigger()
    assert "Moved 1 sheets to “기말고사”" in screen.summary.text()
    qtbot.waitUntil(lambda: screen.students_model.rowCount() == 1, timeout=20_000)
    assert [s.job_id for s in exam_results(desk_ctx.queue, other.id).students] == moved


def test_an_exam_without_a_key_says_no_key_instead_of_an_average(qtbot: Any, desk_ctx: Any,
                                                                 sample_scans: dict[str, Path]) -> None:
    exam = create_exam(desk_ctx.store, "키 없음", sample_scans["template"])
    report = import_paths(desk_ctx.queue, [sample_scans["folder"]], exam=exam, settings=desk_ctx.settings)
    run_jobs(desk_ctx.queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2,
                                                                  data_dir=desk_ctx.store.data_dir))
    screen = _results_screen(qtbot, desk_ctx)
    qtbot.waitUntil(lambda: screen.students_model.rowCount() == 3, timeout=20_000)
    assert "no answer key" in screen.summary.text() and "average" not in screen.summary.text()


def test_batch_totals_start_again_for_a_new_batch_and_0_of_0_is_an_empty_bar(qtbot: Any, desk_ctx: Any) -> None:
    from desktop.gui.screens.jobs_screen import JobsScreen
    from desktop.gui.worker_thread import WorkerController
    from desktop.services.eta import BatchProgress

    now = [0.0]
    progress = BatchProgress(clock=lambda: now[0])
    assert progress.snapshot().fraction == 0.0  # nothing done of nothing: an empty bar
    progress.set_remaining(3)
    for _ in range(3):
        now[0] += 1
        progress.job_finished()
    progress.set_remaining(0)
    now[0] += 1
    progress.job_finished()  # the last "finished" event arrives after the count that saw the queue empty
    progress.set_remaining(30)  # the next batch
    snap = progress.snapshot()
    assert (snap.finished, snap.remaining) == (0, 30)

    worker = WorkerController(desk_ctx.queue, desk_ctx.worker_config)
    screen = JobsScreen(desk_ctx, ChangeBus(), worker)
    qtbot.addWidget(screen)
    screen.show_progress(BatchProgress().snapshot())
    assert screen.overall.value() == 0 and screen.overall.format() == "0 of 0 sheets"
    screen.shutdown()


def test_sync_without_a_server_points_to_the_field_and_the_indicator_follows_saving(
        qtbot: Any, desk_ctx: Any, stand_in: Any) -> None:  # noqa: F811
    from desktop.gui.screens.sync_screen import SyncScreen
    from tests.gui.test_sync_admin import _finish_jobs

    screen = SyncScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    assert "Not configured" in screen.online_label.text()
    screen.send_now()
    assert "“Central API” below" in screen.last_label.text() and "Sync > Settings" not in screen.last_label.text()
    assert screen.last_report is None

    screen.api_url.setText(stand_in.base_url)
    screen.token.setText(stand_in.token)
    screen.save_connection()
    assert "Not tried yet" in screen.online_label.text()

    _finish_jobs(desk_ctx, 2)
    screen.send_now(quiet=True)  # what the 30-second timer does
    qtbot.waitUntil(lambda: screen.last_report is not None and not screen._sending, timeout=30_000)
    assert screen.last_report.steps_sent > 0
    screen.last_report = None
    screen.send_now()  # the teacher presses Send now afterwards
    qtbot.waitUntil(lambda: screen.last_report is not None and not screen._sending, timeout=30_000)
    assert "automatic send" in screen.last_label.text() and "0 messages" not in screen.last_label.text()
    screen.shutdown()


def test_admin_points_to_settings_and_start_waits_for_credentials(
        qtbot: Any, desk_ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.gui.screens.admin_screen import AdminScreen

    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    desk_ctx.settings = desk_ctx.settings.replace(admin_mode=True)
    screen = AdminScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.refresh()
    assert "Settings tab" in screen.message.text() and "“Cloud region”" in screen.message.text()
    assert "config set" not in screen.message.text()
    assert not screen.start_button.isEnabled()

    desk_ctx.settings = desk_ctx.settings.replace(cloud_region="ap-northeast-2", cloud_instance_id="i-0123456789abcdef0")
    screen.refresh()
    qtbot.waitUntil(lambda: screen.refresh_button.isEnabled(), timeout=20_000)
    assert "“AWS profile”" in screen.message.text()
    assert not screen.start_button.isEnabled()


def test_settings_has_the_aws_profile_and_agrees_with_jobs_on_concurrency(qtbot: Any, main_window: Any,
                                                                          desk_ctx: Any) -> None:
    from core.settings import load_settings
    from worker.loop import default_concurrency

    settings_screen, jobs = main_window.settings_screen, main_window.jobs_screen
    settings_screen.aws_profile.setText("academy")
    assert settings_screen.save() and load_settings().aws_profile == "academy"
    desk_ctx.update_settings(concurrency=0)
    settings_screen.concurrency.setValue(0)
    assert f"({default_concurrency()} here)" in settings_screen.concurrency.text()
    jobs.concurrency.setValue(3)
    assert load_settings().concurrency == 3 and settings_screen.concurrency.value() == 3


def test_quitting_while_sheets_are_read_asks_and_says_what_happens(qtbot: Any, main_window: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.gui.worker_thread import RUNNING

    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(type(main_window.worker), "state", property(lambda self: RUNNING))
    main_window._counts = {"RUNNING": 2, "PENDING": 5}
    main_window.close()
    assert main_window.isVisible() and asked
    assert "2 sheets are being read and 5 are waiting" in asked[0] and "Nothing is lost" in asked[0]
    monkeypatch.undo()
    main_window._counts = {}


def test_the_exam_dialog_key_editor_saves_the_csv_the_cli_reads(qtbot: Any, desk_ctx: Any,
                                                                 sample_scans: dict[str, Path]) -> None:
    from desktop.gui.screens.import_screen import ImportScreen, NewExamDialog
    from worker.omr.score import load_answer_key

    dialog = NewExamDialog(home=desk_ctx.home)
    qtbot.addWidget(dialog)
    dialog.name.setText("단원평가 3")
    dialog.template.setCurrentIndex(dialog.template.findData(str(sample_scans["template"])))
    editor = dialog.key_editor()
    qtbot.addWidget(editor)
    assert editor.table.rowCount() == 20  # the card's questions
    for n in range(1, 21):
        editor.set_row(n, str((n - 1) % 5 + 1))
    editor.set_row(2, "2, 4", "3")
    editor.set_row(7, "7")
    editor.save()
    assert editor.result() != editor.DialogCode.Accepted
    assert "question 7" in editor.problem.text() and "1 to 5" in editor.problem.text()
    editor.set_row(7, "2")
    editor.save()
    assert editor.saved_path is not None and editor.saved_path.parent == desk_ctx.home / "keys"
    key = load_answer_key(editor.saved_path)
    assert key.answers["q2"] == [("2", None), ("4", None)] and key.marking("q2").correct == 3.0

    # Opened again, the editor shows what was saved.
    dialog.answer_key.setText(str(editor.saved_path))
    again = dialog.key_editor()
    qtbot.addWidget(again)
    assert again.table.item(1, 0).text() == "2,4" and again.table.item(1, 1).text() == "3"
    # Another class's exam with the same name starts an empty key of its own.
    other = NewExamDialog(home=desk_ctx.home)
    qtbot.addWidget(other)
    other.name.setText("단원평가 3")
    other.template.setCurrentIndex(other.template.findData(str(sample_scans["template"])))
    fresh = other.key_editor()
    qtbot.addWidget(fresh)
    assert fresh.target != editor.saved_path and not fresh.table.item(0, 0).text()

    exam = create_exam(desk_ctx.store, dialog.name.text(), dialog.template_path(), editor.saved_path)
    screen = ImportScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.reload_exams(select_id=exam.id)
    assert editor.saved_path.name in screen.exam_info.text() and "OMR 답안지 (20문항)" in screen.exam_info.text()
    keyless = create_exam(desk_ctx.store, "키 없음", sample_scans["template"])
    screen.reload_exams(select_id=keyless.id)
    assert "none" in screen.exam_info.text()


def test_file_dialogs_open_in_documents_then_the_last_folder_and_exports_are_named(
        qtbot: Any, desk_ctx: Any, read_exam: Exam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from desktop.gui import file_dialogs
    from desktop.gui.screens.import_screen import ImportScreen

    asked: list[str] = []
    scans = tmp_path / "scans"
    scans.mkdir()
    chosen = scans / "a.png"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, folder, *a: (asked.append(folder), ([str(chosen)], ""))[1]))
    screen = ImportScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.choose_files()
    assert Path(asked[0]) == file_dialogs.documents_folder() and "wt-" not in asked[0]
    screen.choose_files()
    assert Path(asked[1]) == scans  # remembered, also for the next start (the settings file)

    saved: list[str] = []
    out = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, default, *a: (saved.append(default), (str(out), ""))[1]))
    results = _results_screen(qtbot, desk_ctx)
    results.export("csv")
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert Path(saved[0]) == scans / f"중간고사_{dt.date.today():%Y-%m-%d}.csv"


def test_results_sort_by_column_and_export_says_exam_max_and_corrected(
        qtbot: Any, qtmodeltester: Any, desk_ctx: Any, read_exam: Exam, tmp_path: Path) -> None:
    import csv

    from desktop.services.review import correct

    results = _results_screen(qtbot, desk_ctx)
    qtbot.waitUntil(lambda: results.students_model.rowCount() == 3, timeout=20_000)
    model = results.students_model
    qtmodeltester.check(model)
    score_column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Score")
    results.students_view.sortByColumn(score_column, Qt.SortOrder.DescendingOrder)
    scores = [model.record(r).score for r in range(3)]
    assert scores == sorted(scores, reverse=True)
    results.students_view.selectRow(0)
    top = model.record(0).job_id
    results.students_view.sortByColumn(score_column, Qt.SortOrder.AscendingOrder)
    assert results.selected_job_ids() == [top]  # the selection follows its row

    correct(desk_ctx.queue, top, "q1", "5")
    out = tmp_path / "export.csv"
    results.export("csv", str(out))
    qtbot.waitUntil(out.exists, timeout=20_000)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert {"exam", "max_score", "corrected"} <= set(rows[0])  # English UI: English column names
    assert {r["exam"] for r in rows} == {"중간고사"} and {r["max_score"] for r in rows} == {"20.0"}
    assert sorted(r["corrected"] for r in rows) == ["no", "no", "yes"]


def test_the_first_run_dialog_offers_the_demo_exam(qtbot: Any, main_window: Any, desk_ctx: Any) -> None:
    from core.exams import list_exams
    from desktop.gui.worker_thread import RUNNING
    from desktop.services.demo import DEMO_EXAM

    dialog = main_window.show_first_run(force=True)
    qtbot.addWidget(dialog)
    assert dialog.demo_button.text() == "Try a demo exam"
    dialog.demo_button.click()
    qtbot.waitUntil(lambda: main_window.worker.state == RUNNING, timeout=60_000)
    assert [e.name for e in list_exams(desk_ctx.store)] == [DEMO_EXAM]
    assert len(desk_ctx.queue.list_ids(job_type="omr")) == 30
    assert main_window.tabs.currentWidget() is main_window.jobs_screen
    main_window.worker.shutdown()


def test_run_app_opens_on_the_demo_exam(qtbot: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    """`scandesk demo --open`: desktop.entry hands the parsed arguments (with the exam) to run_app."""
    import gc
    import sys

    from PySide6.QtCore import QTimer

    from desktop.cli.main import build_parser
    from desktop.gui.app import run_app

    monkeypatch.setenv("SCANDESK_WORKER_MODE", "thread")
    args = build_parser().parse_args(["gui"])
    args.exam_id = 1
    seen: list[bool] = []

    def close_when_open() -> None:
        for w in QApplication.topLevelWidgets():
            if w.objectName() == "ScanDeskMainWindow" and w.isVisible() and "opening on the demo" in caplog.text:
                seen.append(w.tabs.currentWidget() is w.jobs_screen)
                poll.stop()
                w.close()

    poll = QTimer()
    poll.setInterval(200)
    poll.timeout.connect(close_when_open)
    poll.start()
    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    caplog.set_level(logging.INFO, logger="desktop.gui.main_window")
    try:
        assert run_app(args) == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        sys.setswitchinterval(interval)
    assert seen == [True]
    assert "opening on the demo exam 1" in caplog.text


def test_the_exam_dialog_sets_the_double_mark_rule(qtbot: Any, desk_ctx: Any, sample_scans: dict[str, Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog

    from core.exams import list_exams
    from core.job_types import DoubleMark
    from desktop.gui.screens.import_screen import ImportScreen, NewExamDialog

    def filled_in(dialog: NewExamDialog) -> QDialog.DialogCode:
        dialog.name.setText("받아쓰기")
        dialog.template.setCurrentIndex(dialog.template.findData(str(sample_scans["template"])))
        dialog.double_mark_wrong.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewExamDialog, "exec", filled_in)
    screen = ImportScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(screen)
    screen.new_exam()
    qtbot.waitUntil(lambda: any(e.name == "받아쓰기" for e in list_exams(desk_ctx.store)), timeout=20_000)
    [exam] = [e for e in list_exams(desk_ctx.store) if e.name == "받아쓰기"]
    assert exam.double_mark == DoubleMark.WRONG


def test_double_click_a_student_shows_that_sheet_in_review(qtbot: Any, main_window: Any, desk_ctx: Any,
                                                            read_exam: Exam) -> None:
    results, review = main_window.results_screen, main_window.review_screen
    main_window.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.students_model.rowCount() == 3, timeout=20_000)
    from desktop.services.review import review_queue

    flagged = {i.job_id for i in review_queue(desk_ctx.queue)}
    records = results.students_model.records()
    row = next(r for r, s in enumerate(records) if s.job_id in flagged)
    index = results.students_model.index(row, 0)
    results.students_view.doubleClicked.emit(index)
    assert main_window.tabs.currentWidget() is review
    qtbot.waitUntil(lambda: review.current_item() is not None and review.current_item().job_id == records[row].job_id,
                    timeout=20_000)
    clean = next(s for s in records if s.job_id not in flagged)  # nothing to review: shown alone
    main_window.tabs.setCurrentWidget(results)
    results.students_view.doubleClicked.emit(results.students_model.index(records.index(clean), 0))
    qtbot.waitUntil(lambda: "nothing on this sheet needs review" in review.field_label.text(), timeout=20_000)
    assert review._current_job == clean.job_id


def test_exports_have_korean_headers_on_a_korean_desk_unless_english_is_asked(
        qtbot: Any, desk_ctx: Any, read_exam: Exam, tmp_path: Path) -> None:
    import csv

    def headers(name: str) -> list[str]:
        out = tmp_path / name
        results.export("csv", str(out))
        qtbot.waitUntil(out.exists, timeout=20_000)
        with out.open(encoding="utf-8-sig") as handle:
            return next(csv.reader(handle))

    desk_ctx.settings = desk_ctx.settings.replace(language="ko")
    results = _results_screen(qtbot, desk_ctx)
    korean = headers("ko.csv")
    assert {"시험", "파일", "점수", "만점", "수정됨"} <= set(korean) and "q1" in korean
    desk_ctx.settings = desk_ctx.settings.replace(english_export_headers=True)
    english = headers("en.csv")
    assert {"exam", "file", "score", "max_score", "corrected"} <= set(english)


def test_a_read_sheet_is_removed_from_the_jobs_table_too(qtbot: Any, desk_ctx: Any, read_exam: Exam,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.gui.screens.jobs_screen import JobsScreen
    from desktop.gui.worker_thread import WorkerController

    worker = WorkerController(desk_ctx.queue, desk_ctx.worker_config)
    screen = JobsScreen(desk_ctx, ChangeBus(), worker)
    qtbot.addWidget(screen)
    screen.model.refresh_now()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 3, timeout=20_000)
    screen.table.selectRow(0)
    [job_id] = screen.selected_ids()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(screen.sheet_actions.finished, timeout=20_000):
        screen.sheet_actions.remove_action.trigger()
    assert "Removed 1 sheets" in screen.action_note.text()
    assert desk_ctx.queue.get(job_id).discarded
    screen.shutdown()
