"""Job types and their payloads: the seed's six plus `omr`, with validation that names the field.

The payload keys are the central API's (`apps/domains/ai/types.py`); a job that the central queue hands
to a desk may name its input by URL (`image_url`, `video_url`) instead of a path, so every file-reading
type takes one of the two.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Literal, TypedDict

from core.text import BadText, find_bad_text

AIJobType = Literal[
    "ocr",
    "question_segmentation",
    "handwriting_analysis",
    "embedding",
    "problem_generation",
    "homework_video_analysis",
    "omr",
]


class PayloadError(ValueError):
    """A payload does not fit its job type; `field` names the offending key."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


class OCRPayload(TypedDict, total=False):
    image_path: str
    image_url: str
    engine: Literal["google", "tesseract", "auto"] | None
    academy_id: int | None


class SegmentationPayload(TypedDict, total=False):
    image_path: str
    image_url: str
    engine: Literal["yolo", "opencv", "template", "auto"] | None
    template: str | None


class HandwritingPayload(TypedDict, total=False):
    image_path: str
    image_url: str
    regions: list[dict[str, Any]] | None


class EmbeddingPayload(TypedDict, total=False):
    texts: list[str]
    backend: Literal["local", "openai", "auto"] | None


class ProblemGenerationPayload(TypedDict, total=False):
    ocr_text: str
    model: str | None


class HomeworkVideoPayload(TypedDict, total=False):
    video_path: str
    video_url: str
    frame_stride: int | None
    min_frame_count: int | None


class DoubleMark(StrEnum):
    """An exam's rule for a question with two or more marks of similar darkness (omr `double_mark`)."""

    REVIEW = "review"  # flagged for a person to decide
    WRONG = "wrong"  # scored wrong without review, as many academies do


class OMRPayload(TypedDict, total=False):
    image_path: str
    image_url: str
    page: int  # 0-based page of a multi-page TIFF or PDF
    template: str  # path of an OMRChecker template.json
    answer_key: str | None  # evaluation.json or a question,answer CSV
    exam_id: str | None
    annotate_dir: str | None
    double_mark: str | None  # "review" (default) or "wrong": see core.contracts.DoubleMark


Check = Callable[[str, Any], None]


def _string(name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PayloadError(name, f"must be a non-empty string, got {_describe(value)}")


def _int_at_least(minimum: int) -> Check:
    def check(name: str, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PayloadError(name, f"must be an integer, got {_describe(value)}")
        if value < minimum:
            raise PayloadError(name, f"must be at least {minimum}, got {value}")

    return check


def _choice(*allowed: str) -> Check:
    def check(name: str, value: Any) -> None:
        if value not in allowed:
            raise PayloadError(name, f"must be one of {', '.join(allowed)}, got {_describe(value)}")

    return check


def _string_list(name: str, value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise PayloadError(name, f"must be a non-empty list of strings, got {_describe(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise PayloadError(f"{name}[{index}]", f"must be a string, got {_describe(item)}")


def _regions(name: str, value: Any) -> None:
    if not isinstance(value, list):
        raise PayloadError(name, f"must be a list of regions, got {_describe(value)}")
    for index, region in enumerate(value):
        bbox = region.get("bbox") if isinstance(region, dict) else None
        if (
            not isinstance(bbox, list)
            or len(bbox) != 4
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bbox)
        ):
            raise PayloadError(f"{name}[{index}].bbox", "must be [x, y, w, h] numbers")
        if bbox[2] <= 0 or bbox[3] <= 0:
            raise PayloadError(f"{name}[{index}].bbox", "width and height must be positive")


def _url(name: str, value: Any) -> None:
    _string(name, value)
    if not value.lower().startswith(("http://", "https://")):
        raise PayloadError(name, f"must be an http or https URL, got {value!r}")


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}"


@dataclass(frozen=True)
class PayloadSpec:
    """Which keys a payload may hold; `one_of` lists alternatives of which exactly one is required."""

    required: Mapping[str, Check]
    optional: Mapping[str, Check]
    one_of: tuple[tuple[str, Check], ...] = ()

    def keys(self) -> set[str]:
        return set(self.required) | set(self.optional) | {name for name, _ in self.one_of}


_IMAGE_INPUT: Final = (("image_path", _string), ("image_url", _url))
_VIDEO_INPUT: Final = (("video_path", _string), ("video_url", _url))

PAYLOAD_SPECS: Final[dict[str, PayloadSpec]] = {
    "ocr": PayloadSpec(
        required={},
        optional={"engine": _choice("google", "tesseract", "auto"), "academy_id": _int_at_least(0)},
        one_of=_IMAGE_INPUT,
    ),
    "question_segmentation": PayloadSpec(
        required={},
        optional={"engine": _choice("yolo", "opencv", "template", "auto"), "template": _string},
        one_of=_IMAGE_INPUT,
    ),
    "handwriting_analysis": PayloadSpec(required={}, optional={"regions": _regions}, one_of=_IMAGE_INPUT),
    "embedding": PayloadSpec(
        required={"texts": _string_list}, optional={"backend": _choice("local", "openai", "auto")}
    ),
    "problem_generation": PayloadSpec(required={"ocr_text": _string}, optional={"model": _string}),
    "homework_video_analysis": PayloadSpec(
        required={},
        optional={"frame_stride": _int_at_least(1), "min_frame_count": _int_at_least(0)},
        one_of=_VIDEO_INPUT,
    ),
    "omr": PayloadSpec(
        required={"template": _string},
        optional={
            "page": _int_at_least(0),
            "answer_key": _string,
            "exam_id": _string,
            "annotate_dir": _string,
            "double_mark": _choice(*DoubleMark),
        },
        one_of=_IMAGE_INPUT,
    ),
}

JOB_TYPES: Final[tuple[str, ...]] = tuple(PAYLOAD_SPECS)


def validate_job_type(job_type: Any) -> str:
    if not isinstance(job_type, str) or job_type not in PAYLOAD_SPECS:
        raise PayloadError("type", f"unknown job type {job_type!r}; known: {', '.join(JOB_TYPES)}")
    return job_type


def validate_payload(job_type: str, payload: Any) -> dict[str, Any]:
    """Return a copy of `payload` checked against its type's spec.

    Optional keys may be null, as the central API's TypedDicts allow; they are kept, so a job's dict
    round-trips exactly.
    """
    spec = PAYLOAD_SPECS[validate_job_type(job_type)]
    if not isinstance(payload, dict):
        raise PayloadError("payload", f"must be an object, got {_describe(payload)}")
    try:
        # First: every later message quotes values, and a payload that cannot be stored as text (a lone
        # surrogate, NUL) would make the job fail again while its failure is recorded.
        find_bad_text("payload", payload)
    except BadText as exc:
        raise PayloadError(exc.where, exc.reason) from None
    allowed = spec.keys()
    unknown = sorted((key for key in payload if key not in allowed), key=str)
    if unknown:
        raise PayloadError(f"payload.{unknown[0]}", f"is not a key of a {job_type} payload")
    checked = dict(payload)
    for name, check in spec.required.items():
        if checked.get(name) is None:
            raise PayloadError(f"payload.{name}", "is required")
        check(f"payload.{name}", checked[name])
    for name, check in spec.optional.items():
        if checked.get(name) is not None:
            check(f"payload.{name}", checked[name])
    if spec.one_of:
        present = [(name, check) for name, check in spec.one_of if checked.get(name) is not None]
        names = " or ".join(name for name, _ in spec.one_of)
        if not present:
            raise PayloadError(f"payload.{spec.one_of[0][0]}", f"is required ({names})")
        if len(present) > 1:
            raise PayloadError(f"payload.{present[1][0]}", f"give only one of {names}")
        name, check = present[0]
        check(f"payload.{name}", checked[name])
    return checked
