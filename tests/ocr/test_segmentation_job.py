"""question_segmentation: engines, crops, template regions, frames, and the errors of each."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tests.ocr.exam_pages import render_page
from tests.ocr.metrics import iou
from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud
from worker.segmentation.frames import find_frames
from worker.segmentation.handler import handle_question_segmentation


def _ctx(tmp_path: Path, **settings: str) -> JobContext:
    return JobContext(job_id="seg-1", job_type="question_segmentation", data_dir=tmp_path / "data", settings=settings)


@pytest.fixture(scope="module")
def framed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[int]], list[int]]:
    """A 3-question page with a frame drawn around the second question."""
    page = render_page(31, questions=3)
    image = page.image.copy()
    x, y, w, h = page.questions[1].bbox
    frame = [x - 40, y - 30, w + 80, h + 60]
    ImageDraw.Draw(image).rectangle([frame[0], frame[1], frame[0] + frame[2], frame[1] + frame[3]], outline=0, width=4)
    path = tmp_path_factory.mktemp("framed") / "page.png"
    image.save(path, dpi=(300, 300))
    return path, [q.bbox for q in page.questions], frame


def test_opencv_engine_finds_questions_and_saves_crops(framed_page: tuple, tmp_path: Path) -> None:
    path, truth_boxes, frame = framed_page
    ctx = _ctx(tmp_path)
    result = handle_question_segmentation({"image_path": str(path), "engine": "opencv"}, ctx)
    assert result["engine"] == "opencv"
    questions = result["questions"]
    assert len(questions) == 3
    assert iou(questions[0]["bbox"], truth_boxes[0]) > 0.8
    assert iou(questions[1]["bbox"], frame) > 0.9  # the drawn frame is the question's extent
    for question in questions:
        assert question["text"].startswith(f"{question['number']}.")
        crop = Path(question["crop_path"])
        assert crop.is_file() and crop.is_relative_to(ctx.data_dir)
        with Image.open(crop) as image:
            assert image.width >= question["bbox"][2] and image.height >= question["bbox"][3]


def test_frames_found_but_not_text_or_scribbles() -> None:
    image = Image.new("L", (800, 600), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle([50, 50, 450, 250], outline=0, width=3)
    for i in range(0, 200, 5):
        pen.line([500 + i, 320, 520 + i, 500], fill=0, width=6)  # hatching, solid
    frames = find_frames(np.asarray(image))
    assert len(frames) == 1 and iou(frames[0], [50, 50, 400, 200]) > 0.95


def test_template_engine_scales_regions(framed_page: tuple, tmp_path: Path) -> None:
    path, truth_boxes, _ = framed_page
    with Image.open(path) as image:
        width, height = image.size
    template = tmp_path / "template.json"
    # Written for the page at half size: boxes must be doubled.
    template.write_text(json.dumps({
        "page_size": [width / 2, height / 2],
        "questions": [{"number": n + 1, "bbox": [v / 2 for v in box]} for n, box in enumerate(truth_boxes)],
    }))
    result = handle_question_segmentation({"image_path": str(path), "engine": "template", "template": str(template)},
                                          _ctx(tmp_path))
    assert result["engine"] == "template"
    assert [q["number"] for q in result["questions"]] == [1, 2, 3]
    for question, box in zip(result["questions"], truth_boxes, strict=True):
        assert iou(question["bbox"], box) > 0.95
        assert "①" in question["text"]


def test_auto_uses_the_template_when_given(framed_page: tuple, tmp_path: Path) -> None:
    path, truth_boxes, _ = framed_page
    template = tmp_path / "t.json"
    template.write_text(json.dumps({"questions": [{"number": 9, "bbox": truth_boxes[0]}]}))
    result = handle_question_segmentation({"image_path": str(path), "template": str(template)}, _ctx(tmp_path))
    assert result["engine"] == "template" and result["questions"][0]["number"] == 9


def test_yolo_goes_to_the_cloud(tmp_path: Path) -> None:
    with pytest.raises(NeedsCloud, match="cloud"):
        handle_question_segmentation({"image_path": str(tmp_path / "x.png"), "engine": "yolo"}, _ctx(tmp_path))


def test_auto_without_tesseract_goes_to_the_cloud(framed_page: tuple, tmp_path: Path) -> None:
    path, _, _ = framed_page
    with pytest.raises(NeedsCloud, match="apt-get install"):
        handle_question_segmentation({"image_path": str(path)}, _ctx(tmp_path, tesseract_cmd="/nonexistent/tesseract"))
    with pytest.raises(BadInput, match="apt-get install"):
        handle_question_segmentation({"image_path": str(path), "engine": "opencv"},
                                     _ctx(tmp_path, tesseract_cmd="/nonexistent/tesseract"))


@pytest.mark.parametrize(
    ("template_text", "message"),
    [
        (None, "needs a template"),
        ("{not json", "not readable JSON"),
        ('{"questions": []}', "no questions"),
        ('{"questions": [{"number": 1, "bbox": [0, 0, -5, 10]}]}', r"questions\[0\]"),
        ('{"page_size": [0, 10], "questions": [{"number": 1, "bbox": [0, 0, 5, 10]}]}', "page_size"),
    ],
)
def test_bad_templates(framed_page: tuple, tmp_path: Path, template_text: str | None, message: str) -> None:
    path, _, _ = framed_page
    payload = {"image_path": str(path), "engine": "template"}
    if template_text is not None:
        template = tmp_path / "bad.json"
        template.write_text(template_text)
        payload["template"] = str(template)
    with pytest.raises(BadInput, match=message):
        handle_question_segmentation(payload, _ctx(tmp_path))


def test_bad_image_inputs(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="not found"):
        handle_question_segmentation({"image_path": str(tmp_path / "none.png")}, _ctx(tmp_path))
    text = tmp_path / "page.jpg"
    text.write_text("hello")
    with pytest.raises(BadInput, match="not a readable image"):
        handle_question_segmentation({"image_path": str(text)}, _ctx(tmp_path))
    with pytest.raises(BadInput, match="downloaded first"):
        handle_question_segmentation({"image_url": "https://example.invalid/p.png"}, _ctx(tmp_path))
    template_missing = {"image_path": str(text), "engine": "template", "template": str(tmp_path / "no.json")}
    with pytest.raises(BadInput):
        handle_question_segmentation(template_missing, _ctx(tmp_path))
