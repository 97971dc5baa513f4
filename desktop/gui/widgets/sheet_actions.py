"""Remove the selected read sheets from their exam, or move them to another exam: a context menu on any
table of sheets. The store work is `desktop.services.sheet_moves`, run off the UI thread; what changed
is published on the ChangeBus, and the message says what became of the central API's copy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMenu, QMessageBox, QWidget

from core.exams import list_exams
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.ops import StoreOp
from desktop.gui.worker_texts import worker_text
from desktop.services.bootstrap import DeskServices
from desktop.services.sheet_moves import CentralCopy, SheetChangeReport, move_sheets, remove_sheets


class SheetActions(QObject):
    """`selected_ids()` gives the job ids of the selected sheets; `exam_id()` the exam they are in.

    `finished(str)` carries the one-paragraph report of the last action (emitted on the UI thread)."""

    finished = Signal(str)

    def __init__(self, ctx: DeskServices, bus: ChangeBus, view: QAbstractItemView,
                 selected_ids: Callable[[], list[str]], exam_id: Callable[[], int | None]) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.bus = bus
        self.view = view
        self._selected_ids = selected_ids
        self._exam_id = exam_id
        self.last_report: SheetChangeReport | None = None
        self.remove_action = QAction(self.tr("Remove from this exam…"), view)
        self.move_action = QAction(self.tr("Move to another exam…"), view)
        self.remove_action.triggered.connect(lambda: self.remove())
        self.move_action.triggered.connect(lambda: self.move())
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos: QPoint) -> None:
        enabled = bool(self._selected_ids())
        self.remove_action.setEnabled(enabled)
        self.move_action.setEnabled(enabled)
        menu = QMenu(self.view)
        menu.addAction(self.remove_action)
        menu.addAction(self.move_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _parent(self) -> QWidget:
        return self.view

    def remove(self, job_ids: list[str] | None = None) -> None:
        ids = job_ids if job_ids is not None else self._selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self._parent(), self.tr("Remove sheets"),
            self.tr("Remove {n} sheets from this exam? They leave its results; the scans can be imported again. "
                    "What was already sent to the central API stays there.").format(n=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        queue = self.ctx.queue
        StoreOp(self._parent(), lambda: remove_sheets(queue, ids), title=self.tr("Cannot remove the sheets")).success(
            lambda report: self._done(report, moved_to="")).run()

    def move(self, job_ids: list[str] | None = None, exam_id: int | None = None) -> None:
        ids = job_ids if job_ids is not None else self._selected_ids()
        if not ids:
            return
        current = self._exam_id()
        others = [e for e in list_exams(self.ctx.store) if e.id != current]
        if exam_id is None:
            if not others:
                self.finished.emit(self.tr("There is no other exam to move the sheets to."))
                return
            names = [e.name for e in others]
            name, ok = QInputDialog.getItem(self._parent(), self.tr("Move sheets"),
                                            self.tr("Move {n} sheets to the exam:").format(n=len(ids)), names, 0, False)
            if not ok:
                return
            exam_id = others[names.index(name)].id
        target = next((e.name for e in others if e.id == exam_id), str(exam_id))
        queue = self.ctx.queue
        StoreOp(self._parent(), lambda: move_sheets(queue, ids, exam_id), title=self.tr("Cannot move the sheets")).success(
            lambda report: self._done(report, moved_to=target)).run()

    def _done(self, report: SheetChangeReport, *, moved_to: str) -> None:
        """Runs on the UI thread."""
        self.last_report = report
        n = len(report.changed)
        parts = [self.tr("Moved {n} sheets to “{exam}”.").format(n=n, exam=moved_to) if moved_to
                 else self.tr("Removed {n} sheets.").format(n=n)]
        if report.count(CentralCopy.DROPPED):
            parts.append(self.tr("{n} had not been sent to the central API: dropped from the outbox.").format(
                n=report.count(CentralCopy.DROPPED)))
        if report.count(CentralCopy.FOLLOWS):
            parts.append(self.tr("{n} had not been sent to the central API: they will be sent under the new exam.").format(
                n=report.count(CentralCopy.FOLLOWS)))
        if report.count(CentralCopy.KEPT):
            parts.append(self.tr("{n} were already sent: the central API keeps its copy as it was sent.").format(
                n=report.count(CentralCopy.KEPT)))
        for job_id, why in report.errors[:5]:
            parts.append(self.tr("Not changed: {job}: {why}").format(job=job_id[:8], why=worker_text(why)))
        if n:
            self.bus.publish(Changes(jobs=frozenset(j for j, _ in report.changed), sheets=True, exams=True, outbox=True))
        self.finished.emit(" ".join(parts))
