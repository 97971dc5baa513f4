"""The annotated sheet: every bubble outlined, read marks filled, fields needing review boxed in red."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from worker.omr.sheet import SheetRead
from worker.omr.template import Template

OUTLINE = (170, 170, 170)  # BGR
MARK = (200, 90, 0)
REVIEW = (0, 0, 230)


def annotate(sheet: SheetRead, template: Template, out: Path) -> Path:
    """Write a JPEG of the aligned page with the reading drawn on it; returns its path."""
    image = cv2.cvtColor(sheet.warped, cv2.COLOR_GRAY2BGR)
    s = sheet.scale
    x0 = (np.round(template.bx * s) + sheet.dx).astype(int)
    y0 = (np.round(template.by * s) + sheet.dy).astype(int)
    x1 = (np.round((template.bx + template.bw) * s) + sheet.dx).astype(int)
    y1 = (np.round((template.by + template.bh) * s) + sheet.dy).astype(int)
    by_label = {f.label: f for f in template.fields}
    for read in sheet.fields:
        fld = by_label[read.label]
        start, count = fld.bubble_start, fld.bubble_count
        for j in range(count):
            b = start + j
            centre = ((x0[b] + x1[b]) // 2, (y0[b] + y1[b]) // 2)
            axes = (max(1, (x1[b] - x0[b]) // 2), max(1, (y1[b] - y0[b]) // 2))
            if j in read.marked:
                cv2.ellipse(image, centre, axes, 0, 0, 360, MARK, -1)
            else:
                cv2.ellipse(image, centre, axes, 0, 0, 360, OUTLINE, 1)
        if read.flags:
            sl = slice(start, start + count)
            pad = 3
            cv2.rectangle(
                image,
                (int(x0[sl].min()) - pad, int(y0[sl].min()) - pad),
                (int(x1[sl].max()) + pad, int(y1[sl].max()) + pad),
                REVIEW,
                2,
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    # OpenCV reports a failed write by returning False, not by raising.
    if not cv2.imwrite(str(out), image, [cv2.IMWRITE_JPEG_QUALITY, 80]):
        raise OSError(f"cannot write {out}")
    return out
