"""Rows that say where a job's page came from (`pages`) and which scanner-folder files were taken
(`watched_files`). Pure store logic, no file reading: the worker side hashes and counts pages.

The insert functions take the caller's connection, because these rows must be written in the same
transaction as the jobs they describe (`JobQueue.enqueue_many(also=...)`): a crash between the two would
otherwise leave a page without its job, or a file marked as taken whose jobs never existed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, insert, select, true

from core.store.schema import jobs, pages, watched_files

# SQLite allows at most 999 (older builds) bound parameters per statement; IN lists are chunked below it.
_IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class PageRow:
    source_path: str
    page_index: int
    content_sha256: str
    job_id: str | None
    exam_id: int | None


def insert_pages(conn: Connection, rows: Sequence[PageRow], *, now: float | None = None) -> None:
    if not rows:
        return
    at = time.time() if now is None else now
    conn.execute(
        insert(pages),
        [
            {
                "exam_id": r.exam_id,
                "source_path": r.source_path,
                "page_index": r.page_index,
                "content_sha256": r.content_sha256,
                "job_id": r.job_id,
                "created_at": at,
            }
            for r in rows
        ],
    )


def existing_pages(
    conn: Connection, shas: Iterable[str], exam_id: int | None, *, any_exam: bool = False
) -> dict[str, str]:
    """content sha256 -> job id of the first page already imported with it for this exam.

    `exam_id` None matches pages imported without an exam; `any_exam` ignores the exam. Pages whose job
    was discarded by the teacher do not count: that reading was thrown away, so importing the scan again
    is not a duplicate.
    """
    wanted = sorted(set(shas))
    found: dict[str, str] = {}
    scope: ColumnElement[bool]
    if any_exam:
        scope = true()
    else:
        scope = pages.c.exam_id.is_(None) if exam_id is None else pages.c.exam_id == exam_id
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        rows = conn.execute(
            select(pages.c.content_sha256, pages.c.job_id)
            .select_from(pages.join(jobs, jobs.c.job_id == pages.c.job_id))
            .where(pages.c.content_sha256.in_(chunk), scope, jobs.c.discarded.is_(False))
            .order_by(pages.c.id)
        ).all()
        for sha, job_id in rows:
            found.setdefault(sha, job_id)
    return found


def pages_for_jobs(conn: Connection, job_ids: Sequence[str]) -> dict[str, PageRow]:
    """job id -> its page row (jobs enqueued without an import, e.g. from the CLI, have none)."""
    out: dict[str, PageRow] = {}
    ids = list(job_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        rows = conn.execute(select(pages).where(pages.c.job_id.in_(ids[start : start + _IN_CHUNK]))).all()
        for r in rows:
            out[r.job_id] = PageRow(r.source_path, r.page_index, r.content_sha256, r.job_id, r.exam_id)
    return out


def job_ids_for_exam(conn: Connection, exam_id: int) -> list[str]:
    """Jobs of the pages imported for this exam, in import order."""
    rows = conn.execute(
        select(pages.c.job_id).where(pages.c.exam_id == exam_id, pages.c.job_id.is_not(None)).order_by(pages.c.id)
    ).scalars()
    return list(dict.fromkeys(rows))


# ------------------------------------------------------------------ watched folder


def watched_file_taken(conn: Connection, path: str, size: int, mtime: float) -> bool:
    """True when this exact file (path, size, mtime) was taken before, by this desk or another."""
    row = conn.execute(
        select(watched_files.c.id).where(
            and_(watched_files.c.path == path, watched_files.c.size == size, watched_files.c.mtime == mtime)
        )
    ).first()
    return row is not None


def watched_file_with_content(conn: Connection, sha256: str) -> str | None:
    """Path of a file taken before with exactly this content, or None."""
    return conn.execute(
        select(watched_files.c.path).where(watched_files.c.content_sha256 == sha256).order_by(watched_files.c.id)
    ).scalar()


def record_watched_file(
    conn: Connection, path: str, size: int, mtime: float, sha256: str, *, now: float | None = None
) -> None:
    """Mark a file as taken. Raises IntegrityError when the same (path, size, mtime) is already taken."""
    conn.execute(
        insert(watched_files).values(
            path=path,
            size=size,
            mtime=mtime,
            content_sha256=sha256,
            taken_at=time.time() if now is None else now,
        )
    )


__all__ = [
    "PageRow",
    "existing_pages",
    "insert_pages",
    "job_ids_for_exam",
    "pages_for_jobs",
    "record_watched_file",
    "watched_file_taken",
    "watched_file_with_content",
]
