"""Review: the queue of uncertain OMR reads, each shown on the original scan (warped onto the template,
at full resolution) with the template's bubbles outlined over it; and the pages the worker rejected,
with the reason and the image.

Correct a read by clicking a bubble, pressing its key (1-5 for answers, 0-9 for digits; Backspace for
blank), or typing the value; Enter confirms the read as it is (recorded as confirmed, not as a
correction) and moves on. Corrections are stored by `desktop.services.review` as their own records (the
worker's read stays as it was); the score shown is the effective one. N / → / PageDown go to the next
read, P / ← / PageUp to the previous one; O shows or hides the overlay, whose opacity has a slider.
The list filters by exam and by reason and says how many sheets wait for review and how many are held
from sync; a sheet whose last flag is resolved is released for sync (the Sync screen sends it when
online). UI thread; store work through StoreOp.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.exams import list_exams
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.models.records_model import RecordsTableModel
from desktop.gui.ops import StoreOp, one_line
from desktop.gui.widgets.sheet_view import DEFAULT_OPACITY, SheetView, qimage_from_array
from desktop.gui.worker_texts import worker_text
from desktop.services.bootstrap import DeskServices
from desktop.services.review import (
    REASONS,
    SHEET,
    confirm,
    correct,
    effective_result,
    review_counts,
    review_queue,
)
from desktop.services.sheet_image import warped_scan
from worker.omr.pages import load_page
from worker.omr.template import Template, load_template

log = logging.getLogger(__name__)

NEXT_KEYS = (Qt.Key.Key_N, Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
PREV_KEYS = (Qt.Key.Key_P, Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up)
CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
OVERLAY_KEY = Qt.Key.Key_O
ALL = ""  # the filters' "everything" entry


def _load_sheet(result: dict[str, Any]) -> tuple[QImage | None, Template | None, str]:
    """Runs on a pool thread: the original scan warped onto the template, and the template (QImage is
    safe off the UI thread). Falls back to the worker's annotated sheet when the scan cannot be read."""
    template = None
    try:
        template = load_template(result["template"])
    except Exception as exc:
        log.warning("cannot load the template for review: %s", exc)
    if template is not None and result.get("image_path"):
        try:
            return qimage_from_array(warped_scan(str(result["image_path"]), int(result.get("page") or 0), template)), template, ""
        except ValueError as exc:
            log.warning("cannot show the original scan: %s", exc)
    path = result.get("annotated_image")
    if path and Path(path).exists():
        image = QImage(str(path))
        if not image.isNull():
            return image, template, ""
    return None, template, str(result.get("image_path") or path or "")


def _load_rejected_image(payload: dict[str, Any]) -> QImage | None:
    """Runs on a pool thread: the scan page a rejected job was about (as far as it can be decoded)."""
    try:
        page = load_page(payload["image_path"], int(payload.get("page") or 0))
    except Exception:
        path = payload.get("image_path")
        image = QImage(str(path)) if path else QImage()
        return None if image.isNull() else image
    return qimage_from_array(page.grey)


class ReviewScreen(QWidget):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        bus.sheet_requested.connect(self.show_job)
        self.ctx = ctx
        self._stale = True
        self._loading = False
        self._current_job: str | None = None
        self._template: Template | None = None
        self._column_values: dict[str, str] = {}
        self.last_correction: Any = None

        self.items_model = RecordsTableModel([
            (self.tr("File"), lambda i: i.file),
            (self.tr("Field"), self.field_text),
            (self.tr("Read"), lambda i: i.value),
            (self.tr("Confidence"), lambda i: f"{i.confidence:.2f}" if i.confidence is not None else ""),
            (self.tr("Why"), self.reason_text),
        ], self)
        self.items_view = QTableView()
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.verticalHeader().hide()
        self.items_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.items_view.horizontalHeader().setStretchLastSection(True)
        self.items_view.selectionModel().currentRowChanged.connect(self._item_chosen)
        # The list and the sheet never take the keyboard: digits, N/P and the arrows always reach this
        # screen (a focused table would use them for its own search and cursor).
        self.items_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._all_items: list[Any] = []
        self.exam_filter = QComboBox()
        self.exam_filter.addItem(self.tr("All exams"), ALL)
        self.reason_filter = QComboBox()
        self.reason_filter.addItem(self.tr("All reasons"), ALL)
        for code in (*REASONS, "not_on_roster", "duplicate_id"):
            if self.reason_filter.findData(code) < 0:
                self.reason_filter.addItem(self.reason_text_of(code), code)
        for combo in (self.exam_filter, self.reason_filter):
            combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            combo.currentIndexChanged.connect(lambda _i: self._apply_filters())

        self.sheet = SheetView()
        self.sheet.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(DEFAULT_OPACITY * 100))
        self.opacity.setFixedWidth(100)
        self.opacity.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.opacity.setToolTip(self.tr("Overlay opacity (O shows or hides it)"))
        self.opacity.valueChanged.connect(lambda v: self.sheet.set_overlay_opacity(v / 100))
        confirm_button = QPushButton(self.tr("Confirm read (Enter)"))
        confirm_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        confirm_button.clicked.connect(self.confirm_current)
        self.sheet.bubble_clicked.connect(self._bubble_clicked)
        self.field_label = QLabel()
        self.field_label.setTextFormat(Qt.TextFormat.RichText)
        # For a student id not on the roster: the closest roster ids, one click each to take one.
        self.suggestions = QWidget()
        self.suggestion_row = QHBoxLayout(self.suggestions)
        self.suggestion_row.setContentsMargins(0, 0, 0, 0)
        self.suggestions.hide()
        self.value_edit = QLineEdit()
        self.value_edit.setPlaceholderText(self.tr("corrected value"))
        self.value_edit.returnPressed.connect(self._apply_typed)
        apply_button = QPushButton(self.tr("Apply"))
        apply_button.clicked.connect(self._apply_typed)
        prev_button = QPushButton(self.tr("◀ Previous"))
        next_button = QPushButton(self.tr("Next ▶"))
        prev_button.clicked.connect(self.previous_item)
        next_button.clicked.connect(self.next_item)
        zoom_in, zoom_out, fit = QPushButton("+"), QPushButton("−"), QPushButton(self.tr("Fit"))
        zoom_in.clicked.connect(lambda: self.sheet.zoom_by(1.25))
        zoom_out.clicked.connect(lambda: self.sheet.zoom_by(0.8))
        fit.clicked.connect(self.sheet.fit)
        self.score_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(prev_button)
        bar.addWidget(next_button)
        bar.addWidget(self.value_edit)
        bar.addWidget(apply_button)
        bar.addWidget(confirm_button)
        bar.addStretch(1)
        bar.addWidget(self.score_label)
        bar.addWidget(QLabel(self.tr("Overlay")))
        bar.addWidget(self.opacity)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addWidget(fit)
        help_label = QLabel(self.tr("Click a bubble or press 1–5 / 0–9 to correct (Backspace: blank); "
                                    "Enter confirms the read as it is; N/→ next, P/← previous; "
                                    "O shows or hides the overlay; the wheel zooms."))
        help_label.setWordWrap(True)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.field_label)
        rl.addWidget(self.suggestions)
        rl.addWidget(self.sheet, 1)
        rl.addLayout(bar)
        rl.addWidget(help_label)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.summary)
        filters = QHBoxLayout()
        filters.addWidget(self.exam_filter, 1)
        filters.addWidget(self.reason_filter, 1)
        ll.addLayout(filters)
        ll.addWidget(self.items_view, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([560, 800])

        # rejected pages
        self.rejected_model = RecordsTableModel([
            (self.tr("File"), lambda i: i.file),
            (self.tr("Why it was rejected"), lambda i: worker_text(i.reason)),
        ], self)
        self.rejected_view = QTableView()
        self.rejected_view.setModel(self.rejected_model)
        self.rejected_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejected_view.verticalHeader().hide()
        self.rejected_view.horizontalHeader().setStretchLastSection(True)
        self.rejected_view.setColumnWidth(0, 220)
        self.rejected_view.selectionModel().currentRowChanged.connect(self._rejected_chosen)
        self.rejected_reason = QLabel()
        self.rejected_reason.setWordWrap(True)
        self.rejected_sheet = SheetView()
        rsplit = QSplitter()
        rsplit.addWidget(self.rejected_view)
        rw = QWidget()
        rwl = QVBoxLayout(rw)
        rwl.setContentsMargins(0, 0, 0, 0)
        rwl.addWidget(self.rejected_reason)
        rwl.addWidget(self.rejected_sheet, 1)
        rsplit.addWidget(rw)
        rsplit.setStretchFactor(1, 2)

        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("Uncertain reads"))
        self.tabs.addTab(rsplit, self.tr("Rejected pages"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _reasons(self) -> dict[str, str]:
        return {
            "multi": self.tr("more than one bubble is marked"),
            "blank": self.tr("no bubble is marked"),
            "low_confidence": self.tr("the mark is faint or unclear"),
            "erasure": self.tr("an erased or stray mark is near the answer"),
            "not_on_roster": self.tr("the student id is not on the roster"),
            "duplicate_id": self.tr("another sheet of this exam has the same student id"),
            "blank_sheet": self.tr("nothing is marked on the whole sheet"),
            "orientation": self.tr("the page may have been read the wrong way up"),
        }

    def field_text(self, item: Any) -> str:
        return self.tr("whole sheet") if item.field == SHEET else str(item.field)

    def reason_text_of(self, code: str) -> str:
        return self._reasons().get(code, code)

    def reason_text(self, item: Any) -> str:
        """Why a read is flagged, in the UI language (the flags are codes; other text passes through)."""
        known = self._reasons()
        if not item.field:
            return str(item.reason)
        parts = [known[f] for f in known if f in item.flags] + [f for f in item.flags if f not in known]
        if item.suggestions:
            parts.append(self.tr("closest on the roster: {ids}").format(ids=", ".join(item.suggestions)))
        return "; ".join(parts) or item.reason

    # ------------------------------------------------------------------ loading
    def mark_stale(self) -> None:
        """New results exist; reload when the screen is next shown (or now, if visible)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def on_shown(self) -> None:
        self.setFocus()
        if self._stale:
            self.reload()

    def reload(self, then_select: int | None = None) -> None:
        if self._loading:
            return
        self._loading = True
        self._stale = False

        queue = self.ctx.queue

        def work() -> tuple[list[Any], list[Any], Any, list[tuple[str, str]]]:
            """Runs on a pool thread. Rejected pages come as items without a field."""
            found = review_queue(queue)
            exams = [(str(e.id), e.name) for e in list_exams(queue.store)]
            return [i for i in found if i.field], [i for i in found if not i.field], review_counts(queue, found), exams

        def done(found: tuple[list[Any], list[Any], Any, list[tuple[str, str]]]) -> None:
            self._loading = False
            items, rejected, counts, exams = found
            self._all_items = items
            self._set_exams(exams)
            self.rejected_model.set_records(rejected)
            self.summary.setText(
                self.tr("{sheets} sheets wait for review ({n} reads); {held} sheets held from sync until reviewed")
                .format(sheets=counts.sheets_to_review, n=len(items), held=counts.held))
            self.tabs.setTabText(0, self.tr("Uncertain reads ({n})").format(n=len(items)))
            self.tabs.setTabText(1, self.tr("Rejected pages ({n})").format(n=len(rejected)))
            self._apply_filters(then_select)

        def failed(exc: Exception) -> None:
            self._loading = False
            self.summary.setText(one_line(exc))

        StoreOp(self, work).success(done).failure(failed).run()

    def _set_exams(self, exams: list[tuple[str, str]]) -> None:
        current = self.exam_filter.currentData()
        self.exam_filter.blockSignals(True)
        while self.exam_filter.count() > 1:
            self.exam_filter.removeItem(1)
        for exam_id, name in exams:
            self.exam_filter.addItem(name, exam_id)
        self.exam_filter.setCurrentIndex(max(0, self.exam_filter.findData(current)))
        self.exam_filter.blockSignals(False)

    def _apply_filters(self, then_select: int | None = None) -> None:
        """Show the loaded reads of the chosen exam and reason; select row `then_select` (or the first)."""
        exam, reason = self.exam_filter.currentData(), self.reason_filter.currentData()
        shown = [i for i in self._all_items
                 if (exam == ALL or i.exam_id == exam) and (reason == ALL or reason in i.flags)]
        self.items_model.set_records(shown)
        if shown:
            row = min(then_select or 0, len(shown) - 1)
            self.items_view.selectRow(row)
            self.items_view.setCurrentIndex(self.items_model.index(row, 0))
        else:
            self._current_job = None
            self.sheet.clear()
            self.field_label.setText(self.tr("Nothing to review."))

    def current_item(self) -> Any:
        index = self.items_view.currentIndex()
        return self.items_model.record(index.row()) if index.isValid() else None

    def _item_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.items_model.record(current.row())
        if item is None:
            return
        self.value_edit.clear()
        if self.isVisible() and not self.value_edit.hasFocus():
            self.setFocus()
        flags = ", ".join(item.flags) if item.flags else ""
        self.field_label.setText(
            self.tr("<b>{file}</b> · {field}: {why} (Enter confirms the sheet as read)").format(
                file=item.file, field=self.field_text(item), why=self.reason_text(item) or flags)
            if item.field == SHEET else
            self.tr("<b>{file}</b> · {field}: read <b>{value}</b> ({why})").format(
                file=item.file, field=item.field, value=item.value or self.tr("blank"), why=self.reason_text(item) or flags))
        self._show_suggestions(item)
        if item.job_id == self._current_job and self._template is not None:
            self._focus(item)
            return
        self._current_job = item.job_id
        queue = self.ctx.queue

        def work() -> tuple[dict[str, Any], tuple[QImage | None, Template | None, str]]:
            result = effective_result(queue, item.job_id)
            return result, _load_sheet(result)

        StoreOp(self, work).success(lambda found: self._show_sheet(item, *found)).run()

    def _show_suggestions(self, item: Any) -> None:
        while (taken := self.suggestion_row.takeAt(0)) is not None:
            if (widget := taken.widget()) is not None:
                widget.deleteLater()
        if not item.suggestions:
            self.suggestions.hide()
            return
        self.suggestion_row.addWidget(QLabel(self.tr("Closest on the roster:")))
        for student_id in item.suggestions:
            button = QPushButton(student_id)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(self.tr("Take {id} as this sheet's student id").format(id=student_id))
            button.clicked.connect(lambda _checked=False, value=student_id: self.correct_current(value))
            self.suggestion_row.addWidget(button)
        self.suggestion_row.addStretch(1)
        self.suggestions.show()

    def suggestion_buttons(self) -> list[QPushButton]:
        found = (self.suggestion_row.itemAt(i) for i in range(self.suggestion_row.count()))
        return [w for item in found if item is not None and isinstance(w := item.widget(), QPushButton)]

    def _show_sheet(self, item: Any, result: dict[str, Any], loaded: tuple[QImage | None, Template | None, str]) -> None:
        if self.current_item() is not item:
            return
        image, template, missing = loaded
        self._template = template
        self._set_result(result)
        if image is None:
            self.sheet.clear()
            self.field_label.setText(self.field_label.text() + "<br>" + self.tr("Sheet image missing: {path}").format(path=missing))
            return
        self.sheet.show_image(image, template)
        self._focus(item)

    def _set_result(self, result: dict[str, Any]) -> None:
        fields = result.get("fields") or {}
        self._column_values = {name: str(col.get("value", "")) for name, col in fields.items()}
        score, top = result.get("score"), result.get("max_score")
        self.score_label.setText(self.tr("Score: {score} / {max}").format(score=score, max=top) if score is not None else "")

    def members(self, column: str) -> list[str]:
        """The bubble fields of an output column (none for an item about the whole sheet)."""
        if column == SHEET:
            return []
        if self._template is None:
            return [column]
        return list(self._template.custom_labels.get(column, [column]))

    def _focus(self, item: Any) -> None:
        members = self.members(item.field)
        value = self._column_values.get(item.field, item.value or "")
        chosen: dict[str, str] = {}
        if len(members) == 1:
            chosen[members[0]] = value
        else:
            for i, label in enumerate(members):
                chosen[label] = value[i] if i < len(value) else ""
        self.sheet.set_focus_fields(members, chosen)

    # ------------------------------------------------------------------ correcting
    def _bubble_clicked(self, field: str, value: str) -> None:
        item = self.current_item()
        if item is None:
            return
        members = self.members(item.field)
        if len(members) == 1:
            self.correct_current(value)
            return
        current = self._column_values.get(item.field, item.value or "")
        chars = list(current.ljust(len(members)))[: len(members)]
        chars[members.index(field)] = value
        self.correct_current("".join(chars).strip())

    def _apply_typed(self) -> None:
        text = self.value_edit.text().strip()
        if self.current_item() is not None:
            self.correct_current(text)

    def correct_current(self, value: str) -> None:
        item = self.current_item()
        if item is None or item.field == SHEET:  # a whole sheet is confirmed (Enter), not given a value
            return
        queue = self.ctx.queue
        self._store_review(item, lambda: correct(queue, item.job_id, item.field, value))

    def confirm_current(self) -> None:
        """The read is right as it is (Enter): recorded as confirmed; the next read comes up."""
        item = self.current_item()
        if item is None:
            return
        queue = self.ctx.queue
        self._store_review(item, lambda: confirm(queue, item.job_id, item.field))

    def _store_review(self, item: Any, action: Any) -> None:
        queue = self.ctx.queue
        row = self.items_view.currentIndex().row()

        def work() -> tuple[Any, dict[str, Any]]:
            corrected = action()
            return corrected, effective_result(queue, item.job_id)

        def done(found: tuple[Any, dict[str, Any]]) -> None:
            self.last_correction, result = found
            self._set_result(result)
            self._current_job = None  # the sheet's values changed; redraw it on the next selection
            # outbox: a resolved sheet was released, or a correction post queued; Sync sends it.
            self.bus.publish(Changes(jobs=frozenset({item.job_id}), sheets=True, outbox=True, source=self))
            # The corrected read usually leaves the queue, so the same row is now the next read.
            self.reload(then_select=row)

        StoreOp(self, work, title=self.tr("Cannot save the correction")).success(done).run()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.tabs.currentIndex() == 0 and not self.value_edit.hasFocus():
            text = event.text()
            item = self.current_item()
            if item is not None and text.isdigit() and len(text) == 1 and len(self.members(item.field)) == 1:
                self.correct_current(text)
                return
            if item is not None and text.isdigit() and len(text) == 1:
                self.value_edit.setText(self.value_edit.text() + text)
                return
            if key == Qt.Key.Key_Backspace and item is not None and len(self.members(item.field)) == 1:
                self.correct_current("")
                return
            if key in CONFIRM_KEYS and item is not None:
                self.confirm_current()
                return
        if key == OVERLAY_KEY:
            self.sheet.toggle_overlay()
            return
        if key in NEXT_KEYS:
            self.next_item()
            return
        if key in PREV_KEYS:
            self.previous_item()
            return
        super().keyPressEvent(event)

    def next_item(self) -> None:
        self._step(1)

    def previous_item(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        view = self.items_view if self.tabs.currentIndex() == 0 else self.rejected_view
        model = view.model()
        if model.rowCount() == 0:
            return
        row = max(0, min(model.rowCount() - 1, view.currentIndex().row() + delta))
        view.selectRow(row)
        view.setCurrentIndex(model.index(row, 0))

    # ------------------------------------------------------------------ rejected pages
    def _rejected_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.rejected_model.record(current.row())
        if item is None:
            return
        self.rejected_reason.setText(self.tr("<b>{file}</b> was rejected: {reason}").format(
            file=item.file, reason=worker_text(item.reason)))
        payload = {"image_path": item.image_path, "page": item.page}

        def done(image: QImage | None) -> None:
            if image is None:
                self.rejected_sheet.clear()
                self.rejected_reason.setText(self.rejected_reason.text() + " " + self.tr("(the image cannot be shown)"))
            else:
                self.rejected_sheet.show_image(image)

        StoreOp(self, lambda: _load_rejected_image(payload)).success(done).run()

    def show_job(self, job_id: str) -> None:
        """Shows this sheet (asked for by another screen on the bus): its first uncertain read, or the sheet
        alone when nothing on it needs review. Waits for a reload in progress. UI thread."""
        self._wanted_job = job_id  # a later request wins over one still waiting for the reload
        if self._loading:
            def once() -> None:
                self.items_model.modelReset.disconnect(once)
                # After the reload has chosen its row; only if no newer sheet was asked for meanwhile.
                QTimer.singleShot(0, lambda: self._show_if_still_wanted(job_id))

            self.items_model.modelReset.connect(once)
            return
        self.tabs.setCurrentIndex(0)
        row = next((i for i, r in enumerate(self.items_model.records()) if r.job_id == job_id), None)
        if row is not None:
            self.items_view.setCurrentIndex(self.items_model.index(row, 0))
            return
        # The list gives up its current read; focus goes to the sheet, or the list would pick its first
        # read again when it got the focus.
        self.sheet.setFocus()
        self.items_view.setCurrentIndex(QModelIndex())
        self._current_job = job_id
        queue = self.ctx.queue

        def work() -> tuple[dict[str, Any], tuple[QImage | None, Template | None, str]]:
            result = effective_result(queue, job_id)
            return result, _load_sheet(result)

        def done(found: tuple[dict[str, Any], tuple[QImage | None, Template | None, str]]) -> None:
            result, (image, template, _missing) = found
            if self._current_job != job_id:
                return
            self._template = template
            self._set_result(result)
            self.field_label.setText(self.tr("<b>{file}</b>: nothing on this sheet needs review.").format(
                file=result.get("file") or job_id))
            if image is None:
                self.sheet.clear()
            else:
                self.sheet.show_image(image, template)

        StoreOp(self, work, title=self.tr("Cannot show the sheet")).success(done).run()

    def _show_if_still_wanted(self, job_id: str) -> None:
        if self._wanted_job == job_id:
            self.show_job(job_id)

    def on_changes(self, changes: Changes) -> None:
        """New reads add review items, a roster change adds or clears student-id items; this screen's own
        corrections it has shown already."""
        if (changes.sheets or changes.exams or changes.roster) and changes.source is not self:
            self.mark_stale()

    def shutdown(self) -> None:
        """No timers or threads of its own."""
