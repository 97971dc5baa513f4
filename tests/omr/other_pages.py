"""Pages for the card check: which templates exist (bundled Korean cards, every shared OMRChecker sample),
which sample sets print the same card, and a question paper with printed answer choices. Used by
tests/omr/test_wrong_card.py and benchmarks/omr_card_check.py."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tests.omr.shared_samples import SAMPLES_ROOT
from tests.omr.synth import make_sheet

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


def same_card(name: str) -> str:
    return SAME_CARD.get(name, name)


def card_templates() -> dict[str, Path]:
    found = {path.stem: path for path in KOREAN}
    for path in sorted(SAMPLES.rglob("template.json")):
        found[str(path.parent.relative_to(SAMPLES))] = path
    return found


def question_paper() -> np.ndarray:
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


def card_pages(folder: Path) -> list[tuple[str, Path]]:
    """(card, image) for every page, drawn into `folder` where needed: each Korean card filled once (by
    tests/omr/synth.py), every shared sample image, a question paper and an empty page."""
    out: list[tuple[str, Path]] = []
    rng = np.random.default_rng(11)
    for template in KOREAN:
        path = folder / f"{template.stem}.jpg"
        path.write_bytes(make_sheet(template, rng, turn=0).jpeg)
        out.append((template.stem, path))
    cv2.imwrite(str(folder / "question_paper.png"), question_paper())
    out.append((TEXT_PAGE, folder / "question_paper.png"))
    cv2.imwrite(str(folder / "empty.png"), np.full((1754, 1240), 247, np.uint8))
    out.append((EMPTY_PAGE, folder / "empty.png"))
    for template in sorted(SAMPLES.rglob("template.json")):
        card = same_card(str(template.parent.relative_to(SAMPLES)))
        for image in sorted(template.parent.rglob("*")):
            if image.suffix.lower() in (".jpg", ".jpeg", ".png") and "marker" not in image.name \
                    and image.name != "reference.png":  # sample6's vector drawing of its card
                out.append((card, image))
    return out
