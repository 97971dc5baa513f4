"""A page that is not this template's card is refused with "does not match the template", never read as a
student: the Korean cards against each other's pages, every shared sample set and a question paper; the
CropOnMarkers templates against every page without their marker; every template against an empty page.
A blank page of the right card still reads (tests/omr/test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.omr.synth import make_sheet
from worker.errors import BadInput
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template

REPO = Path(__file__).resolve().parents[2]
KOREAN = sorted((REPO / "resources" / "templates").glob("kr_omr_*.json"))
SAMPLES = REPO / ".." / "shared" / "samples" / "omrchecker" / "samples"
# OMRChecker's sample sets that share one marker image (omr_marker.jpg): their pages carry each other's
# markers, so only the bubble grid could tell them apart (not asserted here).
MARKER_SETS = ("sample1", "sample5", "community/UmarFarootAPS")


def _question_paper() -> np.ndarray:
    page = np.full((1754, 1240), 250, np.uint8)
    rng = np.random.default_rng(1)
    words = ["find", "the", "value", "of", "x", "when", "the", "area", "is", "twice", "its", "perimeter"]
    y = 140
    while y < 1650:
        if rng.random() < 0.15:
            y += 40
        line = f"{int(rng.integers(1, 30))}. " + " ".join(rng.choice(words, 8))
        cv2.putText(page, line, (100, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 30, 2, cv2.LINE_AA)
        for option in range(5):  # printed answer choices, like a Korean exam's (1)-(5)
            if rng.random() < 0.2:
                cv2.circle(page, (140 + option * 120, y + 30), 11, 40, 2)
        y += 52
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("other_pages")
    out: dict[str, Path] = {}
    rng = np.random.default_rng(11)
    for template in KOREAN:
        path = folder / f"{template.stem}.jpg"
        path.write_bytes(make_sheet(template, rng, turn=0).jpeg)
        out[template.stem] = path
    cv2.imwrite(str(folder / "question_paper.png"), _question_paper())
    out["question paper"] = folder / "question_paper.png"
    cv2.imwrite(str(folder / "empty.png"), np.full((1754, 1240), 247, np.uint8))
    out["empty page"] = folder / "empty.png"
    if SAMPLES.exists():
        for template in sorted(SAMPLES.rglob("template.json")):
            images = sorted(p for p in template.parent.rglob("*") if p.suffix.lower() in (".jpg", ".png")
                            and "marker" not in p.name and p.name != "reference.png")
            if images:
                out[str(template.parent.relative_to(SAMPLES))] = images[0]
    return out


def _refused(image: Path, template: Path) -> str:
    with pytest.raises(BadInput) as info:
        read_sheet(load_page(image), load_template(template))
    return str(info.value)


@pytest.mark.parametrize("template", KOREAN, ids=[t.stem for t in KOREAN])
def test_korean_card_refuses_every_other_page(template: Path, pages: dict[str, Path]) -> None:
    for name, image in pages.items():
        if name == template.stem:
            continue
        assert "does not match the template" in _refused(image, template), name


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not checked out beside the repo")
@pytest.mark.parametrize("marker_set", MARKER_SETS)
def test_marker_template_refuses_pages_without_its_markers(marker_set: str, pages: dict[str, Path]) -> None:
    template = SAMPLES / marker_set / "template.json"
    for name, image in pages.items():
        if name in MARKER_SETS or (marker_set == "sample1" and ("adrian" in image.name)):
            continue
        assert "does not match the template" in _refused(image, template), name


@pytest.mark.skipif(not SAMPLES.exists(), reason="shared samples not checked out beside the repo")
def test_every_template_refuses_an_empty_page(pages: dict[str, Path]) -> None:
    for template in [*KOREAN, *sorted(SAMPLES.rglob("template.json"))]:
        assert "does not match the template" in _refused(pages["empty page"], template), template
