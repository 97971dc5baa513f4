"""Answer cards of our own design, blank and filled, "scanned" (for the template detection tests).

Written apart from worker/omr/render.py and from the detector: cards are laid out in millimetres on A4
with OpenCV drawing, and the truth (every question's bubble centres and which one a student filled) comes
from this layout, never from a template. Scans add skew, a little perspective, a lighting gradient, blur,
noise and JPEG; cards without corner marks lie on a darker scanner lid so the page edge shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

PAGE_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Layout:
    name: str
    questions: int
    choices: int
    per_block: int  # questions in one block
    vertical: bool = False  # choices run down and questions across
    id_digits: int = 0
    corner_marks: bool = True
    orientation_mark: bool = True
    bubble_mm: tuple[float, float] = (4.2, 4.2)
    pitch_mm: tuple[float, float] = (6.0, 6.8)  # between choices, between questions
    digits_inside: bool = True
    block_columns: int = 0  # 0: as many columns of blocks as fit side by side (horizontal), 1 for vertical
    dpi: int = 200
    capsules: bool = False  # pill-shaped bubbles (two half circles joined by straight sides)
    id_across: bool = False  # student number digits 0-9 run across, one row per digit position
    ink: int = 30  # grey level of the bubbles' print (pale colours scan as a light grey)


LAYOUTS = [
    Layout("q20_c5_id8_marks", 20, 5, 10, id_digits=8, dpi=200),
    Layout("q30_c4_edge", 30, 4, 10, corner_marks=False, bubble_mm=(4.8, 3.4), dpi=150, digits_inside=False),
    Layout("q45_c5_id6_marks_no_orient", 45, 5, 15, id_digits=6, orientation_mark=False, dpi=300),
    Layout("q100_c5_id8_marks", 100, 5, 25, id_digits=8, bubble_mm=(3.6, 3.6), pitch_mm=(5.2, 6.0), dpi=200),
    Layout("q20_c4_vertical_id7", 20, 4, 10, vertical=True, id_digits=7, pitch_mm=(6.2, 6.8), dpi=240),
    Layout("q30_c5_vertical_edge", 30, 5, 10, vertical=True, corner_marks=False, dpi=200),
    Layout("q45_c4_id5_edge", 45, 4, 15, id_digits=5, corner_marks=False, bubble_mm=(5.0, 3.6), dpi=180),
    Layout("q100_c4_vertical_marks", 100, 4, 20, vertical=True, bubble_mm=(3.8, 3.8), pitch_mm=(5.6, 6.0),
           dpi=200),
    Layout("q30_c4_id6_across", 30, 4, 15, id_digits=6, id_across=True, dpi=200),
    Layout("q30_c5_id8_pale_print", 30, 5, 15, id_digits=8, ink=215, dpi=150),
    Layout("q40_c5_id8_capsules", 40, 5, 20, id_digits=8, capsules=True, bubble_mm=(5.0, 2.8),
           pitch_mm=(6.6, 5.4), dpi=200, digits_inside=False),
]


@dataclass
class Card:
    """Bubble centres in millimetres: questions[n] = [(x, y) per choice], id_columns[d] = [(x, y) per digit]."""

    layout: Layout
    questions: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    id_columns: list[list[tuple[float, float]]] = field(default_factory=list)
    corner_centres: list[tuple[float, float]] = field(default_factory=list)
    texts: list[tuple[str, tuple[float, float], float]] = field(default_factory=list)  # text, at, height mm
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


def plan(layout: Layout) -> Card:
    """Where everything goes on the page (mm)."""
    card = Card(layout)
    px, py = layout.pitch_mm
    margin = 14.0
    card.texts.append(("MONTHLY TEST", (70.0, 22.0), 6.0))
    card.texts.append(("NAME", (70.0, 38.0), 4.0))
    card.boxes.append((90.0, 32.0, 190.0, 42.0))
    top = 30.0
    if layout.id_digits:
        card.texts.append(("STUDENT NO.", (margin + 2, top + 4), 3.5))
        if layout.id_across:
            for d in range(layout.id_digits):
                card.id_columns.append([(margin + 6 + k * 6.0, top + 12 + d * 6.0) for k in range(10)])
            top = max(top + 12 + (layout.id_digits - 1) * 6.0 + 12, 60.0)
        else:
            for d in range(layout.id_digits):
                card.id_columns.append([(margin + 6 + d * 6.0, top + 12 + k * 6.0) for k in range(10)])
            top = max(top + 12 + 9 * 6.0 + 12, 60.0)
    else:
        top = 60.0
    blocks = -(-layout.questions // layout.per_block)
    number = 1
    if not layout.vertical:
        block_w = (layout.choices - 1) * px + 22.0
        columns = layout.block_columns or blocks
        gap = (PAGE_MM[0] - 2 * margin - 10 - columns * block_w) / max(1, columns - 1)
        gap = min(gap, 30.0)
        for b in range(blocks):
            col, row = b % columns, b // columns
            x0 = margin + 14 + col * (block_w + gap)
            y0 = top + row * (layout.per_block * py + 10)
            for r in range(min(layout.per_block, layout.questions - number + 1)):
                y = y0 + r * py
                card.questions[number] = [(x0 + c * px, y) for c in range(layout.choices)]
                card.texts.append((str(number), (x0 - 11.0, y + 1.4), 2.8))
                number += 1
    else:
        for b in range(blocks):
            x0 = margin + 12
            y0 = top + 6 + b * ((layout.choices - 1) * py + 16)
            for q in range(min(layout.per_block, layout.questions - number + 1)):
                x = x0 + q * px
                card.questions[number] = [(x, y0 + c * py) for c in range(layout.choices)]
                card.texts.append((str(number), (x - 2.0, y0 - 4.5), 2.6))
                number += 1
    if layout.corner_marks:
        card.corner_centres = [(9.0, 9.0), (201.0, 9.0), (201.0, 288.0), (9.0, 288.0)]
    return card


def _mm(value: float, dpi: int) -> int:
    return round(value / 25.4 * dpi)


def draw_blank(card: Card, dpi: int) -> np.ndarray:
    layout = card.layout
    w, h = _mm(PAGE_MM[0], dpi), _mm(PAGE_MM[1], dpi)
    image = np.full((h, w), 255, dtype=np.uint8)
    line = max(1, round(dpi / 110))
    bw, bh = layout.bubble_mm

    def bubble(x: float, y: float, text: str) -> None:
        centre = (_mm(x, dpi), _mm(y, dpi))
        axes = (_mm(bw / 2, dpi) - line // 2, _mm(bh / 2, dpi) - line // 2)
        if layout.capsules:
            r = axes[1]
            left, right = centre[0] - axes[0] + r, centre[0] + axes[0] - r
            cv2.ellipse(image, (left, centre[1]), (r, r), 0, 90, 270, layout.ink, line, cv2.LINE_AA)
            cv2.ellipse(image, (right, centre[1]), (r, r), 0, -90, 90, layout.ink, line, cv2.LINE_AA)
            for dy in (-r, r):
                cv2.line(image, (left, centre[1] + dy), (right, centre[1] + dy), layout.ink, line, cv2.LINE_AA)
        else:
            cv2.ellipse(image, centre, axes, 0, 0, 360, layout.ink, line, cv2.LINE_AA)
        if layout.digits_inside and text:
            scale = bh / 25.4 * dpi / 50
            size, _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 1)
            cv2.putText(image, text, (centre[0] - size[0] // 2, centre[1] + size[1] // 2),
                        cv2.FONT_HERSHEY_SIMPLEX, scale, max(60, layout.ink), 1, cv2.LINE_AA)

    for points in card.questions.values():
        for index, (x, y) in enumerate(points):
            bubble(x, y, str(index + 1))
    for column in card.id_columns:
        for digit, (x, y) in enumerate(column):
            bubble(x, y, str(digit))
    for text, (x, y), height in card.texts:
        scale = height / 25.4 * dpi / 22
        cv2.putText(image, text, (_mm(x, dpi), _mm(y, dpi)), cv2.FONT_HERSHEY_SIMPLEX, scale, 20,
                    max(1, round(scale * 1.5)), cv2.LINE_AA)
    for x0, y0, x1, y1 in card.boxes:
        cv2.rectangle(image, (_mm(x0, dpi), _mm(y0, dpi)), (_mm(x1, dpi), _mm(y1, dpi)), 40, line)
    side = 5.0
    for x, y in card.corner_centres:
        cv2.rectangle(image, (_mm(x - side / 2, dpi), _mm(y - side / 2, dpi)),
                      (_mm(x + side / 2, dpi), _mm(y + side / 2, dpi)), 0, -1)
    if card.corner_centres and layout.orientation_mark:
        x, y = card.corner_centres[0][0] + 8.0, card.corner_centres[0][1]
        cv2.rectangle(image, (_mm(x - 1.5, dpi), _mm(y - 1.5, dpi)), (_mm(x + 1.5, dpi), _mm(y + 1.5, dpi)), 0, -1)
    return image


def fill(image: np.ndarray, card: Card, rng: np.random.Generator, dpi: int) -> tuple[dict[str, str], str]:
    """Pencil marks: one answer per question (3 % left blank), every ID digit. Returns (truth, student id)."""
    layout = card.layout
    truth: dict[str, str] = {}
    bw, bh = layout.bubble_mm

    def shade(x: float, y: float) -> None:
        level = int(rng.uniform(40, 115))
        cover = rng.uniform(0.85, 1.02)
        off = rng.uniform(-0.25, 0.25, 2)
        cv2.ellipse(image, (_mm(x + off[0], dpi), _mm(y + off[1], dpi)),
                    (_mm(bw / 2 * cover, dpi), _mm(bh / 2 * cover, dpi)), rng.uniform(0, 30), 0, 360, level, -1,
                    cv2.LINE_AA)

    for number, points in card.questions.items():
        if rng.random() < 0.03:
            truth[f"q{number}"] = ""
            continue
        choice = int(rng.integers(layout.choices))
        shade(*points[choice])
        truth[f"q{number}"] = str(choice + 1)
    student = "".join(str(int(d)) for d in rng.integers(0, 10, len(card.id_columns)))
    for column, digit in zip(card.id_columns, student, strict=True):
        shade(*column[int(digit)])
    return truth, student


def scan(
    page: np.ndarray, rng: np.random.Generator, edge: bool, quality: int | None = None,
    skew_degrees: float | None = None,
) -> bytes:
    """A JPEG of `page` as a scanner or a careful photo gives it (turned by up to 2.5 degrees)."""
    h, w = page.shape
    gain = (np.linspace(1.0, rng.uniform(0.86, 1.0), w, dtype=np.float32)[None, :]
            * np.linspace(rng.uniform(0.9, 1.0), 1.0, h, dtype=np.float32)[:, None])
    page = cv2.multiply(page.astype(np.float32), gain).astype(np.uint8)
    skew = np.radians(rng.uniform(-2.5, 2.5) if skew_degrees is None else skew_degrees)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + rng.uniform(-0.004, 0.004, (4, 2)).astype(np.float32) * np.float32([w, h])
    centre = np.float32([w / 2, h / 2])
    rot = np.float32([[np.cos(skew), -np.sin(skew)], [np.sin(skew), np.cos(skew)]])
    dst = (dst - centre) @ rot.T + centre
    if edge:  # the page lies on a darker lid, with a margin round it
        margin = 0.05 * max(w, h)
        dst += margin
        size = (int(w + 2 * margin), int(h + 2 * margin))
        background = int(rng.uniform(60, 150))
    else:
        size = (w, h)
        background = int(rng.uniform(235, 252))
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    out = cv2.warpPerspective(page, matrix, size, flags=cv2.INTER_LINEAR, borderValue=background)
    sigma = rng.uniform(0.3, 0.9) * w / 1654
    out = cv2.GaussianBlur(out, (0, 0), sigma)
    grain = rng.normal(0, rng.uniform(2, 6), out.shape)
    out = np.clip(out + grain, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality or int(rng.integers(70, 93))])
    assert ok
    return encoded.tobytes()
