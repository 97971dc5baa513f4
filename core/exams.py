"""Exams: a name, the answer-card template its sheets are read with, and optionally an answer key.

Plain store logic (no worker, no Qt): the GUI's exam screen and the import both call these. Paths are
stored absolute, so a job enqueued from any working directory reads the same files. The template's
contents are checked by the worker when it is used (core does not know the template format); here we
only make sure the files exist and the template is a JSON object, so a typo is caught when the teacher
creates the exam instead of on the first sheet.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from core.job_types import DoubleMark
from core.store import Store
from core.store.schema import corrections, exams, jobs, results

NAME_LIMIT = 200  # the column's width


@dataclass(frozen=True, slots=True)
class Exam:
    id: int
    name: str
    template_path: Path
    answer_key_path: Path | None
    created_at: float  # seconds since the epoch
    double_mark: DoubleMark = DoubleMark.REVIEW  # two marks of similar darkness: review, or scored wrong


def _existing_file(raw: str | Path, what: str) -> Path:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise ValueError(f"{what}: no file given")
    path = Path(text).expanduser()
    if not path.exists():
        raise ValueError(f"{what} not found: {path}")
    if not path.is_file():
        raise ValueError(f"{what} is a folder, not a file: {path}")
    return path.resolve()


def _check_template(path: Path) -> None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"template {path.name} is not a readable JSON file ({exc})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"template {path.name} must hold a JSON object")


def create_exam(
    store: Store,
    name: str,
    template_path: str | Path,
    answer_key_path: str | Path | None = None,
    double_mark: DoubleMark | str = DoubleMark.REVIEW,
) -> Exam:
    """Add an exam. Raises ValueError naming what is wrong (empty name, missing file, bad template)."""
    clean = (name or "").strip()
    if not clean:
        raise ValueError("exam name: must not be empty")
    if len(clean) > NAME_LIMIT:
        raise ValueError(f"exam name: at most {NAME_LIMIT} characters, got {len(clean)}")
    template = _existing_file(template_path, "template file")
    _check_template(template)
    key = None
    if answer_key_path is not None and str(answer_key_path).strip():
        key = _existing_file(answer_key_path, "answer key file")
    try:
        rule = DoubleMark(double_mark)
    except ValueError:
        raise ValueError(f"double marks: {double_mark!r} is not one of {', '.join(DoubleMark)}") from None
    now = time.time()
    with store.write() as conn:
        exam_id = conn.execute(
            insert(exams)
            .values(
                name=clean,
                template_path=str(template),
                answer_key_path=str(key) if key else None,
                double_mark=str(rule),
                created_at=now,
            )
            .returning(exams.c.id)
        ).scalar_one()
    return Exam(int(exam_id), clean, template, key, now, rule)


def _exam(row: object) -> Exam:
    key = row.answer_key_path  # type: ignore[attr-defined]
    return Exam(
        id=int(row.id),  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        template_path=Path(row.template_path),  # type: ignore[attr-defined]
        answer_key_path=Path(key) if key else None,
        created_at=float(row.created_at),  # type: ignore[attr-defined]
        double_mark=DoubleMark(row.double_mark or DoubleMark.REVIEW),  # type: ignore[attr-defined]
    )


def list_exams(store: Store) -> list[Exam]:
    """All exams, newest first (the order a teacher picks from)."""
    with store.read() as conn:
        rows = conn.execute(select(exams).order_by(exams.c.created_at.desc(), exams.c.id.desc())).all()
    return [_exam(r) for r in rows]


def get_exam(store: Store, exam_id: int | str) -> Exam | None:
    """The exam with this id (an int, or its string form as job payloads carry it), or None."""
    try:
        key = int(exam_id)
    except (TypeError, ValueError):
        return None
    with store.read() as conn:
        row = conn.execute(select(exams).where(exams.c.id == key)).first()
    return _exam(row) if row else None


def find_exam(store: Store, ref: str) -> Exam | None:
    """The exam named `ref` (the newest of that name), else the exam whose id is `ref`, else None."""
    clean = (ref or "").strip()
    with store.read() as conn:
        row = conn.execute(
            select(exams).where(exams.c.name == clean).order_by(exams.c.created_at.desc(), exams.c.id.desc())
        ).first()
    if row is not None:
        return _exam(row)
    return get_exam(store, clean) if clean.isdigit() else None


def exam_for_pages(
    store: Store,
    name: str,
    template_path: str | Path,
    answer_key_path: str | Path | None = None,
    double_mark: DoubleMark | str | None = None,
) -> tuple[Exam, bool]:
    """The exam called `name`, created with this template and key when there is none; (exam, created).

    Raises ValueError when the exam exists with another template or key: its sheets must be read and
    scored alike.
    """
    found = find_exam(store, name)
    if found is None or found.name != (name or "").strip():
        return create_exam(store, name, template_path, answer_key_path, double_mark or DoubleMark.REVIEW), True
    template = _existing_file(template_path, "template file")
    if template != found.template_path:
        raise ValueError(f"exam {found.name!r} reads its sheets with {found.template_path}, not {template}")
    if answer_key_path is not None and str(answer_key_path).strip():
        key = _existing_file(answer_key_path, "answer key file")
        if key != found.answer_key_path:
            raise ValueError(f"exam {found.name!r} is scored with {found.answer_key_path or 'no answer key'}, not {key}")
    if double_mark is not None and DoubleMark(double_mark) != found.double_mark:
        raise ValueError(f"exam {found.name!r} treats double marks as {found.double_mark}, not {double_mark}")
    return found, False


def exams_with_student(store: Store, student_id: str) -> set[str]:
    """Ids (as text) of the exams with a read sheet whose student id is or was corrected to `student_id`.

    A superset is fine (the caller checks the effective id); the look-up runs in the database, so a
    student view does not read every exam's sheets.
    """
    sid = student_id.strip()
    exam = jobs.c.payload["exam_id"].as_string()
    with store.read() as conn:
        read = conn.execute(
            select(exam)
            .select_from(jobs.join(results, results.c.job_id == jobs.c.job_id))
            .where(jobs.c.job_type == "omr", results.c.payload["student_id"].as_string() == sid)
            .distinct()
        ).scalars()
        corrected = conn.execute(
            select(exam)
            .select_from(jobs.join(corrections, corrections.c.job_id == jobs.c.job_id))
            .where(jobs.c.job_type == "omr", corrections.c.new_value == sid)
            .distinct()
        ).scalars()
        return {str(e) for e in [*read, *corrected] if e is not None}


def exam_job_ids(store: Store, exam_id: int | str, *, job_type: str = "omr") -> list[str]:
    """Ids of the jobs of this exam (their payload's `exam_id`), oldest first, discarded ones included.

    The payload is where every producer (import, scanner folder, `scandesk omr --exam-id`) puts the
    exam, so this finds them all; the JSON look-up runs in the database (SQLite JSON_EXTRACT,
    PostgreSQL ->>), so a store of many exams is not read whole.
    """
    with store.read() as conn:
        rows = conn.execute(
            select(jobs.c.job_id)
            .where(jobs.c.job_type == job_type, jobs.c.payload["exam_id"].as_string() == str(exam_id))
            .order_by(jobs.c.id)
        ).scalars()
        return list(rows)


__all__ = ["Exam", "create_exam", "exam_for_pages", "exam_job_ids", "exams_with_student", "find_exam", "get_exam", "list_exams"]
