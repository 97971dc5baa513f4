"""Removing a read sheet from its exam, or moving it to another exam; the outbox follows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select, update

from core.exams import create_exam
from core.queue import JobQueue, JobView, outbox_rows
from core.sheet_moves import CentralCopy, SheetMoveError
from core.store import Store
from core.store.schema import outbox, pages
from desktop.services.intake import import_paths
from desktop.services.results import exam_results
from desktop.services.sheet_moves import move_sheets, remove_sheets
from tests.desk.cards import T20, TEMPLATES
from tests.desk.conftest import ReadExam


def _outbox_steps(store: Store, job_id: str) -> str | None:
    with store.read() as conn:
        return conn.execute(select(outbox.c.steps).where(outbox.c.job_id == job_id)).scalar()


def _registered(store: Store, job_id: str) -> None:
    """What the sender records once the central API has taken the registration."""
    with store.write() as conn:
        conn.execute(update(outbox).where(outbox.c.job_id == job_id).values(steps="result,grading"))


def _students(queue: JobQueue, exam_id: int) -> dict[str, float | None]:
    return {s.job_id: s.score for s in exam_results(queue, exam_id).students}


def test_removing_an_unsent_sheet_drops_it_and_its_outbox_row(queue: JobQueue, store: Store, read_exam: ReadExam,
                                                             run: Callable[[JobQueue, Sequence[str]], list[JobView]]) -> None:
    job_id = read_exam.jobs["perfect"]
    assert outbox_rows.REGISTER in (_outbox_steps(store, job_id) or "")
    report = remove_sheets(queue, [job_id])
    assert report.changed == ((job_id, CentralCopy.DROPPED),) and report.errors == ()
    assert _outbox_steps(store, job_id) is None
    assert job_id not in _students(queue, read_exam.exam.id)
    assert [e.kind for e in queue.events(job_id)][-1] == "removed"
    # The scan imported again is no duplicate: that reading was thrown away.
    again = import_paths(queue, [read_exam.folder / "perfect.png"], exam=read_exam.exam)
    assert len(again.job_ids) == 1 and again.duplicates == ()
    # Removing twice says so.
    assert "already removed" in remove_sheets(queue, [job_id]).errors[0][1]


def test_removing_a_sent_sheet_keeps_the_central_copy(queue: JobQueue, store: Store, read_exam: ReadExam) -> None:
    job_id = read_exam.jobs["two_wrong"]
    _registered(store, job_id)
    report = remove_sheets(queue, [job_id])
    assert report.changed == ((job_id, CentralCopy.KEPT),)
    assert _outbox_steps(store, job_id) == "result,grading"
    assert job_id not in _students(queue, read_exam.exam.id)


def test_a_rejected_sheet_can_be_removed_but_an_unread_one_cannot(queue: JobQueue, read_exam: ReadExam, exam: object) -> None:
    assert remove_sheets(queue, [read_exam.jobs["cut"]]).errors == ()
    pending = import_paths(queue, [read_exam.folder / "perfect.png"], exam=read_exam.exam, allow_duplicates=True).job_ids
    report = remove_sheets(queue, list(pending))
    assert report.changed == () and "wait until it has been read" in report.errors[0][1]


def test_moving_a_sheet_scores_it_with_the_other_exams_key(queue: JobQueue, store: Store, read_exam: ReadExam,
                                                           tmp_path: Path) -> None:
    ones = tmp_path / "ones.csv"
    ones.write_text("question,answer\n" + "".join(f"{n},1\n" for n in range(1, 21)), encoding="utf-8")
    other = create_exam(store, "재시험", T20, ones)
    perfect, messy = read_exam.jobs["perfect"], read_exam.jobs["messy"]
    _registered(store, messy)
    report = move_sheets(queue, [perfect, messy], other.id)
    assert dict(report.changed) == {perfect: CentralCopy.FOLLOWS, messy: CentralCopy.KEPT}
    before = _students(queue, read_exam.exam.id)
    assert perfect not in before and messy not in before
    after = _students(queue, other.id)
    # perfect answers 1 2 3 4 5 1 ...: only q1, q6, q11, q16 are "1".
    assert after[perfect] == 4.0
    with store.read() as conn:
        assert conn.execute(select(pages.c.exam_id).where(pages.c.job_id == perfect)).scalar() == other.id
    assert queue.get(perfect).payload["answer_key"] == str(ones.resolve())
    assert outbox_rows.REGISTER in (_outbox_steps(store, perfect) or "")  # sent later, under the new exam

    # Back again: scored with the first key as before.
    move_sheets(queue, [perfect], read_exam.exam.id)
    assert _students(queue, read_exam.exam.id)[perfect] == 20.0


def test_moving_to_an_exam_without_a_key_shows_no_score(queue: JobQueue, store: Store, read_exam: ReadExam) -> None:
    keyless = create_exam(store, "키 없는 시험", T20)
    move_sheets(queue, [read_exam.jobs["perfect"]], keyless.id)
    assert _students(queue, keyless.id)[read_exam.jobs["perfect"]] is None


def test_moves_that_would_be_wrong_are_refused(queue: JobQueue, store: Store, read_exam: ReadExam) -> None:
    card30 = create_exam(store, "30문항", TEMPLATES / "kr_omr_30.json")
    perfect = read_exam.jobs["perfect"]
    report = move_sheets(queue, [perfect], card30.id)
    assert "another answer-card template" in report.errors[0][1]
    assert "already" in move_sheets(queue, [perfect], read_exam.exam.id).errors[0][1]
    twin_exam = create_exam(store, "같은 스캔", T20)
    import_paths(queue, [read_exam.folder / "perfect.png"], exam=twin_exam)
    assert "already has the same scan" in move_sheets(queue, [perfect], twin_exam.id).errors[0][1]
    with pytest.raises(SheetMoveError, match="no exam 999"):
        move_sheets(queue, [perfect], 999)
