"""The `ocr` job: Korean and English text of one page image, line by line with boxes.

Payload (the central API's OCRPayload): `image_path`, `engine` (google | tesseract | auto, default auto),
`academy_id` (passed through). Result: `text`, `lines` [{text, bbox [x, y, w, h] in image pixels,
confidence 0..1}], `lang`, `engine`, and what preprocessing did.

Runs on the worker's thread or process-pool child that claimed the job (CPU-bound: one tesseract at a
time); `ctx.progress` and `ctx.cancelled` are called from that same thread between stages.
"""

from __future__ import annotations

from typing import Any

from core.bundle import default_tesseract_cmd
from worker.context import JobContext
from worker.errors import BadInput, Cancelled, NeedsCloud, TransientError
from worker.inputs import input_path, load_gray_image
from worker.ocr.page_reader import PageText, read_page
from worker.ocr.tesseract_engine import LANG, TesseractUnavailable, check_tesseract


def tesseract_command(ctx: JobContext, engine: str) -> str:
    """The tesseract to run; missing tesseract fails a `tesseract` job and sends an `auto` job to the
    cloud (where Google Vision reads it), both with the install instructions."""
    command = str(ctx.settings.get("tesseract_cmd") or default_tesseract_cmd())
    try:
        return check_tesseract(command)
    except TesseractUnavailable as exc:
        if engine == "auto":
            raise NeedsCloud(f"no OCR engine on this desk: {exc}") from None
        raise BadInput(str(exc)) from None


def read_image_job(payload: dict[str, Any], ctx: JobContext, engine: str) -> PageText:
    """Shared by `ocr` and `question_segmentation`: load, check, read, with progress and cancel checks."""
    command = tesseract_command(ctx, engine)
    path = input_path(payload, "image_path", ctx.allowed_dirs)
    gray, dpi = load_gray_image(path)
    ctx.progress(0.05, "image loaded")

    def step(fraction: float, message: str) -> None:
        if ctx.cancelled():
            raise Cancelled("cancelled")
        ctx.progress(0.05 + 0.9 * fraction, message)

    try:
        return read_page(gray, dpi, tesseract_cmd=command, step=step)
    except RuntimeError as exc:
        # Tesseract crashed or hung on this page: may be memory pressure; let the queue retry.
        raise TransientError(str(exc)) from None


def handle_ocr(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    engine = payload.get("engine") or "auto"
    if engine == "google":
        raise NeedsCloud("engine google (Google Vision) runs on the cloud worker")
    page = read_image_job(payload, ctx, engine)
    ctx.progress(1.0, f"{len(page.lines)} lines")
    return {
        "text": page.text,
        "lines": [line.to_dict() for line in page.lines],
        "lang": LANG,
        "engine": "tesseract",
        "academy_id": payload.get("academy_id"),
        "circled_marks": page.circled_marks,
        "preprocess": {
            "scale": round(page.page.scale, 3),
            "skew_degrees": round(page.page.skew_degrees, 2),
            "uneven_background": page.page.uneven_background,
        },
    }
