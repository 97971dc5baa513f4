"""Review: flagged fields and rejected pages; corrections are their own records and rescore the sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.corrections import correction_history
from core.exams import create_exam
from core.queue import JobQueue
from desktop.services.intake import import_paths
from desktop.services.review import (
    REJECTED,
    confirm,
    correct,
    corrected_sheet,
    effective_result,
    review_items,
    review_queue,
)
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import ReadExam, all_right


def test_the_review_queue_holds_flagged_fields_and_rejected_pages(queue: JobQueue, read_exam: ReadExam) -> None:
    items = review_queue(queue, exam_id=read_exam.exam.id)
    flagged = [(i.file, i.field, i.value, i.flags) for i in items if i.field]
    assert flagged == [
        ("messy.png", "q2", "", ("blank", "erasure")),
        ("messy.png", "q3", "24", ("multi",)),
        ("messy.png", "q4", "4", ("low_confidence",)),
    ]
    messy = next(i for i in items if i.field == "q3")
    assert messy.job_id == read_exam.jobs["messy"] and messy.student_id == "10000002"
    assert messy.reason == "more than one bubble is marked"
    assert Path(messy.annotated_image).is_file() and messy.image_path.endswith("messy.png")
    assert messy.exam_id == str(read_exam.exam.id) and 0.0 <= messy.confidence <= 1.0

    rejected = [i for i in items if not i.field]
    assert len(rejected) == 1
    assert rejected[0].job_id == read_exam.jobs["cut"] and rejected[0].flags == (REJECTED,)
    assert "cut off" in rejected[0].reason and rejected[0].image_path.endswith("cut.png")
    assert rejected[0].file == "cut.png"

    assert review_queue(queue, exam_id=read_exam.exam.id + 1) == []
    assert review_queue(queue) == items  # all exams


def test_a_correction_is_its_own_record_and_rescores(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["messy"]
    worker_result = queue.get(job_id).result
    assert worker_result["score"] == 17.0

    sheet = correct(queue, job_id, "q3", "3")  # the double mark was an erasure: the student meant 3

    assert sheet.score == 18.0 and sheet.max_score == 20.0
    assert sheet.values["q3"] == "3" and sheet.corrected == {"q3": ("24", "3")}
    assert sheet.flags == ("q2", "q4") and sheet.student_id == "10000002"
    assert sheet.result["scoring"]["q3"]["verdict"] == "correct"
    assert sheet.result["fields"]["q3"] == {
        **worker_result["fields"]["q3"],
        "value": "3",
        "flags": [],
        "confidence": 1.0,
        "corrected": True,
        "original_value": "24",
    }
    # The worker's result is as it was written.
    assert queue.get(job_id).result == worker_result
    assert [i.field for i in review_items(queue, job_id)] == ["q2", "q4"]

    again = correct(queue, job_id, "q3", "5")  # a second thought: the latest correction is in force
    assert again.score == 17.0 and again.corrected == {"q3": ("24", "5")}  # (worker's, teacher's)
    history = correction_history(queue.store, job_id)
    assert [(c.field, c.old_value, c.new_value) for c in history] == [("q3", "24", "3"), ("q3", "3", "5")]

    effective = effective_result(queue, job_id)
    assert effective["score"] == 17.0 and effective["flags"] == ["q2", "q4"] and effective["needs_review"]
    assert effective["corrections"]["q3"]["new_value"] == "5"


def test_confirming_a_read_takes_it_off_review_and_keeps_the_score(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["messy"]
    sheet = confirm(queue, job_id, "q4")
    assert sheet.score == 17.0 and sheet.values["q4"] == "4" and sheet.flags == ("q2", "q3")
    correct(queue, job_id, "q2", "")  # left blank: confirmed blank
    sheet = correct(queue, job_id, "q3", "③")  # circled digits are digits
    assert sheet.values["q3"] == "3" and sheet.flags == () and sheet.score == 18.0
    assert not effective_result(queue, job_id)["needs_review"]
    assert [i.field for i in review_queue(queue, exam_id=read_exam.exam.id)] == [""]  # only the rejected page


def test_correcting_the_student_id(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["perfect"]
    sheet = correct(queue, job_id, "student_id", "01234567")
    assert sheet.student_id == "01234567" and sheet.values["student_id"] == "01234567"
    assert sheet.score == 20.0
    # A space keeps the place of a digit left blank (the review screen corrects one digit at a time).
    assert correct(queue, job_id, "student_id", "0123 567").student_id == "0123 567"
    assert correct(queue, job_id, "student_id", " 1234567").student_id == " 1234567"
    assert correct(queue, job_id, "student_id", "").student_id == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("q1", "6", "'6' is not an answer on this card; choose 1, 2, 3, 4, 5 or leave it blank"),
        ("q1", "A", "is not an answer on this card"),
        ("q1", "31", "is not an answer"),  # a double mark is written in bubble order, like the reader
        ("q1", "11", "is not an answer"),
        ("student_id", "1234567", "does not fit the 8 marks"),
        ("student_id", "12  345678", "does not fit"),
        ("student_id", "12345678x", "does not fit"),
        ("q99", "1", "'q99' is not a field of this sheet"),
    ],
)
def test_values_are_checked_against_the_bubbles(
    queue: JobQueue, read_exam: ReadExam, field: str, value: str, message: str
) -> None:
    job_id = read_exam.jobs["messy"]
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        correct(queue, job_id, field, value)
    assert correction_history(queue.store, job_id) == []


def test_double_marks_in_bubble_order_are_allowed(queue: JobQueue, read_exam: ReadExam) -> None:
    sheet = correct(queue, read_exam.jobs["perfect"], "q1", "13")
    assert sheet.values["q1"] == "13" and sheet.score == 19.0


def test_only_read_answer_cards_can_be_corrected(queue: JobQueue, read_exam: ReadExam) -> None:
    with pytest.raises(ValueError, match="FAILED: only a read sheet"):
        correct(queue, read_exam.jobs["cut"], "q1", "1")
    with pytest.raises(ValueError, match="no job nope"):
        correct(queue, "nope", "q1", "1")
    with pytest.raises(ValueError, match="FAILED"):
        effective_result(queue, read_exam.jobs["cut"])


def test_a_key_that_vanished_stops_the_correction(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["messy"]
    key = Path(queue.get(job_id).payload["answer_key"])
    key.rename(key.with_suffix(".moved"))
    with pytest.raises(ValueError, match="answer key file not found"):
        correct(queue, job_id, "q3", "3")
    assert correction_history(queue.store, job_id) == []


def test_without_a_key_there_is_no_score_but_review_works(
    queue: JobQueue, store, tmp_path: Path, run  # type: ignore[no-untyped-def]
) -> None:
    exam = create_exam(store, "no key", T20)
    scan = write_png(tmp_path / "k" / "one.png",
                     card(all_right(q7=""), student_id="55555555", erased={"q7": "2"}))
    report = import_paths(queue, [scan], exam=exam)
    run(queue, report.job_ids)
    assert [i.field for i in review_queue(queue, exam_id=exam.id)] == ["q7"]
    sheet = correct(queue, report.job_ids[0], "q7", "2")
    assert sheet.score is None and sheet.flags == () and sheet.values["q7"] == "2"
    assert corrected_sheet(queue, report.job_ids[0]) == sheet


def test_a_discarded_rejected_page_leaves_the_queue(queue: JobQueue, read_exam: ReadExam) -> None:
    queue.discard(read_exam.jobs["cut"])
    assert all(i.field for i in review_queue(queue, exam_id=read_exam.exam.id))
