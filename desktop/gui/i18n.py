"""UI language: which one to use, and loading its Qt Linguist translation.

Sources are `resources/translations/scandesk_<lang>.ts` (English source strings in the code, Korean
translations); the compiled `.qm` files are built, not committed (scripts/bootstrap.sh runs
pyside6-lrelease). When a `.qm` is missing or older than its `.ts`, `ensure_compiled` builds it with the
lrelease that ships in PySide6.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("ko", "en")


def choose_language(setting: str, system_locale: str) -> str:
    """`ko` or `en` from the setting (auto | ko | en) and the system locale name (e.g. ko_KR)."""
    if setting in LANGUAGES:
        return setting
    return "ko" if system_locale.lower().startswith("ko") else "en"


def system_locale_name() -> str:
    return QLocale.system().name()


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    if beside.exists():
        return str(beside)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def ensure_compiled(lang: str, directory: Path = TRANSLATIONS_DIR) -> Path | None:
    """The `.qm` for `lang`, built from its `.ts` when missing or stale; None if it cannot be had."""
    ts = directory / f"scandesk_{lang}.ts"
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    tool = _lrelease()
    if tool is None:
        log.warning("no lrelease found; the UI stays in English (run scripts/bootstrap.sh)")
        return None
    try:
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot build %s: %s", qm.name, exc)
        return None
    return qm


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues are (PySide6 ships them: qtbase_ko.qm and the others)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


class Translations:
    """Installs the app's translator and Qt's own (qtbase: the Yes/No/Cancel buttons, the file dialogs,
    the context menus of text fields) for one language at a time; switching replaces both, and widgets
    then rebuild their text."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = "en"

    def _remove(self) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []

    def install(self, lang: str) -> bool:
        self._remove()
        self.language = lang
        if lang == "en":
            return True  # the source strings are English
        qm = ensure_compiled(lang)
        translator = QTranslator(self._app)
        if qm is None or not translator.load(str(qm)):
            log.warning("no translation for %s; showing English", lang)
            self.language = "en"
            return False
        self._app.installTranslator(translator)
        self._translators.append(translator)
        qt_own = QTranslator(self._app)
        if qt_own.load(f"qtbase_{lang}", str(qt_translations_dir())):
            self._app.installTranslator(qt_own)
            self._translators.append(qt_own)
        else:
            log.warning("Qt's own %s translation (qtbase_%s.qm) is missing; its buttons stay English", lang, lang)
        return True
