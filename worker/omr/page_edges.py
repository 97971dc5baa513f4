"""The page on a photo: the paper's quadrilateral against whatever it lies on (table, mat, scanner lid).

Paper is bright and colourless; wood, mats and most desks are darker or coloured, so pages are found on
a "paper" map (brightness minus twice the colour). Several binarisations propose outlines (global Otsu,
Otsu within shadows by a local threshold, edges), each is reduced to a convex quadrilateral, and each
quadrilateral is judged along its four sides: the paper just inside must be clearly brighter than what is
just outside, side by side, which a wood grain, a shadow edge or a printed frame on the page does not
achieve on all four sides. The largest quadrilateral that passes is the page.

When none passes, the image is taken as the page only if its border is itself paper (a flatbed scan or a
tight crop); otherwise the page is not found, and the caller rejects the photo rather than reading the
table as a card.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_AREA = 0.12  # page share of the photo
MAX_AREA = 0.985
SIDE_CONTRAST = 14.0  # paper-map levels: inside brighter than outside, on the weakest side
SIDE_SHARE = 0.7  # share of each side's samples that must show the step
BORDER_PAPER = 0.8  # share of the image border that must be paper for "the image is the page"
PAPER_LEVEL = 130  # paper-map level below which nothing is white paper (oak ~50, grey desk ~110, paper 170+)


@dataclass
class PageQuad:
    corners: np.ndarray  # TL, TR, BR, BL in the given image's pixels
    contrast: float  # the weakest side's median step (paper-map levels)


def order_corners(points: np.ndarray) -> np.ndarray:
    """TL, TR, BR, BL of four points of an upright-ish quadrilateral."""
    pts = np.asarray(points, dtype=np.float64)
    sums = pts.sum(axis=1)
    diffs = pts[:, 1] - pts[:, 0]
    return np.array([pts[np.argmin(sums)], pts[np.argmin(diffs)], pts[np.argmax(sums)], pts[np.argmax(diffs)]])


def paper_map(grey: np.ndarray, light: np.ndarray | None) -> np.ndarray:
    """uint8: bright and colourless = high. `light` is the brightest colour channel (None for grey)."""
    if light is None or light is grey:
        return grey
    chroma = cv2.subtract(light, grey)
    return cv2.subtract(grey, cv2.add(chroma, chroma))


def _quad_of(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.015, 0.02, 0.03, 0.04, 0.06):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return order_corners(approx.reshape(4, 2).astype(np.float64))
    area = cv2.contourArea(hull)
    (_, (w, h), _) = rect = cv2.minAreaRect(hull)
    if w * h > 0 and area / (w * h) > 0.9:
        return order_corners(cv2.boxPoints(rect).astype(np.float64))
    return None


def _quad_area(pts: np.ndarray) -> float:
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _plausible(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    h, w = shape[:2]
    area = _quad_area(quad)
    if not MIN_AREA * w * h <= area <= MAX_AREA * w * h:
        return False
    for i in range(4):  # convex, corners between 45 and 135 degrees
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        if abs(cos) > 0.72:
            return False
    sides = [np.linalg.norm(quad[(i + 1) % 4] - quad[i]) for i in range(4)]
    return bool(min(sides) > 0.15 * max(sides))


def _sample(paper: np.ndarray, points: np.ndarray) -> np.ndarray:
    h, w = paper.shape
    xy = np.clip(np.round(points), 0, [w - 1, h - 1]).astype(int)
    return np.asarray(paper[xy[:, 1], xy[:, 0]], dtype=np.float64)


def side_contrast(paper: np.ndarray, quad: np.ndarray) -> float:
    """The weakest side's step from just outside to just inside (paper-map levels); sides lying on the
    image border count as failed: a page running off the photo is not a page found.

    Inside, the brightest of three depths counts (a printed frame or a coloured strip may run along the
    edge); outside, the median of two (wood grain, shadow)."""
    h, w = paper.shape
    centre = quad.mean(axis=0)
    unit = max(h, w)
    weakest = np.inf
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        points = a + (b - a) * np.linspace(0.1, 0.9, 24)[:, None]
        direction = b - a
        normal = np.array([-direction[1], direction[0]]) / (np.linalg.norm(direction) + 1e-9)
        if np.dot(centre - (a + b) / 2, normal) < 0:
            normal = -normal  # pointing into the page
        far_out = points - normal * 0.025 * unit
        on_image = (far_out[:, 0] >= 0) & (far_out[:, 0] < w) & (far_out[:, 1] >= 0) & (far_out[:, 1] < h)
        if on_image.mean() < 0.5:
            return 0.0
        points = points[on_image]
        inside = np.max([_sample(paper, points + normal * d * unit) for d in (0.008, 0.016, 0.03)], axis=0)
        outside = np.median([_sample(paper, points - normal * d * unit) for d in (0.012, 0.025)], axis=0)
        steps = inside - outside
        if np.mean(steps > SIDE_CONTRAST * 0.5) < SIDE_SHARE:
            return 0.0
        weakest = min(weakest, float(np.median(steps)))
    return float(weakest)


def _candidates(paper: np.ndarray) -> list[np.ndarray]:
    h, w = paper.shape
    k = max(5, int(0.015 * max(h, w)) | 1)
    smooth = cv2.medianBlur(paper, k if k <= 255 else 255)  # wood grain and print out, edges kept
    binaries = []
    _, otsu = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    binaries.append(otsu)
    block = max(31, int(0.25 * max(h, w)) | 1)
    binaries.append(cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -8))
    edges = cv2.Canny(smooth, 20, 60)
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    binaries.append(edges)
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (k * 2 + 1, k * 2 + 1))
    quads = []
    for index, binary in enumerate(binaries):
        if index < 2:
            binary = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, close)
            binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, close)
        contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
            if cv2.contourArea(cv2.convexHull(contour)) < MIN_AREA * h * w:
                break
            quad = _quad_of(contour)
            if quad is not None:
                quads.append(quad)
    return quads


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Crossing of two lines given as (vx, vy, x0, y0)."""
    matrix = np.array([[a[0], -b[0]], [a[1], -b[1]]])
    if abs(np.linalg.det(matrix)) < 1e-9:
        return None
    t = np.linalg.solve(matrix, np.array([b[2] - a[2], b[3] - a[3]]))
    return np.array([a[2] + t[0] * a[0], a[3] + t[0] * a[1]])


def refine_corners(paper: np.ndarray, quad: np.ndarray, reach: float) -> np.ndarray:
    """Corners to sub-pixel precision on `paper` (full resolution): along each side, the strongest
    dark-to-bright step across the side within `reach` px, a robust line through those steps, and the
    lines' crossings. A side without a clear step keeps the given corners."""
    h, w = paper.shape
    centre = quad.mean(axis=0)
    offsets = np.arange(-reach, reach + 1.0)
    lines: list[np.ndarray | None] = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        direction = b - a
        normal = np.array([-direction[1], direction[0]]) / (np.linalg.norm(direction) + 1e-9)
        if np.dot(centre - (a + b) / 2, normal) < 0:
            normal = -normal
        points = a + direction * np.linspace(0.08, 0.92, 40)[:, None]
        grid = points[:, None, :] + offsets[None, :, None] * normal[None, None, :]
        xs = grid[..., 0].astype(np.float32)
        ys = grid[..., 1].astype(np.float32)
        sampled = cv2.remap(paper, xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE).astype(np.float32)
        profile = np.asarray(cv2.GaussianBlur(sampled, (5, 1), 0), dtype=np.float32)
        step = np.zeros_like(profile)
        step[:, 2:-2] = profile[:, 4:] - profile[:, :-4]
        best = np.argmax(step, axis=1)
        strong = step[np.arange(len(best)), best] > SIDE_CONTRAST
        if strong.sum() < 10:
            lines.append(None)
            continue
        found = points[strong] + offsets[best[strong]][:, None] * normal
        inside = (found[:, 0] >= 0) & (found[:, 0] < w) & (found[:, 1] >= 0) & (found[:, 1] < h)
        line = cv2.fitLine(found[inside].astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append(line.astype(np.float64))
    found_lines = [line for line in lines if line is not None]
    if len(found_lines) < 4:
        return quad
    corners = [_intersect(found_lines[i - 1], found_lines[i]) for i in range(4)]  # corner i: sides i-1 and i
    if any(c is None for c in corners):
        return quad
    refined = np.array(corners)
    if float(np.abs(refined - quad).max()) > 2 * reach:
        return quad  # the lines ran off somewhere else: keep what the outline said
    return refined


def find_page(grey: np.ndarray, light: np.ndarray | None = None) -> PageQuad | None:
    """The page's quadrilateral, or None when no outline stands out from its surroundings on all sides."""
    paper = paper_map(grey, light)
    best: PageQuad | None = None
    for quad in _candidates(paper):
        if not _plausible(quad, paper.shape):
            continue
        contrast = side_contrast(paper, quad)
        if contrast < SIDE_CONTRAST:
            continue
        if best is None or _quad_area(quad) > _quad_area(best.corners):
            best = PageQuad(quad, contrast)
    return best


def border_is_paper(grey: np.ndarray, light: np.ndarray | None = None) -> bool:
    """True when the image's outer band is paper like its brightest part: the image is the page itself."""
    paper = paper_map(grey, light)
    h, w = paper.shape
    band = max(2, int(0.02 * min(h, w)))
    ring = np.concatenate([paper[:band].ravel(), paper[-band:].ravel(), paper[:, :band].ravel(), paper[:, -band:].ravel()])
    level = float(np.percentile(paper, 90))
    if level < PAPER_LEVEL:
        return False  # nothing on the image is white paper: a table, a dark or coloured surface
    return bool(np.mean(ring > max(0.72 * level, PAPER_LEVEL)) >= BORDER_PAPER)
