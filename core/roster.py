"""The roster: the academy's students (student id, name, class), kept in the store.

Plain store logic, no file formats (desktop/services/roster.py reads CSV and XLSX) and no Qt. Student ids
are text: "00123" and "123" are different students, as on the answer card.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update

from core.store import Store
from core.store.schema import roster

NAME_LIMIT = 200  # the columns' widths
CLASS_LIMIT = 100
ID_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Student:
    student_id: str
    name: str
    class_name: str = ""


def check_student(student: Student) -> Student:
    """The student with surrounding spaces removed. Raises ValueError naming what is wrong."""
    sid = student.student_id.strip()
    name = student.name.strip()
    klass = student.class_name.strip()
    if not sid:
        raise ValueError("student id: must not be empty")
    if len(sid) > ID_LIMIT:
        raise ValueError(f"student id: at most {ID_LIMIT} characters, got {len(sid)}")
    if not name:
        raise ValueError(f"student {sid}: the name must not be empty")
    if len(name) > NAME_LIMIT:
        raise ValueError(f"student {sid}: the name has more than {NAME_LIMIT} characters")
    if len(klass) > CLASS_LIMIT:
        raise ValueError(f"student {sid}: the class has more than {CLASS_LIMIT} characters")
    return Student(sid, name, klass)


def list_students(store: Store) -> list[Student]:
    """Every student, by class then student id (the order of a class list)."""
    with store.read() as conn:
        rows = conn.execute(
            select(roster.c.student_id, roster.c.name, roster.c.class_name).order_by(
                roster.c.class_name, roster.c.student_id
            )
        ).all()
    return [Student(r.student_id, r.name, r.class_name) for r in rows]


def roster_by_id(store: Store) -> dict[str, Student]:
    return {s.student_id: s for s in list_students(store)}


def roster_size(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(roster)).scalar_one())


def save_students(store: Store, students: Iterable[Student], *, replace: bool = False) -> tuple[int, int]:
    """Add new students and update known ones (by student id), in one transaction.

    With `replace`, students not in `students` are removed (the roster becomes exactly this list).
    Returns (added, updated). Raises ValueError for an invalid student; nothing is stored then.
    """
    wanted: dict[str, Student] = {}
    for student in students:
        clean = check_student(student)
        wanted[clean.student_id] = clean
    now = time.time()
    added = updated = 0
    with store.write() as conn:
        known = {
            r.student_id: Student(r.student_id, r.name, r.class_name)
            for r in conn.execute(select(roster.c.student_id, roster.c.name, roster.c.class_name))
        }
        if replace:
            gone = [sid for sid in known if sid not in wanted]
            for start in range(0, len(gone), 500):
                conn.execute(delete(roster).where(roster.c.student_id.in_(gone[start : start + 500])))
        fresh = [s for sid, s in wanted.items() if sid not in known]
        if fresh:
            conn.execute(
                insert(roster),
                [{"student_id": s.student_id, "name": s.name, "class_name": s.class_name, "updated_at": now} for s in fresh],
            )
            added = len(fresh)
        for sid, student in wanted.items():
            if sid in known and known[sid] != student:
                conn.execute(
                    update(roster)
                    .where(roster.c.student_id == sid)
                    .values(name=student.name, class_name=student.class_name, updated_at=now)
                )
                updated += 1
    return added, updated


def remove_students(store: Store, student_ids: Iterable[str]) -> int:
    ids = list(dict.fromkeys(student_ids))
    removed = 0
    with store.write() as conn:
        for start in range(0, len(ids), 500):
            removed += conn.execute(delete(roster).where(roster.c.student_id.in_(ids[start : start + 500]))).rowcount
    return removed


__all__ = [
    "Student",
    "check_student",
    "list_students",
    "remove_students",
    "roster_by_id",
    "roster_size",
    "save_students",
]
