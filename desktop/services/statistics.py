"""Exam statistics: the score distribution, item analysis per question, per class, and each student's
standing. Pure arithmetic over `ExamResults` (desktop/services/results.py), so the values are the ones in
force after the teacher's corrections. No Qt; runs on the caller's thread.

Definitions (the ones Korean score reports use):
- mean, median, standard deviation (population: the class is the whole group, not a sample), highest,
  lowest, over every read sheet with a score.
- p: share of students who answered the question correctly (a blank counts as not correct).
- discrimination: share correct among the top 27% of students by total score minus that among the bottom
  27% (groups of round(0.27 n) students, at least one; ties at the border keep the import order).
  Negative means the weaker students did better on it than the stronger: a bad item or a wrong key.
- options: how many students marked each value (a double mark counts as its own value, e.g. "24").
- rank: standard competition ranking (1, 2, 2, 4: ties share a rank).
- percentile: (students below + half the students with the same score) / n x 100.
- standard score: 100 + 20 x (score - mean) / SD (100 for everyone when all scores are equal).
"""

from __future__ import annotations

import math
import statistics as pystats
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.services.results import ExamResults, StudentResult

UPPER_LOWER_SHARE = 0.27
STANDARD_MEAN = 100.0
STANDARD_SD = 20.0

# Why an item is highlighted.
WRONG_OPTION_BEATS_KEY = "wrong_option_beats_key"
NEGATIVE_DISCRIMINATION = "negative_discrimination"


@dataclass(frozen=True, slots=True)
class Summary:
    students: int
    mean: float | None
    median: float | None
    sd: float | None
    highest: float | None
    lowest: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "students": self.students,
            "mean": self.mean,
            "median": self.median,
            "sd": self.sd,
            "highest": self.highest,
            "lowest": self.lowest,
        }


@dataclass(frozen=True, slots=True)
class QuestionAnalysis:
    question: str
    answer: str  # the key's answer(s), "," between alternatives; "" when the exam has no key
    p: float | None  # share correct, 0-1
    discrimination: float | None
    options: Mapping[str, int]  # marked value -> students, in value order
    blank: int

    @property
    def key_count(self) -> int:
        keys = set(self.answer.split(",")) - {""}
        return sum(n for value, n in self.options.items() if value in keys)

    @property
    def top_wrong(self) -> tuple[str, int] | None:
        keys = set(self.answer.split(","))
        wrong = [(value, n) for value, n in self.options.items() if value not in keys]
        return min(wrong, key=lambda vn: (-vn[1], vn[0])) if wrong else None

    @property
    def warnings(self) -> tuple[str, ...]:
        """Why the item may be bad or its key wrong (empty when it looks fine)."""
        out = []
        top = self.top_wrong
        if self.answer and top is not None and top[1] > self.key_count:
            out.append(WRONG_OPTION_BEATS_KEY)
        if self.discrimination is not None and self.discrimination < 0:
            out.append(NEGATIVE_DISCRIMINATION)
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "p": self.p,
            "discrimination": self.discrimination,
            "options": dict(self.options),
            "blank": self.blank,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class Standing:
    job_id: str
    student_id: str
    name: str
    class_name: str
    score: float
    rank: int
    percentile: float
    standard_score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "student_id": self.student_id,
            "name": self.name,
            "class": self.class_name,
            "score": self.score,
            "rank": self.rank,
            "percentile": self.percentile,
            "standard_score": self.standard_score,
            "job_id": self.job_id,
        }


@dataclass(frozen=True, slots=True)
class ClassStatistics:
    class_name: str  # "" for students the roster puts in no class (or who are not on it)
    summary: Summary
    p: Mapping[str, float | None]  # question -> share correct in this class

    def as_dict(self) -> dict[str, Any]:
        return {"class": self.class_name, **self.summary.as_dict(), "p": dict(self.p)}


@dataclass(frozen=True, slots=True)
class ExamStatistics:
    summary: Summary
    max_score: float | None
    questions: tuple[QuestionAnalysis, ...]
    classes: tuple[ClassStatistics, ...]
    standings: tuple[Standing, ...]  # best first
    scores: tuple[float, ...] = field(default=())  # every score, in the order of `standings`

    def standing_of(self, job_id: str) -> Standing | None:
        return next((s for s in self.standings if s.job_id == job_id), None)

    def class_of(self, class_name: str) -> ClassStatistics | None:
        return next((c for c in self.classes if c.class_name == class_name), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "max_score": self.max_score,
            "questions": [q.as_dict() for q in self.questions],
            "classes": [c.as_dict() for c in self.classes],
            "students_ranked": [s.as_dict() for s in self.standings],
        }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def summarize(scores: Sequence[float]) -> Summary:
    if not scores:
        return Summary(0, None, None, None, None, None)
    return Summary(
        students=len(scores),
        mean=_round(pystats.fmean(scores)),
        median=_round(float(pystats.median(scores))),
        sd=_round(pystats.pstdev(scores)),
        highest=max(scores),
        lowest=min(scores),
    )


def _share_correct(students: Sequence[StudentResult], question: str) -> float | None:
    if not students:
        return None
    return sum(1 for s in students if s.verdicts.get(question) == "correct") / len(students)


def _discrimination(ranked: Sequence[StudentResult], question: str) -> float | None:
    n = len(ranked)
    if n < 2:
        return None
    group = max(1, round(UPPER_LOWER_SHARE * n))
    upper = _share_correct(ranked[:group], question) or 0.0
    lower = _share_correct(ranked[-group:], question) or 0.0
    return upper - lower


def _options(students: Sequence[StudentResult], question: str) -> tuple[dict[str, int], int]:
    counts: Counter[str] = Counter()
    blank = 0
    for s in students:
        verdict = s.verdicts.get(question)
        value = s.answers.get(question, "")
        if verdict == "unmarked" or (verdict is None and not value.strip()):
            blank += 1
        else:
            counts[value] += 1
    return dict(sorted(counts.items())), blank


def standings(scored: Sequence[StudentResult]) -> list[Standing]:
    """Rank, percentile and standard score of every scored sheet, best first."""
    scores = [float(s.score) for s in scored if s.score is not None]
    n = len(scores)
    if not n:
        return []
    mean = pystats.fmean(scores)
    sd = pystats.pstdev(scores)
    counts = Counter(scores)
    ordered = sorted((s for s in scored if s.score is not None), key=lambda s: -float(s.score or 0.0))
    out = []
    for s in ordered:
        score = float(s.score or 0.0)
        above = sum(c for v, c in counts.items() if v > score)
        below = sum(c for v, c in counts.items() if v < score)
        out.append(
            Standing(
                job_id=s.job_id,
                student_id=str(s.student_id or ""),
                name=s.name,
                class_name=s.class_name,
                score=score,
                rank=above + 1,
                percentile=round(100.0 * (below + 0.5 * counts[score]) / n, 1),
                standard_score=round(STANDARD_MEAN + STANDARD_SD * (score - mean) / sd, 1) if sd > 0 else STANDARD_MEAN,
            )
        )
    return out


def exam_statistics(results: ExamResults) -> ExamStatistics:
    scored = [s for s in results.students if s.score is not None] if results.scored else []
    population = scored if results.scored else list(results.students)
    # Best first; Python's sort is stable, so equal scores keep the import order (the 27% border).
    ranked = sorted(scored, key=lambda s: -float(s.score or 0.0))
    questions = []
    for stat in results.questions:
        options, blank = _options(population, stat.question)
        questions.append(
            QuestionAnalysis(
                question=stat.question,
                answer=stat.answer,
                p=_round(_share_correct(scored, stat.question)) if results.scored else None,
                discrimination=_round(_discrimination(ranked, stat.question)) if results.scored else None,
                options=options,
                blank=blank,
            )
        )
    by_class: dict[str, list[StudentResult]] = {}
    for s in population:
        by_class.setdefault(s.class_name, []).append(s)
    classes = tuple(
        ClassStatistics(
            class_name=name,
            summary=summarize([float(s.score) for s in members if s.score is not None]) if results.scored
            else Summary(len(members), None, None, None, None, None),
            p={q.question: (_round(_share_correct(members, q.question)) if results.scored else None) for q in questions},
        )
        for name, members in sorted(by_class.items())
    )
    ranking = standings(scored)
    max_scores = [float(s.max_score) for s in scored if s.max_score is not None]
    summary = summarize([r.score for r in ranking]) if results.scored else Summary(len(population), None, None, None, None, None)
    return ExamStatistics(
        summary=summary,
        max_score=max(max_scores) if max_scores else None,
        questions=tuple(questions),
        classes=classes,
        standings=tuple(ranking),
        scores=tuple(r.score for r in ranking),
    )


def histogram(scores: Sequence[float], max_score: float | None, bins: int = 10) -> list[tuple[float, float, int]]:
    """(from, to, students) for equal ranges over 0..max_score (the last range includes its top): at most
    `bins` ranges, each a whole number of points wide when the maximum is whole (45 -> 9 ranges of 5)."""
    top = max_score if max_score and max_score > 0 else (max(scores) if scores else 0.0) or 1.0
    width = top / bins
    if float(top).is_integer():
        width = float(max(1, math.ceil(top / bins)))
    count = max(1, math.ceil(top / width - 1e-9))
    counts = [0] * count
    for score in scores:
        index = min(count - 1, max(0, int(score / width))) if width else 0
        counts[index] += 1
    return [(i * width, min(top, (i + 1) * width), counts[i]) for i in range(count)]


__all__ = [
    "NEGATIVE_DISCRIMINATION",
    "WRONG_OPTION_BEATS_KEY",
    "ClassStatistics",
    "ExamStatistics",
    "QuestionAnalysis",
    "Standing",
    "Summary",
    "exam_statistics",
    "histogram",
    "standings",
    "summarize",
]
