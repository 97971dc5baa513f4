"""The scanner folder: a file is taken once, after it stops growing, and never again (also after a restart)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.exams import Exam
from core.queue import JobQueue
from core.store import Store
from core.store.schema import jobs, pages, watched_files
from desktop.services import watch
from desktop.services.watch import EMPTY_FILE_WAIT_S, FolderWatcher
from tests.desk.cards import card, png_bytes, write_pdf, write_png
from tests.desk.conftest import all_right
from tests.omr.pdf_fixtures import encrypted_pdf


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "scanner"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def scan_bytes() -> bytes:
    return png_bytes(card(all_right(), student_id="20260001"))


def _poll_at(watcher: FolderWatcher, clock: Clock, *times: float):  # type: ignore[no-untyped-def]
    reports = []
    for t in times:
        clock.now = t
        reports.append(watcher.poll())
    return reports


def test_a_file_written_in_chunks_is_taken_once_after_it_stops_growing(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes
) -> None:
    watcher = FolderWatcher(queue, folder, exam=exam, stable_seconds=2.0, clock=clock)
    target = folder / "scan001.png"
    chunks = [scan_bytes[i : i + len(scan_bytes) // 4 + 1] for i in range(0, len(scan_bytes), len(scan_bytes) // 4 + 1)]
    assert len(chunks) == 4
    taken = []
    for step, chunk in enumerate(chunks):
        with target.open("ab") as handle:
            handle.write(chunk)
        # Polls while it grows, including one that sees the same size for less than stable_seconds.
        taken += [r.job_ids for r in _poll_at(watcher, clock, 1000 + 3 * step, 1001.5 + 3 * step)]
    assert all(ids == () for ids in taken), "taken while still being written"
    assert _count(store, jobs) == 0

    # The final size was first seen at 1009: 1.9 s later it is not stable yet, 2 s later it is.
    reports = _poll_at(watcher, clock, 1010.9, 1011.0, 1012.0, 1020.0)
    assert [len(r.job_ids) for r in reports] == [0, 1, 0, 0]
    got = [r for r in reports if r.job_ids]
    page = got[0].pages[0]
    assert page.source_path == target and page.exam_id == exam.id
    assert _count(store, jobs) == 1 and _count(store, pages) == 1 and _count(store, watched_files) == 1
    with store.read() as conn:
        row = conn.execute(select(watched_files)).one()
    stat = target.stat()
    assert (row.path, row.size, row.mtime) == (str(target.resolve()), stat.st_size, stat.st_mtime)

    # A restart: a new watcher on the same store does not take it again.
    again = FolderWatcher(queue, folder, exam=exam, stable_seconds=2.0, clock=clock)
    later = _poll_at(again, clock, 2000.0, 2003.0, 2006.0)
    assert all(r.job_ids == () and r.duplicates == () for r in later)
    assert [s.reason for r in later for s in r.skipped] == ["already taken from the scanner folder"]
    assert _count(store, jobs) == 1


def test_a_renamed_copy_is_noticed_as_a_duplicate(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes
) -> None:
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    (folder / "a.png").write_bytes(scan_bytes)
    first = [r for r in _poll_at(watcher, clock, 0, 3) if r.job_ids]
    job_id = first[0].job_ids[0]

    shutil.copy(folder / "a.png", folder / "a (1).png")
    reports = _poll_at(watcher, clock, 10, 13, 20)
    assert [d for r in reports for d in r.duplicates] == [(folder / "a (1).png", 0, job_id)]
    assert all(r.job_ids == () for r in reports)
    assert _count(store, jobs) == 1 and _count(store, watched_files) == 2

    restarted = FolderWatcher(queue, folder, exam=exam, clock=clock)
    reports = _poll_at(restarted, clock, 30, 33)
    assert all(r.duplicates == () and r.job_ids == () for r in reports)

    # The same file touched (same path and bytes, new mtime) is not read again either.
    (folder / "a.png").write_bytes(scan_bytes)
    reports = _poll_at(restarted, clock, 40, 43)
    assert [d.existing_job_id for r in reports for d in r.duplicates] == [job_id]
    assert _count(store, jobs) == 1


def test_an_error_inside_the_transaction_leaves_neither_jobs_nor_the_row(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    (folder / "a.png").write_bytes(scan_bytes)
    real_record = watch._record

    def record_then_crash(conn, *args):  # type: ignore[no-untyped-def]
        real_record(conn, *args)  # the row is written inside the transaction...
        raise OSError("power cut")  # ...and the transaction dies after it

    monkeypatch.setattr(watch, "_record", record_then_crash)
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    clock.now = 0
    watcher.poll()
    clock.now = 3
    with pytest.raises(OSError, match="power cut"):
        watcher.poll()
    assert _count(store, jobs) == 0 and _count(store, pages) == 0 and _count(store, watched_files) == 0

    monkeypatch.setattr(watch, "_record", real_record)
    report = _poll_at(watcher, clock, 4)[0]  # still stable: taken now, once
    assert len(report.job_ids) == 1
    assert _count(store, jobs) == 1 and _count(store, watched_files) == 1


def test_hidden_and_temporary_files_are_ignored(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes
) -> None:
    for name in (".a.png", "b.png.part", "~$c.png", "d.tmp", "e.png.crdownload", "notes.txt"):
        (folder / name).write_bytes(scan_bytes)
    (folder / ".sync").mkdir()
    (folder / ".sync" / "f.png").write_bytes(scan_bytes)
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    reports = _poll_at(watcher, clock, 0, 5, 10, 100)
    assert all(r == type(r)() for r in reports)
    assert _count(store, jobs) == 0 and _count(store, watched_files) == 0


def test_multi_page_files_and_subfolders(queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock) -> None:
    (folder / "day1").mkdir()
    write_pdf(folder / "day1" / "batch.pdf", [card(all_right(), student_id="1" * 8), card(all_right(), student_id="2" * 8)])
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    report = _poll_at(watcher, clock, 0, 3)[1]
    assert [(p.file, p.page_index) for p in report.pages] == [("batch.pdf#p1", 0), ("batch.pdf#p2", 1)]
    assert _count(store, watched_files) == 1


def test_unreadable_files_are_reported_once(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock
) -> None:
    (folder / "letter.png").write_text("not an image")
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "empty.png").write_bytes(b"")
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    reports = _poll_at(watcher, clock, 0, 3, 6)
    errors = {e.path.name: e.message for r in reports for e in r.errors}
    assert set(errors) == {"letter.png", "locked.pdf"}  # the empty file may still be being written
    assert "password" in errors["locked.pdf"]
    late = _poll_at(watcher, clock, EMPTY_FILE_WAIT_S + 1, EMPTY_FILE_WAIT_S + 2)
    assert [e.path.name for r in late for e in r.errors] == ["empty.png"]
    assert "empty" in late[0].errors[0].message
    assert _count(store, jobs) == 0

    # A good scan saved over a bad one is a new file (size and mtime changed): taken.
    write_png(folder / "letter.png", card(all_right(), student_id="12121212"))
    taken = _poll_at(watcher, clock, 100, 103)
    assert sum(len(r.job_ids) for r in taken) == 1


def test_a_missing_folder_is_reported_once(queue: JobQueue, exam: Exam, tmp_path: Path, clock: Clock) -> None:
    watcher = FolderWatcher(queue, tmp_path / "not-yet", exam=exam, clock=clock)
    first, second = _poll_at(watcher, clock, 0, 1)
    assert "does not exist" in first.errors[0].message and second.errors == ()


def test_needs_an_exam_or_a_template(queue: JobQueue, folder: Path) -> None:
    with pytest.raises(ValueError, match="choose an exam"):
        FolderWatcher(queue, folder, exam=None)


def test_a_scan_imported_by_hand_is_a_duplicate_in_the_folder(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes, tmp_path: Path
) -> None:
    from desktop.services.intake import import_paths

    by_hand = tmp_path / "desk" / "s.png"
    by_hand.parent.mkdir()
    by_hand.write_bytes(scan_bytes)
    job_id = import_paths(queue, [by_hand], exam=exam).job_ids[0]
    (folder / "s.png").write_bytes(scan_bytes)
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock)
    reports = _poll_at(watcher, clock, 0, 3)
    assert [d for r in reports for d in r.duplicates] == [(folder / "s.png", 0, job_id)]
    assert _count(store, jobs) == 1 and _count(store, watched_files) == 1


def test_links_out_of_the_folder_and_names_that_are_not_utf8_are_passed_over(
    queue: JobQueue, store: Store, exam: Exam, folder: Path, clock: Clock, scan_bytes: bytes, tmp_path: Path
) -> None:
    import os

    private = tmp_path / "private"
    private.mkdir()
    (private / "secret.png").write_bytes(scan_bytes)
    (folder / "link.png").symlink_to(private / "secret.png")
    (folder / "linked").symlink_to(private, target_is_directory=True)
    Path(os.fsdecode(bytes(folder) + b"/\xff\xfe.png")).write_bytes(scan_bytes)
    watcher = FolderWatcher(queue, folder, exam=exam, clock=clock, recursive=True)
    reports = _poll_at(watcher, clock, 0, 5, 10, 100)
    assert all(r == type(r)() for r in reports)
    assert _count(store, jobs) == 0 and _count(store, watched_files) == 0
