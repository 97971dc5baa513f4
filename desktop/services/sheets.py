"""OMR sheets as the teacher sees them: the worker's read with the teacher's corrections applied.

Shared by review.py and results.py. Runs on the caller's thread; templates and answer keys come from the
omr handler's per-process cache (by path and mtime), so a results table of hundreds of sheets parses
each file once.

The effective result is a copy of the job's result in which, for every corrected field:
`value` is the teacher's, `flags` is empty, `confidence` is 1.0, `corrected` is true and
`original_value` keeps the worker's value. Then `flags`, `needs_review`, `confidence` and `student_id`
are derived again, and the score is recomputed with worker.omr.score against the job's answer key.
`corrections` lists what was corrected. The job's stored result is never modified.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.contracts import DONE, FAILED
from core.corrections import Correction, corrections_in_force
from core.exams import exam_job_ids
from core.queue import JobQueue, JobView
from worker.errors import BadInput
from worker.omr.cache import cached_key, cached_template
from worker.omr.scan_files import count_pages, page_name
from worker.omr.score import score_sheet, wrong_by_rule
from worker.omr.template import Template

_GET_CHUNK = 500


def omr_jobs(
    queue: JobQueue,
    *,
    exam_id: int | str | None = None,
    job_ids: Sequence[str] | None = None,
    statuses: Sequence[str] = (DONE, FAILED),
) -> list[JobView]:
    """The omr jobs of an exam (or these ids, or all), not discarded, in the given statuses, oldest first."""
    if job_ids is not None:
        ids = list(job_ids)
    elif exam_id is not None:
        ids = exam_job_ids(queue.store, exam_id)
    else:
        ids = queue.list_ids(job_type="omr")
    wanted_exam = None if exam_id is None else str(exam_id)
    views: list[JobView] = []
    for start in range(0, len(ids), _GET_CHUNK):
        for view in queue.get_many(ids[start : start + _GET_CHUNK]):
            if view.job_type != "omr" or view.status not in statuses or view.discarded:
                continue
            if wanted_exam is not None and str(view.payload.get("exam_id")) != wanted_exam:
                continue
            views.append(view)
    return views


def template_of(view: JobView) -> Template:
    path = (view.result or {}).get("template") or view.payload.get("template")
    if not path:
        raise ValueError(f"job {view.job_id} names no template")
    try:
        return cached_template(str(path))
    except BadInput as exc:
        raise ValueError(str(exc)) from None


def empty_values(template: Template) -> dict[str, str]:
    """Output column -> the value an unmarked column reads as (what the handler scores against)."""
    by_label = template.field_by_label()
    return {
        name: "".join(by_label[p].empty_value for p in template.custom_labels.get(name, [name]) if p in by_label)
        for name in template.output_columns
    }


def apply_corrections(view: JobView, fixes: Mapping[str, Correction], *, strict: bool = False) -> dict[str, Any]:
    """The effective result of a DONE omr job (see the module docstring).

    With `strict`, a template or answer key that cannot be read raises ValueError; otherwise the
    result says so in `score_error` and keeps the worker's score (a results table must not fail
    because one key file moved).
    """
    if not isinstance(view.result, dict):
        raise ValueError(f"job {view.job_id} has no result (status {view.status})")
    result = copy.deepcopy(view.result)
    fields: dict[str, dict[str, Any]] = result.setdefault("fields", {})
    applied = {}
    for name, fix in fixes.items():
        column = fields.get(name)
        if column is None:
            continue
        column["original_value"] = column.get("original_value", column.get("value"))
        column["value"] = fix.new_value
        column["flags"] = []
        column["confidence"] = 1.0
        column["corrected"] = True
        applied[name] = {
            "worker_value": column["original_value"],
            "old_value": fix.old_value,  # the value just before this correction (an earlier one's, maybe)
            "new_value": fix.new_value,
            "at": fix.created_at,
            "kind": str(fix.kind),
        }
    result["corrections"] = applied
    # Doubts about the whole page (blank_sheet, orientation) stand until the teacher has looked at it.
    sheet_flags = [] if applied else list(result.get("sheet_flags") or [])
    result["flags"] = [*sheet_flags, *(name for name, column in fields.items() if column.get("flags"))]
    result["needs_review"] = bool(result["flags"])
    if fields:
        result["confidence"] = round(min(float(c.get("confidence", 0.0)) for c in fields.values()), 3)
    # A sheet filed under another exam after it was read is scored with that exam's key.
    moved = "exam_id" in result and str(result.get("exam_id")) != str(view.payload.get("exam_id"))
    if moved:
        result["exam_id"] = view.payload.get("exam_id")
    if not applied and not moved:
        return result

    try:
        template = template_of(view)
    except ValueError:
        if strict:
            raise
        result["score_error"] = "the template file cannot be read; the score is the worker's"
        return result
    sid = template.student_id_column
    if sid and sid in fields:
        result["student_id"] = fields[sid]["value"]
        result["student_id_confidence"] = fields[sid]["confidence"]
    key_path = view.payload.get("answer_key")
    if not key_path:
        if moved:
            result.update(score=None, max_score=None, scoring={}, score_needs_review=False)
        return result
    try:
        key = cached_key(str(key_path), view.payload.get("template"))
    except BadInput as exc:
        if strict:
            raise ValueError(str(exc)) from None
        result["score_error"] = f"{exc}; the score is the worker's"
        return result
    values = {name: str(column.get("value", "")) for name, column in fields.items()}
    scored = score_sheet(key, values, empty_values(template), wrong_by_rule(fields, view.payload.get("double_mark")))
    result["score"] = scored["score"]
    result["max_score"] = scored["max_score"]
    result["scoring"] = scored["questions"]
    result["score_needs_review"] = any(q in result["flags"] for q in scored["questions"])
    return result


@dataclass(frozen=True, slots=True)
class SheetView:
    """One final omr job with its effective result (None for a FAILED job)."""

    job: JobView
    result: dict[str, Any] | None
    corrections: Mapping[str, Correction]

    @property
    def file(self) -> str:
        if self.result and self.result.get("file"):
            return str(self.result["file"])
        path = Path(str(self.job.payload.get("image_path") or self.job.payload.get("image_url") or ""))
        page = int(self.job.payload.get("page") or 0)
        count = page + 1
        if path.suffix.lower() in (".pdf", ".tif", ".tiff"):
            with contextlib.suppress(BadInput):  # a file that cannot be counted keeps its plain name
                count = max(count, count_pages(path))  # reads the header only
        return page_name(path, page, count)

    @property
    def page(self) -> int:
        return int(self.job.payload.get("page") or 0)

    @property
    def image_path(self) -> str:
        return str(self.job.payload.get("image_path") or "")


def sheets(
    queue: JobQueue,
    *,
    exam_id: int | str | None = None,
    job_ids: Sequence[str] | None = None,
    statuses: Sequence[str] = (DONE, FAILED),
) -> Iterator[SheetView]:
    views = omr_jobs(queue, exam_id=exam_id, job_ids=job_ids, statuses=statuses)
    fixes = corrections_in_force(queue.store, [v.job_id for v in views if v.status == DONE])
    for view in views:
        own = fixes.get(view.job_id, {})
        effective = apply_corrections(view, own) if view.status == DONE and view.result else None
        yield SheetView(view, effective, own)


__all__ = ["SheetView", "apply_corrections", "empty_values", "omr_jobs", "sheets", "template_of"]
