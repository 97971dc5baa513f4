"""An answer key read from a scanned key sheet: one card filled with the right answers, read with the exam's
own template (as OMRChecker does with `answer_key_image_path`).

A key must be exact, so the sheet is refused, naming the question, when any answer on it is double-marked
or unclear (faint, erased, between levels); a blank question is left out of the key unless the key names
its questions, then it is refused too.
"""

from __future__ import annotations

from pathlib import Path

from worker.errors import BadInput
from worker.omr.template import Template

SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf")


def is_key_scan(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SCAN_SUFFIXES


def read_key_sheet(path: Path, template: Template, questions: list[str] | None = None) -> dict[str, str]:
    """question -> the answer marked on the key sheet's first page. Raises BadInput naming the question."""
    # The reader (OpenCV) is loaded only for a scanned key: the desk's import and the command line load
    # keys through this module and need it for nothing else.
    from worker.omr.pages import load_page
    from worker.omr.sheet import read_sheet

    where = f"answer key sheet {path.name}"
    try:
        sheet = read_sheet(load_page(path, 0), template)
    except BadInput as exc:
        raise BadInput(f"{where}: {exc}") from None
    columns = sheet.columns
    wanted = questions or [c for c in template.output_columns if c != template.student_id_column]
    unknown = [q for q in wanted if q not in columns]
    if unknown:
        raise BadInput(f"{where}: the template has no question {unknown[0]}")
    answers: dict[str, str] = {}
    for question in wanted:
        column = columns[question]
        value = str(column["value"])
        reasons = set(column.get("reasons") or ()) | set(column["flags"])
        if "multi" in reasons:
            raise BadInput(f"{where}: {question} is double-marked ({value}); mark exactly one answer")
        if column["flags"]:
            raise BadInput(f"{where}: {question} cannot be read for sure (a faint or erased mark); "
                           "mark it clearly or erase it fully")
        empty = "".join(f.empty_value for f in template.fields
                        if f.label in template.custom_labels.get(question, [question]))
        if value in ("", empty):
            if questions:
                raise BadInput(f"{where}: {question} is blank")
            continue  # not part of this test
        answers[question] = value
    if not answers:
        raise BadInput(f"{where}: no answer is marked on it")
    return answers
