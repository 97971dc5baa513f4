"""Scan files before decoding: which files are scans, what kind each is, how many pages it holds, and the
name a page goes by. Nothing here decodes an image, so the desk's import and the command line use it
without loading OpenCV (worker/omr/pages.py decodes).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from worker.errors import BadInput
from worker.pillow_warnings import silence_metadata_warnings

silence_metadata_warnings()

SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".bmp", ".webp")

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_TIFF_MAGIC = (b"II*\x00", b"MM\x00*")
_PDF_MAGIC = b"%PDF"


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


def check_file(path: Path) -> str:
    """The file's kind (jpeg, png, tiff, pdf, other-image); BadInput when it is missing, empty or no scan."""
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


def open_pdf(path: Path):  # type: ignore[no-untyped-def]
    """The PDF as a pypdfium2 document (close it); BadInput when it is locked, empty or damaged."""
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
    kind = check_file(path)
    if kind == "pdf":
        document = open_pdf(path)
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


def page_name(path: str | Path, page: int, page_count: int) -> str:
    """The CSV `file` column: base name, with `#pN` (1-based) for pages of a multi-page file."""
    name = Path(path).name
    return f"{name}#p{page + 1}" if page_count > 1 else name
