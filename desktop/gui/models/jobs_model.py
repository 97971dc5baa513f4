"""The jobs table: ids in the model, rows fetched lazily a page at a time, with an LRU cache.

The model holds only the list of matching job ids (`JobQueue.list_ids`, in creation order). A row's
data is fetched when a view asks for it: the page of `PAGE_SIZE` rows around it, in one
`JobQueue.get_many` call, so a view that shows 30 rows of 100,000 reads one or two pages. Loop events
mark rows dirty; a short timer refetches what is visible. A slower timer asks the store for its counts
off the UI thread and reloads the ids only when they changed.

All methods run on the UI thread. Store reads on the paint path are at most one page at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from core.contracts import JobStatus
from core.corrections import corrections_in_force
from core.queue import WAITING_FOR_CLOUD, JobQueue, JobView
from desktop.gui.ops import StoreOp
from desktop.gui.worker_texts import worker_text

log = logging.getLogger(__name__)

PAGE_SIZE = 100
CACHE_PAGES = 20  # 2,000 rows: several screens of scrolling back and forth without a store read
COL_STATUS, COL_TYPE, COL_FILE, COL_PROGRESS, COL_ATTEMPTS, COL_UPDATED, COL_MESSAGE = range(7)
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class JobRow:
    """What the table shows of a job: a few small fields, made on the pool thread from a JobView (whose
    payload and result can be large), so the cache holds little and the garbage collector has little
    to scan on the UI thread."""

    job_id: str
    job_type: str
    status: str
    waiting_for_cloud: bool
    file: str
    progress: float
    attempt_count: int
    max_attempts: int
    updated_at: float
    last_error: str
    progress_message: str
    needs_review: bool

    @classmethod
    def of(cls, view: JobView, resolved: Iterable[str] = ()) -> JobRow:
        """`resolved`: fields the teacher has corrected or confirmed (they need no review any more)."""
        result = view.result or {}
        open_flags = set(result.get("flags") or ()) - set(resolved) if result.get("needs_review") else set()
        return cls(view.job_id, view.job_type, view.status, view.waiting_for_cloud, job_file_label(view),
                   view.progress, view.attempt_count, view.max_attempts, view.updated_at,
                   (view.last_error or "")[:1000], (view.progress_message or "")[:300],
                   bool(open_flags))


def job_rows(queue: JobQueue, views: Sequence[JobView]) -> list[JobRow]:
    """Rows of these jobs; a read sheet whose every flag the teacher resolved no longer needs review.
    Blocks on the database: runs on a pool thread."""
    flagged = [v.job_id for v in views if (v.result or {}).get("needs_review")]
    resolved = corrections_in_force(queue.store, flagged) if flagged else {}
    return [JobRow.of(v, resolved.get(v.job_id, {}).keys()) for v in views]


def job_file_label(view: JobView) -> str:
    """What a teacher recognises a job by: the scan's file name and page, else the source."""
    payload = view.payload or {}
    path = payload.get("image_path") or payload.get("image_url") or payload.get("video_path") or ""
    if path:
        name = Path(str(path)).name
        page = payload.get("page")
        return f"{name} p{int(page) + 1}" if isinstance(page, int) and page > 0 else name
    if view.source_id:
        return f"{view.source_domain or ''} {view.source_id}".strip()
    return ""


def _same_membership(counts: dict[str, int], last: dict[str, int], status: str | None, job_type: str | None) -> bool:
    """Whether the list of ids can be unchanged. Without filters only the total matters (a job that
    changes status stays in the list); with one, any change of the counts may move jobs in or out."""
    if status is None and job_type is None:
        return sum(v for k, v in counts.items() if k != WAITING_FOR_CLOUD) == sum(v for k, v in last.items() if k != WAITING_FOR_CLOUD)
    return counts == last


class JobsTableModel(QAbstractTableModel):
    def __init__(self, queue: JobQueue, parent: QObject | None = None, *, auto_refresh_ms: int = 2000) -> None:
        super().__init__(parent)
        self._queue = queue
        self._ids: list[str] = []
        self._row_of: dict[str, int] | None = None
        self._cache: OrderedDict[int, list[JobRow | None]] = OrderedDict()  # page number -> rows
        self._status: str | None = None
        self._job_type: str | None = None
        self._generation = 0
        self._last_counts: dict[str, int] | None = None
        self._refreshing = False
        self._dirty: set[str] = set()
        self._loading: set[int] = set()  # pages being read on a pool thread
        self._stale: set[int] = set()  # cached pages whose jobs changed: shown until reloaded
        # Counters for tests and the benchmark: how much the paint path read from the store.
        self.pages_fetched = 0
        self.rows_fetched = 0
        self._dirty_timer = QTimer(self)
        self._dirty_timer.setSingleShot(True)
        self._dirty_timer.setInterval(200)
        self._dirty_timer.timeout.connect(self._flush_dirty)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(auto_refresh_ms)
        self._refresh_timer.timeout.connect(self.refresh)
        if auto_refresh_ms > 0:
            self._refresh_timer.start()

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = (self.tr("Status"), self.tr("Type"), self.tr("File"), self.tr("Progress"),
                  self.tr("Attempts"), self.tr("Updated"), self.tr("Message"))
        return labels[section] if 0 <= section < len(labels) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == JOB_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        view = self._row(index.row())
        if view is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_STATUS else None
        col = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if view.status == JobStatus.FAILED:
                return QBrush(QColor(190, 30, 30))
            if view.status == JobStatus.DONE and view.needs_review:
                return QBrush(QColor(170, 100, 0))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return worker_text(view.last_error or view.progress_message or "") or view.job_id
        if col == COL_STATUS:
            return self.status_label(view)
        if col == COL_TYPE:
            return view.job_type
        if col == COL_FILE:
            return view.file
        if col == COL_PROGRESS:
            return f"{round(view.progress * 100)}%" if view.status in (JobStatus.RUNNING, JobStatus.DONE) else ""
        if col == COL_ATTEMPTS:
            return f"{view.attempt_count}/{view.max_attempts}"
        if col == COL_UPDATED:
            return dt.datetime.fromtimestamp(view.updated_at).strftime("%m-%d %H:%M:%S")
        if col == COL_MESSAGE:
            if view.status == JobStatus.DONE:
                return self.tr("needs review") if view.needs_review else ""
            text = view.last_error if view.status in (JobStatus.FAILED, JobStatus.PENDING) else view.progress_message
            return worker_text((text or "").splitlines()[0][:200]) if text else ""
        return None

    def status_label(self, view: JobView | JobRow) -> str:
        if view.waiting_for_cloud:
            return self.tr("Waiting for cloud")
        labels: dict[str, str] = {
            JobStatus.PENDING: self.tr("Pending"),
            JobStatus.RUNNING: self.tr("Running"),
            JobStatus.DONE: self.tr("Done"),
            JobStatus.FAILED: self.tr("Failed"),
        }
        return labels.get(view.status, str(view.status))

    # ------------------------------------------------------------------ lazy rows
    def _row(self, row: int) -> JobRow | None:
        """The row's data if its page is loaded; else None, and the page is loaded off the UI thread.

        A stale page (its jobs changed) keeps showing its old data until the new one arrives.
        """
        page = row // PAGE_SIZE
        rows = self._cache.get(page)
        if rows is None or page in self._stale:
            self._request(page)
        offset = row - page * PAGE_SIZE
        if rows is None or offset >= len(rows):
            return None
        self._cache.move_to_end(page)
        return rows[offset]

    def _request(self, page: int) -> None:
        if page in self._loading:
            return
        self._loading.add(page)
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        generation, queue = self._generation, self._queue

        def failed(exc: Exception) -> None:
            self._loading.discard(page)
            log.warning("cannot load jobs: %s", exc)

        StoreOp(self, lambda: job_rows(queue, queue.get_many(ids))).success(
            lambda views: self._page_loaded(page, ids, generation, views)
        ).failure(failed).run()

    def _page_loaded(self, page: int, ids: list[str], generation: int, views: list[JobRow]) -> None:
        """Runs on the UI thread when a page's rows arrive."""
        self._loading.discard(page)
        self.pages_fetched += 1
        self.rows_fetched += len(ids)
        first = page * PAGE_SIZE
        if generation != self._generation or self._ids[first : first + PAGE_SIZE] != ids:
            return  # the list changed meanwhile; the view asks again for what it shows
        by_id = {v.job_id: v for v in views}
        self._cache[page] = [by_id.get(job_id) for job_id in ids]
        self._cache.move_to_end(page)
        self._stale.discard(page)
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self._emit_page_changed(page)

    def _emit_page_changed(self, page: int) -> None:
        first = page * PAGE_SIZE
        last = min(len(self._ids), first + PAGE_SIZE) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _fetch_page_now(self, page: int) -> list[JobRow | None]:
        """Synchronous load of one page (for callers outside the paint path)."""
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        by_id = {v.job_id: v for v in job_rows(self._queue, self._queue.get_many(ids))}
        rows: list[JobRow | None] = [by_id.get(job_id) for job_id in ids]
        self.pages_fetched += 1
        self.rows_fetched += len(ids)
        self._cache[page] = rows
        self._stale.discard(page)
        return rows

    def job_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def view_at(self, row: int) -> JobRow | None:
        """The row's job, loading its page now if needed (not for the paint path)."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE_SIZE
        rows = self._cache.get(page) if page not in self._stale else None
        if rows is None or row - page * PAGE_SIZE >= len(rows):
            rows = self._fetch_page_now(page)
        return rows[row - page * PAGE_SIZE]

    def row_of(self, job_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = {job_id: i for i, job_id in enumerate(self._ids)}
        return self._row_of.get(job_id)

    # ------------------------------------------------------------------ filters and refresh
    @property
    def status_filter(self) -> str | None:
        return self._status

    def set_filter(self, *, status: str | None = None, job_type: str | None = None) -> None:
        """Show only jobs with this status (PENDING, RUNNING, DONE, FAILED, CLOUD) and/or type."""
        self._status, self._job_type = status or None, job_type or None
        self._generation += 1
        self.refresh_now()

    def refresh_now(self) -> None:
        """Reload the ids here, on the UI thread (filters, tests)."""
        self._apply_ids(self._queue.list_ids(status=self._status, job_type=self._job_type), self._generation)

    def refresh(self) -> None:
        """Check the store's counts off the UI thread; reload the ids only when they changed."""
        if self._refreshing:
            return
        self._refreshing = True
        generation, status, job_type, last = self._generation, self._status, self._job_type, self._last_counts
        queue = self._queue

        def work() -> tuple[dict[str, int], list[str] | None]:
            """Runs on a pool thread."""
            counts = queue.counts()
            if last is not None and _same_membership(counts, last, status, job_type):
                return counts, None
            return counts, queue.list_ids(status=status, job_type=job_type)

        def done(found: tuple[dict[str, int], list[str] | None]) -> None:
            self._refreshing = False
            counts, ids = found
            self._last_counts = counts
            if ids is not None:
                self._apply_ids(ids, generation)
            self.invalidate_all()

        def failed(exc: Exception) -> None:
            self._refreshing = False
            log.warning("jobs refresh failed: %s", exc)

        StoreOp(self, work).success(done).failure(failed).run()

    def _apply_ids(self, ids: list[str], generation: int) -> None:
        if generation != self._generation:
            return  # a filter changed while this list was loading
        old = self._ids
        if ids == old:
            return
        if len(ids) > len(old) and ids[: len(old)] == old:
            # Only new jobs at the end (the usual case while importing): keep the view's state.
            self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
            self._ids = ids
            self._row_of = None
            last_page = (len(old) - 1) // PAGE_SIZE if old else -1
            if last_page in self._cache:
                self._stale.add(last_page)  # the last page was short; it grows now
            self.endInsertRows()
            return
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        self._cache.clear()
        self._stale.clear()
        self.endResetModel()

    def note_changed(self, job_ids: Iterable[str]) -> None:
        """Jobs changed (loop events): their rows are refetched shortly, if they are on screen."""
        self._dirty.update(job_ids)
        if not self._dirty_timer.isActive():
            self._dirty_timer.start()

    def _flush_dirty(self) -> None:
        dirty, self._dirty = self._dirty, set()
        pages: set[int] = set()
        for job_id in dirty:
            row = self.row_of(job_id)
            if row is not None and row // PAGE_SIZE in self._cache:
                pages.add(row // PAGE_SIZE)
        for page in pages:
            self._stale.add(page)
            self._emit_page_changed(page)  # the view asks for the rows it shows: those pages reload

    def invalidate_all(self) -> None:
        """Every cached page is reloaded when (and only if) a view shows it again."""
        for page in list(self._cache):
            self._stale.add(page)
            self._emit_page_changed(page)

    def stop_timers(self) -> None:
        self._refresh_timer.stop()
        self._dirty_timer.stop()

    def ids(self) -> Sequence[str]:
        return tuple(self._ids)
