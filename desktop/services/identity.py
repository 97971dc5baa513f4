"""Whose sheet is it: the student id of each read sheet checked against the roster and the exam's other
sheets. A misread id files a correct sheet under the wrong student, so both problems go to review.

- `not_on_roster`: the roster has students and the read id is not one of them; the closest roster ids
  are offered (a misread bubble is usually one digit off).
- `duplicate_id`: another sheet of the same exam has the same id (one of them is misread, or a student
  handed in twice).

A student id the teacher corrected or confirmed is theirs: it is not flagged again. Pure functions over
the effective sheets (desktop/services/sheets.py); runs on the caller's thread.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from core.contracts import DONE
from desktop.services.roster import closest_ids
from desktop.services.sheets import SheetView, template_of

NOT_ON_ROSTER = "not_on_roster"
DUPLICATE_ID = "duplicate_id"


@dataclass(frozen=True, slots=True)
class IdentityIssue:
    column: str  # the template's student id column
    student_id: str
    flags: tuple[str, ...]  # NOT_ON_ROSTER and/or DUPLICATE_ID
    suggestions: tuple[str, ...] = ()  # closest roster ids, for NOT_ON_ROSTER
    duplicates: tuple[str, ...] = ()  # job ids of the other sheets with this id, for DUPLICATE_ID


def student_id_column(sheet: SheetView) -> str | None:
    try:
        return template_of(sheet.job).student_id_column
    except ValueError:  # the template moved: the result's own fields tell whether there is an id
        return "student_id" if "student_id" in ((sheet.result or {}).get("fields") or {}) else None


def identity_issues(sheets: Iterable[SheetView], roster_ids: Iterable[str]) -> dict[str, IdentityIssue]:
    """job id -> what is wrong with its student id, for the read sheets among `sheets` that have a problem."""
    on_roster = set(roster_ids)
    ordered = sorted(on_roster)
    read: list[tuple[SheetView, str, str]] = []
    for sheet in sheets:
        if sheet.job.status != DONE or not sheet.result:
            continue
        column = student_id_column(sheet)
        if not column:
            continue
        sid = str(sheet.result.get("student_id") or "").strip()
        if sid:
            read.append((sheet, column, sid))
    by_exam_id: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sheet, _, sid in read:
        exam = sheet.job.payload.get("exam_id")
        if exam is not None:
            by_exam_id[(str(exam), sid)].append(sheet.job.job_id)
    issues: dict[str, IdentityIssue] = {}
    for sheet, column, sid in read:
        if column in sheet.corrections:
            continue
        flags: list[str] = []
        suggestions: tuple[str, ...] = ()
        if on_roster and sid not in on_roster:
            flags.append(NOT_ON_ROSTER)
            suggestions = tuple(closest_ids(sid, ordered))
        exam = sheet.job.payload.get("exam_id")
        others = [j for j in by_exam_id.get((str(exam), sid), []) if j != sheet.job.job_id] if exam is not None else []
        if others:
            flags.append(DUPLICATE_ID)
        if flags:
            issues[sheet.job.job_id] = IdentityIssue(column, sid, tuple(flags), suggestions, tuple(others))
    return issues


__all__ = ["DUPLICATE_ID", "NOT_ON_ROSTER", "IdentityIssue", "identity_issues", "student_id_column"]
