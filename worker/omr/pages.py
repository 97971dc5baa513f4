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
from worker.pillow_warnings import silence_metadata_warnings

silence_metadata_warnings()

MAX_PIXELS = 90_000_000  # 600 dpi A3 is ~70 MP; anything bigger is not a scan of a card
REDUCE_ABOVE = 1400  # shorter side in px above which a half-size decode keeps >= ~100 dpi on A4
PDF_DPI = 200
SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".bmp", ".webp")

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*")
_PDF_MAGIC = b"%PDF"


@dataclass
class Page:
    """One decoded page. `grey` drives alignment; `light` drives reading (coloured print suppressed)."""

    grey: np.ndarray
    light: np.ndarray
    scale: float  # decoded pixels per pixel of the original image
    original_size: tuple[int, int]  # (width, height) of the page as stored in the file


def _kind(path: Path, head: bytes) -> str:
    if head.startswith(_JPEG_MAGIC):
        return "jpeg"
    if head.startswith(_PNG_MAGIC):
        return "png"
    if head.startswith(_TIFF_MAGIC):
        return "tiff"
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if head[:2] == b"BM" or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "other-image"
    raise BadInput(f"{path.name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)")


def _check_file(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadInput(f"{path.name}: file not found ({path})") from None
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot open the file ({exc.strerror})") from None
    if size == 0:
        raise BadInput(f"{path.name}: the file is empty (0 bytes); scan the sheet again")
    with path.open("rb") as handle:
        head = handle.read(16)
    return _kind(path, head)


def _check_pixels(path: Path, width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise BadInput(
            f"{path.name}: the image is too large ({width}×{height} pixels); scan at 150–600 dpi"
        )
    if min(width, height) < 100:
        raise BadInput(f"{path.name}: the image is too small ({width}×{height} pixels) to read a card")


def _pdf_document(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        # PDFium's error code is process-global and can be stale, so look at the file itself too.
        with path.open("rb") as handle:
            encrypted = b"/Encrypt" in handle.read()
        if encrypted:
            raise BadInput(f"{path.name}: the PDF is password-protected; save it without a password") from None
        # PDFium also refuses a well-formed file whose page tree is empty.
        raise BadInput(f"{path.name}: the PDF has no pages or is damaged") from None


def count_pages(path: str | Path) -> int:
    """How many pages the file holds, without decoding them."""
    path = Path(path)
    kind = _check_file(path)
    if kind == "pdf":
        document = _pdf_document(path)
        try:
            count = len(document)
        finally:
            document.close()
        if count == 0:
            raise BadInput(f"{path.name}: the PDF has no pages")
        return count
    if kind == "tiff":
        try:
            with Image.open(path) as image:
                return int(getattr(image, "n_frames", 1))
        except Exception as exc:
            raise BadInput(f"{path.name}: the TIFF file is damaged ({exc})") from None
    return 1


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
    document = _pdf_document(path)
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
    kind = _check_file(path)
    if kind == "pdf":
        return _load_pdf(path, page)
    if kind == "tiff":
        return _load_tiff(path, page)
    if page != 0:
        raise BadInput(f"{path.name}: page {page + 1} does not exist (the image has one page)")
    return _load_raster(path, kind)


def page_name(path: str | Path, page: int, page_count: int) -> str:
    """The CSV `file` column: base name, with `#pN` (1-based) for pages of a multi-page file."""
    name = Path(path).name
    return f"{name}#p{page + 1}" if page_count > 1 else name
