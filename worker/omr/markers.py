"""OMRChecker's `CropOnMarkers`: the four corner markers found by template matching, coarse to fine.

The marker's printed size is unknown within OMRChecker's range (30-140 % of page width /
`sheetToMarkerWidthRatio`). Matching every scale at working resolution costs ~40 full-page
`matchTemplate` calls, so the search runs in two steps:
- coarse: the four corner regions of a strongly reduced page, each scale band at the smallest page size
  where the marker stays at least ~6-8 px across; the best few (score, scale) candidates survive. Scans
  put their markers near the corners, so small corner regions are searched first and the larger ones
  only when those hold no sure markers;
- fine: around each candidate's four hits, a small window of the page at its own resolution, scales a few
  per cent apart, each corner taking its own best scale (perspective makes near markers bigger).
The score of a candidate is its weakest corner's normalised correlation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from worker.errors import BadInput

# (lowest scale, highest scale, reduced page width in px) for the coarse search, the cheap band first.
COARSE_BANDS = ((0.55, 1.45, 240.0), (0.3, 0.55, 400.0))
COARSE_STEP = 1.07  # scale ratio between coarse steps; the fine step covers what lies between
# Markers are searched in the corner regions this fraction of the page across and down: the first size
# holds them on the scans seen (centres up to 0.2 in), the second is searched when it holds no sure ones.
CORNERS = (0.3, 0.42)
CANDIDATES = 2  # per band
# The coarse scale of a small template is only good to ~20 %: a sweep 8 % apart, then 2.5 % around the best.
FINE_SWEEP = 1.08 ** np.arange(-2, 3)
FINE_FINAL = 1.025 ** np.array([-1, 1])
MIN_SCORE = 0.6  # weakest corner's correlation below this: no markers (real ones 0.7-0.93, other cards' print <= 0.57)
SURE_SCORE = 0.65  # real markers refine to 0.7-0.95; a band this good makes the costlier band needless


@dataclass
class MarkerMatch:
    score: float  # the weakest corner's normalised correlation
    centres: np.ndarray  # 4x2, TL, TR, BR, BL marker centres in page pixels
    scale: float  # marker width relative to page width / sheetToMarkerWidthRatio


@lru_cache(maxsize=16)
def marker_image(path: str) -> np.ndarray:
    marker = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if marker is None:
        raise BadInput(f"template: marker image {Path(path).name} is missing or unreadable")
    return marker


@lru_cache(maxsize=512)
def _resized_marker(path: str, width: int) -> np.ndarray:
    marker = marker_image(path)
    height = max(1, round(width * marker.shape[0] / marker.shape[1]))
    return cv2.resize(marker, (width, height), interpolation=cv2.INTER_AREA)


def _corner_regions(width: int, height: int, corner: float) -> list[tuple[int, int, int, int]]:
    cw, ch = int(np.ceil(corner * width)), int(np.ceil(corner * height))
    return [(0, 0, cw, ch), (width - cw, 0, width, ch), (width - cw, height - ch, width, height), (0, height - ch, cw, height)]


def _spans_page(centres: np.ndarray, width: int, height: int) -> bool:
    """Four hits that do not span the page are not its corner markers."""
    return bool(np.ptp(centres[:, 0]) >= 0.4 * width and np.ptp(centres[:, 1]) >= 0.4 * height)


def _same_place(a: MarkerMatch, b: MarkerMatch, width: int) -> bool:
    return abs(np.log(a.scale / b.scale)) < 0.08 and float(np.abs(a.centres - b.centres).max()) < 0.02 * width


def _match_corners(
    small: np.ndarray, templ: np.ndarray, regions: list[tuple[int, int, int, int]]
) -> tuple[list[float], list[tuple[float, float]]]:
    """The best correlation and its centre in each region (fewer than four when the template does not fit)."""
    values, centres = [], []
    for x0, y0, x1, y1 in regions:
        region = small[y0:y1, x0:x1]
        if region.shape[0] < templ.shape[0] or region.shape[1] < templ.shape[1]:
            break
        _, value, _, loc = cv2.minMaxLoc(cv2.matchTemplate(region, templ, cv2.TM_CCOEFF_NORMED))
        values.append(value)
        centres.append((x0 + loc[0] + templ.shape[1] / 2, y0 + loc[1] + templ.shape[0] / 2))
    return values, centres


def _reduced(page: np.ndarray, work_width: float) -> tuple[np.ndarray, float]:
    """The page at `work_width` px across (never enlarged), lightly blurred, and its scale factor."""
    factor = min(1.0, work_width / page.shape[1])
    small = cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return cv2.GaussianBlur(small, (3, 3), 0), factor


def _coarse(page: np.ndarray, small: np.ndarray, factor: float, marker: str, ratio: float,
            band: tuple[float, float, float], corner: float) -> list[MarkerMatch]:
    """The best few four-corner hits of one scale band on `small`, the page reduced by `factor`
    (centres in page pixels)."""
    low, high, _ = band
    h, w = small.shape
    regions = _corner_regions(w, h, corner)
    found: list[MarkerMatch] = []
    # Small templates: neighbouring scales round to the same size in pixels, matched once.
    by_size: dict[int, tuple[list[float], list[tuple[float, float]]]] = {}
    scale = low
    while scale < high:
        size = round(w / ratio * scale)
        scale_now, scale = scale, scale * COARSE_STEP
        if size < 5:
            continue
        if size not in by_size:
            by_size[size] = _match_corners(small, _resized_marker(marker, size), regions)
        values, centres = by_size[size]
        if len(values) < 4:
            continue
        points = np.array(centres) / factor
        if _spans_page(points, page.shape[1], page.shape[0]):
            found.append(MarkerMatch(float(min(values)), points, scale_now))
    # Small templates correlate with any print, so the band's best few go on to the fine step, not one.
    found.sort(key=lambda m: -m.score)
    chosen: list[MarkerMatch] = []
    for match in found:
        if not any(_same_place(match, other, page.shape[1]) for other in chosen):
            chosen.append(match)
        if len(chosen) == CANDIDATES:
            break
    return chosen


def _refine(page: np.ndarray, marker: str, ratio: float, candidate: MarkerMatch, steps: np.ndarray,
            margin_px: float) -> MarkerMatch:
    """Each corner's best place and scale in a small full-resolution window around `candidate`'s hit."""
    h, w = page.shape
    base = w / ratio
    sizes = sorted({max(5, round(base * candidate.scale * f)) for f in steps})
    values, centres, scales = [], [], []
    for cx, cy in candidate.centres:
        best = (-1.0, (cx, cy), candidate.scale)
        for size in sizes:
            templ = _resized_marker(marker, size)
            margin = 0.3 * size + margin_px
            x0, y0 = max(0, int(cx - templ.shape[1] / 2 - margin)), max(0, int(cy - templ.shape[0] / 2 - margin))
            x1 = min(w, int(cx + templ.shape[1] / 2 + margin) + 1)
            y1 = min(h, int(cy + templ.shape[0] / 2 + margin) + 1)
            window = page[y0:y1, x0:x1]
            if window.shape[0] < templ.shape[0] or window.shape[1] < templ.shape[1]:
                continue
            window = cv2.GaussianBlur(window, (3, 3), 0)
            _, value, _, loc = cv2.minMaxLoc(cv2.matchTemplate(window, templ, cv2.TM_CCOEFF_NORMED))
            if value > best[0]:
                best = (value, (x0 + loc[0] + templ.shape[1] / 2, y0 + loc[1] + templ.shape[0] / 2), size / base)
        values.append(best[0])
        centres.append(best[1])
        scales.append(best[2])
    return MarkerMatch(float(min(values)), np.array(centres, dtype=np.float64), float(np.median(scales)))


def find_markers(page: np.ndarray, marker: str, ratio: float) -> MarkerMatch | None:
    """The four corner markers (TL, TR, BR, BL) on `page` (grey) of the marker image at path `marker`,
    or None when no candidate scores enough."""
    reduced: dict[tuple[float, float, float], tuple[np.ndarray, float]] = {}
    best: MarkerMatch | None = None
    for corner in CORNERS:
        best = None  # a search of larger corners covers the smaller ones: it starts afresh
        for band in COARSE_BANDS:
            if band not in reduced:
                reduced[band] = _reduced(page, band[2])
            small, factor = reduced[band]
            for candidate in _coarse(page, small, factor, marker, ratio, band, corner):
                refined = _refine(page, marker, ratio, candidate, FINE_SWEEP, 3 / factor)
                if _spans_page(refined.centres, page.shape[1], page.shape[0]) and (best is None or refined.score > best.score):
                    best = refined
            if best is not None and best.score >= SURE_SCORE:
                break
        if best is not None and best.score >= SURE_SCORE:
            break
    if best is None:
        return None
    final = _refine(page, marker, ratio, best, np.concatenate([[1.0], FINE_FINAL]), 3.0)
    if final.score > best.score and _spans_page(final.centres, page.shape[1], page.shape[0]):
        best = final
    return best if best.score >= MIN_SCORE else None
