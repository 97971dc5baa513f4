"""The routing table: which job runs on the desk and which waits for the cloud worker."""

from __future__ import annotations

import pytest

from core.job_types import JOB_TYPES
from worker import routing
from worker.routing import placement_for

OPENAI = {"openai_base_url": "http://127.0.0.1:9/v1"}


@pytest.fixture
def no_local_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "local_embedding_available", lambda: False)


@pytest.mark.parametrize(
    ("job_type", "payload", "settings", "expected"),
    [
        ("ocr", {"image_path": "a.png"}, {}, "desk"),
        ("ocr", {"image_path": "a.png", "engine": "auto"}, {}, "desk"),
        ("ocr", {"image_path": "a.png", "engine": "tesseract"}, {}, "desk"),
        ("ocr", {"image_path": "a.png", "engine": "google"}, {}, "cloud"),
        ("ocr", {"image_path": "a.png", "engine": "google"}, OPENAI, "cloud"),
        ("question_segmentation", {"image_path": "a.png"}, {}, "desk"),
        ("question_segmentation", {"image_path": "a.png", "engine": "opencv"}, {}, "desk"),
        ("question_segmentation", {"image_path": "a.png", "engine": "template", "template": "t.json"}, {}, "desk"),
        ("question_segmentation", {"image_path": "a.png", "engine": "auto"}, {}, "desk"),
        ("question_segmentation", {"image_path": "a.png", "engine": "yolo"}, {}, "cloud"),
        ("handwriting_analysis", {"image_path": "a.png"}, {}, "desk"),
        ("homework_video_analysis", {"video_path": "a.avi"}, {}, "desk"),
        ("omr", {"image_path": "a.png", "template": "t.json"}, {}, "desk"),
        ("embedding", {"texts": ["a"], "backend": "openai"}, OPENAI, "desk"),
        ("embedding", {"texts": ["a"], "backend": "openai"}, {}, "cloud"),
        ("embedding", {"texts": ["a"], "backend": "openai"}, {"openai_api_key": "k"}, "desk"),
        ("embedding", {"texts": ["a"]}, OPENAI, "desk"),
        ("embedding", {"texts": ["a"], "backend": "auto"}, {}, "cloud"),
        ("embedding", {"texts": ["a"], "backend": "local"}, {}, "cloud"),
        ("problem_generation", {"ocr_text": "x"}, OPENAI, "desk"),
        ("problem_generation", {"ocr_text": "x", "model": "m"}, {}, "cloud"),
        ("problem_generation", {"ocr_text": "x"}, {"openai_base_url": "  "}, "cloud"),
    ],
)
def test_placement_table(no_local_embedding: None, job_type: str, payload: dict, settings: dict,
                         expected: str) -> None:
    assert placement_for(job_type, payload, settings) == expected


def test_local_embedding_backend_runs_on_desk_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routing, "local_embedding_available", lambda: True)
    assert placement_for("embedding", {"texts": ["a"], "backend": "local"}, {}) == "desk"
    assert placement_for("embedding", {"texts": ["a"], "backend": "auto"}, {}) == "desk"
    assert placement_for("embedding", {"texts": ["a"], "backend": "openai"}, {}) == "cloud"


def test_every_job_type_has_a_rule() -> None:
    for job_type in JOB_TYPES:
        assert placement_for(job_type, {}, {}) in ("desk", "cloud")


def test_unknown_type_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no placement rule"):
        placement_for("telepathy", {}, {})


def test_cloud_placements_say_why(no_local_embedding: None) -> None:
    assert routing.placement_reason("ocr", {"engine": "google"}, {}) == "Google Vision OCR runs on the cloud worker"
    assert "YOLO" in routing.placement_reason("question_segmentation", {"engine": "yolo"}, {})
    assert "openai_base_url" in routing.placement_reason("problem_generation", {"ocr_text": "x"}, {})
    assert "not installed" in routing.placement_reason("embedding", {"texts": ["a"], "backend": "local"}, {})
    assert routing.placement_reason("ocr", {"engine": "tesseract"}, {}) == ""
