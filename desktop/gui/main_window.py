"""The main window: one tab per screen, menus, and a status bar with the worker's overall progress.

Owns the WorkerController (the one QThread driving the worker loop) and hands it to the screens that
need it. Loop events arrive here on the UI thread and are passed on as plain data. A language switch
rebuilds the tabs and menus, so every text goes through the new translator.
"""

from __future__ import annotations

import gc
import logging
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import sqlalchemy
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer, QUrl, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QWidget,
)

from core import build_info
from core.contracts import JobStatus
from core.queue import WAITING_FOR_CLOUD
from core.settings import settings_path
from core.store.paths import log_dir
from desktop.gui import ops
from desktop.gui.changes import ChangeBus, Changes, Screen
from desktop.gui.first_run import FirstRunDialog, run_checks, should_skip_dialog, tesseract_path
from desktop.gui.i18n import Translations
from desktop.gui.screens.admin_screen import AdminScreen
from desktop.gui.screens.import_screen import ImportScreen
from desktop.gui.screens.jobs_screen import JobsScreen
from desktop.gui.screens.results_screen import ResultsScreen
from desktop.gui.screens.review_screen import ReviewScreen
from desktop.gui.screens.settings_screen import SettingsScreen
from desktop.gui.screens.sync_screen import SyncScreen
from desktop.gui.worker_thread import PAUSED, RUNNING, STOPPED, STOPPING, WorkerController
from desktop.services.bootstrap import DeskServices
from desktop.services.demo import make_demo
from desktop.services.eta import BatchProgress, format_duration
from worker.loop import LoopEvent, LoopEventKind

log = logging.getLogger(__name__)
GC_INTERVAL_MS = 120_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: DeskServices,
        *,
        translations: Translations | None = None,
        log_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScanDeskMainWindow")
        self.ctx = ctx
        self.translations = translations
        self.log_path = log_path
        self.worker = WorkerController(ctx.queue, ctx.worker_config, self)
        self.worker.loop_event.connect(self._on_loop_event)
        self.worker.state_changed.connect(self._update_status)
        self.worker.failed.connect(lambda message: ops.show_error(self, self.tr("Worker stopped"), RuntimeError(message)))
        self.progress = BatchProgress()
        self.bus = ChangeBus(self)
        self.bus.sheet_requested.connect(self._bring_review_forward)
        self.screens: list[Screen] = []
        self._counts: dict[str, int] = {}
        self._autostarted = False
        self._counting = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._building = True
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.setCentralWidget(self.tabs)
        self.resize(1280, 820)
        self._status_label = QLabel()
        self._eta_label = QLabel()
        self._progress_bar = QProgressBar()
        self._progress_bar.setMaximumWidth(260)
        self._progress_bar.setRange(0, 1000)
        self.statusBar().addWidget(self._status_label, 1)
        self.statusBar().addPermanentWidget(self._eta_label)
        self.statusBar().addPermanentWidget(self._progress_bar)
        self._build()
        self._quit_asked = False  # by a stop signal: close without the question
        self._count_timer = QTimer(self)
        self._count_timer.setInterval(1000)
        self._count_timer.timeout.connect(self._poll_counts)
        self._count_timer.start()
        self._poll_counts()
        # Full garbage collections run here, when no sheets are being processed (see app.tune_gc).
        self._gc_timer = QTimer(self)
        self._gc_timer.setInterval(GC_INTERVAL_MS)
        self._gc_timer.timeout.connect(self._collect_garbage)
        self._gc_timer.start()

    # ------------------------------------------------------------------ building (and rebuilding)
    def _build(self) -> None:
        self.setWindowTitle(self.tr("ScanDesk"))
        current = self.tabs.currentIndex()
        self._building = True
        self._teardown_screens()
        self.import_screen = ImportScreen(self.ctx, self.bus, self)
        self.jobs_screen = JobsScreen(self.ctx, self.bus, self.worker, self)
        self.review_screen = ReviewScreen(self.ctx, self.bus, self)
        self.results_screen = ResultsScreen(self.ctx, self.bus, self)
        self.sync_screen = SyncScreen(self.ctx, self.bus, self)
        self.admin_screen = AdminScreen(self.ctx, self.bus, self)
        self.settings_screen = SettingsScreen(self.ctx, self.bus, self)
        self.settings_screen.language_changed.connect(self.switch_language)
        self.settings_screen.settings_saved.connect(self._on_settings_saved)
        self.screens = [
            self.import_screen, self.jobs_screen, self.review_screen, self.results_screen,
            self.sync_screen, self.admin_screen, self.settings_screen,
        ]
        for screen in self.screens:
            self.bus.changed.connect(screen.on_changes)
        self.tabs.addTab(self.import_screen, self.tr("Import"))
        self.tabs.addTab(self.jobs_screen, self.tr("Jobs"))
        self.tabs.addTab(self.review_screen, self.tr("Review"))
        self.tabs.addTab(self.results_screen, self.tr("Results"))
        self.tabs.addTab(self.sync_screen, self.tr("Sync"))
        self.tabs.addTab(self.admin_screen, self.tr("Admin"))
        self.tabs.addTab(self.settings_screen, self.tr("Settings"))
        self._update_admin_visibility()
        self._building = False
        if current >= 0:
            self.tabs.setCurrentIndex(current)
        self._build_menus()
        self._update_status()

    def _teardown_screens(self) -> None:
        self._building = True
        for screen in self.screens:
            self.bus.changed.disconnect(screen.on_changes)
            screen.shutdown()
        self.screens = []
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("Import &files…"), self.import_screen.choose_files, QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Import f&older…"), self.import_screen.choose_folder)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        worker_menu = bar.addMenu(self.tr("&Worker"))
        self._action(worker_menu, self.tr("&Start"), self.worker.start)
        self._action(worker_menu, self.tr("&Pause"), self.worker.pause)
        self._action(worker_menu, self.tr("S&top"), self.worker.stop)
        lang_menu = bar.addMenu(self.tr("&Language"))
        self._action(lang_menu, "한국어", lambda: self.switch_language("ko"))
        self._action(lang_menu, "English", lambda: self.switch_language("en"))
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("First-run &checks…"), lambda: self.show_first_run(force=True))
        self._action(help_menu, self.tr("Make a &demo exam"), self.make_demo)
        self._action(help_menu, self.tr("Open &log folder"), self._open_log_folder)
        self._action(help_menu, self.tr("&About ScanDesk"), self.show_about)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def switch_language(self, lang: str) -> None:
        if self.translations is None:
            return
        self.translations.install(lang)
        if self.ctx.settings.language != lang:
            self.ctx.update_settings(language=lang)
        self._build()

    def _on_settings_saved(self) -> None:
        self._update_admin_visibility()
        if self.ctx.settings.concurrency:
            self.worker.set_concurrency(self.ctx.settings.concurrency)  # restarts a running loop
            self.jobs_screen.concurrency.setValue(self.ctx.settings.concurrency)
        self.sync_screen.reload_settings()
        self.admin_screen.reload_settings()

    def _bring_review_forward(self, _job_id: str) -> None:
        """A screen asked for a sheet in Review (the Review screen shows it; the window shows the tab)."""
        self.tabs.setCurrentWidget(self.review_screen)

    def _update_admin_visibility(self) -> None:
        index = self.tabs.indexOf(self.admin_screen)
        self.tabs.setTabVisible(index, bool(self.ctx.settings.admin_mode))

    def _on_tab_changed(self, index: int) -> None:
        if self._building:
            return
        if 0 <= index < len(self.screens):
            self.screens[index].on_shown()  # the tabs are added in the order of self.screens

    # ------------------------------------------------------------------ worker and progress
    def _on_loop_event(self, event: LoopEvent) -> None:
        """Runs on the UI thread (queued from the worker thread)."""
        if event.kind == LoopEventKind.FINISHED:
            self.progress.job_finished()
            self.bus.publish(Changes(jobs=frozenset({event.job_id}), sheets=event.job_type == "omr",
                                     outbox=True))
        elif event.kind in (LoopEventKind.STARTED, LoopEventKind.PROGRESS):
            self.bus.publish(Changes(jobs=frozenset({event.job_id})))

    def start_worker_on_open(self, *, forced: bool = False) -> None:
        """Called once when the app opens: start the worker unless the teacher turned that off."""
        if forced or self.ctx.settings.worker_autostart:
            self._autostarted = True
            self.worker.start()
        self._update_status()

    def _poll_counts(self) -> None:
        """Every second: the queue's counts, read off the UI thread."""
        if self._counting:
            return
        self._counting = True

        def done(counts: dict[str, int]) -> None:
            self._counting = False
            self._counts = counts
            self.progress.set_remaining(counts.get(JobStatus.PENDING, 0) - counts.get(WAITING_FOR_CLOUD, 0) + counts.get(JobStatus.RUNNING, 0))
            self._update_status()

        def failed(exc: Exception) -> None:
            self._counting = False
            log.warning("cannot count jobs: %s", exc)

        ops.StoreOp(self, self.ctx.queue.counts).success(done).failure(failed).run()

    def _update_status(self, *_args: object) -> None:
        state = {
            RUNNING: self.tr("Worker running"),
            PAUSED: self.tr("Worker paused"),
            STOPPING: self.tr("Worker stopping"),
        }.get(self.worker.state, self.tr("Worker stopped"))
        c = self._counts
        text = self.tr("{state} · {pending} pending · {running} running · {done} done · {failed} failed").format(
            state=state, pending=c.get(JobStatus.PENDING, 0), running=c.get(JobStatus.RUNNING, 0),
            done=c.get(JobStatus.DONE, 0), failed=c.get(JobStatus.FAILED, 0),
        )
        if self.worker.state == RUNNING and self._autostarted:
            text += " · " + self.tr("started with the app (Settings can turn this off)")
        elif self.worker.state == STOPPED and c.get(JobStatus.PENDING, 0) - c.get(WAITING_FOR_CLOUD, 0) > 0:
            text += " · " + self.tr("press Start on the Jobs tab to read them")
        self._status_label.setText(text)
        snap = self.progress.snapshot()
        self._progress_bar.setValue(round(snap.fraction * 1000))
        self._progress_bar.setFormat(f"{snap.finished}/{snap.finished + snap.remaining}")
        known = snap.remaining and snap.seconds_left is not None
        self._eta_label.setText(self.tr("Time left: {eta}").format(eta=format_duration(snap.seconds_left)) if known else "")
        if self.screens:  # not while the first screens are being built
            self.jobs_screen.show_progress(snap)

    def _collect_garbage(self) -> None:
        # Full collections wait for a quiet moment (app.tune_gc raised the thresholds for the busy ones).
        if self.worker.state != RUNNING or not self.progress.snapshot().remaining:
            gc.collect()

    # ------------------------------------------------------------------ help
    def show_first_run_if_needed(self) -> None:
        if not should_skip_dialog():
            self.show_first_run(force=not settings_path().exists())

    def show_first_run(self, force: bool = False) -> FirstRunDialog | None:
        checks = run_checks(self.ctx.store.data_dir, self.ctx.settings.tesseract_cmd)
        if not force and all(c.ok for c in checks):
            return None
        dialog = FirstRunDialog(checks, self)
        dialog.demo_requested.connect(self.make_demo)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def make_demo(self) -> None:
        """Draws and imports the demo exam off the UI thread, then shows it being read."""
        queue, home, settings = self.ctx.queue, self.ctx.home, self.ctx.settings
        self.statusBar().showMessage(self.tr("Drawing the demo exam's cards…"))
        ops.StoreOp(self, lambda: make_demo(queue, home, settings=settings), title=self.tr("Cannot make the demo exam")).success(
            lambda demo: self.open_on_demo(demo.exam.id)).run()

    def open_on_demo(self, exam_id: int) -> None:
        """The demo exam is queued: the worker reads it (started if it was not), the Jobs tab shows that."""
        log.info("opening on the demo exam %s", exam_id)
        self.bus.publish(Changes(exams=True, jobs=frozenset()))
        if self.worker.state != RUNNING:
            self.worker.start()
        self.tabs.setCurrentWidget(self.jobs_screen)
        self.statusBar().showMessage(
            self.tr("The demo exam's cards are being read; then see Review for the uncertain marks and Results."),
            20_000)

    def about_text(self) -> str:
        import cv2  # only for its version: OpenCV takes ~0.2 s to load and the window needs it nowhere else
        rows = [
            (self.tr("ScanDesk"), build_info.current().describe()),
            ("Python", platform.python_version()),
            ("PySide6 / Qt", f"{pyside_version} / {qVersion()}"),
            ("SQLAlchemy", sqlalchemy.__version__),
            ("OpenCV", cv2.__version__),
            ("Tesseract", tesseract_path(self.ctx.settings.tesseract_cmd) or self.tr("not found")),
            (self.tr("Data folder"), str(self.ctx.home)),
            (self.tr("Database"), self.ctx.store.url.split("@")[-1]),
            (self.tr("Settings file"), str(settings_path())),
            (self.tr("Log file"), str(self.log_path or log_dir() / "scandesk.log")),
            (self.tr("Platform"), f"{platform.system()} {platform.release()} ({sys.platform})"),
        ]
        body = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        intro = self.tr("Reads OMR answer cards, exam pages and homework at the academy desk.")
        return f"<p>{intro}</p><table cellspacing=4>{body}</table>"

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About ScanDesk"), self.about_text(), parent=self)
        box.setModal(False)
        box.show()
        return box

    def _open_log_folder(self) -> None:
        folder = (self.log_path.parent if self.log_path else log_dir())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ------------------------------------------------------------------ closing
    def sheets_in_hand(self) -> tuple[int, int]:
        """(being read now, waiting to be read here), from the last count of the queue."""
        c = self._counts
        return c.get(JobStatus.RUNNING, 0), max(0, c.get(JobStatus.PENDING, 0) - c.get(WAITING_FOR_CLOUD, 0))

    def quit_without_asking(self) -> None:
        """Close now, as the close button does but without the question: Ctrl-C in the terminal or the
        system stopping the app already said so. UI thread."""
        self._quit_asked = True
        self.close()
        QApplication.quit()  # also ends a question box's own event loop, if one is open

    def confirm_quit(self) -> bool:
        """Asks before quitting while the worker is reading sheets; True when the window may close."""
        if self._quit_asked:
            return True
        running, waiting = self.sheets_in_hand()
        if self.worker.state not in (RUNNING, PAUSED) or not (running or waiting):
            return True
        answer = QMessageBox.question(
            self, self.tr("Sheets are being read"),
            self.tr("{running} sheets are being read and {waiting} are waiting. Quit anyway?\n\n"
                    "The sheets being read are put back in the queue; they and the waiting ones are read "
                    "when ScanDesk opens again. Nothing is lost.").format(running=running, waiting=waiting),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop the worker thread (running jobs finish or go back to the queue), then the screens."""
        if not self.confirm_quit():
            event.ignore()
            return
        self._count_timer.stop()
        self._gc_timer.stop()
        self.worker.shutdown()
        self._teardown_screens()
        ops.wait_for_ops()
        super().closeEvent(event)
