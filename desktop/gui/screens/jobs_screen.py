"""Jobs: the worker's controls and overall progress, and the table of every job with filters,
details, retry and discard. All on the UI thread; store changes go through StoreOp."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.contracts import JobStatus
from core.queue import WAITING_FOR_CLOUD, JobEvent, JobView
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.models.jobs_model import COL_FILE, JobsTableModel
from desktop.gui.ops import StoreOp, show_error
from desktop.gui.widgets.sheet_actions import SheetActions
from desktop.gui.worker_texts import event_kind, worker_text
from desktop.gui.worker_thread import PAUSED, RUNNING, STOPPED, WorkerController
from desktop.services.bootstrap import DeskServices
from desktop.services.eta import ProgressSnapshot, format_duration

ROW_HEIGHT = 24
STATUSES = ("", *JobStatus, WAITING_FOR_CLOUD)
TYPES = ("", "omr", "ocr", "question_segmentation", "handwriting_analysis", "homework_video_analysis",
         "embedding", "problem_generation")


class JobsScreen(QWidget):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, worker: WorkerController, parent: QWidget | None = None,
                 *, auto_refresh_ms: int = 2000) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.worker = worker
        self.model = JobsTableModel(ctx.queue, self, auto_refresh_ms=auto_refresh_ms)
        self._selected_id: str | None = None

        # worker controls
        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button.clicked.connect(worker.start)
        self.pause_button.clicked.connect(worker.pause)
        self.stop_button.clicked.connect(worker.stop)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(1, 64)
        self.concurrency.setValue(worker.concurrency)
        self.concurrency.valueChanged.connect(self._concurrency_chosen)
        self.overall = QProgressBar()
        self.overall.setRange(0, 1000)
        self.eta = QLabel()
        controls = QHBoxLayout()
        for w in (self.start_button, self.pause_button, self.stop_button):
            controls.addWidget(w)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Sheets at once:")))
        controls.addWidget(self.concurrency)
        controls.addSpacing(12)
        controls.addWidget(self.overall, 1)
        controls.addWidget(self.eta)

        # filters and actions
        self.status_filter = QComboBox()
        labels = {"": self.tr("All statuses"), JobStatus.PENDING: self.tr("Pending"), JobStatus.RUNNING: self.tr("Running"),
                  JobStatus.DONE: self.tr("Done"), JobStatus.FAILED: self.tr("Failed"),
                  WAITING_FOR_CLOUD: self.tr("Waiting for cloud")}
        for status in STATUSES:
            self.status_filter.addItem(labels[status], status)
        self.type_filter = QComboBox()
        for job_type in TYPES:
            self.type_filter.addItem(job_type or self.tr("All types"), job_type)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.type_filter.currentIndexChanged.connect(self._apply_filter)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.type_filter)
        filters.addWidget(self.count_label, 1)
        filters.addWidget(self.retry_button)
        filters.addWidget(self.discard_button)

        # table
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fixed row heights: the view never measures rows it does not show (100k rows stay smooth).
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(ROW_HEIGHT)
        vh.hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((120, 70, 220, 70, 70, 110)):
            self.table.setColumnWidth(col, width)
        self.table.setColumnWidth(COL_FILE, 220)
        hh.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.model.modelReset.connect(self._restore_selection)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select a job to see its history and error."))
        # A read sheet is not discarded but removed from its exam or moved (right-click), as on Results.
        self.sheet_actions = SheetActions(ctx, bus, self.table, self.selected_ids, lambda: None)
        self.action_note = QLabel()
        self.action_note.setWordWrap(True)
        filters.insertWidget(filters.indexOf(self.count_label) + 1, self.action_note, 2)
        self.sheet_actions.finished.connect(self.action_note.setText)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        worker.state_changed.connect(self._on_worker_state)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self._on_worker_state(worker.state)
        # The ids load off the UI thread: 100,000 of them take a few hundred milliseconds.
        self.model.refresh()
        self._update_count()

    # ------------------------------------------------------------------ worker
    def _concurrency_chosen(self, n: int) -> None:
        """The same number is the Settings tab's: saved, and the worker restarts with it."""
        self.worker.set_concurrency(n)
        if self.ctx.settings.concurrency != n:
            self.ctx.update_settings(concurrency=n)
            self.bus.publish(Changes(settings=True, source=self))

    def _on_worker_state(self, state: str) -> None:
        self.start_button.setEnabled(state in (STOPPED, PAUSED))
        self.start_button.setText(self.tr("Resume") if state == PAUSED else self.tr("Start"))
        self.pause_button.setEnabled(state == RUNNING)
        self.stop_button.setEnabled(state in (RUNNING, PAUSED))

    def show_progress(self, snap: ProgressSnapshot) -> None:
        self.overall.setValue(round(snap.fraction * 1000))
        self.overall.setFormat(self.tr("{done} of {total} sheets").format(done=snap.finished, total=snap.finished + snap.remaining))
        if snap.remaining and snap.seconds_left is not None:
            self.eta.setText(self.tr("about {eta} left ({rate:.0f}/min)").format(eta=format_duration(snap.seconds_left), rate=snap.per_minute))
        elif snap.remaining:
            self.eta.setText(self.tr("{n} waiting").format(n=snap.remaining))
        else:
            self.eta.setText(self.tr("all done") if snap.finished else "")

    # ------------------------------------------------------------------ table
    def _apply_filter(self) -> None:
        self.model.set_filter(status=self.status_filter.currentData(), job_type=self.type_filter.currentData())
        self._update_count()

    def _update_count(self, *_args: object) -> None:
        self.count_label.setText(self.tr("{n} jobs").format(n=f"{self.model.rowCount():,}"))

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [job_id for job_id in (self.model.job_id(r) for r in rows) if job_id]

    def _show_details(self, *_args: object) -> None:
        ids = self.selected_ids()
        self._selected_id = ids[0] if ids else None
        if not ids:
            self.details.clear()
            return
        job_id = ids[0]
        queue = self.ctx.queue
        StoreOp(self, lambda: (queue.get(job_id), queue.events(job_id))).success(self._fill_details).run()

    def _fill_details(self, found: tuple[JobView | None, list[JobEvent]]) -> None:
        view, events = found
        if view is None or view.job_id != self._selected_id:
            return
        lines = [f"{view.job_id}  {view.job_type}  {self.model.status_label(view)}"]
        if view.last_error:
            lines.append(self.tr("Error: {error}").format(error=worker_text(view.last_error)))
        lines.append(json.dumps(view.payload, ensure_ascii=False)[:500])
        for e in events:
            when = dt.datetime.fromtimestamp(e.at).strftime("%H:%M:%S")
            lines.append(f"  {when}  {event_kind(e.kind):<13} {worker_text(e.message)}")
        self.details.setPlainText("\n".join(lines))

    def _restore_selection(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def retry_selected(self) -> None:
        self._act(self.ctx.queue.retry, self.tr("Retry failed"))

    def discard_selected(self) -> None:
        self._act(self.ctx.queue.discard, self.tr("Discard failed"))

    def _act(self, action: object, title: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return

        def work() -> int:
            for job_id in ids:
                action(job_id)  # type: ignore[operator]
            return len(ids)

        def done(_n: int) -> None:
            self.model.refresh_now()
            self.model.invalidate_all()
            self.bus.publish(Changes(jobs=frozenset(ids), sheets=True, outbox=True, source=self))

        def failed(exc: Exception) -> None:
            done(0)
            show_error(self, title, exc)

        StoreOp(self, work, title=title).success(done).failure(failed).run()

    def on_shown(self) -> None:
        self.model.refresh()

    def shutdown(self) -> None:
        self.model.stop_timers()

    def on_changes(self, changes: Changes) -> None:
        """New jobs (an import) need the id list again; known ones only their rows."""
        if changes.exams:
            self.model.refresh()
        elif changes.jobs:
            self.model.note_changed(changes.jobs)

