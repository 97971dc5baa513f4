"""Where a job can run: on this desk or on the academy's cloud worker (through the central queue).

`placement_for` is decided from the payload and the settings alone, when the job is enqueued. Whatever can
only be found out while running (tesseract missing, a backend answering that it has no such model) makes
the handler raise `worker.errors.NeedsCloud`; the loop treats both the same way: the job waits for the
cloud worker, it is not failed.

Settings keys read here:
`openai_base_url`, `openai_api_key` (an OpenAI-compatible backend is configured when either is set).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import Any

from core.contracts import Placement

DESK = Placement.DESK
CLOUD = Placement.CLOUD

# Job types whose every variant runs on the desk.
_ALWAYS_DESK = frozenset({"handwriting_analysis", "homework_video_analysis", "omr"})

# Job types whose handlers may call an OpenAI-compatible backend (they read `openai_api_key`).
LANGUAGE_MODEL_JOB_TYPES = frozenset({"embedding", "problem_generation"})

# The Python package that makes the optional local embedding backend available; looked up, not
# imported, so routing stays cheap.
LOCAL_EMBEDDING_PACKAGE = "sentence_transformers"


def openai_configured(settings: Mapping[str, Any]) -> bool:
    """True when settings name an OpenAI-compatible backend (a base URL, or a key for the default one)."""
    return bool(str(settings.get("openai_base_url") or "").strip() or str(settings.get("openai_api_key") or "").strip())


def local_embedding_available() -> bool:
    return importlib.util.find_spec(LOCAL_EMBEDDING_PACKAGE) is not None


def placement_for(job_type: str, payload: Mapping[str, Any], settings: Mapping[str, Any]) -> Placement:
    """Where a job of `job_type` with `payload` runs, given the desk's `settings`.

    Pure apart from checking whether the local embedding package is installed. Raises ValueError for a
    job type this table does not know (the payload was validated before, so that is a programming error).
    """
    if job_type in _ALWAYS_DESK:
        return DESK
    if job_type == "ocr":
        # Google Vision needs the academy's cloud credentials and the network: the cloud worker has both.
        return CLOUD if payload.get("engine") == "google" else DESK
    if job_type == "question_segmentation":
        # The YOLO layout model lives on the GPU worker only.
        return CLOUD if payload.get("engine") == "yolo" else DESK
    if job_type == "embedding":
        backend = payload.get("backend") or "auto"
        if backend == "openai":
            return DESK if openai_configured(settings) else CLOUD
        if backend == "local":
            return DESK if local_embedding_available() else CLOUD
        return DESK if openai_configured(settings) or local_embedding_available() else CLOUD
    if job_type == "problem_generation":
        return DESK if openai_configured(settings) else CLOUD
    raise ValueError(f"no placement rule for job type {job_type!r}")


def placement_reason(job_type: str, payload: Mapping[str, Any], settings: Mapping[str, Any]) -> str:
    """Why `placement_for` sends a job to the cloud, in words for the job list ("" when it runs here)."""
    if placement_for(job_type, payload, settings) == DESK:
        return ""
    if job_type == "ocr":
        return "Google Vision OCR runs on the cloud worker"
    if job_type == "question_segmentation":
        return "the YOLO layout model is on the cloud worker only"
    if job_type == "embedding" and (payload.get("backend") or "auto") == "local":
        return f"the local embedding backend is not installed here ({LOCAL_EMBEDDING_PACKAGE})"
    return "no language-model backend is configured on this desk (openai_base_url / openai_api_key)"
