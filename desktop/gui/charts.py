"""Charts drawn with QPainter into a rectangle: the score histogram, the per-question correct rate with
the key, and one question's option distribution. The Results screen's chart widgets and the printed
report call the same functions, so the screen and the paper look alike.

Each function draws with the painter's current font (the caller picks its size: pixels on screen,
points in the report) and leaves the painter's state as it found it. Call on the thread that owns the
paint device (the UI thread for widgets; any thread for a QPdfWriter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QFontMetricsF, QPainter, QPen

BAR = QColor("#4C78A8")
KEY = QColor("#54A24B")
WARN = QColor("#E45756")
WRONG = QColor("#9D9D9D")
SELECTED = QColor("#F58518")
GRID = QColor("#D9D9D9")
TEXT = QColor("#222222")


@dataclass(frozen=True, slots=True)
class RateBar:
    question: str
    key: str
    rate: float | None  # share correct, 0-1
    warn: bool = False  # a wrong option beats the key, or negative discrimination


def short_label(question: str) -> str:
    """"q12" -> "12": the bars are narrow."""
    digits = question.lstrip("qQ")
    return digits if digits.isdigit() else question


RATE_TICKS = [(v, f"{v:.0f}%") for v in (0.0, 25.0, 50.0, 75.0, 100.0)]


def plot_area(fm: QFontMetricsF | QFontMetrics, rect: QRectF, y_labels: Sequence[tuple[float, str]]) -> QRectF:
    """Where the bars go inside `rect`: left of it the y labels, below it two lines of x labels."""
    label_w = max((fm.horizontalAdvance(t) for _, t in y_labels), default=0) + fm.horizontalAdvance(" ")
    line = fm.height()
    return QRectF(rect.left() + label_w, rect.top() + line * 0.6, rect.width() - label_w, rect.height() - line * 2.8)


def _frame(painter: QPainter, rect: QRectF, top: float, y_labels: Sequence[tuple[float, str]]) -> QRectF:
    """Draw the y grid with its labels; return the plot area."""
    fm = painter.fontMetrics()
    plot = plot_area(fm, rect, y_labels)
    line = fm.height()
    space = fm.horizontalAdvance(" ")
    for value, text in y_labels:
        y = plot.bottom() - plot.height() * (value / top if top else 0)
        painter.setPen(QPen(GRID, 0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(TEXT)
        painter.drawText(QRectF(rect.left(), y - line / 2, plot.left() - rect.left() - space / 2, line),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
    painter.setPen(QPen(TEXT, 0))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    return plot


def rate_bar_at(fm: QFontMetricsF | QFontMetrics, rect: QRectF, count: int, x: float) -> int | None:
    """Index of the bar under x in `paint_rates`' chart of `count` bars in `rect` (for clicks), or None."""
    plot = plot_area(fm, rect, RATE_TICKS)
    width = plot.width() / max(1, count)
    if width <= 0 or not plot.left() <= x < plot.right():
        return None
    index = int((x - plot.left()) // width)
    return index if 0 <= index < count else None


def _count_ticks(top: int) -> list[tuple[float, str]]:
    step = max(1, -(-top // 5))
    return [(float(v), str(v)) for v in range(0, top + step, step)]


def paint_histogram(painter: QPainter, rect: QRectF, bins: Sequence[tuple[float, float, int]]) -> None:
    """Students per score range; x labels are the ranges' lower bounds."""
    painter.save()
    top = max((n for *_, n in bins), default=0) or 1
    ticks = _count_ticks(top)
    plot = _frame(painter, rect, ticks[-1][0], ticks)
    fm = painter.fontMetrics()
    width = plot.width() / max(1, len(bins))
    for i, (low, _high, n) in enumerate(bins):
        h = plot.height() * n / ticks[-1][0]
        bar = QRectF(plot.left() + i * width + width * 0.1, plot.bottom() - h, width * 0.8, h)
        painter.fillRect(bar, BAR)
        if n:
            painter.setPen(TEXT)
            painter.drawText(QRectF(bar.left() - width * 0.1, bar.top() - fm.height(), width, fm.height()),
                             int(Qt.AlignmentFlag.AlignCenter), str(n))
        painter.setPen(TEXT)
        painter.drawText(QRectF(plot.left() + i * width - width / 2, plot.bottom() + 2, width, fm.height()),
                         int(Qt.AlignmentFlag.AlignCenter), f"{low:g}")
    if bins:
        painter.drawText(QRectF(plot.right() - width / 2, plot.bottom() + 2, width, fm.height()),
                         int(Qt.AlignmentFlag.AlignCenter), f"{bins[-1][1]:g}")
    painter.restore()


def paint_rates(painter: QPainter, rect: QRectF, bars: Sequence[RateBar], selected: int | None = None) -> None:
    """Share correct per question (0-100%); under each bar the question number and, below it, the key.
    A warned question's bar is red; the selected one has an orange outline."""
    painter.save()
    plot = _frame(painter, rect, 100.0, RATE_TICKS)
    fm = painter.fontMetrics()
    width = plot.width() / max(1, len(bars))
    every = max(1, -(-int(fm.horizontalAdvance("88") * 1.3) // max(1, int(width))))  # thin labels when crowded
    for i, bar in enumerate(bars):
        x = plot.left() + i * width
        if bar.rate is not None:
            h = plot.height() * bar.rate
            shape = QRectF(x + width * 0.15, plot.bottom() - h, width * 0.7, h)
            painter.fillRect(shape, WARN if bar.warn else BAR)
        if i == selected:
            painter.setPen(QPen(SELECTED, max(1.0, width * 0.08)))
            painter.drawRect(QRectF(x + width * 0.05, plot.top(), width * 0.9, plot.height()))
        if i % every == 0 or i == selected:
            painter.setPen(WARN if bar.warn else TEXT)
            painter.drawText(QRectF(x - width, plot.bottom() + 1, width * 3, fm.height()),
                             int(Qt.AlignmentFlag.AlignCenter), short_label(bar.question))
            painter.setPen(KEY)
            painter.drawText(QRectF(x - width, plot.bottom() + 1 + fm.height(), width * 3, fm.height()),
                             int(Qt.AlignmentFlag.AlignCenter), bar.key)
    painter.restore()


def paint_options(painter: QPainter, rect: QRectF, options: Mapping[str, int], keys: Sequence[str], blank: int = 0,
                  blank_label: str = "-") -> None:
    """Students per marked value of one question: the key's bar green, a wrong value that drew more
    than the key red, other wrong values grey; blanks last, labelled `blank_label`."""
    painter.save()
    values = list(options.items()) + ([(blank_label, blank)] if blank else [])
    top = max((n for _, n in values), default=0) or 1
    ticks = _count_ticks(top)
    plot = _frame(painter, rect, ticks[-1][0], ticks)
    fm = painter.fontMetrics()
    key_count = sum(n for v, n in options.items() if v in keys)
    width = plot.width() / max(1, len(values))
    for i, (value, n) in enumerate(values):
        if value in keys:
            color = KEY
        elif value != blank_label and keys and n > key_count:
            color = WARN
        else:
            color = WRONG
        h = plot.height() * n / ticks[-1][0]
        bar = QRectF(plot.left() + i * width + width * 0.2, plot.bottom() - h, width * 0.6, h)
        painter.fillRect(bar, color)
        painter.setPen(TEXT)
        painter.drawText(QRectF(bar.left() - width * 0.2, bar.top() - fm.height(), width, fm.height()),
                         int(Qt.AlignmentFlag.AlignCenter), str(n))
        painter.drawText(QRectF(plot.left() + i * width, plot.bottom() + 1, width, fm.height()),
                         int(Qt.AlignmentFlag.AlignCenter), value)
    painter.restore()


__all__ = [
    "RateBar",
    "paint_histogram",
    "paint_options",
    "paint_rates",
    "plot_area",
    "rate_bar_at",
    "short_label",
]
