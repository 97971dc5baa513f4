"""Loose templates: every shared OMRChecker sample set reads the same with each field block's origin moved
by up to half a bubble off the print (tests/omr/loose.py draws the moves), or flags what it cannot tell.

Measured over 7914 column reads (13 sets, 6 draws each; `benchmarks/omr_loose.py`): 76 differ from the
drawn template's reading, every one flagged. Before blocks followed the print (main at 98484a0): 131
differ, 38 of them silently.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.omr.loose import compare_set, sample_sets
from tests.omr.shared_samples import REQUIRED, SAMPLES_ROOT, needs_samples

ROOT = SAMPLES_ROOT / "samples"
SETS = sample_sets(ROOT) if ROOT.exists() else []

# Columns read differently from the drawn template (all draws and images of the set), as measured; the
# bound is about 1.5 times that (at least 2). Most are on cards whose rows or columns repeat every
# 1.0-1.2 bubbles (Antibodyy, sample1, sample5, sample6's roll columns), where a block half a bubble
# off is as near one row as the next: those are flagged.
MEASURED = {
    "answer-key/using-csv/template.json": 3,
    "community/Antibodyy/template.json": 18,
    "community/Sandeep-1507/template.json": 6,
    "community/UmarFarootAPS/template.json": 4,
    "sample1/template.json": 16,
    "sample5/template.json": 11,
    "sample6/template.json": 18,
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
    assert not result.errors, result.errors[:3]
    assert not result.silent, "\n".join(str(d) for d in result.silent[:10])
    bound = max(2, math.ceil(1.5 * MEASURED.get(result.template, 0)))
    assert len(result.differences) <= bound, "\n".join(str(d) for d in result.differences[:20])
