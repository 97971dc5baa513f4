"""What a store operation changed, told to every screen at once (the Anki `OpChanges` idea).

A screen that changes the store (import, correction, retry, settings) publishes a `Changes` value on the
window's one `ChangeBus`; every screen receives it through `on_changes` and refreshes what depends on it.
So no screen, and not the main window, reaches into another screen to keep it current.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True, slots=True)
class Changes:
    jobs: frozenset[str] = field(default_factory=frozenset)  # jobs whose status, progress or result changed
    sheets: bool = False  # OMR reads or their corrections changed: review items, scores and statistics follow
    exams: bool = False  # exams, their templates or keys changed
    outbox: bool = False  # what is (or is not) sent to the central API changed
    settings: bool = False
    roster: bool = False
    # The screen that published it, so that it can skip what it has already shown.
    source: object = field(default=None, compare=False)

    @classmethod
    def of_jobs(cls, job_ids: Iterable[str], *, sheets: bool = False) -> Changes:
        return cls(jobs=frozenset(job_ids), sheets=sheets)

    def __or__(self, other: Changes) -> Changes:
        return replace(
            self,
            jobs=self.jobs | other.jobs,
            sheets=self.sheets or other.sheets,
            exams=self.exams or other.exams,
            outbox=self.outbox or other.outbox,
            settings=self.settings or other.settings,
            roster=self.roster or other.roster,
        )


class ChangeBus(QObject):
    """One per main window. `changed` is emitted on the UI thread; publish from the UI thread only
    (store operations publish in their success callback, which runs there)."""

    changed = Signal(object)  # Changes
    # A screen asks for one sheet (a job id) to be shown in Review; the window brings that tab forward.
    sheet_requested = Signal(str)

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)


class Screen(Protocol):
    """What the main window asks of every tab. All three run on the UI thread."""

    def on_shown(self) -> None:
        """The tab became the current one."""

    def on_changes(self, changes: Changes) -> None:
        """Something changed in the store (published by any screen or by the worker)."""

    def shutdown(self) -> None:
        """The window closes or rebuilds its screens: stop timers and threads."""
