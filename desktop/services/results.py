"""Exam results: one row per read sheet and one per question, with the teacher's corrections applied.

Runs on the caller's thread (the GUI runs it off the UI thread). The CSV is the `scandesk omr --csv`
table: `file`, the template's output columns, `score` (when the sheets were scored), `flags` (the
columns still needing review, `;`-separated) and `confidence`. The XLSX has the same table on a
"Students" sheet and the per-question table on a "Questions" sheet; header cells are the stable column
keys (Korean labels only with `korean_headers=True`).
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.contracts import DONE, FAILED
from core.exams import get_exam
from core.queue import JobQueue
from core.roster import Student, roster_by_id
from desktop.services.identity import IdentityIssue, identity_issues
from desktop.services.review import effective_result
from desktop.services.sheets import SheetView, sheets, template_of
from worker.errors import BadInput
from worker.omr.cache import cached_key

QUESTION_COLUMNS = (
    "question",
    "answer",
    "answered",
    "correct",
    "percent_correct",
    "most_chosen_wrong",
    "most_chosen_wrong_count",
    "blanks",
)
KOREAN_HEADERS = {
    "file": "파일",
    "student_id": "수험번호",
    "score": "점수",
    "flags": "검토 필요",
    "confidence": "신뢰도",
    "question": "문항",
    "answer": "정답",
    "answered": "응답 수",
    "correct": "정답 수",
    "percent_correct": "정답률(%)",
    "most_chosen_wrong": "최다 오답",
    "most_chosen_wrong_count": "최다 오답 수",
    "blanks": "무응답",
    "name": "이름",
    "class": "반",
    "exam": "시험",
    "max_score": "만점",
    "corrected": "수정됨",
    "group": "구분",
    "students": "학생 수",
    "mean": "평균",
    "median": "중앙값",
    "sd": "표준편차",
    "highest": "최고점",
    "lowest": "최저점",
    "p": "정답률",
    "discrimination": "변별도",
    "blank": "무응답",
    "warnings": "점검 사유",
}


@dataclass(frozen=True, slots=True)
class StudentResult:
    job_id: str
    file: str
    page: int
    student_id: str | None
    score: float | None
    max_score: float | None
    answers: Mapping[str, str]  # question column -> effective value
    values: Mapping[str, str]  # every output column -> effective value (the CSV's columns)
    flags: tuple[str, ...]  # columns still needing review
    confidence: float | None
    corrected: tuple[str, ...]  # columns the teacher corrected
    image_path: str = ""
    annotated_image: str = ""
    name: str = ""  # from the roster ("" when the id is not on it)
    class_name: str = ""
    verdicts: Mapping[str, str] = field(default_factory=dict)  # question -> correct | incorrect | unmarked
    id_flags: tuple[str, ...] = ()  # not_on_roster, duplicate_id (desktop/services/identity.py)

    @property
    def needs_review(self) -> bool:
        return bool(self.flags or self.id_flags)


@dataclass(frozen=True, slots=True)
class QuestionStat:
    question: str
    answer: str  # the key's answer(s), "," between alternatives; "" when not scored
    answered: int  # sheets with a mark on this question
    correct: int
    percent_correct: float | None  # 0-100 over all read sheets; None when not scored
    most_chosen_wrong: str | None
    most_chosen_wrong_count: int
    blanks: int


@dataclass(frozen=True, slots=True)
class FailedPage:
    job_id: str
    file: str
    page: int
    image_path: str
    error: str


@dataclass(frozen=True, slots=True)
class ExamResults:
    columns: tuple[str, ...]  # the template's output columns
    scored: bool
    students: tuple[StudentResult, ...]
    questions: tuple[QuestionStat, ...]
    failed: tuple[FailedPage, ...] = ()
    student_id_column: str | None = None
    exam_name: str = ""

    @property
    def csv_columns(self) -> list[str]:
        """The table's columns; `name` and `class` follow the template's columns when the roster names
        any student (without a roster the table is exactly `scandesk omr --csv`'s)."""
        names = ["name", "class"] if self.has_names else []
        return ["file", *self.columns, *names] + (["score"] if self.scored else []) + ["flags", "confidence"]

    @property
    def has_names(self) -> bool:
        return any(s.name for s in self.students)

    @property
    def export_columns(self) -> list[str]:
        """The app's export: the CSV's columns with the exam, the maximum score and whether the teacher
        corrected the sheet, so a file read on its own says what it is."""
        names = ["name", "class"] if self.has_names else []
        scores = ["score", "max_score"] if self.scored else []
        return ["exam", "file", *self.columns, *names, *scores, "corrected", "flags", "confidence"]

    def rows(self) -> list[dict[str, Any]]:
        """The CSV rows (the `scandesk omr --csv` format)."""
        out = []
        for s in self.students:
            row: dict[str, Any] = {"file": s.file}
            for column in self.columns:
                row[column] = s.values.get(column, "")
            if self.has_names:
                row["name"], row["class"] = s.name, s.class_name
            if self.scored:
                row["score"] = s.score
            row["flags"] = ";".join(s.flags)
            row["confidence"] = s.confidence
            row["exam"] = self.exam_name
            row["max_score"] = s.max_score
            row["corrected"] = "yes" if s.corrected else "no"
            out.append(row)
        return out


def sheet_row(result: Mapping[str, Any], columns: Sequence[str], scored: bool, file: str | None = None) -> dict[str, Any]:
    """One CSV row from an omr result (effective or as the worker wrote it)."""
    fields = result.get("fields") or {}
    row: dict[str, Any] = {"file": file if file is not None else result.get("file", "")}
    for column in columns:
        row[column] = (fields.get(column) or {}).get("value", "")
    if scored:
        row["score"] = result.get("score")
    row["flags"] = ";".join(result.get("flags") or [])
    row["confidence"] = result.get("confidence")
    return row


def _student(
    sheet: SheetView, questions: set[str], roster: Mapping[str, Student], issue: IdentityIssue | None
) -> StudentResult:
    result = sheet.result or {}
    fields = result.get("fields") or {}
    values = {name: str(column.get("value", "")) for name, column in fields.items()}
    known = roster.get(str(result.get("student_id") or "").strip())
    return StudentResult(
        job_id=sheet.job.job_id,
        file=sheet.file,
        page=sheet.page,
        student_id=result.get("student_id"),
        score=result.get("score"),
        max_score=result.get("max_score"),
        answers={q: v for q, v in values.items() if q in questions},
        values=values,
        flags=tuple(result.get("flags") or ()),
        confidence=result.get("confidence"),
        corrected=tuple(result.get("corrections") or ()),
        image_path=str(result.get("image_path") or sheet.image_path),
        annotated_image=str(result.get("annotated_image") or ""),
        name=known.name if known else "",
        class_name=known.class_name if known else "",
        verdicts={q: str(v.get("verdict", "")) for q, v in (result.get("scoring") or {}).items()},
        id_flags=issue.flags if issue else (),
    )


def _key_answers(sheets_read: Sequence[SheetView]) -> dict[str, str]:
    """question -> the key's answers as text, from the first sheet whose key can be read."""
    for sheet in sheets_read:
        path = sheet.job.payload.get("answer_key")
        if not path:
            continue
        try:
            key = cached_key(str(path), sheet.job.payload.get("template"))
        except BadInput:  # a key that moved: the verdicts stored with each sheet still count
            continue
        return {q: ",".join(a for a, _ in allowed) for q, allowed in key.answers.items()}
    return {}


def _question_stats(sheets_read: Sequence[SheetView], questions: Sequence[str], scored: bool) -> list[QuestionStat]:
    key = _key_answers(sheets_read) if scored else {}
    stats = []
    total = len(sheets_read)
    for question in questions:
        answered = correct = blanks = 0
        wrong: Counter[str] = Counter()
        for sheet in sheets_read:
            result = sheet.result or {}
            scoring = (result.get("scoring") or {}).get(question)
            value = str(((result.get("fields") or {}).get(question) or {}).get("value", ""))
            if scoring is not None:
                verdict = scoring.get("verdict")
                if verdict == "unmarked":
                    blanks += 1
                    continue
                answered += 1
                if verdict == "correct":
                    correct += 1
                else:
                    wrong[str(scoring.get("marked", value))] += 1
            elif value == "":
                blanks += 1
            else:
                answered += 1
        # Most chosen wrong answer; ties go to the smaller value so the table does not flicker.
        top = min(wrong.items(), key=lambda kv: (-kv[1], kv[0])) if wrong else None
        stats.append(
            QuestionStat(
                question=question,
                answer=key.get(question, ""),
                answered=answered,
                correct=correct,
                percent_correct=round(100.0 * correct / total, 1) if scored and total else None,
                most_chosen_wrong=top[0] if top else None,
                most_chosen_wrong_count=top[1] if top else 0,
                blanks=blanks,
            )
        )
    return stats


def exam_results(
    queue: JobQueue, exam_id: int | str | None = None, job_ids: Sequence[str] | None = None
) -> ExamResults:
    """Results of an exam's read sheets (or of these jobs; all omr jobs when neither is given)."""
    found = list(sheets(queue, exam_id=exam_id, job_ids=job_ids, statuses=(DONE, FAILED)))
    read = [s for s in found if s.job.status == DONE and s.result is not None]
    failed = tuple(
        FailedPage(s.job.job_id, s.file, s.page, s.image_path, s.job.error or s.job.last_error)
        for s in found
        if s.job.status == FAILED
    )
    columns: list[str] = []
    sid_column: str | None = None
    questions: list[str] = []
    templates_seen: set[str] = set()
    for sheet in read:
        path = str((sheet.result or {}).get("template") or sheet.job.payload.get("template") or "")
        if path in templates_seen:
            continue
        templates_seen.add(path)
        try:
            template = template_of(sheet.job)
            names = list(template.output_columns)
            sid_column = sid_column or template.student_id_column
        except ValueError:  # template moved: fall back to the columns the result itself holds
            names = list((sheet.result or {}).get("fields") or {})
        columns.extend(n for n in names if n not in columns)
    scored = any(s.job.payload.get("answer_key") for s in read)
    if scored:
        for sheet in read:
            for q in (sheet.result or {}).get("scoring") or {}:
                if q not in questions:
                    questions.append(q)
    else:
        questions = [c for c in columns if c != sid_column]
    question_set = set(questions)
    roster = roster_by_id(queue.store)
    issues = identity_issues(read, roster.keys())
    return ExamResults(
        columns=tuple(columns),
        scored=scored,
        students=tuple(_student(s, question_set, roster, issues.get(s.job.job_id)) for s in read),
        questions=tuple(_question_stats(read, questions, scored)),
        failed=failed,
        student_id_column=sid_column,
        exam_name=_exam_name(queue, exam_id),
    )


def _exam_name(queue: JobQueue, exam_id: int | str | None) -> str:
    exam = get_exam(queue.store, exam_id) if exam_id is not None else None
    return exam.name if exam else ""


# ------------------------------------------------------------------ writers


def _table(results_or_rows: ExamResults | Sequence[Mapping[str, Any]], columns: Sequence[str] | None) -> tuple[list[str], list[Mapping[str, Any]]]:
    if isinstance(results_or_rows, ExamResults):
        return list(columns or results_or_rows.csv_columns), list(results_or_rows.rows())
    rows = list(results_or_rows)
    if columns is None:
        columns = list(rows[0]) if rows else ["file", "flags", "confidence"]
    return list(columns), rows


def write_csv(
    results_or_rows: ExamResults | Sequence[Mapping[str, Any]],
    path: str | Path,
    *,
    columns: Sequence[str] | None = None,
    excel_bom: bool = False,
    korean_headers: bool = False,
) -> Path:
    """Write the results table as CSV (UTF-8; `excel_bom` adds the BOM Excel needs to show Hangul;
    `korean_headers` names the columns in Korean, question and field columns keep their names)."""
    names, rows = _table(results_or_rows, columns)
    out = Path(path)
    with out.open("w", newline="", encoding="utf-8-sig" if excel_bom else "utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
        writer.writerow({n: KOREAN_HEADERS.get(n, n) if korean_headers else n for n in names})
        writer.writerows(rows)
    return out


_NUMERIC = {"score", "confidence", "max_score"}


def _students_sheet(sheet: Any, names: list[str], rows: list[Mapping[str, Any]], korean: bool) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet.append([KOREAN_HEADERS.get(n, n) if korean else n for n in names])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    review = PatternFill("solid", fgColor="FFF2CC")
    for row in rows:
        # Text cells keep leading zeros of student ids and answers such as "01".
        values = [row.get(c) if c in _NUMERIC else ("" if row.get(c) is None else str(row.get(c))) for c in names]
        sheet.append(values)
        flagged = set(str(row.get("flags") or "").split(";")) - {""}
        for index, column in enumerate(names, start=1):
            if column in flagged:
                sheet.cell(row=sheet.max_row, column=index).fill = review
    sheet.freeze_panes = "B2"


def write_xlsx(
    results_or_rows: ExamResults | Sequence[Mapping[str, Any]],
    path: str | Path,
    *,
    columns: Sequence[str] | None = None,
    korean_headers: bool = False,
    sheet_title: str = "Students",
    extra_sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]] = (),
) -> Path:
    """Write a workbook: the CSV table on "Students" (cells needing review shaded), and for results a
    "Questions" sheet (percent correct, most chosen wrong answer, blanks); then each of `extra_sheets`
    (title, header, rows), e.g. the statistics (desktop/services/workbook.py)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    names, rows = _table(results_or_rows, columns)
    book = Workbook()
    students = book.active
    students.title = sheet_title
    _students_sheet(students, names, rows, korean_headers)
    if isinstance(results_or_rows, ExamResults):
        questions = book.create_sheet("Questions")
        questions.append([KOREAN_HEADERS.get(n, n) if korean_headers else n for n in QUESTION_COLUMNS])
        for cell in questions[1]:
            cell.font = Font(bold=True)
        for stat in results_or_rows.questions:
            questions.append([getattr(stat, n) for n in QUESTION_COLUMNS])
        questions.freeze_panes = "B2"
    for title, header, table in extra_sheets:
        extra = book.create_sheet(title)
        extra.append([KOREAN_HEADERS.get(h, h) if korean_headers else h for h in header])
        for cell in extra[1]:
            cell.font = Font(bold=True)
        for values in table:
            extra.append(list(values))
        extra.freeze_panes = "B2"
    out = Path(path)
    book.save(out)
    return out


# ------------------------------------------------------------------ annotated sheets


def annotated_image(queue: JobQueue, job_id: str, out_dir: str | Path | None = None) -> Path | None:
    """The annotated sheet the worker drew for this job, or None (not read, or the file is gone).

    With `out_dir`, a copy is written there, named after the student id (or the scan) so a folder of
    sheets sorts by student, and the copy's path is returned.
    """
    try:
        result = effective_result(queue, job_id)
    except ValueError:
        return None
    raw = result.get("annotated_image")
    if not raw or not Path(str(raw)).is_file():
        return None
    source = Path(str(raw))
    if out_dir is None:
        return source
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    base, _, page = str(result.get("file") or source.name).partition("#")
    stem = Path(base).stem + (f"_{page}" if page else "")
    sid = str(result.get("student_id") or "").strip()
    name = f"{sid}_{stem}{source.suffix}" if sid else f"{stem}{source.suffix}"
    target = folder / name
    shutil.copyfile(source, target)
    return target


__all__ = [
    "KOREAN_HEADERS",
    "QUESTION_COLUMNS",
    "ExamResults",
    "FailedPage",
    "QuestionStat",
    "StudentResult",
    "annotated_image",
    "exam_results",
    "sheet_row",
    "write_csv",
    "write_xlsx",
]
