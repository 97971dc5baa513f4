"""Synthetic filled-and-scanned answer cards with ground truth (for the accuracy test and the benchmark).

A blank card is rendered from the template (worker.omr.render), marked like students do (pencil, sign
pen, faint, partial fills, double marks, blanks, erasure residue, stray pencil lines), then "scanned":
rotation (small skew, and 90/180/270 turns), perspective, lighting gradient, blur, noise, 150-300 dpi,
JPEG. Truth is what the student meant: erasure residue and stray lines are not answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from worker.omr.render import render_card
from worker.omr.template import Template, load_template

PRINT_COLOURS = [(0, 0, 0), (0, 0, 0), (200, 30, 40), (40, 70, 190), (60, 60, 60)]  # RGB


@dataclass
class Sheet:
    jpeg: bytes
    truth: dict[str, str]  # output column -> intended value ("" for blank)
    student_id: str
    info: dict[str, object] = field(default_factory=dict)


@lru_cache(maxsize=16)
def _blank(template_path: str, dpi: int, colour: tuple[int, int, int]) -> tuple[np.ndarray, float]:
    image, scale, _ = render_card(load_template(template_path), dpi=dpi, print_rgb=colour)
    return cv2.cvtColor(image, cv2.COLOR_RGB2BGR), scale


def _mark(image: np.ndarray, box: tuple[float, float, float, float], style: str, rng: np.random.Generator) -> None:
    """Shade one bubble box (x, y, w, h in pixels) in `style`."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    if style == "pen":
        level, cover = rng.uniform(15, 45), rng.uniform(0.92, 1.08)
    elif style == "pencil":
        level, cover = rng.uniform(60, 115), rng.uniform(0.85, 1.05)
    elif style == "faint":
        level, cover = rng.uniform(135, 165), rng.uniform(0.85, 1.0)
    elif style == "partial":
        level, cover = rng.uniform(50, 110), rng.uniform(0.65, 0.8)
    elif style == "erasure":
        level, cover = rng.uniform(200, 228), rng.uniform(0.8, 1.0)
    else:
        raise ValueError(style)
    pad = int(max(w, h))
    x0, y0 = max(0, int(cx - pad)), max(0, int(cy - pad))
    x1, y1 = min(image.shape[1], int(cx + pad)), min(image.shape[0], int(cy + pad))
    roi = image[y0:y1, x0:x1]
    mask = np.zeros(roi.shape[:2], dtype=np.uint8)
    off = (rng.uniform(-0.08, 0.08) * w, rng.uniform(-0.08, 0.08) * h)
    centre = (int(cx - x0 + off[0]), int(cy - y0 + off[1]))
    axes = (max(1, int(w / 2 * cover)), max(1, int(h / 2 * cover)))
    cv2.ellipse(mask, centre, axes, rng.uniform(0, 180), 0, 360, 255, -1)
    if style == "partial" and rng.random() < 0.5:  # a half-filled bubble: only one side shaded
        cut = np.zeros_like(mask)
        cv2.rectangle(cut, (0, 0), (centre[0] + int(w * 0.15), mask.shape[0]), 255, -1)
        mask = cv2.bitwise_and(mask, cut)
    texture = rng.normal(0, 12 if style != "pen" else 4, mask.shape).astype(np.float32)
    shade = np.clip(level + texture, 0, 255)
    inside = mask > 0
    for c in range(3):
        channel = roi[:, :, c]
        channel[inside] = np.minimum(channel[inside], shade[inside]).astype(np.uint8)


def _stray_line(image: np.ndarray, rng: np.random.Generator, scale: float) -> None:
    h, w = image.shape[:2]
    p0 = (int(rng.uniform(0.1, 0.9) * w), int(rng.uniform(0.3, 0.9) * h))
    length = rng.uniform(80, 400) * scale
    angle = rng.uniform(0, np.pi)
    p1 = (int(p0[0] + length * np.cos(angle)), int(p0[1] + length * np.sin(angle)))
    grey = int(rng.uniform(80, 140))
    cv2.line(image, p0, p1, (grey, grey, grey), max(1, round(1.2 * scale)), cv2.LINE_AA)


def make_sheet(
    template_path: str | Path,
    rng: np.random.Generator,
    *,
    hard: bool = False,
    turn: int | None = None,
) -> Sheet:
    """One filled, scanned card. `hard` adds phone-like perspective and heavier noise."""
    template_path = str(Path(template_path).resolve())
    template = load_template(template_path)
    dpi = int(rng.choice([150, 200, 200, 240, 300]))
    colour = PRINT_COLOURS[int(rng.integers(len(PRINT_COLOURS)))]
    blank, scale = _blank(template_path, dpi, colour)
    image = blank.copy()

    truth: dict[str, str] = {}
    sid_column = template.student_id_column
    by_label = template.field_by_label()
    student_id = "".join(str(d) for d in rng.integers(0, 10, 8))
    if rng.random() < 0.3:
        student_id = "0" + student_id[1:]  # leading zeros must survive
    sheet_style = str(rng.choice(["pencil", "pencil", "pen"]))
    for column in template.output_columns:
        parts = template.custom_labels.get(column, [column])
        values: list[str] = []
        for index, label in enumerate(parts):
            fld = by_label[label]
            if column == sid_column:
                chosen = [fld.values.index(student_id[index])]
            else:
                r = rng.random()
                if r < 0.04:
                    chosen = []
                elif r < 0.06:
                    chosen = sorted(rng.choice(fld.bubble_count, 2, replace=False).tolist())
                else:
                    chosen = [int(rng.integers(fld.bubble_count))]
            for j in chosen:
                r = rng.random()
                style = sheet_style
                if r < 0.04:
                    style = "faint"
                elif r < 0.08:
                    style = "partial"
                b = fld.bubble_start + j
                box = (template.bx[b] * scale, template.by[b] * scale, template.bw[b] * scale, template.bh[b] * scale)
                _mark(image, box, style, rng)
            if column != sid_column and rng.random() < 0.05:
                others = [j for j in range(fld.bubble_count) if j not in chosen]
                if others:
                    b = fld.bubble_start + int(rng.choice(others))
                    box = (template.bx[b] * scale, template.by[b] * scale, template.bw[b] * scale,
                           template.bh[b] * scale)
                    _mark(image, box, "erasure", rng)
            values.append("".join(fld.values[j] for j in chosen) or fld.empty_value)
        truth[column] = "".join(values)
    for _ in range(int(rng.integers(0, 4))):
        _stray_line(image, rng, scale)

    # Lighting gradient across the page (scanner lamp falloff or phone shadow).
    h, w = image.shape[:2]
    gx = np.linspace(1.0, rng.uniform(0.82, 1.0), w, dtype=np.float32)[None, :]
    gy = np.linspace(rng.uniform(0.88, 1.0), 1.0, h, dtype=np.float32)[:, None]
    gain = gx * gy
    image = cv2.multiply(image, cv2.merge([gain, gain, gain]), dtype=cv2.CV_8U)

    # Geometry: quarter turns, skew, perspective, placed on a canvas with a margin.
    if turn is None:
        turn = int(rng.choice([0, 0, 0, 0, 0, 0, 90, 180, 270]))
    skew = rng.uniform(-3, 3) if not hard else rng.uniform(-8, 8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = 0.01 if not hard else 0.04
    dst = src + rng.uniform(-jitter, jitter, (4, 2)).astype(np.float32) * np.float32([w, h])
    centre = np.float32([w / 2, h / 2])
    theta = np.radians(turn + skew)
    rot = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    dst = (dst - centre) @ rot.T
    margin = 0.04 * max(w, h)
    dst -= dst.min(axis=0) - margin
    out_w, out_h = (dst.max(axis=0) + margin).astype(int)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    background = int(rng.uniform(225, 250)) if not hard else int(rng.uniform(40, 120))
    scanned = cv2.warpPerspective(image, matrix, (int(out_w), int(out_h)), flags=cv2.INTER_LINEAR,
                                  borderValue=(background, background, background))
    sigma = rng.uniform(0, 1.0) * scale
    if sigma > 0.3:
        scanned = cv2.GaussianBlur(scanned, (0, 0), sigma)
    noise = float(rng.uniform(0, 6 if not hard else 10))
    grain = np.empty(scanned.shape, dtype=np.float32)
    cv2.setRNGSeed(int(rng.integers(1 << 30)))
    cv2.randn(grain, 0.0, noise)
    scanned = cv2.add(scanned, grain, dtype=cv2.CV_8U)
    if colour == (0, 0, 0) and rng.random() < 0.5:
        scanned = cv2.cvtColor(scanned, cv2.COLOR_BGR2GRAY)
    quality = int(rng.integers(60, 95))
    ok, encoded = cv2.imencode(".jpg", scanned, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    info = {"dpi": dpi, "turn": turn, "skew": round(float(skew), 2), "colour": colour, "quality": quality}
    return Sheet(encoded.tobytes(), truth, student_id, info)


def make_benchmark_sheet(template_path: str | Path, rng: np.random.Generator) -> Sheet:
    """A 200-dpi JPEG of an ordinary flatbed scan (the benchmark's fixed input kind)."""
    template_path = str(Path(template_path).resolve())
    while True:
        sheet = make_sheet(template_path, rng)
        if sheet.info["dpi"] == 200:
            return sheet


def write_set(template_path: str | Path, out_dir: Path, count: int, seed: int, **kwargs: object) -> list[tuple[Path, Sheet]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    written = []
    for index in range(count):
        sheet = make_sheet(template_path, rng, **kwargs)  # type: ignore[arg-type]
        path = out_dir / f"sheet_{index:04d}.jpg"
        path.write_bytes(sheet.jpeg)
        written.append((path, sheet))
    return written


def template_for_tests(questions: int = 45) -> Template:
    return load_template(Path(__file__).resolve().parents[2] / "resources" / "templates" / f"kr_omr_{questions}.json")
