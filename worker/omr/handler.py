"""The `omr` job: one page of one scan file read against a template, scored when a key is given.

Runs in the worker's process pool (or a thread in tests); it touches no database and no Qt. Templates and
answer keys are cached per process by (path, mtime) (worker/omr/cache.py), so a batch of a hundred pages
parses them once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2

from core.job_types import DoubleMark
from worker.context import JobContext
from worker.errors import BadInput, TransientError
from worker.omr.annotate import annotate
from worker.omr.cache import cached_key, cached_template
from worker.omr.pages import count_pages, load_page, page_name
from worker.omr.score import score_sheet, wrong_by_rule
from worker.omr.sheet import read_sheet

# The worker already runs one job per core; OpenCV's own threads would only fight over the same cores.
cv2.setNumThreads(1)


def _image_path(payload: dict[str, Any], ctx: JobContext) -> Path:
    raw = payload.get("image_path")
    if not raw:
        if payload.get("image_url"):
            raise BadInput("image_url must be downloaded first: the omr job reads a local file (image_path)")
        raise BadInput("image_path is required")
    path = Path(str(raw)).expanduser()
    allowed = [Path(d).resolve() for d in ctx.allowed_dirs]
    if allowed and not any(path.resolve().is_relative_to(d) for d in allowed):
        raise BadInput(f"{path} is outside the folders this desk may read")
    if path.is_dir():
        raise BadInput(f"{path.name} is a folder, not a scan file")
    return path


def handle_omr(payload: dict[str, Any], ctx: JobContext) -> dict[str, Any]:
    path = _image_path(payload, ctx)
    page_index = int(payload.get("page") or 0)
    template_path = str(payload["template"])
    template = cached_template(template_path)
    key = cached_key(str(payload["answer_key"]), template_path) if payload.get("answer_key") else None
    ctx.progress(0.1, "reading the scan")
    page = load_page(path, page_index)
    pages = count_pages(path) if path.suffix.lower() in (".pdf", ".tif", ".tiff") else 1
    ctx.progress(0.4, "aligning and reading bubbles")
    double_mark = DoubleMark(payload.get("double_mark") or DoubleMark.REVIEW)
    sheet = read_sheet(page, template, double_mark)

    columns = sheet.columns
    values = {name: str(col["value"]) for name, col in columns.items()}
    flagged = sheet.flagged_columns
    sid_column = template.student_id_column
    result: dict[str, Any] = {
        "file": page_name(path, page_index, pages),
        "image_path": str(path),
        "page": page_index,
        "template": template_path,
        "exam_id": payload.get("exam_id"),
        "double_mark": str(double_mark),
        "fields": columns,
        "items": {read.label: read.to_dict() for read in sheet.fields},
        "student_id": values.get(sid_column) if sid_column else None,
        "student_id_confidence": columns[sid_column]["confidence"] if sid_column else None,
        "alignment": sheet.alignment.to_dict(page.scale),
        "flags": flagged,
        "sheet_flags": sheet.sheet_flags,
        "needs_review": bool(flagged),
        "confidence": round(min((float(c["confidence"]) for c in columns.values()), default=1.0), 3),
    }
    if key is not None:
        empty = {name: "".join(f.empty_value for f in template.fields
                               if f.label in template.custom_labels.get(name, [name]))
                 for name in template.output_columns}
        scored = score_sheet(key, values, empty, wrong_by_rule(columns, double_mark))
        result["score"] = scored["score"]
        result["max_score"] = scored["max_score"]
        result["scoring"] = scored["questions"]
        result["score_needs_review"] = any(q in flagged for q in scored["questions"])
    else:
        result["score"] = None
    ctx.progress(0.85, "drawing the annotated sheet")
    out_dir = Path(payload["annotate_dir"]) if payload.get("annotate_dir") else ctx.output_dir("annotated")
    name = path.stem + (f"_p{page_index + 1}" if pages > 1 else "") + ".jpg"
    try:
        result["annotated_image"] = str(annotate(sheet, template, out_dir / name))
    except OSError as exc:
        if payload.get("annotate_dir"):
            # The folder the job named: another attempt would meet the same folder.
            raise BadInput(f"annotate_dir {out_dir}: the annotated sheet cannot be written ({exc.strerror or exc})") from None
        raise TransientError(f"the annotated sheet cannot be written ({exc.strerror or exc})") from None
    ctx.progress(1.0, "done")
    return result
