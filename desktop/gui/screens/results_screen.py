"""Results of an exam: students with names, scores, rank, percentile and standard score; questions with
the share answered correctly and the most chosen wrong answer; charts (score histogram, correct rate per
question with the key, the chosen question's answers, suspicious items in red); the chosen student's
view with their scores across exams; export CSV and XLSX, the annotated sheets, the printed report
(PDF or printer), and the roster. The numbers come from `desktop.services.results.exam_results` and
`desktop.services.statistics` (corrections included), computed off the UI thread."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.exams import Exam, list_exams
from desktop.gui import file_dialogs
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.i18n import choose_language, system_locale_name
from desktop.gui.models.records_model import RecordsTableModel
from desktop.gui.ops import StoreOp, one_line
from desktop.gui.report.pdf import write_pdf
from desktop.gui.report.printing import a4_printer, print_report
from desktop.gui.screens.roster_dialog import RosterDialog
from desktop.gui.widgets.result_charts import ResultCharts
from desktop.gui.widgets.sheet_actions import SheetActions
from desktop.gui.widgets.student_panel import StudentPanel
from desktop.services import results as results_mod
from desktop.services.bootstrap import DeskServices
from desktop.services.report_data import ReportData, build_report
from desktop.services.results import ExamResults, exam_results
from desktop.services.statistics import ExamStatistics, Standing, exam_statistics
from desktop.services.workbook import write_exam_xlsx

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


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


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
        self.stats: ExamStatistics | None = None
        self._standings: dict[str, Standing] = {}
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
        self.print_button = QPushButton(self.tr("Print / PDF…"))
        print_menu = QMenu(self.print_button)
        print_menu.addAction(self.tr("Save the report as PDF…"), lambda: self.save_report_pdf())
        print_menu.addAction(self.tr("Print the report…"), self.print_report)
        self.print_button.setMenu(print_menu)
        self.roster_button = QPushButton(self.tr("Roster…"))
        self.roster_button.clicked.connect(self.open_roster)
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Exam:")))
        top.addWidget(self.exam_combo, 1)
        top.addWidget(refresh)
        top.addWidget(self.csv_button)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.sheets_button)
        top.addWidget(self.print_button)
        top.addWidget(self.roster_button)

        self.students_model = RecordsTableModel([
            (self.tr("Student"), lambda s: _get(s, "student_id") or self.tr("(unread)")),
            (self.tr("Name"), lambda s: _get(s, "name") or ""),
            (self.tr("Class"), lambda s: _get(s, "class_name") or ""),
            (self.tr("Score"), lambda s: _get(s, "score")),
            (self.tr("Max"), lambda s: _get(s, "max_score")),
            (self.tr("Rank"), lambda s: self._standing(s, "rank")),
            (self.tr("Percentile"), lambda s: _num(self._standing(s, "percentile"))),
            (self.tr("Std. score"), lambda s: _num(self._standing(s, "standard_score"))),
            (self.tr("File"), lambda s: _get(s, "file")),
            (self.tr("Corrected"), lambda s: ", ".join(_get(s, "corrected") or ())),
            (self.tr("Needs review"), lambda s: ", ".join((*(_get(s, "flags") or ()), *(_get(s, "id_flags") or ())))),
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
        self.students_view.doubleClicked.connect(self._open_in_review)
        self.sheet_actions.finished.connect(self.summary.setText)
        split = QSplitter()
        for title, view in ((self.tr("Students"), self.students_view), (self.tr("Questions"), self.questions_view)):
            box = QWidget()
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.addWidget(QLabel(f"<b>{title}</b>"))
            bl.addWidget(view)
            split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.charts = ResultCharts()
        self.charts.question_selected.connect(self._select_question_row)
        self.student_panel = StudentPanel(ctx)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.charts, self.tr("Charts"))
        self.detail_tabs.addTab(self.student_panel, self.tr("Student"))
        self.questions_view.selectionModel().currentRowChanged.connect(self._question_chosen)
        self.students_view.selectionModel().currentRowChanged.connect(self._student_chosen)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(split)
        vertical.addWidget(self.detail_tabs)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(vertical, 1)
        self.reload_exams()

    def _table(self, model: RecordsTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAlternatingRowColors(True)
        # The service's order first: enabling sorting sorts at once by the indicator, so clear it before.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
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

    def _open_in_review(self, index: Any) -> None:
        """Double-click on a student: that sheet in Review."""
        job_id = _get(self.students_model.record(index.row()), "job_id")
        if job_id:
            self.bus.sheet_requested.emit(str(job_id))

    def selected_job_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.students_view.selectionModel().selectedRows()})
        records = self.students_model.records()
        return [str(_get(records[r], "job_id")) for r in rows if r < len(records) and _get(records[r], "job_id")]

    def _standing(self, student: Any, attribute: str) -> Any:
        standing = self._standings.get(str(_get(student, "job_id")))
        return getattr(standing, attribute) if standing else None

    def _student_chosen(self, current: Any, _previous: Any) -> None:
        record = self.students_model.record(current.row()) if current.isValid() else None
        standing = self._standings.get(record.job_id) if record is not None else None
        self.student_panel.show_student(record, standing)

    def _question_chosen(self, current: Any, _previous: Any) -> None:
        """A row of the questions table was chosen: show that question in the charts (the table may be
        sorted, so the question is found by name). UI thread."""
        record = self.questions_model.record(current.row()) if current.isValid() else None
        names = [q.question for q in self.stats.questions] if self.stats else []
        question = _get(record, "question")
        if question in names:
            self.charts.select_question(names.index(question))

    def _select_question_row(self, index: int) -> None:
        """A bar was clicked: show that question's row in the questions table (UI thread)."""
        if self.stats is None or not 0 <= index < len(self.stats.questions):
            return
        question = self.stats.questions[index].question
        rows = [r for r, q in enumerate(self.questions_model.records()) if _get(q, "question") == question]
        if not rows or self.questions_view.currentIndex().row() == rows[0]:
            return
        model_index = self.questions_model.index(rows[0], 0)
        self.questions_view.selectionModel().setCurrentIndex(
            model_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.questions_view.scrollTo(model_index)

    def reload(self) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None or self._loading:
            return
        self._loading = True
        self._stale = False

        queue = self.ctx.queue

        def load() -> tuple[ExamResults, ExamStatistics]:
            results = exam_results(queue, exam_id)
            return results, exam_statistics(results)

        def done(loaded: tuple[ExamResults, ExamStatistics]) -> None:
            self._loading = False
            if exam_id != self.current_exam_id():  # another exam was chosen while this one loaded
                self.reload()
                return
            results, stats = loaded
            self.results = results
            self.stats = stats
            self._standings = {s.job_id: s for s in stats.standings}
            students = list(_get(results, "students") or [])
            questions = list(_get(results, "questions") or [])
            self.students_model.set_records(students)
            self.questions_model.set_records(questions)
            self.charts.set_statistics(stats)  # after the table: choosing a question selects its row
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

        StoreOp(self, load).success(done).failure(failed).run()

    def export(self, kind: str, path: str | None = None) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None:
            return
        if path is None:
            pattern = "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
            path = file_dialogs.save_file(self, self.tr("Export results"),
                                          file_dialogs.export_name(self.exam_combo.currentText(), kind), pattern)
            if not path:
                return
        queue = self.ctx.queue
        target = Path(path)
        # Korean column names on a Korean desk, unless scripts read the files (Settings).
        korean = (choose_language(self.ctx.settings.language, system_locale_name()) == "ko"
                  and not self.ctx.settings.english_export_headers)

        def work() -> Path:
            results = results_mod.exam_results(queue, exam_id)
            if kind == "csv":
                results_mod.write_csv(results, target, columns=results.export_columns, excel_bom=True,
                                      korean_headers=korean)
            else:  # with the names, the statistics and the item analysis
                write_exam_xlsx(results, target, columns=results.export_columns, korean_headers=korean)
            return target

        StoreOp(self, work, title=self.tr("Export failed")).success(
            lambda p: self.summary.setText(self.tr("Saved {path}").format(path=p))
        ).run()

    def export_sheets(self, folder: str | None = None) -> None:
        exam_id = self.current_exam_id()
        if exam_id is None:
            return
        if folder is None:
            folder = file_dialogs.existing_folder(self, self.tr("Folder for the annotated sheets"))
            if not folder:
                return
        queue = self.ctx.queue
        out = Path(folder)

        def work() -> int:
            results = results_mod.exam_results(queue, exam_id)
            n = 0
            for student in _get(results, "students") or []:
                job_id = _get(student, "job_id")
                if job_id and results_mod.annotated_image(queue, job_id, out) is not None:
                    n += 1
            return n

        StoreOp(self, work, title=self.tr("Export failed")).success(
            lambda n: self.summary.setText(self.tr("Wrote {n} annotated sheets to {folder}").format(n=n, folder=out))
        ).run()

    # ------------------------------------------------------------------ report and roster
    def _report_data(self) -> ReportData | None:
        """The report of what is shown (None, with a message, when there is nothing to print)."""
        exam = next((e for e in self._exams if e.id == self.current_exam_id()), None)
        if exam is None or self.results is None or not self.results.students:
            self.summary.setText(self.tr("Nothing to print: no read sheets in this exam."))
            return None
        return build_report(self.results, exam.name, stats=self.stats)

    def save_report_pdf(self, path: str | None = None) -> None:
        """One page per student and a summary per class, as A4 PDF; drawn off the UI thread."""
        data = self._report_data()
        if data is None:
            return
        if path is None:
            path = file_dialogs.save_file(self, self.tr("Save the report"), file_dialogs.export_name(data.exam_name, "pdf"),
                                          "PDF (*.pdf)")
            if not path:
                return
        target = Path(path)
        self.summary.setText(self.tr("Drawing {n} pages…").format(n=len(data.pages)))
        StoreOp(self, lambda: write_pdf(data, target), title=self.tr("The report could not be saved")).success(
            lambda pages: self.summary.setText(self.tr("Saved {path} ({n} pages)").format(path=target, n=pages))
        ).run()

    def print_report(self, printer: QPrinter | None = None) -> int:
        """Print the report (after the print dialog when no printer is given); returns the pages printed.
        Runs on the UI thread: a printer belongs to it."""
        data = self._report_data()
        if data is None:
            return 0
        if printer is None:
            printer = a4_printer()
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        pages = print_report(data, printer)
        self.summary.setText(self.tr("Sent {n} pages to {printer}").format(n=pages, printer=printer.printerName() or "PDF"))
        return pages

    def open_roster(self) -> RosterDialog:
        dialog = RosterDialog(self.ctx, self.bus, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.show()
        return dialog

    def on_changes(self, changes: Changes) -> None:
        """New reads, corrections, exam and roster changes move scores and names: reload now if visible,
        else when shown."""
        if changes.sheets or changes.exams or changes.roster:
            self.mark_stale()

    def shutdown(self) -> None:
        """No timers or threads of its own."""
