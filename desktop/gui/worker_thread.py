"""The one QThread that drives the worker loop inside the app.

`WorkerController` lives on the UI thread and owns a QThread; a `_LoopRunner` moved to that thread
calls `WorkerLoop.run()`, which blocks there while its process pool does the heavy work. The loop's
`on_event` is called on the loop thread; the runner only re-emits the plain `LoopEvent` as a signal,
which Qt queues to the controller on the UI thread. Nothing here touches a widget.

Pause and stop only set flags in the loop (its methods are thread-safe). Changing the concurrency
restarts the loop: the pool is sized when the loop starts, and jobs already running finish first.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, QThread, Signal, Slot

from core.queue import JobQueue
from worker.loop import LoopEvent, LoopEventKind, LoopStats, WorkerConfig, WorkerLoop

log = logging.getLogger(__name__)



class WorkerState(StrEnum):
    STOPPED = "stopped"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"


STOPPED, RUNNING, PAUSED, STOPPING = WorkerState.STOPPED, WorkerState.RUNNING, WorkerState.PAUSED, WorkerState.STOPPING

ConfigFactory = Callable[[int | None], WorkerConfig]


# Niceness of the worker thread and the pool processes it starts. Sheets are read by as many processes as
# there are cores, so without this the UI thread waits its turn behind them and the window stutters;
# at a lower priority the workers take only the CPU the window does not need.
WORKER_NICE = 10


def _lower_this_threads_priority() -> None:
    """Linux keeps a nice value per thread, and threads and processes started from this thread inherit
    it: the claim loop, its heartbeat thread and the spawned pool processes all run below the UI."""
    if not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), WORKER_NICE))
    except OSError:  # not allowed or not supported: the workers run at normal priority
        log.debug("cannot lower the worker's priority", exc_info=True)


class _LoopRunner(QObject):
    """Lives on the worker QThread. Its signals are emitted there and delivered queued to the UI."""

    event_ready = Signal(object)  # LoopEvent
    done = Signal(object)  # LoopStats, or the exception that ended the loop

    def __init__(self, queue: JobQueue, config: WorkerConfig) -> None:
        super().__init__()
        self._last_kind = ""
        self.loop = WorkerLoop(queue, config, on_event=self.forward)

    def forward(self, event: LoopEvent) -> None:
        """WorkerLoop.on_event: runs on the worker thread; must be quick."""
        # The loop says "idle" every poll while there is nothing to do; one is enough for the UI.
        if event.kind == LoopEventKind.IDLE and self._last_kind == LoopEventKind.IDLE:
            return
        self._last_kind = event.kind
        self.event_ready.emit(event)

    @Slot()
    def run(self) -> None:
        """Runs on the worker thread (connected to QThread.started)."""
        _lower_this_threads_priority()
        try:
            stats: object = self.loop.run()
        except Exception as exc:  # the loop itself failed (database gone): report, never hide it
            log.exception("worker loop stopped with an error")
            stats = exc
        self.done.emit(stats)


class WorkerController(QObject):
    """Start, pause, resume, stop the worker and change its concurrency; from the UI thread only.

    Signals (delivered on the UI thread): `loop_event(LoopEvent)`, `state_changed(str)` with one of
    stopped / running / paused / stopping, `failed(str)` when the loop ended with an error.
    """

    loop_event = Signal(object)
    state_changed = Signal(str)
    failed = Signal(str)

    def __init__(self, queue: JobQueue, config_factory: ConfigFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue = queue
        self._config_factory = config_factory
        self._thread: QThread | None = None
        self._runner: _LoopRunner | None = None
        self._state = STOPPED
        self._concurrency: int | None = None
        self._restart = False
        self.last_stats: LoopStats | None = None

    # ------------------------------------------------------------------ state
    @property
    def state(self) -> WorkerState:
        return self._state

    @property
    def concurrency(self) -> int:
        if self._runner is not None:
            return self._runner.loop.config.concurrency
        return self._concurrency or self._config_factory(None).concurrency

    def _set_state(self, state: WorkerState) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    # ------------------------------------------------------------------ control
    def start(self) -> None:
        if self._state == PAUSED:
            self.resume()
            return
        if self._thread is not None:
            return
        config = self._config_factory(self._concurrency)
        runner = _LoopRunner(self._queue, config)
        thread = QThread()
        thread.setObjectName("scandesk-worker-loop")
        runner.moveToThread(thread)
        thread.started.connect(runner.run)
        runner.event_ready.connect(self._on_event)
        runner.done.connect(self._on_done)
        self._thread, self._runner = thread, runner
        self._set_state(RUNNING)
        thread.start()
        log.info("worker started: %s, concurrency %d, %s pool", config.worker_id, config.concurrency, config.mode)

    def pause(self) -> None:
        if self._runner is not None and self._state == RUNNING:
            self._runner.loop.pause()
            self._set_state(PAUSED)

    def resume(self) -> None:
        if self._runner is not None and self._state == PAUSED:
            self._runner.loop.resume()
            self._set_state(RUNNING)

    def stop(self) -> None:
        """Ask the loop to stop; running jobs finish (or go back to the queue). Does not block."""
        if self._runner is not None and self._state in (RUNNING, PAUSED):
            self._runner.loop.stop()
            self._set_state(STOPPING)

    def set_concurrency(self, n: int) -> None:
        if n < 1:
            raise ValueError("concurrency must be at least 1")
        if n == self._concurrency:
            return
        self._concurrency = n
        if self._runner is not None and self._state in (RUNNING, PAUSED):
            self._restart = True
            self.stop()

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Stop and wait for the thread (window close). True if it ended in time."""
        self._restart = False
        thread = self._thread
        if thread is None:
            return True
        if self._runner is not None:
            self._runner.loop.stop()
        thread.quit()
        ended = thread.wait(timeout_ms)
        if ended:
            # The done signal may still sit in the queue; finish the bookkeeping here.
            self._cleanup()
        return ended

    # ------------------------------------------------------------------ from the thread
    @Slot(object)
    def _on_event(self, event: LoopEvent) -> None:
        """Runs on the UI thread (queued from the worker thread)."""
        self.loop_event.emit(event)

    @Slot(object)
    def _on_done(self, stats: object) -> None:
        """Runs on the UI thread once the loop has returned."""
        if isinstance(stats, Exception):
            self.failed.emit(f"{type(stats).__name__}: {stats}")
        elif isinstance(stats, LoopStats):
            self.last_stats = stats
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._cleanup()
        if self._restart:
            self._restart = False
            self.start()

    def _cleanup(self) -> None:
        runner, thread = self._runner, self._thread
        self._runner, self._thread = None, None
        if runner is not None:
            runner.deleteLater()
        if thread is not None:
            thread.deleteLater()
        self._set_state(STOPPED)
