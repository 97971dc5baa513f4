"""Questions from OCR lines: a question starts at a number anchor (`3.`, `3)`) at the start of a line
near the column's left edge and runs to the next anchor, or for the last one to a wide layout gap."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

from worker.ocr.page_reader import OcrLine

# `3.`, `3)`, `[3]`, and `3,` (a blurred period often reads as a comma) unless a number follows (`3, 5`, `12.5 cm`).
ANCHOR = re.compile(r"^\s*(?:\[\s*)?(\d{1,3})\s*(?:[.)．\]](?!\d)|,(?!\s*\d))\s*\S")
# How far right of the column's leftmost anchor a question number may start, in line heights (a
# numbered item inside a question, such as a sub-list, is indented further).
ANCHOR_INDENT = 1.5
# The last question of a column ends at a vertical gap this many line pitches wide (a footer follows).
END_GAP_PITCHES = 3.0


@dataclass(frozen=True)
class FoundQuestion:
    number: int
    bbox: list[int]  # [x, y, w, h] in source pixels
    lines: tuple[OcrLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def _union(boxes: list[list[int]]) -> list[int]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return [x0, y0, x1 - x0, y1 - y0]


def anchor_number(line: OcrLine) -> int | None:
    match = ANCHOR.match(line.text)
    return int(match.group(1)) if match else None


def questions_from_lines(lines: list[OcrLine]) -> list[FoundQuestion]:
    """Questions per column in reading order."""
    found: list[FoundQuestion] = []
    for column in sorted({line.column for line in lines}):
        column_lines = sorted((line for line in lines if line.column == column), key=lambda ln: ln.bbox[1])
        if not column_lines:
            continue
        height = median(line.bbox[3] for line in column_lines)
        anchors = [i for i, line in enumerate(column_lines) if anchor_number(line) is not None]
        if not anchors:
            continue
        left = min(column_lines[i].bbox[0] for i in anchors)
        anchors = [i for i in anchors if column_lines[i].bbox[0] - left <= ANCHOR_INDENT * height]
        for position, start in enumerate(anchors):
            end = anchors[position + 1] if position + 1 < len(anchors) else len(column_lines)
            members = column_lines[start:end]
            if position + 1 == len(anchors):
                members = _until_gap(members)
            number = anchor_number(column_lines[start])
            assert number is not None
            found.append(FoundQuestion(number, _union([m.bbox for m in members]), tuple(members)))
    return found


def _until_gap(members: list[OcrLine]) -> list[OcrLine]:
    """Cut the last question of a column at the first gap much wider than its own line pitch."""
    if len(members) < 3:
        return members
    pitches = [b.bbox[1] - a.bbox[1] for a, b in itertools.pairwise(members)]
    typical = median(pitches[: max(2, len(pitches) // 2)])
    for index, pitch in enumerate(pitches):
        if pitch > END_GAP_PITCHES * typical:
            return members[: index + 1]
    return members
