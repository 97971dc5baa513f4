"""The student view of the Results screen: who the chosen student is, their standing in this exam, the
questions they got wrong, and their scores across the exams they sat. Runs on the UI thread; the scores
across exams are read off it (StoreOp)."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.gui.models.records_model import RecordsTableModel
from desktop.gui.ops import StoreOp, one_line
from desktop.services.bootstrap import DeskServices
from desktop.services.history import ExamScore, student_history
from desktop.services.results import StudentResult
from desktop.services.statistics import Standing


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


class StudentPanel(QWidget):
    def __init__(self, ctx: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._wanted = ""
        self.heading = QLabel(self.tr("Choose a student in the table."))
        self.heading.setWordWrap(True)
        self.wrong = QLabel()
        self.wrong.setWordWrap(True)
        self.history_model = RecordsTableModel([
            (self.tr("Exam"), lambda e: e.exam_name),
            (self.tr("Score"), lambda e: f"{_num(e.score)} / {_num(e.max_score)}" if e.score is not None else ""),
            (self.tr("Rank"), lambda e: self.tr("{rank} of {n}").format(rank=e.rank, n=e.students) if e.rank else ""),
            (self.tr("Percentile"), lambda e: _num(e.percentile)),
            (self.tr("Standard score"), lambda e: _num(e.standard_score)),
        ], self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.wrong)
        layout.addWidget(QLabel("<b>" + self.tr("Scores across exams") + "</b>"))
        layout.addWidget(self.history, 1)

    def show_student(self, student: StudentResult | None, standing: Standing | None) -> None:
        if student is None:
            self.heading.setText(self.tr("Choose a student in the table."))
            self.wrong.clear()
            self.history_model.set_records([])
            self._wanted = ""
            return
        name = student.name or self.tr("(not on the roster)")
        text = self.tr("<b>{name}</b> · class {klass} · ID {sid}").format(
            name=name, klass=student.class_name or "-", sid=student.student_id or "-")
        if student.score is not None:
            text += " · " + self.tr("score {score} / {max}").format(score=_num(student.score), max=_num(student.max_score))
        if standing is not None:
            text += " · " + self.tr("rank {rank}, percentile {pct}, standard score {std}").format(
                rank=standing.rank, pct=_num(standing.percentile), std=_num(standing.standard_score))
        self.heading.setText(text)
        wrong = [f"{q} ({student.answers.get(q) or '-'})" for q, v in student.verdicts.items() if v != "correct"]
        self.wrong.setText(self.tr("Wrong or blank: {questions}").format(questions=", ".join(wrong)) if wrong
                           else (self.tr("Every question right.") if student.verdicts else ""))
        sid = str(student.student_id or "")
        self._wanted = sid
        queue = self.ctx.queue

        def loaded(rows: list[ExamScore]) -> None:
            if sid == self._wanted:  # another student may have been chosen meanwhile
                self.history_model.set_records(rows)

        StoreOp(self, lambda: student_history(queue, sid)).success(loaded).failure(
            lambda exc: self.wrong.setText(one_line(exc))).run()


__all__ = ["StudentPanel"]
