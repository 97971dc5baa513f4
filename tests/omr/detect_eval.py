"""Detect a template from a scanned blank card of each layout, then read filled scans with it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from tests.omr.blank_cards import Layout, draw_blank, fill, plan, scan
from worker.omr.detect.card import Detection, detect_card
from worker.omr.detect.hints import Hints
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template


@dataclass
class Result:
    layout: str
    detection: Detection
    questions: int = 0
    correct: int = 0
    silent_errors: list[str] = field(default_factory=list)
    flagged_wrong: int = 0
    ids_right: int = 0
    sheets: int = 0


def decode(jpeg: bytes) -> np.ndarray:
    return cv2.imdecode(np.frombuffer(jpeg, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)


def run_layout(
    layout: Layout, tmp: Path, seed: int, copies: int, hints: Hints | None = None, edge: bool | None = None
) -> Result:
    """`edge`: scans show the page on a darker lid (default: when the card has no corner marks)."""
    rng = np.random.default_rng(seed)
    card = plan(layout)
    blank = draw_blank(card, layout.dpi)
    edge = (not layout.corner_marks) if edge is None else edge
    detection = detect_card(decode(scan(blank, rng, edge)), hints)
    path = tmp / f"{layout.name}.json"
    path.write_text(json.dumps(detection.template()), encoding="utf-8")
    template = load_template(path)
    result = Result(layout.name, detection)
    for copy in range(copies):
        page = blank.copy()
        truth, student = fill(page, card, rng, layout.dpi)
        scan_path = tmp / f"{layout.name}_{copy}.jpg"
        scan_path.write_bytes(scan(page, rng, edge))
        read = read_sheet(load_page(scan_path), template)
        result.sheets += 1
        for column, expected in truth.items():
            got = read.columns.get(column)
            result.questions += 1
            if got is None:
                result.silent_errors.append(f"{column}: missing from the template")
                continue
            if got["value"] == expected:
                result.correct += 1
            elif got["flags"]:
                result.flagged_wrong += 1
            else:
                result.silent_errors.append(f"{scan_path.name} {column}: read {got['value']!r}, was {expected!r}")
        if layout.id_digits and read.columns.get("student_id", {}).get("value") == student:
            result.ids_right += 1
    return result
