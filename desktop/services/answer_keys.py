"""Answer keys typed by the teacher: rows of (question, accepted answers, points), kept as the
`question,answer,points` CSV that `scandesk omr --answer-key` and the worker read (worker/omr/score.py).

Qt-free; the exam dialog's key editor calls it on the UI thread (the files are a few hundred bytes).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from core.store.paths import home_dir
from desktop.services.template_library import safe_name
from worker.errors import BadInput
from worker.omr.score import CIRCLED, load_answer_key
from worker.omr.template import load_template

CHOICES = 5  # the Korean cards' ①-⑤


class KeyRowError(ValueError):
    """One question typed wrong; `kind` is "empty", "answer" or "points" (the UI words it itself)."""

    def __init__(self, question: int, kind: str, text: str, message: str) -> None:
        super().__init__(message)
        self.question, self.kind, self.text = question, kind, text


@dataclass(frozen=True, slots=True)
class KeyRow:
    question: int  # 1-based, as printed on the card
    answers: tuple[str, ...]  # accepted answers, each "1".."5"; more than one: any of them is right
    points: float = 1.0


def parse_answers(text: str, question: int, choices: int = CHOICES) -> tuple[str, ...]:
    """"3", "1,3", "1 3", "1/3", "①③" -> the accepted answers. Raises ValueError naming the question."""
    cleaned = "".join(CIRCLED.get(ch, ch) for ch in text.strip())
    parts = [p for p in re.split(r"[\s,/|]+", cleaned) if p]
    if len(parts) == 1 and len(parts[0]) > 1 and parts[0].isdigit():
        parts = list(parts[0])  # "13" typed for 1 and 3
    if not parts:
        raise KeyRowError(question, "empty", text, f"question {question}: no answer typed")
    wrong = [p for p in parts if not (p.isdigit() and 1 <= int(p) <= choices)]
    if wrong:
        raise KeyRowError(question, "answer", text.strip(), f"question {question}: answers are 1-{choices}, got {text.strip()!r}")
    return tuple(dict.fromkeys(str(int(p)) for p in parts))


def parse_points(text: str, question: int) -> float:
    try:
        value = float(text.strip() or "1")
    except ValueError:
        raise KeyRowError(question, "points", text.strip(), f"question {question}: points must be a number, got {text.strip()!r}") from None
    if value <= 0:
        raise KeyRowError(question, "points", text.strip(), f"question {question}: points must be more than 0, got {text.strip()!r}")
    return value


def write_key_csv(path: str | Path, rows: Sequence[KeyRow]) -> Path:
    """Write the key; several answers are one quoted cell ("1,3"), as the reader expects."""
    if not rows:
        raise ValueError("answer key: no questions")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question", "answer", "points"])
        for row in rows:
            writer.writerow([row.question, ",".join(row.answers), f"{row.points:g}"])
    return out


def read_key_rows(path: str | Path) -> list[KeyRow]:
    """The rows of a key file (CSV or evaluation.json) for editing; questions not named qN are left out."""
    try:
        key = load_answer_key(path)
    except BadInput as exc:
        raise ValueError(str(exc)) from None
    rows = []
    for name, allowed in key.answers.items():
        match = re.fullmatch(r"q(\d+)", name)
        if match:
            rows.append(KeyRow(int(match.group(1)), tuple(a for a, _ in allowed), key.marking(name).correct))
    return sorted(rows, key=lambda r: r.question)


def question_count(template_path: str | Path) -> int:
    """How many qN questions the card has (0 when the template cannot be read)."""
    try:
        template = load_template(template_path)
    except (BadInput, OSError, ValueError):
        return 0
    return sum(1 for c in template.output_columns if re.fullmatch(r"q\d+", c))


def new_key_path(exam_name: str, home: Path | None = None) -> Path:
    """Where a newly typed key goes: HOME/keys/<exam name>.csv, or <exam name> (2).csv and so on when
    that file is another exam's key already (exams often share a name: every class has a "단원평가 3")."""
    folder = home_dir(home) / "keys"
    stem = safe_name(exam_name) or "answer_key"
    path, n = folder / f"{stem}.csv", 1
    while path.exists():
        n += 1
        path = folder / f"{stem} ({n}).csv"
    return path


__all__ = ["KeyRow", "KeyRowError", "new_key_path", "parse_answers", "parse_points", "question_count", "read_key_rows",
           "write_key_csv"]
