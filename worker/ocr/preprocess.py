"""Page clean-up before tesseract: resolution, uneven background, deskew, binarisation, border.

Tesseract reads best at about 300 dpi, black text on a flat white background, lines horizontal and a
white margin around the text. Scans and phone photos of exam pages break each of these; `prepare_page`
fixes them and keeps the affine map back to the source image so every box is reported in source pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# 75th percentile of ink component heights on a 300 dpi exam page in 10.5-12.5 pt (Hangul syllables and
# jamo, digits): what "300 dpi" looks like when the file does not say its resolution.
REFERENCE_TEXT_HEIGHT = 34.0
BORDER = 24  # white margin added around the page; tesseract misreads text touching the edge
MAX_SKEW_DEGREES = 4.0
UNEVEN_BACKGROUND_SPREAD = 18  # grey levels between the light and dark parts of the paper


@dataclass(frozen=True)
class PreparedPage:
    """`binary`: text 0 on 255, deskewed, resolution-normalised, with a border. `to_source` maps its
    pixel coordinates (x, y, 1) to the source image's."""

    binary: np.ndarray
    to_source: np.ndarray  # 2x3 affine
    scale: float
    skew_degrees: float
    uneven_background: bool
    text_height: float  # estimated ink height in `binary` pixels
    gray: np.ndarray | None = None  # the flattened, deskewed grey page `binary` was thresholded from

    def box_to_source(self, box: tuple[int, int, int, int] | list[int]) -> list[int]:
        """[x, y, w, h] in `binary` pixels -> the axis-aligned [x, y, w, h] in source pixels."""
        x, y, w, h = box
        corners = np.array([[x, y, 1], [x + w, y, 1], [x, y + h, 1], [x + w, y + h, 1]], dtype=np.float64)
        moved = corners @ self.to_source.T
        x0, y0 = np.floor(moved.min(axis=0)).astype(int)
        x1, y1 = np.ceil(moved.max(axis=0)).astype(int)
        return [int(x0), int(y0), int(x1 - x0), int(y1 - y0)]


def estimate_text_height(gray: np.ndarray) -> float | None:
    """75th percentile height of ink components, or None when there is almost no text."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    keep = (heights >= 5) & (areas >= 12) & (heights < gray.shape[0] / 8) & (widths < gray.shape[1] / 4)
    if keep.sum() < 20:
        return None
    return float(np.percentile(heights[keep], 75))


def choose_scale(gray: np.ndarray, dpi: float | None) -> float:
    """Scale factor that brings the page to ~300 dpi: from the file's dpi when plausible, else from the
    size of its text (phone photos and many scanners write 72 or nothing)."""
    if dpi is not None and 100 <= dpi <= 1200 and dpi not in (72.0, 96.0):
        scale = 300.0 / dpi
    else:
        height = estimate_text_height(flatten_background(gray)[0])
        scale = REFERENCE_TEXT_HEIGHT / height if height else 1.0
    scale = float(np.clip(scale, 0.33, 3.0))
    return 1.0 if 0.9 <= scale <= 1.12 else scale  # near 300 dpi already: skip a lossy resample


def flatten_background(gray: np.ndarray, kernel_size: int = 9) -> tuple[np.ndarray, bool]:
    """Divide out the paper's brightness (shadows, vignetting). Returns the image and whether it was uneven.

    The background is estimated on a 1/8 image with a closing (removes text, keeps light falloff),
    which is far cheaper than a large median filter at full resolution. `kernel_size` (in 1/8 pixels)
    must exceed the thickest dark mark that is not background: 9 suits text; handwriting with solid
    scribbles needs more.
    """
    small = cv2.resize(gray, (max(1, gray.shape[1] // 8), max(1, gray.shape[0] // 8)),
                       interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kernel_size, kernel_size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 3)
    low, high = np.percentile(background, (2, 98))
    if high - low < UNEVEN_BACKGROUND_SPREAD:
        return gray, False
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    return flat, True


def estimate_skew(ink: np.ndarray) -> float:
    """Angle in degrees (counter-clockwise positive, as cv2.getRotationMatrix2D) that makes text lines
    horizontal: the rotation whose row profile is sharpest, searched coarse then fine on a 1/4 image."""
    small = cv2.resize(ink, (max(1, ink.shape[1] // 4), max(1, ink.shape[0] // 4)), interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    return float(max(fine, key=sharpness))


def binarise(gray: np.ndarray, offset: float = 0.0) -> np.ndarray:
    """Otsu on the flattened page; `offset` moves the threshold (negative: thinner strokes).
    (Blurring grainy scans first was tried: it merged the digits of ①–⑤ with their rings and lost
    more than it gained.)"""
    level, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    if offset:
        _, binary = cv2.threshold(gray, level + offset, 255, cv2.THRESH_BINARY)
    return binary


def prepare_page(gray: np.ndarray, dpi: float | None = None) -> PreparedPage:
    """Source grayscale page -> `PreparedPage` ready for tesseract and for circle detection."""
    source_to_page = np.eye(3)
    scale = choose_scale(gray, dpi)
    page = gray
    if scale != 1.0:
        interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        page = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interpolation)
        source_to_page = np.diag([scale, scale, 1.0]) @ source_to_page

    flat, uneven = flatten_background(page)
    quick = binarise(flat)
    angle = estimate_skew(255 - quick)
    if abs(angle) >= 0.15:
        h, w = flat.shape
        rotation = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        flat = cv2.warpAffine(flat, rotation, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                              borderValue=255)
        source_to_page = np.vstack([rotation, [0, 0, 1]]) @ source_to_page
    else:
        angle = 0.0
    flat = cv2.copyMakeBorder(flat, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)
    binary = binarise(flat)
    source_to_page = np.array([[1, 0, BORDER], [0, 1, BORDER], [0, 0, 1]], dtype=np.float64) @ source_to_page
    to_source = np.linalg.inv(source_to_page)[:2]
    height = estimate_text_height(binary) or REFERENCE_TEXT_HEIGHT
    return PreparedPage(binary=binary, to_source=to_source, scale=scale, skew_degrees=angle,
                        uneven_background=uneven, text_height=height, gray=flat)
