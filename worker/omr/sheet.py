"""One sheet end to end, without the job machinery: page -> alignment -> fills -> decisions.

Used by the job handler, the benchmark and the tests, so all three measure the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from core.job_types import DoubleMark
from worker.errors import BadInput
from worker.omr.align import Alignment, align, flatten_background
from worker.omr.pages import Page
from worker.omr.read import FieldRead, bubble_fills, bubble_quarters, column_values, decide_fields
from worker.omr.refine import BlockFit, block_offsets, follow_print
from worker.omr.template import Template

BUBBLE_PX = 20.0  # bubbles are read at about this many pixels across, whatever the scan resolution
STROKE_FRACTION = 0.2  # strokes thinner than this fraction of a bubble are print, not marks
CARD_REACH = 0.25  # largest block shift on ScanDesk cards, in bubbles
LOOSE_REACH = 1.0  # ... on OMRChecker templates, which are often drawn loosely
FINE_REACH = 0.35  # ... and from where the print puts such a block, to follow its marks
STRAINED_SHIFT = 0.75  # a block whose boxes moved this many bubbles to meet the print is a doubtful fit


@dataclass
class SheetRead:
    alignment: Alignment
    scale: float  # working pixels per template unit
    warped: np.ndarray  # the page in the template frame (light channel) at `scale`
    fields: list[FieldRead]
    columns: dict[str, dict[str, Any]]
    dx: np.ndarray | int = 0  # per-bubble local shifts in working pixels
    dy: np.ndarray | int = 0
    content_flags: list[str] = field(default_factory=list)  # from the marks: `blank_sheet`

    @property
    def sheet_flags(self) -> list[str]:
        """Doubts about the whole page: `orientation` when another way up fitted the bubble grid better,
        `blank_sheet` when nothing on it is marked."""
        turned = ["orientation"] if self.alignment.details.get("orientation_uncertain") else []
        return [*turned, *self.content_flags]

    @property
    def flagged_columns(self) -> list[str]:
        return [*self.sheet_flags, *(name for name, col in self.columns.items() if col["flags"])]


def working_scale(template: Template) -> float:
    bubble = float(np.median(np.minimum(template.bw, template.bh)))
    return float(np.clip(BUBBLE_PX / bubble, 0.05, 2.0))


def _apply_filters(image: np.ndarray, template: Template, scale: float) -> np.ndarray:
    for step in template.preprocessors:
        name = step.get("name")
        options = step.get("options") or {}
        if name == "Levels":
            low = float(options.get("low", 0.0)) * 255
            high = float(options.get("high", 1.0)) * 255
            gamma = float(options.get("gamma", 1.0))
            lut = np.clip((np.arange(256) - low) / max(high - low, 1.0), 0, 1) ** (1.0 / gamma) * 255
            image = cv2.LUT(image, lut.astype(np.uint8))
        elif name == "GaussianBlur":
            k = int(options.get("kSize", [3, 3])[0]) | 1
            image = cv2.GaussianBlur(image, (k, k), float(options.get("sigmaX", 0)))
        elif name == "MedianBlur":
            image = cv2.medianBlur(image, int(options.get("kSize", 5)) | 1)
    return image


def _check_form(darkness: np.ndarray, template: Template, scale: float) -> None:
    """ScanDesk cards carry a form code (dark/light cells); a card of another template fails here."""
    options = template.preprocessor("CornerMarks") or {}
    code = options.get("formCode")
    if not code:
        return
    cells = np.asarray(code["cells"], dtype=np.float64)  # x, y, w, h in template units
    pattern = str(code["pattern"])
    means = []
    for x, y, w, h in cells:
        x0, y0 = int((x + 0.2 * w) * scale), int((y + 0.2 * h) * scale)
        x1, y1 = int((x + 0.8 * w) * scale) + 1, int((y + 0.8 * h) * scale) + 1
        means.append(float(darkness[y0:y1, x0:x1].mean()) / 255.0)
    bits = "".join("1" if m > 0.5 else "0" for m in means)
    if bits != pattern:
        name = template.path.stem
        raise BadInput(
            f"this sheet is not a {name} card: its form code does not match the template; pick the right template"
        )


def read_sheet(page: Page, template: Template, double_mark: DoubleMark = DoubleMark.REVIEW) -> SheetRead:
    alignment = align(page.grey, template, page.light)
    scale = working_scale(template)
    width = round(template.page_width * scale)
    height = round(template.page_height * scale)
    to_work = np.diag([scale, scale, 1.0]) @ alignment.homography
    warped = cv2.warpPerspective(
        page.light, to_work, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    warped = _apply_filters(warped, template, scale)
    bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * scale
    # Closing (max then min filter) erases thin dark strokes: printed digits and letters inside bubbles,
    # bubble outlines and stray pencil lines. Shaded areas (pencil fill, sign pen) are wider and stay.
    stroke = max(3, int(bubble_px * STROKE_FRACTION) | 1)
    closed = cv2.morphologyEx(warped, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (stroke, stroke)))
    darkness = cv2.bitwise_not(flatten_background(closed, kernel=int(bubble_px * 2.5)))  # uint8, 255 = black
    _check_form(darkness, template, scale)
    # Boxes follow the print locally: ScanDesk cards are registered on four marks and drawn by their own
    # renderer, so a block moves only a little and only for a clear gain of ink; OMRChecker templates are
    # often drawn loosely, so each block snaps to the printed bubbles nearest to where it is drawn.
    ink = cv2.bitwise_not(warped)
    if template.preprocessor("CornerMarks") is not None:
        fit = BlockFit(*block_offsets(ink, template, scale, CARD_REACH * bubble_px), frozenset())
    else:
        fit = follow_print(ink, template, scale, LOOSE_REACH * bubble_px, FINE_REACH * bubble_px)
    dx, dy, moved = fit.dx, fit.dy, fit.moved
    if moved:
        alignment.details["block_shifts_px"] = moved
    fills = bubble_fills(darkness, template, scale, dx, dy)
    quarters = bubble_quarters(darkness, template, scale, dx, dy)
    strained = fit.doubtful | frozenset(
        block for block, (sx, sy) in moved.items() if float(np.hypot(sx, sy)) >= STRAINED_SHIFT * bubble_px
    )
    fields, content_flags = decide_fields(fills, template, double_mark, quarters, strained)
    for fld, read in zip(template.fields, fields, strict=True):
        # A block whose print fits as well one row or column over may be read from the wrong bubbles,
        # blanks included: a person looks.
        if fld.block in fit.doubtful and "low_confidence" not in read.flags:
            read.flags = sorted({*read.flags, "low_confidence"})
            read.reasons = [*read.reasons, "off_grid"]
    return SheetRead(alignment, scale, warped, fields, column_values(template, fields), dx, dy, content_flags)
