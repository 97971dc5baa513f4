"""What a printed score report holds, worked out without Qt: one page per student and one summary page
per class. desktop/gui/report/ draws it (PDF or a printer); `scandesk report` and the Results screen's
"Print / PDF..." both start here. Runs on the caller's thread (the GUI calls it off the UI thread).

Order: for each class (by name; students the roster puts in no class form one group), its summary page,
then its students by name, then student id. Numbers are the statistics service's (corrections applied);
rank, percentile and standard score are over the whole exam, the class figures over the class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.exams import Exam
from core.queue import JobQueue
from desktop.services.results import ExamResults, StudentResult, exam_results
from desktop.services.statistics import (
    ClassStatistics,
    ExamStatistics,
    QuestionAnalysis,
    Standing,
    Summary,
    exam_statistics,
    histogram,
)


@dataclass(frozen=True, slots=True)
class AnswerRow:
    question: str
    marked: str  # what the student marked ("" blank)
    key: str  # the key's answer(s), "," between alternatives
    verdict: str  # correct | incorrect | unmarked ("" when the exam has no key)
    class_p: float | None  # share of the student's class who got it right, 0-1

    @property
    def wrong(self) -> bool:
        return self.verdict in ("incorrect", "unmarked")


@dataclass(frozen=True, slots=True)
class StudentPage:
    job_id: str
    student_id: str
    name: str
    class_name: str
    score: float | None
    max_score: float | None
    standing: Standing | None
    students: int  # how many sat the exam (for "rank 3 of 28")
    class_mean: float | None
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True, slots=True)
class SummaryPage:
    class_name: str  # "" for the students in no class (or the whole exam when nobody has one)
    summary: Summary
    exam_summary: Summary
    bins: tuple[tuple[float, float, int], ...]  # the class's score histogram
    questions: tuple[QuestionAnalysis, ...]  # exam-wide item analysis (key, options, warnings)
    class_p: dict[str, float | None]  # question -> share correct in this class


@dataclass(frozen=True, slots=True)
class ReportData:
    exam_name: str
    max_score: float | None
    scored: bool
    pages: tuple[StudentPage | SummaryPage, ...]

    @property
    def student_pages(self) -> list[StudentPage]:
        return [p for p in self.pages if isinstance(p, StudentPage)]

    @property
    def summary_pages(self) -> list[SummaryPage]:
        return [p for p in self.pages if isinstance(p, SummaryPage)]


def _rows(student: StudentResult, stats: ExamStatistics, klass: ClassStatistics | None) -> tuple[AnswerRow, ...]:
    return tuple(
        AnswerRow(
            question=q.question,
            marked=student.answers.get(q.question, ""),
            key=q.answer,
            verdict=student.verdicts.get(q.question, ""),
            class_p=klass.p.get(q.question) if klass else None,
        )
        for q in stats.questions
    )


def build_report(
    results: ExamResults,
    exam_name: str,
    *,
    class_name: str | None = None,
    student_id: str | None = None,
    stats: ExamStatistics | None = None,
) -> ReportData:
    """The report of these results, limited to one class and/or one student id when given.

    Raises ValueError when the selection holds no student (a typo in a class name or id)."""
    stats = stats or exam_statistics(results)
    chosen = [
        s for s in results.students
        if (class_name is None or s.class_name == class_name)
        and (student_id is None or str(s.student_id or "") == student_id)
    ]
    if not chosen:
        what = " and ".join(
            part for part in (f"class {class_name!r}" if class_name is not None else "",
                              f"student id {student_id!r}" if student_id is not None else "") if part
        ) or "this exam"
        known = ", ".join(name or "(none)" for name in class_names(results))
        hint = f" (classes: {known})" if class_name is not None and known else ""
        raise ValueError(f"no read sheet of {exam_name!r} for {what}{hint}")
    groups: dict[str, list[StudentResult]] = {}
    for s in chosen:
        groups.setdefault(s.class_name, []).append(s)
    pages: list[StudentPage | SummaryPage] = []
    for name in sorted(groups):
        klass = stats.class_of(name)
        members = [s for s in results.students if s.class_name == name]
        class_scores = [float(s.score) for s in members if s.score is not None]
        pages.append(
            SummaryPage(
                class_name=name,
                summary=klass.summary if klass else Summary(0, None, None, None, None, None),
                exam_summary=stats.summary,
                bins=tuple(histogram(class_scores, stats.max_score)),
                questions=stats.questions,
                class_p=dict(klass.p) if klass else {},
            )
        )
        for s in sorted(groups[name], key=lambda s: (s.name or "\uffff", str(s.student_id or ""), s.file)):
            pages.append(
                StudentPage(
                    job_id=s.job_id,
                    student_id=str(s.student_id or ""),
                    name=s.name,
                    class_name=s.class_name,
                    score=s.score,
                    max_score=s.max_score,
                    standing=stats.standing_of(s.job_id),
                    students=stats.summary.students,
                    class_mean=klass.summary.mean if klass else None,
                    rows=_rows(s, stats, klass),
                )
            )
    return ReportData(exam_name, stats.max_score, results.scored, tuple(pages))


def exam_report(
    queue: JobQueue, exam: Exam, *, class_name: str | None = None, student_id: str | None = None
) -> ReportData:
    return build_report(exam_results(queue, exam.id), exam.name, class_name=class_name, student_id=student_id)


def class_names(results: ExamResults) -> Sequence[str]:
    return sorted({s.class_name for s in results.students})


__all__ = [
    "AnswerRow",
    "ReportData",
    "StudentPage",
    "SummaryPage",
    "build_report",
    "class_names",
    "exam_report",
]
