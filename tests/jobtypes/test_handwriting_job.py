"""handwriting_analysis on a generated answer sheet: blank, written, struck-through, scribbled, erased."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from worker.context import JobContext
from worker.errors import BadInput
from worker.handwriting import handle_handwriting_analysis

FONT = "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"
BOXES = {  # kind -> [x, y, w, h]
    "blank": [50, 50, 500, 120],
    "written": [50, 220, 500, 120],
    "struck": [50, 390, 500, 120],
    "scribbled": [50, 560, 500, 120],
    "erased": [50, 730, 500, 120],
}


def answer_sheet(path: Path, shadow: bool = False) -> Path:
    image = Image.new("L", (620, 900), 250)
    pen = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44) if Path(FONT).exists() else ImageFont.load_default(size=44)
    for x, y, w, h in BOXES.values():
        pen.rectangle([x, y, x + w, y + h], outline=0, width=3)  # printed answer box
    for kind in ("written", "struck", "scribbled"):
        x, y, _, _ = BOXES[kind]
        pen.text((x + 40, y + 30), "답: 광합성 24", font=font, fill=20)
    x, y, w, h = BOXES["struck"]
    pen.line([x + 30, y + 62, x + 360, y + 58], fill=10, width=5)
    x, y, w, h = BOXES["scribbled"]
    for i in range(0, 300, 6):
        pen.line([x + 40 + i, y + 20, x + 60 + i, y + 100], fill=15, width=6)
    x, y, w, h = BOXES["erased"]
    pen.text((x + 40, y + 30), "답: 세포 분열", font=font, fill=185)  # pencil mostly rubbed away
    pixels = np.asarray(image, dtype=np.float32)
    if shadow:
        pixels *= np.linspace(0.7, 1.0, pixels.shape[1])[None, :]
    Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(path)
    return path


@pytest.mark.parametrize("shadow", [False, True])
def test_regions_from_payload(tmp_path: Path, make_ctx: Callable[..., JobContext], shadow: bool) -> None:
    sheet = answer_sheet(tmp_path / "sheet.png", shadow)
    regions = [{"bbox": box, "question": kind} for kind, box in BOXES.items()]
    result = handle_handwriting_analysis({"image_path": str(sheet), "regions": regions}, make_ctx())
    by_kind = {r["question"]: r for r in result["regions"]}
    assert not by_kind["blank"]["written"] and not by_kind["blank"]["crossed_out"]
    assert by_kind["written"]["written"] and not by_kind["written"]["crossed_out"]
    assert not by_kind["written"]["erased"]
    assert by_kind["struck"]["written"] and by_kind["struck"]["crossed_out"]
    assert by_kind["scribbled"]["crossed_out"]
    assert by_kind["scribbled"]["ink_ratio"] > by_kind["written"]["ink_ratio"] > by_kind["blank"]["ink_ratio"]
    assert by_kind["erased"]["erased"] and not by_kind["erased"]["written"]
    assert by_kind["erased"]["needs_review"] and not by_kind["written"]["needs_review"]
    assert result["written_count"] == 3


def test_answer_boxes_found_without_regions(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    sheet = answer_sheet(tmp_path / "sheet.png")
    result = handle_handwriting_analysis({"image_path": str(sheet)}, make_ctx())
    assert result["region_source"] == "frames"
    assert len(result["regions"]) == len(BOXES)
    assert result["written_count"] == 3


def test_region_outside_the_image_is_bad_input(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    sheet = answer_sheet(tmp_path / "sheet.png")
    with pytest.raises(BadInput, match="outside"):
        handle_handwriting_analysis({"image_path": str(sheet), "regions": [{"bbox": [500, 800, 400, 400]}]}, make_ctx())


def test_bad_image_inputs(tmp_path: Path, make_ctx: Callable[..., JobContext]) -> None:
    with pytest.raises(BadInput, match="not found"):
        handle_handwriting_analysis({"image_path": str(tmp_path / "none.png")}, make_ctx())
    video = tmp_path / "clip.png"
    video.write_bytes(b"RIFF\x00\x00\x00\x00AVI LIST")  # a video named like an image
    with pytest.raises(BadInput, match="not a readable image"):
        handle_handwriting_analysis({"image_path": str(video)}, make_ctx())
    with pytest.raises(BadInput, match="downloaded first"):
        handle_handwriting_analysis({"image_url": "https://example.invalid/a.png"}, make_ctx())
