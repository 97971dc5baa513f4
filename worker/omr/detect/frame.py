"""The card's alignment features and the template frame they define.

Units are pixels of the page at 200 dpi, taking the paper as A4 (or Letter when its proportions say so):
the bundled Korean cards use the same units, and a scan's own resolution is rarely recorded. Preferred
features, in order:
- four solid corner squares -> ScanDesk's `CornerMarks`, with the smaller square beside one of them as the
  orientation mark and a row of small solid squares as the form code, when the card prints them;
- otherwise the page edge -> OMRChecker's `CropPage` (the reader finds the page and stretches it onto the
  page size; a flatbed scan without a visible edge is taken as the whole page), then ScanDesk's
  `BubbleGrid`: the printed bubbles correct that frame on every sheet.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import cv2
import numpy as np

from worker.omr.align import align_crop_page, flatten_background, square_candidates
from worker.omr.page_edges import order_corners

A4_WIDTH_UNITS = 1654.0  # 8.27 in at 200 dpi
LETTER_WIDTH_UNITS = 1700.0
DETECT_LONG_SIDE = 1000  # px: corner squares are looked for on a page this size
MAX_CANDIDATES = 14
MIN_MARK_QUAD = 0.3  # four corner marks must span this fraction of the page


class FrameMethod(StrEnum):
    """Which feature the template aligns on (the names are the preProcessors the reader runs)."""

    CORNER_MARKS = "CornerMarks"
    PAGE_EDGE = "CropPage"
    WHOLE_IMAGE = "CropPage(whole image)"


@dataclass
class Frame:
    """How scan pixels map to template units, and the alignment entry the template gets."""

    to_units: np.ndarray  # 3x3 homography, scan pixels -> template units
    page_size: tuple[float, float]
    method: FrameMethod
    preprocessors: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)


def units_per_pixel(width: float, height: float) -> float:
    """Template units per pixel of a page `width` x `height` pixels (portrait or landscape)."""
    short, long = sorted((width, height))
    aspect = long / short
    paper_short = LETTER_WIDTH_UNITS if aspect < 1.36 else A4_WIDTH_UNITS
    return paper_short / short


def _pick_quad(cands: np.ndarray, image_area: float) -> np.ndarray | None:
    """Indices of the four similar squares spanning the largest area, or None."""
    best: tuple[float, tuple[int, ...]] | None = None
    for combo in itertools.combinations(range(len(cands)), 4):
        chosen = cands[list(combo)]
        if chosen[:, 2].max() > 1.35 * chosen[:, 2].min():
            continue
        pts = order_corners(chosen[:, :2])
        x, y = pts[:, 0], pts[:, 1]
        area = 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
        if best is None or area > best[0]:
            best = (area, combo)
    if best is None or best[0] < MIN_MARK_QUAD * image_area:
        return None
    return np.array(best[1])


def _form_code(cells: np.ndarray, mark_row_y: float, mark_side: float) -> dict[str, Any] | None:
    """Small solid squares in a row level with the top corner marks -> {"pattern", "cells"}.

    Gaps of whole pitches between them are the 0 cells. At least three are needed: a solid dot or two in
    the printed text must not turn into a code that rejects the card's own scans.
    """
    cells = cells[np.abs(cells[:, 1] - mark_row_y) < 1.5 * mark_side]
    if len(cells) < 3:
        return None
    row_y = float(np.median(cells[:, 1]))
    side = float(np.median(cells[:, 2]))
    row = cells[(np.abs(cells[:, 1] - row_y) < 0.4 * side) & (np.abs(cells[:, 2] - side) < 0.25 * side)]
    if len(row) < 3:
        return None
    row = row[np.argsort(row[:, 0])]
    steps = np.diff(row[:, 0])
    pitch = float(steps.min())
    if pitch < 1.1 * side:
        return None
    multiples = steps / pitch
    if np.any(np.abs(multiples - np.round(multiples)) > 0.15) or multiples.max() > 8:
        return None
    slots = np.concatenate([[0], np.cumsum(np.round(multiples)).astype(int)])
    pattern = ["0"] * (int(slots[-1]) + 1)
    for slot in slots:
        pattern[slot] = "1"
    x0, y = float(row[0, 0]), float(np.mean(row[:, 1]))
    half = side / 2
    cells_out = [[round(x0 + i * pitch - half, 1), round(y - half, 1), round(side, 1), round(side, 1)]
                 for i in range(len(pattern))]
    return {"pattern": "".join(pattern), "cells": cells_out}


def corner_mark_frame(grey: np.ndarray) -> Frame | None:
    """The frame from four corner squares, or None when the card has none."""
    height, width = grey.shape[:2]
    factor = min(1.0, DETECT_LONG_SIDE / max(height, width))
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else grey
    expected = 0.02 * max(small.shape)
    norm = flatten_background(small, kernel=int(expected * 3))
    cands = square_candidates(norm, small, expected)
    if len(cands) < 4:
        return None
    by_size = cands[np.argsort(-cands[:, 2])]
    picked = _pick_quad(by_size[:MAX_CANDIDATES], small.shape[0] * small.shape[1])
    if picked is None:
        return None
    marks = by_size[picked]
    rest = np.delete(by_size, picked, axis=0)
    corners = order_corners(marks[:, :2]) / factor  # TL, TR, BR, BL in scan pixels
    side_px = float(marks[:, 2].mean()) / factor
    s = units_per_pixel(width, height)
    # Straighten: turn the marks about the image centre by the top edge's angle, then scale to units.
    top = corners[1] - corners[0]
    angle = float(np.arctan2(top[1], top[0]))
    centre = np.array([width / 2, height / 2])
    rot = np.array([[np.cos(-angle), -np.sin(-angle)], [np.sin(-angle), np.cos(-angle)]])
    upright = (corners - centre) @ rot.T + centre
    mark_w = (np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2 * s
    mark_h = (np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2 * s
    tl = np.round(upright[0] * s * 2) / 2
    targets = tl + np.array([[0, 0], [mark_w, 0], [mark_w, mark_h], [0, mark_h]])
    targets = np.round(targets * 2) / 2
    to_units = cv2.getPerspectiveTransform(corners.astype(np.float32), targets.astype(np.float32)).astype(np.float64)
    side = round(side_px * s, 1)
    page_w = max(width * s, float(targets[:, 0].max() + side))
    page_h = max(height * s, float(targets[:, 1].max() + side))
    options: dict[str, Any] = {"size": [side, side], "centres": targets.round(1).tolist()}
    notes: list[str] = []
    if len(rest):
        # Small solid squares, in units: the orientation mark sits next to a corner mark; the form code
        # is a row of them elsewhere.
        pts = cv2.perspectiveTransform((rest[:, None, :2] / factor).astype(np.float64), to_units)[:, 0]
        sides = rest[:, 2] / factor * s
        small_marks = np.column_stack([pts, sides])
        small_marks = small_marks[(sides > 0.3 * side) & (sides < 0.9 * side)]
        near = [(float(np.min(np.linalg.norm(targets - m[:2], axis=1))), i) for i, m in enumerate(small_marks)]
        near = [item for item in near if item[0] < 4 * side]
        if near:
            _, index = min(near)
            mark = small_marks[index]
            options["orientationMark"] = {"centre": [round(mark[0], 1), round(mark[1], 1)],
                                          "size": [round(mark[2], 1), round(mark[2], 1)]}
            small_marks = np.delete(small_marks, index, axis=0)
        else:
            notes.append("no orientation mark beside a corner: turned scans of this card cannot be told apart")
        code = _form_code(small_marks, float(targets[0, 1]), side)
        if code is not None:
            options["formCode"] = code
    else:
        notes.append("no orientation mark beside a corner: turned scans of this card cannot be told apart")
    return Frame(to_units, (round(page_w, 1), round(page_h, 1)), FrameMethod.CORNER_MARKS,
                 [{"name": "CornerMarks", "options": options}], notes)


def page_edge_frame(grey: np.ndarray) -> Frame:
    """The frame of the page's edge (or of the whole image when no edge stands out)."""
    to_page, size, found = align_crop_page(grey)
    s = units_per_pixel(float(size[0]), float(size[1]))
    to_units = np.diag([s, s, 1.0]) @ to_page
    notes = [] if found else [
        "no corner marks and no page edge: sheets are set straight on their printed bubbles; scan them whole"
    ]
    method = FrameMethod.PAGE_EDGE if found else FrameMethod.WHOLE_IMAGE
    return Frame(to_units, (round(float(size[0]) * s, 1), round(float(size[1]) * s, 1)), method,
                 [{"name": "CropPage", "options": {"morphKernel": [10, 10]}}, {"name": "BubbleGrid"}], notes)


def find_frame(grey: np.ndarray) -> Frame:
    return corner_mark_frame(grey) or page_edge_frame(grey)
