"""Starting the desktop app: QApplication, logging to a rotating file, Qt's messages, translations.

`run_app(args)` is what `scandesk` / `scandesk gui` call (desktop/cli.py imports this module only on
the GUI path). Logging goes to `scandesk.log` in the platform log folder (`core.store.paths.log_dir`),
rotated at 2 MB with 5 old files kept; Qt's own warnings are routed into the same log under the `qt`
logger, so a teacher's bug report has one file to attach.
"""

from __future__ import annotations

import argparse
import gc
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from core.bundle import font_paths
from core.store.paths import log_dir
from desktop.gui.i18n import Translations, choose_language, system_locale_name
from desktop.gui.main_window import MainWindow
from desktop.gui.stop_signals import StopSignals
from desktop.services.bootstrap import DeskServices, open_desk
from worker.loop import WorkerMode

log = logging.getLogger(__name__)
LOG_FILE = "scandesk.log"
ICON_PATH = Path(__file__).resolve().parents[2] / "resources" / "icons" / "scandesk.png"
_qt_log = logging.getLogger("qt")
_error_boxes: set[QMessageBox] = set()
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Add the rotating file handler to the root logger (once); returns the log file's path."""
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


def qt_message_handler(mode: QtMsgType, context: Any, message: str) -> None:
    """Qt's qDebug/qWarning output, into Python logging (called on whichever thread Qt logs from)."""
    where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
    _qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def report_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: an exception nobody caught (a slot, a timer, a lambda connected to a signal) is
    written to scandesk.log with its traceback and shown in a one-line message, so a click that does
    nothing is never silent. Called on the UI thread (PySide6 calls the hook where the slot ran)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    text = " ".join(str(exc).split()) or exc_type.__name__
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("ScanDesk", "Something went wrong"),
        QCoreApplication.translate("ScanDesk", "{error}\n\nThe details are in the log file (Help > Open log folder).").format(
            error=f"{exc_type.__name__}: {text}"),
        parent=app.activeWindow(),
    )
    box.setObjectName("uncaught_error")
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    # Without a window to own it, the box lives as long as a Python reference to it does.
    _error_boxes.add(box)
    box.finished.connect(lambda _result: _error_boxes.discard(box))
    box.show()


def install_excepthook() -> None:
    sys.excepthook = report_uncaught


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    # Every call from Qt into Python (a model's data(), a slot) takes the GIL. While the worker's threads
    # hold it, the UI thread waits up to the switch interval each time; 1 ms instead of 5 ms keeps a
    # repaint of a few hundred cells from adding up to a visible stall. The heavy work is in processes.
    sys.setswitchinterval(0.001)
    app.setApplicationName("ScanDesk")
    app.setOrganizationName("ScanDesk")
    app.setApplicationDisplayName("ScanDesk")
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    # Hangul needs a font that has it: the installed app brings Nanum Gothic along (a computer without a
    # Korean font would show empty boxes); from a checkout, Nanum Gothic where installed, else Qt's own.
    for path in font_paths("NanumGothic.ttf"):
        if QFontDatabase.addApplicationFont(path) < 0:
            log.warning("cannot load the bundled font %s", path)
    font = QFont(app.font())
    font.setFamilies(["Noto Sans", "Nanum Gothic", "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", font.family()])
    app.setFont(font)
    return app


def tune_gc() -> None:
    """Call once the window is built. Python's full collections scan every tracked object; after
    importing Qt, OpenCV, NumPy and SQLAlchemy, and with the worker's results passing through, each one
    stalled the UI thread for 100-400 ms while sheets were processed (measured with gc.callbacks).
    Start-up objects are frozen out of every later scan; young collections stay automatic (they are
    short); full collections are left to the main window, which runs them on a timer
    while the worker is not processing."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1_000_000)


def open_context(args: argparse.Namespace) -> DeskServices:
    mode = WorkerMode(os.environ.get("SCANDESK_WORKER_MODE", WorkerMode.PROCESS))
    return open_desk(getattr(args, "db", None), getattr(args, "home", None), worker_mode=mode)


def run_app(args: argparse.Namespace) -> int:
    """Open the main window and run the event loop until it closes; returns the exit code."""
    app = create_application()
    ctx = open_context(args)
    log_path = setup_logging(log_dir(ctx.home if getattr(args, "home", None) else None))
    qInstallMessageHandler(qt_message_handler)
    install_excepthook()
    log.info("ScanDesk starting; data %s, log %s", ctx.home, log_path)
    translations = Translations(app)
    translations.install(choose_language(ctx.settings.language, system_locale_name()))

    window = MainWindow(ctx, translations=translations, log_path=log_path)
    window.show()
    tune_gc()
    window.show_first_run_if_needed()
    forced = getattr(args, "start_worker", False) or os.environ.get("SCANDESK_START_WORKER") == "1"
    demo_exam = getattr(args, "exam_id", None)  # `scandesk demo --open`
    if demo_exam is not None:
        QTimer.singleShot(0, lambda: window.open_on_demo(int(demo_exam)))
    else:
        QTimer.singleShot(0, lambda: window.start_worker_on_open(forced=bool(forced)))
    stops = StopSignals(app)
    stops.received.connect(lambda _signum: window.quit_without_asking())
    try:
        return int(app.exec())
    finally:
        stops.close()
        ctx.store.close()
        qInstallMessageHandler(None)
        sys.excepthook = sys.__excepthook__
