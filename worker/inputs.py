"""Checks on the files a job names, shared by the handlers: every failure here is `BadInput`.

A job from the central queue may name its input by URL; the remote-worker code downloads it and passes
`image_path`/`video_path`, so a handler that still sees only a URL was handed the job too early.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError

from worker.errors import BadInput
from worker.pillow_warnings import silence_metadata_warnings

silence_metadata_warnings()

MAX_IMAGE_PIXELS = 80_000_000  # an A3 page at 600 dpi is ~70 MP; larger is a wrong file, not a scan


def input_path(payload: Mapping[str, Any], key: str, allowed_dirs: Iterable[Path] = ()) -> Path:
    """The existing file named by `payload[key]` (`image_path` or `video_path`)."""
    url_key = key.replace("_path", "_url")
    raw = payload.get(key)
    if not raw:
        if payload.get(url_key):
            raise BadInput(f"{url_key} must be downloaded first: this handler reads local files ({key})")
        raise BadInput(f"{key} is required")
    path = Path(str(raw)).expanduser()
    allowed = [Path(d).resolve() for d in allowed_dirs]
    if allowed and not any(path.resolve().is_relative_to(d) for d in allowed):
        raise BadInput(f"{path} is outside the folders this desk may read")
    if not path.exists():
        raise BadInput(f"file not found: {path}")
    if not path.is_file():
        raise BadInput(f"not a file: {path}")
    return path


PDF_DPI = 300


def _load_pdf_page(path: Path) -> tuple[np.ndarray, float]:
    """The first page of a PDF rendered at 300 dpi (exam pages are often scanned straight to PDF)."""
    import pypdfium2 as pdfium  # only PDFs need it

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        raise BadInput(f"not a readable PDF: {path.name}") from None
    try:
        if len(document) == 0:
            raise BadInput(f"the PDF has no pages: {path.name}")
        page = document[0]
        width, height = page.get_size()
        if width * height * (PDF_DPI / 72) ** 2 > MAX_IMAGE_PIXELS:
            raise BadInput(f"PDF page too large to read at {PDF_DPI} dpi: {path.name}")
        image = page.render(scale=PDF_DPI / 72, grayscale=True).to_pil().convert("L")
        return np.ascontiguousarray(np.asarray(image)), float(PDF_DPI)
    finally:
        document.close()


def load_gray_image(path: Path) -> tuple[np.ndarray, float | None]:
    """The first page of an image file (or PDF) as 8-bit grayscale, and its dpi when the file records one."""
    with path.open("rb") as head:
        if head.read(5) == b"%PDF-":
            return _load_pdf_page(path)
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise BadInput(f"image too large ({image.width}x{image.height} pixels): {path.name}")
            dpi = image.info.get("dpi")
            gray = np.asarray(image.convert("L"))
    except BadInput:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise BadInput(f"not a readable image: {path.name} ({type(exc).__name__})") from None
    if gray.ndim != 2 or min(gray.shape) < 16:
        raise BadInput(f"image too small to read: {path.name} ({gray.shape[1]}x{gray.shape[0]})")
    resolution = None
    if isinstance(dpi, tuple) and dpi and isinstance(dpi[0], (int, float)) and dpi[0] > 0:
        resolution = float(dpi[0])
    return np.ascontiguousarray(gray), resolution
