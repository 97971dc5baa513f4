"""The printed score report: draws `ReportData` (desktop/services/report_data.py) page by page with
QPainter on any paged device, so one code path writes the PDF (QPdfWriter) and prints (QPrinter).

A4 portrait. Coordinates are points (1/72 inch): the painter is scaled from the device's resolution, and
fonts are sized in pixels of that scaled space, i.e. in points on paper. Text is drawn as text in
NanumGothic (or the system's sans-serif when Nanum is missing), so Korean names are embedded as
searchable, copyable text. Runs on the thread that owns the device; a QGuiApplication must exist (fonts).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from core.bundle import font_paths
from desktop.gui.charts import KEY, WARN, RateBar, paint_histogram, paint_rates, short_label
from desktop.services.report_data import ReportData, StudentPage, SummaryPage
from desktop.services.statistics import NEGATIVE_DISCRIMINATION, WRONG_OPTION_BEATS_KEY, QuestionAnalysis

PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 40.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT_FILES = (
    *font_paths("NanumGothic.ttf"),  # the installed app's own copy
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
)
PREFERRED_FAMILIES = ("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo")
SHADE = QColor("#F2F2F2")
WRONG_FILL = QColor("#FDE2E1")
LINE = QColor("#BBBBBB")
INK = QColor("#222222")
MUTED = QColor("#666666")
# Alignment flags as plain ints, made once: combining Qt's enums costs microseconds per call, and a
# 300-student report draws tens of thousands of cells.
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
LINE_PEN = QPen(LINE, 0.4)
OK_PEN = QPen(KEY, 1.2)
WRONG_PEN = QPen(WARN, 1.4)


def report_font_family() -> str:
    """A family that has Hangul: Nanum when installed (loaded from its file if fontconfig lacks it)."""
    families = set(QFontDatabase.families())
    for name in PREFERRED_FAMILIES:
        if name in families:
            return name
    for path in FONT_FILES:
        if Path(path).is_file():
            loaded = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(path))
            if loaded:
                return loaded[0]
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or one made for headless drawing (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if not os.environ.get("QT_QPA_PLATFORM") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["scandesk-report"])


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if float(value).is_integer() else f"{value:.{digits}f}"


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


class ReportPainter(QObject):
    """Draws the pages of one report on one device. Use `paint()` once. A QObject for its translated
    texts (context "ReportPainter")."""

    def __init__(self, data: ReportData, device: QPagedPaintDevice, *, printed_on: dt.date | None = None) -> None:
        super().__init__()
        self.data = data
        self.device = device
        self.family = report_font_family()
        self.printed_on = printed_on or dt.date.today()
        self.painter = QPainter()
        self._fonts: dict[tuple[int, bool], QFont] = {}
        self._font_key: tuple[int, bool] | None = None
        self._pen: QColor | None = None

    # ------------------------------------------------------------------ text helpers
    def font(self, size: int, bold: bool = False) -> QFont:
        font = self._fonts.get((size, bold))
        if font is None:
            font = QFont(self.family)
            font.setPixelSize(size)
            font.setBold(bold)
            self._fonts[(size, bold)] = font
        return font

    def use_font(self, size: int, bold: bool = False) -> None:
        if self._font_key != (size, bold):
            self.painter.setFont(self.font(size, bold))
            self._font_key = (size, bold)

    def text(self, rect: QRectF, text: str, size: int = 10, *, bold: bool = False, color: QColor = INK,
             align: int = LEFT) -> None:
        """Draw text; font and pen are set only when they change (the PDF engine re-emits state otherwise)."""
        self.use_font(size, bold)
        if self._pen is not color:
            self.painter.setPen(color)
            self._pen = color
        self.painter.drawText(rect, align, text)

    def pen(self, pen: QPen | QColor) -> None:
        """Set a pen for lines and shapes (forgets the text colour, so the next text sets its own)."""
        self.painter.setPen(pen)
        self._pen = None

    # ------------------------------------------------------------------ pages
    def paint(self, on_page: Callable[[int], None] | None = None) -> int:
        """Draw every page; returns the number of pages. `on_page(i)` is called after each one."""
        p = self.painter
        if not p.begin(self.device):
            raise OSError("cannot draw on the output (is the file writable?)")
        try:
            scale = self.device.logicalDpiX() / 72.0
            p.scale(scale, self.device.logicalDpiY() / 72.0)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            total = len(self.data.pages)
            for index, page in enumerate(self.data.pages):
                if index:
                    self.device.newPage()
                self._font_key, self._pen = None, None  # a new page starts from the engine's defaults
                if isinstance(page, StudentPage):
                    self.student_page(page)
                else:
                    self.summary_page(page)
                self.footer(index + 1, total)
                if on_page is not None:
                    on_page(index)
        finally:
            p.end()
        return len(self.data.pages)

    def header(self, title: str, subtitle: str) -> float:
        self.text(QRectF(MARGIN, MARGIN, CONTENT_W * 0.7, 26), self.data.exam_name, 18, bold=True)
        self.text(QRectF(MARGIN + CONTENT_W * 0.5, MARGIN, CONTENT_W * 0.5, 26), title, 14, bold=True,
                  align=RIGHT)
        self.text(QRectF(MARGIN, MARGIN + 26, CONTENT_W, 16), subtitle, 10, color=MUTED)
        y = MARGIN + 46
        self.pen(QPen(INK, 1.2))
        self.painter.drawLine(QPointF(MARGIN, y), QPointF(PAGE_W - MARGIN, y))
        return y + 10

    def footer(self, number: int, total: int) -> None:
        self.text(QRectF(MARGIN, PAGE_H - MARGIN + 8, CONTENT_W, 14),
                  self.tr("{exam} · printed {date} · page {n} of {total}").format(
                      exam=self.data.exam_name, date=self.printed_on.isoformat(), n=number, total=total),
                  8, color=MUTED, align=CENTER)

    def boxes(self, y: float, items: list[tuple[str, str]]) -> float:
        width = CONTENT_W / len(items)
        for i, (label, value) in enumerate(items):
            rect = QRectF(MARGIN + i * width + 2, y, width - 4, 50)
            self.painter.fillRect(rect, SHADE)
            self.text(QRectF(rect.left() + 8, rect.top() + 4, rect.width() - 16, 14), label, 9, color=MUTED)
            self.text(QRectF(rect.left() + 8, rect.top() + 18, rect.width() - 16, 28), value, 18, bold=True)
        return y + 58

    def student_page(self, page: StudentPage) -> None:
        klass = page.class_name or self.tr("no class")
        y = self.header(self.tr("Score report"), self.tr("Printed for the student and their parents"))
        name = page.name or self.tr("(not on the roster)")
        self.text(QRectF(MARGIN, y, CONTENT_W, 24),
                  self.tr("Name {name}    Class {klass}    Student ID {sid}").format(name=name, klass=klass, sid=page.student_id or "-"),
                  13, bold=True)
        y += 30
        standing = page.standing
        y = self.boxes(y, [
            (self.tr("Score"), f"{_num(page.score)} / {_num(page.max_score)}" if page.score is not None else "-"),
            (self.tr("Rank"), self.tr("{rank} of {n}").format(rank=standing.rank, n=page.students) if standing else "-"),
            (self.tr("Percentile"), _num(standing.percentile) if standing else "-"),
            (self.tr("Standard score"), _num(standing.standard_score) if standing else "-"),
        ])
        self.text(QRectF(MARGIN, y, CONTENT_W, 16),
                  self.tr("Class average {mean} · standard score: mean 100, SD 20 · percentile: share of students below (ties count half)")
                  .format(mean=_num(page.class_mean)), 9, color=MUTED)
        y += 24
        self.answer_table(page, y)

    def table_header(self, cols: list[tuple[str, float]], x0: float, top: float, width: float, height: float,
                     size: int) -> None:
        """A shaded row of column titles; `cols` are (title, share of the width)."""
        self.painter.fillRect(QRectF(x0, top, width, height), SHADE)
        x = x0
        for label, share in cols:
            self.text(QRectF(x, top, width * share, height), label, size, bold=True, align=CENTER)
            x += width * share

    def answer_table(self, page: StudentPage, top: float) -> None:
        rows = page.rows
        groups = 1 if len(rows) <= 20 else 2 if len(rows) <= 60 else 3
        per_group = -(-len(rows) // groups) if rows else 0
        bottom = PAGE_H - MARGIN - 6
        row_h = min(20.0, (bottom - top - 20) / max(1, per_group))
        size = max(6, min(10, int(row_h * 0.6)))
        gap = 12.0
        width = (CONTENT_W - gap * (groups - 1)) / groups
        cols = [(self.tr("Question"), 0.16), (self.tr("Answer"), 0.2), (self.tr("Key"), 0.2), (self.tr("Result"), 0.16), (self.tr("Class correct"), 0.28)]
        p = self.painter
        for g in range(groups):
            x0 = MARGIN + g * (width + gap)
            self.table_header(cols, x0, top, width, 18, 8)
            for i, row in enumerate(rows[g * per_group:(g + 1) * per_group]):
                y = top + 20 + i * row_h
                rect = QRectF(x0, y, width, row_h)
                if row.wrong:
                    p.fillRect(rect, WRONG_FILL)
                self.pen(LINE_PEN)
                p.drawLine(rect.bottomLeft(), rect.bottomRight())
                cells = [short_label(row.question),
                         row.marked or "-", row.key or "-", "", _pct(row.class_p)]
                x = x0
                for (_, share), value in zip(cols, cells, strict=True):
                    self.text(QRectF(x, y, width * share, row_h), value, size,
                              bold=value == cells[1] and row.wrong, align=CENTER)
                    x += width * share
                mark_x = x0 + width * (cols[0][1] + cols[1][1] + cols[2][1]) + width * cols[3][1] / 2
                self.mark(QPointF(mark_x, y + row_h / 2), row_h * 0.32, row.verdict)

    def mark(self, centre: QPointF, r: float, verdict: str) -> None:
        """A green circle for a right answer, a red cross for a wrong or blank one (drawn, not a glyph)."""
        p = self.painter
        if verdict == "correct":
            self.pen(OK_PEN)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(centre, r, r)
        elif verdict in ("incorrect", "unmarked"):
            self.pen(WRONG_PEN)
            p.drawLine(QPointF(centre.x() - r, centre.y() - r), QPointF(centre.x() + r, centre.y() + r))
            p.drawLine(QPointF(centre.x() - r, centre.y() + r), QPointF(centre.x() + r, centre.y() - r))

    def summary_page(self, page: SummaryPage) -> None:
        klass = page.class_name or self.tr("all students")
        y = self.header(self.tr("Class summary"), self.tr("Class {klass}").format(klass=klass))
        s, e = page.summary, page.exam_summary
        y = self.boxes(y, [
            (self.tr("Students"), str(s.students)),
            (self.tr("Mean"), _num(s.mean)),
            (self.tr("Median"), _num(s.median)),
            (self.tr("SD"), _num(s.sd, 2)),
            (self.tr("Highest / lowest"), f"{_num(s.highest)} / {_num(s.lowest)}"),
        ])
        self.text(QRectF(MARGIN, y, CONTENT_W, 14),
                  self.tr("Whole exam: {n} students, mean {mean}, SD {sd}").format(n=e.students, mean=_num(e.mean), sd=_num(e.sd, 2)),
                  9, color=MUTED)
        y += 20
        p = self.painter
        self.text(QRectF(MARGIN, y, CONTENT_W, 14), self.tr("Score distribution (students per score range)"), 10, bold=True)
        self.use_font(8)
        paint_histogram(p, QRectF(MARGIN, y + 16, CONTENT_W, 130), page.bins)
        self._pen = None
        y += 154
        self.text(QRectF(MARGIN, y, CONTENT_W, 14),
                  self.tr("Correct rate per question in this class (below each bar: the key; red: check the item)"), 10, bold=True)
        bars = [RateBar(q.question, q.answer, page.class_p.get(q.question), bool(q.warnings)) for q in page.questions]
        self.use_font(7)
        paint_rates(p, QRectF(MARGIN, y + 16, CONTENT_W, 140), bars)
        self._pen = None
        y += 166
        self.item_table(page.questions, y)

    def item_table(self, questions: tuple[QuestionAnalysis, ...], top: float) -> None:
        notes = {WRONG_OPTION_BEATS_KEY: self.tr("wrong > key"), NEGATIVE_DISCRIMINATION: self.tr("D < 0")}
        self.text(QRectF(MARGIN, top, CONTENT_W, 14),
                  self.tr("Item analysis (whole exam): p = share correct, D = discrimination (top 27% minus bottom 27%)"),
                  10, bold=True)
        top += 18
        bottom = PAGE_H - MARGIN - 6
        groups = 1 if len(questions) <= 12 else 2
        per_group = -(-len(questions) // groups) if questions else 0
        row_h = min(14.0, (bottom - top - 16) / max(1, per_group))
        size = max(5, min(8, int(row_h * 0.62)))
        gap = 10.0
        width = (CONTENT_W - gap * (groups - 1)) / groups
        cols = [(self.tr("Q"), 0.08), (self.tr("Key"), 0.08), ("p", 0.09), ("D", 0.1), (self.tr("Marked (value:students)"), 0.39),
                (self.tr("Note"), 0.26)]
        p = self.painter
        for g in range(groups):
            x0 = MARGIN + g * (width + gap)
            self.table_header(cols, x0, top, width, 14, 7)
            for i, q in enumerate(questions[g * per_group:(g + 1) * per_group]):
                y = top + 16 + i * row_h
                options = " ".join(f"{v}:{n}" for v, n in q.options.items()) + (f" -:{q.blank}" if q.blank else "")
                cells = [short_label(q.question), q.answer or "-",
                         _num(q.p, 2), _num(q.discrimination, 2), options, ", ".join(notes[w] for w in q.warnings)]
                x = x0
                for (_, share), value in zip(cols, cells, strict=True):
                    self.text(QRectF(x, y, width * share, row_h), value, size,
                              color=WARN if q.warnings and value == cells[5] else INK, align=CENTER)
                    x += width * share
                self.pen(LINE_PEN)
                p.drawLine(QPointF(x0, y + row_h), QPointF(x0 + width, y + row_h))


def a4_pdf_writer(path: str | Path, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("ScanDesk")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    return writer


def write_pdf(data: ReportData, path: str | Path, *, printed_on: dt.date | None = None,
              on_page: Callable[[int], None] | None = None) -> int:
    """Write the report as an A4 PDF; returns the page count. Raises OSError when the file cannot be written."""
    target = Path(path)
    if not target.parent.is_dir():
        raise OSError(f"folder not found: {target.parent}")
    writer = a4_pdf_writer(target, f"{data.exam_name} — {QCoreApplication.translate('ReportPainter', 'Score report')}")
    pages = ReportPainter(data, writer, printed_on=printed_on).paint(on_page)
    del writer  # the file is complete once the writer is gone
    return pages


__all__ = ["ReportPainter", "a4_pdf_writer", "ensure_gui_application", "report_font_family", "write_pdf"]
