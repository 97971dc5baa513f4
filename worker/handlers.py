"""Which function handles which job type.

Handlers are named by import string so that a headless command imports only what it runs, and a
process pool child can resolve the same handler by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Final

from worker.context import Handler

HANDLER_PATHS: Final[Mapping[str, str]] = {
    "omr": "worker.omr.handler:handle_omr",
    "ocr": "worker.ocr.handler:handle_ocr",
    "question_segmentation": "worker.segmentation.handler:handle_question_segmentation",
    "handwriting_analysis": "worker.handwriting:handle_handwriting_analysis",
    "homework_video_analysis": "worker.video:handle_homework_video_analysis",
    "embedding": "worker.llm.embedding:handle_embedding",
    "problem_generation": "worker.llm.problem_generation:handle_problem_generation",
    # filled in by the OMR, OCR and other issues
}


class UnknownHandler(LookupError):
    pass


@cache
def resolve(path: str) -> Handler:
    """Import `module:function` once per process."""
    module_name, _, attr = path.partition(":")
    try:
        handler = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        # A wrong name is a fault of this installation, not of the job: retrying cannot help.
        raise UnknownHandler(f"handler {path} cannot be loaded: {exc}") from exc
    return handler  # type: ignore[no-any-return]


def handler_for(job_type: str, overrides: Mapping[str, str] | None = None) -> Handler:
    paths = {**HANDLER_PATHS, **(overrides or {})}
    if job_type not in paths:
        raise UnknownHandler(f"no handler for job type {job_type!r} on this desk")
    return resolve(paths[job_type])
