"""Checks for scripts/check-app.sh: makes its Korean test page and judges what the frozen app produced.

Runs in the checkout's venv, never inside the app. Each command prints one `ok` line with what it found,
or exits non-zero with one line saying what is wrong:

    python -m bundling.check_results page OUT.png TRUTH.txt
    python -m bundling.check_results ocr TRUTH.txt RESULT.json
    python -m bundling.check_results segmentation RESULT.json QUESTIONS
    python -m bundling.check_results csv FILE.csv ROWS
    python -m bundling.check_results pdf FILE.pdf
    python -m bundling.check_results store DB_FILE
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

from core.store.migrate import head_revision
from tests.ocr.exam_pages import render_page

PAGE_SEED = 7
PAGE_QUESTIONS = 3
MIN_WORD_RECALL = 0.75  # clean 300-dpi pages read ~0.9 here; a wrong language model reads ~0
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class CheckFailed(Exception):
    pass


def make_page(out: Path, truth: Path) -> str:
    page = render_page(PAGE_SEED, questions=PAGE_QUESTIONS)
    page.save(out)
    truth.write_text(page.text, encoding="utf-8")
    return f"Korean exam page {out.name} ({PAGE_QUESTIONS} questions, {page.font})"


def _job(result_file: Path) -> dict[str, Any]:
    job = json.loads(result_file.read_text(encoding="utf-8"))
    if job.get("status") != "DONE":
        raise CheckFailed(f"job {job.get('status')}: {job.get('error')}")
    return dict(job["result"])


def korean_words(text: str) -> list[str]:
    return [word for word in text.split() if _HANGUL.search(word)]


def word_recall(truth: str, read: str) -> float:
    """Share of the truth's Korean words that the reading has (each counted as often as it occurs)."""
    wanted = korean_words(truth)
    pool = korean_words(read)
    found = 0
    for word in wanted:
        if word in pool:
            pool.remove(word)
            found += 1
    return found / len(wanted) if wanted else 0.0


def check_ocr(truth: Path, result_file: Path) -> str:
    result = _job(result_file)
    recall = word_recall(truth.read_text(encoding="utf-8"), str(result.get("text", "")))
    if recall < MIN_WORD_RECALL:
        raise CheckFailed(f"OCR found {recall:.0%} of the page's Korean words (want {MIN_WORD_RECALL:.0%})")
    return f"OCR read {recall:.0%} of the Korean words (engine {result.get('engine')}, lang {result.get('lang')})"


def check_segmentation(result_file: Path, questions: int) -> str:
    found = _job(result_file)["questions"]
    numbers = [q["number"] for q in found]
    if numbers != list(range(1, questions + 1)):
        raise CheckFailed(f"segmentation found questions {numbers}, want 1..{questions}")
    missing = [q["crop_path"] for q in found if not Path(q["crop_path"]).is_file()]
    if missing:
        raise CheckFailed(f"segmentation crops missing: {missing}")
    return f"segmentation found questions {numbers} with their crops"


def check_csv(path: Path, rows: int) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    if len(table) != rows:
        raise CheckFailed(f"{path.name} has {len(table)} rows, want {rows}")
    answered = sum(1 for row in table for key, value in row.items() if key.startswith("q") and value)
    if not answered:
        raise CheckFailed(f"{path.name} has no answers")
    return f"{path.name}: {len(table)} row(s), {answered} answers read"


def check_pdf(path: Path) -> str:
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 10_000:
        raise CheckFailed(f"{path.name} is not a rendered card ({len(data)} bytes)")
    return f"{path.name}: {len(data) // 1024} KB PDF"


def check_store(db_file: Path) -> str:
    if not db_file.is_file():
        raise CheckFailed(f"no store at {db_file}")
    with sqlite3.connect(db_file) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        (jobs,) = conn.execute("SELECT count(*) FROM jobs").fetchone()
    if revision != head_revision():
        raise CheckFailed(f"store at schema {revision}, want {head_revision()}")
    return f"store {db_file.name} at schema {revision}, {jobs} jobs"


def main(argv: list[str]) -> int:
    command, *args = argv
    checks = {
        "page": lambda: make_page(Path(args[0]), Path(args[1])),
        "ocr": lambda: check_ocr(Path(args[0]), Path(args[1])),
        "segmentation": lambda: check_segmentation(Path(args[0]), int(args[1])),
        "csv": lambda: check_csv(Path(args[0]), int(args[1])),
        "pdf": lambda: check_pdf(Path(args[0])),
        "store": lambda: check_store(Path(args[0])),
    }
    try:
        print(f"ok    {checks[command]()}")
    except (CheckFailed, OSError, ValueError, KeyError, sqlite3.Error) as exc:
        print(f"FAIL  {command}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
