"""A page that is not this template's card is refused with "does not match the template", never read as a
student: every bundled and shared template against every page of every other card, a question paper and
an empty page. Sample sets that print the same card (the same sheet photographed again, or one card on
two kinds of paper) read each other's pages: that is the control that the check does not refuse the
right card. A blank page of the right card still reads (tests/omr/test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.omr.other_pages import card_pages, card_templates, same_card
from tests.omr.shared_samples import needs_samples
from worker.errors import BadInput
from worker.omr.pages import load_page
from worker.omr.sheet import read_sheet
from worker.omr.template import load_template


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path]]:
    return card_pages(tmp_path_factory.mktemp("other_pages"))


TEMPLATES = card_templates()


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
            if card == same_card(name):
                refused_own.append(f"{image.name}: {error}")
            else:
                assert "does not match the template" in str(error), (image.name, str(error))
            continue
        if card != same_card(name):
            read.append(f"{card}: {image.name}")
        own += card == same_card(name)
    assert not read, f"read as a student with template {name}: {read}"
    assert not refused_own, refused_own
    assert own >= 1
    assert len(pages) >= 26  # 3 Korean cards, the text and empty pages, 21 shared sample images
