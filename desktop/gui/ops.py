"""One way to run store-changing (or slow) work from the GUI: off the UI thread, back with callbacks.

    StoreOp(parent, lambda: queue.retry(job_id)).success(on_done).run()

The function runs on a QThreadPool thread; `success(result)` and `failure(exc)` run on the UI thread
(the relay object lives there, so the signal that carries the outcome is queued to it). Without a
failure callback, an error is logged and shown in a one-line message box, so a GUI action never fails
silently. Modelled on Anki's CollectionOp.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.gui.worker_texts import worker_text

log = logging.getLogger(__name__)
T = TypeVar("T")

# Ops in flight, so that their relays stay alive until delivered and tests/close can wait for them.
_pending: set[_Relay] = set()


def _pool() -> QThreadPool:
    # A private pool: the global one may be used by Qt itself. Four threads: ops are short store
    # transactions or network calls; more would only queue on SQLite's single writer.
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(4)
    return _POOL


_POOL: QThreadPool | None = None


class _Relay(QObject):
    """Lives on the UI thread; `finished` is emitted on a pool thread and delivered here (queued)."""

    finished = Signal(object, object)  # result, exception (or None)

    def __init__(self, op: StoreOp[Any]) -> None:
        super().__init__()
        self._op: StoreOp[Any] | None = op
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        """Runs on the UI thread."""
        _pending.discard(self)
        op, self._op = self._op, None
        if op is not None:
            op._deliver(result, error)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        """Runs on a pool thread."""
        try:
            result = self._fn()
        except Exception as exc:  # handed to the failure callback on the UI thread
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class StoreOp(Generic[T]):
    """`parent` guards the callbacks: when it has been deleted by the time the work ends (its screen
    was closed or rebuilt), the callbacks are skipped. It is also the error dialog's parent."""

    def __init__(self, parent: QObject | None, fn: Callable[[], T], *, title: str = "") -> None:
        self._parent = parent
        self._fn = fn
        self._title = title
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None

    def success(self, callback: Callable[[T], None]) -> StoreOp[T]:
        """`callback(result)` runs on the UI thread."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> StoreOp[T]:
        """`callback(exception)` runs on the UI thread; replaces the default error dialog."""
        self._on_failure = callback
        return self

    def run(self) -> None:
        relay = _Relay(self)
        _pending.add(relay)
        _pool().start(_Job(self._fn, relay))

    def _deliver(self, result: Any, error: Any) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            if error is not None:
                log.warning("%s (after its window closed): %s", self._title or "operation failed", one_line(error))
            return
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_error(self._parent if isinstance(self._parent, QWidget) else None, self._title, error)
            return
        if self._on_success is not None:
            self._on_success(result)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    log.error("%s: %s", title or "operation failed", error, exc_info=error)
    box = QMessageBox(QMessageBox.Icon.Warning, title or "ScanDesk", one_line(error), parent=parent)
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.show()


def one_line(error: BaseException) -> str:
    """The error as one line, in the UI's language when it is a message the GUI knows (worker_texts)."""
    text = " ".join(str(error).split())
    return worker_text(text) if text else type(error).__name__


def pending_ops() -> int:
    """Ops not yet delivered (for tests and shutdown)."""
    return len(_pending)


def wait_for_ops(timeout_ms: int = 30_000) -> bool:
    """Block until the pool is idle (shutdown); callbacks still need the event loop to run."""
    return _pool().waitForDone(timeout_ms) if _POOL is not None else True
