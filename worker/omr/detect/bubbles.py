"""Printed bubbles on a straightened blank card: outlined ellipses or circles of one size.

A bubble is the outer boundary of a connected dark shape that is an ellipse or a pill (two half circles
joined by straight sides): it fills 0.7-0.92 of its bounding box and is convex. Printed digits or letters inside a bubble are separate shapes inside its hole,
so they neither break nor hide it; squares (corner marks, write-in boxes) fill their box and fail the test.
Among the ellipses the most common size wins: a card prints its bubbles at one size, while stray round
glyphs ("0", "O") of the text around them are smaller.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Contour area / bounding box area: an ellipse gives pi/4 = 0.785, a pill twice as wide as tall 0.89,
# a square (corner mark, write-in box) 1.0.
ELLIPSE_FILL = (0.7, 0.92)
MIN_SOLIDITY = 0.92
SIZE_TOLERANCE = 0.22  # a bubble's width and height stay within this fraction of the card's bubble size
MIN_SIDE_PX = 7
CONTRASTS = (12, 6)  # grey levels below the neighbourhood mean that count as print


@dataclass(frozen=True)
class Bubble:
    """Centre and size in the straightened image's pixels."""

    x: float
    y: float
    w: float
    h: float


def ink_mask(grey: np.ndarray, contrast: int = 12) -> np.ndarray:
    """Print at least `contrast` grey levels darker than its neighbourhood, with one-pixel breaks in thin
    outlines closed."""
    smooth = cv2.medianBlur(grey, 3)
    block = max(15, (min(grey.shape[:2]) // 60) | 1)
    binary = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, contrast)
    return cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))


def ellipse_shapes(binary: np.ndarray) -> list[Bubble]:
    """Every outer boundary (at any nesting depth) that has an ellipse's shape."""
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    max_side = 0.12 * max(binary.shape[:2])
    found: list[Bubble] = []
    for contour, link in zip(contours, hierarchy[0], strict=True):
        if link[3] >= 0:  # a hole's boundary (the inside of a ring), not a shape
            continue
        _, _, w, h = cv2.boundingRect(contour)
        if min(w, h) < MIN_SIDE_PX or max(w, h) > max_side or not 0.4 < w / h < 2.5:
            continue
        area = cv2.contourArea(contour)
        # The contour runs through boundary pixel centres: the box it spans is one pixel smaller.
        fill = area / max(1.0, (w - 1) * (h - 1))
        if not ELLIPSE_FILL[0] < fill < ELLIPSE_FILL[1]:
            continue
        hull = cv2.contourArea(cv2.convexHull(contour))
        if hull <= 0 or area / hull < MIN_SOLIDITY:
            continue
        moments = cv2.moments(contour)
        if moments["m00"] <= 0:
            continue
        found.append(Bubble(moments["m10"] / moments["m00"], moments["m01"] / moments["m00"], float(w), float(h)))
    return found


def dominant_size(shapes: list[Bubble]) -> tuple[float, float] | None:
    """The (w, h) most shapes share, found on a log-area histogram; None for no shapes."""
    if not shapes:
        return None
    sizes = np.array([[s.w, s.h] for s in shapes], dtype=np.float64)
    log_area = np.log(sizes[:, 0] * sizes[:, 1])
    best_count, best_centre = 0, 0.0
    for centre in np.unique(np.round(log_area, 2)):
        count = int(np.count_nonzero(np.abs(log_area - centre) < 0.2))
        if count > best_count:
            best_count, best_centre = count, float(centre)
    members = sizes[np.abs(log_area - best_centre) < 0.2]
    return float(np.median(members[:, 0])), float(np.median(members[:, 1]))


def _of_one_size(shapes: list[Bubble]) -> tuple[list[Bubble], tuple[float, float]] | None:
    size = dominant_size(shapes)
    if size is None:
        return None
    w0, h0 = size
    keep = [s for s in shapes if abs(s.w - w0) <= SIZE_TOLERANCE * w0 and abs(s.h - h0) <= SIZE_TOLERANCE * h0]
    return keep, size


def find_bubbles(grey: np.ndarray) -> list[Bubble]:
    """The card's bubbles: ellipse shapes of the dominant size, one per position.

    Bubbles printed in a light colour (pink, orange, pale grey) break up at the usual contrast; the
    lower one is tried too, and whichever finds more bubbles of one size wins.
    """
    best: tuple[list[Bubble], tuple[float, float]] | None = None
    for contrast in CONTRASTS:
        found = _of_one_size(ellipse_shapes(ink_mask(grey, contrast)))
        if found is not None and (best is None or len(found[0]) > 1.2 * len(best[0])):
            best = found
    if best is None:
        return []
    keep, (w0, h0) = best
    keep.sort(key=lambda s: -s.w * s.h)
    out: list[Bubble] = []
    for shape in keep:
        if any(abs(shape.x - o.x) < 0.5 * w0 and abs(shape.y - o.y) < 0.5 * h0 for o in out):
            continue
        out.append(shape)
    return out
