"""Local registration: shift each field block a few pixels so its boxes sit on the printed bubbles.

A page-wide homography cannot follow paper stretch, printer margins or a template drawn for a slightly
different print (OMRChecker's sample3 README describes the effect). Each block moves as one piece, so a
single bubble can never wander onto its neighbour; the shift that puts the most ink inside the block's
boxes wins, and only when it beats staying put by a clear margin.
"""

from __future__ import annotations

import cv2
import numpy as np

from worker.omr.template import Template

RING = 0.35  # the paper ring around a box, as a fraction of the box
MIN_GAIN = 1.12  # the best shift must hold this much more ink than no shift
MIN_GAIN_ABS = 4.0  # ... and at least this much more mean darkness (0-255 scale)


def bubble_contrast(
    ink: np.ndarray, template: Template, scale: float, dx: np.ndarray | int = 0, dy: np.ndarray | int = 0
) -> np.ndarray:
    """Per bubble: mean darkness of its box minus that of the ring around it (0-1 scale).

    `ink` is the page in the template frame at `scale` px per unit as uint8 darkness (255 = black) with the
    print kept; `dx`/`dy` are per-bubble shifts in those pixels.
    """
    h, w = ink.shape
    integral = cv2.integral(ink, sdepth=cv2.CV_32S).astype(np.int64, copy=False)
    x0 = np.clip(np.round(template.bx * scale) + dx, 0, w - 1).astype(np.int64)
    y0 = np.clip(np.round(template.by * scale) + dy, 0, h - 1).astype(np.int64)
    x1 = np.clip(np.round((template.bx + template.bw) * scale) + dx, 1, w).astype(np.int64)
    y1 = np.clip(np.round((template.by + template.bh) * scale) + dy, 1, h).astype(np.int64)
    x1, y1 = np.maximum(x1, x0 + 1), np.maximum(y1, y0 + 1)
    pad_x = np.maximum(1, np.round(RING * template.bw * scale)).astype(np.int64)
    pad_y = np.maximum(1, np.round(RING * template.bh * scale)).astype(np.int64)
    ex0, ey0 = np.clip(x0 - pad_x, 0, w - 1), np.clip(y0 - pad_y, 0, h - 1)
    ex1, ey1 = np.clip(x1 + pad_x, 1, w), np.clip(y1 + pad_y, 1, h)

    def box_sum(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
        return np.asarray(integral[d, c] - integral[b, c] - integral[d, a] + integral[b, a])

    inner = box_sum(x0, y0, x1, y1)
    outer = box_sum(ex0, ey0, ex1, ey1) - inner
    inner_area = (x1 - x0) * (y1 - y0)
    outer_area = np.maximum(1, (ex1 - ex0) * (ey1 - ey0) - inner_area)
    return np.asarray((inner / inner_area - outer / outer_area) / 255.0, dtype=np.float64)


def block_offsets(
    ink: np.ndarray, template: Template, scale: float, window: float
) -> tuple[np.ndarray, np.ndarray, dict[str, list[int]]]:
    """Per-bubble (dx, dy) in working pixels, and the shift chosen for each moved block.

    `ink` is the warped page as uint8 darkness (255 = black) with print and marks; `window` is the
    largest shift tried, in working pixels.
    """
    h, w = ink.shape
    integral = cv2.integral(ink, sdepth=cv2.CV_32S).astype(np.int64, copy=False)
    dx_all = np.zeros(template.bx.shape, dtype=np.int64)
    dy_all = np.zeros(template.bx.shape, dtype=np.int64)
    moved: dict[str, list[int]] = {}
    reach = max(1, int(window))
    step = max(1, reach // 6)
    half = np.arange(0, reach + 1, step)
    shifts = np.unique(np.concatenate([-half, half]))  # symmetric, and always includes 0
    sx, sy = np.meshgrid(shifts, shifts)
    sx, sy = sx.ravel(), sy.ravel()
    x0b = np.round(template.bx * scale).astype(np.int64)
    y0b = np.round(template.by * scale).astype(np.int64)
    x1b = np.round((template.bx + template.bw) * scale).astype(np.int64)
    y1b = np.round((template.by + template.bh) * scale).astype(np.int64)
    blocks = template.bblock
    names = list(dict.fromkeys(f.block for f in template.fields))
    fields_per_block = {name: 0 for name in names}
    for fld in template.fields:
        fields_per_block[fld.block] += 1
    centres = {
        number: (float(template.bx[blocks == number].mean()), float(template.by[blocks == number].mean()))
        for number in range(len(names))
    }
    # A block of one or two fields can slide onto a neighbouring column and still gain ink, so it takes
    # the shift of the nearest block with enough fields to be sure, or stays put.
    reliable = [n for n, name in enumerate(names) if fields_per_block[name] >= 3]
    chosen: dict[int, tuple[int, int]] = {}
    for number in reliable:
        name = names[number]
        members = np.flatnonzero(blocks == number)
        x0 = np.clip(x0b[members][None, :] + sx[:, None], 0, w - 1)
        x1 = np.clip(x1b[members][None, :] + sx[:, None], 1, w)
        y0 = np.clip(y0b[members][None, :] + sy[:, None], 0, h - 1)
        y1 = np.clip(y1b[members][None, :] + sy[:, None], 1, h)
        x1, y1 = np.maximum(x1, x0 + 1), np.maximum(y1, y0 + 1)
        sums = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
        means = (sums / ((x1 - x0) * (y1 - y0))).mean(axis=1)
        # Prefer small moves on near-ties: a tiny penalty per pixel of distance.
        penalty = 0.02 * np.hypot(sx, sy)
        best = int(np.argmax(means - penalty))
        zero = int(np.flatnonzero((sx == 0) & (sy == 0))[0])
        if means[best] >= MIN_GAIN * means[zero] and means[best] - means[zero] >= MIN_GAIN_ABS:
            chosen[number] = (int(sx[best]), int(sy[best]))
        else:
            chosen[number] = (0, 0)
    for number, name in enumerate(names):
        if number not in chosen:
            if not reliable:
                continue
            cx, cy = centres[number]
            nearest = min(reliable, key=lambda r: (centres[r][0] - cx) ** 2 + (centres[r][1] - cy) ** 2)
            chosen[number] = chosen[nearest]
        shift = chosen[number]
        if shift != (0, 0):
            members = blocks == number
            dx_all[members], dy_all[members] = shift
            moved[name] = list(shift)
    return dx_all, dy_all, moved
