"""Import: pick the exam (its template and answer key), add files and folders (or drop them), import;
and the watched scanner folder. The work itself is `desktop.services.intake.import_paths` and
`desktop.services.watch.FolderWatcher.poll`, run off the UI thread through StoreOp."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.exams import Exam, create_exam, list_exams
from core.job_types import DoubleMark
from desktop.gui import file_dialogs
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.ops import StoreOp, one_line, show_error
from desktop.gui.screens.template_designer import TemplateDesigner
from desktop.gui.widgets.answer_key_editor import AnswerKeyEditor
from desktop.gui.worker_texts import worker_text
from desktop.services.answer_keys import new_key_path, question_count, read_key_rows
from desktop.services.bootstrap import DeskServices
from desktop.services.intake import import_paths
from desktop.services.template_library import available_templates, template_label, template_title
from desktop.services.watch import FolderWatcher

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "resources" / "templates"
SCAN_FILTER = "Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf *.bmp *.webp);;All files (*)"
WATCH_INTERVAL_MS = 2000


def builtin_templates(home: Path | None = None) -> list[Path]:
    """The bundled Korean cards, then the academy's own templates from the data folder `home`."""
    return available_templates(home)


class NewExamDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, home: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New exam"))
        self.name = QLineEdit()
        self.template = QComboBox()
        self.template.setEditable(True)
        self.home = home  # the desk's data folder: templates from the designer are kept there
        for path in builtin_templates(home):
            self.template.addItem(template_label(path), str(path))
        self.answer_key = QLineEdit()
        browse_key = QPushButton(self.tr("Browse…"))
        browse_key.clicked.connect(self._browse_key)
        self.type_key = QPushButton(self.tr("Type the key…"))
        self.type_key.clicked.connect(self.edit_key)
        browse_template = QPushButton(self.tr("Browse…"))
        browse_template.clicked.connect(self._browse_template)
        design = QPushButton(self.tr("New template from a blank card…"))
        design.clicked.connect(self._design_template)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(browse_template)
        form.addRow(self.tr("Answer-card template"), row)
        form.addRow("", design)
        row = QHBoxLayout()
        row.addWidget(self.answer_key, 1)
        row.addWidget(browse_key)
        row.addWidget(self.type_key)
        form.addRow(self.tr("Answer key (optional)"), row)
        self.double_mark_wrong = QCheckBox(self.tr("Score double marks wrong, without review"))
        form.addRow("", self.double_mark_wrong)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def double_mark(self) -> DoubleMark:
        return DoubleMark.WRONG if self.double_mark_wrong.isChecked() else DoubleMark.REVIEW

    def template_path(self) -> str:
        data = self.template.currentData()
        text = self.template.currentText()
        return str(data) if data and self.template.itemText(self.template.currentIndex()) == text else text

    def key_editor(self) -> AnswerKeyEditor:
        """The editor for this exam's key: the typed key's file, with its rows when it exists already."""
        current = self.answer_key.text().strip()
        target = Path(current) if current.lower().endswith(".csv") else new_key_path(self.name.text(), self.home)
        rows = []
        if Path(target).is_file():
            try:
                rows = read_key_rows(target)
            except ValueError:
                rows = []
        return AnswerKeyEditor(target, question_count(self.template_path()), rows, self)

    def edit_key(self) -> None:
        editor = self.key_editor()
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved_path is not None:
            self.answer_key.setText(str(editor.saved_path))

    def _browse_key(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Answer key"), "Answer keys (*.csv *.json *.png *.jpg *.jpeg *.tif *.tiff *.pdf)")
        if path:
            self.answer_key.setText(path)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Template"), str(TEMPLATES_DIR), "Templates (*.json)")
        if path:
            self.template.addItem(template_label(path), path)
            self.template.setCurrentIndex(self.template.count() - 1)

    def _design_template(self) -> None:
        designer = TemplateDesigner(self, home=self.home)
        if designer.exec() == QDialog.DialogCode.Accepted and designer.saved_path is not None:
            self.template.addItem(template_label(designer.saved_path), str(designer.saved_path))
            self.template.setCurrentIndex(self.template.count() - 1)


class ImportScreen(QWidget):
    imported = Signal(object)  # tuple of new job ids; emitted on the UI thread

    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.ctx = ctx
        self.setAcceptDrops(True)
        self._exams: list[Exam] = []
        self._watcher: Any = None
        self._watching_busy = False
        self._watch_setups = 0  # counts watch starts and stops: a watcher set up for an older start is dropped
        # A file is taken once its size and time have not changed for this long (the scanner is done).
        self.watch_stable_seconds = 2.0
        self.last_report: Any = None

        # exam, template, key
        self.exam_combo = QComboBox()
        self.exam_combo.currentIndexChanged.connect(self._exam_chosen)
        new_exam = QPushButton(self.tr("New exam…"))
        new_exam.clicked.connect(self.new_exam)
        self.template_combo = QComboBox()
        self.template_combo.addItem(self.tr("(the exam's template)"), "")
        for path in builtin_templates(self.ctx.home):
            self.template_combo.addItem(template_label(path), str(path))
        self.answer_key = QLineEdit()
        self.answer_key.setPlaceholderText(self.tr("(the exam's answer key)"))
        key_button = QPushButton(self.tr("Browse…"))
        key_button.clicked.connect(self._browse_key)
        exam_box = QGroupBox(self.tr("Exam"))
        form = QFormLayout(exam_box)
        row = QHBoxLayout()
        row.addWidget(self.exam_combo, 1)
        row.addWidget(new_exam)
        form.addRow(self.tr("Exam"), row)
        self.exam_info = QLabel()
        self.exam_info.setObjectName("exam_info")
        form.addRow("", self.exam_info)
        form.addRow(self.tr("Template"), self.template_combo)
        row = QHBoxLayout()
        row.addWidget(self.answer_key, 1)
        row.addWidget(key_button)
        form.addRow(self.tr("Answer key"), row)

        # files
        self.paths = QListWidget()
        self.paths.setMinimumHeight(120)
        hint = QLabel(self.tr("Drop scan files or folders here (PNG, JPEG, TIFF, PDF). PDFs and multi-page TIFFs "
                              "are split into pages; the same scan imported twice is noticed."))
        hint.setWordWrap(True)
        add_files = QPushButton(self.tr("Add files…"))
        add_folder = QPushButton(self.tr("Add folder…"))
        clear = QPushButton(self.tr("Clear"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        add_files.clicked.connect(self.choose_files)
        add_folder.clicked.connect(self.choose_folder)
        clear.clicked.connect(self.paths.clear)
        self.import_button.clicked.connect(self.start_import)
        buttons = QHBoxLayout()
        for b in (add_files, add_folder, clear):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        files_box = QGroupBox(self.tr("Scans"))
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(hint)
        files_layout.addWidget(self.paths, 1)
        files_layout.addLayout(buttons)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(140)
        files_layout.addWidget(self.report)

        # watched folder: bound to one named exam, whatever is chosen above for a manual import
        self.watch_folder = QLineEdit(ctx.settings.watched_dir)
        watch_browse = QPushButton(self.tr("Browse…"))
        watch_browse.clicked.connect(self._browse_watch)
        self.watch_exam = QComboBox()
        self.watch_enabled = QCheckBox(self.tr("Watch this folder and import new scans into the exam:"))
        self.watch_enabled.toggled.connect(self.set_watching)
        self.watch_status = QLabel(self.tr("Not watching."))
        self.watch_status.setObjectName("watch_status")
        self.watch_log = QListWidget()
        self.watch_log.setObjectName("watch_log")
        self.watch_log.setMaximumHeight(90)
        watch_box = QGroupBox(self.tr("Scanner folder"))
        watch_layout = QVBoxLayout(watch_box)
        row = QHBoxLayout()
        row.addWidget(self.watch_folder, 1)
        row.addWidget(watch_browse)
        watch_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.watch_enabled)
        row.addWidget(self.watch_exam, 1)
        watch_layout.addLayout(row)
        watch_layout.addWidget(self.watch_status)
        watch_layout.addWidget(self.watch_log)
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self.poll_watched)

        layout = QVBoxLayout(self)
        layout.addWidget(exam_box)
        layout.addWidget(files_box, 1)
        layout.addWidget(watch_box)
        self.reload_exams()
        self._resume_watching()

    # ------------------------------------------------------------------ exams
    def reload_exams(self, select_id: int | None = None) -> None:
        self._exams = list_exams(self.ctx.store)
        self.exam_combo.blockSignals(True)
        self.exam_combo.clear()
        self.exam_combo.addItem(self.tr("(no exam: template only)"), None)
        for exam in self._exams:
            self.exam_combo.addItem(exam.name, exam.id)
        self.exam_combo.blockSignals(False)
        self._fill_watch_exams()
        if select_id is not None:
            self.exam_combo.setCurrentIndex(self.exam_combo.findData(select_id))
        elif self._exams:
            self.exam_combo.setCurrentIndex(1)
        self._exam_chosen()

    def current_exam(self) -> Exam | None:
        exam_id = self.exam_combo.currentData()
        return next((e for e in self._exams if e.id == exam_id), None)

    def _exam_chosen(self, *_args: object) -> None:
        exam = self.current_exam()
        self.template_combo.setItemText(0, self.tr("(the exam's template)") if exam else self.tr("(choose a template)"))
        if exam is None and self.template_combo.currentIndex() == 0 and self.template_combo.count() > 1:
            self.template_combo.setCurrentIndex(1)
        elif exam is not None:
            self.template_combo.setCurrentIndex(0)
        self.exam_info.setText(self.describe_exam(exam))

    def describe_exam(self, exam: Exam | None) -> str:
        """The exam's card and key as the teacher knows them: the card's title, the key's file or none."""
        if exam is None:
            return ""
        key = exam.answer_key_path.name if exam.answer_key_path else self.tr("none (no scores)")
        return self.tr("Card: {card} · Answer key: {key}").format(card=template_title(exam.template_path), key=key)

    def new_exam(self) -> None:
        dialog = NewExamDialog(self, home=self.ctx.home)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, template, key = dialog.name.text(), dialog.template_path(), dialog.answer_key.text().strip() or None
        rule = dialog.double_mark()
        self._offer_templates()
        store = self.ctx.store
        StoreOp(self, lambda: create_exam(store, name, template, key, rule),
                title=self.tr("Cannot create the exam")).success(
            lambda exam: self.reload_exams(select_id=exam.id)
        ).run()

    def _offer_templates(self) -> None:
        """Templates saved meanwhile (from the designer) join the list."""
        known = {self.template_combo.itemData(i) for i in range(self.template_combo.count())}
        for path in builtin_templates(self.ctx.home):
            if str(path) not in known:
                self.template_combo.addItem(template_label(path), str(path))

    # ------------------------------------------------------------------ paths
    def add_paths(self, paths: list[str]) -> None:
        existing = {self.paths.item(i).text() for i in range(self.paths.count())}
        for path in paths:
            if path and path not in existing:
                self.paths.addItem(path)
                existing.add(path)

    def queued_paths(self) -> list[str]:
        return [self.paths.item(i).text() for i in range(self.paths.count())]

    def choose_files(self) -> None:
        files = file_dialogs.open_files(self, self.tr("Add scans"), SCAN_FILTER)
        self.add_paths(files)

    def choose_folder(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Add a folder of scans"))
        if folder:
            self.add_paths([folder])

    def _browse_key(self) -> None:
        path = file_dialogs.open_file(self, self.tr("Answer key"), "Answer keys (*.csv *.json *.png *.jpg *.jpeg *.tif *.tiff *.pdf)")
        if path:
            self.answer_key.setText(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_paths(paths)
        event.acceptProposedAction()

    # ------------------------------------------------------------------ import
    def import_options(self) -> dict[str, Any]:
        exam = self.current_exam()
        template = self.template_combo.currentData() or None
        key = self.answer_key.text().strip() or None
        return {"exam": exam, "template": template, "answer_key": key}

    def start_import(self) -> None:
        paths = self.queued_paths()
        if not paths:
            self.report.setPlainText(self.tr("Add scan files or folders first."))
            return
        options = self.import_options()
        queue, settings = self.ctx.queue, self.ctx.settings
        self.import_button.setEnabled(False)
        self.report.setPlainText(self.tr("Importing…"))

        def failed(exc: Exception) -> None:
            self.import_button.setEnabled(True)
            self.report.setPlainText(self.tr("Import failed: {error}").format(error=one_line(exc)))
            show_error(self, self.tr("Import failed"), exc)

        StoreOp(self, lambda: import_paths(queue, paths, settings=settings, **options)).success(
            self._import_done
        ).failure(failed).run()

    def _import_done(self, report: Any) -> None:
        self.import_button.setEnabled(True)
        self.last_report = report
        self.paths.clear()
        self.report.setPlainText(self.describe_report(report))
        self.imported.emit(tuple(report.job_ids))
        self.bus.publish(Changes(jobs=frozenset(report.job_ids), exams=True, source=self))

    def describe_report(self, report: Any) -> str:
        lines = [self.tr("{pages} pages queued, {dups} duplicates left out, {errors} files could not be read.").format(
            pages=len(report.job_ids), dups=len(report.duplicates), errors=len(report.errors))]
        for dup in report.duplicates[:20]:
            lines.append(self.tr("Duplicate: {name} page {page} (already imported)").format(name=Path(dup.path).name, page=dup.page + 1))
        for problem in report.errors[:20]:
            lines.append(self.tr("Error: {message}").format(message=worker_text(problem.message)))
        return "\n".join(lines)

    # ------------------------------------------------------------------ watched folder
    def _browse_watch(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Scanner folder"))
        if folder:
            self.watch_folder.setText(folder)

    def _fill_watch_exams(self) -> None:
        bound = self._watcher.exam.id if self._watcher is not None and self._watcher.exam else None
        chosen = bound if bound is not None else (self.watch_exam.currentData() or self.ctx.settings.watched_exam_id)
        self.watch_exam.clear()
        for exam in self._exams:
            self.watch_exam.addItem(exam.name, exam.id)
        index = self.watch_exam.findData(chosen)
        if index >= 0:
            self.watch_exam.setCurrentIndex(index)

    def _resume_watching(self) -> None:
        """Watching stays on across restarts, for the exam it was bound to (if that exam still exists)."""
        s = self.ctx.settings
        if s.watching and s.watched_dir and self.watch_exam.findData(s.watched_exam_id) >= 0:
            self.watch_exam.setCurrentIndex(self.watch_exam.findData(s.watched_exam_id))
            self.watch_enabled.setChecked(True)

    def watched_exam(self) -> Exam | None:
        """The exam the scanner folder files scans under (None when not watching)."""
        return self._watcher.exam if self._watcher is not None else None

    def set_watching(self, on: bool) -> None:
        self.watch_exam.setEnabled(not on)
        self.watch_folder.setEnabled(not on)
        self._watch_setups += 1
        if not on:
            self._watch_timer.stop()
            self._watcher = None
            self.watch_status.setText(self.tr("Not watching."))
            if self.ctx.settings.watching:
                self.ctx.update_settings(watching=False)
            return
        folder = self.watch_folder.text().strip()
        exam_id = self.watch_exam.currentData()
        exam = next((e for e in self._exams if e.id == exam_id), None)
        if not folder or exam is None:
            self.watch_status.setText(self.tr("Choose a folder and the exam its scans belong to first."))
            self.watch_enabled.setChecked(False)
            return
        setup = self._watch_setups
        queue, settings, stable = self.ctx.queue, self.ctx.settings, self.watch_stable_seconds
        self.watch_status.setText(self.tr("Starting to watch {folder}…").format(folder=folder))

        def make() -> FolderWatcher:
            """Runs on a pool thread: the exam's template and key are read here once (a scanned key is
            read as a card, which the UI must not wait for)."""
            return FolderWatcher(queue, folder, exam=exam, stable_seconds=stable, settings=settings)

        def started(watcher: FolderWatcher) -> None:
            if setup != self._watch_setups:  # stopped (or started again) meanwhile
                return
            self._watcher = watcher
            self.ctx.update_settings(watched_dir=folder, watched_exam_id=exam.id, watching=True)
            self.bus.publish(Changes(settings=True, source=self))
            self.watch_status.setText(
                self.tr("Watching {folder}: new scans go into “{exam}”.").format(folder=folder, exam=exam.name))
            self._watch_timer.start()
            self.poll_watched()

        def failed(exc: Exception) -> None:
            if setup != self._watch_setups:
                return
            self.watch_status.setText(one_line(exc))
            self.watch_enabled.setChecked(False)

        StoreOp(self, make).success(started).failure(failed).run()

    def poll_watched(self) -> None:
        """Timer tick on the UI thread; the folder is read on a pool thread, one poll at a time."""
        watcher = self._watcher
        if watcher is None or self._watching_busy:
            return
        self._watching_busy = True

        def done(report: Any) -> None:
            self._watching_busy = False
            if report.job_ids:
                self.watch_status.setText(self.tr("Took {n} new pages from the scanner folder into “{exam}”.").format(
                    n=len(report.job_ids), exam=watcher.exam.name if watcher.exam else ""))
                self._log_watch(self.tr("{n} new pages taken").format(n=len(report.job_ids)))
                self.imported.emit(tuple(report.job_ids))
                self.bus.publish(Changes(jobs=frozenset(report.job_ids), exams=True, source=self))
            for dup in report.duplicates:
                self._log_watch(self.tr("Skipped {name}: the same scan was imported before (job {job}).").format(
                    name=Path(dup.path).name, job=dup.existing_job_id[:8] or "-"))
            for problem in report.errors:
                log.warning("scanner folder: %s", problem.message)
                self._log_watch(self.tr("Cannot read {name}: {message}").format(
                    name=Path(problem.path).name, message=worker_text(problem.message)))

        def failed(exc: Exception) -> None:
            self._watching_busy = False
            self.watch_status.setText(self.tr("Scanner folder: {error}").format(error=one_line(exc)))

        StoreOp(self, watcher.poll).success(done).failure(failed).run()

    def _log_watch(self, line: str) -> None:
        self.watch_log.insertItem(0, f"{time.strftime('%H:%M:%S')}  {line}")
        while self.watch_log.count() > 200:
            self.watch_log.takeItem(self.watch_log.count() - 1)

    def shutdown(self) -> None:
        self._watch_timer.stop()
        self._watcher = None

    def on_shown(self) -> None:
        """Nothing to refresh: the screen shows what it was given."""

    def on_changes(self, changes: Changes) -> None:
        """Exams made elsewhere appear in the exam list."""
        if changes.exams and changes.source is not self:
            self.reload_exams()
