"""Results: per student and per question, corrections applied; CSV in the `scandesk omr --csv` format."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.exams import create_exam
from core.queue import JobQueue
from core.store import open_store
from desktop.services.intake import import_paths
from desktop.services.results import annotated_image, exam_results, write_csv, write_xlsx
from desktop.services.review import correct
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import ReadExam, all_right

QUESTIONS = [f"q{n}" for n in range(1, 21)]
CSV_HEADER = ["file", "student_id", *QUESTIONS, "score", "flags", "confidence"]


def test_students_and_questions(queue: JobQueue, read_exam: ReadExam) -> None:
    results = exam_results(queue, read_exam.exam.id)

    assert results.columns == ("student_id", *QUESTIONS) and results.scored
    assert results.student_id_column == "student_id"
    students = {s.file: s for s in results.students}
    assert {f: (s.student_id, s.score, s.max_score) for f, s in students.items()} == {
        "perfect.png": ("10000001", 20.0, 20.0),
        "messy.png": ("10000002", 17.0, 20.0),
        "two_wrong.png": ("10000003", 18.0, 20.0),
    }
    messy = students["messy.png"]
    assert messy.flags == ("q2", "q3", "q4") and messy.needs_review
    assert messy.answers["q1"] == "2" and messy.answers["q3"] == "24" and "student_id" not in messy.answers
    assert messy.values["student_id"] == "10000002" and 0 <= messy.confidence <= 1
    assert not students["perfect.png"].needs_review
    assert [(f.file, "cut off" in f.error) for f in results.failed] == [("cut.png", True)]

    q = {stat.question: stat for stat in results.questions}
    assert [stat.question for stat in results.questions] == QUESTIONS
    assert (q["q1"].answer, q["q1"].correct, q["q1"].percent_correct) == ("1", 1, 33.3)
    assert (q["q1"].most_chosen_wrong, q["q1"].most_chosen_wrong_count, q["q1"].blanks) == ("2", 2, 0)
    assert (q["q2"].blanks, q["q2"].answered, q["q2"].correct, q["q2"].most_chosen_wrong) == (1, 2, 2, None)
    assert (q["q3"].most_chosen_wrong, q["q3"].most_chosen_wrong_count) == ("24", 1)
    assert (q["q5"].percent_correct, q["q5"].most_chosen_wrong) == (66.7, "3")
    assert q["q20"].percent_correct == 100.0


def test_corrections_are_in_the_results(queue: JobQueue, read_exam: ReadExam) -> None:
    correct(queue, read_exam.jobs["messy"], "q3", "3")
    correct(queue, read_exam.jobs["two_wrong"], "student_id", "00000003")
    results = exam_results(queue, read_exam.exam.id)
    students = {s.file: s for s in results.students}
    assert students["messy.png"].score == 18.0 and students["messy.png"].flags == ("q2", "q4")
    assert students["messy.png"].corrected == ("q3",)
    assert students["two_wrong.png"].student_id == "00000003"
    q3 = next(stat for stat in results.questions if stat.question == "q3")
    assert (q3.correct, q3.most_chosen_wrong, q3.percent_correct) == (3, None, 100.0)


def test_selection_by_job_ids_and_by_exam(queue: JobQueue, read_exam: ReadExam) -> None:
    only = exam_results(queue, job_ids=[read_exam.jobs["perfect"], read_exam.jobs["cut"]])
    assert [s.file for s in only.students] == ["perfect.png"] and len(only.failed) == 1
    assert exam_results(queue, read_exam.exam.id + 1).students == ()
    assert len(exam_results(queue).students) == 3


def test_csv_columns_and_values(queue: JobQueue, read_exam: ReadExam, tmp_path: Path) -> None:
    correct(queue, read_exam.jobs["two_wrong"], "student_id", "00000003")
    out = write_csv(exam_results(queue, read_exam.exam.id), tmp_path / "out.csv")
    text = out.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == CSV_HEADER
    by_file = {r[0]: dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]}
    assert set(by_file) == {"perfect.png", "messy.png", "two_wrong.png"}
    assert by_file["two_wrong.png"]["student_id"] == "00000003"  # leading zeros kept
    assert by_file["messy.png"]["flags"] == "q2;q3;q4" and by_file["messy.png"]["q3"] == "24"
    assert by_file["perfect.png"]["score"] == "20.0" and by_file["perfect.png"]["flags"] == ""

    bom = write_csv(exam_results(queue, read_exam.exam.id), tmp_path / "excel.csv", excel_bom=True)
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")

    plain = write_csv([{"file": "a.png", "x": 1, "y": 2}], tmp_path / "rows.csv", columns=["file", "y"])
    assert plain.read_text(encoding="utf-8").splitlines() == ["file,y", "a.png,2"]


def test_xlsx_has_students_and_questions(queue: JobQueue, read_exam: ReadExam, tmp_path: Path) -> None:
    results = exam_results(queue, read_exam.exam.id)
    book = load_workbook(write_xlsx(results, tmp_path / "out.xlsx"))
    assert book.sheetnames == ["Students", "Questions"]
    students = list(book["Students"].iter_rows(values_only=True))
    assert list(students[0]) == CSV_HEADER
    messy = next(r for r in students[1:] if r[0] == "messy.png")
    assert messy[1] == "10000002" and messy[CSV_HEADER.index("score")] == 17.0
    fill = book["Students"].cell(row=students.index(messy) + 1, column=CSV_HEADER.index("q3") + 1).fill
    assert fill.fgColor.rgb.endswith("FFF2CC")  # a cell needing review is shaded
    questions = list(book["Questions"].iter_rows(values_only=True))
    assert questions[0] == (
        "question", "answer", "answered", "correct", "percent_correct", "most_chosen_wrong",
        "most_chosen_wrong_count", "blanks",
    )
    assert questions[1] == ("q1", "1", 3, 1, 33.3, "2", 2, 0)

    korean = load_workbook(write_xlsx(results, tmp_path / "ko.xlsx", korean_headers=True))
    assert next(korean["Students"].iter_rows(values_only=True))[:2] == ("파일", "수험번호")
    assert next(korean["Questions"].iter_rows(values_only=True))[4] == "정답률(%)"


def test_annotated_images(queue: JobQueue, read_exam: ReadExam, tmp_path: Path) -> None:
    path = annotated_image(queue, read_exam.jobs["messy"])
    assert path is not None and path.is_file() and path.suffix == ".jpg"
    copy = annotated_image(queue, read_exam.jobs["messy"], tmp_path / "sheets")
    assert copy == tmp_path / "sheets" / "10000002_messy.jpg" and copy.read_bytes() == path.read_bytes()
    assert annotated_image(queue, read_exam.jobs["cut"]) is None
    assert annotated_image(queue, "no-such-job") is None
    path.unlink()
    assert annotated_image(queue, read_exam.jobs["messy"]) is None


def test_without_a_key_there_is_no_score_column(queue: JobQueue, store, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    exam = create_exam(store, "no key", T20)
    scan = write_png(tmp_path / "k" / "one.png", card(all_right(q7=""), student_id="55555555"))
    report = import_paths(queue, [scan], exam=exam)
    run(queue, report.job_ids)
    results = exam_results(queue, exam.id)
    assert not results.scored and results.students[0].score is None
    assert results.questions[6].question == "q7" and results.questions[6].blanks == 1
    assert results.questions[0].percent_correct is None
    header = write_csv(results, tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == ["file", "student_id", *QUESTIONS, "flags", "confidence"]


@pytest.mark.slow
def test_the_csv_is_the_omr_command_csv(tmp_path: Path, read_exam_cards: Path, answer_key: Path) -> None:
    """`scandesk omr --csv` and write_csv(exam_results(...)) write the same file for the same jobs."""
    import desktop.cli.main as cli

    scans = tmp_path / "cli-scans"
    shutil.copytree(read_exam_cards, scans)
    (scans / "sub").mkdir()
    shutil.move(scans / "two_wrong.png", scans / "sub" / "two_wrong.png")
    out = tmp_path / "cli.csv"
    home = tmp_path / "cli-home"
    code = cli.main([
        "--home", str(home), "omr", str(scans), "--template", str(T20), "--answer-key", str(answer_key),
        "--csv", str(out), "--concurrency", "1",
    ])
    assert code == 1  # the cut-off scan failed its own job
    store = open_store(None, home)
    try:
        queue = JobQueue(store)
        ours = write_csv(exam_results(queue, job_ids=queue.list_ids(job_type="omr")), tmp_path / "ours.csv")
    finally:
        store.close()
    assert ours.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
