"""The watched scanner folder: new scans are imported once they stop growing, and never twice.

`FolderWatcher.poll()` is meant to be called by a timer about once a second (the GUI's QTimer, on the
GUI thread or a worker thread; one watcher must not be polled from two threads at once). It blocks while
it hashes the files it takes, which is quick for scans.

- A file is taken once its size and mtime have stayed the same for `stable_seconds` (a scanner or a
  copy writes it in pieces; a half-written file must not be read).
- Taking a file writes its `watched_files` row (path, size, mtime, content sha256) in the same
  transaction as its jobs and page rows, so after a crash either both exist or neither does, and a
  restart (a new watcher on the same store) takes nothing twice.
- A file already recorded with the same (path, size, mtime) is skipped; one with the same content (a
  renamed copy, a scan saved twice, the same file touched) is reported as a duplicate with the job that
  read it (job id "" when that file gave no job: it was unreadable), and recorded so that it is
  reported once. Content counts whatever exam the watcher was taking files for then.
- Files imported by hand for the same exam are duplicates too (the import's page check).
- Hidden and temporary files (dotfiles, `~$x`, `.part`, `.tmp`, ...) are ignored.
- A file that cannot be read (empty, not an image, password-protected PDF) is reported in `errors` once
  and recorded; if it is replaced by a good file its size or mtime changes and it is taken then. An empty
  file is given EMPTY_FILE_WAIT_S first, since scanners create the file before they write it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from core.exams import Exam
from core.page_rows import (
    existing_pages,
    record_watched_file,
    watched_file_taken,
    watched_file_with_content,
)
from core.queue import JobQueue
from core.text import text_problem
from desktop.services.intake import (
    Duplicate,
    FilePlan,
    ImportProblem,
    ImportReport,
    PlacementFn,
    Skipped,
    enqueue_plans,
    file_sha256,
    is_hidden_or_temporary,
    leads_out_of,
    page_sha256,
    prepare_import,
)
from worker.errors import BadInput
from worker.omr.scan_files import SCAN_SUFFIXES, count_pages

# How long an empty file must stay empty before it is reported as unreadable (not just not written yet).
EMPTY_FILE_WAIT_S = 30.0


@dataclass(slots=True)
class _Seen:
    size: int
    mtime: float
    since: float  # clock() when this size and mtime were first seen


def _record(conn: Connection, path: str, size: int, mtime: float, sha: str) -> None:
    """The watched_files row; a separate function so tests can break the transaction right after it."""
    record_watched_file(conn, path, size, mtime, sha)


class FolderWatcher:
    """Imports new scans from `folder` for `exam`. `clock` is injectable so tests can move time."""

    def __init__(
        self,
        queue: JobQueue,
        folder: str | Path,
        *,
        exam: Exam | None,
        stable_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        template: str | Path | None = None,
        answer_key: str | Path | None = None,
        settings: Any = None,
        placement_fn: PlacementFn | None = None,
        recursive: bool = True,
    ) -> None:
        """Raises ValueError when neither an exam nor a template is given, or they cannot be read."""
        self.queue = queue
        self.folder = Path(folder).expanduser()
        self.exam = exam
        self.stable_seconds = float(stable_seconds)
        self.recursive = recursive
        self._clock = clock
        self._setup = prepare_import(
            exam=exam, template=template, answer_key=answer_key, settings=settings, placement_fn=placement_fn
        )
        self._seen: dict[Path, _Seen] = {}
        # Files dealt with while this watcher runs, by identity: no database look-up for them each poll.
        self._done: set[tuple[Path, int, float]] = set()
        self._folder_missing_reported = False

    # ------------------------------------------------------------------ polling

    def poll(self) -> ImportReport:
        """Look at the folder once; take the files that stopped changing. Returns what was done now."""
        if not self.folder.is_dir():
            if self._folder_missing_reported:
                return ImportReport()
            self._folder_missing_reported = True
            return ImportReport(errors=(ImportProblem(self.folder, f"the scanner folder does not exist: {self.folder}"),))
        self._folder_missing_reported = False
        now = self._clock()
        present: set[Path] = set()
        ready: list[tuple[Path, int, float]] = []
        for path in self._candidates():
            try:
                stat = path.stat()
            except OSError:  # removed or renamed between listing and stat
                continue
            present.add(path)
            size, mtime = int(stat.st_size), float(stat.st_mtime)
            if (path, size, mtime) in self._done:
                continue
            seen = self._seen.get(path)
            if seen is None or seen.size != size or seen.mtime != mtime:
                self._seen[path] = _Seen(size, mtime, now)
                continue
            # Scanners often create the file first and fill it later: an empty file gets a longer wait.
            wait = self.stable_seconds if size else max(self.stable_seconds, EMPTY_FILE_WAIT_S)
            if now - seen.since >= wait:
                ready.append((path, size, mtime))
        for gone in set(self._seen) - present:
            del self._seen[gone]

        report = ImportReport()
        for path, size, mtime in ready:
            report = report.merged(self._take(path, size, mtime))
        return report

    def _candidates(self) -> list[Path]:
        """Scan files in the folder; links leading out of it and names that are not UTF-8 (which the store
        cannot key) are passed over, as are hidden and temporary files."""
        walker = self.folder.rglob("*") if self.recursive else self.folder.glob("*")
        root = self.folder.resolve()
        found = []
        for path in walker:
            relative = path.relative_to(self.folder).parts
            if any(is_hidden_or_temporary(Path(part)) for part in relative):
                continue
            if text_problem(str(path)) is not None or leads_out_of(path, root):
                continue
            if path.suffix.lower() in SCAN_SUFFIXES and path.resolve() not in self._setup.skip and path.is_file():
                found.append(path)
        return sorted(found)

    # ------------------------------------------------------------------ taking one file

    def _take(self, path: Path, size: int, mtime: float) -> ImportReport:
        key = str(path.resolve())
        with self.queue.store.read() as conn:
            if watched_file_taken(conn, key, size, mtime):
                self._forget(path, size, mtime)
                return ImportReport(skipped=(Skipped(path, "already taken from the scanner folder"),))
        try:
            digest = file_sha256(path)
            after = os.stat(path)
        except OSError:
            return ImportReport()  # gone or locked: look again at the next poll
        if int(after.st_size) != size or float(after.st_mtime) != mtime:
            self._seen[path] = _Seen(int(after.st_size), float(after.st_mtime), self._clock())
            return ImportReport()
        sha = digest.hexdigest()

        def record(conn: Connection) -> None:
            _record(conn, key, size, mtime, sha)

        with self.queue.store.read() as conn:
            earlier = watched_file_with_content(conn, sha)
        if earlier is not None:  # the same bytes were taken before (renamed copy, or touched again)
            return self._duplicate_file(path, size, mtime, digest, record)

        try:
            pages = count_pages(path)
        except BadInput as exc:
            return self._finish(path, size, mtime, record, ImportReport(errors=(ImportProblem(path, str(exc)),)))
        plan = FilePlan(path, sha, pages, tuple(page_sha256(digest, p) for p in range(pages)))
        try:
            records, duplicates = enqueue_plans(self.queue, [plan], self._setup, also=record)
        except IntegrityError:
            # Another desk watching the same folder took this file first (the unique identity caught it).
            self._forget(path, size, mtime)
            return ImportReport(skipped=(Skipped(path, "taken by another desk"),))
        self._forget(path, size, mtime)
        return ImportReport(
            job_ids=tuple(r.job_id for r in records), pages=tuple(records), duplicates=tuple(duplicates)
        )

    def _duplicate_file(
        self, path: Path, size: int, mtime: float, digest: Any, record: Callable[[Connection], None]
    ) -> ImportReport:
        """Same bytes as a file taken before: report each page with the job that read it."""
        try:
            pages = count_pages(path)
        except BadInput:
            pages = 1
        shas = [page_sha256(digest, p) for p in range(pages)]
        with self.queue.store.read() as conn:
            jobs_by_sha = existing_pages(conn, shas, self._setup.exam_id)
            if len(jobs_by_sha) < len(shas):  # taken before for another exam: still the same paper
                jobs_by_sha = {**existing_pages(conn, shas, None, any_exam=True), **jobs_by_sha}
        duplicates = tuple(Duplicate(path, p, jobs_by_sha.get(sha, "")) for p, sha in enumerate(shas))
        return self._finish(path, size, mtime, record, ImportReport(duplicates=duplicates))

    def _finish(
        self, path: Path, size: int, mtime: float, record: Callable[[Connection], None], report: ImportReport
    ) -> ImportReport:
        """Record a file that gives no jobs (duplicate or unreadable), so it is reported only once."""
        try:
            with self.queue.store.write() as conn:
                record(conn)
        except IntegrityError:
            report = ImportReport(skipped=(Skipped(path, "taken by another desk"),))
        self._forget(path, size, mtime)
        return report

    def _forget(self, path: Path, size: int, mtime: float) -> None:
        self._done.add((path, size, mtime))
        self._seen.pop(path, None)


__all__ = ["FolderWatcher"]
