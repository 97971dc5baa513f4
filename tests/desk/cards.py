"""Filled answer cards with answers chosen by the test (tests/omr/synth.py draws random ones).

A blank kr_omr_20 card is rendered by worker.omr.render and bubbles are shaded with OpenCV: `pen` is a
clear mark, `faint` one between erased and filled that the reader takes but flags as low_confidence,
`erased` the residue of an erased mark (a blank with it is flagged). Cards are clean, straight
scans at 150 dpi, so the reads are exact and quick; the OMR tests cover hard scans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from worker.omr.render import render_card
from worker.omr.template import Template, load_template

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
T20 = TEMPLATES / "kr_omr_20.json"
DPI = 150

LEVELS = {"pen": 30, "faint": 196, "erased": 215}


@lru_cache(maxsize=4)
def _template(path: str) -> Template:
    return load_template(path)


@lru_cache(maxsize=4)
def _blank(path: str, dpi: int) -> tuple[np.ndarray, float, tuple[float, float]]:
    image, scale, offset = render_card(_template(path), dpi=dpi)
    return cv2.cvtColor(image, cv2.COLOR_RGB2BGR), scale, offset


def card(
    answers: Mapping[str, str],
    *,
    student_id: str = "",
    faint: Sequence[str] = (),
    erased: Mapping[str, str] | None = None,
    template_path: Path = T20,
    dpi: int = DPI,
) -> np.ndarray:
    """A card (BGR) with `answers` (column -> values to shade; "" blank, "13" two marks) and the id.

    Columns in `faint` are shaded lightly; `erased` (column -> values) leaves erasure residue on those
    bubbles. Columns not in `answers` stay blank.
    """
    template = _template(str(template_path))
    blank, scale, (ox, oy) = _blank(str(template_path), dpi)
    image = blank.copy()
    by_label = template.field_by_label()
    marks: list[tuple[str, str, str]] = []  # (field label, value, style)
    if student_id:
        parts = template.custom_labels[template.student_id_column or "student_id"]
        marks.extend((label, digit, "pen") for label, digit in zip(parts, student_id, strict=True))
    for column, values in answers.items():
        style = "faint" if column in faint else "pen"
        marks.extend((column, value, style) for value in values)
    for column, values in (erased or {}).items():
        marks.extend((column, value, "erased") for value in values)
    for label, value, style in marks:
        fld = by_label[label]
        b = fld.bubble_start + fld.values.index(value)
        cx = ox + (template.bx[b] + template.bw[b] / 2) * scale
        cy = oy + (template.by[b] + template.bh[b] / 2) * scale
        axes = (int(template.bw[b] * scale * 0.45), int(template.bh[b] * scale * 0.45))
        level = LEVELS[style]
        cv2.ellipse(image, (int(cx), int(cy)), axes, 0, 0, 360, (level, level, level), -1)
    return image


def write_png(path: Path, image: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), image)
    return path


def png_bytes(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def _pil(images: Sequence[np.ndarray]) -> list[Image.Image]:
    return [Image.fromarray(cv2.cvtColor(i, cv2.COLOR_BGR2RGB)) for i in images]


def write_tiff(path: Path, images: Sequence[np.ndarray]) -> Path:
    first, *rest = _pil(images)
    first.save(path, format="TIFF", save_all=True, append_images=rest, compression="tiff_deflate", dpi=(DPI, DPI))
    return path


def write_pdf(path: Path, images: Sequence[np.ndarray], dpi: int = DPI) -> Path:
    first, *rest = _pil(images)
    first.save(path, format="PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return path
