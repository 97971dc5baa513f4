"""Each bad file fails its own job with one teacher-readable BadInput; the good ones in the batch read."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.omr.pdf_fixtures import empty_pdf, encrypted_pdf
from tests.omr.synth import make_sheet
from worker.context import JobContext
from worker.errors import BadInput
from worker.omr.handler import handle_omr

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
T45 = TEMPLATES / "kr_omr_45.json"


def _huge_png_header(path: Path, width: int, height: int) -> None:
    """A PNG whose header claims width x height: the loader must refuse before decoding anything."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    rng = np.random.default_rng(7)
    good = folder / "good.jpg"
    good.write_bytes(make_sheet(T45, rng, turn=0).jpeg)
    files = {"good": good}
    (folder / "empty.jpg").write_bytes(b"")
    files["zero bytes"] = folder / "empty.jpg"
    data = good.read_bytes()
    (folder / "cut.jpg").write_bytes(data[: len(data) // 2])
    files["truncated jpeg"] = folder / "cut.jpg"
    (folder / "notes.png").write_text("these are my notes, not a scan\n")
    files["text named png"] = folder / "notes.png"
    _huge_png_header(folder / "huge.png", 20000, 20000)
    files["20000x20000"] = folder / "huge.png"
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    files["encrypted pdf"] = folder / "locked.pdf"
    (folder / "nopages.pdf").write_bytes(empty_pdf())
    files["0-page pdf"] = folder / "nopages.pdf"
    Image.new("L", (1654, 2339), 250).save(folder / "blank.png")
    files["blank page"] = folder / "blank.png"
    other = make_sheet(TEMPLATES / "kr_omr_20.json", rng, turn=0)
    (folder / "other.jpg").write_bytes(other.jpeg)
    files["other template"] = folder / "other.jpg"
    return files


EXPECTED = {
    "zero bytes": "empty",
    "truncated jpeg": "cut off",
    "text named png": "not a scan or image",
    "20000x20000": "too large",
    "encrypted pdf": "password",
    "0-page pdf": "no pages",
    "blank page": "corner marks",
    "other template": "not a kr_omr_45 card",
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_bad_file_fails_its_own_job_with_a_clear_message(batch: dict[str, Path], kind: str, tmp_path: Path) -> None:
    ctx = JobContext(job_id=f"job-{kind}", job_type="omr", data_dir=tmp_path)
    with pytest.raises(BadInput) as info:
        handle_omr({"image_path": str(batch[kind]), "template": str(T45)}, ctx)
    message = str(info.value)
    assert EXPECTED[kind] in message
    assert "\n" not in message and "Traceback" not in message


def test_the_good_sheet_in_the_same_batch_reads(batch: dict[str, Path], tmp_path: Path) -> None:
    ctx = JobContext(job_id="job-good", job_type="omr", data_dir=tmp_path)
    result = handle_omr({"image_path": str(batch["good"]), "template": str(T45)}, ctx)
    assert len(result["student_id"]) == 8
    assert Path(result["annotated_image"]).exists()
    assert json.loads(json.dumps(result))["alignment"]["method"] == "CornerMarks"  # JSON-serialisable
    assert {"fields", "items", "flags", "needs_review", "confidence", "score"} <= set(result)


def test_blank_card_reads_blank(tmp_path: Path) -> None:
    from worker.omr.render import render_card
    from worker.omr.template import load_template

    image, _, _ = render_card(load_template(T45), dpi=200)
    path = tmp_path / "blank_card.png"
    cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    ctx = JobContext(job_id="job-blank", job_type="omr", data_dir=tmp_path)
    result = handle_omr({"image_path": str(path), "template": str(T45)}, ctx)
    values = {name: col["value"] for name, col in result["fields"].items()}
    assert set(values.values()) == {""}
    # One sheet-level flag, not one per question: every field is a clean blank (a reason, not a flag).
    assert result["needs_review"] and result["flags"] == ["blank_sheet"]
    assert all("blank" in c["reasons"] and not c["flags"] for c in result["fields"].values())
