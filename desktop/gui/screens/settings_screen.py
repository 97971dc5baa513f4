"""Settings: data folder, concurrency, language, scanner folder, tesseract, admin mode; and the
first-run checks. Values are checked by core.settings and written to the settings file."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.settings import SettingsError, settings_path
from desktop.gui import file_dialogs
from desktop.gui.changes import ChangeBus, Changes
from desktop.gui.first_run import Check, check_fix, check_title, run_checks
from desktop.gui.i18n import choose_language, system_locale_name
from desktop.gui.ops import StoreOp, one_line
from desktop.services.bootstrap import DeskServices
from worker.loop import default_concurrency


class SettingsScreen(QWidget):
    language_changed = Signal(str)  # ko | en, on the UI thread
    settings_saved = Signal()

    def __init__(self, ctx: DeskServices, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.ctx = ctx
        s = ctx.settings
        self.data_dir = QLineEdit(s.data_dir)
        self.data_dir.setPlaceholderText(str(ctx.home))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_data)
        self.concurrency = QSpinBox()
        self.concurrency.setRange(0, 64)
        # 0 means "as many as the machine has cores"; say how many that is, as the Jobs tab shows it.
        self.concurrency.setSpecialValueText(self.tr("one per CPU core ({n} here)").format(n=default_concurrency()))
        self.concurrency.setValue(s.concurrency)
        self.language = QComboBox()
        self.language.addItem(self.tr("Automatic (Korean on a Korean system)"), "auto")
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.watched_dir = QLineEdit(s.watched_dir)
        self.tesseract_cmd = QLineEdit(s.tesseract_cmd)
        self.tesseract_cmd.setPlaceholderText(self.tr("tesseract on PATH"))
        self.worker_autostart = QCheckBox(self.tr("Start the worker when the app opens"))
        self.worker_autostart.setChecked(s.worker_autostart)
        self.english_headers = QCheckBox(self.tr("Export column names in English (for scripts)"))
        self.english_headers.setChecked(s.english_export_headers)
        self.admin_mode = QCheckBox(self.tr("Show the admin panel (cloud worker)"))
        self.admin_mode.setChecked(s.admin_mode)
        self.cloud_region = QLineEdit(s.cloud_region)
        self.cloud_instance = QLineEdit(s.cloud_instance_id)
        self.aws_profile = QLineEdit(s.aws_profile)
        self.aws_profile.setPlaceholderText(self.tr("default AWS credentials (AWS_PROFILE)"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        save = QPushButton(self.tr("Save"))
        save.clicked.connect(self.save)

        box = QGroupBox(self.tr("Desk"))
        form = QFormLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Data folder (after a restart)"), row)
        form.addRow(self.tr("Sheets processed at once"), self.concurrency)
        form.addRow(self.worker_autostart)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.english_headers)
        form.addRow(self.tr("Scanner folder"), self.watched_dir)
        form.addRow(self.tr("Tesseract program"), self.tesseract_cmd)
        form.addRow(self.tr("Cloud region"), self.cloud_region)
        form.addRow(self.tr("Cloud instance id"), self.cloud_instance)
        form.addRow(self.tr("AWS profile"), self.aws_profile)
        form.addRow(self.admin_mode)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(save)
        form.addRow(row)

        self.checks_box = QGroupBox(self.tr("Checks"))
        self.checks_layout = QVBoxLayout(self.checks_box)
        recheck = QPushButton(self.tr("Check again"))
        recheck.clicked.connect(self.run_checks)
        self.checks_label = QLabel()
        self.checks_label.setWordWrap(True)
        self.checks_layout.addWidget(self.checks_label)
        self.checks_layout.addWidget(recheck)
        paths = QLabel(self.tr("Settings file: {path}").format(path=settings_path()))
        paths.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.checks_box)
        layout.addWidget(paths)
        layout.addStretch(1)
        self.run_checks()

    def _browse_data(self) -> None:
        folder = file_dialogs.existing_folder(self, self.tr("Data folder"))
        if folder:
            self.data_dir.setText(folder)

    def save(self) -> bool:
        old_lang = self.ctx.settings.language
        try:
            self.ctx.update_settings(
                data_dir=self.data_dir.text().strip(),
                concurrency=self.concurrency.value(),
                worker_autostart=self.worker_autostart.isChecked(),
                english_export_headers=self.english_headers.isChecked(),
                language=self.language.currentData(),
                watched_dir=self.watched_dir.text().strip(),
                tesseract_cmd=self.tesseract_cmd.text().strip(),
                admin_mode=self.admin_mode.isChecked(),
                cloud_region=self.cloud_region.text().strip(),
                cloud_instance_id=self.cloud_instance.text().strip(),
                aws_profile=self.aws_profile.text().strip(),
            )
        except SettingsError as exc:
            self.note.setText(one_line(exc))
            return False
        self.note.setText(self.tr("Saved."))
        self.settings_saved.emit()
        self.bus.publish(Changes(settings=True, source=self))
        new_lang = self.ctx.settings.language
        if new_lang != old_lang:
            self.language_changed.emit(choose_language(new_lang, system_locale_name()))
        return True

    def run_checks(self) -> None:
        data_dir, cmd = self.ctx.store.data_dir, self.ctx.settings.tesseract_cmd

        def done(checks: list[Check]) -> None:
            lines = []
            for c in checks:
                mark = "<b style='color:#1a7f37'>✔</b>" if c.ok else "<b style='color:#c62828'>✘</b>"
                line = f"{mark} {check_title(c.key)}"
                if c.detail:
                    line += f" <span style='color:#666'>({c.detail})</span>"
                if not c.ok:
                    line += f"<br><i>{check_fix(c.key)}</i>"
                lines.append(line)
            self.checks_label.setText("<br>".join(lines))

        StoreOp(self, lambda: run_checks(data_dir, cmd)).success(done).run()

    def on_shown(self) -> None:
        """Nothing to refresh: the screen shows what it was given."""

    def on_changes(self, changes: Changes) -> None:
        """Settings changed elsewhere (the Jobs tab's concurrency, the scanner folder) show here too."""
        if changes.settings and changes.source is not self:
            self.concurrency.setValue(self.ctx.settings.concurrency)
            self.watched_dir.setText(self.ctx.settings.watched_dir)

    def shutdown(self) -> None:
        """No timers or threads of its own."""
