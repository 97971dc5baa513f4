"""Accuracy measures for OCR and segmentation against the exam-page ground truth."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

CIRCLED = "①②③④⑤"


def normalise(text: str) -> str:
    """Whitespace runs (line breaks included) count as one space; that is all normalisation does."""
    return re.sub(r"\s+", " ", text).strip()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def character_error_rate(recognised: str, truth: str) -> float:
    """Levenshtein distance over the ground truth's length, both normalised; spaces count."""
    truth = normalise(truth)
    return edit_distance(normalise(recognised), truth) / max(1, len(truth))


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def choice_marks_found(truth_lines: Sequence[tuple[str, Sequence[int]]],
                       read_lines: Sequence[tuple[str, Sequence[int]]]) -> tuple[int, int]:
    """(found, expected) circled numbers: each truth line is matched to the read line it overlaps most,
    and the marks they share count as found, so a mark counts only on the right line."""
    found = expected = 0
    for text, box in truth_lines:
        marks = Counter(c for c in text if c in CIRCLED)
        if not marks:
            continue
        expected += sum(marks.values())
        best = max(read_lines, key=lambda line: iou(box, line[1]), default=None)
        if best is not None and iou(box, best[1]) > 0:
            found += sum((marks & Counter(c for c in best[0] if c in CIRCLED)).values())
    return found, expected
