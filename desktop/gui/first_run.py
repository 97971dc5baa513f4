"""First-run checks (tesseract, its Korean data, a writable data folder) and the dialog showing them.

`run_checks` is plain Python (no Qt) so it is tested and reused without a display; the dialog only
lays its results out with the instructions for what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from core.bundle import default_tesseract_cmd, tesseract_env


@dataclass(frozen=True, slots=True)
class Check:
    key: str  # tesseract | korean | data_dir
    ok: bool
    detail: str  # what was found (a path, a version, an error)


def tesseract_path(configured: str = "") -> str | None:
    """The configured tesseract, else the installed app's own, else the one on PATH."""
    command = configured or default_tesseract_cmd()
    return command if Path(command).exists() else shutil.which(command)


def tesseract_languages(exe: str) -> set[str]:
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20,
                              env=tesseract_env(exe))
    except (OSError, subprocess.SubprocessError):
        return set()
    lines = (done.stdout + done.stderr).splitlines()
    return {line.strip() for line in lines if line.strip() and " " not in line.strip()}


def data_dir_writable(folder: Path) -> tuple[bool, str]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        return False, f"{folder}: {exc.strerror or exc}"
    return True, str(folder)


def run_checks(data_dir: Path, tesseract_cmd: str = "") -> list[Check]:
    exe = tesseract_path(tesseract_cmd)
    checks = [Check("tesseract", exe is not None, exe or "")]
    langs = tesseract_languages(exe) if exe else set()
    checks.append(Check("korean", "kor" in langs, ", ".join(sorted(langs & {"kor", "eng"}))))
    ok, detail = data_dir_writable(data_dir)
    checks.append(Check("data_dir", ok, detail))
    return checks


def should_skip_dialog() -> bool:
    """Scripts and tests start the app without anyone to read a dialog."""
    return os.environ.get("SCANDESK_NO_FIRST_RUN") == "1"


def check_title(key: str) -> str:
    # Literal strings in translate() calls, so that lupdate finds them.
    return {
        "tesseract": QCoreApplication.translate("FirstRunDialog", "Tesseract OCR engine"),
        "korean": QCoreApplication.translate("FirstRunDialog", "Korean language data for Tesseract"),
        "data_dir": QCoreApplication.translate("FirstRunDialog", "Data folder is writable"),
    }[key]


def check_fix(key: str) -> str:
    return {
        "tesseract": QCoreApplication.translate(
            "FirstRunDialog", "Install it: sudo apt-get install tesseract-ocr (Windows: the UB Mannheim installer), or set its path in Settings."),
        "korean": QCoreApplication.translate(
            "FirstRunDialog", "Install the Korean data: sudo apt-get install tesseract-ocr-kor (Windows: tick Korean in the installer)."),
        "data_dir": QCoreApplication.translate(
            "FirstRunDialog", "Choose another data folder in Settings, or fix the folder's permissions."),
    }[key]


class FirstRunDialog(QDialog):
    """`demo_requested` is emitted (on the UI thread) when the teacher asks for the demo exam."""

    demo_requested = Signal()

    def __init__(self, checks: list[Check], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("ScanDesk: first-run checks"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("ScanDesk checked what it needs on this computer:"))
        layout.addWidget(intro)
        for check in checks:
            mark = "✔" if check.ok else "✘"
            colour = "#1a7f37" if check.ok else "#c62828"
            text = f"<b style='color:{colour}'>{mark}</b> {check_title(check.key)}"
            if check.detail:
                text += f" <span style='color:#666'>({check.detail})</span>"
            if not check.ok:
                text += f"<br><i>{check_fix(check.key)}</i>"
            label = QLabel(text)
            label.setWordWrap(True)
            label.setObjectName(f"check_{check.key}")
            layout.addWidget(label)
        demo_note = QLabel(self.tr("No scans at hand? A demo exam has thirty filled answer cards to read, review "
                                   "and score."))
        demo_note.setWordWrap(True)
        layout.addWidget(demo_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.demo_button = buttons.addButton(self.tr("Try a demo exam"), QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.clicked.connect(self._demo)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _demo(self) -> None:
        self.demo_requested.emit()
        self.accept()
