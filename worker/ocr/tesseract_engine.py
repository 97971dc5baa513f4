"""Calling the tesseract program: one run per region, TSV output parsed into words with boxes.

Tesseract is run as a subprocess with `OMP_THREAD_LIMIT=1`: its OpenMP threads fight each other when
several pages are read at once (tesseract issue #3109), so parallelism comes from running one tesseract
per worker process instead.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from core.bundle import tesseract_env

LANG = "kor+eng"
REQUIRED_LANGS = ("kor", "eng")
RUN_TIMEOUT_SECONDS = 120  # a dense A3 page takes ~10 s on one core; longer means tesseract hung

INSTALL_HINT = (
    "Install Tesseract OCR with Korean and English data: "
    "Debian/Ubuntu `sudo apt-get install tesseract-ocr tesseract-ocr-kor tesseract-ocr-eng`; "
    "macOS `brew install tesseract tesseract-lang`; "
    "Windows: the UB Mannheim installer with the Korean language selected. "
    "If it is installed elsewhere, set tesseract_cmd in the settings."
)


class TesseractUnavailable(RuntimeError):
    """Tesseract or its Korean/English data is missing; the message says how to install them."""


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0..100 as tesseract reports it
    line_key: tuple[int, int, int]  # (block, paragraph, line) within one run
    space_before: bool = True  # tesseract's own word spacing, from its text output

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def _env(executable: str) -> dict[str, str]:
    """The installed app's own tesseract also gets its tessdata and libraries (see core.bundle)."""
    env = tesseract_env(executable, os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@cache
def check_tesseract(cmd: str = "tesseract") -> str:
    """The resolved tesseract executable; raises TesseractUnavailable when it or kor/eng is missing."""
    path = shutil.which(cmd)
    if path is None:
        raise TesseractUnavailable(f"Tesseract was not found ({cmd!r}). {INSTALL_HINT}")
    try:
        listed = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30,
                                env=_env(path), check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TesseractUnavailable(f"Tesseract at {path} does not run ({exc}). {INSTALL_HINT}") from None
    langs = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    missing = [lang for lang in REQUIRED_LANGS if lang not in langs]
    if missing:
        raise TesseractUnavailable(
            f"Tesseract at {path} has no {' or '.join(missing)} language data. {INSTALL_HINT}"
        )
    return path


def run_words(image: np.ndarray, *, psm: int, cmd: str = "tesseract", lang: str = LANG,
              extra: tuple[str, ...] = ()) -> list[Word]:
    """Words tesseract finds in `image` (grayscale or binary), boxes in `image` pixels.

    One run writes both TSV (boxes, confidences) and plain text: the TSV splits Korean words into single
    syllables, while the text output keeps tesseract's real word spacing, which `mark_spaces` copies
    onto the words. The image goes in on stdin as PNG.
    Raises TesseractUnavailable if tesseract is missing, RuntimeError if it fails on this image.
    """
    executable = check_tesseract(cmd)
    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("could not encode the page for tesseract")
    with tempfile.TemporaryDirectory(prefix="scandesk-ocr-") as folder:
        base = Path(folder) / "page"
        args = [executable, "stdin", str(base), "-l", lang, "--psm", str(psm), "--dpi", "300", *extra,
                "tsv", "txt"]
        try:
            done = subprocess.run(args, input=png.tobytes(), capture_output=True,
                                  timeout=RUN_TIMEOUT_SECONDS, env=_env(executable), check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"tesseract took longer than {RUN_TIMEOUT_SECONDS} s on one region") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"tesseract failed: {message[-1] if message else done.returncode}")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
        text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    return mark_spaces(parse_tsv(tsv), text)


def mark_spaces(words: list[Word], text: str) -> list[Word]:
    """Set `space_before` on each word from tesseract's text output, line by line.

    TSV lines and non-empty text lines come in the same order; within a line the words, concatenated,
    spell the text line without its spaces. Where that does not hold the words keep a space each.
    """
    text_lines = [line for line in text.splitlines() if line.strip()]
    keys: list[tuple[int, int, int]] = []
    by_line: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(words):
        if word.line_key not in by_line:
            keys.append(word.line_key)
            by_line[word.line_key] = []
        by_line[word.line_key].append(index)
    if len(keys) != len(text_lines):
        return words
    marked = list(words)
    for key, line in zip(keys, text_lines, strict=True):
        position = 0
        for count, index in enumerate(by_line[key]):
            word = words[index]
            spaced = False
            while position < len(line) and line[position].isspace():
                spaced = True
                position += 1
            if not line.startswith(word.text, position):
                break  # text and TSV disagree on this line: keep the default spaces for the rest
            marked[index] = replace(word, space_before=spaced or count == 0)
            position += len(word.text)
    return marked


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of tesseract's TSV output, without empty words."""
    words: list[Word] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        words.append(
            Word(
                text=text,
                left=int(row["left"]),
                top=int(row["top"]),
                width=int(row["width"]),
                height=int(row["height"]),
                confidence=float(row["conf"]),
                line_key=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
            )
        )
    return words
