"""The Results screen: names from the roster, the charts (a suspicious item in red and chosen first,
a click on a bar chooses the question), the student view, Print / PDF, and the roster dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter

from core.exams import create_exam
from core.roster import Student, save_students
from desktop.gui.changes import ChangeBus
from desktop.gui.charts import WARN, plot_area
from desktop.gui.screens.results_screen import ResultsScreen
from desktop.services.intake import import_paths
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import KEY, all_right
from tests.gui.conftest import wait_until
from worker.loop import WorkerConfig, run_jobs

# q7's key is 2; three of four students marked 1: the chart must flag it (likely a key error).
CARDS = {
    "a.png": (all_right(), "10000001"),
    "b.png": (all_right(q7="1", q1="3"), "10000002"),
    "c.png": (all_right(q7="1", q2="4", q3="5"), "10000003"),
    "d.png": (all_right(q7="1"), "10000004"),
}
ROSTER = [Student("10000001", "김민준", "중2-A"), Student("10000002", "이서연", "중2-A"),
          Student("10000003", "박지후", "중2-B"), Student("10000004", "최하준", "중2-B")]


@pytest.fixture
def read_exam(desk_ctx: Any, tmp_path: Path) -> Any:
    key = tmp_path / "key.csv"
    key.write_text("question,answer\n" + "".join(f"{q[1:]},{a}\n" for q, a in KEY.items()), encoding="utf-8")
    exam = create_exam(desk_ctx.store, "6월 모의고사", T20, key)
    folder = tmp_path / "scans"
    for name, (answers, sid) in CARDS.items():
        write_png(folder / name, card(answers, student_id=sid))
    report = import_paths(desk_ctx.queue, [folder], exam=exam)
    run_jobs(desk_ctx.queue, report.job_ids, config=WorkerConfig(mode="thread", concurrency=2,
                                                                 data_dir=desk_ctx.store.data_dir))
    save_students(desk_ctx.store, ROSTER)
    return exam


@pytest.fixture
def screen(qtbot: Any, desk_ctx: Any, read_exam: Any) -> ResultsScreen:
    widget = ResultsScreen(desk_ctx, ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    widget.on_shown()
    wait_until(qtbot, lambda: widget.stats is not None and widget.students_model.rowCount() == 4)
    return widget


def _red_pixels(widget: Any) -> int:
    image = widget.grab().toImage()
    red = QColor(WARN)
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)) == red)


def test_names_ranks_and_charts(qtbot: Any, screen: ResultsScreen) -> None:
    model = screen.students_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = {model.data(model.index(r, 0)): [model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())}
    name, klass, rank = headers.index("Name"), headers.index("Class"), headers.index("Rank")
    assert (rows["10000001"][name], rows["10000001"][klass], rows["10000001"][rank]) == ("김민준", "중2-A", "1")
    assert rows["10000003"][name] == "박지후" and rows["10000003"][rank] == "4"  # 20, 18, 19, 17 -> 1 3 2 4

    charts = screen.charts
    assert sum(n for *_, n in charts.histogram.bins) == 4
    assert len(charts.rates.bars) == 20
    warned = [b.question for b in charts.rates.bars if b.warn]
    assert warned == ["q7"]
    # The suspicious question is chosen first, its answers shown, the reason said.
    assert charts.rates.selected == 6 and charts.options.question is not None
    assert dict(charts.options.question.options) == {"1": 3, "2": 1}
    assert "1 drew more students (3) than the key (1)" in charts.verdict.text()
    assert screen.questions_view.currentIndex().row() == 6
    assert _red_pixels(charts.rates) > 20  # the red bar is drawn
    assert _red_pixels(charts.options) > 20  # and the wrong answer that beat the key

    # A click on the bar of q3 chooses q3 in the chart and in the questions table.
    rect = charts.rates.chart_rect()
    plot = plot_area(charts.rates.fontMetrics(), QRectF(rect), [(0, "100%")])
    x = plot.left() + plot.width() / 20 * 2.5
    qtbot.mouseClick(charts.rates, Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(plot.center().y())))
    assert charts.rates.selected == 2 and charts.options.question.question == "q3"
    assert screen.questions_view.currentIndex().row() == 2


def test_student_view_shows_scores_across_exams(qtbot: Any, screen: ResultsScreen) -> None:
    row = next(r for r in range(4) if screen.students_model.record(r).student_id == "10000003")
    screen.students_view.selectRow(row)
    panel = screen.student_panel
    assert "박지후" in panel.heading.text() and "rank 4" in panel.heading.text()
    assert "q2 (4)" in panel.wrong.text() and "q7 (1)" in panel.wrong.text()
    wait_until(qtbot, lambda: panel.history_model.rowCount() == 1)
    assert panel.history_model.record(0).exam_name == "6월 모의고사" and panel.history_model.record(0).score == 17.0


def test_print_and_pdf_actions(qtbot: Any, screen: ResultsScreen, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    screen.save_report_pdf(str(out))
    wait_until(qtbot, lambda: "Saved" in screen.summary.text())
    pdf = pdfium.PdfDocument(str(out))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    assert len(texts) == 4 + 2  # four students, two classes
    for student in ROSTER:
        assert sum(student.name in t for t in texts) == 1

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert screen.print_report(printer) == 6
    assert len(pdfium.PdfDocument(str(tmp_path / "printed.pdf"))) == 6


def test_roster_dialog_imports_and_the_screen_shows_the_names(qtbot: Any, screen: ResultsScreen, tmp_path: Path) -> None:
    class_list = tmp_path / "class.csv"
    class_list.write_text("학번,이름,반\n10000004,한지민,중2-C\n,빈칸,중2-C\n", encoding="utf-8")
    dialog = screen.open_roster()
    qtbot.addWidget(dialog)
    wait_until(qtbot, lambda: dialog.table.rowCount() == 4)
    screen.bus.changed.connect(screen.on_changes)
    dialog.import_file(str(class_list))
    wait_until(qtbot, lambda: "1 rows skipped" in dialog.status.text())
    assert "line 3: student id: must not be empty" in dialog.status.text()
    wait_until(qtbot, lambda: any(screen.students_model.record(r).name == "한지민" for r in range(4)))
    dialog.close()


def test_sorted_tables_keep_the_charts_on_the_same_question(qtbot: Any, screen: ResultsScreen) -> None:
    # First shown in the service's order (import order, question order), not sorted by a column.
    assert [screen.questions_model.record(r).question for r in range(3)] == ["q1", "q2", "q3"]
    assert screen.students_model.record(0).file == "a.png"
    # Sorted by key (descending): rows no longer match the chart's bars.
    screen.questions_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    rows = [screen.questions_model.record(r).question for r in range(20)]
    assert set(rows[:4]) == {"q5", "q10", "q15", "q20"}
    screen.charts.select_question(2)  # the bar of q3
    assert screen.questions_model.record(screen.questions_view.currentIndex().row()).question == "q3"
    screen.questions_view.selectRow(rows.index("q2"))
    assert screen.charts.rates.selected == 1 and screen.charts.options.question.question == "q2"
    # The student table sorted by score: the student view follows the record, not the row number.
    screen.students_view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    top = screen.students_model.record(0)
    screen.students_view.selectRow(0)
    assert top.score == 20.0 and top.name in screen.student_panel.heading.text()
