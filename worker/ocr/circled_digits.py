"""Circled choice numbers ①–⑤: found with OpenCV, read by template matching, kept out of tesseract.

Tesseract's Korean model reads ① as `0`, `(1)`, `@` or drops it. On an exam page a circled number is a
thin closed ring about one character high with a single digit inside, which contour geometry finds
reliably; the digit is then matched against digits rendered from the fonts on this machine (or Pillow's
built-in font), plain and thickened, with its aspect kept so a narrow `1` stays distinct. Rings are
looked for at three binarisation thresholds, since blur or bold type closes the gap between digit and
ring at one level and faint print opens the ring at another. The caller blanks the circles before
running tesseract and splices the characters back in at their positions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from core.bundle import font_paths

CIRCLED = {1: "①", 2: "②", 3: "③", 4: "④", 5: "⑤"}
TEMPLATE_SIZE = 24
MIN_MATCH = 0.5  # correlation below which the thing in the ring is not a digit 1-5 (a letter, a smudge)
INNER_FRACTION = 0.74  # of the ring's outer diameter: inside the stroke of the ring at scan resolutions

# Fonts whose digits resemble those of Korean exam pages; any that exist are used, each file name once
# (the installed app carries its own copies of the first ones).
_FONT_CANDIDATES = (
    *font_paths("NanumGothic.ttf", "NanumMyeongjo.ttf"),
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumSquareR.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    "/usr/share/fonts/truetype/nanum/NanumMyeongjoBold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "C:/Windows/Fonts/malgun.ttf",
    "C:/Windows/Fonts/batang.ttc",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
    "/Library/Fonts/Arial.ttf",
)


@dataclass(frozen=True)
class CircledDigit:
    digit: int
    box: tuple[int, int, int, int]  # x, y, w, h of the ring in page pixels
    score: float  # template correlation, 0..1

    @property
    def char(self) -> str:
        return CIRCLED[self.digit]


def normalise_glyph(ink: np.ndarray) -> np.ndarray | None:
    """Crop ink (255 on 0) to its bounding box and fit it, aspect kept, centred in a square."""
    ys, xs = np.nonzero(ink)
    if len(xs) < 4:
        return None
    crop = ink[ys.min(): ys.max() + 1, xs.min(): xs.max() + 1]
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), np.uint8)
    square[(side - h) // 2: (side - h) // 2 + h, (side - w) // 2: (side - w) // 2 + w] = crop
    resized = cv2.resize(square, (TEMPLATE_SIZE, TEMPLATE_SIZE), interpolation=cv2.INTER_AREA)
    return resized.astype(np.float32)


@cache
def digit_templates() -> tuple[tuple[int, np.ndarray], ...]:
    """Digits 1-5 rendered in every available font, normalised like the digits cut out of rings."""
    fonts: list[ImageFont.FreeTypeFont | ImageFont.ImageFont] = []
    seen: set[str] = set()
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).name not in seen and Path(candidate).exists():
            seen.add(Path(candidate).name)
            try:
                fonts.append(ImageFont.truetype(candidate, 64))
            except OSError:
                continue
    fonts.append(ImageFont.load_default(size=64))  # always there, so classification never lacks templates
    templates = []
    for font in fonts:
        for digit in CIRCLED:
            canvas = Image.new("L", (96, 96), 0)
            ImageDraw.Draw(canvas).text((16, 8), str(digit), font=font, fill=255)
            rendered = (np.asarray(canvas) > 127).astype(np.uint8) * 255
            # Also as a blurred or over-inked scan prints it: strokes thickened.
            for thickening in (0, 5):
                shape = cv2.dilate(rendered, np.ones((thickening, thickening), np.uint8)) if thickening else rendered
                glyph = normalise_glyph(shape)
                if glyph is not None:
                    templates.append((digit, glyph))
    return tuple(templates)


def _unit(vectors: np.ndarray) -> np.ndarray:
    """Rows centred and scaled to length 1, so a dot product is their Pearson correlation
    (what cv2.TM_CCOEFF_NORMED computes for two images of one size)."""
    centred = vectors - vectors.mean(axis=-1, keepdims=True)
    norms = np.linalg.norm(centred, axis=-1, keepdims=True)
    return np.asarray(centred / np.maximum(norms, 1e-6))


@cache
def _template_matrix() -> tuple[np.ndarray, np.ndarray]:
    templates = digit_templates()
    digits = np.array([digit for digit, _ in templates])
    return digits, _unit(np.stack([glyph.ravel() for _, glyph in templates]))


def classify_digit(ink: np.ndarray) -> tuple[int, float] | None:
    """The digit 1-5 that `ink` (255 on 0) looks like, and the correlation; None if it is no digit."""
    glyph = normalise_glyph(ink)
    if glyph is None:
        return None
    digits, matrix = _template_matrix()
    scores = matrix @ _unit(glyph.ravel())
    best = int(np.argmax(scores))
    if scores[best] < MIN_MATCH:
        return None
    return int(digits[best]), float(scores[best])


def find_circled_digits(binary: np.ndarray, text_height: float) -> list[CircledDigit]:
    """Rings with one digit inside, about one text line high, in a page with text 0 on 255."""
    ink = 255 - binary
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_TREE, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return []
    tree = hierarchy[0]
    smallest, largest = 0.9 * text_height, 2.2 * text_height
    found: list[CircledDigit] = []
    for index, contour in enumerate(contours):
        x, y, w, h = cv2.boundingRect(contour)
        if not (smallest <= h <= largest and 0.8 <= w / h <= 1.25):
            continue
        if tree[index][3] != -1 and _depth(tree, index) % 2 == 1:
            continue  # a hole, not an ink outline
        area = cv2.contourArea(contour)
        ellipse_area = np.pi * w * h / 4
        perimeter = cv2.arcLength(contour, True)
        if not (0.85 <= area / ellipse_area <= 1.12) or 4 * np.pi * area / perimeter**2 < 0.7:
            continue
        # All holes together: a digit touching the ring (bold or blurred print) splits the inside in two.
        if _hole_area(contours, tree, index) < 0.4 * area:
            continue  # a filled blob or a thick "O", not a thin ring
        # The digit is what lies well inside the ring. An ellipse rather than the hole's outline: in
        # serif fonts the digit often touches the ring and would otherwise be cut off with it.
        inside = np.zeros((h, w), np.uint8)
        cv2.ellipse(inside, (w // 2, h // 2), (int(w * INNER_FRACTION / 2), int(h * INNER_FRACTION / 2)),
                    0, 0, 360, 255, thickness=cv2.FILLED)
        digit_ink = _main_strokes(cv2.bitwise_and(ink[y: y + h, x: x + w], inside))
        if not _looks_like_one_glyph(digit_ink, w, h):
            continue  # empty ring: ㅇ, o, O, 0
        match = classify_digit(digit_ink)
        if match is not None:
            found.append(CircledDigit(digit=match[0], box=(x, y, w, h), score=match[1]))
    return _drop_nested(found)


def _depth(tree: np.ndarray, index: int) -> int:
    depth = 0
    while tree[index][3] != -1:
        index = tree[index][3]
        depth += 1
    return depth


def _main_strokes(ink: np.ndarray) -> np.ndarray:
    """The digit without specks: noise and bits of the ring inside the ellipse would stretch the crop
    that the templates are compared with. Pieces of a digit broken by a faint scan are kept: only parts
    smaller than ~1% of the ring go."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 2:
        return ink
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.zeros(count, bool)
    keep[1:] = areas >= max(3.0, SPECK_FRACTION * ink.size)
    return np.where(keep[labels], ink, 0).astype(np.uint8)


def _hole_area(contours: Sequence[np.ndarray], tree: np.ndarray, index: int) -> float:
    total, child = 0.0, tree[index][2]
    while child != -1:
        total += cv2.contourArea(contours[child])
        child = tree[child][0]
    return total


def _looks_like_one_glyph(digit_ink: np.ndarray, ring_width: int, ring_height: int) -> bool:
    """A digit inside a ring is narrow and well clear of it; the inner edge of a thick `o` or `ㅇ`
    caught by the inner ellipse spans nearly its whole width instead."""
    ys, xs = np.nonzero(digit_ink)
    if len(xs) < 6:
        return False
    height = ys.max() - ys.min() + 1
    width = xs.max() - xs.min() + 1
    return bool(0.3 * ring_height <= height <= 0.8 * ring_height and width <= 0.6 * ring_width)


def _drop_nested(found: list[CircledDigit]) -> list[CircledDigit]:
    """A double ring would be found twice; keep the outer one."""
    found.sort(key=lambda mark: -mark.box[2] * mark.box[3])
    kept: list[CircledDigit] = []
    for mark in found:
        x, y, w, h = mark.box
        cx, cy = x + w / 2, y + h / 2
        if not any(k.box[0] <= cx <= k.box[0] + k.box[2] and k.box[1] <= cy <= k.box[1] + k.box[3] for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda mark: (mark.box[1], mark.box[0]))


SPECK_FRACTION = 0.008  # of the ring's box: smaller ink inside it is noise, not part of a digit
THRESHOLD_OFFSETS = (0.0, -12.0, -25.0)  # Otsu, then thinner strokes: bold or blurred print fills rings


def find_circled_digits_multi(gray: np.ndarray, text_height: float) -> list[CircledDigit]:
    """Circled digits found at several binarisation thresholds, merged (the best match per place).

    One threshold does not fit every scan: blur and bold type merge the digit with its ring at Otsu's
    level, while faint print breaks the ring at a stricter one. Each threshold costs ~0.1 s a page.
    """
    found: list[CircledDigit] = []
    level, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    for offset in THRESHOLD_OFFSETS:
        _, binary = cv2.threshold(gray, level + offset, 255, cv2.THRESH_BINARY)
        found.extend(find_circled_digits(binary, text_height))
    found.sort(key=lambda mark: -mark.score)
    kept: list[CircledDigit] = []
    for mark in found:
        x, y, w, h = mark.box
        cx, cy = x + w / 2, y + h / 2
        if not any(k.box[0] <= cx <= k.box[0] + k.box[2] and k.box[1] <= cy <= k.box[1] + k.box[3] for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda mark: (mark.box[1], mark.box[0]))


def blank_out(binary: np.ndarray, marks: list[CircledDigit], pad: int = 2) -> np.ndarray:
    """A copy of the page with the rings painted white, so tesseract does not read them as text."""
    cleaned = binary.copy()
    for mark in marks:
        x, y, w, h = mark.box
        cleaned[max(0, y - pad): y + h + pad, max(0, x - pad): x + w + pad] = 255
    return cleaned
