"""Remove read sheets from their exam, or file them under another exam (see core.sheet_moves).

Runs on the caller's thread (the GUI calls it from a pool thread). Each sheet is its own transaction:
one that cannot be moved (not read yet, another card template, the same scan already in the target
exam) is reported with the reason and the others go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.exams import get_exam
from core.queue import JobQueue
from core.sheet_moves import CentralCopy, SheetMoveError, move_sheet, remove_sheet


@dataclass(frozen=True, slots=True)
class SheetChangeReport:
    changed: tuple[tuple[str, CentralCopy], ...] = ()  # job id, what became of the central API's copy
    errors: tuple[tuple[str, str], ...] = ()  # job id, one line saying why

    def count(self, fate: CentralCopy) -> int:
        return sum(1 for _, f in self.changed if f == fate)


def remove_sheets(queue: JobQueue, job_ids: Sequence[str]) -> SheetChangeReport:
    changed, errors = [], []
    for job_id in job_ids:
        try:
            changed.append((job_id, remove_sheet(queue.store, job_id)))
        except SheetMoveError as exc:
            errors.append((job_id, str(exc)))
    return SheetChangeReport(tuple(changed), tuple(errors))


def move_sheets(queue: JobQueue, job_ids: Sequence[str], exam_id: int) -> SheetChangeReport:
    """Raises SheetMoveError when the target exam does not exist."""
    exam = get_exam(queue.store, exam_id)
    if exam is None:
        raise SheetMoveError(f"no exam {exam_id}")
    changed, errors = [], []
    for job_id in job_ids:
        try:
            changed.append((job_id, move_sheet(queue.store, job_id, exam)))
        except SheetMoveError as exc:
            errors.append((job_id, str(exc)))
    return SheetChangeReport(tuple(changed), tuple(errors))


__all__ = ["CentralCopy", "SheetChangeReport", "SheetMoveError", "move_sheets", "remove_sheets"]
