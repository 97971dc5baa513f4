"""Blank cards from any template (PIL only, no Qt): `scandesk template render T.json OUT.pdf`.

ScanDesk cards (CornerMarks) print their corner marks, orientation mark and form code where the template
says. OMRChecker templates print bubbles and labels; with CropOnMarkers the marker image is printed at the
four corners of the template frame, inside a white margin, exactly where the reader expects the centres.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from core.bundle import font_paths
from worker.omr.template import Template

# The installed app's own Korean font first, so cards print the same on every computer.
HANGUL_FONT_PATHS = (
    *font_paths("NanumGothicBold.ttf", "NanumGothic.ttf"),
    "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumSquareRoundB.ttf",
)
FONT_PATHS = (
    *HANGUL_FONT_PATHS,
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@lru_cache(maxsize=32)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _has_hangul_font() -> bool:
    return any(Path(p).exists() for p in HANGUL_FONT_PATHS)


def page_scale(template: Template, dpi: int) -> float:
    """Pixels per template unit: ScanDesk cards are in 200-dpi pixels; others are fitted to A4 width."""
    if template.preprocessor("CornerMarks") is not None:
        return dpi / 200.0
    return 8.27 * dpi / template.page_width


def render_card(
    template: Template,
    dpi: int = 200,
    print_rgb: tuple[int, int, int] = (0, 0, 0),
) -> tuple[np.ndarray, float, tuple[float, float]]:
    """A blank card as an RGB array; returns (image, pixels per unit, (x, y) offset of the frame in px)."""
    scale = page_scale(template, dpi)
    markers = template.preprocessor("CropOnMarkers")
    margin = 0.06 * template.page_width * scale if markers is not None else 0.0
    width = round(template.page_width * scale + 2 * margin)
    height = round(template.page_height * scale + 2 * margin)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    ink = tuple(print_rgb)
    black = (0, 0, 0)

    def px(x: float, y: float) -> tuple[float, float]:
        return margin + x * scale, margin + y * scale

    corner = template.preprocessor("CornerMarks")
    if corner is not None:
        mw, mh = corner["size"]
        for cx, cy in corner["centres"]:
            x0, y0 = px(cx - mw / 2, cy - mh / 2)
            draw.rectangle([x0, y0, x0 + mw * scale, y0 + mh * scale], fill=black)
        om = corner.get("orientationMark")
        if om:
            ow, oh = om["size"]
            x0, y0 = px(om["centre"][0] - ow / 2, om["centre"][1] - oh / 2)
            draw.rectangle([x0, y0, x0 + ow * scale, y0 + oh * scale], fill=black)
        code = corner.get("formCode")
        if code:
            for bit, (x, y, w, h) in zip(code["pattern"], code["cells"], strict=False):
                x0, y0 = px(x, y)
                box = [x0, y0, x0 + w * scale, y0 + h * scale]
                if bit == "1":
                    draw.rectangle(box, fill=black)
    if corner is not None and "title" in template.raw:
        # The header of the bundled Korean layout; a card measured from a scan has its own print around
        # the bubbles, and text at these places could land on its bubbles.
        title = str(template.raw["title"])
        if not _has_hangul_font():
            title = template.path.stem
        draw.text(px(700, 110), title, fill=ink, font=_font(int(40 * scale)))
        label = "수험번호" if _has_hangul_font() else "Student ID"
        draw.text(px(150, 230), label, fill=ink, font=_font(int(30 * scale)))
        name_label = "성명" if _has_hangul_font() else "Name"
        draw.text(px(700, 330), name_label, fill=ink, font=_font(int(30 * scale)))
        x0, y0 = px(800, 320)
        draw.rectangle([x0, y0, x0 + 600 * scale, y0 + 60 * scale], outline=ink, width=max(1, int(2 * scale)))
    if markers is not None:
        marker_path = template.base_dir / str(markers.get("relativePath", ""))
        if marker_path.exists():
            ratio = float(markers.get("sheetToMarkerWidthRatio", 17))
            size = int(width / ratio)
            marker = Image.open(marker_path).convert("RGB").resize((size, size))
            for fx, fy in ((0, 0), (1, 0), (1, 1), (0, 1)):
                cx, cy = px(fx * template.page_width, fy * template.page_height)
                image.paste(marker, (int(cx - size / 2), int(cy - size / 2)))

    line = max(1, round(2 * scale))
    by_block: dict[str, list[int]] = {}
    for index, field in enumerate(template.fields):
        by_block.setdefault(field.block, []).append(index)
    for index, field in enumerate(template.fields):
        for j in range(field.bubble_count):
            b = field.bubble_start + j
            x0, y0 = px(template.bx[b], template.by[b])
            x1, y1 = x0 + template.bw[b] * scale, y0 + template.bh[b] * scale
            draw.ellipse([x0, y0, x1, y1], outline=ink, width=line)
            text = field.values[j]
            font = _font(max(6, int(template.bh[b] * scale * 0.55)))
            draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, fill=ink, font=font, anchor="mm")
        first = template.fields[by_block[field.block][0]]
        if first.bubble_count > 1 and index in by_block[field.block]:
            b0, b1 = field.bubble_start, field.bubble_start + 1
            horizontal = abs(template.bx[b1] - template.bx[b0]) > abs(template.by[b1] - template.by[b0])
            if horizontal:  # question number left of a row of choices
                x0, y0 = px(template.bx[b0] - 12, template.by[b0] + template.bh[b0] / 2)
                font = _font(max(6, int(template.bh[b0] * scale * 0.6)))
                draw.text((x0, y0), field.label.lstrip("q"), fill=ink, font=font, anchor="rm")
    array = np.asarray(image)
    return array, scale, (margin, margin)


def render_pdf(template: Template, out: str | Path, dpi: int = 300) -> Path:
    """Print-ready single-page PDF of a blank card."""
    out = Path(out)
    array, _, _ = render_card(template, dpi=dpi)
    Image.fromarray(array).save(out, "PDF", resolution=float(dpi))
    return out
