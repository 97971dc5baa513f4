"""Pages in: PNG, JPEG, TIFF (every page) and PDF (every page), with a pixel limit and teacher-readable errors.

Every failure is a `BadInput` whose message names the file and says what is wrong with it in plain words.
Big scans are decoded at half size (cv2.IMREAD_REDUCED_*_2) when that still leaves enough pixels to read
bubbles: decoding is the largest single cost per sheet.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from worker.errors import BadInput
from worker.omr.scan_files import SCAN_SUFFIXES, check_file, count_pages, open_pdf, page_name

# The file helpers live in scan_files (no OpenCV); they are here too for the callers that decode.
__all__ = ["SCAN_SUFFIXES", "Page", "count_pages", "load_page", "page_name"]

MAX_PIXELS = 90_000_000  # 600 dpi A3 is ~70 MP; anything bigger is not a scan of a card
REDUCE_ABOVE = 1400  # shorter side in px above which a half-size decode keeps >= ~100 dpi on A4
PDF_DPI = 200
@dataclass
class Page:
    """One decoded page. `grey` drives alignment; `light` drives reading (coloured print suppressed)."""

    grey: np.ndarray
    light: np.ndarray
    scale: float  # decoded pixels per pixel of the original image
    original_size: tuple[int, int]  # (width, height) of the page as stored in the file


def _check_pixels(path: Path, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise BadInput(
            f"{path.name}: the image is too large ({width}×{height} pixels); scan at 150–600 dpi"
        )
    if min(width, height) < 100:
        raise BadInput(f"{path.name}: the image is too small ({width}×{height} pixels) to read a card")


def _split(image: np.ndarray, scale: float, original: tuple[int, int]) -> Page:
    if image.ndim == 2:
        return Page(image, image, scale, original)
    if image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    # Coloured print (red or blue cards) must not look like pencil: read on the brightest channel,
    # where coloured ink is light and graphite or black pen stays dark. Skip it for grey scans.
    sample = image[::16, ::16].astype(np.int16)
    chroma = np.abs(sample - sample.mean(axis=2, keepdims=True)).max(axis=2)
    if float(np.percentile(chroma, 99)) < 12:
        return Page(grey, grey, scale, original)
    light = cv2.max(cv2.max(image[:, :, 0], image[:, :, 1]), image[:, :, 2])
    return Page(grey, light, scale, original)


def _jpeg_components(data: bytes) -> int:
    """Colour components in a JPEG's frame header (1 = greyscale), 0 when not found."""
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return 0
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return data[index + 9]
        index += 2 + length
    return 0


def _load_raster(path: Path, kind: str) -> Page:
    try:
        with Image.open(path) as probe:
            width, height = probe.size
    except Image.DecompressionBombError:
        raise BadInput(f"{path.name}: the image is too large to be a scan; scan at 150–600 dpi") from None
    except Exception:
        raise BadInput(f"{path.name}: the image file is damaged or not an image") from None
    _check_pixels(path, width, height)
    data = path.read_bytes()
    if kind == "jpeg" and b"\xff\xd9" not in data[-4096:]:
        raise BadInput(f"{path.name}: the JPEG file is cut off (incomplete download or copy); scan it again")
    if kind == "png" and b"IEND" not in data[-64:]:
        raise BadInput(f"{path.name}: the PNG file is cut off (incomplete download or copy); scan it again")
    reduce = min(width, height) >= REDUCE_ABOVE
    grey_only = kind == "jpeg" and _jpeg_components(data) == 1  # a grey JPEG: skip the colour decode
    if grey_only:
        flags = cv2.IMREAD_REDUCED_GRAYSCALE_2 if reduce else cv2.IMREAD_GRAYSCALE
    else:
        flags = cv2.IMREAD_REDUCED_COLOR_2 if reduce else cv2.IMREAD_COLOR
    buffer = np.frombuffer(data, dtype=np.uint8)
    image = cv2.imdecode(buffer, flags)
    if image is None:
        raise BadInput(f"{path.name}: the image cannot be decoded (damaged file)")
    return _split(image, image.shape[1] / width, (width, height))


def _load_tiff(path: Path, page: int) -> Page:
    try:
        with Image.open(path) as image:
            frames = int(getattr(image, "n_frames", 1))
            if page >= frames:
                raise BadInput(f"{path.name}: page {page + 1} does not exist (the file has {frames})")
            image.seek(page)
            _check_pixels(path, *image.size)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if image.mode in ("1", "L", "I;16", "I", "F"):
                    array = np.asarray(image.convert("L"))
                else:
                    array = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2BGR)
    except BadInput:
        raise
    except Image.DecompressionBombError:
        raise BadInput(f"{path.name}: the image is too large to be a scan; scan at 150–600 dpi") from None
    except Exception as exc:
        raise BadInput(f"{path.name}: the TIFF file is damaged ({exc})") from None
    width, height = array.shape[1], array.shape[0]
    scale = 1.0
    if min(width, height) >= REDUCE_ABOVE:
        array = cv2.resize(array, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
        scale = 0.5
    return _split(np.ascontiguousarray(array), scale, (width, height))


def _load_pdf(path: Path, page: int) -> Page:
    document = open_pdf(path)
    try:
        count = len(document)
        if count == 0:
            raise BadInput(f"{path.name}: the PDF has no pages")
        if page >= count:
            raise BadInput(f"{path.name}: page {page + 1} does not exist (the PDF has {count})")
        pdf_page = document[page]
        width_pt, height_pt = pdf_page.get_size()
        scale = PDF_DPI / 72.0
        _check_pixels(path, int(width_pt * scale), int(height_pt * scale))
        bitmap = pdf_page.render(scale=scale, grayscale=False)
        array = np.array(bitmap.to_numpy())
        if array.ndim == 3 and array.shape[2] == 4:
            array = array[:, :, :3]
        # pdfium renders BGR(x) byte order, which is what OpenCV expects
    except BadInput:
        raise
    except Exception as exc:
        raise BadInput(f"{path.name}: page {page + 1} of the PDF cannot be drawn ({exc})") from None
    finally:
        document.close()
    return _split(np.ascontiguousarray(array), 1.0, (array.shape[1], array.shape[0]))


def load_page(path: str | Path, page: int = 0) -> Page:
    """Decode page `page` (0-based) of a scan file. Raises BadInput with a teacher-readable reason."""
    path = Path(path)
    kind = check_file(path)
    if kind == "pdf":
        return _load_pdf(path, page)
    if kind == "tiff":
        return _load_tiff(path, page)
    if page != 0:
        raise BadInput(f"{path.name}: page {page + 1} does not exist (the image has one page)")
    return _load_raster(path, kind)
