"""The review image is the original scan warped onto the template: the student's own marks, faint ones
included, sit inside the template's bubbles, at the scan's full resolution."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop.services.sheet_image import warped_scan
from tests.desk.cards import T20, card, write_png
from tests.desk.conftest import all_right
from worker.omr.template import load_template


def _darkness(image: np.ndarray, template, label: str, value: str) -> float:  # type: ignore[no-untyped-def]
    k = image.shape[1] / template.page_width
    fld = template.field_by_label()[label]
    b = fld.bubble_start + fld.values.index(value)
    x, y, w, h = (int(v * k) for v in (template.bx[b], template.by[b], template.bw[b], template.bh[b]))
    inner = image[y + h // 4 : y + 3 * h // 4, x + w // 4 : x + 3 * w // 4]
    return 255.0 - float(inner.mean())


@pytest.mark.parametrize("dpi", [150, 300])
def test_marks_land_in_their_bubbles_at_full_resolution(tmp_path: Path, dpi: int) -> None:
    template = load_template(T20)
    image = card(all_right(q2=""), student_id="10000002", faint=["q4"], dpi=dpi)
    # Turned a little, as a scanner feeds it: the warp must undo that.
    h, w = image.shape[:2]
    turned = cv2.warpAffine(image, cv2.getRotationMatrix2D((w / 2, h / 2), 2.0, 1.0), (w, h), borderValue=(255, 255, 255))
    scan = write_png(tmp_path / "scan.png", turned)

    warped = warped_scan(str(scan), 0, template)

    assert warped.dtype == np.uint8 and warped.ndim == 2
    assert abs(warped.shape[0] * warped.shape[1] - h * w) / (h * w) < 0.05  # the scan's own pixel count
    assert abs(warped.shape[1] / warped.shape[0] - template.page_width / template.page_height) < 0.01
    assert _darkness(warped, template, "q1", "1") > 150  # a pen mark
    assert 40 < _darkness(warped, template, "q4", "4") < 150  # the faint mark is shown as faint, not filled
    assert _darkness(warped, template, "q1", "2") < 60 and _darkness(warped, template, "q2", "2") < 60


def test_a_scan_that_is_gone_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nope\.png"):
        warped_scan(str(tmp_path / "nope.png"), 0, load_template(T20))
