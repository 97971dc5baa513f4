"""Read one page: prepare it, find the circled digits, run tesseract per region, assemble the lines.

This is the part of OCR that segmentation and the benchmark share with the `ocr` handler; it raises
`TesseractUnavailable` and plain errors, and the handler turns them into job errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from worker.ocr.circled_digits import blank_out, find_circled_digits, find_circled_digits_multi
from worker.ocr.layout import find_regions
from worker.ocr.lines import TextLine, group_words, splice_marks
from worker.ocr.preprocess import PreparedPage, prepare_page
from worker.ocr.tesseract_engine import LANG, run_words


@dataclass(frozen=True)
class OcrLine:
    text: str
    bbox: list[int]  # [x, y, w, h] in source image pixels
    confidence: float  # 0..1
    column: int = 0  # index of the text region (column) the line was read in, left to right

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "bbox": self.bbox, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class PageText:
    lines: list[OcrLine]
    page: PreparedPage
    circled_marks: int
    regions: int

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_page(gray: np.ndarray, dpi: float | None = None, *, tesseract_cmd: str = "tesseract",
              step: Callable[[float, str], None] | None = None) -> PageText:
    """OCR a grayscale page. `step(fraction, message)` is called between stages (progress, cancel checks)."""
    report = step or (lambda fraction, message: None)
    page = prepare_page(gray, dpi)
    report(0.2, "page prepared")
    marks = (find_circled_digits_multi(page.gray, page.text_height) if page.gray is not None
             else find_circled_digits(page.binary, page.text_height))
    cleaned = blank_out(page.binary, marks)
    regions = find_regions(cleaned, page.text_height)
    report(0.3, f"{len(regions)} text regions, {len(marks)} circled numbers")
    result: list[OcrLine] = []
    for index, region in enumerate(regions):
        x, y, w, h = region.box
        words = run_words(cleaned[y: y + h, x: x + w], psm=region.psm, cmd=tesseract_cmd)
        lines: list[TextLine] = group_words(words, offset=(x, y))
        # Each circled number joins a line of the region (column) it lies in.
        inside = [m for m in marks if x <= m.box[0] + m.box[2] / 2 < x + w and y <= m.box[1] + m.box[3] / 2 < y + h]
        lines = splice_marks(lines, inside)
        result.extend(OcrLine(line.text, page.box_to_source(line.box), line.confidence, index) for line in lines)
        report(0.3 + 0.65 * (index + 1) / len(regions), f"read region {index + 1} of {len(regions)}")
    return PageText(lines=result, page=page, circled_marks=len(marks), regions=len(regions))


__all__ = ["LANG", "OcrLine", "PageText", "read_page"]
