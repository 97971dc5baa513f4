"""The original scan of a sheet, warped onto its template's frame, for the teacher to judge a read.

Not the worker's annotated JPEG: that one is downscaled and its filled discs hide what the student
actually marked (a faint or half-filled bubble, an erasure). Here the page is decoded and aligned again
with the reader's own code (worker.omr.pages / align), so the bubbles of the template land where the
reader looked, and warped at the scan's full resolution (the reader decodes big PNG/JPEG scans at half
size; those are decoded again whole here). Runs on the caller's thread (the GUI calls
it from a pool thread); about as costly as aligning a page (tens of ms).
"""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np

from worker.errors import BadInput
from worker.omr.align import align
from worker.omr.pages import load_page
from worker.omr.template import Template


def warped_scan(image_path: str, page: int, template: Template) -> np.ndarray:
    """The grey page in the template's frame: (H, W) uint8, W / template.page_width pixels per unit.

    Raises ValueError (a teacher-readable reason) when the scan cannot be read or aligned any more.
    """
    try:
        decoded = load_page(image_path, page)
        alignment = align(decoded.grey, template)
    except BadInput as exc:
        raise ValueError(str(exc)) from None
    grey, homography = decoded.grey, alignment.homography
    if decoded.scale < 1.0 and Path(image_path).suffix.lower() in (".png", ".jpg", ".jpeg"):
        whole = cv2.imdecode(np.fromfile(image_path, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
        if whole is not None:  # same decoder, same orientation handling, twice the pixels each way
            # The factor from the two images: the decoder may have turned the page (EXIF orientation).
            factor = decoded.grey.shape[1] / whole.shape[1]
            grey, homography = whole, homography @ np.diag([factor, factor, 1.0])
    h, w = grey.shape[:2]
    # As many pixels as the scan has: its own resolution, neither blurred nor blown up.
    k = math.sqrt((w * h) / (template.page_width * template.page_height))
    size = (round(template.page_width * k), round(template.page_height * k))
    to_image = np.diag([k, k, 1.0]) @ homography
    return cv2.warpPerspective(grey, to_image, size, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)


__all__ = ["warped_scan"]
