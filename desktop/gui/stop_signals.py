"""Ctrl-C or SIGTERM sent to the running app: its window closes as the close button closes it, without the
"sheets are being read" question (the signal is the answer), and the worker puts the sheets it was
reading back in the queue.

Python runs a signal handler only when the interpreter gets control, and Qt's event loop does not give
it any while the app is idle. So the Python handler does nothing and the signal's number goes through a
socket (`signal.set_wakeup_fd`) that a QSocketNotifier watches on the UI thread.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _noted(_signum: int, _frame: FrameType | None) -> None:
    """The wakeup socket carries the signal; nothing to do here (no KeyboardInterrupt in a slot)."""


class StopSignals(QObject):
    """Install on the main thread (signal handlers can only be set there); `close()` restores the old
    handlers."""

    received = Signal(int)  # the signal's number; emitted on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, _noted) for sig in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            self.received.emit(signum)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        for sock in (self._reader, self._writer):
            with contextlib.suppress(OSError):
                sock.close()


__all__ = ["STOP_SIGNALS", "StopSignals"]
