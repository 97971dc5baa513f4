"""A student's scores across exams (the student view): found by the read id or by a corrected one."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from core.exams import create_exam, exams_with_student
from core.queue import JobQueue, JobView
from core.store import Store
from desktop.services.history import student_history
from desktop.services.intake import import_paths
from desktop.services.results import exam_results
from desktop.services.review import correct
from desktop.services.statistics import exam_statistics
from tests.desk.cards import T20
from tests.desk.conftest import ReadExam


def test_scores_across_exams(
    queue: JobQueue, store: Store, read_exam: ReadExam, tmp_path: Path,
    run: Callable[[JobQueue, Sequence[str]], list[JobView]],
) -> None:
    final = create_exam(store, "기말고사", T20)  # no key: read, not scored
    folder = tmp_path / "final"
    shutil.copytree(read_exam.folder, folder)
    run(queue, import_paths(queue, [folder], exam=final).job_ids)

    history = student_history(queue, "10000001")
    assert [(h.exam_name, h.score, h.rank, h.students) for h in history] == [("중간고사", 20.0, 1, 3), ("기말고사", None, None, 3)]
    assert history[0].percentile == round(100 * 2.5 / 3, 1)

    correct(queue, read_exam.jobs["two_wrong"], "student_id", "00000003")
    assert exams_with_student(store, "00000003") == {str(read_exam.exam.id)}
    moved = student_history(queue, "00000003")
    assert [(h.exam_name, h.score, h.rank) for h in moved] == [("중간고사", 18.0, 2)]
    assert [h.exam_name for h in student_history(queue, "10000003")] == ["기말고사"]
    assert student_history(queue, "99999999") == [] and student_history(queue, " ") == []


def test_an_exam_without_a_key_has_counts_but_no_scores(
    queue: JobQueue, store: Store, read_exam: ReadExam, tmp_path: Path,
    run: Callable[[JobQueue, Sequence[str]], list[JobView]],
) -> None:
    unscored = create_exam(store, "연습", T20)
    folder = tmp_path / "practice"
    shutil.copytree(read_exam.folder, folder)
    run(queue, import_paths(queue, [folder], exam=unscored).job_ids)
    stats = exam_statistics(exam_results(queue, unscored.id))
    assert (stats.summary.students, stats.summary.mean, stats.standings) == (3, None, ())
    q1 = stats.questions[0]
    assert (q1.question, q1.p, q1.discrimination, dict(q1.options), q1.warnings) == ("q1", None, None, {"1": 1, "2": 2}, ())
    q2 = next(q for q in stats.questions if q.question == "q2")
    assert q2.blank == 1
