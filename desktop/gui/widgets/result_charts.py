"""The Results screen's charts: score histogram, correct rate per question (click a bar to choose the
question), and the chosen question's option distribution with why it is highlighted. Drawn by
desktop/gui/charts.py, the same functions as the printed report. Everything runs on the UI thread."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.gui.charts import RateBar, paint_histogram, paint_options, paint_rates, rate_bar_at, short_label
from desktop.services.statistics import (
    NEGATIVE_DISCRIMINATION,
    WRONG_OPTION_BEATS_KEY,
    ExamStatistics,
    QuestionAnalysis,
    histogram,
)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(140)

    def sizeHint(self) -> QSize:
        return QSize(320, 220)

    def chart_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -8, -4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        self.draw(painter, self.chart_rect())
        painter.end()

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError


class HistogramChart(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[tuple[float, float, int]] = []

    def set_bins(self, bins: Sequence[tuple[float, float, int]]) -> None:
        self.bins = list(bins)
        self.update()

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        paint_histogram(painter, rect, self.bins)


class RatesChart(_Chart):
    """Share correct per question; a click on a bar emits `question_clicked(index)` (UI thread)."""

    question_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[RateBar] = []
        self.selected: int | None = None

    def set_bars(self, bars: Sequence[RateBar]) -> None:
        self.bars = list(bars)
        self.update()

    def set_selected(self, index: int | None) -> None:
        self.selected = index
        self.update()

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        paint_rates(painter, rect, self.bars, self.selected)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = rate_bar_at(self.fontMetrics(), self.chart_rect(), len(self.bars), event.position().x())
        if index is not None:
            self.question_clicked.emit(index)


class OptionsChart(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question: QuestionAnalysis | None = None

    def set_question(self, question: QuestionAnalysis | None) -> None:
        self.question = question
        self.update()

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        q = self.question
        if q is None:
            return
        keys = [k for k in q.answer.split(",") if k]
        paint_options(painter, rect, q.options, keys, q.blank, blank_label=self.tr("blank"))


def _caption(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


class ResultCharts(QWidget):
    """The three charts side by side. `question_selected(index)` when a bar is clicked (UI thread)."""

    question_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: ExamStatistics | None = None
        self.histogram = HistogramChart()
        self.rates = RatesChart()
        self.options = OptionsChart()
        self.options_title = _caption(self.tr("Answers to the chosen question"))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.rates.question_clicked.connect(self.select_question)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widgets, stretch in (
            ((_caption(self.tr("Score distribution")), self.histogram), 2),
            ((_caption(self.tr("Correct rate per question (below: the key; red: check the item)")), self.rates), 4),
            ((self.options_title, self.options, self.verdict), 2),
        ):
            box = QVBoxLayout()
            for w in widgets:
                box.addWidget(w, 1 if isinstance(w, _Chart) else 0)
            layout.addLayout(box, stretch)

    def set_statistics(self, stats: ExamStatistics | None) -> None:
        self.stats = stats
        if stats is None:
            self.histogram.set_bins([])
            self.rates.set_bars([])
            self.select_question(None)
            return
        self.histogram.set_bins(histogram(stats.scores, stats.max_score))
        self.rates.set_bars([RateBar(q.question, q.answer, q.p, bool(q.warnings)) for q in stats.questions])
        warned = next((i for i, q in enumerate(stats.questions) if q.warnings), None)
        current = self.rates.selected
        keep = current is not None and current < len(stats.questions)
        self.select_question(current if keep else (warned if warned is not None else (0 if stats.questions else None)))

    def select_question(self, index: int | None) -> None:
        stats = self.stats
        question = stats.questions[index] if stats and index is not None and 0 <= index < len(stats.questions) else None
        self.rates.set_selected(index if question else None)
        self.options.set_question(question)
        if question is None:
            self.options_title.setText(f"<b>{self.tr('Answers to the chosen question')}</b>")
            self.verdict.clear()
            return
        self.options_title.setText("<b>" + self.tr("Question {q}: key {key}, {p} correct").format(
            q=short_label(question.question), key=question.answer or "-",
            p="-" if question.p is None else f"{100 * question.p:.0f}%") + "</b>")
        self.verdict.setText(self.warning_text(question))
        if index is not None:
            self.question_selected.emit(index)

    def warning_text(self, q: QuestionAnalysis) -> str:
        parts = []
        if WRONG_OPTION_BEATS_KEY in q.warnings and q.top_wrong:
            parts.append(self.tr("{value} drew more students ({n}) than the key ({k}): check the key.").format(
                value=q.top_wrong[0], n=q.top_wrong[1], k=q.key_count))
        if NEGATIVE_DISCRIMINATION in q.warnings:
            parts.append(self.tr("Weaker students did better than stronger ones (discrimination {d:.2f}): "
                                 "a badly written item?").format(d=q.discrimination or 0.0))
        if not parts and q.discrimination is not None:
            parts.append(self.tr("Discrimination {d:.2f}").format(d=q.discrimination))
        return " ".join(parts)


__all__ = ["HistogramChart", "OptionsChart", "RatesChart", "ResultCharts"]
