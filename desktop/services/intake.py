"""Import scans: files and folders -> one `omr` job and one `pages` row per page, in one transaction.

Runs on the caller's thread and blocks while it reads the files (hashing and page counting); the GUI
calls it from a worker thread, `progress(done, total, name)` is called on that same thread.

Rules:
- Folders are read recursively; hidden and temporary files (dotfiles, `~$x`, `.part`, `.tmp`, ...) and
  the template's own files (the template, its marker image, the answer key) are left out and reported as
  skipped. Files named explicitly are taken as they are.
- A PDF or multi-page TIFF gives one job per page (`worker.omr.scan_files.count_pages`).
- A page's `content_sha256` is the sha256 of the file's bytes followed by the page index (see
  `page_sha256`), so two pages of one PDF differ, and the same scan under another name is the same page.
- A page already imported for the same exam (same content sha256, its job not discarded) is a duplicate:
  reported with the existing job id and not enqueued again unless `allow_duplicates=True`. The check is
  repeated inside the write transaction, so two imports racing each other cannot both enqueue a page.
- Unreadable files (missing, empty, not an image, password-protected PDF) are reported in `errors` with a
  message a teacher understands; the rest of the import goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection

from core.contracts import AIJob, Placement
from core.exams import Exam
from core.job_types import DoubleMark
from core.page_rows import PageRow, existing_pages, insert_pages
from core.queue import JobQueue
from core.text import text_problem
from worker.errors import BadInput
from worker.omr.scan_files import SCAN_SUFFIXES, count_pages, page_name
from worker.omr.score import key_files, load_answer_key
from worker.omr.template import load_template
from worker.routing import placement_for

PlacementFn = Callable[[str, Mapping[str, Any], Mapping[str, Any]], Placement]
ProgressFn = Callable[[int, int, str], None]

_HASH_CHUNK = 1 << 20
TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".filepart", ".swp")
# Reasons for leaving a file out that the person importing should hear about (the others, hidden files
# and files that are no scans, are expected in any scanner folder).
NOT_UTF8 = "the name is not valid UTF-8; rename it to import it"
LINK_OUT_OF_FOLDER = "a link to a file outside the folder (not followed)"
LINKED_FOLDER = "a link to a folder (not followed)"
NOTEWORTHY_SKIPS = frozenset({NOT_UTF8, LINK_OUT_OF_FOLDER, LINKED_FOLDER})
# Enqueue attempts when a concurrent import takes some of our pages between the check and the write.
_RACE_RETRIES = 3


class Duplicate(NamedTuple):
    path: Path
    page: int  # 0-based
    existing_job_id: str  # the job that read this page before ("" if the earlier file gave no job)


class ImportProblem(NamedTuple):
    path: Path
    message: str  # teacher-readable, one line


class Skipped(NamedTuple):
    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class PageRecord:
    source_path: Path
    page_index: int  # 0-based
    page_count: int
    file: str  # display name as in the CSV `file` column (`name.pdf#p2` for pages of multi-page files)
    content_sha256: str
    job_id: str
    exam_id: int | None


@dataclass(frozen=True, slots=True)
class ImportReport:
    job_ids: tuple[str, ...] = ()
    pages: tuple[PageRecord, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    errors: tuple[ImportProblem, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    def merged(self, other: ImportReport) -> ImportReport:
        return ImportReport(
            self.job_ids + other.job_ids,
            self.pages + other.pages,
            self.duplicates + other.duplicates,
            self.errors + other.errors,
            self.skipped + other.skipped,
        )


# ------------------------------------------------------------------ finding files


def is_hidden_or_temporary(path: Path) -> bool:
    """Dotfiles, Office lock files (`~$x`), editor backups (`x~`) and files still being written."""
    name = path.name
    return name.startswith((".", "~$")) or name.endswith("~") or name.lower().endswith(TEMP_SUFFIXES)


def template_files(template_path: str | Path, answer_key_path: str | Path | None = None) -> set[Path]:
    """The template, the files beside it that belong to it (marker image, reference) and the key."""
    template = load_template(template_path)
    used = template.files_used() | {Path(template_path).resolve()}
    if answer_key_path:
        used |= key_files(answer_key_path)
    return used


def shown_path(path: Path) -> str:
    """`path` as it can be printed and stored: bytes that are not UTF-8 shown as `\xff` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def leads_out_of(path: Path, root: Path) -> bool:
    """True if `path` is a link (or lies under one) whose target is outside the resolved folder `root`."""
    return not path.resolve().is_relative_to(root)


def _walk(folder: Path, skip: set[Path]) -> tuple[list[Path], list[Skipped]]:
    """Scans under `folder`, without following links out of it: a link (to a file or a folder) is taken
    only if it leads to a file inside the folder, so a link cannot pull in what the teacher did not
    choose (nor its hash into the store)."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    root = folder.resolve()
    candidates: list[Path] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current)
        for name in dirs:
            if (base / name).is_symlink():
                skipped.append(Skipped(base / name, LINKED_FOLDER))
        candidates.extend(base / name for name in files)
    for path in sorted(candidates):
        if leads_out_of(path, root):
            skipped.append(Skipped(path, LINK_OUT_OF_FOLDER))
            continue
        if not path.is_file():
            continue
        relative = path.relative_to(folder).parts
        if text_problem(str(path)) is not None:
            skipped.append(Skipped(path, NOT_UTF8))
        elif any(is_hidden_or_temporary(Path(part)) for part in relative):
            skipped.append(Skipped(path, "hidden or temporary file"))
        elif path.suffix.lower() not in SCAN_SUFFIXES:
            skipped.append(Skipped(path, "not a scan file (PNG, JPEG, TIFF or PDF)"))
        elif path.resolve() in skip:
            skipped.append(Skipped(path, "belongs to the answer-card template"))
        else:
            found.append(path)
    return found, skipped


def gather_scans(
    paths: Iterable[str | Path], skip: set[Path] | frozenset[Path] = frozenset()
) -> tuple[list[Path], list[Skipped], list[ImportProblem]]:
    """(scan files, skipped files, paths not found): named files, and scans under folders, each once."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    missing: list[ImportProblem] = []
    skip_set = set(skip)
    for raw in paths:
        path = Path(raw).expanduser()
        if text_problem(str(path)) is not None:
            skipped.append(Skipped(path, NOT_UTF8))
        elif path.is_dir():
            files, left_out = _walk(path, skip_set)
            found.extend(files)
            skipped.extend(left_out)
        elif path.exists():
            found.append(path)
        else:
            missing.append(ImportProblem(path, f"{path.name}: file or folder not found ({path})"))
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values()), skipped, missing


def collect_scans(paths: Sequence[str | Path], skip: set[Path] | frozenset[Path] = frozenset()) -> list[Path]:
    """Files named, and scans found under folders (recursively), minus the template's own files.

    Raises FileNotFoundError naming the first path that does not exist (the CLI's behaviour).
    """
    files, _skipped, missing = gather_scans(paths, skip)
    if missing:
        raise FileNotFoundError(f"not found: {missing[0].path}")
    return files


# ------------------------------------------------------------------ pages of one file


def file_sha256(path: Path) -> hashlib._Hash:
    """A running sha256 of the file's bytes (copy it before adding anything)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest


def page_sha256(file_digest: hashlib._Hash, page: int) -> str:
    """sha256 of the file's bytes followed by `\\x00page=<index>`: one identity per page of a file."""
    digest = file_digest.copy()
    digest.update(b"\x00page=%d" % page)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class FilePlan:
    """One readable file: its pages' identities. `file_sha256` is the sha256 of the bytes alone."""

    path: Path
    file_sha256: str
    page_count: int
    page_shas: tuple[str, ...]


def plan_file(path: Path) -> FilePlan:
    """Count and hash the pages of a scan file. Raises BadInput (teacher-readable) if it is unreadable."""
    page_count = count_pages(path)  # checks empty, not-an-image, encrypted or damaged files first
    try:
        digest = file_sha256(path)
    except OSError as exc:
        raise BadInput(f"{path.name}: cannot read the file ({exc.strerror or exc})") from None
    shas = tuple(page_sha256(digest, page) for page in range(page_count))
    return FilePlan(path, digest.hexdigest(), page_count, shas)


# ------------------------------------------------------------------ what every job of an import shares


@dataclass(frozen=True, slots=True)
class ImportSetup:
    template: Path
    answer_key: Path | None
    exam_id: int | None
    skip: frozenset[Path]
    settings: Mapping[str, Any]
    placement_fn: PlacementFn
    extra_payload: Mapping[str, Any] = field(default_factory=dict)  # e.g. the CLI's annotate_dir
    double_mark: DoubleMark = DoubleMark.REVIEW  # the exam's rule (an explicit extra_payload one wins)

    def payload(self, path: Path, page: int) -> dict[str, Any]:
        payload: dict[str, Any] = {**self.extra_payload, "image_path": str(path.resolve()), "page": page,
                                   "template": str(self.template)}
        if self.answer_key is not None:
            payload["answer_key"] = str(self.answer_key)
        if self.exam_id is not None:
            payload["exam_id"] = str(self.exam_id)
        if self.double_mark != DoubleMark.REVIEW:
            payload.setdefault("double_mark", str(self.double_mark))
        return payload


def _settings_mapping(settings: Any) -> Mapping[str, Any]:
    if settings is None:
        return {}
    if hasattr(settings, "as_mapping"):
        return settings.as_mapping()  # type: ignore[no-any-return]
    return settings  # type: ignore[no-any-return]


def prepare_import(
    *,
    exam: Exam | None = None,
    template: str | Path | None = None,
    answer_key: str | Path | None = None,
    settings: Any = None,
    placement_fn: PlacementFn | None = None,
    extra_payload: Mapping[str, Any] | None = None,
) -> ImportSetup:
    """Check the template and key once for the whole import. Raises ValueError with the reason.

    An explicit `template` / `answer_key` wins over the exam's.
    """
    chosen_template = template if template is not None else (exam.template_path if exam else None)
    chosen_key = answer_key if answer_key is not None else (exam.answer_key_path if exam else None)
    if chosen_template is None:
        raise ValueError("choose an exam or an answer-card template before importing scans")
    template_path = Path(chosen_template).expanduser().resolve()
    key_path = Path(chosen_key).expanduser().resolve() if chosen_key else None
    try:
        skip = template_files(template_path, key_path)
        if key_path is not None:
            load_answer_key(key_path, load_template(template_path))
    except BadInput as exc:
        raise ValueError(str(exc)) from None
    if placement_fn is None:
        placement_fn = placement_for
    return ImportSetup(
        template=template_path,
        answer_key=key_path,
        exam_id=exam.id if exam else None,
        skip=frozenset(skip),
        settings=_settings_mapping(settings),
        placement_fn=placement_fn,
        extra_payload=dict(extra_payload or {}),
        double_mark=exam.double_mark if exam else DoubleMark.REVIEW,
    )


# ------------------------------------------------------------------ enqueue


class _DuplicatesAppeared(Exception):
    """Another import wrote some of our pages between our check and our write: plan again."""


@dataclass(frozen=True, slots=True)
class _Page:
    plan: FilePlan
    page: int
    sha: str


def enqueue_plans(
    queue: JobQueue,
    plans: Sequence[FilePlan],
    setup: ImportSetup,
    *,
    allow_duplicates: bool = False,
    also: Callable[[Connection], None] | None = None,
) -> tuple[list[PageRecord], list[Duplicate]]:
    """Enqueue one job per page of `plans` with their page rows; `also(conn)` joins the transaction.

    Jobs are grouped by placement; each group is one transaction with its own page rows (`also` runs in
    the first). OMR always runs at the desk, so an import is in practice one transaction.
    """
    wanted = [_Page(plan, page, sha) for plan in plans for page, sha in enumerate(plan.page_shas)]
    for _attempt in range(_RACE_RETRIES):
        with queue.store.read() as conn:
            known = {} if allow_duplicates else existing_pages(conn, {p.sha for p in wanted}, setup.exam_id)
        try:
            return _enqueue_once(queue, wanted, setup, known, allow_duplicates, also)
        except _DuplicatesAppeared:
            continue
    raise RuntimeError("another import kept writing the same pages; try the import again")


def _enqueue_once(
    queue: JobQueue,
    wanted: list[_Page],
    setup: ImportSetup,
    known: dict[str, str],
    allow_duplicates: bool,
    also: Callable[[Connection], None] | None,
) -> tuple[list[PageRecord], list[Duplicate]]:
    duplicates: list[Duplicate] = []
    groups: dict[Placement, list[tuple[_Page, AIJob]]] = {}
    first_in_batch: dict[str, str] = {}
    for item in wanted:
        existing = known.get(item.sha) or (None if allow_duplicates else first_in_batch.get(item.sha))
        if existing is not None:
            duplicates.append(Duplicate(item.plan.path, item.page, existing))
            continue
        payload = setup.payload(item.plan.path, item.page)
        job = AIJob.new(type="omr", payload=payload)
        first_in_batch.setdefault(item.sha, job.id)
        placement = setup.placement_fn("omr", payload, setup.settings)
        groups.setdefault(placement, []).append((item, job))
    if not groups:
        if also is None:
            return [], duplicates
        groups[Placement.DESK] = []  # nothing to enqueue, but `also` must still run in a transaction

    records: list[PageRecord] = []
    pending_also = also
    for placement, members in groups.items():
        rows = [
            PageRow(str(item.plan.path.resolve()), item.page, item.sha, job.id, setup.exam_id) for item, job in members
        ]

        def write(conn: Connection, rows: list[PageRow] = rows, extra: Callable[[Connection], None] | None = pending_also) -> None:
            if rows and not allow_duplicates:
                raced = existing_pages(conn, {r.content_sha256 for r in rows}, setup.exam_id)
                if raced:
                    raise _DuplicatesAppeared()
            insert_pages(conn, rows)
            if extra is not None:
                extra(conn)

        queue.enqueue_many([job for _, job in members], placement=placement, also=write)
        pending_also = None
        records.extend(
            PageRecord(
                source_path=item.plan.path,
                page_index=item.page,
                page_count=item.plan.page_count,
                file=page_name(item.plan.path, item.page, item.plan.page_count),
                content_sha256=item.sha,
                job_id=job.id,
                exam_id=setup.exam_id,
            )
            for item, job in members
        )
    return records, duplicates


def import_paths(
    queue: JobQueue,
    paths: Iterable[str | Path],
    *,
    exam: Exam | None = None,
    template: str | Path | None = None,
    answer_key: str | Path | None = None,
    settings: Any = None,
    placement_fn: PlacementFn | None = None,
    allow_duplicates: bool = False,
    progress: ProgressFn | None = None,
    extra_payload: Mapping[str, Any] | None = None,
) -> ImportReport:
    """Import scan files and folders for `exam` (or a bare `template`); see the module docstring.

    Raises ValueError only for what stops the whole import (no template, unreadable template or key);
    problems with single files are in the report. With `allow_duplicates=True` duplicate pages are
    enqueued like any other and `duplicates` stays empty.
    """
    setup = prepare_import(
        exam=exam, template=template, answer_key=answer_key, settings=settings, placement_fn=placement_fn,
        extra_payload=extra_payload,
    )
    files, skipped, errors = gather_scans(paths, setup.skip)
    plans: list[FilePlan] = []
    for index, path in enumerate(files):
        if progress is not None:
            progress(index, len(files), path.name)
        try:
            plans.append(plan_file(path))
        except BadInput as exc:
            errors.append(ImportProblem(path, str(exc)))
        except OSError as exc:
            errors.append(ImportProblem(path, f"{path.name}: cannot read the file ({exc.strerror or exc})"))
    if progress is not None:
        progress(len(files), len(files), "")
    records, duplicates = enqueue_plans(queue, plans, setup, allow_duplicates=allow_duplicates) if plans else ([], [])
    return ImportReport(
        job_ids=tuple(r.job_id for r in records),
        pages=tuple(records),
        duplicates=tuple(duplicates),
        errors=tuple(errors),
        skipped=tuple(skipped),
    )


__all__ = [
    "LINKED_FOLDER",
    "LINK_OUT_OF_FOLDER",
    "NOTEWORTHY_SKIPS",
    "NOT_UTF8",
    "Duplicate",
    "FilePlan",
    "ImportProblem",
    "ImportReport",
    "ImportSetup",
    "PageRecord",
    "Skipped",
    "collect_scans",
    "enqueue_plans",
    "file_sha256",
    "gather_scans",
    "import_paths",
    "is_hidden_or_temporary",
    "leads_out_of",
    "page_sha256",
    "plan_file",
    "prepare_import",
    "shown_path",
    "template_files",
]
