"""Results of an exam: students with their scores, questions with the share answered correctly and
the most chosen wrong answer; export CSV and XLSX, and the annotated sheets. The numbers come from
`desktop.services.results.exam_results` (corrections included), computed off the UI thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.exams import Exam, list_exams
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.models.records_model import RecordsTableModel
from desktop.gui.ops import StoreOp, one_line
from desktop.gui.widgets.sheet_actions import SheetActions
from desktop.services.bootstrap import DeskServices

log = logging.getLogger(__name__)


def _get(record: Any, *names: str) -> Any:
    for name in names:
        if isinstance(record, dict) and name in record:
            return record[name]
        if hasattr(record, name):
            return getattr(record, name)
    return None


def _percent(value: Any) -> str:
    """percent_correct is 0-100, None when the exam has no answer key."""
    return "" if value is None else f"{float(value):.0f}%"


def _wrong(q: Any) -> str:
    answer = _get(q, "most_chosen_wrong")
    if not answer:
        return ""
    return f"{answer} ({_get(q, 'most_chosen_wrong_count') or 0})"


class ResultsScreen(QWidget):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.ctx = ctx
        self._exams: list[Exam] = []
        self._stale = True
        self._loading = False
        self.results: Any = None
        self.exam_combo = QComboBox()
        self.exam_combo.currentIndexChanged.connect(lambda _i: self.reload())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.xlsx_button = QPushButton(self.tr("Export XLSX…"))
        self.sheets_button = QPushButton(self.tr("Annotated sheets…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        # clicked(bool) would arrive as the folder argument
        self.sheets_button.clicked.connect(lambda: self.export_sheets())
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Exam:")))
        top.addWidget(self.exam_combo, 1)
        top.addWidget(refresh)
        top.addWidget(self.csv_button)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.sheets_button)

        self.students_model = RecordsTableModel([
            (self.tr("Student"), lambda s: _get(s, "student_id") or self.tr("(unread)")),
            (self.tr("Score"), lambda s: _get(s, "score")),
            (self.tr("Max"), lambda s: _get(s, "max_score")),
            (self.tr("File"), lambda s: _get(s, "file")),
            (self.tr("Corrected"), lambda s: ", ".join(_get(s, "corrected") or ())),
            (self.tr("Needs review"), lambda s: ", ".join(_get(s, "flags") or ())),
        ], self)
        self.questions_model = RecordsTableModel([
            (self.tr("Question"), lambda q: _get(q, "question")),
            (self.tr("Key"), lambda q: _get(q, "answer")),
            (self.tr("Correct"), lambda q: _percent(_get(q, "percent_correct"))),
            (self.tr("Most chosen wrong answer"), _wrong),
            (self.tr("Answered"), lambda q: _get(q, "answered")),
            (self.tr("Blank"), lambda q: _get(q, "blanks")),
        ], self)
        self.students_view = self._table(self.students_model)
        self.questions_view = self._table(self.questions_model)
        self.sheet_actions = SheetActions(ctx, bus, self.students_view, self.selected_job_ids, self.current_exam_id)
        self.sheet_actions.finished.connect(self.summary.setText)
        split = QSplitter()
        for title, view in ((self.tr("Students"), self.students_view), (self.tr("Questions"), self.questions_view)):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.addWidget(QLabel(f"<b>{title}</b>"))
            bl.addWidget(view)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.reload_exams()

    def _table(self, model: RecordsTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAlternatingRowColors(True)
        return view

    def reload_exams(self) -> None:
        chosen = self.exam_combo.currentData()
        self._exams = list_exams(self.ctx.store)
        self.exam_combo.blockSignals(True)
        self.exam_combo.clear()
        for exam in self._exams:
            self.exam_combo.addItem(exam.name, exam.id)
        if chosen is not None and self.exam_combo.findData(chosen) >= 0:
            self.exam_combo.setCurrentIndex(self.exam_combo.findData(chosen))
        self.exam_combo.blockSignals(False)

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def on_shown(self) -> None:
        self.reload_exams()
        if self._stale or self.results is None:
            self.reload()

    def current_exam_id(self) -> int | None:
        exam_id = self.exam_combo.currentData()
        return None if exam_id is None else int(exam_id)

    def selected_job_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.students_view.selectionModel().selectedRows()})
        records = self.students_model.records()
        return [str(_get(records[r], "job_id")) for r in rows if r < len(records) and _get(records[r], "job_id")]

    def reload(self) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None or self._loading:
            return
        try:
            from desktop.services.results import exam_results
        except ImportError:  # the results functions are not installed in this build
            self.summary.setText(self.tr("Results are not available."))
            return
        self._loading = True
        self._stale = False

        queue = self.ctx.queue

        def done(results: Any) -> None:
            self._loading = False
            if exam_id != self.current_exam_id():  # another exam was chosen while this one loaded
                self.reload()
                return
            self.results = results
            students = list(_get(results, "students") or [])
            questions = list(_get(results, "questions") or [])
            self.students_model.set_records(students)
            self.questions_model.set_records(questions)
            scores = [float(s) for s in (_get(st, "score") for st in students) if s is not None]
            failed = len(_get(results, "failed") or ())
            if not _get(results, "scored") or not scores:
                self.summary.setText(self.tr("{n} students; no answer key, so no scores; {failed} pages rejected").format(
                    n=len(students), failed=failed))
            else:
                self.summary.setText(self.tr("{n} students, average score {mean:.1f}; {failed} pages rejected").format(
                    n=len(students), mean=sum(scores) / len(scores), failed=failed))

        def failed(exc: Exception) -> None:
            self._loading = False
            self.summary.setText(one_line(exc))

        StoreOp(self, lambda: exam_results(queue, exam_id)).success(done).failure(failed).run()

    def export(self, kind: str, path: str | None = None) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None:
            return
        if path is None:
            pattern = "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), f"results.{kind}", pattern)
            if not path:
                return
        from desktop.services import results as results_mod

        queue = self.ctx.queue
        writer = results_mod.write_csv if kind == "csv" else results_mod.write_xlsx
        target = Path(path)

        def work() -> Path:
            writer(results_mod.exam_results(queue, exam_id), target)
            return target

        StoreOp(self, work, title=self.tr("Export failed")).success(
            lambda p: self.summary.setText(self.tr("Saved {path}").format(path=p))
        ).run()

    def export_sheets(self, folder: str | None = None) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None:
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the annotated sheets"))
            if not folder:
                return
        from desktop.services import results as results_mod

        queue = self.ctx.queue
        out = Path(folder)

        def work() -> int:
            results = results_mod.exam_results(queue, exam_id)
            n = 0
            for student in _get(results, "students") or []:
                job_id = _get(student, "job_id")
                if job_id:
                    results_mod.annotated_image(queue, job_id, out)
                    n += 1
            return n

        StoreOp(self, work, title=self.tr("Export failed")).success(
            lambda n: self.summary.setText(self.tr("Wrote {n} annotated sheets to {folder}").format(n=n, folder=out))
        ).run()

    def on_changes(self, changes: Changes) -> None:
        """New reads, corrections and exam changes move scores: reload now if visible, else when shown."""
        if changes.sheets or changes.exams:
            self.mark_stale()

    def shutdown(self) -> None:
        """No timers or threads of its own."""
