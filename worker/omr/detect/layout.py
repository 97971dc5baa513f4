"""Blocks of a card (ID digits or answers) and the OMRChecker template they make.

All coordinates are template units. A block is held by the centres of its first and last bubble plus its
row and column counts, so editing it (dragging a corner, changing a count) keeps the grid even.
Numbering follows how cards are read: down each column of answer blocks, then across to the next column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

DIGITS = tuple("0123456789")


class BlockKind(StrEnum):
    ANSWERS = "answers"
    STUDENT_ID = "student_id"


class Direction(StrEnum):
    """Which way a field's bubbles run: a question's choices (or an ID column's digits)."""

    HORIZONTAL = "horizontal"
    VERTICAL = "vertical"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    direction: Direction
    rows: int
    cols: int
    x0: float  # centre of the top-left bubble
    y0: float
    x1: float  # centre of the bottom-right bubble
    y1: float
    bubble_w: float
    bubble_h: float
    first: int = 1  # first question number (answers)
    letters: bool = False  # choices A, B, C... instead of 1, 2, 3...

    @property
    def col_gap(self) -> float:
        return (self.x1 - self.x0) / (self.cols - 1) if self.cols > 1 else self.bubble_w * 1.3

    @property
    def row_gap(self) -> float:
        return (self.y1 - self.y0) / (self.rows - 1) if self.rows > 1 else self.bubble_h * 1.6

    @property
    def choices(self) -> int:
        """Bubbles per field: choices of a question, or 10 digits of an ID column."""
        return self.cols if self.direction == Direction.HORIZONTAL else self.rows

    @property
    def fields(self) -> int:
        """Questions (answers) or digits of the number (ID)."""
        return self.rows if self.direction == Direction.HORIZONTAL else self.cols

    @property
    def last(self) -> int:
        return self.first + self.fields - 1

    def values(self) -> list[str]:
        if self.kind == BlockKind.STUDENT_ID:
            return list(DIGITS[: self.choices])
        if self.letters:
            return [chr(ord("A") + i) for i in range(self.choices)]
        return [str(i + 1) for i in range(self.choices)]

    def with_fields(self, count: int) -> Block:
        """The same block cut to its first `count` fields (spacing kept)."""
        if self.direction == Direction.HORIZONTAL:
            return replace(self, rows=count, y1=self.y0 + (count - 1) * self.row_gap)
        return replace(self, cols=count, x1=self.x0 + (count - 1) * self.col_gap)

    def centres(self) -> list[tuple[float, float]]:
        return [(self.x0 + c * self.col_gap, self.y0 + r * self.row_gap)
                for r in range(self.rows) for c in range(self.cols)]

    def bounds(self) -> tuple[float, float, float, float]:
        """Outer box of the bubbles: left, top, right, bottom."""
        return (self.x0 - self.bubble_w / 2, self.y0 - self.bubble_h / 2,
                self.x1 + self.bubble_w / 2, self.y1 + self.bubble_h / 2)


def reading_order(blocks: list[Block]) -> list[Block]:
    """Answer blocks in reading order: columns of blocks left to right, each column top to bottom."""
    columns: list[list[Block]] = []
    for block in sorted(blocks, key=lambda b: b.bounds()[0]):
        left, _, right, _ = block.bounds()
        for column in columns:
            c_left = min(b.bounds()[0] for b in column)
            c_right = max(b.bounds()[2] for b in column)
            overlap = min(right, c_right) - max(left, c_left)
            if overlap > 0.5 * min(right - left, c_right - c_left):
                column.append(block)
                break
        else:
            columns.append([block])
    ordered: list[Block] = []
    for column in columns:
        ordered.extend(sorted(column, key=lambda b: b.bounds()[1]))
    return ordered


def number_blocks(blocks: list[Block], start: int = 1) -> list[Block]:
    """Answer blocks renumbered in reading order from `start`; other blocks kept as they are."""
    others = [b for b in blocks if b.kind != BlockKind.ANSWERS]
    numbered: list[Block] = []
    number = start
    for block in reading_order([b for b in blocks if b.kind == BlockKind.ANSWERS]):
        numbered.append(replace(block, first=number))
        number += block.fields
    return others + numbered


def _r(value: float) -> float:
    return round(float(value), 1)


def block_entry(block: Block, default_bubble: tuple[float, float]) -> dict[str, Any]:
    horizontal = block.direction == Direction.HORIZONTAL
    entry: dict[str, Any] = {}
    if block.kind == BlockKind.STUDENT_ID and not horizontal:
        entry["fieldType"] = "QTYPE_INT"
    else:
        entry["bubbleValues"] = block.values()
        entry["direction"] = block.direction.value
    entry["origin"] = [_r(block.x0 - block.bubble_w / 2), _r(block.y0 - block.bubble_h / 2)]
    entry["bubblesGap"] = _r(block.col_gap if horizontal else block.row_gap)
    entry["labelsGap"] = _r(block.row_gap if horizontal else block.col_gap)
    if block.kind == BlockKind.STUDENT_ID:
        entry["fieldLabels"] = [f"sid1..{block.fields}"]
        entry["emptyValue"] = ""
    else:
        entry["fieldLabels"] = [f"q{block.first}..{block.last}"]
    dw, dh = default_bubble
    if abs(block.bubble_w - dw) > 0.06 * dw or abs(block.bubble_h - dh) > 0.06 * dh:
        entry["bubbleDimensions"] = [_r(block.bubble_w), _r(block.bubble_h)]
    return entry


def build_template(
    blocks: list[Block],
    page_size: tuple[float, float],
    preprocessors: list[dict[str, Any]],
) -> dict[str, Any]:
    """An OMRChecker template.json (with ScanDesk's CornerMarks / studentIdField where they apply)."""
    answers = sorted((b for b in blocks if b.kind == BlockKind.ANSWERS), key=lambda b: b.first)
    ids = [b for b in blocks if b.kind == BlockKind.STUDENT_ID]
    widths = sorted(b.bubble_w for b in blocks)
    heights = sorted(b.bubble_h for b in blocks)
    bubble = (widths[len(widths) // 2], heights[len(heights) // 2]) if blocks else (10.0, 10.0)
    field_blocks: dict[str, Any] = {}
    columns: list[str] = []
    template: dict[str, Any] = {
        "pageDimensions": [_r(page_size[0]), _r(page_size[1])],
        "bubbleDimensions": [_r(bubble[0]), _r(bubble[1])],
        "emptyValue": "",
        "fieldBlocks": field_blocks,
    }
    if ids:
        field_blocks["StudentId"] = block_entry(ids[0], bubble)
        template["customLabels"] = {"student_id": [f"sid1..{ids[0].fields}"]}
        template["studentIdField"] = "student_id"
        columns.append("student_id")
    for block in answers:
        field_blocks[f"Q{block.first:02d}"] = block_entry(block, bubble)
        columns.extend(f"q{n}" for n in range(block.first, block.last + 1))
    template["outputColumns"] = columns
    if preprocessors:
        template["preProcessors"] = preprocessors
    return template
