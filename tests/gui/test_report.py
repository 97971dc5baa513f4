"""The printed report: one page per student and one summary page per class, A4, Korean names in the
text layer (read back with pypdfium2), the same drawing on a printer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.gui.report.pdf import write_pdf
from desktop.gui.report.printing import a4_printer, print_report
from desktop.services.report_data import StudentPage, SummaryPage, build_report
from desktop.services.results import ExamResults, QuestionStat, StudentResult

KEY = {f"q{n}": str((n - 1) % 5 + 1) for n in range(1, 21)}
# (name, class, id, questions answered wrong); "" name: read id not on the roster, so no class either.
STUDENTS = [
    ("김민준", "중2-A", "10000001", 0),
    ("이서연", "중2-A", "10000002", 3),
    ("박지후", "중2-A", "10000003", 5),
    ("최하준", "중2-A", "10000004", 3),
    ("정예린", "중2-B", "10000005", 1),
    ("강도윤", "중2-B", "10000006", 8),
    ("윤서아", "중2-B", "10000007", 2),
    ("", "", "19999999", 4),
]


def exam() -> ExamResults:
    students = []
    for name, klass, sid, wrong in STUDENTS:
        answers = {q: (a if i >= wrong else str(int(a) % 5 + 1)) for i, (q, a) in enumerate(KEY.items())}
        verdicts = {q: "correct" if answers[q] == a else "incorrect" for q, a in KEY.items()}
        students.append(StudentResult(
            job_id=f"job-{sid}", file=f"{sid}.png", page=0, student_id=sid, score=float(20 - wrong), max_score=20.0,
            answers=answers, values=answers, flags=(), confidence=1.0, corrected=(), name=name, class_name=klass,
            verdicts=verdicts))
    questions = tuple(QuestionStat(q, a, 0, 0, None, None, 0, 0) for q, a in KEY.items())
    return ExamResults(columns=("student_id", *KEY), scored=True, students=tuple(students), questions=questions)


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        sizes = {tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))}
        assert sizes == {(595, 842)}  # A4 portrait, in points
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_report_pdf_has_a_page_per_student_and_a_summary_per_class(qapp: Any, tmp_path: Path) -> None:
    data = build_report(exam(), "6월 모의고사")
    kinds = ["S" if isinstance(p, SummaryPage) else p.student_id for p in data.pages]
    # Classes in name order ("" -- no class -- first), each summary before its students, by name.
    assert kinds == ["S", "19999999", "S", "10000001", "10000003", "10000002", "10000004", "S", "10000006",
                     "10000007", "10000005"]
    out = tmp_path / "report.pdf"
    assert write_pdf(data, out, printed_on=dt.date(2026, 6, 5)) == len(STUDENTS) + 3
    texts = page_texts(out)
    assert len(texts) == len(STUDENTS) + 3
    assert b"NanumGothic" in out.read_bytes()  # the font is embedded, the names are text in it
    for page, text in zip(data.pages, texts, strict=True):
        assert "6월 모의고사" in text
        if isinstance(page, StudentPage):
            assert page.student_id in text and (page.name or "(not on the roster)") in text
            others = [n for n, *_ in STUDENTS if n and n != page.name]
            assert not any(n in text for n in others)
        else:
            assert "Class summary" in text
    kim = texts[kinds.index("10000001")]
    assert "20 / 20" in kim and "1 of 8" in kim  # score and rank
    park = texts[kinds.index("10000003")]
    assert "15 / 20" in park and "7 of 8" in park  # 20 19 18 17 17 16 15 12
    assert "Score distribution" in texts[0] and "Item analysis" in texts[0]


def test_a_class_or_one_student(qapp: Any, tmp_path: Path) -> None:
    one_class = build_report(exam(), "6월 모의고사", class_name="중2-B")
    assert [type(p).__name__ for p in one_class.pages] == ["SummaryPage", "StudentPage", "StudentPage", "StudentPage"]
    assert write_pdf(one_class, tmp_path / "b.pdf") == 4
    texts = page_texts(tmp_path / "b.pdf")
    assert all(name in "".join(texts) for name in ("정예린", "강도윤", "윤서아"))
    assert "김민준" not in "".join(texts)
    one = build_report(exam(), "6월 모의고사", student_id="10000005")
    assert [p.student_id for p in one.student_pages] == ["10000005"] and len(one.summary_pages) == 1
    with pytest.raises(ValueError, match=r"no read sheet of '6월 모의고사' for class '중3' \(classes: \(none\), 중2-A, 중2-B\)"):
        build_report(exam(), "6월 모의고사", class_name="중3")


def test_the_printer_gets_the_same_pages(qapp: Any, tmp_path: Path) -> None:
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    data = build_report(exam(), "6월 모의고사")
    assert print_report(data, printer) == len(data.pages)
    texts = page_texts(tmp_path / "printed.pdf")
    assert len(texts) == len(data.pages) and "강도윤" in "".join(texts)
