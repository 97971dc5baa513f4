"""Taking a read sheet out of an exam, or filing it under another exam, after it was read.

Plain store logic, one transaction each. A removed sheet's job is marked discarded (it stays in the
store with its result and history, hidden from the lists and from the exam's results; importing the scan
again is then not a duplicate). A moved sheet's job gets the other exam in its payload (`exam_id`,
`answer_key`) and its page row follows, so the results, review and a later import see it there.

What the central API was told follows the same rule for both: a sheet nothing was sent for yet (its
registration is still in the outbox) is dropped from the outbox when removed, and is sent under its new
exam when moved; a sheet the central API already has keeps its outbox row, and the caller says so.
"""

from __future__ import annotations

import time
from enum import StrEnum

from sqlalchemy import Connection, select, update

from core.contracts import JobStatus
from core.exams import Exam
from core.queue import outbox_rows
from core.store import Store
from core.store.schema import job_events, jobs, outbox, pages


class SheetMoveError(ValueError):
    """The sheet cannot be removed or moved; the message names the sheet and why."""


class CentralCopy(StrEnum):
    """What became of the central API's side of a removed or moved sheet."""

    NONE = "none"  # nothing was ever to be sent (no outbox row)
    DROPPED = "dropped"  # nothing had been sent yet: the outbox row is gone
    FOLLOWS = "follows"  # nothing had been sent yet: it will be sent under the new exam
    KEPT = "kept"  # the central API already has it: its copy stays as it was sent


_FINAL = (JobStatus.DONE, JobStatus.FAILED)


def _sheet(conn: Connection, job_id: str) -> tuple[dict[str, object], str]:
    row = conn.execute(select(jobs.c.payload, jobs.c.status, jobs.c.discarded).where(jobs.c.job_id == job_id)).first()
    if row is None:
        raise SheetMoveError(f"no sheet {job_id}")
    if row.discarded:
        raise SheetMoveError(f"sheet {job_id} was already removed")
    if row.status not in _FINAL:
        raise SheetMoveError(f"sheet {job_id} is {row.status}; wait until it has been read")
    return dict(row.payload or {}), str(row.status)


def _nothing_sent(conn: Connection, job_id: str) -> bool | None:
    """True when the job's outbox row still starts with its registration (the central API has nothing),
    False when something went out, None when the job has no outbox row."""
    row = conn.execute(select(outbox.c.steps, outbox.c.state).where(outbox.c.job_id == job_id)).first()
    if row is None:
        return None
    steps = outbox_rows.split_steps(row.steps)
    return bool(steps) and steps[0] == outbox_rows.REGISTER and row.state != outbox_rows.SENT


def _log(conn: Connection, job_id: str, kind: str, message: str, now: float) -> None:
    conn.execute(job_events.insert().values(job_id=job_id, kind=kind, worker_id=None, message=message, at=now))


def remove_sheet(store: Store, job_id: str) -> CentralCopy:
    """Take a read (or rejected) sheet out of its exam. Raises SheetMoveError naming what is wrong."""
    with store.write() as conn:
        _sheet(conn, job_id)
        now = time.time()
        conn.execute(update(jobs).where(jobs.c.job_id == job_id).values(discarded=True, updated_at=now))
        unsent = _nothing_sent(conn, job_id)
        if unsent:
            conn.execute(outbox.delete().where(outbox.c.job_id == job_id))
        fate = CentralCopy.NONE if unsent is None else CentralCopy.DROPPED if unsent else CentralCopy.KEPT
        _log(conn, job_id, "removed", f"removed from its exam by hand; central copy: {fate}", now)
    return fate


def move_sheet(store: Store, job_id: str, exam: Exam) -> CentralCopy:
    """File a read sheet under `exam` (same answer-card template). Raises SheetMoveError when the sheet
    is not final, is in that exam already, the exam reads another card, or already holds the same scan."""
    with store.write() as conn:
        payload, _status = _sheet(conn, job_id)
        if str(payload.get("exam_id")) == str(exam.id):
            raise SheetMoveError(f"sheet {job_id} is in {exam.name} already")
        if str(payload.get("template") or "") != str(exam.template_path):
            raise SheetMoveError(
                f"{exam.name} uses another answer-card template; import the scan again for that exam instead")
        page = conn.execute(select(pages.c.content_sha256).where(pages.c.job_id == job_id)).first()
        if page is not None:
            twin = conn.execute(
                select(pages.c.job_id)
                .select_from(pages.join(jobs, jobs.c.job_id == pages.c.job_id))
                .where(pages.c.exam_id == exam.id, pages.c.content_sha256 == page.content_sha256,
                       jobs.c.discarded.is_(False))
            ).first()
            if twin is not None:
                raise SheetMoveError(f"{exam.name} already has the same scan (job {twin.job_id})")
        payload["exam_id"] = str(exam.id)
        if exam.answer_key_path is not None:
            payload["answer_key"] = str(exam.answer_key_path)
        else:
            payload.pop("answer_key", None)
        now = time.time()
        conn.execute(update(jobs).where(jobs.c.job_id == job_id).values(payload=payload, updated_at=now))
        conn.execute(update(pages).where(pages.c.job_id == job_id).values(exam_id=exam.id))
        unsent = _nothing_sent(conn, job_id)
        fate = CentralCopy.NONE if unsent is None else CentralCopy.FOLLOWS if unsent else CentralCopy.KEPT
        _log(conn, job_id, "moved", f"moved to exam {exam.id} ({exam.name}) by hand; central copy: {fate}", now)
    return fate


__all__ = ["CentralCopy", "SheetMoveError", "move_sheet", "remove_sheet"]
