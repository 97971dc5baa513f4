"""A teacher's corrections of OMR reads: their own records, the worker's result is never changed.

Each correction is one row (job, field, the value before it, the new value, when, and its kind:
`corrected`, or `confirmed` when the teacher confirmed the read as it is). The latest row for a
(job, field) is the one in force; earlier ones stay as the history. Pure store logic: what a value may
be and what the score becomes is decided in desktop/services/review.py, which knows templates and keys.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, insert, select

from core.store import Store
from core.store.schema import corrections

_IN_CHUNK = 500  # below SQLite's bound-parameter limit


class CorrectionKind(StrEnum):
    CORRECTED = "corrected"
    CONFIRMED = "confirmed"  # the read is right as it is


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    job_id: str
    field: str
    old_value: str | None
    new_value: str
    created_at: float
    kind: CorrectionKind = CorrectionKind.CORRECTED


def add_correction(
    store: Store, job_id: str, field: str, old_value: str | None, new_value: str,
    kind: CorrectionKind = CorrectionKind.CORRECTED,
) -> Correction:
    now = time.time()
    with store.write() as conn:
        row_id = conn.execute(
            insert(corrections)
            .values(job_id=job_id, field=field, old_value=old_value, new_value=new_value, created_at=now, kind=kind)
            .returning(corrections.c.id)
        ).scalar_one()
    return Correction(int(row_id), job_id, field, old_value, new_value, now, kind)


def confirm_reads(store: Store, job_id: str, values: Mapping[str, str]) -> list[Correction]:
    """Confirm these fields (name -> the value read) of one sheet as they are, in one transaction."""
    now = time.time()
    out: list[Correction] = []
    with store.write() as conn:
        for name, value in values.items():
            row_id = conn.execute(
                insert(corrections)
                .values(job_id=job_id, field=name, old_value=value, new_value=value, created_at=now,
                        kind=CorrectionKind.CONFIRMED)
                .returning(corrections.c.id)
            ).scalar_one()
            out.append(Correction(int(row_id), job_id, name, value, value, now, CorrectionKind.CONFIRMED))
    return out


def _rows(conn: Connection, job_ids: Sequence[str]) -> list[Correction]:
    out: list[Correction] = []
    ids = list(dict.fromkeys(job_ids))
    for start in range(0, len(ids), _IN_CHUNK):
        rows = conn.execute(
            select(corrections).where(corrections.c.job_id.in_(ids[start : start + _IN_CHUNK])).order_by(corrections.c.id)
        ).all()
        out.extend(
            Correction(r.id, r.job_id, r.field, r.old_value, r.new_value, r.created_at, CorrectionKind(r.kind))
            for r in rows
        )
    return out


def corrections_in_force(store: Store, job_ids: Sequence[str]) -> dict[str, dict[str, Correction]]:
    """job id -> field -> the latest correction of that field (jobs without corrections are left out)."""
    with store.read() as conn:
        rows = _rows(conn, job_ids)
    out: dict[str, dict[str, Correction]] = {}
    for row in rows:  # in id order, so a later correction replaces an earlier one
        out.setdefault(row.job_id, {})[row.field] = row
    return out


def correction_history(store: Store, job_id: str) -> list[Correction]:
    """Every correction of one job, oldest first."""
    with store.read() as conn:
        return _rows(conn, [job_id])


__all__ = ["Correction", "CorrectionKind", "add_correction", "correction_history", "corrections_in_force"]
