"""Review of uncertain OMR reads: what a person must look at, and the teacher's corrections.

All functions run on the caller's thread and are quick (store reads plus cached templates and keys);
the GUI may call them on its own thread for a single sheet, or from a worker thread for a whole exam.

- `review_queue`: every flagged field (blank, multi, low_confidence, erasure) of DONE omr jobs that the
  teacher has not corrected yet; a sheet's own doubt (nothing marked on it, the way up unsure) as an item
  with field `SHEET`, confirmed as a whole; and every rejected page (FAILED omr job) as an item with
  field "".
- `correct`: stores a correction (old and new value) as its own record and returns the sheet with all its
  corrections applied and the score recomputed. Correcting a field to the value it already has confirms
  the read and takes it off the review queue.
- `effective_result`: the job's result with corrections applied (see desktop/services/sheets.py).
- Sync: a sheet read with open flags waits in the outbox (`held`). When its last flag is resolved (by
  `correct` or `confirm`), the row is released with `result_in_force`, the result the central API gets.
  A correction of a sheet whose row was released already goes as a correction post. `release_unreviewed`
  sends held sheets as they stand, when the teacher decides not to review them.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from core.contracts import DONE, FAILED
from core.corrections import Correction, CorrectionKind, add_correction, confirm_reads, corrections_in_force
from core.queue import JobQueue, JobView
from core.queue.outbox_rows import OutboxState
from core.roster import roster_by_id
from core.sync import review_outbox
from desktop.services.identity import DUPLICATE_ID, NOT_ON_ROSTER, IdentityIssue, identity_issues
from desktop.services.sheets import SheetView, apply_corrections, sheets, template_of
from worker.omr.score import CIRCLED
from worker.omr.template import Template

# Teacher-readable reasons, in the order they are shown. The GUI translates them (Qt Linguist).
REASONS: dict[str, str] = {
    "multi": "more than one bubble is marked",
    "blank": "no bubble is marked",
    "low_confidence": "the mark is faint or unclear",
    "erasure": "an erased or stray mark is near the answer",
    NOT_ON_ROSTER: "the student id is not on the roster",
    DUPLICATE_ID: "another sheet of this exam has the same student id",
    "blank_sheet": "nothing is marked on the whole sheet",
    "orientation": "the page may have been read the wrong way up",
}
REJECTED = "rejected"
SHEET = "*"  # the field of an item about the whole sheet (no OMRChecker or ScanDesk column is named so)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing to look at. For a rejected page `field` is "" and `reason` is the job's error."""

    job_id: str
    file: str
    page: int
    field: str
    value: str
    confidence: float
    flags: tuple[str, ...]
    reason: str
    image_path: str = ""
    annotated_image: str = ""
    student_id: str | None = None
    exam_id: str | None = None
    suggestions: tuple[str, ...] = ()  # for a student id not on the roster: the closest roster ids


@dataclass(frozen=True, slots=True)
class CorrectedSheet:
    """A sheet as the teacher now sees it: corrections applied, score recomputed, remaining flags."""

    job_id: str
    file: str
    page: int
    student_id: str | None
    values: Mapping[str, str]  # output column -> effective value
    score: float | None
    max_score: float | None
    flags: tuple[str, ...]  # columns still needing review
    corrected: Mapping[str, tuple[str | None, str]]  # column -> (the worker's value, the teacher's value)
    result: dict[str, Any] = field(repr=False, default_factory=dict)  # the whole effective result


def reason_for(flags: tuple[str, ...] | list[str], suggestions: tuple[str, ...] = ()) -> str:
    known = [REASONS[f] for f in REASONS if f in flags]
    other = [f for f in flags if f not in REASONS]
    closest = [f"closest on the roster: {', '.join(suggestions)}"] if suggestions else []
    return "; ".join(known + other + closest)


def _items(sheet: SheetView, issue: IdentityIssue | None = None) -> list[ReviewItem]:
    job = sheet.job
    exam_id = job.payload.get("exam_id")
    exam = None if exam_id is None else str(exam_id)
    if job.status == FAILED:
        return [
            ReviewItem(
                job_id=job.job_id,
                file=sheet.file,
                page=sheet.page,
                field="",
                value="",
                confidence=0.0,
                flags=(REJECTED,),
                reason=job.error or job.last_error or "the page could not be read",
                image_path=sheet.image_path,
                exam_id=exam,
            )
        ]
    result = sheet.result or {}
    items = []
    fields = result.get("fields") or {}
    # The effective result's flags are its sheet-level ones (until the teacher has looked at the page),
    # then the names of its flagged fields.
    doubts = tuple(f for f in result.get("flags") or () if f not in fields)
    if doubts:
        items.append(
            ReviewItem(
                job_id=job.job_id, file=sheet.file, page=sheet.page, field=SHEET, value="",
                confidence=float(result.get("confidence") or 0.0), flags=doubts, reason=reason_for(doubts),
                image_path=str(result.get("image_path") or sheet.image_path),
                annotated_image=str(result.get("annotated_image") or ""), student_id=result.get("student_id"),
                exam_id=exam,
            )
        )
    for name, column in fields.items():
        flags = tuple(column.get("flags") or ())
        suggestions: tuple[str, ...] = ()
        if issue is not None and name == issue.column:
            flags = flags + tuple(f for f in issue.flags if f not in flags)
            suggestions = issue.suggestions
        if not flags or name in sheet.corrections:
            continue
        items.append(
            ReviewItem(
                job_id=job.job_id,
                file=sheet.file,
                page=sheet.page,
                field=name,
                value=str(column.get("value", "")),
                confidence=float(column.get("confidence", 0.0)),
                flags=flags,
                reason=reason_for(flags, suggestions),
                image_path=str(result.get("image_path") or sheet.image_path),
                annotated_image=str(result.get("annotated_image") or ""),
                student_id=result.get("student_id"),
                exam_id=exam,
                suggestions=suggestions,
            )
        )
    return items


def review_queue(queue: JobQueue, *, exam_id: int | str | None = None) -> list[ReviewItem]:
    """Flagged, uncorrected fields of read sheets and rejected pages, in import order, fields in card order.

    A student id not on the roster, or shared with another sheet of the exam, is flagged on the id's
    column (see desktop/services/identity.py)."""
    found = list(sheets(queue, exam_id=exam_id))
    issues = identity_issues(found, roster_by_id(queue.store).keys())
    items: list[ReviewItem] = []
    for sheet in found:
        items.extend(_items(sheet, issues.get(sheet.job.job_id)))
    return items


def review_items(queue: JobQueue, job_id: str) -> list[ReviewItem]:
    """The review items of one sheet (after a correction, to refresh one row of the review screen)."""
    items: list[ReviewItem] = []
    roster_ids = roster_by_id(queue.store).keys()
    for sheet in sheets(queue, job_ids=[job_id]):
        exam_id = sheet.job.payload.get("exam_id")
        # A duplicate id is a relation between sheets: judge this one among its exam's sheets.
        peers = [s for s in sheets(queue, exam_id=exam_id) if s.job.job_id != job_id] if exam_id is not None else []
        issue = identity_issues([sheet, *peers], roster_ids).get(job_id)
        items.extend(_items(sheet, issue))
    return items


# ------------------------------------------------------------------ corrections


def _done_job(queue: JobQueue, job_id: str) -> JobView:
    view = queue.get(job_id)
    if view is None:
        raise ValueError(f"no job {job_id}")
    if view.job_type != "omr":
        raise ValueError(f"job {job_id} is a {view.job_type} job, not an answer card")
    if view.status != DONE or not isinstance(view.result, dict):
        raise ValueError(f"job {job_id} is {view.status}: only a read sheet can be corrected")
    return view


def _column_parts(template: Template, column: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(bubble values, empty value) of each field that makes up an output column."""
    by_label = template.field_by_label()
    labels = template.custom_labels.get(column, [column])
    return tuple((by_label[label].values, by_label[label].empty_value) for label in labels if label in by_label)


def _readings(text: str, start: int, values: tuple[str, ...], empty: str, single: bool = False) -> set[int]:
    """End positions of every way one field can read from `text[start:]`: its empty value, or one or more
    distinct bubble values in bubble order (how the reader writes a double mark, e.g. "24");
    with `single`, exactly one bubble value."""
    ends = {start + len(empty)} if text.startswith(empty, start) else set()
    if single:
        return {start + len(v) for v in values if v and text.startswith(v, start)}
    frontier = {(start, -1)}
    while frontier:
        nxt = set()
        for pos, last in frontier:
            for index in range(last + 1, len(values)):
                value = values[index]
                if value and text.startswith(value, pos):
                    ends.add(pos + len(value))
                    nxt.add((pos + len(value), index))
        frontier = nxt
    return ends


def _fits(text: str, parts: tuple[tuple[tuple[str, ...], str], ...], single: bool = False) -> bool:
    positions = {0}
    for values, empty in parts:
        positions = {end for pos in positions for end in _readings(text, pos, values, empty, single)}
        if not positions:
            return False
    return len(text) in positions


def normalise_value(template: Template, column: str, raw: Any) -> str:
    """The teacher's value for `column`, checked against the column's bubble values. Raises ValueError.

    Accepted: "" (left blank); for a one-field column one value or a double mark written as the reader
    writes it ("24"); for a composite column (a student id) one value per field, a space standing for a
    field left blank ("1234 678"). Circled digits count as digits; letters match without regard to case.
    """
    if raw is None:
        raise ValueError(f"{column}: no value given")
    parts = _column_parts(template, column)
    if not parts:
        raise ValueError(f"{column} is not a field of the {template.path.stem} card")
    alphabet = {v for values, _ in parts for v in values}
    upper = all(v.isupper() for v in alphabet if v.isalpha())

    def clean(text: str) -> str:
        text = "".join(CIRCLED.get(ch, ch) for ch in text)
        return text.upper() if upper else text

    text = clean(str(raw).strip())
    if not text:
        return "".join(empty for _, empty in parts)  # left blank
    if len(parts) == 1:
        if _fits(text, parts):
            return text
        choices = ", ".join(parts[0][0])
        raise ValueError(f"{column}: {raw!r} is not an answer on this card; choose {choices} or leave it blank")
    # A column made of several fields (a student id) needs one value in every field, or a space for a
    # field left blank: a correction says what the student meant, and "1234567" for 8 digits is a typo,
    # not a blank digit somewhere. Leading or trailing spaces count as blank fields when they are needed.
    placeholders = tuple(((*values, " "), empty) for values, empty in parts)
    for candidate in dict.fromkeys((text, clean(str(raw).strip("\r\n")))):
        if _fits(candidate, placeholders, single=True):
            return candidate
    raise ValueError(
        f"{column}: {raw!r} does not fit the {len(parts)} marks of this field "
        f"(each one of {', '.join(parts[0][0])}, or a space for a mark left blank)"
    )


def effective_result(queue: JobQueue, job_id: str) -> dict[str, Any]:
    """The job's result with the teacher's corrections applied, score recomputed, remaining flags.

    Raises ValueError when the job is not a read answer card.
    """
    view = _done_job(queue, job_id)
    fixes = corrections_in_force(queue.store, [job_id]).get(job_id, {})
    return apply_corrections(view, fixes)


def _sheet(view: JobView, result: dict[str, Any]) -> CorrectedSheet:
    fields = result.get("fields") or {}
    return CorrectedSheet(
        job_id=view.job_id,
        file=str(result.get("file") or ""),
        page=int(result.get("page") or 0),
        student_id=result.get("student_id"),
        values={name: str(column.get("value", "")) for name, column in fields.items()},
        score=result.get("score"),
        max_score=result.get("max_score"),
        flags=tuple(result.get("flags") or ()),
        corrected={
            name: (c["worker_value"], c["new_value"]) for name, c in (result.get("corrections") or {}).items()
        },
        result=result,
    )


def corrected_sheet(queue: JobQueue, job_id: str) -> CorrectedSheet:
    """The sheet as it stands now (no new correction)."""
    view = _done_job(queue, job_id)
    fixes = corrections_in_force(queue.store, [job_id]).get(job_id, {})
    return _sheet(view, apply_corrections(view, fixes))


def correct(
    queue: JobQueue, job_id: str, field: str, new_value: str, *, kind: CorrectionKind = CorrectionKind.CORRECTED
) -> CorrectedSheet:
    """Correct one field of a read sheet; returns the sheet with every correction applied and rescored.

    Raises ValueError (message for the teacher) for an unknown job or field, a value the field cannot
    hold, or an answer key that cannot be read any more. Nothing is stored then. What the correction
    means for sync (a held sheet released, a correction post) is done before returning.
    """
    view = _done_job(queue, job_id)
    template = template_of(view)
    fields = (view.result or {}).get("fields") or {}
    if field not in fields:
        names = ", ".join(list(fields)[:8])
        raise ValueError(f"{field!r} is not a field of this sheet (fields: {names}, ...)")
    value = normalise_value(template, field, new_value)
    fixes = dict(corrections_in_force(queue.store, [job_id]).get(job_id, {}))
    before = apply_corrections(view, fixes)
    old_value = str(before["fields"][field].get("value", ""))
    # Rescore before storing, strictly: a key that cannot be read any more must be said now, not
    # hidden behind a score that silently stayed the worker's.
    fixes[field] = Correction(0, job_id, field, old_value, value, time.time(), kind)
    apply_corrections(view, fixes, strict=True)
    fixes[field] = add_correction(queue.store, job_id, field, old_value, value, kind)
    after = apply_corrections(view, fixes)
    _after_review(queue, view, fixes, fixes[field], after)
    return _sheet(view, after)


def confirm(queue: JobQueue, job_id: str, field: str) -> CorrectedSheet:
    """The read is right as it is: recorded as confirmed (not a correction), which takes it off review.
    `SHEET` confirms the whole page (see `confirm_whole_sheet`)."""
    if field == SHEET:
        return confirm_whole_sheet(queue, job_id)
    current = effective_result(queue, job_id)
    column = (current.get("fields") or {}).get(field)
    if column is None:
        raise ValueError(f"{field!r} is not a field of this sheet")
    return correct(queue, job_id, field, str(column.get("value", "")), kind=CorrectionKind.CONFIRMED)


def confirm_sheet(queue: JobQueue, job_id: str, fields: Sequence[str] = ()) -> CorrectedSheet:
    """Confirm these fields of a sheet (none given: every open flag, the whole page's included). Checks
    every name first."""
    current = corrected_sheet(queue, job_id)
    for name in fields:
        if name != SHEET and name not in current.values:
            raise ValueError(f"{name!r} is not a field of this sheet")
    if not fields and any(flag not in current.values for flag in current.flags):
        return confirm_whole_sheet(queue, job_id)
    sheet = current
    for name in fields or current.flags:
        sheet = confirm(queue, job_id, name)
    return sheet


def confirm_whole_sheet(queue: JobQueue, job_id: str) -> CorrectedSheet:
    """The teacher looked at the whole page and its read stands (a blank sheet is blank, the way up was
    right): every field not corrected yet is confirmed as read, in one transaction, and the sheet's own
    doubts end with that. A held sheet is released once, with every confirmation in its review."""
    view = _done_job(queue, job_id)
    fixes = dict(corrections_in_force(queue.store, [job_id]).get(job_id, {}))
    current = apply_corrections(view, fixes)
    reads = {name: str(column.get("value", "")) for name, column in (current.get("fields") or {}).items()
             if name not in fixes}
    confirmed = confirm_reads(queue.store, job_id, reads)
    fixes.update({c.field: c for c in confirmed})
    after = apply_corrections(view, fixes)
    if confirmed:
        _after_review(queue, view, fixes, confirmed[-1], after)
    return _sheet(view, after)


def _iso(at: float | None) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def result_in_force(view: JobView, fixes: Mapping[str, Correction], *, reviewed_at: float | None) -> dict[str, Any]:
    """What the central API is sent for a sheet: the effective result (the teacher's values in
    `fields[F].value`, the score recomputed) with `review`: the corrections of the worker's read
    ({field, from, to, at}), the reads confirmed as they are, and when the review ended (None: flags
    were left open, the sheet was sent unreviewed)."""
    result = apply_corrections(view, fixes)
    applied: dict[str, dict[str, Any]] = result.pop("corrections", {})
    changed = {name: c for name, c in applied.items() if c["new_value"] != c["worker_value"]}
    result["review"] = {
        "corrections": [
            {"field": name, "from": c["worker_value"], "to": c["new_value"], "at": _iso(c["at"])}
            for name, c in changed.items()
        ],
        "confirmed": [name for name in applied if name not in changed],
        "reviewed_at": _iso(reviewed_at),
    }
    return result


def _after_review(
    queue: JobQueue, view: JobView, fixes: Mapping[str, Correction], new: Correction, effective: dict[str, Any]
) -> None:
    """A held sheet whose last flag is now resolved is released; a correction of a sheet already
    released goes as a correction post (a confirmation changes nothing centrally)."""
    state = review_outbox.outbox_state(queue.store, view.job_id)
    resolved = not effective.get("flags")
    now = time.time()
    if state == OutboxState.HELD:
        if resolved:
            body = result_in_force(view, fixes, reviewed_at=now)
            review_outbox.release_held(queue.store, {view.job_id: body}, reviewed=True, now=now)
        return
    if state is None or new.new_value == new.old_value:
        return
    body = result_in_force(view, fixes, reviewed_at=now if resolved else None)
    change = {"field": new.field, "from": new.old_value, "to": new.new_value, "at": _iso(new.created_at)}
    review_outbox.queue_correction(queue.store, view.job_id, body, [change], now=now)


def release_unreviewed(queue: JobQueue, job_ids: Sequence[str] | None = None) -> list[str]:
    """Send held sheets (these, or all) as they stand now: corrections made so far applied, the
    remaining flags open. Raises ValueError naming a job that is not held for review."""
    held = review_outbox.held_job_ids(queue.store, job_ids)
    if job_ids is not None:
        missing = [j for j in job_ids if j not in set(held)]
        if missing:
            raise ValueError(f"job {missing[0]} is not held for review")
    bodies: dict[str, dict[str, Any] | None] = {}
    fixes = corrections_in_force(queue.store, held)
    for job_id in held:
        view = queue.get(job_id)
        if view is None or not isinstance(view.result, dict):
            bodies[job_id] = None
            continue
        try:
            bodies[job_id] = result_in_force(view, fixes.get(job_id, {}), reviewed_at=None)
        except ValueError:  # no template any more: the worker's read goes as it is
            bodies[job_id] = None
    return review_outbox.release_held(queue.store, bodies, reviewed=False)


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    sheets_to_review: int  # read sheets with open flags (rejected pages not counted)
    held: int  # sheets held from sync until reviewed


def review_counts(queue: JobQueue, items: Sequence[ReviewItem] | None = None) -> ReviewCounts:
    """How many sheets wait for review (from `items` when given) and how many are held from sync."""
    items = review_queue(queue) if items is None else items
    sheets_open = {item.job_id for item in items if item.field}
    return ReviewCounts(len(sheets_open), len(review_outbox.held_job_ids(queue.store)))


__all__ = [
    "REASONS",
    "REJECTED",
    "SHEET",
    "CorrectedSheet",
    "ReviewCounts",
    "ReviewItem",
    "confirm",
    "confirm_sheet",
    "confirm_whole_sheet",
    "correct",
    "corrected_sheet",
    "effective_result",
    "normalise_value",
    "reason_for",
    "release_unreviewed",
    "result_in_force",
    "review_counts",
    "review_items",
    "review_queue",
]
