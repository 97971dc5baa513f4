"""Blank card scan -> blocks -> template: the entry point of template detection.

The page is straightened into template units (see frame.py), bubbles are found there, grouped into grids,
and each grid is named: an ID block has 10 digit positions along one side; answer blocks have the card's
choice count along one side (the most common small side, or the --choices hint). Hints only settle what
the card leaves open; a card without a usable grid raises BadInput naming what was missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.detect.bubbles import find_bubbles
from worker.omr.detect.frame import Frame, FrameMethod, find_frame
from worker.omr.detect.grid import Grid, group_grids
from worker.omr.detect.hints import MAX_CHOICES, MAX_ID_DIGITS, Hints
from worker.omr.detect.layout import Block, BlockKind, Direction, build_template, number_blocks
from worker.omr.detect.skew import grid_skew, rotation_about
from worker.omr.pages import Page, load_page

MIN_FIELDS = 2  # a lone row of bubbles (a form-type box, say) is not taken as a block of questions


@dataclass
class Detection:
    blocks: list[Block]
    frame: Frame
    page: np.ndarray  # the straightened blank card, grey, one pixel per template unit
    bubbles: int
    notes: list[str] = field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(b.fields for b in self.blocks if b.kind == BlockKind.ANSWERS)

    @property
    def id_digits(self) -> int:
        return sum(b.fields for b in self.blocks if b.kind == BlockKind.STUDENT_ID)

    def template(self, blocks: list[Block] | None = None) -> dict[str, Any]:
        return build_template(self.blocks if blocks is None else blocks, self.frame.page_size,
                              self.frame.preprocessors)

    def summary(self) -> list[str]:
        """What was found, one line each, for the teacher."""
        lines = [f"alignment: {self.frame.method}; page {self.frame.page_size[0]:g} x {self.frame.page_size[1]:g}"
                 f"; {self.bubbles} bubbles"]
        for block in self.blocks:
            left, top, _, _ = block.bounds()
            where = f"at ({left:.0f}, {top:.0f})"
            if block.kind == BlockKind.STUDENT_ID:
                lines.append(f"student number: {block.fields} digits {where}")
            else:
                lines.append(f"questions {block.first}-{block.last}: {block.choices} choices, "
                             f"{block.direction.value} {where}")
        lines.extend(f"note: {note}" for note in self.notes)
        return lines


def _block(grid: Grid, kind: BlockKind, direction: Direction) -> Block:
    return Block(kind, direction, grid.rows, grid.cols, float(grid.xs[0]), float(grid.ys[0]),
                 float(grid.xs[-1]), float(grid.ys[-1]), grid.bubble_w, grid.bubble_h)


def _choice_count(grids: list[Grid], hints: Hints) -> int | None:
    if hints.choices:
        return hints.choices
    votes: Counter[int] = Counter()
    for grid in grids:
        for side, other in ((grid.cols, grid.rows), (grid.rows, grid.cols)):
            if 2 <= side <= MAX_CHOICES and other >= MIN_FIELDS:
                votes[side] += other
    return votes.most_common(1)[0][0] if votes else None


def _id_grid(grids: list[Grid], choices: int | None, hints: Hints) -> tuple[Grid, Direction] | None:
    """The student number block: 10 digit positions down each column (or across each row), the top-left
    one when several fit."""

    def digits(grid: Grid) -> tuple[int, Direction] | None:
        if grid.rows == 10 and 1 <= grid.cols <= MAX_ID_DIGITS:
            return grid.cols, Direction.VERTICAL
        if grid.cols == 10 and 1 <= grid.rows <= MAX_ID_DIGITS:
            return grid.rows, Direction.HORIZONTAL
        return None

    fitting: list[tuple[Grid, Direction]] = []
    for grid in grids:
        found = digits(grid)
        if found is None:
            continue
        count, direction = found
        if (hints.id_digits and count == hints.id_digits) or (not hints.id_digits and count != choices):
            fitting.append((grid, direction))
    if not fitting:
        return None
    return min(fitting, key=lambda item: float(item[0].ys[0]) + float(item[0].xs[0]))


def classify(grids: list[Grid], hints: Hints) -> tuple[list[Block], list[str]]:
    """Blocks (numbered) and notes about grids left out."""
    notes: list[str] = []
    choices = _choice_count(grids, hints)
    found_id = _id_grid(grids, choices, hints)
    id_grid = found_id[0] if found_id else None
    blocks: list[Block] = []
    if found_id is not None:
        blocks.append(_block(found_id[0], BlockKind.STUDENT_ID, found_id[1]))
    elif hints.id_digits:
        notes.append(f"no student number block of {hints.id_digits} digit columns x 10 was found")
    answers: list[tuple[Grid, Direction | None]] = []
    for grid in grids:
        if grid is id_grid:
            continue
        across = grid.cols == choices and grid.rows >= MIN_FIELDS
        down = grid.rows == choices and grid.cols >= MIN_FIELDS
        if across and not down:
            answers.append((grid, Direction.HORIZONTAL))
        elif down and not across:
            answers.append((grid, Direction.VERTICAL))
        elif across and down:
            answers.append((grid, None))
        else:
            notes.append(f"left out a block of {grid.rows} x {grid.cols} bubbles at "
                         f"({grid.xs[0]:.0f}, {grid.ys[0]:.0f}): not {choices} choices")
    directions = Counter(d for _, d in answers if d is not None)
    usual = directions.most_common(1)[0][0] if directions else Direction.HORIZONTAL
    blocks.extend(_block(g, BlockKind.ANSWERS, d or usual) for g, d in answers)
    blocks = number_blocks(blocks)
    if hints.questions:
        blocks, cut = _cut_to(blocks, hints.questions)
        if cut:
            notes.append(f"the card prints more questions than {hints.questions}: the rest are left out")
    return blocks, notes


def _cut_to(blocks: list[Block], questions: int) -> tuple[list[Block], bool]:
    kept: list[Block] = []
    cut = False
    for block in blocks:
        if block.kind != BlockKind.ANSWERS or block.last <= questions:
            kept.append(block)
        elif block.first <= questions:
            kept.append(block.with_fields(questions - block.first + 1))
            cut = True
        else:
            cut = True
    return kept, cut


def straighten(grey: np.ndarray, frame: Frame) -> np.ndarray:
    width, height = (round(v) for v in frame.page_size)
    return cv2.warpPerspective(grey, frame.to_units, (width, height), flags=cv2.INTER_AREA,
                               borderMode=cv2.BORDER_REPLICATE)


def detect_card(grey: np.ndarray, hints: Hints | None = None) -> Detection:
    """Detect the template of the blank card in `grey` (a decoded page)."""
    hints = hints or Hints()
    frame = find_frame(grey)
    page = straighten(grey, frame)
    bubbles = find_bubbles(page)
    if frame.method == FrameMethod.WHOLE_IMAGE and bubbles:
        # No marks and no edge: the bubble rows themselves say how the card lies on the glass.
        points = np.array([[b.x, b.y] for b in bubbles])
        skew = grid_skew(points, float(np.median([b.w for b in bubbles])))
        if skew is not None and abs(skew) > np.radians(0.1):
            centre = (frame.page_size[0] / 2, frame.page_size[1] / 2)
            frame.to_units = rotation_about(centre, -skew) @ frame.to_units
            frame.notes.append(f"the blank lay {np.degrees(skew):.1f} degrees turned; the template is upright")
            page = straighten(grey, frame)
            bubbles = find_bubbles(page)
    if len(bubbles) < 4:
        raise BadInput("no bubbles found: the card needs printed circles or ellipses of one size")
    grids, ragged = group_grids(bubbles)
    if not grids:
        raise BadInput(f"found {len(bubbles)} bubbles but no block of rows and columns")
    blocks, notes = classify(grids, hints)
    notes = [*frame.notes, *notes]
    notes.extend(f"left out {g.rows} x {g.cols} bubbles at ({g.xs[0]:.0f}, {g.ys[0]:.0f}): too many missing"
                 for g in ragged)
    answers = sum(b.fields for b in blocks if b.kind == BlockKind.ANSWERS)
    if answers == 0:
        raise BadInput(f"found {len(bubbles)} bubbles but no answer block (rows of 2-{MAX_CHOICES} choices)")
    if hints.questions and answers < hints.questions:
        raise BadInput(f"found only {answers} questions on the card, not {hints.questions}")
    if hints.id_digits and not any(b.kind == BlockKind.STUDENT_ID for b in blocks):
        raise BadInput(f"no student number block of {hints.id_digits} digits x 10 found")
    return Detection(blocks, frame, page, len(bubbles), notes)


def detect_file(path: str | Path, hints: Hints | None = None, page_number: int = 0) -> Detection:
    # Units come from the page's proportions, so a big scan decoded at half size gives the same template.
    page: Page = load_page(path, page_number)
    return detect_card(page.grey, hints)
