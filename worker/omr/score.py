"""Scoring: OMRChecker's evaluation.json (inline or CSV key, multiple correct, weighted answers, marking
schemes with negative marks and sections) and a plain `question,answer[,points]` CSV.

OMRChecker semantics: an unmarked question (its value is the empty value) scores `unmarked`; a marked one
scores `correct` when its value equals one allowed answer (a multi-mark such as "AB" is a value like any
other), the answer's own weight for weighted answers, else `incorrect`. An exam whose rule is
`double_mark: wrong` scores its unreviewed double marks `incorrect` whatever the key allows.
"""

from __future__ import annotations

import ast
import csv
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from core.job_types import DoubleMark
from worker.errors import BadInput
from worker.omr.key_sheet import is_key_scan, read_key_sheet
from worker.omr.template import Template, expand_labels

CIRCLED = {"①": "1", "②": "2", "③": "3", "④": "4", "⑤": "5"}


def _number(value: Any, where: str) -> float:
    try:
        return float(Fraction(str(value).strip()))
    except (ValueError, ZeroDivisionError):
        raise BadInput(f"answer key: {where} must be a number or fraction, got {value!r}") from None


@dataclass(frozen=True)
class Marking:
    correct: float = 1.0
    incorrect: float = 0.0
    unmarked: float = 0.0


@dataclass
class AnswerKey:
    # question -> list of (allowed answer, score when marked; None = the scheme's `correct`)
    answers: dict[str, list[tuple[str, float | None]]]
    schemes: dict[str, Marking] = field(default_factory=dict)  # question -> marking (DEFAULT elsewhere)
    default: Marking = field(default_factory=Marking)

    def marking(self, question: str) -> Marking:
        return self.schemes.get(question, self.default)


def _normalise(text: str) -> str:
    text = str(text).strip()
    return "".join(CIRCLED.get(ch, ch) for ch in text)


def _parse_answer(raw: Any, where: str) -> list[tuple[str, float | None]]:
    """One answer item: "C" | ["A", "C"] (either is correct) | [["B", 2], ["C", "3/2"]] (weighted)."""
    if isinstance(raw, str):
        text = raw.strip()
        if text.startswith("["):
            try:
                raw = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                raise BadInput(f"answer key: {where} has an unreadable answer {text!r}") from None
            return _parse_answer(raw, where)
        if "," in text:
            return [(_normalise(part), None) for part in text.split(",") if part.strip()]
        return [(_normalise(text), None)]
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return [(str(raw), None)]
    if isinstance(raw, list) and raw:
        if all(isinstance(item, list) and len(item) == 2 for item in raw):
            return [(_normalise(str(a)), _number(s, where)) for a, s in raw]
        if all(isinstance(item, (str, int)) for item in raw):
            return [(_normalise(str(a)), None) for a in raw]
    raise BadInput(f"answer key: {where} has an unreadable answer {raw!r}")


def _read_csv_key(path: Path) -> tuple[dict[str, list[tuple[str, float | None]]], dict[str, Marking]]:
    """`question,answer[,points]` rows: several accepted answers as "1,3" (quoted in the CSV), and an
    optional third column with the question's points (1 when empty or absent)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"answer key file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"answer key {path.name} cannot be read ({exc})") from None
    answers: dict[str, list[tuple[str, float | None]]] = {}
    schemes: dict[str, Marking] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not row[0].strip() or row[0].strip().startswith("#"):
            continue
        if len(row) < 2:
            raise BadInput(f"answer key {path.name} line {number}: expected question,answer")
        question, answer = row[0].strip(), row[1].strip()
        if number == 1 and question.lower() in ("question", "q", "문항", "문제"):
            continue  # header
        if question.isdigit():
            question = f"q{question}"
        answers[question] = _parse_answer(answer, f"{path.name} line {number}")
        if len(row) > 2 and row[2].strip():
            points = _number(row[2], f"{path.name} line {number} points")
            if points <= 0:
                raise BadInput(f"answer key {path.name} line {number}: points must be more than 0, got {row[2].strip()!r}")
            schemes[question] = Marking(correct=points)
    if not answers:
        raise BadInput(f"answer key {path.name} holds no answers")
    return answers, schemes


def _marking(raw: Any, where: str) -> Marking:
    if not isinstance(raw, dict):
        raise BadInput(f"answer key: {where} must be an object with correct/incorrect/unmarked")
    return Marking(
        _number(raw.get("correct", 1), f"{where}.correct"),
        _number(raw.get("incorrect", 0), f"{where}.incorrect"),
        _number(raw.get("unmarked", 0), f"{where}.unmarked"),
    )


def _scanned_key(path: Path, template: Template | None, questions: list[str] | None = None) -> AnswerKey:
    if template is None:
        raise BadInput(f"answer key {path.name} is a scanned key sheet: it is read with the exam's template")
    if not path.is_file():
        raise BadInput(f"answer key file not found: {path}")
    answers = read_key_sheet(path, template, questions)
    return AnswerKey({q: [(_normalise(a), None)] for q, a in answers.items()})


def key_files(path: str | Path) -> set[Path]:
    """The key file and the CSV or key sheet its evaluation.json names (they are not students' scans)."""
    path = Path(path).resolve()
    used = {path}
    if path.suffix.lower() == ".json":
        try:
            options = (json.loads(path.read_text(encoding="utf-8")) or {}).get("options") or {}
        except (OSError, ValueError, AttributeError):
            return used
        for name in ("answer_key_csv_path", "answer_key_image_path"):
            if isinstance(options.get(name), str):
                used.add((path.parent / options[name]).resolve())
    return used


def load_answer_key(path: str | Path, template: Template | None = None) -> AnswerKey:
    """A key from evaluation.json, a question,answer CSV, or a scanned key sheet (PNG, JPEG, TIFF, PDF:
    read with `template`). evaluation.json with `answer_key_image_path` reads that sheet when the CSV it
    names is missing, like OMRChecker."""
    path = Path(path)
    if is_key_scan(path):
        return _scanned_key(path, template)
    if path.suffix.lower() != ".json":
        answers, points = _read_csv_key(path)
        return AnswerKey(answers, points)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"answer key file not found: {path}") from None
    except (OSError, ValueError) as exc:
        raise BadInput(f"answer key {path.name} is not valid JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise BadInput(f"answer key {path.name} must hold a JSON object")
    options = raw.get("options") or {}
    source = str(raw.get("source_type", "custom"))
    if source == "csv":
        csv_path = options.get("answer_key_csv_path")
        if not isinstance(csv_path, str):
            raise BadInput("answer key: options.answer_key_csv_path is required for source_type csv")
        image_path = options.get("answer_key_image_path")
        if not (path.parent / csv_path).exists() and isinstance(image_path, str):
            named = expand_labels(options["questions_in_order"]) if options.get("questions_in_order") else None
            answers = _scanned_key(path.parent / image_path, template, named).answers
        else:
            answers, _points = _read_csv_key(path.parent / csv_path)  # the marking schemes below decide points
    elif source == "custom":
        questions = expand_labels(options.get("questions_in_order") or [])
        items = options.get("answers_in_order") or []
        if len(questions) != len(items):
            raise BadInput(
                f"answer key: {len(questions)} questions_in_order but {len(items)} answers_in_order"
            )
        answers = {q: _parse_answer(a, q) for q, a in zip(questions, items, strict=True)}
    else:
        raise BadInput(f"answer key: source_type {source!r} is not supported (csv or custom)")
    schemes_raw = raw.get("marking_schemes") or {}
    default = _marking(schemes_raw.get("DEFAULT", {}), "marking_schemes.DEFAULT")
    schemes: dict[str, Marking] = {}
    for name, scheme in schemes_raw.items():
        if name == "DEFAULT":
            continue
        if not isinstance(scheme, dict):
            raise BadInput(f"answer key: marking_schemes.{name} must be an object")
        marking = _marking(scheme.get("marking", {}), f"marking_schemes.{name}.marking")
        for question in expand_labels(scheme.get("questions") or []):
            schemes[question] = marking
    return AnswerKey(answers, schemes, default)


def wrong_by_rule(columns: Mapping[str, Mapping[str, Any]], double_mark: DoubleMark | str | None) -> frozenset[str]:
    """Columns the exam's rule scores wrong: with `double_mark` wrong, the double marks the reader did not
    send to review (a person's correction takes a column out)."""
    if DoubleMark(double_mark or DoubleMark.REVIEW) != DoubleMark.WRONG:
        return frozenset()
    return frozenset(
        name
        for name, column in columns.items()
        if "multi" in (column.get("reasons") or ()) and not column.get("flags") and not column.get("corrected")
    )


def score_sheet(
    key: AnswerKey, values: dict[str, str], empty_values: dict[str, str], wrong: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """Score output-column values; questions the sheet lacks are reported, not guessed. Questions in
    `wrong` (see wrong_by_rule) score `incorrect` whatever their value."""
    total = 0.0
    best = 0.0
    per_question: dict[str, dict[str, Any]] = {}
    missing = []
    for question, allowed in key.answers.items():
        if question not in values:
            missing.append(question)
            continue
        marking = key.marking(question)
        marked = _normalise(values[question])
        if question in wrong:
            delta, verdict = marking.incorrect, "incorrect"
        elif marked == empty_values.get(question, "") or marked == "":
            delta, verdict = marking.unmarked, "unmarked"
        else:
            hit = next((weight for answer, weight in allowed if answer == marked), "miss")
            if hit == "miss":
                delta, verdict = marking.incorrect, "incorrect"
            else:
                delta, verdict = (marking.correct if hit is None else float(hit)), "correct"
        best += max(marking.correct if w is None else w for _, w in allowed)
        total += delta
        per_question[question] = {"marked": values[question], "verdict": verdict, "delta": delta}
    return {"score": round(total, 4), "max_score": round(best, 4), "questions": per_question, "missing": missing}
