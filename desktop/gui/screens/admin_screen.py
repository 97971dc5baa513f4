"""Admin: the academy's cloud GPU worker (one EC2 instance): its state, and Start with confirmation.
Shown only in admin mode. Never stops the instance. Calls `core.cloud.CloudWorker` on a pool thread."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.cloud import PENDING, RUNNING, STOPPED, CloudWorker
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.ops import StoreOp, one_line
from desktop.services.bootstrap import DeskServices


class AdminScreen(QWidget):
    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.ctx = ctx
        self.last_status: Any = None
        self.last_outcome: Any = None
        self.instance_label = QLabel()
        self.state_label = QLabel(self.tr("unknown"))
        self.state_label.setObjectName("cloud_state")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.start_button = QPushButton(self.tr("Start cloud worker…"))
        self.start_button.setEnabled(False)  # until a refresh found the settings and credentials
        self.refresh_button.clicked.connect(self.refresh)
        self.start_button.clicked.connect(self.ask_start)
        box = QGroupBox(self.tr("Cloud GPU worker"))
        form = QFormLayout(box)
        form.addRow(self.tr("Instance"), self.instance_label)
        form.addRow(self.tr("State"), self.state_label)
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.start_button)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(self.message)
        note = QLabel(self.tr("Starting the cloud worker costs money while it runs. ScanDesk never stops it; "
                              "it stops itself when the central queue is empty."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addStretch(1)
        self.reload_settings()

    def reload_settings(self) -> None:
        s = self.ctx.settings
        self.instance_label.setText(f"{s.cloud_instance_id or '-'} ({s.cloud_region or '-'})")

    def on_shown(self) -> None:
        self.refresh()

    def _worker(self) -> CloudWorker:
        return CloudWorker.from_settings(self.ctx.settings)

    def state_name(self, state: str) -> str:
        """EC2's instance states (its API's words) in the UI's language."""
        return {
            PENDING: self.tr("starting"), RUNNING: self.tr("running"), "stopping": self.tr("stopping"),
            STOPPED: self.tr("stopped"), "shutting-down": self.tr("shutting down"),
            "terminated": self.tr("terminated"),
        }.get(state, state)

    def describe_start(self, outcome: Any) -> str:
        after = self.state_name(outcome.after)
        if not outcome.started:
            return self.tr("{instance}: it was {before} already; now {after}").format(
                instance=outcome.instance_id, before=self.state_name(outcome.before), after=after)
        if outcome.timed_out:
            return self.tr("{instance}: start requested; still {after} when the wait ran out").format(
                instance=outcome.instance_id, after=after)
        return self.tr("{instance}: start requested; now {after}").format(instance=outcome.instance_id, after=after)

    def missing_settings(self) -> str:
        """What must be filled in on the Settings tab before the cloud worker can be asked; "" if nothing."""
        s, env = self.ctx.settings, os.environ
        missing = []
        if not (env.get("SCANDESK_CLOUD_REGION") or s.cloud_region):
            missing.append(self.tr("Cloud region"))
        if not (env.get("SCANDESK_CLOUD_INSTANCE_ID") or s.cloud_instance_id):
            missing.append(self.tr("Cloud instance id"))
        if not missing:
            return ""
        return self.tr("Fill in {fields} on the Settings tab first.").format(fields=", ".join(f"“{m}”" for m in missing))

    def refresh(self) -> None:
        """Checks the settings and the AWS credentials, then asks EC2 for the state; Start is enabled
        only when all three are there."""
        self.start_button.setEnabled(False)
        missing = self.missing_settings()
        if missing:
            self.state_label.setText(self.tr("unknown"))
            self.message.setText(missing)
            return
        self.refresh_button.setEnabled(False)
        worker = self._worker()

        def check() -> Any:
            return worker.status() if worker.has_credentials() else None

        def done(status: Any) -> None:
            self.refresh_button.setEnabled(True)
            if status is None:
                self.state_label.setText(self.tr("unknown"))
                self.message.setText(self.tr("No AWS credentials were found: fill in “AWS profile” on the Settings "
                                             "tab (a profile of the AWS config files), or set AWS_PROFILE."))
                return
            self.last_status = status
            self.state_label.setText(f"<b>{self.state_name(status.state)}</b>")
            extra = ", ".join(v for v in (status.instance_type, status.public_ip) if v)
            self.message.setText(f"{status.instance_id} ({status.region}): {self.state_name(status.state)}"
                                 + (f" [{extra}]" if extra else ""))
            self.start_button.setEnabled(True)

        def failed(exc: Exception) -> None:
            self.refresh_button.setEnabled(True)
            self.state_label.setText(self.tr("unknown"))
            self.message.setText(one_line(exc))

        StoreOp(self, check).success(done).failure(failed).run()

    def confirm_start(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Start the cloud worker?"),
            self.tr("Start the academy's cloud GPU worker {instance}? It is billed while it runs.").format(
                instance=self.ctx.settings.cloud_instance_id or "-"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_start(self) -> None:
        if not self.confirm_start():
            return
        self.start_button.setEnabled(False)
        self.message.setText(self.tr("Starting…"))

        def done(outcome: Any) -> None:
            self.start_button.setEnabled(True)
            self.last_outcome = outcome
            self.state_label.setText(f"<b>{self.state_name(outcome.after)}</b>")
            self.message.setText(self.describe_start(outcome))

        def failed(exc: Exception) -> None:
            self.start_button.setEnabled(True)
            self.message.setText(one_line(exc))

        StoreOp(self, lambda: self._worker().start(wait_seconds=0)).success(done).failure(failed).run()

    def on_changes(self, changes: Changes) -> None:
        """Saved settings may complete (or break) the cloud worker's setup."""
        if changes.settings:
            self.reload_settings()
            if self.isVisible():
                self.refresh()

    def shutdown(self) -> None:
        """No timers or threads of its own."""
