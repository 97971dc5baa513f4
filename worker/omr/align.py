"""Alignment: a homography from the decoded page's pixels to the template's page frame.

Methods, chosen by the template's preProcessors (OMRChecker meaning, plus ScanDesk's `CornerMarks`):
- `CornerMarks`: four filled squares found by contour analysis at any rotation; an asymmetric orientation
  mark picks which corner is top-left, so 90/180/270° and upside-down pages read correctly.
- `CropPage`: the page's edge quadrilateral against the background (worker/omr/page_edges.py); a photo
  that shows a background but no page is refused.
- `CropOnMarkers`: the marker image beside the template, matched coarse to fine (worker/omr/markers.py);
  the template frame is the rectangle of the four marker centres (as in OMRChecker).
- none of these: the whole image is the page (OMRChecker resizes it to pageDimensions).
- `BubbleGrid` (ScanDesk), after any of the above but CornerMarks: the printed bubbles correct the frame
  (worker/omr/grid_align.py), for cards without marks scanned a little turned.
A page that cannot be aligned raises BadInput with the reason; it is never read on a guessed frame.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.fit import choose_turn
from worker.omr.grid_align import refine_on_bubbles
from worker.omr.markers import find_markers, marker_image
from worker.omr.page_edges import border_is_paper, find_page, order_corners, paper_map, refine_corners
from worker.omr.refine import block_offsets, bubble_contrast
from worker.omr.template import Template

# Every refusal of a page that may be another card ends with this ("; "-joined parts are translated one by one).
NOT_THIS_CARD = "the page does not match the template (is this the right card?)"
DETECT_LONG_SIDE = 800  # px; marks and page edges are found on a page this size (speed, enough precision)


@dataclass
class Alignment:
    homography: np.ndarray  # 3x3, decoded-page pixels -> template units
    method: str
    rotation: int = 0  # degrees the page was turned (clockwise) relative to upright
    points: list[list[float]] = field(default_factory=list)  # found marks/corners in original pixels
    details: dict[str, Any] = field(default_factory=dict)
    # Other ways up (degrees turned -> homography) that the bubble grid fits about as well as this one.
    alternatives: dict[int, np.ndarray] = field(default_factory=dict)

    def to_dict(self, scale: float) -> dict[str, Any]:
        return {
            "method": self.method,
            "rotation": self.rotation,
            "points": [[round(x / scale, 1), round(y / scale, 1)] for x, y in self.points],
            **self.details,
        }


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
        if w <= 0 or h <= 0 or not 0.7 < w / h < 1.43:  # a photo in perspective foreshortens squares
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


class _NoPageFound(Exception):
    """The photo path of the corner-mark search found no page to look on."""


def align_corner_marks(
    grey: np.ndarray, template: Template, options: dict[str, Any], light: np.ndarray | None = None
) -> Alignment:
    """Corner marks on the whole image (scans: fast); when that fails, on the page found on the photo."""
    try:
        return _corner_marks(grey, template, options, light, on_page=False)
    except BadInput as whole_image:
        if str(whole_image).startswith("template:"):
            raise
        try:
            return _corner_marks(grey, template, options, light, on_page=True)
        except _NoPageFound:
            raise whole_image from None


def _corner_marks(
    grey: np.ndarray, template: Template, options: dict[str, Any], light: np.ndarray | None, on_page: bool
) -> Alignment:
    try:
        targets = np.array(options["centres"], dtype=np.float64).reshape(4, 2)
        mark_w, mark_h = (float(v) for v in options["size"])
        orient = options.get("orientationMark")
        orient_centre = (float(orient["centre"][0]), float(orient["centre"][1])) if orient else None
        orient_size = float(min(orient["size"])) if orient else 0.0
    except (KeyError, TypeError, ValueError):
        raise BadInput("template: CornerMarks needs centres (4 points) and size; orientationMark needs centre "
                       "and size") from None
    small, factor = _downscale(grey, fast=True)
    page = None
    if on_page:
        page = find_page(small, None if light is None or light is grey else _downscale(light, fast=True)[0])
        if page is None:
            raise _NoPageFound
    origin = np.zeros(2)
    if page is not None:
        # A photo: the card lies on a table. Marks are looked for on the card only (wood knots and grain
        # are dark squares too), at a resolution that fits the card rather than the whole photo.
        x0, y0 = np.maximum(0, page.corners.min(axis=0) / factor - 0.03 * max(grey.shape)).astype(int)
        x1, y1 = (page.corners.max(axis=0) / factor + 0.03 * max(grey.shape)).astype(int)
        x1, y1 = min(grey.shape[1], x1), min(grey.shape[0], y1)
        outline = page.corners / factor - [x0, y0]
        if (x1 - x0) * (y1 - y0) < 0.7 * grey.shape[0] * grey.shape[1]:
            grey = grey[y0:y1, x0:x1]
            origin = np.array([x0, y0], dtype=np.float64)
            small, factor = _downscale(grey, fast=True)
        else:
            outline = page.corners / factor
        outline = outline * factor
    page_long = max(template.page_width, template.page_height)
    # Expected side in detection pixels if the page fills the image; photos may show it smaller.
    expected = min(mark_w, mark_h) * max(small.shape) / page_long
    norm = flatten_background(small, kernel=int(expected * 3))
    cands = square_candidates(norm, small, expected)
    cands = cands[(cands[:, 2] > 0.3 * expected) & (cands[:, 2] < 1.6 * expected)]
    if page is not None and len(cands):
        inside = [cv2.pointPolygonTest(outline.astype(np.float32), (float(x), float(y)), True) > -2 * side
                  for x, y, side in cands]
        cands = cands[np.array(inside, dtype=bool)]
    if len(cands) < 4:
        raise BadInput("cannot align the sheet: the four corner marks were not found; " + NOT_THIS_CARD)
    if len(cands) > 14:
        cands = cands[np.argsort(-cands[:, 2])[:14]]
    best: tuple[float, np.ndarray] | None = None
    for combo in itertools.combinations(range(len(cands)), 4):
        chosen = cands[list(combo)]
        sides = chosen[:, 2]
        if sides.max() > 1.6 * sides.min():  # perspective on a phone photo makes near marks bigger
            continue
        area = _quad_area(_clockwise(chosen[:, :2]))
        if best is None or area > best[0]:
            best = (area, chosen)
    if best is None or best[0] < 0.15 * small.shape[0] * small.shape[1]:
        raise BadInput("cannot align the sheet: the corner marks do not span a card; " + NOT_THIS_CARD)
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
            raise BadInput("cannot align the sheet: the orientation mark beside the top-left corner is missing; "
                           + NOT_THIS_CARD)
        ordered = np.roll(corners, -int(order[0]), axis=0)
    # Card geometry check: opposite sides must keep the template's aspect within perspective tolerance.
    width = (np.linalg.norm(ordered[1] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[3])) / 2
    height = (np.linalg.norm(ordered[3] - ordered[0]) + np.linalg.norm(ordered[2] - ordered[1])) / 2
    t_width = np.linalg.norm(targets[1] - targets[0])
    t_height = np.linalg.norm(targets[3] - targets[0])
    ratio = (width / height) / (t_width / t_height)
    if not 0.75 < ratio < 1.33:
        raise BadInput("cannot align the sheet: the corner marks do not have this card's proportions; " + NOT_THIS_CARD)
    full = ordered / factor + origin
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
    """The page's four corners (TL, TR, BR, BL) in `grey` pixels, or None when no edge stands out from a
    darker background on all four sides (a white lid's lighting gradient is no page edge)."""
    page = find_page(grey)
    return None if page is None else page.corners


def align_crop_page(grey: np.ndarray, light: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, bool]:
    """Homography from `grey` pixels onto the page rect at the page's own size, that size, and whether a
    page outline was found (False: the image is taken as the page)."""
    small, factor = _downscale(grey)
    small_light = None if light is None or light is grey else _downscale(light)[0]
    page = find_page(small, small_light)
    if page is None:
        h, w = grey.shape[:2]
        return np.eye(3), np.array([w, h], dtype=np.float64), False
    quad = refine_corners(paper_map(grey, light), page.corners / factor, reach=0.012 * max(grey.shape) + 2)
    width = max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3]))
    height = max(np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1]))
    h = cv2.getPerspectiveTransform(quad.astype(np.float32), _rect(float(width), float(height)).astype(np.float32))
    return h.astype(np.float64), np.array([width, height]), True


def crop_page_or_reject(grey: np.ndarray, light: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, bool]:
    """`align_crop_page`, but a photo that shows a background and no page is rejected rather than read:
    the image is taken as the page only when its own border is paper (a flatbed scan, a tight crop)."""
    to_page, size, found = align_crop_page(grey, light)
    if not found:
        small = _downscale(grey)[0]
        small_light = None if light is None or light is grey else _downscale(light)[0]
        if not border_is_paper(small, small_light):
            raise BadInput(
                "cannot find the page on the photo, or the page does not match the template: no page edge stands "
                "out from the background on all four sides (photograph the whole page, flat, on a surface darker "
                "than the paper)"
            )
    return to_page, size, found


# ------------------------------------------------------------------------------------------- CropOnMarkers
def align_on_markers(page: np.ndarray, template: Template, options: dict[str, Any]) -> tuple[np.ndarray, list[Any]]:
    """Homography from `page` pixels to the rectangle of the four marker centres; and those centres."""
    rel = options.get("relativePath")
    if not isinstance(rel, str):
        raise BadInput("template: CropOnMarkers needs relativePath (the marker image)")
    marker = str(template.base_dir / rel)
    marker_image(marker)  # a missing or unreadable marker image is the template's fault: say so first
    ratio = float(options.get("sheetToMarkerWidthRatio", 17))
    match = find_markers(page, marker, ratio)
    if match is None:
        raise BadInput(
            "cannot align the sheet: the corner markers were not found; " + NOT_THIS_CARD
        )
    centres = match.centres
    width = max(np.linalg.norm(centres[1] - centres[0]), np.linalg.norm(centres[2] - centres[3]))
    height = max(np.linalg.norm(centres[3] - centres[0]), np.linalg.norm(centres[2] - centres[1]))
    if width < 0.3 * page.shape[1] or height < 0.3 * page.shape[0]:
        raise BadInput("cannot align the sheet: the corner markers found do not span the page; " + NOT_THIS_CARD)
    homography = cv2.getPerspectiveTransform(
        centres.astype(np.float32), _rect(template.page_width, template.page_height).astype(np.float32)
    )
    return homography.astype(np.float64), centres.tolist()


# ---------------------------------------------------------------------------------------------- entry point
# Bubble-grid fit (boxes darker than the paper around them). On the OMRChecker samples upright pages score
# -0.13..0.13 the right way (loose templates, grey column shading) and turned ones fit their own turn by
# 0.04-0.22 more than upright; an ID field on a document page can fit its turn up to 0.033 better. So a
# turn is taken when it fits clearly better than upright; every other way up that fits about as well as
# the chosen one (or better) is weighed again on the print shapes (fit.choose_turn), which tell the way up
# far more clearly, and the page is flagged `orientation` only when they cannot either.
TURN_MIN = 0.03  # a turn must fit at least this well
TURN_MARGIN = 0.04  # ... and this much better than upright
GRID_DOUBT = 0.02  # another way up within this of the chosen one is weighed again


def _grid_score(grey: np.ndarray, homography: np.ndarray, template: Template) -> float:
    """How much darker the template's bubble boxes are than the paper right around them, on average, with
    each block free to follow the print by up to a bubble (as the reader does; loose templates).

    On the right orientation the boxes sit on printed bubbles; turned, they mostly land on paper or text.
    """
    bubble = float(np.median(np.minimum(template.bw, template.bh)))
    k = min(8.0 / bubble, 700.0 / max(template.page_width, template.page_height))
    size = (max(8, round(template.page_width * k)), max(8, round(template.page_height * k)))
    warped = cv2.warpPerspective(grey, np.diag([k, k, 1.0]) @ homography, size, flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_REPLICATE)
    dark = cv2.bitwise_not(warped)  # 255 - x: uint8 never underflows
    dx, dy, _ = block_offsets(dark, template, k, bubble * k)
    # A printed bubble is darker than the paper right around it; text and blank paper are not.
    return float(np.mean(bubble_contrast(dark, template, k, dx, dy)))


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

    turned = best != 0 and scores[best] >= TURN_MIN and scores[best] >= scores[0] + TURN_MARGIN
    chosen = best if turned else 0
    doubtful = any(scores[r] > scores[chosen] - GRID_DOUBT for r in turns if r != chosen)
    points = quad.tolist()
    details = {
        "orientation_scores": {str(r * 90): round(v, 4) for r, v in scores.items()},
        "orientation_uncertain": doubtful,
    }
    rivals = {r * 90: homographies[r] for r in turns if r != chosen and scores[r] > scores[chosen] - GRID_DOUBT}
    return Alignment(homographies[chosen], method, chosen * 90, points, details, rivals)


def align(grey: np.ndarray, template: Template, light: np.ndarray | None = None) -> Alignment:
    """Find the template frame on the page (decoded-page pixels -> template units); `light` (the brightest
    colour channel) helps tell paper from a coloured table."""
    corner = template.preprocessor("CornerMarks")
    if corner is not None:
        return align_corner_marks(grey, template, corner, light)
    crop = template.preprocessor("CropPage")
    markers = template.preprocessor("CropOnMarkers")
    to_page = np.eye(3)
    size = np.array([grey.shape[1], grey.shape[0]], dtype=np.float64)
    method = []
    if crop is not None:
        to_page, size, found = crop_page_or_reject(grey, light)
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
    oriented = _orient(grey, quad, template, "+".join(method) or "whole image")
    candidates = {oriented.rotation: oriented.homography, **oriented.alternatives}
    details: dict[int, dict[str, Any]] = {turn: {} for turn in candidates}
    if template.preprocessor("BubbleGrid") is not None:
        for turn, homography in candidates.items():
            candidates[turn], details[turn] = refine_on_bubbles(grey, homography, template)
        oriented.method += "+BubbleGrid"
    # Where the bubble grid cannot tell the way up, the print shapes can (fit.py); they also refuse a page
    # of another card.
    turn, match, doubtful = choose_turn(grey, candidates, template)
    oriented.homography, oriented.rotation = candidates[turn], turn
    oriented.details.update(details[turn])
    oriented.details["orientation_uncertain"] = doubtful
    oriented.details["card_match"] = match.to_dict()
    oriented.alternatives = {}
    return oriented
