"""Does the template's bubble grid sit on this page's printed bubbles?

A printed bubble (its outline, or the mark filling it) makes the template's box darker than the paper
just around it; text, rules and blank paper do not, box after box. The share of boxes that do is the
page's fit: it tells the right card from another card, a question paper or an empty page, and the right
way up from a page turned by 180 degrees.
"""

from __future__ import annotations

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.align import flatten_background
from worker.omr.refine import bubble_contrast
from worker.omr.template import Template

PRINTED = 0.035  # box darker than its ring by this much (0-1 darkness) = a printed bubble is there
# Right cards put 25-100 % of the boxes on printed bubbles (loose OMRChecker templates the fewest); an
# empty page none, a question paper ~10-30 %. Below this share the page is refused.
MIN_FIT = 0.12


def print_fit(contrast: np.ndarray) -> float:
    """Share of the template's bubbles that sit on something printed like a bubble (0-1)."""
    return float(np.mean(contrast > PRINTED)) if contrast.size else 0.0


def check_print_fit(
    grey: np.ndarray,
    to_work: np.ndarray,
    template: Template,
    scale: float,
    dx: np.ndarray | int = 0,
    dy: np.ndarray | int = 0,
) -> float:
    """The page's fit (see module doc) on its grey image, where coloured print shows; raises BadInput when
    the template's bubbles do not sit on printed bubbles (an empty page, a page of text)."""
    size = (round(template.page_width * scale), round(template.page_height * scale))
    warped = cv2.warpPerspective(grey, to_work, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    bubble_px = float(np.median(np.maximum(template.bw, template.bh))) * scale
    ink = cv2.bitwise_not(flatten_background(warped, kernel=int(bubble_px * 2.5)))
    fit = print_fit(bubble_contrast(ink, template, scale, dx, dy))
    if fit < MIN_FIT:
        raise BadInput(
            f"this page does not match the template {template.path.stem}: only {fit:.0%} of the template's "
            "bubbles sit on printed bubbles (another card, a question paper or an empty page?)"
        )
    return fit
