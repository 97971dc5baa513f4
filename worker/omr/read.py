"""Bubble decisions like a careful human's: each mark against its field's other bubbles and the sheet's
own ink levels, with a confidence and the reasons behind every field.

Fill = mean darkness of a bubble's inner box on a background-flattened page (0 = paper, 1 = black), so
brightness drift, paper colour and coloured print (already removed by pages.py) do not move thresholds.
Each bubble position's own empty level is learnt from the same position in the other fields of its block
(printed digits differ in ink), and the sheet's fills split into an empty and a marked cluster (Otsu):
the empty cluster gives the sheet's blank level and its noise, the marked one the sheet's typical mark.
Between them lie three levels, relative to the sheet but capped so that faint pencil on a sheet of dark
sign-pen marks still counts as filled:
- below `ink`: clean paper;
- up to `erased`: a trace (erasure residue, a smudge);
- from `filled` up: a mark; between `erased` and `filled`: neither, a person must look.
A field then reads:
- its darkest bubble filled, every other one clean or clearly lighter (at most LIGHTER of it and not
  filled itself) -> that answer, with `erasure` among the reasons when a lighter trace is there: no flag;
- two or more filled bubbles of similar darkness -> the values in bubble order, reason `multi`, flagged
  unless the exam scores double marks wrong (`double_mark`);
- a second bubble neither clearly lighter nor similar -> flagged (`erasure` or `multi`, `low_confidence`);
- the darkest bubble between erased and filled -> flagged `low_confidence`;
- all bubbles clean -> the empty value, reason `blank`, no flag (a blank is an answer), except in the
  student number, where a missing digit is flagged; a trace in a blank field is flagged (`blank`,
  `erasure`): an erased answer or a very light mark.
A sheet with no mark at all gets the one sheet-level flag `blank_sheet` instead of a flag per field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from core.job_types import DoubleMark
from worker.omr.template import Template

INNER = 0.22  # fraction of the bubble box trimmed on each side: the printed outline stays out of the fill
INK_FLOOR = 0.08  # darkness above the blank level that is pencil at all, not paper noise
ERASED_CAP = 0.22  # erasure residue stays below this darkness above blank (at most)
FILLED_CAP = 0.26  # a bubble this much darker than blank is filled, however dark the sheet's other marks
ERASED_SHARE = 0.35  # ...or below this share of the sheet's typical mark, when its marks are light
FILLED_SHARE = 0.5
LIGHTER = 0.6  # a second inked bubble at most this share of the chosen one's darkness is clearly lighter
SIMILAR = 0.6  # two filled bubbles within this ratio are two marks of similar darkness
OFF_GRID = 0.2  # marks of a block centred this far off their boxes (share of the box), most the same way
PARTIAL_PEAK = 1.6  # a bubble between erased and filled whose darkest quarter reaches this many times
#                     the filled level is shaded over part of its area, not erased: it counts as filled
NO_MARK_GAP = 0.6  # the typical mark's darkness above blank assumed on a sheet without marks
FIELD_FLAGS = ("multi", "blank", "low_confidence", "erasure")


@dataclass
class FieldRead:
    label: str
    value: str
    confidence: float
    flags: list[str]  # why a person must look at it; empty when the read stands
    marked: list[int]
    fills: np.ndarray
    reasons: list[str] = field(default_factory=list)  # what was seen: blank, erasure, multi, faint

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "confidence": round(float(self.confidence), 3),
            "flags": list(self.flags),
            "reasons": list(self.reasons),
            "fills": [round(float(v), 3) for v in self.fills],
        }


def _inner_boxes(
    shape: tuple[int, ...], template: Template, scale: float, dx: np.ndarray | int, dy: np.ndarray | int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    h, w = shape[:2]
    x0 = np.clip(np.round((template.bx + INNER * template.bw) * scale) + dx, 0, w - 1).astype(np.int64)
    x1 = np.clip(np.round((template.bx + (1 - INNER) * template.bw) * scale) + dx, 1, w).astype(np.int64)
    y0 = np.clip(np.round((template.by + INNER * template.bh) * scale) + dy, 0, h - 1).astype(np.int64)
    y1 = np.clip(np.round((template.by + (1 - INNER) * template.bh) * scale) + dy, 1, h).astype(np.int64)
    return x0, np.maximum(x1, x0 + 1), y0, np.maximum(y1, y0 + 1)


def _box_means(integral: np.ndarray, x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> np.ndarray:
    total = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    means: np.ndarray = total / (255.0 * np.maximum((x1 - x0) * (y1 - y0), 1))
    return means


def _integral(darkness: np.ndarray) -> np.ndarray:
    return cv2.integral(darkness, sdepth=cv2.CV_32S).astype(np.int64, copy=False)  # darkness is uint8


def bubble_fills(
    darkness: np.ndarray,
    template: Template,
    scale: float,
    dx: np.ndarray | int = 0,
    dy: np.ndarray | int = 0,
) -> np.ndarray:
    """Mean darkness in each bubble's inner box; `darkness` is the warped page at `scale` px per unit,
    `dx`/`dy` per-bubble shifts in those pixels (local registration)."""
    return _box_means(_integral(darkness), *_inner_boxes(darkness.shape, template, scale, dx, dy))


def bubble_quarters(
    darkness: np.ndarray,
    template: Template,
    scale: float,
    dx: np.ndarray | int = 0,
    dy: np.ndarray | int = 0,
) -> np.ndarray:
    """Mean darkness of the four quarters (2 x 2 split) of each bubble's inner box, shape (4, bubbles) in
    the order top-left, top-right, bottom-left, bottom-right.

    A half-shaded bubble and a wholly erased one can have the same mean; a person tells them apart by
    the dark pencil on one side, and so do the quarters. They also show a mark that sits off its box.
    """
    integral = _integral(darkness)
    x0, x1, y0, y1 = _inner_boxes(darkness.shape, template, scale, dx, dy)
    xm, ym = (x0 + x1) // 2, (y0 + y1) // 2
    return np.stack([
        _box_means(integral, a, b, c, d)
        for c, d in ((y0, ym), (ym, y1))
        for a, b in ((x0, xm), (xm, x1))
    ])


def _otsu_split(values: np.ndarray) -> tuple[float, np.ndarray]:
    """Best two-class split of 1-D values: (threshold, mask of the high class)."""
    ordered = np.sort(values)
    n = ordered.size
    if n < 2:
        return float("inf"), np.zeros(values.shape, dtype=bool)
    cumsum = np.cumsum(ordered)
    k = np.arange(1, n)
    mean_low = cumsum[:-1] / k
    mean_high = (cumsum[-1] - cumsum[:-1]) / (n - k)
    between = k * (n - k) * (mean_high - mean_low) ** 2
    split = int(np.argmax(between))
    threshold = (ordered[split] + ordered[split + 1]) / 2
    return float(threshold), values > threshold


@dataclass
class SheetLevels:
    """The sheet's ink levels, as darkness above each bubble's blank level."""

    empty: np.ndarray  # per bubble: the blank level of its block
    ink: float  # above this: a trace of pencil
    erased: float  # up to this: residue of an erased mark
    filled: float  # from this: a mark
    has_marks: bool


def sheet_levels(fills: np.ndarray, template: Template) -> SheetLevels:
    _threshold, high = _otsu_split(fills)
    low_values = fills[~high]
    high_values = fills[high]
    blank = float(np.median(low_values)) if low_values.size else float(np.median(fills))
    noise = 1.4826 * float(np.median(np.abs(low_values - blank))) if low_values.size else 0.0
    ink = max(INK_FLOOR, 6 * noise)
    has_marks = bool(high_values.size and float(np.median(high_values)) - blank > 2 * ink)
    empty = np.full(fills.shape, blank)
    gap = NO_MARK_GAP
    if has_marks:
        # Per block blank level: printed digits or shading differ between blocks of one card.
        for block in np.unique(template.bblock):
            member = template.bblock == block
            quiet = fills[member & ~high]
            if quiet.size >= 8:
                empty[member] = float(np.median(quiet))
        gap = float(np.median(high_values)) - blank
    erased = min(ERASED_CAP, max(ink + 0.02, ERASED_SHARE * gap))
    filled = min(FILLED_CAP, max(erased + 0.04, FILLED_SHARE * gap))
    return SheetLevels(empty, ink, erased, filled, has_marks)


def remove_print_baseline(fills: np.ndarray, template: Template) -> np.ndarray:
    """Subtract each bubble position's own empty level within its block.

    Printed glyphs differ (a bold "B" or "8" leaves more ink than "1"), so the same position in the
    other fields of the block tells what this bubble looks like unmarked. A low quantile is used because
    a few of those fields are marked at that position.
    """
    adjusted = fills.copy()
    _, high = _otsu_split(fills)
    if not high.any() or high.all():
        return adjusted
    by_block: dict[str, list[int]] = {}
    for index, fld in enumerate(template.fields):
        by_block.setdefault(fld.block, []).append(index)
    floor = float(np.median(fills[~high]))
    for members in by_block.values():
        first = template.fields[members[0]]
        if len(members) < 3 or any(template.fields[m].bubble_count != first.bubble_count for m in members):
            continue
        starts = np.array([template.fields[m].bubble_start for m in members])
        cells = starts[:, None] + np.arange(first.bubble_count)[None, :]
        grid = fills[cells]
        quiet_mask = ~high[cells]  # only bubbles that look empty teach the baseline
        if not quiet_mask.any():
            continue
        block_quiet = float(np.median(grid[quiet_mask]))
        baseline = np.full(first.bubble_count, block_quiet)
        for column in range(first.bubble_count):
            values = grid[quiet_mask[:, column], column]
            if values.size >= 2:
                baseline[column] = float(np.median(values))
        adjusted[cells] = grid - baseline[None, :] + floor
    return adjusted


def _confidence(top: float, second: float, levels: SheetLevels) -> float:
    """How far the field's reading sits from the nearest level that would change it (0 at a level, 1 far)."""
    if top >= levels.filled:
        margin = min((top - levels.filled) / levels.filled, 1.0)
        if second >= levels.ink:
            margin = min(margin, abs(LIGHTER * top - second) / (0.5 * LIGHTER * top))
        return float(np.clip(margin, 0.0, 1.0))
    if top < levels.ink:
        return float(np.clip((levels.erased - top) / levels.erased, 0.0, 1.0))
    return float(np.clip(min(top - levels.erased, levels.filled - top) / levels.filled, 0.0, 0.3))


def _judge(darkness: np.ndarray, levels: SheetLevels) -> tuple[list[int], list[str], list[str]]:
    """(chosen bubbles, reasons, review flags) of one field from its bubbles' darkness above blank."""
    order = np.argsort(-darkness, kind="stable")
    top = float(darkness[order[0]])
    second = float(darkness[order[1]]) if darkness.size > 1 else 0.0
    if top < levels.ink:
        return [], ["blank"], []
    if top < levels.erased:
        return [], ["blank", "erasure"], ["blank", "erasure"]
    if top < levels.filled:  # the best guess is shown to the person who decides
        return [int(order[0])], ["faint"], ["low_confidence"]
    similar = [int(i) for i in order if darkness[i] >= levels.filled and darkness[i] >= SIMILAR * top]
    if len(similar) > 1:
        chosen = sorted(similar)
        rest = [i for i in order if int(i) not in similar]
        if rest and darkness[rest[0]] >= levels.filled:  # a third mark, neither similar nor lighter
            return chosen, ["multi"], ["multi", "low_confidence"]
        return chosen, ["multi"], ["multi"]
    if second < levels.ink:
        return [int(order[0])], [], []
    if second <= LIGHTER * top and second < levels.filled:
        return [int(order[0])], ["erasure"], []
    if second >= levels.filled:  # a real mark, but much lighter than the chosen one
        return sorted([int(order[0]), int(order[1])]), ["multi"], ["multi", "low_confidence"]
    return [int(order[0])], ["erasure"], ["erasure", "low_confidence"]


def _off_grid_blocks(
    template: Template, judged: list[tuple[list[int], list[str], list[str]]], offsets: np.ndarray
) -> set[str]:
    """Blocks whose single marks sit off-centre in their boxes, the same way: the template's grid does not
    fit the print there, so a mark may belong to the neighbouring bubble. Students' own half-filled
    bubbles lean every which way and do not add up like this."""
    by_block: dict[str, list[np.ndarray]] = {}
    for fld, (chosen, _reasons, _flags) in zip(template.fields, judged, strict=True):
        if len(chosen) == 1:
            by_block.setdefault(fld.block, []).append(offsets[:, fld.bubble_start + chosen[0]])
    off = set()
    for block, marks in by_block.items():
        if len(marks) < 3:
            continue
        median = np.median(np.array(marks), axis=0)
        if float(np.max(np.abs(median))) >= OFF_GRID:
            off.add(block)
    return off


def decide_fields(
    fills: np.ndarray,
    template: Template,
    double_mark: DoubleMark = DoubleMark.REVIEW,
    quarters: np.ndarray | None = None,
    strained_blocks: frozenset[str] = frozenset(),
) -> tuple[list[FieldRead], list[str]]:
    """Every field's reading, and the sheet-level flags (`blank_sheet` when nothing is marked at all).

    `quarters` (bubble_quarters) lets a partly shaded bubble count as filled where its mean alone is
    unsure, and shows a block whose marks all sit off their boxes the same way (the template does not
    fit the print there): its answers are flagged rather than read from the wrong bubbles. So are the
    answers of `strained_blocks`, whose boxes had to move far to meet the print.
    """
    raw = fills
    fills = remove_print_baseline(fills, template)
    levels = sheet_levels(fills, template)
    above = fills - levels.empty
    partial = np.zeros(fills.shape, dtype=bool)
    offsets = np.zeros((2, fills.size))
    if quarters is not None:
        quarter_above = np.clip(quarters + (fills - raw) - levels.empty, 0.0, None)
        total = np.maximum(quarter_above.sum(axis=0), 1e-6)
        offsets = np.stack([
            (quarter_above[1] + quarter_above[3] - quarter_above[0] - quarter_above[2]) / total,
            (quarter_above[2] + quarter_above[3] - quarter_above[0] - quarter_above[1]) / total,
        ])
        peak_above = quarter_above.max(axis=0)
        partial = (above >= levels.erased) & (above < levels.filled) & (peak_above >= PARTIAL_PEAK * levels.filled)
        above = np.where(partial, levels.filled, above)
    id_labels = set(template.custom_labels.get(template.student_id_column or "", []))
    if template.student_id_column and not id_labels:
        id_labels = {template.student_id_column}
    blank_sheet = bool(np.all(above < levels.erased))
    reads: list[FieldRead] = []
    judged = [_judge(above[f.bubble_start : f.bubble_start + f.bubble_count], levels) for f in template.fields]
    off_grid = _off_grid_blocks(template, judged, offsets) | strained_blocks
    for fld, (chosen, reasons, flags) in zip(template.fields, judged, strict=True):
        start, count = fld.bubble_start, fld.bubble_count
        darkness = above[start : start + count]
        if any(partial[start + i] for i in chosen):
            reasons = [*reasons, "partial"]
        if chosen and fld.block in off_grid:
            reasons = [*reasons, "off_grid"]
            flags = sorted({*flags, "low_confidence"})
        is_id = fld.label in id_labels
        if not chosen and reasons[0] == "blank" and is_id and not flags and not blank_sheet:
            flags = ["blank"]  # a student number with a digit missing cannot be matched to a student
        if flags == ["multi"] and double_mark == DoubleMark.WRONG and not is_id:
            flags = []
        ordered = sorted(darkness, reverse=True)
        confidence = _confidence(float(ordered[0]), float(ordered[1]) if count > 1 else 0.0, levels)
        value = "".join(fld.values[i] for i in chosen) if chosen else fld.empty_value
        reads.append(FieldRead(fld.label, value, confidence, flags, chosen, fills[start : start + count], reasons))
    return reads, (["blank_sheet"] if blank_sheet else [])


def column_values(template: Template, reads: list[FieldRead]) -> dict[str, dict[str, object]]:
    """Output columns (customLabels concatenated) with value, confidence, review flags and reasons."""
    by_label = {r.label: r for r in reads}
    out: dict[str, dict[str, object]] = {}
    for column in template.output_columns:
        parts = template.custom_labels.get(column, [column])
        members = [by_label[p] for p in parts]
        out[column] = {
            "value": "".join(m.value for m in members),
            "confidence": round(min(float(m.confidence) for m in members), 3),
            "flags": sorted({flag for m in members for flag in m.flags}),
            "reasons": sorted({reason for m in members for reason in m.reasons}),
        }
    return out
