"""`BubbleGrid` alignment: the printed bubbles themselves correct the page frame.

For cards without corner marks the first frame comes from the page edge, or is the whole image on a
flatbed scan where the edge does not show; a card lying a few degrees turned on the glass then puts
the template's boxes beside the bubbles. Here the page is warped into the template frame, the printed
bubbles are found (ellipses of the template's bubble size; filled ones count too), and the frame is
corrected by the turn of their rows, the offset most template bubbles agree on, and finally a homography
fitted to bubbles matched one to one. When too few bubbles match, the first frame is kept.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from worker.omr.detect.bubbles import ellipse_shapes, ink_mask
from worker.omr.detect.skew import grid_skew, rotation_about
from worker.omr.template import Template

WORK_BUBBLE_PX = 24.0  # bubbles are looked for at about this size
SIZE_TOLERANCE = 0.3
SEARCH = 0.06  # largest offset tried, as a fraction of the page's long side
MIN_MATCHED = 0.3  # of the template's bubbles, for a correction to be trusted


def _template_centres(template: Template) -> np.ndarray:
    return np.column_stack([template.bx + template.bw / 2, template.by + template.bh / 2])


def _found_centres(grey: np.ndarray, homography: np.ndarray, template: Template, k: float) -> np.ndarray:
    """Centres (template units, in the first frame) of ellipses of the template's bubble size."""
    size = (max(8, round(template.page_width * k)), max(8, round(template.page_height * k)))
    warped = cv2.warpPerspective(grey, np.diag([k, k, 1.0]) @ homography, size, flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_REPLICATE)
    bw = float(np.median(template.bw)) * k
    bh = float(np.median(template.bh)) * k
    shapes = [s for s in ellipse_shapes(ink_mask(warped))
              if abs(s.w - bw) <= SIZE_TOLERANCE * bw and abs(s.h - bh) <= SIZE_TOLERANCE * bh]
    return np.array([[s.x / k, s.y / k] for s in shapes], dtype=np.float64).reshape(-1, 2)


def _best_offset(found: np.ndarray, expected: np.ndarray, reach: float, step: float) -> np.ndarray:
    """The shift of `found` that lands most of them on `expected` (a vote over all close pairs)."""
    diff = (expected[None, :, :] - found[:, None, :]).reshape(-1, 2)
    diff = diff[(np.abs(diff[:, 0]) <= reach) & (np.abs(diff[:, 1]) <= reach)]
    if not len(diff):
        return np.zeros(2)
    bins = int(np.ceil(2 * reach / step))
    hist, xe, ye = np.histogram2d(diff[:, 0], diff[:, 1], bins=bins, range=[[-reach, reach], [-reach, reach]])
    hist = cv2.blur(hist.astype(np.float32), (3, 3))
    ix, iy = np.unravel_index(int(np.argmax(hist)), hist.shape)
    centre = np.array([(xe[ix] + xe[ix + 1]) / 2, (ye[iy] + ye[iy + 1]) / 2])
    near = diff[np.hypot(*(diff - centre).T) < 1.5 * step]
    return np.median(near, axis=0) if len(near) else centre


def refine_on_bubbles(grey: np.ndarray, homography: np.ndarray, template: Template) -> tuple[np.ndarray, dict[str, Any]]:
    """(homography, details): `homography` (page pixels -> template units) corrected by the bubbles."""
    bubble = float(np.median(np.minimum(template.bw, template.bh)))
    k = float(np.clip(WORK_BUBBLE_PX / bubble, 0.2, 2.0))
    found = _found_centres(grey, homography, template, k)
    expected = _template_centres(template)
    details: dict[str, Any] = {"bubble_grid": "kept"}
    if len(found) < max(8, MIN_MATCHED * len(expected)):
        return homography, details
    centre = (template.page_width / 2, template.page_height / 2)
    skew = grid_skew(found, bubble) or 0.0
    turn = rotation_about(centre, -skew)
    turned = cv2.perspectiveTransform(found[None], turn)[0]
    reach = SEARCH * max(template.page_width, template.page_height)
    offset = _best_offset(turned, expected, reach, 0.25 * bubble)
    moved = turned + offset
    # One to one: each template bubble takes the nearest found bubble within 0.4 of a bubble.
    dist = np.hypot(*(expected[:, None, :] - moved[None, :, :]).transpose(2, 0, 1))
    nearest = np.argmin(dist, axis=1)
    close = dist[np.arange(len(expected)), nearest] < 0.4 * bubble
    if np.count_nonzero(close) < max(8, MIN_MATCHED * len(expected)):
        return homography, details
    correction, inliers = cv2.findHomography(found[nearest[close]], expected[close], cv2.RANSAC, 0.25 * bubble)
    if correction is None or inliers is None or int(inliers.sum()) < max(8, MIN_MATCHED * len(expected)):
        return homography, details
    details = {"bubble_grid": "corrected", "bubble_grid_skew_degrees": round(float(np.degrees(skew)), 2),
               "bubble_grid_matched": int(inliers.sum())}
    return correction @ homography, details
