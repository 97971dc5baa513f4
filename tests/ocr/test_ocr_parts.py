"""Parts of the OCR pipeline on small inputs: circle finding, word spacing, preprocessing, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.ocr.exam_pages import FONT_DIR, FONTS, degrade, render_page
from worker.context import JobContext
from worker.errors import BadInput, NeedsCloud, TransientError
from worker.ocr.circled_digits import find_circled_digits
from worker.ocr.handler import handle_ocr
from worker.ocr.layout import PSM_BLOCK, PSM_LINE, find_regions
from worker.ocr.preprocess import REFERENCE_TEXT_HEIGHT, prepare_page
from worker.ocr.tesseract_engine import TesseractUnavailable, Word, check_tesseract, mark_spaces, parse_tsv


def _line_image(text: str, font_name: str, size: int = 48) -> np.ndarray:
    font = ImageFont.truetype(str(FONT_DIR / font_name), size)
    width = int(font.getlength(text)) + 80
    image = Image.new("L", (width, size * 2), 255)
    ImageDraw.Draw(image).text((40, size // 2), text, font=font, fill=0)
    return np.asarray(image)


@pytest.mark.parametrize("font_name", FONTS)
def test_circled_digits_found_and_read_but_not_look_alikes(font_name: str) -> None:
    text = "① 이응 ② o O 0 ③ 아 ㅇ ④ @ 8 ⑤ 회 Q 6"
    page = prepare_page(_line_image(text, font_name), dpi=300)
    marks = find_circled_digits(page.binary, page.text_height)
    assert [m.char for m in sorted(marks, key=lambda m: m.box[0])] == list("①②③④⑤")


def test_circled_digits_survive_a_noisy_scan() -> None:
    clean = render_page(3, font_name="NanumMyeongjo.ttf", questions=3)
    noisy = degrade(clean, 4)
    page = prepare_page(np.asarray(noisy.image), dpi=None)
    marks = find_circled_digits(page.binary, page.text_height)
    expected = sum(c in "①②③④⑤" for c in clean.text)
    assert len(marks) == expected
    assert sorted(m.digit for m in marks) == sorted(int("①②③④⑤".index(c)) + 1 for c in clean.text if c in "①②③④⑤")


def test_preprocessing_undoes_rotation_and_resolution() -> None:
    clean = render_page(5, questions=3)
    noisy = degrade(clean, 6)  # scaled to 0.65-0.8 and rotated 0.6-1.5 degrees
    page = prepare_page(np.asarray(noisy.image), dpi=None)
    # Resolution is normalised by text size: whatever the scan, text comes out at 300-dpi size.
    assert 0.8 * REFERENCE_TEXT_HEIGHT <= page.text_height <= 1.25 * REFERENCE_TEXT_HEIGHT
    assert 0.5 < abs(page.skew_degrees) < 1.7
    assert page.uneven_background
    half = clean.image.resize((clean.image.width // 2, clean.image.height // 2))
    assert prepare_page(np.asarray(half), dpi=None).scale > 1.3  # a 150-dpi scan is enlarged
    assert prepare_page(np.asarray(half), dpi=150).scale == 2.0  # the file's own dpi wins when plausible
    # A box in the prepared page maps back into the source image.
    x, y, w, h = page.box_to_source([100, 100, 200, 50])
    assert 0 <= x < noisy.image.width and 0 <= y < noisy.image.height and w > 0 and h > 0


@pytest.mark.parametrize(("seed", "questions"), [(11, 6), (7002, 6), (7, 5), (13, 3)])
def test_two_column_page_is_read_column_by_column(seed: int, questions: int) -> None:
    """Bands between questions differ in line lengths; they still join into one block per column."""
    page = render_page(seed, columns=2, questions=questions)
    prepared = prepare_page(np.asarray(page.image), dpi=300)
    regions = find_regions(prepared.binary, prepared.text_height)
    assert [r.psm for r in regions] == [PSM_LINE, PSM_BLOCK, PSM_BLOCK]  # title, left, right
    assert regions[1].box[0] < regions[2].box[0]


def test_word_spacing_comes_from_tesseract_text_output() -> None:
    words = [Word("다음", 0, 0, 10, 10, 90, (1, 1, 1)), Word("글", 12, 0, 5, 10, 90, (1, 1, 1)),
             Word("을", 18, 0, 5, 10, 90, (1, 1, 1)), Word("읽고", 30, 0, 10, 10, 90, (1, 1, 1)),
             Word("x", 0, 20, 5, 10, 90, (1, 1, 2))]
    marked = mark_spaces(words, "다음 글을 읽고\n\nx\n")
    assert [w.space_before for w in marked] == [True, True, False, True, True]
    # When the text output disagrees, every word keeps its space rather than words being glued.
    assert all(w.space_before for w in mark_spaces(words, "전혀 다른 글\nx\n"))


def test_parse_tsv_keeps_words_only() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\t광합성\n"
           "5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t-1\t \n")
    [word] = parse_tsv(tsv)
    assert (word.text, word.left, word.top, word.width, word.height, word.confidence) == ("광합성", 10, 20, 30, 40, 91.5)


def _ctx(tmp_path: Path, **settings: str) -> JobContext:
    return JobContext(job_id="j", job_type="ocr", data_dir=tmp_path / "data", settings=settings)


def test_missing_tesseract_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(TesseractUnavailable, match="apt-get install tesseract-ocr tesseract-ocr-kor"):
        check_tesseract("/nonexistent/tesseract")
    image = tmp_path / "page.png"
    Image.new("L", (100, 100), 255).save(image)
    with pytest.raises(BadInput, match="tesseract-ocr-kor"):
        handle_ocr({"image_path": str(image), "engine": "tesseract"}, _ctx(tmp_path, tesseract_cmd="/nonexistent/tesseract"))
    with pytest.raises(NeedsCloud, match="tesseract-ocr-kor"):
        handle_ocr({"image_path": str(image), "engine": "auto"}, _ctx(tmp_path, tesseract_cmd="/nonexistent/tesseract"))


def test_google_engine_goes_to_the_cloud(tmp_path: Path) -> None:
    with pytest.raises(NeedsCloud, match="cloud"):
        handle_ocr({"image_path": str(tmp_path / "whatever.png"), "engine": "google"}, _ctx(tmp_path))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.png", "not found"),
        (lambda d: (d / "notes.png").write_text("not an image") and d / "notes.png", "not a readable image"),
        (lambda d: (d / "empty.jpg").write_bytes(b"") or d / "empty.jpg", "not a readable image"),
        (lambda d: d, "not a file"),
    ],
)
def test_bad_image_files(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadInput, match=message) as caught:
        handle_ocr({"image_path": str(make(tmp_path))}, _ctx(tmp_path))
    assert not caught.value.retryable


def test_url_only_payload_must_be_downloaded_first(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="image_url must be downloaded first"):
        handle_ocr({"image_url": "https://example.invalid/page.png"}, _ctx(tmp_path))


def test_ocr_handler_result_shape(tmp_path: Path) -> None:
    page = render_page(21, questions=1)
    path = page.save(tmp_path / "one.png")
    progress: list[float] = []
    ctx = JobContext(job_id="j", job_type="ocr", data_dir=tmp_path, report_progress=lambda f, m: progress.append(f))
    result = handle_ocr({"image_path": str(path), "engine": "tesseract", "academy_id": 7}, ctx)
    assert result["engine"] == "tesseract" and result["lang"] == "kor+eng" and result["academy_id"] == 7
    assert "①" in result["text"] and "⑤" in result["text"]
    for line in result["lines"]:
        assert set(line) == {"text", "bbox", "confidence"} and len(line["bbox"]) == 4 and 0 <= line["confidence"] <= 1
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_pdf_scan_is_read_at_300_dpi(tmp_path: Path) -> None:
    page = render_page(22, questions=1)
    pdf = tmp_path / "scan.pdf"
    page.image.convert("RGB").save(pdf, resolution=300)
    result = handle_ocr({"image_path": str(pdf)}, _ctx(tmp_path))
    assert result["preprocess"]["scale"] == 1.0
    assert "①" in result["text"] and page.lines[1].text.split()[1] in result["text"]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(BadInput, match="not a readable PDF"):
        handle_ocr({"image_path": str(broken)}, _ctx(tmp_path))


@pytest.mark.parametrize("columns", [1, 2])
def test_generated_ground_truth_lies_on_the_page(columns: int) -> None:
    for seed in range(4):
        clean = render_page(seed, columns=columns)
        for page in (clean, degrade(clean, seed)):
            width, height = page.image.size
            for box in [line.bbox for line in page.lines] + [q.bbox for q in page.questions]:
                assert box[0] >= 0 and box[1] >= 0 and box[0] + box[2] <= width and box[1] + box[3] <= height


def test_tesseract_without_korean_data_says_how_to_install(tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages in \"/usr/share/tessdata/\" (2):'\necho eng\necho osd\n")
    fake.chmod(0o755)
    with pytest.raises(TesseractUnavailable, match=r"has no kor language data.*tesseract-ocr-kor"):
        check_tesseract(str(fake))


def test_tesseract_crash_is_retryable(tmp_path: Path) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\nif [ "$1" = "--list-langs" ]; then printf "eng\\nkor\\n"; exit 0; fi\n'
                    'echo "Error in pixReadMem: out of memory" >&2\nexit 1\n')
    fake.chmod(0o755)
    page = render_page(23, questions=1).save(tmp_path / "page.png")
    with pytest.raises(TransientError, match="out of memory") as caught:
        handle_ocr({"image_path": str(page)}, _ctx(tmp_path, tesseract_cmd=str(fake)))
    assert caught.value.retryable
