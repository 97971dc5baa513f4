"""Statistics against values worked out by hand on a small exam, and `scandesk stats` on a read exam."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.queue import JobQueue
from core.roster import Student, save_students
from desktop.cli.main import main as cli_main
from desktop.services.results import ExamResults, QuestionStat, StudentResult, exam_results
from desktop.services.review import correct
from desktop.services.statistics import (
    NEGATIVE_DISCRIMINATION,
    WRONG_OPTION_BEATS_KEY,
    exam_statistics,
    histogram,
)
from desktop.services.workbook import write_exam_xlsx
from tests.desk.conftest import ReadExam

KEY = {"q1": "1", "q2": "2", "q3": "3", "q4": "4", "q5": "5"}
# name, class, answers q1..q5 ("" blank). Scores: 4, 3, 3, 2, 1.
SHEETS = [
    ("s1", "A", ["1", "2", "3", "1", "5"]),  # 4: q4 wrong
    ("s2", "A", ["1", "2", "5", "4", ""]),  # 3
    ("s3", "B", ["1", "2", "5", "4", "2"]),  # 3
    ("s4", "B", ["1", "3", "5", "", "5"]),  # 2
    ("s5", "B", ["2", "3", "5", "4", "1"]),  # 1: only q4 right
]


def _small_exam() -> ExamResults:
    """Sheets as the results service hands them over, verdicts written from the key above."""
    students = []
    for name, klass, marks in SHEETS:
        answers = dict(zip(KEY, marks, strict=True))
        verdicts = {q: "unmarked" if not a else ("correct" if a == KEY[q] else "incorrect") for q, a in answers.items()}
        students.append(StudentResult(
            job_id=name, file=f"{name}.png", page=0, student_id=name, score=float(sum(v == "correct" for v in verdicts.values())),
            max_score=5.0, answers=answers, values=answers, flags=(), confidence=1.0, corrected=(),
            name=name.upper(), class_name=klass, verdicts=verdicts,
        ))
    questions = tuple(QuestionStat(q, a, 0, 0, None, None, 0, 0) for q, a in KEY.items())
    return ExamResults(columns=tuple(KEY), scored=True, students=tuple(students), questions=questions)


def test_summary_ranks_percentiles_and_standard_scores() -> None:
    stats = exam_statistics(_small_exam())
    s = stats.summary
    # scores 4 3 3 2 1: mean 13/5, deviations 1.4 .4 .4 -.6 -1.6, squares sum to 5.2, population SD sqrt(1.04)
    assert (s.students, s.mean, s.median, s.highest, s.lowest) == (5, 2.6, 3.0, 4.0, 1.0)
    sd = math.sqrt(1.04)
    assert s.sd == pytest.approx(sd, abs=1e-4)
    assert stats.max_score == 5.0
    table = [(x.student_id, x.score, x.rank, x.percentile, x.standard_score) for x in stats.standings]
    assert table == [
        ("s1", 4.0, 1, 90.0, round(100 + 20 * 1.4 / sd, 1)),  # 4 below, itself: (4 + .5) / 5
        ("s2", 3.0, 2, 60.0, round(100 + 20 * 0.4 / sd, 1)),  # ties share rank 2: (2 + 2/2) / 5
        ("s3", 3.0, 2, 60.0, round(100 + 20 * 0.4 / sd, 1)),
        ("s4", 2.0, 4, 30.0, round(100 - 20 * 0.6 / sd, 1)),  # competition ranking: 1 2 2 4
        ("s5", 1.0, 5, 10.0, round(100 - 20 * 1.6 / sd, 1)),
    ]
    assert [x.standard_score for x in stats.standings] == [127.5, 107.8, 107.8, 88.2, 68.6]


def test_item_analysis() -> None:
    stats = exam_statistics(_small_exam())
    q = {x.question: x for x in stats.questions}
    # 27% of 5 is 1.35 -> one student in each group: s1 above, s5 below.
    assert (q["q1"].p, q["q1"].discrimination, dict(q["q1"].options), q["q1"].blank) == (0.8, 1.0, {"1": 4, "2": 1}, 0)
    assert (q["q2"].p, q["q2"].discrimination, dict(q["q2"].options)) == (0.6, 1.0, {"2": 3, "3": 2})
    assert (q["q3"].p, dict(q["q3"].options)) == (0.2, {"3": 1, "5": 4})
    assert (q["q4"].p, q["q4"].discrimination, dict(q["q4"].options), q["q4"].blank) == (0.6, -1.0, {"1": 1, "4": 3}, 1)
    assert (q["q5"].p, dict(q["q5"].options), q["q5"].blank) == (0.4, {"1": 1, "2": 1, "5": 2}, 1)
    assert q["q3"].warnings == (WRONG_OPTION_BEATS_KEY,)  # 5 drew four students, the key one
    assert q["q4"].warnings == (NEGATIVE_DISCRIMINATION,)  # the best student missed it, the weakest got it
    assert q["q1"].warnings == q["q2"].warnings == q["q5"].warnings == ()


def test_per_class() -> None:
    stats = exam_statistics(_small_exam())
    a, b = stats.classes
    assert (a.class_name, a.summary.students, a.summary.mean, a.summary.median, a.summary.sd) == ("A", 2, 3.5, 3.5, 0.5)
    assert (b.class_name, b.summary.students, b.summary.mean, b.summary.median) == ("B", 3, 2.0, 2.0)
    assert b.summary.sd == pytest.approx(math.sqrt(2 / 3), abs=1e-4)
    assert (a.p["q4"], b.p["q4"], a.p["q1"]) == (0.5, pytest.approx(2 / 3, abs=1e-4), 1.0)


def test_histogram_bins_cover_zero_to_the_maximum() -> None:
    assert histogram([0, 1, 2.5, 5, 5], 5.0, bins=5) == [(0.0, 1.0, 1), (1.0, 2.0, 1), (2.0, 3.0, 1),
                                                          (3.0, 4.0, 0), (4.0, 5.0, 2)]


def test_stats_use_the_corrected_values(queue: JobQueue, read_exam: ReadExam, db_url: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    # Read: perfect 20, messy 17 (q1 2, q2 blank, q3 24), two_wrong 18 (q1 2, q5 3).
    before = exam_statistics(exam_results(queue, read_exam.exam.id))
    assert (before.summary.mean, before.summary.median) == (round(55 / 3, 4), 18.0)
    q3 = next(q for q in before.questions if q.question == "q3")
    assert (q3.p, dict(q3.options)) == (round(2 / 3, 4), {"24": 1, "3": 2})
    correct(queue, read_exam.jobs["messy"], "q3", "3")
    assert cli_main(["--db", db_url, "stats", read_exam.exam.name, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["students"], data["mean"], data["median"], data["highest"], data["lowest"]) == (3, round(56 / 3, 4), 18.0, 20.0, 18.0)
    assert data["sd"] == pytest.approx(math.sqrt(((20 - 56 / 3) ** 2 + 2 * (18 - 56 / 3) ** 2) / 3), abs=1e-4)
    q3 = next(q for q in data["questions"] if q["question"] == "q3")
    assert q3 == {"question": "q3", "answer": "3", "p": 1.0, "discrimination": 0.0, "options": {"3": 3},
                  "blank": 0, "warnings": []}
    q1 = next(q for q in data["questions"] if q["question"] == "q1")
    assert (q1["p"], q1["options"], q1["discrimination"]) == (round(1 / 3, 4), {"1": 1, "2": 2}, 1.0)
    assert [(r["score"], r["rank"]) for r in data["students_ranked"]] == [(20.0, 1), (18.0, 2), (18.0, 2)]
    assert cli_main(["--db", db_url, "stats", "no such exam"]) == 2
    assert "no exam named 'no such exam'" in capsys.readouterr().err


def test_stats_text_output(queue: JobQueue, read_exam: ReadExam, db_url: str, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--db", db_url, "stats", str(read_exam.exam.id)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("중간고사: 3 students, mean 18.3, median 18.0")
    assert any(line.startswith("q1 ") and "1:1 2:2" in line for line in out)


def test_xlsx_export_has_names_statistics_and_item_analysis(queue: JobQueue, read_exam: ReadExam, tmp_path: Path) -> None:
    save_students(queue.store, [Student("10000001", "김민준", "A"), Student("10000002", "이서연", "B")])
    book = load_workbook(write_exam_xlsx(exam_results(queue, read_exam.exam.id), tmp_path / "out.xlsx"))
    assert book.sheetnames == ["Students", "Questions", "Statistics", "Item analysis"]
    students = list(book["Students"].iter_rows(values_only=True))
    header = list(students[0])
    assert header[header.index("q20") + 1:header.index("q20") + 3] == ["name", "class"]
    by_id = {r[1]: dict(zip(header, r, strict=True)) for r in students[1:]}
    assert (by_id["10000001"]["name"], by_id["10000001"]["class"]) == ("김민준", "A")
    assert by_id["10000003"]["name"] in ("", None)  # not on the roster
    stats = list(book["Statistics"].iter_rows(values_only=True))
    assert stats[0] == ("group", "students", "mean", "median", "sd", "highest", "lowest")
    assert stats[1][:4] == ("exam", 3, round(55 / 3, 4), 18.0)
    assert [r[0] for r in stats[2:5]] == ["no class", "class A", "class B"]
    ranking = stats[stats.index(("student_id", "name", "class", "score", "rank", "percentile", "standard_score")) + 1:]
    assert ranking[0][:5] == ("10000001", "김민준", "A", 20.0, 1)
    items = list(book["Item analysis"].iter_rows(values_only=True))
    assert items[0][:5] == ("question", "answer", "p", "discrimination", "blank")
    q1 = dict(zip(items[0], next(r for r in items if r[0] == "q1"), strict=True))
    assert (q1["p"], q1["marked 1"], q1["marked 2"], q1["warnings"]) == (round(1 / 3, 4), 1, 2, "wrong_option_beats_key")


def test_histogram_ranges_are_whole_points() -> None:
    bins = histogram([45, 44, 40, 12, 0], 45.0)
    assert [(lo, hi) for lo, hi, _ in bins] == [(float(v), float(v + 5)) for v in range(0, 45, 5)]
    assert [n for *_, n in bins] == [1, 0, 1, 0, 0, 0, 0, 0, 3]
    assert [(lo, hi) for lo, hi, _ in histogram([], 20.0)] == [(float(v), float(v + 2)) for v in range(0, 20, 2)]


def test_xlsx_statistics_in_korean(queue: JobQueue, read_exam: ReadExam, tmp_path: Path) -> None:
    save_students(queue.store, [Student("10000001", "김민준", "A")])
    results = exam_results(queue, read_exam.exam.id)
    book = load_workbook(write_exam_xlsx(results, tmp_path / "ko.xlsx", korean_headers=True))
    stats = list(book["Statistics"].iter_rows(values_only=True))
    assert stats[0] == ("구분", "학생 수", "평균", "중앙값", "표준편차", "최고점", "최저점")
    assert [r[0] for r in stats[1:4]] == ["시험 전체", "반 없음", "A 반"]
    assert ("수험번호", "이름", "반", "점수", "석차", "백분위", "표준점수") in stats
    items = next(book["Item analysis"].iter_rows(values_only=True))
    assert items[:5] == ("문항", "정답", "정답률", "변별도", "무응답") and items[5] == "1 응답" and items[-1] == "점검 사유"
