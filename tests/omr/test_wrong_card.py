"""A page that is not this template's card is refused with "does not match the template", never read as a
student: every bundled and shared template against every page of every other card, a question paper and
an empty page. Sample sets that print the same card (the same sheet photographed again, or one card on
two kinds of paper) read each other's pages: that is the control that the check does not refuse the
right card. A blank page of the right card still reads (tests/omr/test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.omr.shared_samples import SAMPLES_ROOT, needs_samples
from tests.omr.synth import make_sheet
from worker.errors import BadInput
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template

REPO = Path(__file__).resolve().parents[2]
KOREAN = sorted((REPO / "resources" / "templates").glob("kr_omr_*.json"))
SAMPLES = SAMPLES_ROOT / "samples"
# Sample sets whose pages are one printed card: sample2's sheet is the one both answer-key sets
# photograph, and sample3 is one card on coloured and on xeroxed paper, with a template for each.
SAME_CARD = {
    "answer-key/using-csv": "adrian",
    "answer-key/weighted-answers": "adrian",
    "sample2": "adrian",
    "sample3/colored-thick-sheet": "sample3",
    "sample3/xeroxed-thin-sheet": "sample3",
}
TEXT_PAGE = "question paper"
EMPTY_PAGE = "empty page"


def _card(name: str) -> str:
    return SAME_CARD.get(name, name)


def _templates() -> dict[str, Path]:
    found = {path.stem: path for path in KOREAN}
    for path in sorted(SAMPLES.rglob("template.json")):
        found[str(path.parent.relative_to(SAMPLES))] = path
    return found


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
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path]]:
    """(card, image) for every page: each Korean card filled once, every shared sample image, a question
    paper and an empty page."""
    folder = tmp_path_factory.mktemp("other_pages")
    out: list[tuple[str, Path]] = []
    rng = np.random.default_rng(11)
    for template in KOREAN:
        path = folder / f"{template.stem}.jpg"
        path.write_bytes(make_sheet(template, rng, turn=0).jpeg)
        out.append((template.stem, path))
    cv2.imwrite(str(folder / "question_paper.png"), _question_paper())
    out.append((TEXT_PAGE, folder / "question_paper.png"))
    cv2.imwrite(str(folder / "empty.png"), np.full((1754, 1240), 247, np.uint8))
    out.append((EMPTY_PAGE, folder / "empty.png"))
    for template in sorted(SAMPLES.rglob("template.json")):
        card = _card(str(template.parent.relative_to(SAMPLES)))
        for image in sorted(template.parent.rglob("*")):
            if image.suffix.lower() in (".jpg", ".jpeg", ".png") and "marker" not in image.name \
                    and image.name != "reference.png":  # sample6's vector drawing of its card
                out.append((card, image))
    return out


TEMPLATES = _templates()


@needs_samples
@pytest.mark.parametrize("name", list(TEMPLATES), ids=list(TEMPLATES))
def test_template_refuses_every_other_card_and_reads_its_own(name: str, pages: list[tuple[str, Path]]) -> None:
    template = load_template(TEMPLATES[name])
    read: list[str] = []
    refused_own: list[str] = []
    own = 0
    for card, image in pages:
        try:
            read_sheet(load_page(image), template)
        except BadInput as error:
            if card == _card(name):
                refused_own.append(f"{image.name}: {error}")
            else:
                assert "does not match the template" in str(error), (image.name, str(error))
            continue
        if card != _card(name):
            read.append(f"{card}: {image.name}")
        own += card == _card(name)
    assert not read, f"read as a student with template {name}: {read}"
    assert not refused_own, refused_own
    assert own >= 1
    assert len(pages) >= 26  # 3 Korean cards, the text and empty pages, 21 shared sample images
