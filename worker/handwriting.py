"""The `handwriting_analysis` job: per answer region, is something written, how much, crossed out or erased.

For the teacher's review of written answers: it does not read the handwriting, it tells which answers
are blank, which were struck through or scribbled over, and which show erased pencil, so those can be
looked at first.

Payload: `image_path`, `regions` (optional list of {bbox [x, y, w, h], any other keys passed through});
without regions, the drawn answer boxes on the page are used, or the whole page.
Result: `regions` [{bbox, written, ink_ratio, crossed_out, erased, needs_review, ...}], `image_size`.
Runs on the claiming worker thread/process; progress and the cancel check happen per region.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from worker.context import JobContext
from worker.errors import BadInput, Cancelled
from worker.inputs import input_path, load_gray_image
from worker.ocr.preprocess import flatten_background
from worker.segmentation.frames import find_frames

INK_LEVEL = 130  # grey level (flattened page) under which a pixel is pen or dark pencil
FAINT_LEVEL = 215  # between INK_LEVEL and this: light graphite, what an eraser leaves behind
WRITTEN_INK_RATIO = 0.002  # of the region; less is dust, a dot or scan noise
ERASED_FAINT_RATIO = 0.01
BACKGROUND_KERNEL = 25  # 1/8-scale pixels (~200 px): wider than a scribbled-over answer, so it stays ink
INNER_MARGIN = 0.04  # of the region's size, dropped at each edge so the printed box outline is not ink


def _inner(region: np.ndarray) -> np.ndarray:
    h, w = region.shape
    dy, dx = max(2, int(h * INNER_MARGIN)), max(2, int(w * INNER_MARGIN))
    return region[dy: h - dy, dx: w - dx] if h > 2 * dy and w > 2 * dx else region


def _despeckle(mask: np.ndarray, min_area: int) -> np.ndarray:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    keep = np.zeros(count, bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    return np.asarray(keep[labels])


def _crossed_out(ink: np.ndarray) -> bool:
    """A long straight stroke through the middle of the writing (strike-through or an X), or writing
    so dense it has been scribbled over."""
    ys, xs = np.nonzero(ink)
    if len(xs) < 20:
        return False
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    width, height = x1 - x0 + 1, y1 - y0 + 1
    box = ink[y0: y1 + 1, x0: x1 + 1]
    if box.mean() > 0.45 and width * height > 400:
        return True  # scribbled over: nearly solid ink
    lines = cv2.HoughLinesP(box.astype(np.uint8) * 255, 1, np.pi / 180, threshold=max(20, width // 3),
                            minLineLength=max(15, int(0.7 * width)), maxLineGap=4)
    if lines is None:
        return False
    for lx0, ly0, lx1, ly1 in lines.reshape(-1, 4).tolist():
        middle = (ly0 + ly1) / 2
        angle = abs(np.degrees(np.arctan2(ly1 - ly0, lx1 - lx0)))
        angle = min(angle, 180 - angle)
        through_middle = 0.2 * height <= middle <= 0.8 * height
        if (angle < 15 and through_middle) or (20 <= angle <= 70 and abs(ly1 - ly0) > 0.5 * height):
            return True
    return False


def analyse_region(gray: np.ndarray) -> dict[str, Any]:
    """Ink measures of one region of a flattened page."""
    inner = _inner(gray)
    area = inner.size
    min_area = max(4, area // 20000)
    ink = _despeckle(inner < INK_LEVEL, min_area)
    faint = _despeckle((inner >= INK_LEVEL) & (inner < FAINT_LEVEL), max(min_area, 30)) & ~cv2.dilate(
        ink.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    ink_ratio = float(ink.mean())
    faint_ratio = float(faint.mean())
    written = ink_ratio >= WRITTEN_INK_RATIO
    crossed = written and _crossed_out(ink)
    erased = faint_ratio >= ERASED_FAINT_RATIO
    return {
        "written": written,
        "ink_ratio": round(ink_ratio, 5),
        "ink_pixels": int(ink.sum()),
        "crossed_out": crossed,
        "erased": erased,
        "erased_ratio": round(faint_ratio, 5),
        # Borderline amounts of ink are where a machine decision is least sure.
        "needs_review": crossed or erased or (WRITTEN_INK_RATIO / 2 <= ink_ratio < WRITTEN_INK_RATIO * 3),
    }


def handle_handwriting_analysis(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    path = input_path(payload, "image_path", ctx.allowed_dirs)
    gray, _ = load_gray_image(path)
    height, width = gray.shape
    flat, _ = flatten_background(gray, kernel_size=BACKGROUND_KERNEL)
    regions = payload.get("regions")
    source = "payload"
    if not regions:
        frames = find_frames(gray)
        regions = [{"bbox": f} for f in frames] or [{"bbox": [0, 0, width, height]}]
        source = "frames" if frames else "page"
    results = []
    for index, region in enumerate(regions):
        if ctx.cancelled():
            raise Cancelled("cancelled")
        x, y, w, h = (round(v) for v in region["bbox"])
        if x < 0 or y < 0 or x + w > width or y + h > height or w < 4 or h < 4:
            raise BadInput(f"regions[{index}].bbox {region['bbox']} is outside the {width}x{height} image")
        measures = analyse_region(flat[y: y + h, x: x + w])
        results.append({**{k: v for k, v in region.items() if k != "bbox"}, "bbox": [x, y, w, h], **measures})
        ctx.progress((index + 1) / len(regions), f"region {index + 1} of {len(regions)}")
    return {
        "regions": results,
        "region_source": source,
        "written_count": sum(r["written"] for r in results),
        "image_size": [width, height],
    }
