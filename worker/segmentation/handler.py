"""The `question_segmentation` job: where each question is on an exam page, with a crop of each.

Payload (the central API's SegmentationPayload): `image_path`, `engine` (yolo | opencv | template | auto,
default auto), `template` (path of a template JSON, for engine template). Result: `questions`
[{number, bbox [x, y, w, h] in image pixels, text, crop_path}], `engine`, `image_size`.

`opencv` reads the page (OCR), takes question-number anchors at line starts, ends the last question
of a column at a wide layout gap, and widens a question to the drawn frame around it. `yolo` needs a
layout model only the cloud worker has. `auto`: template when one is given, else opencv, else cloud.
Runs on the claiming worker thread/process like `ocr`; progress is reported from that thread.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud
from worker.inputs import input_path, load_gray_image
from worker.ocr.handler import read_image_job, tesseract_command
from worker.ocr.page_reader import OcrLine
from worker.segmentation.anchors import FoundQuestion, questions_from_lines
from worker.segmentation.frames import contains_point, find_frames
from worker.segmentation.template import load_template

CROP_PADDING = 8  # pixels around each question crop, so strokes on the box edge are kept


def _save_crops(gray: np.ndarray, questions: list[dict[str, Any]], folder: Path) -> None:
    height, width = gray.shape
    for index, question in enumerate(questions):
        x, y, w, h = question["bbox"]
        x0, y0 = max(0, x - CROP_PADDING), max(0, y - CROP_PADDING)
        x1, y1 = min(width, x + w + CROP_PADDING), min(height, y + h + CROP_PADDING)
        path = folder / f"q{index + 1:03d}_{question['number']}.png"
        if x1 > x0 and y1 > y0 and cv2.imwrite(str(path), gray[y0:y1, x0:x1]):
            question["crop_path"] = str(path)
        else:
            question["crop_path"] = None


def _with_frames(found: list[FoundQuestion], frames: list[list[int]]) -> list[list[int]]:
    """Each question's box, or the frame around it when the frame holds that question's anchor only."""
    boxes = []
    anchors = [(q.lines[0].bbox[0] + 2, q.lines[0].bbox[1] + q.lines[0].bbox[3] / 2) for q in found]
    for question, anchor in zip(found, anchors, strict=True):
        box = question.bbox
        for frame in frames:
            if contains_point(frame, *anchor) and sum(contains_point(frame, *a) for a in anchors) == 1:
                box = frame
                break
        boxes.append(box)
    return boxes


def _template_questions(payload: dict[str, Any], ctx: JobContext, gray: np.ndarray) -> list[dict[str, Any]]:
    template = input_path({"template_path": payload.get("template")}, "template_path", ctx.allowed_dirs)
    regions = load_template(template, (gray.shape[1], gray.shape[0]))
    lines: list[OcrLine] = []
    # Without tesseract the regions are still right; only their text stays empty.
    with contextlib.suppress(BadInput):
        lines = read_image_job(payload, ctx, "tesseract").lines
    questions = []
    for number, box in regions:
        x, y, w, h = box
        inside = [ln for ln in lines
                  if x <= ln.bbox[0] + ln.bbox[2] / 2 <= x + w and y <= ln.bbox[1] + ln.bbox[3] / 2 <= y + h]
        questions.append({"number": number, "bbox": box, "text": "\n".join(ln.text for ln in inside)})
    return questions


def handle_question_segmentation(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    engine = payload.get("engine") or "auto"
    if engine == "yolo":
        raise NeedsCloud("engine yolo needs the layout model on the cloud worker")
    if engine == "template" and not payload.get("template"):
        raise BadInput("engine template needs a template (path of a segmentation template JSON)")
    if engine == "auto":
        engine = "template" if payload.get("template") else "opencv"
    path = input_path(payload, "image_path", ctx.allowed_dirs)
    gray, _ = load_gray_image(path)

    if engine == "template":
        questions = _template_questions(payload, ctx, gray)
    else:
        tesseract_command(ctx, "auto" if payload.get("engine") in (None, "auto") else "tesseract")
        page = read_image_job(payload, ctx, "tesseract")
        found = questions_from_lines(page.lines)
        boxes = _with_frames(found, find_frames(gray))
        questions = [{"number": q.number, "bbox": box, "text": q.text} for q, box in zip(found, boxes, strict=True)]
    _save_crops(gray, questions, ctx.output_dir("segmentation"))
    ctx.progress(1.0, f"{len(questions)} questions")
    return {"questions": questions, "engine": engine, "image_size": [gray.shape[1], gray.shape[0]]}
