"""Bubble decisions relative to this sheet and this field, each with a confidence and flags.

Fill = mean darkness of a bubble's inner box on a background-flattened page (0 = paper, 1 = black), so
brightness drift, paper colour and coloured print (already removed by pages.py) do not move thresholds.
Each bubble position's own empty level is learnt from the same position in the other fields of its block
(printed digits differ in ink), and the sheet's fills split into an empty and a marked cluster (Otsu).
The decision line sits half way between a block's empty level and the sheet's weaker marks, capped at
ABS_LINE above empty so faint pencil still reads on a sheet of dark pen marks. A field then reads:
- one bubble above the line -> its value; another inked bubble in the field adds `erasure`;
- several above the line -> concatenated values in bubble order, flag `multi`;
- nothing -> the empty value, flag `blank` (plus `erasure` when a trace of pencil is there).
Confidence is how far the closest bubble sits from the decision line, relative to the gap between the
clusters; below LOW_CONFIDENCE the field is flagged. When unsure we flag, never silently guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from worker.omr.template import Template

INNER = 0.22  # fraction of the bubble box trimmed on each side: the printed outline stays out of the fill
MIN_INK = 0.08  # darkness above the empty level that counts as pencil at all
LOW_CONFIDENCE = 0.35
ABS_LINE = 0.28  # darkness above the empty level beyond which a bubble is always marked
CONFIDENCE_SPAN = 0.5  # distance from the line (in gaps) that earns full confidence
NO_MARK_LEVEL = 0.45  # assumed mark darkness above empty when a sheet holds no marks at all


@dataclass
class FieldRead:
    label: str
    value: str
    confidence: float
    flags: list[str]
    marked: list[int]
    fills: np.ndarray

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.value,
            "confidence": round(float(self.confidence), 3),
            "flags": list(self.flags),
            "fills": [round(float(v), 3) for v in self.fills],
        }


def bubble_fills(
    darkness: np.ndarray,
    template: Template,
    scale: float,
    dx: np.ndarray | int = 0,
    dy: np.ndarray | int = 0,
) -> np.ndarray:
    """Mean darkness in each bubble's inner box; `darkness` is the warped page at `scale` px per unit,
    `dx`/`dy` per-bubble shifts in those pixels (local registration)."""
    integral = cv2.integral(darkness, sdepth=cv2.CV_32S).astype(np.int64, copy=False)  # darkness is uint8
    h, w = darkness.shape
    x0 = np.clip(np.round((template.bx + INNER * template.bw) * scale) + dx, 0, w - 1).astype(np.int64)
    x1 = np.clip(np.round((template.bx + (1 - INNER) * template.bw) * scale) + dx, 1, w).astype(np.int64)
    y0 = np.clip(np.round((template.by + INNER * template.bh) * scale) + dy, 0, h - 1).astype(np.int64)
    y1 = np.clip(np.round((template.by + (1 - INNER) * template.bh) * scale) + dy, 1, h).astype(np.int64)
    x1 = np.maximum(x1, x0 + 1)
    y1 = np.maximum(y1, y0 + 1)
    total = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    return total / (255.0 * (x1 - x0) * (y1 - y0))


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
    empty: np.ndarray  # per bubble: the empty level of its block
    mark: float  # typical darkness of a mark on this sheet
    has_marks: bool


def sheet_levels(fills: np.ndarray, template: Template) -> SheetLevels:
    _threshold, high = _otsu_split(fills)
    low_values = fills[~high]
    high_values = fills[high]
    empty_global = float(np.median(low_values)) if low_values.size else float(np.median(fills))
    spread = 1.4826 * float(np.median(np.abs(low_values - empty_global))) if low_values.size else 0.0
    has_marks = bool(
        high_values.size
        and float(np.median(high_values)) - empty_global > max(2 * MIN_INK, 6 * spread)
    )
    empty = np.full(fills.shape, empty_global)
    if has_marks:
        # Per block empty level: printed digits or shading differ between blocks of one card.
        blocks = template.bblock
        for block in np.unique(blocks):
            member = blocks == block
            quiet = fills[member & ~high]
            if quiet.size >= 8:
                empty[member] = float(np.median(quiet))
        # The weaker marks set the level: lines drawn at a typical dark mark would miss light pencil.
        mark = float(np.quantile(high_values, 0.25))
    else:
        mark = empty_global + NO_MARK_LEVEL
        spread_mark = float(np.max(fills)) if fills.size else 0.0
        mark = max(mark, spread_mark + MIN_INK)
    return SheetLevels(empty, mark, has_marks)


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
    for index, field in enumerate(template.fields):
        by_block.setdefault(field.block, []).append(index)
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


def decide_fields(fills: np.ndarray, template: Template) -> list[FieldRead]:
    fills = remove_print_baseline(fills, template)
    levels = sheet_levels(fills, template)
    # Per-field quantities for all fields at once (a field's bubbles are contiguous in the flat arrays).
    starts = np.array([f.bubble_start for f in template.fields])
    counts = np.array([f.bubble_count for f in template.fields])
    owner = template.bfield
    empty = np.add.reduceat(levels.empty, starts) / counts
    gap = np.maximum(levels.mark - empty, 2 * MIN_INK)
    # Decision line: half way from this block's empty level to the sheet's (weaker) marks, but never
    # further than ABS_LINE above empty, so faint pencil (~0.3-0.45 darkness) still reads on a sheet of
    # dark sign-pen marks while erasure residue (~0.1-0.25) does not. Both sit near the line and are
    # flagged by their low confidence.
    line = empty + np.minimum(gap / 2, ABS_LINE)
    ink = empty + np.maximum(MIN_INK, gap * 0.2)  # anything above is a trace of pencil
    closeness = np.clip(np.abs(fills - line[owner]) / (gap[owner] * CONFIDENCE_SPAN), 0.0, 1.0)
    confidence = np.minimum.reduceat(closeness, starts)
    marked_mask = fills >= line[owner]
    top = np.maximum.reduceat(fills, starts)
    is_top = fills >= top[owner]
    second = np.maximum.reduceat(np.where(is_top, -np.inf, fills), starts)
    second = np.where(np.isfinite(second), second, empty)
    unmarked_max = np.maximum.reduceat(np.where(marked_mask, -np.inf, fills), starts)

    reads: list[FieldRead] = []
    for index, field in enumerate(template.fields):
        start, count = field.bubble_start, field.bubble_count
        f = fills[start : start + count]
        marked = [int(i) for i in np.flatnonzero(marked_mask[start : start + count])]
        conf = float(confidence[index])
        flags: list[str] = []
        if not marked:
            flags.append("blank")
            if float(top[index]) > ink[index]:
                flags.append("erasure")  # a trace of pencil below the line: residue or a very light mark
        elif len(marked) == 1:
            if count > 1 and unmarked_max[index] > ink[index]:
                flags.append("erasure")
        else:
            flags.append("multi")
        if conf < LOW_CONFIDENCE and "low_confidence" not in flags:
            flags.append("low_confidence")
        value = "".join(field.values[i] for i in marked) if marked else field.empty_value
        reads.append(FieldRead(field.label, value, conf, flags, marked, f))
    return reads


def column_values(template: Template, reads: list[FieldRead]) -> dict[str, dict[str, object]]:
    """Output columns (customLabels concatenated) with value, confidence and flags."""
    by_label = {r.label: r for r in reads}
    out: dict[str, dict[str, object]] = {}
    for column in template.output_columns:
        parts = template.custom_labels.get(column, [column])
        members = [by_label[p] for p in parts]
        flags = sorted({flag for m in members for flag in m.flags})
        out[column] = {
            "value": "".join(m.value for m in members),
            "confidence": round(min(float(m.confidence) for m in members), 3),
            "flags": flags,
        }
    return out
