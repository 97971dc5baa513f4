from __future__ import annotations

import pytest

from tests.omr.shared_samples import REQUIRED, SAMPLES_ROOT


def test_the_shared_sample_scans_are_there() -> None:
    """The real-scan tests are parametrised over what is found: with nothing found they would not run."""
    if not SAMPLES_ROOT.exists() and not REQUIRED:
        pytest.skip("shared samples not checked out beside the repo")
    assert SAMPLES_ROOT.is_dir(), f"{SAMPLES_ROOT} is missing (./run-tests requires the shared samples)"
    assert len(list(SAMPLES_ROOT.glob("expected/**/Results/*.csv"))) >= 5
