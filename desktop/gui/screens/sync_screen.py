"""Sync: what the central API still has to be told (the outbox by state, the server's messages),
online/offline, Send now; the sheets held until reviewed, with Send unreviewed; and the connection
settings (API URL, worker id, token in the keyring). A sheet released by a review is sent at once when
the desk is online. Reads and sends run on pool threads (desktop.services.sync_stack); this screen only
shows them."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.queue.outbox_rows import OutboxState, OutboxStep
from core.settings import SettingsError
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.models.records_model import RecordsTableModel
from desktop.gui.ops import StoreOp, one_line, show_error
from desktop.services import sync_stack
from desktop.services.bootstrap import DeskServices
from desktop.services.review import release_unreviewed

AUTO_SYNC_MS = 30_000
STATE_POLL_MS = 3_000


class SyncScreen(QWidget):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.ctx = ctx
        self.state: sync_stack.OutboxSummary | None = None
        self.online: bool | None = None
        self.last_report: Any = None
        self._sending = False
        self._reading = False
        self._last_auto: tuple[str, int] | None = None  # time and messages of the last automatic send

        self.count_labels = {s: QLabel("0") for s in tuple(OutboxState)}
        names = {OutboxState.PENDING: self.tr("Pending"), OutboxState.HELD: self.tr("Waiting for review"),
                 OutboxState.WAITING: self.tr("Waiting for the cloud"), OutboxState.SENT: self.tr("Sent"),
                 OutboxState.DEAD: self.tr("Failed")}
        counts_box = QGroupBox(self.tr("Outbox"))
        counts_layout = QHBoxLayout(counts_box)
        for state, label in self.count_labels.items():
            label.setObjectName(f"count_{state}")
            counts_layout.addWidget(QLabel(names[state] + ":"))
            counts_layout.addWidget(label)
            counts_layout.addSpacing(16)
        counts_layout.addStretch(1)
        self.online_label = QLabel()
        self.send_button = QPushButton(self.tr("Send now"))
        self.send_button.clicked.connect(self.send_now)
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.clicked.connect(self.retry_dead)
        counts_layout.addWidget(self.online_label)
        counts_layout.addWidget(self.retry_button)
        counts_layout.addWidget(self.send_button)
        self.last_label = QLabel()
        self.last_label.setWordWrap(True)

        self.problems_model = RecordsTableModel([
            (self.tr("Job"), lambda r: r.job_id),
            (self.tr("State"), lambda r: names.get(r.state, r.state)),
            (self.tr("Steps left"), lambda r: self.steps_text(r.steps)),
            (self.tr("Tries"), lambda r: r.attempts),
            (self.tr("Server's message"), lambda r: r.message),
        ], self)
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)

        self.api_url = QLineEdit()
        self.api_url.setPlaceholderText("https://api.academy.example")
        self.worker_id = QLineEdit()
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("stored in the system keyring"))
        save = QPushButton(self.tr("Save connection"))
        save.clicked.connect(self.save_connection)
        self.settings_note = QLabel()
        settings_box = QGroupBox(self.tr("Central API"))
        form = QFormLayout(settings_box)
        form.addRow(self.tr("API URL"), self.api_url)
        form.addRow(self.tr("Worker id"), self.worker_id)
        form.addRow(self.tr("Worker token"), self.token)
        row = QHBoxLayout()
        row.addWidget(self.settings_note, 1)
        row.addWidget(save)
        form.addRow(row)

        self.held_model = RecordsTableModel([
            (self.tr("Job"), lambda r: r.job_id),
            (self.tr("File"), lambda r: r.file),
        ], self)
        self.held = QTableView()
        self.held.setModel(self.held_model)
        self.held.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.held.verticalHeader().hide()
        self.held.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.held.horizontalHeader().setStretchLastSection(True)
        self.release_button = QPushButton(self.tr("Send unreviewed"))
        self.release_button.setToolTip(self.tr("Send the selected sheets (none selected: all) as they stand, "
                                               "without waiting for review"))
        self.release_button.clicked.connect(self.send_unreviewed)
        held_bar = QHBoxLayout()
        held_bar.addWidget(QLabel(self.tr("Held until reviewed (they go once every uncertain read is resolved):")), 1)
        held_bar.addWidget(self.release_button)

        layout = QVBoxLayout(self)
        layout.addWidget(counts_box)
        layout.addWidget(self.last_label)
        layout.addWidget(QLabel(self.tr("Rows that need attention:")))
        layout.addWidget(self.problems, 1)
        layout.addLayout(held_bar)
        layout.addWidget(self.held, 1)
        layout.addWidget(settings_box)
        self.reload_settings()
        self._show_online()
        self._state_timer = QTimer(self)
        self._state_timer.setInterval(STATE_POLL_MS)
        self._state_timer.timeout.connect(self.refresh)
        self._state_timer.start()
        self._auto_timer = QTimer(self)
        self._auto_timer.setInterval(AUTO_SYNC_MS)
        self._auto_timer.timeout.connect(lambda: self.send_now(quiet=True))
        self._auto_timer.start()
        self.refresh()

    def steps_text(self, steps: str) -> str:
        """The outbox's steps (register, result, grading) in the UI's language."""
        names: dict[str, str] = {OutboxStep.REGISTER: self.tr("register"), OutboxStep.RESULT: self.tr("result"),
                                 OutboxStep.GRADING: self.tr("grading")}
        return ", ".join(names.get(step, step) for step in steps.split(",") if step)

    # ------------------------------------------------------------------ settings
    def reload_settings(self) -> None:
        s = self.ctx.settings
        self.api_url.setText(s.api_url)
        self.worker_id.setText(s.worker_id)
        self.token.clear()
        self.settings_note.setText("")

    def save_connection(self) -> None:
        try:
            self.ctx.update_settings(api_url=self.api_url.text().strip(), worker_id=self.worker_id.text().strip())
        except SettingsError as exc:
            self.settings_note.setText(one_line(exc))
            return
        token = self.token.text()
        if token:
            try:
                where = sync_stack.save_token(token)
            except SettingsError as exc:  # e.g. a token with spaces or control characters (never echoed)
                self.settings_note.setText(one_line(exc))
                return
            self.token.clear()
            self.settings_note.setText(self.tr("Saved; the token is kept in {where}.").format(where=where))
        else:
            self.settings_note.setText(self.tr("Saved."))
        self.online = None  # a new server is not tried yet
        self._show_online()
        self.bus.publish(Changes(settings=True, source=self))

    # ------------------------------------------------------------------ state
    def refresh(self) -> None:
        if self._reading:
            return
        self._reading = True
        store = self.ctx.store

        def done(state: sync_stack.OutboxSummary) -> None:
            self._reading = False
            self.state = state
            for name, label in self.count_labels.items():
                label.setText(f"{state.counts[name]:,}")
            self.problems_model.set_records(state.problems)
            self.held_model.set_records(state.held)
            self.release_button.setEnabled(bool(state.held))

        def failed(exc: Exception) -> None:
            self._reading = False

        StoreOp(self, lambda: sync_stack.outbox_summary(store)).success(done).failure(failed).run()

    def _show_online(self) -> None:
        if not self.ctx.settings.api_url:
            text, colour = self.tr("Not configured"), "#777"
        elif self.online is None:
            text, colour = self.tr("Not tried yet"), "#777"
        elif self.online:
            text, colour = self.tr("Online"), "#1a7f37"
        else:
            text, colour = self.tr("Offline"), "#c62828"
        self.online_label.setText(f"<b style='color:{colour}'>● {text}</b>")

    def send_now(self, quiet: bool = False) -> None:
        if self._sending or (quiet and not self.ctx.settings.api_url):
            return
        if not self.ctx.settings.api_url:
            self.last_label.setText(self.tr("No server is set yet: enter the API URL under “Central API” below "
                                            "and press “Save connection”."))
            self.api_url.setFocus()
            return
        self._sending = True
        self.send_button.setEnabled(False)
        store, queue, settings = self.ctx.store, self.ctx.queue, self.ctx.settings

        def done(report: Any) -> None:
            self._sending = False
            self.send_button.setEnabled(True)
            self.last_report = report
            self.online = not (report.offline or report.unauthorized)
            when = time.strftime("%H:%M:%S")
            if report.unauthorized:
                note = self.tr("The server refused the worker token; check it below.")
            elif report.offline:
                note = self.tr("The central API is unreachable; results wait in the outbox.")
            elif report.steps_sent or quiet:
                note = self.tr("{steps} messages sent.").format(steps=report.steps_sent)
                if quiet and report.steps_sent:
                    self._last_auto = (when, report.steps_sent)
            elif self._last_auto is not None:
                note = self.tr("nothing was left to send; the automatic send at {when} sent {steps} messages.").format(
                    when=self._last_auto[0], steps=self._last_auto[1])
            else:
                note = self.tr("nothing was waiting to be sent.")
            self.last_label.setText(self.tr("Last send at {when}: {note}").format(when=when, note=note))
            self._show_online()
            self.refresh()

        def failed(exc: Exception) -> None:
            self._sending = False
            self.send_button.setEnabled(True)
            self.online = False
            self._show_online()
            self.last_label.setText(one_line(exc))
            if not quiet:
                show_error(self, self.tr("Cannot send"), exc)

        StoreOp(self, lambda: sync_stack.send_now(store, queue, settings, force=not quiet)).success(done).failure(failed).run()

    def send_unreviewed(self, confirm: bool = True) -> None:
        """Release the selected held sheets (or all) unreviewed, after asking, then send."""
        rows = sorted({i.row() for i in self.held.selectionModel().selectedRows()})
        chosen = [r.job_id for r in (self.held_model.record(row) for row in rows) if r is not None] or None
        count = len(chosen) if chosen else self.held_model.rowCount()
        if confirm and QMessageBox.question(
            self, self.tr("Send unreviewed"),
            self.tr("Send {n} sheets with their uncertain reads as they are? Corrections made later are "
                    "sent as corrections.").format(n=count),
        ) != QMessageBox.StandardButton.Yes:
            return
        queue = self.ctx.queue

        def done(released: list[str]) -> None:
            self.bus.publish(Changes(jobs=frozenset(released), outbox=True, source=self))
            self.send_now(quiet=True)

        StoreOp(self, lambda: release_unreviewed(queue, chosen), title=self.tr("Cannot release the sheets")).success(
            done).run()

    def retry_dead(self) -> None:
        store = self.ctx.store
        StoreOp(self, lambda: sync_stack.retry_dead(store)).success(lambda _n: self.send_now()).run()

    def shutdown(self) -> None:
        self._state_timer.stop()
        self._auto_timer.stop()

    def on_shown(self) -> None:
        """The outbox counts are polled; show the latest at once."""
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        """Finished sheets and corrections add outbox rows; a sheet a review released (outbox) goes at
        once unless the last send found the desk offline (the timer tries again then)."""
        if changes.outbox or changes.sheets:
            self.refresh()
        if changes.outbox and changes.source is not self and self.online is not False:
            self.send_now(quiet=True)
