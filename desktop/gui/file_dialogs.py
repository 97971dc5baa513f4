"""File dialogs that start where the teacher's files are: the last folder used (kept in the settings
file as `last_folder`), else Documents/Scans when it exists, else Documents; never the program's folder.
Exports are offered under a name with the exam and the date. UI thread only."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from core.settings import SettingsError, load_file_settings, save_settings
from desktop.services.template_library import safe_name

log = logging.getLogger(__name__)
SCAN_SUBFOLDERS = ("Scans", "스캔")


def documents_folder() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(docs) if docs else Path.home()
    for name in SCAN_SUBFOLDERS:
        if (base / name).is_dir():
            return base / name
    return base if base.is_dir() else Path.home()


def start_folder() -> Path:
    last = load_file_settings().last_folder
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(chosen: str | Path) -> None:
    """Keep the folder of what was chosen (a file's folder, or the folder itself) for the next dialog."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    try:
        save_settings(load_file_settings().replace(last_folder=str(folder)))
    except (OSError, SettingsError) as exc:  # not worth a dialog: the next one opens in Documents
        log.warning("cannot remember the folder %s: %s", folder, exc)


def export_name(exam_name: str, suffix: str, day: dt.date | None = None) -> str:
    """`<exam>_<YYYY-MM-DD>.<suffix>`, safe as a file name on every platform."""
    day = day or dt.date.today()
    return f"{safe_name(exam_name) or 'results'}_{day:%Y-%m-%d}.{suffix}"


def open_files(parent: QWidget | None, title: str, name_filter: str) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder()), name_filter)
    if files:
        remember(files[0])
    return list(files)


def open_file(parent: QWidget | None, title: str, name_filter: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), name_filter)
    if path:
        remember(path)
    return str(path)


def existing_folder(parent: QWidget | None, title: str) -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if folder:
        remember(folder)
    return str(folder)


def save_file(parent: QWidget | None, title: str, file_name: str, name_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder() / file_name), name_filter)
    if path:
        remember(path)
    return str(path)
