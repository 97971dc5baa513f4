"""The answer-key editor of the exam dialog: one row per question, the accepted answers typed as
digits 1-5 ("3", or "1,3" when either is right) and the question's points. Saved as the
`question,answer,points` CSV the command line reads (desktop.services.answer_keys). UI thread only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.answer_keys import KeyRow, KeyRowError, parse_answers, parse_points, write_key_csv

MAX_QUESTIONS = 200


class AnswerKeyEditor(QDialog):
    """`saved_path` is the written CSV once the dialog was accepted."""

    def __init__(self, target: Path, questions: int, rows: list[KeyRow] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer key"))
        self.target = target
        self.saved_path: Path | None = None
        self.count = QSpinBox()
        self.count.setRange(1, MAX_QUESTIONS)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Answer (1-5; several: 1,3)"), self.tr("Points")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.all_points = QDoubleSpinBox()
        self.all_points.setRange(0.5, 100)
        self.all_points.setSingleStep(0.5)
        self.all_points.setValue(1)
        set_all = QPushButton(self.tr("Give every question these points"))
        set_all.clicked.connect(self._set_all_points)
        self.problem = QLabel()
        self.problem.setObjectName("key_problem")
        self.problem.setStyleSheet("color: #c62828")
        self.problem.setWordWrap(True)
        hint = QLabel(self.tr("Type the answer of each question; a question with several right answers takes "
                              "them separated by commas. Saved as {file}.").format(file=target.name))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Questions:")))
        top.addWidget(self.count)
        top.addStretch(1)
        top.addWidget(self.all_points)
        top.addWidget(set_all)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(460, 620)
        known = {r.question: r for r in rows or []}
        self.count.valueChanged.connect(self._resize_rows)
        self.count.setValue(max([questions, *known]) if (questions or known) else 20)
        self._resize_rows(self.count.value())
        for number, row in known.items():
            self.set_row(number, ",".join(row.answers), f"{row.points:g}")

    def _resize_rows(self, n: int) -> None:
        old = self.table.rowCount()
        self.table.setRowCount(n)
        self.table.setVerticalHeaderLabels([str(i + 1) for i in range(n)])
        for row in range(old, n):
            self.table.setItem(row, 0, QTableWidgetItem(""))
            self.table.setItem(row, 1, QTableWidgetItem("1"))

    def _set_all_points(self) -> None:
        for row in range(self.table.rowCount()):
            self.table.setItem(row, 1, QTableWidgetItem(f"{self.all_points.value():g}"))

    def set_row(self, question: int, answers: str, points: str = "1") -> None:
        self.table.setItem(question - 1, 0, QTableWidgetItem(answers))
        self.table.setItem(question - 1, 1, QTableWidgetItem(points))

    def rows(self) -> list[KeyRow]:
        """The typed key. Raises ValueError naming the first question typed wrong."""
        out = []
        for row in range(self.table.rowCount()):
            answer = self.table.item(row, 0)
            points = self.table.item(row, 1)
            out.append(KeyRow(row + 1, parse_answers(answer.text() if answer else "", row + 1),
                              parse_points(points.text() if points else "", row + 1)))
        return out

    def describe(self, exc: KeyRowError) -> str:
        if exc.kind == "empty":
            return self.tr("Not saved: question {n} has no answer.").format(n=exc.question)
        if exc.kind == "points":
            return self.tr("Not saved: question {n}: points must be a number above 0, not “{text}”.").format(
                n=exc.question, text=exc.text)
        return self.tr("Not saved: question {n}: answers are 1 to 5, not “{text}”.").format(n=exc.question, text=exc.text)

    def save(self) -> None:
        try:
            rows = self.rows()
        except KeyRowError as exc:
            self.table.setCurrentCell(exc.question - 1, 1 if exc.kind == "points" else 0)
            self.problem.setText(self.describe(exc))
            return
        try:
            self.saved_path = write_key_csv(self.target, rows)
        except OSError as exc:
            self.problem.setText(self.tr("Not saved: {error}").format(error=exc))
            return
        self.accept()
