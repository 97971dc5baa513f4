"""The exam workbook the Results screen exports: the results table with the students' names, the
per-question table, and the statistics (desktop/services/statistics.py) on two more sheets:

- "Statistics": one row for the whole exam and one per class (students, mean, median, SD, highest,
  lowest), then each student's rank, percentile and standard score.
- "Item analysis": per question the key, p, discrimination, how many marked each value, blanks, and
  why the item is highlighted.

Runs on the caller's thread (the GUI runs it off the UI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.services.results import ExamResults, write_xlsx
from desktop.services.statistics import ExamStatistics, Summary, exam_statistics

STATISTICS_HEADER = ("group", "students", "mean", "median", "sd", "highest", "lowest")
RANKING_HEADER = ("student_id", "name", "class", "score", "rank", "percentile", "standard_score")
ITEM_HEADER_START = ("question", "answer", "p", "discrimination", "blank")


# Korean labels of what the statistics sheets hold besides their header (KOREAN_HEADERS does the header).
KOREAN_LABELS = {
    "exam": "시험 전체",
    "no class": "반 없음",
    "class {name}": "{name} 반",
    "marked {value}": "{value} 응답",
    "student_id": "수험번호",
    "name": "이름",
    "class": "반",
    "score": "점수",
    "rank": "석차",
    "percentile": "백분위",
    "standard_score": "표준점수",
}


def _label(text: str, korean: bool, **values: Any) -> str:
    return (KOREAN_LABELS.get(text, text) if korean else text).format(**values)


def _summary_row(group: str, s: Summary) -> list[Any]:
    return [group, s.students, s.mean, s.median, s.sd, s.highest, s.lowest]


def statistics_rows(stats: ExamStatistics, korean: bool = False) -> list[list[Any]]:
    rows = [_summary_row(_label("exam", korean), stats.summary)]
    rows.extend(
        _summary_row(_label("class {name}", korean, name=c.class_name) if c.class_name else _label("no class", korean),
                     c.summary)
        for c in stats.classes
    )
    rows.append([])
    rows.append([_label(h, korean) for h in RANKING_HEADER])
    rows.extend([s.student_id, s.name, s.class_name, s.score, s.rank, s.percentile, s.standard_score]
                for s in stats.standings)
    return rows


def item_sheet(stats: ExamStatistics, korean: bool = False) -> tuple[list[str], list[list[Any]]]:
    values = sorted({v for q in stats.questions for v in q.options})
    header = [*ITEM_HEADER_START, *(_label("marked {value}", korean, value=v) for v in values), "warnings"]
    rows = [
        [q.question, q.answer, q.p, q.discrimination, q.blank, *(q.options.get(v, 0) for v in values), ", ".join(q.warnings)]
        for q in stats.questions
    ]
    return header, rows


def write_exam_xlsx(
    results: ExamResults, path: str | Path, *, korean_headers: bool = False, stats: ExamStatistics | None = None,
    columns: Sequence[str] | None = None,
) -> Path:
    stats = stats or exam_statistics(results)
    header, items = item_sheet(stats, korean_headers)
    return write_xlsx(
        results,
        path,
        columns=columns,
        korean_headers=korean_headers,
        extra_sheets=[("Statistics", list(STATISTICS_HEADER), statistics_rows(stats, korean_headers)),
                      ("Item analysis", header, items)],
    )


__all__ = ["item_sheet", "statistics_rows", "write_exam_xlsx"]
