"""Languages (Korean by default on a Korean system, switchable at run time, every string translated),
logging with Qt's messages routed in, Help > About, and the first-run checks."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from desktop.gui.first_run import run_checks
from desktop.gui.i18n import TRANSLATIONS_DIR, Translations, choose_language


def test_choose_language() -> None:
    assert choose_language("auto", "ko_KR") == "ko"
    assert choose_language("auto", "en_US") == "en"
    assert choose_language("en", "ko_KR") == "en"
    assert choose_language("ko", "de_DE") == "ko"


def test_every_string_has_a_korean_translation() -> None:
    root = ET.parse(TRANSLATIONS_DIR / "scandesk_ko.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    unfinished = [m.find("source").text for m in messages
                  if m.find("translation").get("type") == "unfinished" or not (m.find("translation").text or "").strip()]
    assert unfinished == []
    # placeholders survive translation
    for m in messages:
        source, text = m.find("source").text, m.find("translation").text
        assert {p for p in _placeholders(source)} == {p for p in _placeholders(text)}, source


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"\{(\w+)", text))


def test_korean_window_and_switch_to_english(qtbot: Any, desk_ctx: Any, qapp: Any) -> None:
    from desktop.gui.main_window import MainWindow

    translations = Translations(qapp)
    assert translations.install("ko")
    try:
        window = MainWindow(desk_ctx, translations=translations)
        qtbot.addWidget(window)
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles[:5] == ["가져오기", "작업", "검토", "결과", "동기화"]
        assert window.jobs_screen.start_button.text() == "시작"
        window.switch_language("en")
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert titles[:5] == ["Import", "Jobs", "Review", "Results", "Sync"]
        assert desk_ctx.settings.language == "en"
        window.close()
    finally:
        translations.install("en")


def test_about_names_versions_and_paths(main_window: Any) -> None:
    text = main_window.about_text()
    for needle in ("Python", "PySide6", "SQLAlchemy", "OpenCV", str(main_window.ctx.home)):
        assert needle in text
    # The version with the git commit (the installed app's baked in at build time).
    assert re.search(r"0\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)", text), text
    box = main_window.show_about()
    box.close()


def test_logging_to_rotating_file_with_qt_messages(tmp_path: Path) -> None:
    from PySide6.QtCore import QtMsgType

    from desktop.gui.app import qt_message_handler, setup_logging

    path = setup_logging(tmp_path / "logs")
    assert setup_logging(tmp_path / "logs") == path  # once
    qt_message_handler(QtMsgType.QtWarningMsg, None, "a warning from Qt")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "a warning from Qt" in path.read_text(encoding="utf-8")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(path)]:
        root.removeHandler(handler)
        handler.close()


def test_first_run_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = {c.key: c for c in run_checks(tmp_path / "data")}
    assert checks["data_dir"].ok
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract here
    missing = {c.key: c for c in run_checks(tmp_path / "data")}
    assert not missing["tesseract"].ok and not missing["korean"].ok


def test_first_run_dialog_explains_what_is_missing(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop.gui.first_run import FirstRunDialog

    monkeypatch.setenv("PATH", str(tmp_path))
    dialog = FirstRunDialog(run_checks(tmp_path / "data"))
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "check_tesseract").text()
    assert "apt-get install tesseract-ocr" in text
