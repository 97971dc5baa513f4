"""Loose templates: every shared OMRChecker sample set reads the same with each field block's origin moved
by up to half a bubble off the print (tests/omr/loose.py draws the moves), or flags what it cannot tell:
never a different value without a flag. A page refused with a reason (the card check in fit.py) is not
silent either; those are counted and bounded like the differences.

Measured over 7898 column reads (13 sets, 6 draws each; `benchmarks/omr_loose.py`): 63 differ from the
drawn template's reading, every one flagged, and 3 of the 132 moved-template pages are refused. Before
blocks followed the print (main at 52bebc9): 125 differ, 49 of them silently.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.omr.loose import compare_set, sample_sets
from tests.omr.shared_samples import REQUIRED, SAMPLES_ROOT, needs_samples

ROOT = SAMPLES_ROOT / "samples"
SETS = sample_sets(ROOT) if ROOT.exists() else []

# Columns read differently from the drawn template and pages refused (all draws and images of the set),
# as measured; the bounds are about 1.5 times that (at least 2 differences). Most differences are on
# cards whose rows or columns repeat every 1.0-1.2 bubbles (Antibodyy, sample1, sample5, sample6's roll
# columns), where a block half a bubble off is as near one row as the next: those are flagged. The
# refusals are the two smallest cards (5 and 30 bubbles), where a few boxes off their print already
# make the card check doubt the card.
MEASURED: dict[str, tuple[int, int]] = {
    "answer-key/using-csv/template.json": (3, 0),
    "community/Antibodyy/template.json": (12, 1),
    "community/Sandeep-1507/template.json": (7, 0),
    "community/UmarFarootAPS/template.json": (3, 0),
    "community/ibrahimkilic/template.json": (0, 2),
    "sample1/template.json": (13, 0),
    "sample5/template.json": (8, 0),
    "sample6/template.json": (17, 0),
}


def test_every_sample_set_is_found() -> None:
    if not ROOT.exists() and not REQUIRED:
        pytest.skip("shared samples not checked out beside the repo")
    assert len(SETS) == 13, [str(path) for path, _ in SETS]


@needs_samples
@pytest.mark.parametrize(("index", "template", "images"), [(i, t, imgs) for i, (t, imgs) in enumerate(SETS)],
                         ids=[str(t.relative_to(ROOT)) for t, _ in SETS])
def test_loose_template_reads_the_same_or_flags(index: int, template: Path, images: list[Path]) -> None:
    result = compare_set(index, template, images, ROOT)
    assert not result.silent, "\n".join(str(d) for d in result.silent[:10])
    differ, refused = MEASURED.get(result.template, (0, 0))
    assert len(result.differences) <= max(2, math.ceil(1.5 * differ)), "\n".join(str(d) for d in result.differences[:20])
    assert len(result.errors) <= math.ceil(1.5 * refused), result.errors[:3]
