"""A flagged read is not a result yet: held from sync until reviewed, then released with the teacher's
values; corrections of a sheet already released become one correction post."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from core.exams import create_exam
from core.queue import JobQueue, JobView
from core.queue.outbox_rows import CORRECTION, OutboxState, split_steps
from core.store import Store
from core.store.schema import outbox
from core.sync.review_outbox import outbox_state
from desktop.services.intake import import_paths
from desktop.services.review import (
    SHEET,
    ReviewCounts,
    confirm,
    confirm_sheet,
    correct,
    effective_result,
    release_unreviewed,
    review_counts,
    review_queue,
)
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import ReadExam, all_right


def _row(store: Store, job_id: str) -> dict:
    with store.read() as conn:
        return dict(conn.execute(select(outbox).where(outbox.c.job_id == job_id)).one()._mapping)


def test_a_flagged_sheet_is_held_and_the_others_go(queue: JobQueue, read_exam: ReadExam) -> None:
    jobs = read_exam.jobs
    assert outbox_state(queue.store, jobs["messy"]) == OutboxState.HELD
    for clean in ("perfect", "two_wrong", "cut"):  # a rejected page's FAILED goes too: nothing to review
        assert outbox_state(queue.store, jobs[clean]) == OutboxState.PENDING
    history = [(e.kind, e.message) for e in queue.events(jobs["messy"])]
    assert ("held", "waiting for review: not sent until the flagged reads are resolved") in history
    assert review_counts(queue) == ReviewCounts(sheets_to_review=1, held=1)


def test_with_hold_flagged_off_a_flagged_sheet_goes_at_once(
    store: Store, tmp_path: Path, run: Callable[[JobQueue, Sequence[str]], list[JobView]]
) -> None:
    queue = JobQueue(store, hold_flagged=False)
    scan = write_png(tmp_path / "s" / "double_q7.png", card(all_right(q7="13"), student_id="55555555"))
    report = import_paths(queue, [scan], exam=create_exam(store, "no hold", T20))
    run(queue, report.job_ids)
    assert queue.get(report.job_ids[0]).result["flags"] == ["q7"]
    assert outbox_state(store, report.job_ids[0]) == OutboxState.PENDING


def test_the_last_resolved_flag_releases_the_sheet_with_the_result_in_force(
    queue: JobQueue, read_exam: ReadExam
) -> None:
    job_id = read_exam.jobs["messy"]
    correct(queue, job_id, "q3", "3")
    confirm(queue, job_id, "q4")
    assert outbox_state(queue.store, job_id) == OutboxState.HELD  # q2 still open
    assert _row(queue.store, job_id)["result_body"] is None
    confirm(queue, job_id, "q2")

    row = _row(queue.store, job_id)
    assert row["state"] == OutboxState.PENDING and row["steps"] == "register,result,grading"
    posted = row["result_body"]
    # The same code as the Review screen: the effective result, plus the review record.
    effective = effective_result(queue, job_id)
    assert {k: v for k, v in posted.items() if k != "review"} == {k: v for k, v in effective.items() if k != "corrections"}
    assert posted["fields"]["q3"]["value"] == "3" and posted["score"] == 18.0 and posted["flags"] == []
    review = posted["review"]
    assert [(c["field"], c["from"], c["to"]) for c in review["corrections"]] == [("q3", "24", "3")]
    assert sorted(review["confirmed"]) == ["q2", "q4"]  # confirmed reads are not corrections
    assert review["reviewed_at"].endswith("Z") and review["corrections"][0]["at"].endswith("Z")
    assert review_counts(queue) == ReviewCounts(sheets_to_review=0, held=0)


def test_a_correction_after_release_is_one_post_whatever_comes_before_the_send(
    queue: JobQueue, read_exam: ReadExam
) -> None:
    job_id = read_exam.jobs["perfect"]  # clean: released at once
    assert _row(queue.store, job_id)["steps"] == "register,result,grading"
    correct(queue, job_id, "q1", "2")
    first = _row(queue.store, job_id)
    assert split_steps(first["steps"]) == ["register", "result", "grading", CORRECTION]
    assert first["result_body"] is None  # the result goes as read; the correction follows it
    body = first["correction_body"]
    assert body["result"]["fields"]["q1"]["value"] == "2" and body["result"]["score"] == 19.0
    assert [(c["field"], c["from"], c["to"]) for c in body["corrections"]] == [("q1", "1", "2")]

    correct(queue, job_id, "q1", "3")
    correct(queue, job_id, "q2", "5")
    confirm(queue, job_id, "q5")  # a confirmation changes nothing centrally
    second = _row(queue.store, job_id)
    assert split_steps(second["steps"]).count(CORRECTION) == 1
    merged = second["correction_body"]
    assert [(c["field"], c["from"], c["to"]) for c in merged["corrections"]] == [("q1", "1", "3"), ("q2", "2", "5")]
    assert merged["result"]["fields"]["q1"]["value"] == "3" and merged["result"]["score"] == 18.0
    # Another body, another key: a key is never reused for a different body (the server answers 422).
    assert second["correction_key"] != first["correction_key"] and second["revision"] > first["revision"]


def test_a_correction_of_a_sent_sheet_makes_its_row_pending_again(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["two_wrong"]
    with queue.store.write() as conn:
        conn.execute(outbox.update().where(outbox.c.job_id == job_id).values(steps="", state=OutboxState.SENT))
    correct(queue, job_id, "q5", "5")
    row = _row(queue.store, job_id)
    assert (row["state"], row["steps"]) == (OutboxState.PENDING, CORRECTION)
    assert row["correction_body"]["corrections"][0]["to"] == "5"


def test_confirm_without_fields_confirms_every_open_flag(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["messy"]
    sheet = confirm_sheet(queue, job_id)
    assert sheet.flags == () and sheet.score == 17.0  # the reads stand as read
    assert _row(queue.store, job_id)["result_body"]["review"]["corrections"] == []


def test_release_unreviewed_sends_the_sheet_as_it_stands(queue: JobQueue, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["messy"]
    correct(queue, job_id, "q3", "3")
    assert release_unreviewed(queue) == [job_id]
    row = _row(queue.store, job_id)
    assert row["state"] == OutboxState.PENDING
    assert row["result_body"]["review"]["reviewed_at"] is None
    assert row["result_body"]["fields"]["q3"]["value"] == "3" and row["result_body"]["flags"] == ["q2", "q4"]
    assert [e.kind for e in queue.events(job_id)][-1] == "released"
    # Released already: a later correction is a correction post.
    correct(queue, job_id, "q2", "2")
    assert split_steps(_row(queue.store, job_id)["steps"])[-1] == CORRECTION
    try:
        release_unreviewed(queue, [read_exam.jobs["perfect"]])
    except ValueError as exc:
        assert "is not held for review" in str(exc)
    else:
        raise AssertionError("a sheet that is not held was released")


def test_a_blank_sheet_is_one_review_item_and_confirming_it_releases_the_sheet(
    store: Store, tmp_path: Path, run: Callable[[JobQueue, Sequence[str]], list[JobView]]
) -> None:
    """Nothing marked at all: one `blank_sheet` flag, held from sync. The Review list shows it as one item
    about the whole sheet (not none: the sheet would stay held with nothing to look at); confirming it
    confirms every read as it is and sends the sheet once, with all of them in its review."""
    queue = JobQueue(store)
    scan = write_png(tmp_path / "s" / "blank.png", card({}))
    [job_id] = import_paths(queue, [scan], exam=create_exam(store, "blank", T20)).job_ids
    run(queue, [job_id])
    assert queue.get(job_id).result["flags"] == ["blank_sheet"]
    assert outbox_state(store, job_id) == OutboxState.HELD
    [item] = [i for i in review_queue(queue) if i.job_id == job_id]
    assert item.field == SHEET and item.flags == ("blank_sheet",) and "nothing is marked" in item.reason
    assert review_counts(queue) == ReviewCounts(sheets_to_review=1, held=1)

    sheet = confirm(queue, job_id, SHEET)

    assert sheet.flags == () and not [i for i in review_queue(queue) if i.job_id == job_id]
    row = _row(store, job_id)
    assert row["state"] == OutboxState.PENDING
    review = row["result_body"]["review"]
    assert review["corrections"] == [] and sorted(review["confirmed"]) == sorted(sheet.values)
    assert review_counts(queue) == ReviewCounts(sheets_to_review=0, held=0)


def test_confirming_every_open_flag_includes_the_whole_sheet_doubt(
    store: Store, tmp_path: Path, run: Callable[[JobQueue, Sequence[str]], list[JobView]]
) -> None:
    queue = JobQueue(store)
    scan = write_png(tmp_path / "s" / "blank.png", card({}))
    [job_id] = import_paths(queue, [scan], exam=create_exam(store, "blank", T20)).job_ids
    run(queue, [job_id])
    assert confirm_sheet(queue, job_id).flags == ()  # `scandesk review confirm JOB`
    assert outbox_state(store, job_id) == OutboxState.PENDING
