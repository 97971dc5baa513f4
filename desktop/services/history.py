"""One student's scores across the exams they sat (the Results screen's student view).

Runs on the caller's thread and reads the results of every exam the student may have sat (found in the
database first), so the GUI calls it off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.exams import exams_with_student, list_exams
from core.queue import JobQueue
from desktop.services.results import exam_results
from desktop.services.statistics import exam_statistics


@dataclass(frozen=True, slots=True)
class ExamScore:
    exam_id: int
    exam_name: str
    created_at: float
    score: float | None
    max_score: float | None
    rank: int | None
    students: int
    percentile: float | None
    standard_score: float | None


def student_history(queue: JobQueue, student_id: str) -> list[ExamScore]:
    """Every read sheet with this student id, one per exam it belongs to, oldest exam first."""
    wanted = student_id.strip()
    out: list[ExamScore] = []
    if not wanted:
        return out
    candidates = exams_with_student(queue.store, wanted)
    for exam in reversed(list_exams(queue.store)):
        if str(exam.id) not in candidates:
            continue
        results = exam_results(queue, exam.id)
        mine = [s for s in results.students if str(s.student_id or "").strip() == wanted]
        if not mine:
            continue
        stats = exam_statistics(results)
        for sheet in mine:
            standing = stats.standing_of(sheet.job_id)
            out.append(ExamScore(
                exam_id=exam.id, exam_name=exam.name, created_at=exam.created_at, score=sheet.score,
                max_score=sheet.max_score, rank=standing.rank if standing else None, students=stats.summary.students,
                percentile=standing.percentile if standing else None,
                standard_score=standing.standard_score if standing else None,
            ))
    return out


__all__ = ["ExamScore", "student_history"]
