"""Korean answer cards drawn from this file's own description of their layout, filled with classroom marks
and "scanned" (skew, shading, blur, noise, 150-200 dpi JPEG at quality 35-85), with ground truth.

Written apart from the product: it imports nothing from `worker`, and the card geometry below is the
printed card's own description (A4 at 200 units per inch, as `resources/templates/README.md` states),
not the template parser's output. A geometry mistake shared by the parser and the product's renderer
therefore shows up as wrong reads here.

Truth is what the student meant. `expect_review` names the questions a careful reader must send to review
(two deliberate marks, or an answer erased to a blank); every other question has exactly one reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

PAGE_W, PAGE_H = 1654, 2339  # units: pixels of an A4 page at 200 dpi
UNIT_DPI = 200
BUBBLE = 36
CHOICE_STEP = 46  # from one choice's bubble to the next along a question row
ROW_STEP = 58  # from one question row to the next
SID_ORIGIN = (150, 330)  # top-left of the first student-number bubble: 8 digit columns, digits 0-9 downwards
SID_STEP = 46
SID_DIGITS = 8
QUESTION_TOP = 930
COLUMN_LEFTS = (200, 680, 1160)
MARK_CENTRES = ((70, 70), (1584, 70), (1584, 2269), (70, 2269))
MARK_SIZE = 50
ORIENTATION_CENTRE, ORIENTATION_SIZE = (140, 70), 30
FORM_CELL_X0, FORM_CELL_STEP, FORM_CELL_Y, FORM_CELL_SIZE = 700, 44, 58, 24
CHOICES = 5


@dataclass(frozen=True)
class Card:
    """One printed Korean card: how many questions, how many rows per printed column, its form code."""

    questions: int
    rows_per_column: int
    form_code: str

    def question_box(self, number: int, choice: int) -> tuple[float, float, float, float]:
        """(x, y, w, h) in units of question `number` (from 1), choice index `choice` (0 = ①)."""
        column, row = divmod(number - 1, self.rows_per_column)
        x = COLUMN_LEFTS[column] + choice * CHOICE_STEP
        y = QUESTION_TOP + row * ROW_STEP
        return x, y, BUBBLE, BUBBLE

    @staticmethod
    def sid_box(position: int, digit: int) -> tuple[float, float, float, float]:
        return SID_ORIGIN[0] + position * SID_STEP, SID_ORIGIN[1] + digit * SID_STEP, BUBBLE, BUBBLE


CARDS = {
    20: Card(20, 10, "101100"),
    30: Card(30, 10, "110010"),
    45: Card(45, 15, "100111"),
}


@dataclass
class Sheet:
    jpeg: bytes
    truth: dict[str, str]  # "student_id" and "q1".. -> intended value ("" for a blank)
    expect_review: set[str] = field(default_factory=set)
    styles: dict[str, str] = field(default_factory=dict)  # question -> how its answer was marked
    info: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Mix:
    """How often each classroom mark occurs (per question unless said otherwise)."""

    blank: float = 0.03  # left blank on purpose, all bubbles clean
    double: float = 0.0  # two answers marked on purpose (needs review)
    erased_blank: float = 0.0  # the answer erased and nothing else marked (needs review)
    erasure: float = 0.08  # an erased earlier choice on another bubble of an answered question
    faint: float = 0.05  # the chosen bubble shaded lightly
    partial: float = 0.05  # the chosen bubble shaded over part of its area
    stray_lines: tuple[int, int] = (0, 5)  # per sheet
    no_marks: bool = False  # the whole sheet left blank (student number too)


def _draw_blank(card: Card, scale: float, ink: tuple[int, int, int]) -> np.ndarray:
    width, height = round(PAGE_W * scale), round(PAGE_H * scale)
    image = np.full((height, width, 3), 255, np.uint8)

    def p(x: float, y: float) -> tuple[int, int]:
        return round(x * scale), round(y * scale)

    def square(cx: float, cy: float, size: float) -> None:
        cv2.rectangle(image, p(cx - size / 2, cy - size / 2), p(cx + size / 2, cy + size / 2), (0, 0, 0), -1)

    for cx, cy in MARK_CENTRES:
        square(cx, cy, MARK_SIZE)
    square(*ORIENTATION_CENTRE, ORIENTATION_SIZE)
    for index, bit in enumerate(card.form_code):
        x = FORM_CELL_X0 + index * FORM_CELL_STEP
        if bit == "1":
            cv2.rectangle(image, p(x, FORM_CELL_Y), p(x + FORM_CELL_SIZE, FORM_CELL_Y + FORM_CELL_SIZE), (0, 0, 0), -1)
    font = cv2.FONT_HERSHEY_SIMPLEX
    thin = max(1, round(1.5 * scale))
    cv2.putText(image, f"OMR ANSWER CARD {card.questions}", p(700, 150), font, 1.3 * scale, ink, thin + 1, cv2.LINE_AA)
    cv2.putText(image, "STUDENT NO.", p(150, 300), font, 0.9 * scale, ink, thin, cv2.LINE_AA)
    cv2.putText(image, "NAME", p(700, 365), font, 0.9 * scale, ink, thin, cv2.LINE_AA)
    cv2.rectangle(image, p(800, 320), p(1400, 380), ink, thin)

    def bubble(box: tuple[float, float, float, float], text: str) -> None:
        x, y, w, h = box
        centre = p(x + w / 2, y + h / 2)
        cv2.ellipse(image, centre, (round(w / 2 * scale), round(h / 2 * scale)), 0, 0, 360, ink, thin, cv2.LINE_AA)
        size = 0.55 * scale
        (tw, th), _ = cv2.getTextSize(text, font, size, thin)
        cv2.putText(image, text, (centre[0] - tw // 2, centre[1] + th // 2), font, size, ink, thin, cv2.LINE_AA)

    for position in range(SID_DIGITS):
        for digit in range(10):
            bubble(Card.sid_box(position, digit), str(digit))
    for number in range(1, card.questions + 1):
        for choice in range(CHOICES):
            bubble(card.question_box(number, choice), str(choice + 1))
        x, y, _, h = card.question_box(number, 0)
        label = str(number)
        (tw, th), _ = cv2.getTextSize(label, font, 0.7 * scale, thin)
        cv2.putText(image, label, (round((x - 14) * scale) - tw, round((y + h / 2) * scale) + th // 2),
                    font, 0.7 * scale, ink, thin, cv2.LINE_AA)
    return image


STYLE_LEVELS = {  # grey level of the shading on white paper (255), and how much of the bubble it covers
    "pen": ((10, 50), (0.92, 1.08)),
    "pencil": ((65, 125), (0.85, 1.05)),
    "faint": ((135, 170), (0.8, 1.0)),
    "partial": ((60, 120), (0.6, 0.75)),
    "erasure": ((200, 232), (0.7, 1.0)),
}


def _shade(image: np.ndarray, box: tuple[float, float, float, float], style: str, scale: float,
           rng: np.random.Generator) -> None:
    (lo, hi), (c_lo, c_hi) = STYLE_LEVELS[style]
    level, cover = rng.uniform(lo, hi), rng.uniform(c_lo, c_hi)
    x, y, w, h = (v * scale for v in box)
    cx = x + w / 2 + rng.uniform(-0.1, 0.1) * w
    cy = y + h / 2 + rng.uniform(-0.1, 0.1) * h
    pad = int(w)
    x0, y0 = max(0, int(cx - pad)), max(0, int(cy - pad))
    roi = image[y0 : int(cy + pad), x0 : int(cx + pad)]
    mask = np.zeros(roi.shape[:2], np.uint8)
    centre = (int(cx - x0), int(cy - y0))
    axes = (max(1, int(w / 2 * cover)), max(1, int(h / 2 * cover * rng.uniform(0.85, 1.1))))
    cv2.ellipse(mask, centre, axes, float(rng.uniform(0, 180)), 0, 360, 255, -1)
    if style == "partial" and rng.random() < 0.6:  # only one side shaded, or a scribble across the middle
        keep = np.zeros_like(mask)
        if rng.random() < 0.5:
            cv2.rectangle(keep, (0, 0), (centre[0] + int(w * rng.uniform(0.05, 0.2)), mask.shape[0]), 255, -1)
        else:
            cv2.rectangle(keep, (0, centre[1] - int(h * 0.3)), (mask.shape[1], centre[1] + int(h * 0.3)), 255, -1)
        mask = cv2.bitwise_and(mask, keep)
    if style in ("pencil", "faint", "partial", "erasure"):  # graphite is grainy and streaky
        grain = rng.normal(0, 14, mask.shape).astype(np.float32)
        grain = cv2.GaussianBlur(grain, (0, 0), 0.8 * scale)
    else:
        grain = rng.normal(0, 4, mask.shape).astype(np.float32)
    shade = np.clip(level + grain, 0, 255).astype(np.uint8)
    inside = mask > 0
    for channel in range(3):
        plane = roi[:, :, channel]
        plane[inside] = np.minimum(plane[inside], shade[inside])


def _stray_line(image: np.ndarray, scale: float, rng: np.random.Generator) -> None:
    h, w = image.shape[:2]
    start = np.array([rng.uniform(0.1, 0.9) * w, rng.uniform(0.35, 0.95) * h])
    angle = rng.uniform(0, np.pi)
    end = start + rng.uniform(60, 500) * scale * np.array([np.cos(angle), np.sin(angle)])
    grey = int(rng.uniform(70, 150))
    cv2.line(image, tuple(int(v) for v in start), tuple(int(v) for v in end), (grey, grey, grey),
             max(1, round(rng.uniform(0.8, 1.8) * scale)), cv2.LINE_AA)


def _scan(image: np.ndarray, scale: float, rng: np.random.Generator, quality: int) -> tuple[bytes, dict[str, object]]:
    h, w = image.shape[:2]
    # Shading: a lamp gradient across the page and a soft shadow patch.
    gx = np.linspace(1.0, rng.uniform(0.8, 1.0), w, dtype=np.float32)[None, :]
    gy = np.linspace(rng.uniform(0.85, 1.0), 1.0, h, dtype=np.float32)[:, None]
    gain = gx * gy
    if rng.random() < 0.5:
        yy, xx = np.mgrid[0:h:8, 0:w:8].astype(np.float32)
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.2, 0.5) * w
        patch = 1.0 - rng.uniform(0.1, 0.25) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))
        gain = gain * cv2.resize(patch, (w, h), interpolation=cv2.INTER_LINEAR)
    shaded = cv2.multiply(image.astype(np.float32), cv2.merge([gain, gain, gain]))
    image = np.clip(shaded, 0, 255).astype(np.uint8)
    skew = float(rng.uniform(-4, 4))
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + rng.uniform(-0.008, 0.008, (4, 2)).astype(np.float32) * np.float32([w, h])
    theta = np.radians(skew)
    rot = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    dst = (dst - np.float32([w / 2, h / 2])) @ rot.T
    margin = 0.03 * max(w, h)
    dst -= dst.min(axis=0) - margin
    out_w, out_h = (dst.max(axis=0) + margin).astype(int)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    paper = int(rng.uniform(215, 250))
    scanned = cv2.warpPerspective(image, matrix, (int(out_w), int(out_h)), flags=cv2.INTER_LINEAR,
                                  borderValue=(paper, paper, paper))
    sigma = float(rng.uniform(0.2, 0.9))
    scanned = cv2.GaussianBlur(scanned, (0, 0), sigma)
    noise = rng.normal(0, rng.uniform(1, 6), scanned.shape).astype(np.float32)
    scanned = np.clip(scanned.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        scanned = cv2.cvtColor(scanned, cv2.COLOR_BGR2GRAY)
    ok, encoded = cv2.imencode(".jpg", scanned, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return encoded.tobytes(), {"skew": round(skew, 2), "blur": round(sigma, 2)}


def draw_sheet(questions: int, rng: np.random.Generator, mix: Mix | None = None,
               answers: dict[int, int | tuple[int, ...]] | None = None) -> Sheet:
    """One filled and scanned card. `answers` (question -> choice index, or a tuple of them for a
    deliberate double mark, () for a blank) fixes the chosen bubbles."""
    mix = mix or Mix()
    card = CARDS[questions]
    dpi = int(rng.integers(150, 201))
    quality = int(rng.integers(35, 86))
    scale = dpi / UNIT_DPI
    ink = (0, 0, 0) if rng.random() < 0.6 else (40, 40, 200)  # BGR: black or red print
    image = _draw_blank(card, scale, ink)
    sheet_style = "pen" if rng.random() < 0.35 else "pencil"
    truth: dict[str, str] = {}
    expect: set[str] = set()
    styles: dict[str, str] = {}

    if mix.no_marks:
        truth["student_id"] = ""
        truth.update({f"q{n}": "" for n in range(1, questions + 1)})
    else:
        student = "".join(str(d) for d in rng.integers(0, 10, SID_DIGITS))
        truth["student_id"] = student
        for position, digit in enumerate(student):
            _shade(image, Card.sid_box(position, int(digit)), sheet_style, scale, rng)
        for number in range(1, questions + 1):
            name = f"q{number}"
            r = rng.random()
            chosen: list[int]
            if answers is not None:
                fixed = answers[number]
                chosen = sorted(fixed) if isinstance(fixed, tuple) else [fixed]
                if len(chosen) > 1:
                    expect.add(name)
            elif r < mix.blank:
                chosen = []
            elif r < mix.blank + mix.double:
                chosen = sorted(int(c) for c in rng.choice(CHOICES, 2, replace=False))
                expect.add(name)
            elif r < mix.blank + mix.double + mix.erased_blank:
                _shade(image, card.question_box(number, int(rng.integers(CHOICES))), "erasure", scale, rng)
                truth[name] = ""
                styles[name] = "erased_blank"
                expect.add(name)
                continue
            else:
                chosen = [int(rng.integers(CHOICES))]
            style = sheet_style
            r = rng.random()
            if r < mix.faint:
                style = "faint"
            elif r < mix.faint + mix.partial:
                style = "partial"
            for choice in chosen:
                _shade(image, card.question_box(number, choice), style, scale, rng)
            styles[name] = style if chosen else "blank"
            if chosen and rng.random() < mix.erasure:
                others = [c for c in range(CHOICES) if c not in chosen]
                _shade(image, card.question_box(number, int(rng.choice(others))), "erasure", scale, rng)
                styles[name] += "+erasure"
            truth[name] = "".join(str(c + 1) for c in chosen)
        for _ in range(int(rng.integers(mix.stray_lines[0], mix.stray_lines[1] + 1))):
            _stray_line(image, scale, rng)
    jpeg, info = _scan(image, scale, rng, quality)
    info.update({"dpi": dpi, "quality": quality, "style": sheet_style})
    return Sheet(jpeg, truth, expect, styles, info)
