"""Local registration: shift each field block so its boxes sit on the printed bubbles.

A page-wide homography cannot follow paper stretch, printer margins or a template drawn for a slightly
different print (OMRChecker's sample3 README describes the effect). Each block moves as one piece, so a
single bubble can never wander onto its neighbour. `block_offsets` moves a block a few pixels to the
shift that puts the most ink inside its boxes, only when it beats staying put by a clear margin.
`follow_print` first puts each block of a loosely drawn template on the printed bubbles nearest to
where it is drawn (up to about a bubble away), and says which blocks could as well sit a row over.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def _shift_grid(window: float) -> tuple[np.ndarray, np.ndarray]:
    """Shifts (x, y) tried up to `window` working px: symmetric, about a dozen steps, always with zero."""
    reach = max(1, int(window))
    step = max(1, reach // 6)
    half = np.arange(0, reach + 1, step)
    shifts = np.unique(np.concatenate([-half, half]))
    sx, sy = np.meshgrid(shifts, shifts)
    return sx.ravel(), sy.ravel()


def _ink_gain_shift(
    integral: np.ndarray, boxes: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], sx: np.ndarray, sy: np.ndarray
) -> tuple[int, int]:
    """The shift (of `sx`, `sy`) that puts clearly more ink into one block's boxes (x0, x1, y0, y1 in
    working px) than they hold unmoved, or (0, 0)."""
    h, w = integral.shape[0] - 1, integral.shape[1] - 1
    x0b, x1b, y0b, y1b = boxes
    x0 = np.clip(x0b[None, :] + sx[:, None], 0, w - 1)
    x1 = np.clip(x1b[None, :] + sx[:, None], 1, w)
    y0 = np.clip(y0b[None, :] + sy[:, None], 0, h - 1)
    y1 = np.clip(y1b[None, :] + sy[:, None], 1, h)
    x1, y1 = np.maximum(x1, x0 + 1), np.maximum(y1, y0 + 1)
    sums = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    means = (sums / ((x1 - x0) * (y1 - y0))).mean(axis=1)
    # Prefer small moves on near-ties: a tiny penalty per pixel of distance.
    penalty = 0.02 * np.hypot(sx, sy)
    best = int(np.argmax(means - penalty))
    zero = int(np.flatnonzero((sx == 0) & (sy == 0))[0])
    if means[best] >= MIN_GAIN * means[zero] and means[best] - means[zero] >= MIN_GAIN_ABS:
        return int(sx[best]), int(sy[best])
    return 0, 0


def _box_edges(template: Template, scale: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x0 = np.round(template.bx * scale).astype(np.int64)
    y0 = np.round(template.by * scale).astype(np.int64)
    x1 = np.round((template.bx + template.bw) * scale).astype(np.int64)
    y1 = np.round((template.by + template.bh) * scale).astype(np.int64)
    return x0, x1, y0, y1


def ink_integral(ink: np.ndarray) -> np.ndarray:
    return cv2.integral(ink, sdepth=cv2.CV_32S).astype(np.int64, copy=False)


def block_offsets(
    ink: np.ndarray, template: Template, scale: float, window: float, integral: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, dict[str, list[int]]]:
    """Per-bubble (dx, dy) in working pixels, and the shift chosen for each moved block.

    `ink` is the warped page as uint8 darkness (255 = black) with print and marks (`integral`: its
    `ink_integral`, when already computed); `window` is the largest shift tried, in working pixels.
    """
    if integral is None:
        integral = ink_integral(ink)
    dx_all = np.zeros(template.bx.shape, dtype=np.int64)
    dy_all = np.zeros(template.bx.shape, dtype=np.int64)
    moved: dict[str, list[int]] = {}
    sx, sy = _shift_grid(window)
    x0b, x1b, y0b, y1b = _box_edges(template, scale)
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
        members = np.flatnonzero(blocks == number)
        boxes = (x0b[members], x1b[members], y0b[members], y1b[members])
        chosen[number] = _ink_gain_shift(integral, boxes, sx, sy)
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


SMOOTH = 0.4  # blur for centring, in bubbles: a printed ring, its letter and a mark each blur into one peak
FOLLOW_PX = 8.0  # the page is blurred and scored at about this many pixels per bubble
PEAK_SHARE = 0.3  # a peak this share of the block's highest (above its lowest shift) is print to sit on
PREFER_TALL = 0.35  # bubbles of distance a peak as high as the highest makes up for
MIN_FIELDS = 2  # a block of one field (one column or row) follows its nearest block of more
AGREE = 0.3  # bubbles: the ink search is kept where it lands this near the print fit
INK_REACH = 0.6  # bubbles: how far the ink search looks from where a block is drawn
# A block has two readings, and is flagged, when a peak about one grid step (a row or a column, within
# STEP_TOLERANCE bubbles) from its fit holds DOUBT_SHARE of the fit's height, within DOUBT_WITHIN bubbles
# of where the template draws the block and at most DOUBT_MARGIN farther from it than the fit; or when
# its print fit lies FAR_FIT bubbles or more from the drawn place and the ink search does not agree. Set
# on the shared samples with every block moved half a bubble off the print (benchmarks/omr_loose.py):
# no silent change remains; with the templates as drawn, blocks of three sets count (sample6's one-field
# columns, two of sample1's digit blocks, ibrahimkilic's yes/no list).
DOUBT_WITHIN = 1.0
DOUBT_SHARE = 0.8
DOUBT_MARGIN = 0.5
STEP_TOLERANCE = 0.45
FAR_FIT = 0.75
SMALL_AGREE = 0.35  # bubbles: a one-field block whose own fit is farther from its neighbour's is doubtful


@dataclass(frozen=True)
class BlockFit:
    """Per-bubble shifts (working px) that put each field block on the print, the shift of each moved
    block, and the blocks whose fit is in doubt (their print would fit a row or column over as well)."""

    dx: np.ndarray
    dy: np.ndarray
    moved: dict[str, list[int]]
    doubtful: frozenset[str]


@dataclass(frozen=True)
class _Peaks:
    """Shifts (px at the scoring scale) at which a block's boxes sit on print."""

    x: np.ndarray
    y: np.ndarray
    height: np.ndarray  # blurred ink above the block's lowest shift
    near: np.ndarray  # distance from where the template draws the block, in bubbles


def _print_peaks(grid: np.ndarray, offsets: np.ndarray, unit: tuple[float, float]) -> _Peaks:
    """The local maxima of a block's score `grid` (shifts `offsets` in y and x) that rise at least
    PEAK_SHARE of the highest above the lowest shift; `unit` is a bubble's (width, height)."""
    floor = float(grid.min())
    found = np.argwhere((grid >= cv2.dilate(grid, np.ones((3, 3), np.uint8))) & (grid > floor))
    height = grid[found[:, 0], found[:, 1]] - floor
    keep = height >= PEAK_SHARE * height.max() if len(found) else np.zeros(0, dtype=bool)
    x, y = offsets[found[keep, 1]], offsets[found[keep, 0]]
    near = np.hypot(x / unit[0], y / unit[1])
    return _Peaks(x, y, height[keep], near)


def _grid_steps(template: Template, members: np.ndarray) -> list[tuple[float, float]]:
    """A block's steps (template units) from a bubble to the next of its field and to the next field."""
    cx = template.bx + template.bw / 2
    cy = template.by + template.bh / 2
    owners = template.bfield[members]
    first = int(members[0])
    steps = []
    if len(members) > 1 and owners[1] == owners[0]:
        steps.append((float(cx[first + 1] - cx[first]), float(cy[first + 1] - cy[first])))
    later = np.flatnonzero(np.diff(owners)) + 1
    if len(later):
        second = int(members[later[0]])
        steps.append((float(cx[second] - cx[first]), float(cy[second] - cy[first])))
    return [step for step in steps if step != (0.0, 0.0)]


def follow_print(ink: np.ndarray, template: Template, scale: float, reach: float, fine: float) -> BlockFit:
    """Shift each field block so its boxes centre on the printed bubbles nearest to where it is drawn.

    A printed bubble, its letter and a mark in it are each symmetric about the bubble's centre, so on
    the page blurred by under half a bubble each makes one peak there. Scoring every shift within
    `reach` working px by the blurred ink at the block's box centres gives peaks where the block sits
    on print; the block takes the nearest to where it is drawn, a higher one winning a near tie (never a
    darker one farther off). A one-field block cannot tell its own print from a neighbouring column, so
    it takes the shift of the nearest block of more fields, and is doubtful where its own fit disagrees.
    A regular grid fits one row or column over about as well; when such a fit is about as near to the
    drawn place, the block is doubtful, as it is when its print fit lies far off and the ink search
    does not agree. Then the ink search (`block_offsets`, up to INK_REACH) is kept
    for every block it puts within AGREE of the print fit, as it follows marks a little off their
    printed centres; the other blocks search for ink only within `fine` working px of the print fit.
    `ink` is the page in the template frame at `scale`, 255 = black.
    """
    bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * scale
    f = min(1.0, FOLLOW_PX / bubble_px)
    # Linear sampling is enough before a blur of several pixels, and much cheaper than area averaging.
    small = cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_LINEAR) if f != 1.0 else ink
    sigma = SMOOTH * bubble_px * f
    size = 2 * round(2 * sigma) + 1  # the kernel cut at two sigma: the peaks stay where they are
    r = max(1, int(np.ceil(reach * f)))
    # Padded by the reach, so every shift of every box centre indexes inside the image.
    blurred = cv2.copyMakeBorder(cv2.GaussianBlur(small, (size, size), sigma), r, r, r, r, cv2.BORDER_REPLICATE)
    h, w = blurred.shape
    offsets = np.arange(-r, r + 1)
    cx = (template.bx + template.bw / 2) * scale * f
    cy = (template.by + template.bh / 2) * scale * f
    names = list(dict.fromkeys(fld.block for fld in template.fields))
    fields_per_block = {name: 0 for name in names}
    for fld in template.fields:
        fields_per_block[fld.block] += 1
    members_of = [np.flatnonzero(template.bblock == n) for n in range(len(names))]
    centres = [(float(cx[m].mean()), float(cy[m].mean())) for m in members_of]
    reliable = [n for n, name in enumerate(names) if fields_per_block[name] >= MIN_FIELDS]
    fits: dict[int, tuple[float, float]] = {}
    doubtful: set[str] = set()
    for number in reliable + [n for n in range(len(names)) if n not in reliable]:
        name, members = names[number], members_of[number]
        x = np.clip(np.round(cx[members]).astype(np.int64), 0, w - 2 * r - 1) + r
        y = np.clip(np.round(cy[members]).astype(np.int64), 0, h - 2 * r - 1) + r
        grid = blurred[y[:, None, None] + offsets[None, :, None], x[:, None, None] + offsets[None, None, :]].mean(
            axis=0, dtype=np.float32
        )  # (dy, dx)
        unit = (float(np.median(template.bw[members])) * scale * f, float(np.median(template.bh[members])) * scale * f)
        peaks = _print_peaks(grid, offsets, unit)
        if not len(peaks.x):
            fits[number] = (0.0, 0.0)
            continue
        pick = int(np.argmin(peaks.near - PREFER_TALL * peaks.height / peaks.height.max()))
        iy, ix = int(np.searchsorted(offsets, peaks.y[pick])), int(np.searchsorted(offsets, peaks.x[pick]))
        sy, sx = _subpixel(grid, iy, ix)
        fits[number] = (float(peaks.x[pick]) + sx, float(peaks.y[pick]) + sy)
        # Another reading is a peak about one grid step (a row or a column) from the fit.
        others = np.zeros(len(peaks.x), dtype=bool)
        for step_x, step_y in _grid_steps(template, members):
            for sign in (-1.0, 1.0):
                off_x = peaks.x - peaks.x[pick] - sign * step_x * scale * f
                off_y = peaks.y - peaks.y[pick] - sign * step_y * scale * f
                others |= np.hypot(off_x / unit[0], off_y / unit[1]) <= STEP_TOLERANCE
        if np.any(others & (peaks.near <= DOUBT_WITHIN) & (peaks.near <= peaks.near[pick] + DOUBT_MARGIN)
                  & (peaks.height >= DOUBT_SHARE * peaks.height[pick])):
            doubtful.add(name)
        if number not in reliable and reliable:
            nearest = min(reliable, key=lambda n: float(np.hypot(centres[n][0] - centres[number][0],
                                                                 centres[n][1] - centres[number][1])))
            own, fits[number] = fits[number], fits[nearest]
            if np.hypot((own[0] - fits[number][0]) / unit[0], (own[1] - fits[number][1]) / unit[1]) > SMALL_AGREE:
                doubtful.add(name)
    # The ink search alone is kept wherever it agrees with the print; where it went elsewhere (a darker
    # row or column beside the block, text), the block starts from the print.
    integral = ink_integral(ink)
    dx_all, dy_all, _ = block_offsets(ink, template, scale, INK_REACH * bubble_px, integral)
    fine_x, fine_y = _shift_grid(fine)
    x0b, x1b, y0b, y1b = _box_edges(template, scale)
    for number, (fit_x, fit_y) in fits.items():
        members = members_of[number]
        px, py = round(fit_x / f), round(fit_y / f)
        first = int(members[0])
        if np.hypot(dx_all[first] - px, dy_all[first] - py) > AGREE * bubble_px:
            if np.hypot(px, py) >= FAR_FIT * bubble_px:  # far off, and the ink says otherwise
                doubtful.add(names[number])
            boxes = (x0b[members] + px, x1b[members] + px, y0b[members] + py, y1b[members] + py)
            gain_x, gain_y = _ink_gain_shift(integral, boxes, fine_x, fine_y)
            dx_all[members], dy_all[members] = px + gain_x, py + gain_y
    moved: dict[str, list[int]] = {}
    for number, name in enumerate(names):
        first = int(members_of[number][0])
        if (dx_all[first], dy_all[first]) != (0, 0):
            moved[name] = [int(dx_all[first]), int(dy_all[first])]
    return BlockFit(dx_all, dy_all, moved, frozenset(doubtful))


def _subpixel(score: np.ndarray, iy: int, ix: int) -> tuple[float, float]:
    """Sub-cell offset (y, x) of the peak at (iy, ix) from a parabola through it and its two neighbours."""

    def vertex(a: float, b: float, c: float) -> float:
        denom = a - 2 * b + c
        return float(np.clip(0.5 * (a - c) / denom, -0.5, 0.5)) if denom < 0 else 0.0

    sy = vertex(score[iy - 1, ix], score[iy, ix], score[iy + 1, ix]) if 0 < iy < score.shape[0] - 1 else 0.0
    sx = vertex(score[iy, ix - 1], score[iy, ix], score[iy, ix + 1]) if 0 < ix < score.shape[1] - 1 else 0.0
    return sy, sx
