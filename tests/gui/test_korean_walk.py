"""Korean everywhere: a walk over every screen and dialog of the app with the Korean catalogue installed,
over a desk with read sheets, a rejected page and uncertain reads. Every text a teacher can see (labels,
buttons, tabs, menus, table headers and cells, placeholders, window titles) is collected, and the test
fails on any untranslated source string of the catalogue and on any English phrase left in it."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from desktop.gui.i18n import TRANSLATIONS_DIR, Translations
from desktop.services.demo import make_demo
from desktop.services.intake import import_paths
from tests.gui.test_sync_admin import REGION, ec2_instance  # noqa: F401  (pytest fixture)
from worker.loop import WorkerConfig, run_jobs

# Names and words that stay as they are in a Korean UI: the product, formats, standards, commands.
KEEP = (
    "ScanDesk", "OMR", "OMRChecker", "API URL", "API", "URL", "CSV/XLSX", "CSV", "XLSX", "PDF", "PNG", "JPEG",
    "TIFF", "CPU", "AWS_PROFILE", "AWS", "EC2", "GPU", "Tesseract OCR", "Tesseract", "tesseract", "PATH", "English",
    "UB Mannheim", "Korean", "Windows", "PySide6 / Qt", "PySide6", "Qt", "Python", "SQLAlchemy", "OpenCV", "SQLite",
    "Linux", "Noto Sans", "Nanum Gothic", "ID", "SD", "Std", "p", "D",
)
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}(?:[ '’-]+[A-Za-z]{2,})+\b")
COMMAND = re.compile(r"(sudo |apt-get |scandesk )[^)<]*")
REGION_OR_ID = re.compile(r"\b[a-z]{2}(?:-[a-z]+)+-\d+\b|\bi-[0-9a-f]+\b")  # AWS regions, instance ids
PATHLIKE = re.compile(r"\S*[/\\]\S*|\S+\.(?:json|csv|png|jpg|jpeg|tif|tiff|pdf|qm|log|xlsx)\b|\b[\w-]+@[\w.-]+|https?://\S+")


def _catalogue() -> dict[str, str]:
    root = ET.parse(TRANSLATIONS_DIR / "scandesk_ko.ts").getroot()
    out = {}
    for message in root.iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is not None and source.text and translation is not None:
            out[source.text] = translation.text or ""
    return out


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text or "")).replace("&", "")


def english_left(text: str) -> list[str]:
    """English phrases in a shown text, after the names, paths and commands that stay as they are."""
    text = REGION_OR_ID.sub(" ", COMMAND.sub(" ", PATHLIKE.sub(" ", _plain(text))))
    for word in sorted(KEEP, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", text)
    return ENGLISH_PHRASE.findall(text)


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of `root` and its children a teacher can read."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = f"{type(w).__name__}:{w.objectName() or ''}"
        if w.isWindow() and w.windowTitle():
            yield name + " title", w.windowTitle()
        if isinstance(w, (QLabel, QAbstractButton)):
            yield name, w.text()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QLineEdit):
            yield name + " placeholder", w.placeholderText()
        elif isinstance(w, QPlainTextEdit):
            yield name + " placeholder", w.placeholderText()
            yield name, w.toPlainText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield name + " item", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield name + " tab", w.tabText(i)
        elif isinstance(w, QSpinBox):
            yield name + " special", w.specialValueText()
        if isinstance(w, QAbstractSpinBox):
            yield name + " value", w.text()
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list widget's private model: one column
                columns = 1
            for c in range(columns):
                yield name + " header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(model.rowCount(), 40)):
                for c in range(columns):
                    yield name + " cell", str(model.data(model.index(r, c, QModelIndex())) or "")
        if isinstance(w, QMenu):
            for action in w.actions():
                yield name + " action", action.text()
        for action in w.actions():
            yield name + " action", action.text()
            if action.menu() is not None:
                for sub in action.menu().actions():
                    yield name + " menu", sub.text()


def untranslated(root: QWidget, catalogue: dict[str, str]) -> list[str]:
    problems = []
    for where, text in shown_texts(root):
        if not text or not text.strip():
            continue
        if text in catalogue and catalogue[text] != text and re.search(r"[A-Za-z]", text):
            problems.append(f"{where}: {text!r} (in the catalogue, shown untranslated)")
        elif english_left(text):
            problems.append(f"{where}: {text!r} (English: {english_left(text)})")
    return sorted(set(problems))


def test_the_english_finder() -> None:
    assert english_left("Import failed") == ["Import failed"]
    assert english_left("가져오기 실패: card_01.jpg") == []
    assert english_left("<b>ScanDesk</b> 정보 (Python 3.11, PySide6 / Qt 6.8)") == []
    assert english_left("설치하세요: sudo apt-get install tesseract-ocr-kor (Windows: UB Mannheim 설치)") == []
    assert english_left("대기 3 · worker stopped") == ["worker stopped"]


@pytest.fixture
def korean(qapp: Any) -> Iterator[Translations]:
    translations = Translations(qapp)
    assert translations.install("ko")
    yield translations
    translations.install("en")


@pytest.fixture
def busy_desk(desk_ctx: Any, tmp_path: Path) -> Any:
    """The demo exam read (uncertain reads to review), plus a blank page the worker rejects."""
    demo = make_demo(desk_ctx.queue, desk_ctx.home, count=10, settings=desk_ctx.settings)
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((900, 700), 255, np.uint8))
    rejected = import_paths(desk_ctx.queue, [blank], exam=demo.exam, settings=desk_ctx.settings)
    config = WorkerConfig(mode="thread", concurrency=2, data_dir=desk_ctx.store.data_dir)
    run_jobs(desk_ctx.queue, [*demo.report.job_ids, *rejected.job_ids], config=config)
    desk_ctx.settings = desk_ctx.settings.replace(admin_mode=True)
    return demo


def test_every_screen_and_dialog_is_korean(qtbot: Any, korean: Translations, desk_ctx: Any, busy_desk: Any,
                                           ec2_instance: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from desktop.gui.first_run import FirstRunDialog, run_checks
    from desktop.gui.main_window import MainWindow
    from desktop.gui.screens.import_screen import NewExamDialog
    from desktop.gui.screens.roster_dialog import RosterDialog
    from desktop.gui.screens.template_designer import TemplateDesigner

    catalogue = _catalogue()
    desk_ctx.settings = desk_ctx.settings.replace(cloud_region=REGION, cloud_instance_id=ec2_instance)
    window = MainWindow(desk_ctx, translations=korean)
    qtbot.addWidget(window)
    window.show()
    problems: list[str] = []

    # Every tab, shown as a teacher opens it, with its data loaded.
    review, results, jobs = window.review_screen, window.results_screen, window.jobs_screen
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    window.tabs.setCurrentWidget(review)
    qtbot.waitUntil(lambda: review.items_model.rowCount() > 0 and review.rejected_model.rowCount() == 1, timeout=30_000)
    review.items_view.setCurrentIndex(review.items_model.index(0, 0))
    review.tabs.setCurrentIndex(1)
    review.rejected_view.setCurrentIndex(review.rejected_model.index(0, 0))
    qtbot.wait(300)
    window.tabs.setCurrentWidget(results)
    qtbot.waitUntil(lambda: results.results is not None and results.students_model.rowCount() > 0, timeout=30_000)
    window.tabs.setCurrentWidget(jobs)
    jobs.model.refresh_now()
    qtbot.waitUntil(lambda: jobs.model.rowCount() == 11, timeout=30_000)
    jobs.table.selectRow(0)
    qtbot.waitUntil(lambda: bool(jobs.details.toPlainText()), timeout=10_000)
    window.sync_screen.send_now()  # no server yet: it says where to enter one
    window.admin_screen.refresh()
    qtbot.waitUntil(lambda: window.admin_screen.last_status is not None, timeout=30_000)  # EC2 says "stopped"
    window.tabs.setCurrentWidget(window.settings_screen)
    qtbot.waitUntil(lambda: bool(window.settings_screen.checks_label.text()), timeout=30_000)
    window._poll_counts()
    qtbot.wait(300)
    problems += untranslated(window, catalogue)
    for menu in window.menuBar().findChildren(QMenu):
        problems += untranslated(menu, catalogue)

    # Every dialog.
    dialogs: list[QWidget] = []
    exam_dialog = NewExamDialog(window)
    dialogs += [exam_dialog, exam_dialog.key_editor()]
    dialogs.append(FirstRunDialog(run_checks(desk_ctx.store.data_dir), window))
    dialogs.append(RosterDialog(desk_ctx, window.bus, window))
    dialogs.append(TemplateDesigner(window))
    dialogs.append(window.show_about())
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        problems += untranslated(dialog, catalogue)
        if isinstance(dialog, QDialog):
            dialog.close()
    # Qt's own buttons (qtbase_ko): a message box's Yes / No / Cancel.
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    labels = {b.text().replace("&", "") for b in box.buttons()}
    assert not labels & {"Yes", "No", "Cancel"}, labels
    window.worker.shutdown()
    assert problems == [], "\n".join(problems)
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox):
            w.close()
