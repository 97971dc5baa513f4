"""Alignment: a homography from the decoded page's pixels to the template's page frame.

Methods, chosen by the template's preProcessors (OMRChecker meaning, plus ScanDesk's `CornerMarks`):
- `CornerMarks`: four filled squares found by contour analysis at any rotation; an asymmetric orientation
  mark picks which corner is top-left, so 90/180/270° and upside-down pages read correctly.
- `CropPage`: the page's edge quadrilateral against the background.
- `CropOnMarkers`: the marker image beside the template, matched at several scales; the template frame is
  the rectangle of the four marker centres (as in OMRChecker).
- none of these: the whole image is the page (OMRChecker resizes it to pageDimensions).
- `BubbleGrid` (ScanDesk), after any of the above but CornerMarks: the printed bubbles correct the frame
  (worker/omr/grid_align.py), for cards without marks scanned a little turned.
A page that cannot be aligned raises BadInput with the reason; it is never read on a guessed frame.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.grid_align import refine_on_bubbles
from worker.omr.template import Template

DETECT_LONG_SIDE = 800  # px; marks and page edges are found on a page this size (speed, enough precision)
PAGE_EDGE_CONTRAST = 25.0  # grey levels the background must be darker than the paper at the page edge


@dataclass
class Alignment:
    homography: np.ndarray  # 3x3, decoded-page pixels -> template units
    method: str
    rotation: int = 0  # degrees the page was turned (clockwise) relative to upright
    points: list[list[float]] = field(default_factory=list)  # found marks/corners in original pixels
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, scale: float) -> dict[str, Any]:
        return {
            "method": self.method,
            "rotation": self.rotation,
            "points": [[round(x / scale, 1), round(y / scale, 1)] for x, y in self.points],
            **self.details,
        }


def order_corners(points: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL of four points of an upright-ish quadrilateral."""
    pts = np.asarray(points, dtype=np.float64)
    sums = pts.sum(axis=1)
    diffs = pts[:, 1] - pts[:, 0]
    return np.array([pts[np.argmin(sums)], pts[np.argmin(diffs)], pts[np.argmax(sums)], pts[np.argmax(diffs)]])


def _clockwise(points: np.ndarray) -> np.ndarray:
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    return points[np.argsort(angles)]  # y grows downwards, so increasing angle runs clockwise on screen


def _rect(width: float, height: float) -> np.ndarray:
    return np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64)


def _downscale(grey: np.ndarray, fast: bool = False) -> tuple[np.ndarray, float]:
    factor = min(1.0, DETECT_LONG_SIDE / max(grey.shape[:2]))
    if factor < 1.0:
        # INTER_AREA at a non-integer factor costs ~9 ms a page; linear is enough to find solid marks
        # (`fast`) unless the page shrinks a lot. Page edges keep area averaging.
        method = cv2.INTER_LINEAR if fast and factor > 0.5 else cv2.INTER_AREA
        grey = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=method)
    return grey, factor


def flatten_background(grey: np.ndarray, kernel: int) -> np.ndarray:
    """Page / local paper brightness as uint8 (255 = paper): removes shading, drift and paper colour.

    The paper level is a max filter (marks and print removed) on a quarter-size copy, so it costs little.
    """
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    k = max(3, int(kernel / 4) | 1)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.blur(paper, (k, k))
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(paper, 1), scale=255.0)


def square_candidates(norm: np.ndarray, grey: np.ndarray, expected: float) -> np.ndarray:
    """Centres and sides (x, y, side) of solid dark squares about `expected` pixels across."""
    # Dark against the local paper AND darker than its own neighbourhood: the second test keeps the thin
    # paper margin between a mark and a dark table or background white, so the mark stays a blob of its own.
    block = max(3, int(expected * 2.5) | 1)
    local = cv2.adaptiveThreshold(grey, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12)
    binary = ((norm < 140) & (local > 0)).astype(np.uint8)  # darker than 55 % of the local paper
    # Two-level hierarchy: a dark background around the paper is one outer blob with the page as its
    # hole, and the marks are components inside that hole, so outer boundaries at every depth are needed.
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    found = []
    min_side = max(6.0, 0.008 * max(norm.shape))
    outer = [c for c, h in zip(contours, hierarchy[0], strict=True) if h[3] < 0] if hierarchy is not None else []
    for contour in outer:
        area = cv2.contourArea(contour)
        if area < min_side * min_side:
            continue
        (cx, cy), (w, h), _ = cv2.minAreaRect(contour)
        if w <= 0 or h <= 0 or not 0.75 < w / h < 1.33:
            continue
        if area / (w * h) < 0.78:  # fills its rotated box (a blurred small square still gives ~0.85)
            continue
        _, radius = cv2.minEnclosingCircle(contour)
        if area / (np.pi * radius * radius) > 0.76:  # square 0.64, rounded ~0.7; a filled bubble ~0.9
            continue
        moments = cv2.moments(contour)
        if moments["m00"] > 0:
            cx, cy = moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]
        found.append((cx, cy, float(np.sqrt(area))))
    return np.array(found, dtype=np.float64).reshape(-1, 3)


def _quad_area(pts: np.ndarray) -> float:
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _sample_dark(norm: np.ndarray, inverse: np.ndarray, centre: tuple[float, float], half: float) -> float:
    point = cv2.perspectiveTransform(np.array([[centre]], dtype=np.float64), inverse)[0, 0]
    x, y = round(point[0]), round(point[1])
    r = max(1, int(half))
    if not (r <= x < norm.shape[1] - r and r <= y < norm.shape[0] - r):
        return 0.0
    return 1.0 - float(norm[y - r : y + r + 1, x - r : x + r + 1].mean()) / 255.0


def align_corner_marks(grey: np.ndarray, template: Template, options: dict[str, Any]) -> Alignment:
    small, factor = _downscale(grey, fast=True)
    try:
        targets = np.array(options["centres"], dtype=np.float64).reshape(4, 2)
        mark_w, mark_h = (float(v) for v in options["size"])
        orient = options.get("orientationMark")
        orient_centre = (float(orient["centre"][0]), float(orient["centre"][1])) if orient else None
        orient_size = float(min(orient["size"])) if orient else 0.0
    except (KeyError, TypeError, ValueError):
        raise BadInput("template: CornerMarks needs centres (4 points) and size; orientationMark needs centre "
                       "and size") from None
    page_long = max(template.page_width, template.page_height)
    # Expected side in detection pixels if the page fills the image; photos may show it smaller.
    expected = min(mark_w, mark_h) * max(small.shape) / page_long
    norm = flatten_background(small, kernel=int(expected * 3))
    cands = square_candidates(norm, small, expected)
    cands = cands[(cands[:, 2] > 0.3 * expected) & (cands[:, 2] < 1.6 * expected)]
    if len(cands) < 4:
        raise BadInput("cannot align the sheet: the four corner marks were not found (is this the right card?)")
    if len(cands) > 14:
        cands = cands[np.argsort(-cands[:, 2])[:14]]
    best: tuple[float, np.ndarray] | None = None
    for combo in itertools.combinations(range(len(cands)), 4):
        chosen = cands[list(combo)]
        sides = chosen[:, 2]
        if sides.max() > 1.35 * sides.min():
            continue
        area = _quad_area(_clockwise(chosen[:, :2]))
        if best is None or area > best[0]:
            best = (area, chosen)
    if best is None or best[0] < 0.15 * small.shape[0] * small.shape[1]:
        raise BadInput("cannot align the sheet: the corner marks do not span a card (is this the right card?)")
    corners = _clockwise(best[1][:, :2])
    side = float(best[1][:, 2].mean())
    if orient_centre is None:
        # Four identical marks cannot tell a turned page: the sheet is taken the way up it was scanned.
        ordered = order_corners(corners)
    else:
        scores = []
        for start in range(4):
            ordered = np.roll(corners, -start, axis=0)
            h = cv2.getPerspectiveTransform(ordered.astype(np.float32), targets.astype(np.float32))
            inverse = np.linalg.inv(h)
            half = 0.3 * side * orient_size / min(mark_w, mark_h)
            scores.append(_sample_dark(norm, inverse, orient_centre, half))
        order = np.argsort(scores)[::-1]
        if scores[order[0]] < 0.4 or scores[order[1]] > 0.25:
            raise BadInput("cannot align the sheet: the orientation mark beside the top-left corner is missing")
        ordered = np.roll(corners, -int(order[0]), axis=0)
    # Card geometry check: opposite sides must keep the template's aspect within perspective tolerance.
    width = (np.linalg.norm(ordered[1] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[3])) / 2
    height = (np.linalg.norm(ordered[3] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[1])) / 2
    t_width = np.linalg.norm(targets[1] - targets[0])
    t_height = np.linalg.norm(targets[3] - targets[0])
    ratio = (width / height) / (t_width / t_height)
    if not 0.75 < ratio < 1.33:
        raise BadInput("cannot align the sheet: the corner marks do not have this card's proportions")
    full = ordered / factor
    homography = cv2.getPerspectiveTransform(full.astype(np.float32), targets.astype(np.float32))
    # Rotation: direction of the top edge in the image.
    angle = float(np.degrees(np.arctan2(*(ordered[1] - ordered[0])[::-1])))
    rotation = round(angle / 90.0) * 90 % 360
    return Alignment(
        homography.astype(np.float64),
        "CornerMarks",
        rotation,
        full.tolist(),
        {"skew_degrees": round(((angle + 45) % 90) - 45, 2)},
    )


# ------------------------------------------------------------------------------------------------- CropPage
def find_page_quad(grey: np.ndarray) -> np.ndarray | None:
    """The page's four corners (TL, TR, BR, BL) in `grey` pixels, or None when no edge stands out."""
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    _, binary = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    k = max(5, int(0.02 * max(grey.shape)))
    binary = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    image_area = grey.shape[0] * grey.shape[1]
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    if area < 0.15 * image_area or area > 0.97 * image_area:
        return None
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    quad: np.ndarray | None = None
    for eps in (0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = order_corners(approx.reshape(4, 2).astype(np.float64))
            break
    if quad is None:
        quad = order_corners(cv2.boxPoints(cv2.minAreaRect(hull)).astype(np.float64))
    return quad if _edge_contrast(grey, quad) >= PAGE_EDGE_CONTRAST else None


def _edge_contrast(grey: np.ndarray, quad: np.ndarray) -> float:
    """How much darker the band just outside `quad` is than the band just inside it (grey levels).

    On a flatbed with a white lid Otsu still splits the image somewhere (a lighting gradient), but the
    "page" it finds has no edge: paper on both sides.
    """
    inside = np.zeros(grey.shape[:2], dtype=np.uint8)
    cv2.fillPoly(inside, [np.round(quad).astype(np.int32)], 255)
    band = max(3, int(0.02 * max(grey.shape[:2])))
    kernel = np.ones((band, band), dtype=np.uint8)
    outer = cv2.dilate(inside, kernel) > inside
    inner = inside > cv2.erode(inside, kernel)
    if not outer.any() or not inner.any():
        return 0.0
    return float(np.median(grey[inner])) - float(np.median(grey[outer]))


def align_crop_page(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Homography from `grey` pixels onto the unit page rect scaled to its own size, and that size."""
    small, factor = _downscale(grey)
    quad = find_page_quad(small)
    if quad is None:
        # A flatbed scan or a tight crop: the image itself is the page.
        h, w = grey.shape[:2]
        return np.eye(3), np.array([w, h], dtype=np.float64), False
    quad = quad / factor
    width = max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3]))
    height = max(np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1]))
    h = cv2.getPerspectiveTransform(quad.astype(np.float32), _rect(float(width), float(height)).astype(np.float32))
    return h.astype(np.float64), np.array([width, height]), True


# ------------------------------------------------------------------------------------------- CropOnMarkers
@lru_cache(maxsize=16)
def _marker_image(path: str) -> np.ndarray:
    marker = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if marker is None:
        raise BadInput(f"template: marker image {Path(path).name} is missing or unreadable")
    return marker


def _best_marker_match(
    small: np.ndarray,
    marker: np.ndarray,
    base: float,
    scales: np.ndarray,
    best: tuple[float, list[tuple[float, float]], float] | None,
) -> tuple[float, list[tuple[float, float]], float] | None:
    """Best (score, four centres, scale): the marker matched in each quadrant; score = weakest quadrant."""
    h, w = small.shape
    quads = [(0, 0, w // 2, h // 2), (w // 2, 0, w, h // 2), (w // 2, h // 2, w, h), (0, h // 2, w // 2, h)]
    for scale in scales:
        size = round(base * scale)
        if size < 6:
            continue
        templ = cv2.resize(marker, (size, round(size * marker.shape[0] / marker.shape[1])),
                           interpolation=cv2.INTER_AREA)
        res = cv2.matchTemplate(small, templ, cv2.TM_CCOEFF_NORMED)
        centres, values = [], []
        for x0, y0, x1, y1 in quads:
            sub = res[y0 : max(y0 + 1, y1 - templ.shape[0]), x0 : max(x0 + 1, x1 - templ.shape[1])]
            if sub.size == 0:
                values.append(-1.0)
                centres.append((0.0, 0.0))
                continue
            _, value, _, loc = cv2.minMaxLoc(sub)
            values.append(value)
            centres.append((x0 + loc[0] + templ.shape[1] / 2, y0 + loc[1] + templ.shape[0] / 2))
        score = float(min(values))
        spread = np.array(centres)
        if np.ptp(spread[:, 0]) < 0.4 * w or np.ptp(spread[:, 1]) < 0.4 * h:
            continue  # four matches that do not span the page are not its corner markers
        if best is None or score > best[0]:
            best = (score, centres, float(scale))
    return best


def align_on_markers(page: np.ndarray, template: Template, options: dict[str, Any]) -> tuple[np.ndarray, list[Any]]:
    """Homography from `page` pixels to the rectangle of the four marker centres; and those centres."""
    rel = options.get("relativePath")
    if not isinstance(rel, str):
        raise BadInput("template: CropOnMarkers needs relativePath (the marker image)")
    marker = _marker_image(str(template.base_dir / rel))
    ratio = float(options.get("sheetToMarkerWidthRatio", 17))
    # OMRChecker searches 35-100 % of (page width / ratio); the match peak is sharp in scale, so steps
    # are 4 % apart. Matching runs on a 660 px wide page (markers ~15-40 px).
    work_width = 660.0
    factor = work_width / page.shape[1]
    small = cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    scales = 0.3 * 1.04 ** np.arange(0, 40)
    best = _best_marker_match(small, marker, work_width / ratio, scales[scales <= 1.4], None)
    if best is None or best[0] < 0.35:
        raise BadInput("cannot align the sheet: the corner markers were not found (is this the right card?)")
    centres = np.array(best[1], dtype=np.float64) / factor
    width = max(np.linalg.norm(centres[1] - centres[0]), np.linalg.norm(centres[2] - centres[3]))
    height = max(np.linalg.norm(centres[3] - centres[0]), np.linalg.norm(centres[2] - centres[1]))
    if width < 0.3 * page.shape[1] or height < 0.3 * page.shape[0]:
        raise BadInput("cannot align the sheet: the corner markers found do not span the page")
    homography = cv2.getPerspectiveTransform(
        centres.astype(np.float32), _rect(template.page_width, template.page_height).astype(np.float32)
    )
    return homography.astype(np.float64), centres.tolist()


# ---------------------------------------------------------------------------------------------- entry point
# Bubble-grid fit (boxes darker than the paper around them). On the OMRChecker samples upright pages score
# -0.13..0.12 the right way (loose templates, grey column shading), and text can fit a turned grid up to
# ~0.075; so a turn is taken only on overwhelming evidence, and a doubtful upright page is flagged.
GRID_FITS = 0.08
GRID_RATIO = 3.0
GRID_DOUBT = 0.02


def _grid_score(grey: np.ndarray, homography: np.ndarray, template: Template) -> float:
    """How much more ink the template's bubble boxes hold than the page on average.

    On the right orientation the boxes sit on printed bubbles; turned, they mostly land on paper or text.
    """
    bubble = float(np.median(np.minimum(template.bw, template.bh)))
    k = min(8.0 / bubble, 700.0 / max(template.page_width, template.page_height))
    size = (max(8, round(template.page_width * k)), max(8, round(template.page_height * k)))
    warped = cv2.warpPerspective(grey, np.diag([k, k, 1.0]) @ homography, size, flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_REPLICATE)
    dark = cv2.bitwise_not(warped)  # 255 - x: uint8 never underflows
    integral = cv2.integral(dark, sdepth=cv2.CV_32S).astype(np.int64)
    h, w = dark.shape
    x0 = np.clip(np.round(template.bx * k), 0, w - 1).astype(int)
    y0 = np.clip(np.round(template.by * k), 0, h - 1).astype(int)
    x1 = np.clip(np.round((template.bx + template.bw) * k), 1, w).astype(int)
    y1 = np.clip(np.round((template.by + template.bh) * k), 1, h).astype(int)
    x1, y1 = np.maximum(x1, x0 + 1), np.maximum(y1, y0 + 1)
    pad_x = np.maximum(1, np.round(0.35 * template.bw * k)).astype(int)
    pad_y = np.maximum(1, np.round(0.35 * template.bh * k)).astype(int)
    ex0, ey0 = np.clip(x0 - pad_x, 0, w - 1), np.clip(y0 - pad_y, 0, h - 1)
    ex1, ey1 = np.clip(x1 + pad_x, 1, w), np.clip(y1 + pad_y, 1, h)

    def box_sum(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
        return np.asarray(integral[d, c] - integral[b, c] - integral[d, a] + integral[b, a])

    inner = box_sum(x0, y0, x1, y1)
    outer = box_sum(ex0, ey0, ex1, ey1) - inner
    inner_area = (x1 - x0) * (y1 - y0)
    outer_area = np.maximum(1, (ex1 - ex0) * (ey1 - ey0) - inner_area)
    # A printed bubble is darker than the paper right around it; text and blank paper are not.
    return float(np.mean(inner / inner_area - outer / outer_area)) / 255.0


def _orient(grey: np.ndarray, quad: np.ndarray, template: Template, method: str) -> Alignment:
    """Pick which corner of `quad` (TL, TR, BR, BL as seen upright in the image) is the page's top-left.

    Quarter turns are limited by the page's proportions; among the rest the bubble-grid score decides.
    Upright stays the choice unless a turn fits clearly better; sideways pages that fit both ways equally
    are rejected rather than read on a guess.
    """
    frame = _rect(template.page_width, template.page_height).astype(np.float32)
    # OMRChecker stretches the page onto pageDimensions, so proportions cannot tell a turned page: all
    # four quarter turns are scored, and the usual way up wins unless another one clearly fits better.
    turns = [0, 1, 2, 3]
    homographies = {
        r: cv2.getPerspectiveTransform(np.roll(quad, -r, axis=0).astype(np.float32), frame).astype(np.float64)
        for r in turns
    }
    scores = {r: _grid_score(grey, h, template) for r, h in homographies.items()}
    best = max(scores, key=lambda r: scores[r])

    def clearly_better(a: float, b: float) -> bool:
        return a >= GRID_FITS and a >= GRID_RATIO * max(b, 0.01)

    chosen = best if best != 0 and clearly_better(scores[best], scores[0]) else 0
    doubtful = any(scores[r] > scores[chosen] + GRID_DOUBT for r in turns if r != chosen)
    points = quad.tolist()
    details = {
        "orientation_scores": {str(r * 90): round(v, 4) for r, v in scores.items()},
        "orientation_uncertain": doubtful,
    }
    return Alignment(homographies[chosen], method, chosen * 90, points, details)


def align(grey: np.ndarray, template: Template) -> Alignment:
    """Find the template frame on the page (decoded-page pixels -> template units)."""
    corner = template.preprocessor("CornerMarks")
    if corner is not None:
        return align_corner_marks(grey, template, corner)
    crop = template.preprocessor("CropPage")
    markers = template.preprocessor("CropOnMarkers")
    to_page = np.eye(3)
    size = np.array([grey.shape[1], grey.shape[0]], dtype=np.float64)
    method = []
    if crop is not None:
        to_page, size, found = align_crop_page(grey)
        method.append("CropPage" if found else "CropPage(full image)")
    if markers is not None:
        work = grey
        if crop is not None:
            work = cv2.warpPerspective(grey, to_page, (int(size[0]), int(size[1])), flags=cv2.INTER_AREA)
        _, centres = align_on_markers(work, template, markers)
        quad_on_page = np.array(centres, dtype=np.float64)
        method.append("CropOnMarkers")
    else:
        quad_on_page = _rect(size[0], size[1])
    quad = cv2.perspectiveTransform(np.array([quad_on_page], dtype=np.float64), np.linalg.inv(to_page))[0]
    alignment = _orient(grey, quad, template, "+".join(method) or "whole image")
    if template.preprocessor("BubbleGrid") is not None:
        alignment.homography, details = refine_on_bubbles(grey, alignment.homography, template)
        alignment.details.update(details)
        alignment.method += "+BubbleGrid"
    return alignment
