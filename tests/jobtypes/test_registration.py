"""Every job type of the central API has a handler on the desk and a placement rule."""

from __future__ import annotations

import pytest

from core.job_types import JOB_TYPES
from worker.handlers import HANDLER_PATHS, handler_for
from worker.routing import placement_for

SEED_TYPES = ("ocr", "question_segmentation", "handwriting_analysis", "embedding", "problem_generation",
              "homework_video_analysis")


@pytest.mark.parametrize("job_type", SEED_TYPES)
def test_handler_registered_and_importable(job_type: str) -> None:
    assert job_type in HANDLER_PATHS
    handler = handler_for(job_type)
    assert callable(handler) and handler.__name__ == f"handle_{job_type}"


@pytest.mark.parametrize("job_type", JOB_TYPES)
def test_every_type_has_a_placement(job_type: str) -> None:
    assert placement_for(job_type, {}, {}) in ("desk", "cloud")
