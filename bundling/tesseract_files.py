"""Build time: find the tesseract to ship, its shared libraries and its kor + eng data.

Used by build.spec. Where tesseract is looked for, first found wins:
  1. the path given to the build (`SCANDESK_TESSERACT=/path/to/tesseract`),
  2. `tesseract` on PATH,
  3. the standard install folders: Windows (UB Mannheim installer) `C:\\Program Files\\Tesseract-OCR`,
     macOS Homebrew `/opt/homebrew/bin`, `/usr/local/bin`.
Its tessdata folder is the one tesseract itself reports (`--list-langs`), or `SCANDESK_TESSDATA`.

Libraries: on Linux every library `ldd` lists except the C library family, which every Linux has and
which must match the kernel's loader; on Windows the DLLs the installer put beside tesseract.exe; on
macOS the non-system dylibs `otool -L` lists (found at run time through DYLD_LIBRARY_PATH).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIRED_LANGS = ("kor", "eng")
# The output configs the app asks for (`tsv`, `txt`) live in tessdata/configs.
TESSDATA_SUBDIRS = ("configs",)

STANDARD_LOCATIONS = {
    "win32": (
        r"C:\Program Files\Tesseract-OCR\tesseract.exe",
        r"C:\Program Files (x86)\Tesseract-OCR\tesseract.exe",
        os.path.expandvars(r"%LOCALAPPDATA%\Programs\Tesseract-OCR\tesseract.exe"),
    ),
    "darwin": ("/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract"),
}

# glibc's own libraries: always present, and they must match the system's dynamic loader.
_GLIBC = re.compile(
    r"^(ld-linux.*|linux-vdso.*|libc|libm|libdl|libpthread|librt|libresolv|libutil|libnsl|libanl"
    r"|libBrokenLocale|libthread_db|libmvec)\.so(\..*)?$"
)
_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)\s+\(0x[0-9a-f]+\)\s*$")
_LDD_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
_LIST_LANGS_HEADER = re.compile(r'List of available languages in "(.+?)"')


class TesseractNotFound(RuntimeError):
    """No usable tesseract for the build; the message says where it looked and how to name one."""


@dataclass(frozen=True)
class TesseractFiles:
    executable: Path
    libraries: tuple[Path, ...]
    tessdata: Path

    def data_files(self) -> list[tuple[Path, str]]:
        """(source, folder inside tessdata) for the language data and configs the app uses."""
        files = [(self.tessdata / f"{lang}.traineddata", ".") for lang in REQUIRED_LANGS]
        for sub in TESSDATA_SUBDIRS:
            folder = self.tessdata / sub
            files += [(path, sub) for path in sorted(folder.iterdir()) if path.is_file()]
        return files


def find_executable(given: str | None = None, platform: str = sys.platform) -> Path:
    tried: list[str] = []
    candidates: list[str] = []
    if given:
        candidates.append(given)
    else:
        on_path = shutil.which("tesseract")
        if on_path:
            candidates.append(on_path)
        candidates += STANDARD_LOCATIONS.get(platform, ())
    for candidate in candidates:
        tried.append(candidate)
        path = Path(candidate)
        if path.is_file() and os.access(path, os.X_OK):
            return path.resolve()
    raise TesseractNotFound(
        f"no tesseract to bundle (tried: {', '.join(tried) or 'PATH'}); install it with kor+eng data "
        "or set SCANDESK_TESSERACT to the tesseract executable"
    )


def parse_ldd(output: str) -> tuple[list[Path], list[str]]:
    """(libraries to ship, names ldd could not find) from `ldd` output, glibc's own left out."""
    found: list[Path] = []
    missing: list[str] = []
    for line in output.splitlines():
        if match := _LDD_NOT_FOUND.match(line):
            missing.append(match.group(1))
        elif (match := _LDD_LINE.match(line)) and not _GLIBC.match(match.group(1)):
            found.append(Path(match.group(2)))
    return found, missing


def parse_otool(output: str) -> list[Path]:
    """Non-system dylibs from `otool -L` output (the first line names the file itself)."""
    libs = []
    for line in output.splitlines()[1:]:
        path = line.strip().split(" (", 1)[0]
        if path and not path.startswith(("/usr/lib/", "/System/")):
            libs.append(Path(path))
    return libs


def libraries(executable: Path, platform: str = sys.platform) -> tuple[Path, ...]:
    if platform == "win32":
        return tuple(sorted(executable.parent.glob("*.dll")))
    if platform == "darwin":
        seen: dict[str, Path] = {}
        pending = [executable]
        while pending:  # otool lists direct dependencies only: walk them
            done = subprocess.run(["otool", "-L", str(pending.pop())], capture_output=True, text=True, check=True)
            for lib in parse_otool(done.stdout):
                if lib.name not in seen and lib.exists():
                    seen[lib.name] = lib
                    pending.append(lib)
        return tuple(seen.values())
    done = subprocess.run(["ldd", str(executable)], capture_output=True, text=True, check=True)
    found, missing = parse_ldd(done.stdout)
    if missing:
        raise TesseractNotFound(f"{executable} needs libraries this machine lacks: {', '.join(missing)}")
    return tuple(found)


def parse_list_langs(output: str) -> tuple[Path | None, set[str]]:
    """(tessdata folder, languages) from `tesseract --list-langs` output."""
    folder = None
    langs = set()
    for line in output.splitlines():
        if match := _LIST_LANGS_HEADER.search(line):
            folder = Path(match.group(1))
        elif line.strip() and " " not in line.strip():
            langs.add(line.strip())
    return folder, langs


def find_tessdata(executable: Path, given: str | None = None) -> Path:
    done = subprocess.run([str(executable), "--list-langs"], capture_output=True, text=True, check=False)
    reported, _ = parse_list_langs(done.stdout + done.stderr)
    folder = Path(given) if given else reported
    if folder is None:
        raise TesseractNotFound(f"{executable} does not say where its tessdata is; set SCANDESK_TESSDATA")
    missing = [lang for lang in REQUIRED_LANGS if not (folder / f"{lang}.traineddata").is_file()]
    if missing:
        raise TesseractNotFound(f"{folder} has no {' or '.join(missing)}.traineddata (install the language data)")
    return folder


def collect(platform: str = sys.platform) -> TesseractFiles:
    executable = find_executable(os.environ.get("SCANDESK_TESSERACT"), platform)
    return TesseractFiles(
        executable=executable,
        libraries=libraries(executable, platform),
        tessdata=find_tessdata(executable, os.environ.get("SCANDESK_TESSDATA")),
    )
