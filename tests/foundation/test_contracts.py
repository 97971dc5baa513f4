"""The job contract: AIJob and AIResult as the central API speaks them, and payload validation."""

from __future__ import annotations

import json
import uuid

import pytest

from core.contracts import STATUSES, AIJob, AIResult, ContractError
from core.job_types import JOB_TYPES, validate_payload

SEED_TYPES = {"ocr", "question_segmentation", "handwriting_analysis", "embedding", "problem_generation", "homework_video_analysis"}


def test_statuses_are_spelled_as_the_central_api_does():
    assert STATUSES == ("PENDING", "RUNNING", "DONE", "FAILED")


def test_job_types_are_the_seeds_six_plus_omr():
    assert set(JOB_TYPES) == SEED_TYPES | {"omr"}


def test_to_dict_is_exactly_the_job_object_of_job_next():
    job = AIJob.new(type="ocr", payload={"image_path": "/scans/a.png", "engine": "tesseract"}, tenant_id="7",
                    source_domain="submissions", source_id="42")
    assert list(job.to_dict()) == ["id", "type", "payload", "tenant_id", "source_domain", "source_id"]
    assert job.to_dict()["payload"] == {"image_path": "/scans/a.png", "engine": "tesseract"}
    uuid.UUID(job.id)


def test_round_trip_through_dict_and_json():
    job = AIJob.new(type="embedding", payload={"texts": ["가나다", "b"], "backend": "auto"})
    assert AIJob.from_dict(job.to_dict()) == job
    assert AIJob.from_json(job.to_json()) == job
    assert AIJob.from_json(json.dumps(job.to_dict()).encode()) == job


def test_from_dict_accepts_what_job_next_returns_with_nulls():
    data = {"id": str(uuid.uuid4()), "type": "handwriting_analysis", "payload": {"image_path": "x.png"},
            "tenant_id": None, "source_domain": None, "source_id": None}
    assert AIJob.from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"id": "not-a-uuid", "type": "ocr", "payload": {"image_path": "a"}}, "id"),
        ({"id": str(uuid.uuid4()), "type": "translate", "payload": {}}, "type"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": ["a"]}, "payload"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {}}, "payload.image_path"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_path": "a", "engine": "paddle"}}, "payload.engine"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_path": "a", "colour": 1}}, "payload.colour"),
        ({"id": str(uuid.uuid4()), "type": "embedding", "payload": {"texts": "abc"}}, "payload.texts"),
        ({"id": str(uuid.uuid4()), "type": "embedding", "payload": {"texts": ["a", 2]}}, "payload.texts[1]"),
        ({"id": str(uuid.uuid4()), "type": "homework_video_analysis", "payload": {"video_path": "v", "frame_stride": 0}},
         "payload.frame_stride"),
        ({"id": str(uuid.uuid4()), "type": "homework_video_analysis", "payload": {"video_path": "v", "frame_stride": True}},
         "payload.frame_stride"),
        ({"id": str(uuid.uuid4()), "type": "omr", "payload": {"image_path": "a.png"}}, "payload.template"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_path": "a", "image_url": "http://x/a"}}, "payload.image_url"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_url": "file:///etc/passwd"}}, "payload.image_url"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_path": "a"}, "priority": 1}, "priority"),
        ({"id": str(uuid.uuid4()), "type": "ocr", "payload": {"image_path": "a"}, "tenant_id": {"x": 1}}, "tenant_id"),
        ("just a string", "job"),
    ],
)
def test_bad_input_names_the_field(data, field):
    with pytest.raises(ContractError) as info:
        AIJob.from_dict(data)
    assert info.value.field == field
    assert str(info.value).startswith(field)


def test_from_json_rejects_broken_json_naming_the_job():
    with pytest.raises(ContractError) as info:
        AIJob.from_json("{nope")
    assert info.value.field == "job"


def test_null_optional_keys_are_accepted_and_kept_so_the_job_round_trips():
    payload = {"image_path": "a", "engine": None, "academy_id": None}
    assert validate_payload("ocr", payload) == payload
    data = {"id": str(uuid.uuid4()), "type": "ocr", "payload": payload, "tenant_id": None, "source_domain": None,
            "source_id": None}
    assert AIJob.from_dict(data).to_dict() == data


def test_a_null_required_key_is_still_missing():
    with pytest.raises(ContractError) as info:
        AIJob.new(type="embedding", payload={"texts": None})
    assert info.value.field == "payload.texts"


def test_non_string_keys_are_named_not_crashed_on():
    with pytest.raises(ContractError) as info:
        AIJob.new(type="ocr", payload={1: "a", "image_path": "b"})
    assert info.value.field == "payload.1"


def test_result_contract():
    ok = AIResult(job_id="j", status="DONE", result={"text": "x"})
    assert ok.to_dict() == {"job_id": "j", "status": "DONE", "result": {"text": "x"}, "error": ""}
    assert AIResult.from_dict({"job_id": "j", "status": "failed", "error": "boom"}).status == "FAILED"
    with pytest.raises(ContractError, match="status: must be DONE or FAILED"):
        AIResult(job_id="j", status="RUNNING")  # type: ignore[arg-type]
    with pytest.raises(ContractError, match="result: must be object or null"):
        AIResult(job_id="j", status="DONE", result=[1])  # type: ignore[arg-type]
