"""Where the installed app keeps what it carries: tesseract with its data, fonts, build information.

The app folder built by `build.spec` (PyInstaller, one folder) holds its files under `sys._MEIPASS`:

    tesseract/tesseract[.exe]      the OCR program
    tesseract/lib/                 its shared libraries (Linux; on Windows the DLLs sit beside the .exe)
    tesseract/tessdata/            kor + eng traineddata and the output configs (tsv, txt)
    fonts/                         the Korean font for rendered cards, reports and circled-digit templates
    build_info.json                version and git commit of the build (see `core.build_info`)

Run from a checkout (not frozen) none of this exists: tesseract comes from PATH and fonts from the system.
No Qt here: the worker's process-pool children use it too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Final

TESSERACT_DIR: Final = "tesseract"
FONTS_DIR: Final = "fonts"
TESSERACT_EXE: Final = "tesseract.exe" if sys.platform == "win32" else "tesseract"
# The variable the dynamic loader reads for the bundled tesseract's libraries.
_LIBRARY_PATH_VAR: Final = {"linux": "LD_LIBRARY_PATH", "darwin": "DYLD_LIBRARY_PATH"}.get(sys.platform)


def bundle_dir() -> Path | None:
    """The frozen app's data folder (`sys._MEIPASS`), or None when running from source."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if getattr(sys, "frozen", False) and meipass else None


def bundled_tesseract() -> Path | None:
    """The tesseract executable shipped in the app folder, if this is the app and it carries one."""
    root = bundle_dir()
    if root is None:
        return None
    exe = root / TESSERACT_DIR / TESSERACT_EXE
    return exe if exe.is_file() else None


def default_tesseract_cmd() -> str:
    """What to run when the settings name no tesseract: the bundled one, else `tesseract` on PATH."""
    exe = bundled_tesseract()
    return str(exe) if exe is not None else "tesseract"


def _is_bundled(executable: str) -> bool:
    exe = bundled_tesseract()
    if exe is None:
        return False
    try:
        return Path(executable).resolve() == exe.resolve()
    except OSError:
        return False


def tesseract_env(executable: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment to run `executable` (a resolved tesseract path) in.

    For the bundled tesseract: `TESSDATA_PREFIX` names the bundled tessdata (so a system tesseract's
    data or a stray `TESSDATA_PREFIX` is never mixed in), and the loader path starts with its `lib/`,
    then the bundle's top folder (libraries the Python side also uses are shipped there once).
    Any other tesseract gets `base` unchanged (a copy).
    """
    env = dict(os.environ if base is None else base)
    if not _is_bundled(executable):
        return env
    folder = Path(executable).resolve().parent
    env["TESSDATA_PREFIX"] = str(folder / "tessdata")
    lib = folder / "lib"
    if _LIBRARY_PATH_VAR and lib.is_dir():
        # folder.parent is the bundle's top folder, which holds the libraries shipped once for both.
        paths = [str(lib), str(folder.parent), env.get(_LIBRARY_PATH_VAR, "")]
        env[_LIBRARY_PATH_VAR] = os.pathsep.join(p for p in paths if p)
    return env


def font_paths(*names: str) -> tuple[str, ...]:
    """The bundled fonts among `names` (file names such as `NanumGothic.ttf`) that exist, in order."""
    root = bundle_dir()
    if root is None:
        return ()
    return tuple(str(root / FONTS_DIR / name) for name in names if (root / FONTS_DIR / name).is_file())
