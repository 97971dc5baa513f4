"""The roster: CSV/XLSX import with bad rows named by line, the CLI, and the review flags for a student id
that is not on the roster or is on two sheets of one exam."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.exams import create_exam
from core.queue import JobQueue, JobView
from core.roster import Student, list_students, save_students
from core.store import Store
from desktop.cli.main import main as cli_main
from desktop.services.intake import import_paths
from desktop.services.results import exam_results
from desktop.services.review import correct, review_items, review_queue
from desktop.services.roster import closest_ids, import_roster, read_roster_file
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import ReadExam, all_right

CSV_TEXT = (
    "수험번호,이름,반,학부모 연락처\n"  # line 1: Korean headers, an extra column that is ignored
    "10000001,김민준,중2-A,010-1234-5678\n"  # 2
    "10000002,이서연,중2-A,\n"  # 3
    ",박지후,중2-B,\n"  # 4: no id
    "10000004,,중2-B,\n"  # 5: no name
    "\n"  # 6: empty lines are skipped
    "10000002,최하준,중2-B,\n"  # 7: the id is on line 3 already
    "00000005,정예린,중2-B,\n"  # 8: leading zeros are kept
)


def test_csv_import_keeps_good_rows_and_names_each_bad_row_by_line(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    outcome = import_roster(store, path)
    assert outcome.errors == (
        "line 4: student id: must not be empty",
        "line 5: student 10000004: the name must not be empty",
        "line 7: student id 10000002 is already on line 3",
    )
    assert (outcome.added, outcome.updated) == (3, 0)
    assert list_students(store) == [
        Student("10000001", "김민준", "중2-A"),
        Student("10000002", "이서연", "중2-A"),
        Student("00000005", "정예린", "중2-B"),
    ]
    # Importing again updates changed names and keeps the others; --replace removes the unlisted.
    path.write_text("student_id,name,class\n10000001,김민준,중3-A\n", encoding="utf-8")
    assert (import_roster(store, path).updated, len(list_students(store))) == (1, 3)
    assert import_roster(store, path, replace=True).errors == ()
    assert list_students(store) == [Student("10000001", "김민준", "중3-A")]


def test_cp949_csv_as_korean_excel_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("학번,성명,학급\n10000001,김민준,중2-A\n".encode("cp949"))
    assert read_roster_file(path).students == (Student("10000001", "김민준", "중2-A"),)


def test_a_seat_number_column_before_the_student_number_is_not_taken_as_the_id(tmp_path: Path) -> None:
    path = tmp_path / "class.csv"
    path.write_text("번호,이름,학번,반\n1,김민준,10000001,중2-A\n2,이서연,10000002,중2-A\n", encoding="utf-8")
    ids = [s.student_id for s in read_roster_file(path).students]
    assert ids == ["10000001", "10000002"]


def test_xlsx_import_with_number_cells_and_bad_rows(store: Store, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Student ID", "Class", "Phone"])
    sheet.append(["김민준", 10000001, "A", "010"])  # row 2: an id typed as a number
    sheet.append(["이서연", "10000002", None, None])  # row 3: no class is fine
    sheet.append([None, "10000003", "A", None])  # row 4: no name
    sheet.append(["박지후", "x" * 65, "A", None])  # row 5: too long an id
    path = tmp_path / "class.xlsx"
    book.save(path)
    outcome = import_roster(store, path)
    assert outcome.errors == (
        "line 4: student 10000003: the name must not be empty",
        "line 5: student id: at most 64 characters, got 65",
    )
    assert list_students(store) == [Student("10000002", "이서연", ""), Student("10000001", "김민준", "A")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "이름,반\n김민준,A\n", "a.csv: the header row has no student_id"),
        ("a.csv", "", "a.csv: the file is empty"),
        ("a.pdf", "x", "a.pdf: a roster is a .csv or .xlsx file"),
        ("b.xlsx", "not a workbook", "b.xlsx is not a readable XLSX workbook"),
    ],
)
def test_a_file_that_cannot_be_a_roster_is_refused_in_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_roster_file(path)


def test_cli_roster_import_and_list(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "class.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    assert cli_main(["--db", db_url, "roster", "import", str(path)]) == 1  # rows were skipped
    out, err = capsys.readouterr()
    assert out.strip() == "3 added, 0 updated, 3 row(s) skipped"
    assert f"{path}: line 4: student id: must not be empty" in err.splitlines()
    assert cli_main(["--db", db_url, "roster", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0] == {"student_id": "10000001", "name": "김민준", "class": "중2-A"}
    assert cli_main(["--db", db_url, "roster", "import", str(tmp_path / "missing.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"scandesk: roster file not found: {tmp_path / 'missing.csv'}"


def test_closest_ids_prefer_one_misread_digit() -> None:
    roster = ["10000001", "10000011", "10000111", "20000001", "99999999", "1000001"]
    assert closest_ids("10000021", roster) == ["10000001", "10000011", "1000001"]
    assert closest_ids("55555555", roster) == []


def _flags(items: Sequence[object], job_id: str) -> dict[str, tuple[str, ...]]:
    return {i.field: i.flags for i in items if i.job_id == job_id}  # type: ignore[attr-defined]


def test_a_student_id_not_on_the_roster_is_reviewed_with_the_closest_ids(
    queue: JobQueue, store: Store, read_exam: ReadExam
) -> None:
    # Without a roster nothing is flagged for the id.
    assert "student_id" not in _flags(review_queue(queue, exam_id=read_exam.exam.id), read_exam.jobs["two_wrong"])
    save_students(store, [Student("10000001", "김민준", "A"), Student("10000002", "이서연", "A"),
                          Student("10000013", "박지후", "B")])
    items = review_queue(queue, exam_id=read_exam.exam.id)
    item = next(i for i in items if i.job_id == read_exam.jobs["two_wrong"] and i.field == "student_id")
    assert item.flags == ("not_on_roster",) and item.value == "10000003"
    assert item.suggestions == ("10000001", "10000002", "10000013")
    assert "not on the roster" in item.reason and "closest on the roster: 10000001, 10000002" in item.reason
    assert "student_id" not in _flags(items, read_exam.jobs["perfect"])
    assert [i.flags for i in review_items(queue, read_exam.jobs["two_wrong"]) if i.field == "student_id"] == [
        ("not_on_roster",)
    ]
    by_file = {s.file: s for s in exam_results(queue, read_exam.exam.id).students}
    assert (by_file["perfect.png"].name, by_file["perfect.png"].class_name) == ("김민준", "A")
    assert by_file["two_wrong.png"].id_flags == ("not_on_roster",) and by_file["two_wrong.png"].name == ""

    correct(queue, read_exam.jobs["two_wrong"], "student_id", "10000013")
    assert "student_id" not in _flags(review_queue(queue, exam_id=read_exam.exam.id), read_exam.jobs["two_wrong"])
    assert {s.file: s.name for s in exam_results(queue, read_exam.exam.id).students}["two_wrong.png"] == "박지후"


def test_two_sheets_of_one_exam_with_the_same_id_are_both_flagged(
    queue: JobQueue,
    read_exam: ReadExam,
    tmp_path: Path,
    run: Callable[[JobQueue, Sequence[str]], list[JobView]],
) -> None:
    folder = tmp_path / "again"
    write_png(folder / "again.png", card(all_right(q7="1"), student_id="10000001"))
    report = import_paths(queue, [folder], exam=read_exam.exam)
    run(queue, report.job_ids)
    again = report.job_ids[0]
    items = review_queue(queue, exam_id=read_exam.exam.id)
    assert _flags(items, again)["student_id"] == ("duplicate_id",)
    assert _flags(items, read_exam.jobs["perfect"])["student_id"] == ("duplicate_id",)
    assert "student_id" not in _flags(items, read_exam.jobs["messy"])
    assert [i.flags for i in review_items(queue, again) if i.field == "student_id"] == [("duplicate_id",)]

    # The teacher fixes the misread id: neither sheet is flagged any more.
    correct(queue, again, "student_id", "10000004")
    items = review_queue(queue, exam_id=read_exam.exam.id)
    assert "student_id" not in _flags(items, again) and "student_id" not in _flags(items, read_exam.jobs["perfect"])


def test_the_same_id_in_two_exams_is_no_duplicate(
    queue: JobQueue, store: Store, read_exam: ReadExam, tmp_path: Path, answer_key: Path,
    run: Callable[[JobQueue, Sequence[str]], list[JobView]],
) -> None:
    other = create_exam(store, "기말고사", T20, answer_key)
    folder = tmp_path / "final"
    shutil.copytree(read_exam.folder, folder)
    (folder / "cut.png").unlink()
    run(queue, import_paths(queue, [folder], exam=other).job_ids)
    assert all("duplicate_id" not in i.flags for i in review_queue(queue))
