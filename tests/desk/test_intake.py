"""Import: files and folders -> one omr job and one pages row per page; duplicates and bad files reported."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.exams import Exam, create_exam
from core.page_rows import existing_pages
from core.queue import JobQueue
from core.store import Store
from core.store.schema import jobs, pages
from desktop.services import intake
from desktop.services.intake import collect_scans, import_paths, page_sha256
from tests.desk.cards import T20, card, write_pdf, write_png, write_tiff
from tests.desk.conftest import all_right
from tests.omr.pdf_fixtures import encrypted_pdf


def _count(store: Store, table) -> int:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.fixture(scope="module")
def scan_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Drawn once for the module; each test gets its own copy (`scans`)."""
    folder = tmp_path_factory.mktemp("scan-set") / "scans"
    write_png(folder / "a.png", card(all_right(), student_id="10000001"))
    write_png(folder / "sub" / "b.png", card(all_right(q1="2"), student_id="10000002"))
    write_pdf(folder / "c.pdf", [card(all_right(), student_id="10000003"), card(all_right(), student_id="10000004")])
    write_tiff(folder / "d.tif", [card(all_right(), student_id="10000005"), card(all_right(), student_id="10000006")])
    # Left out: hidden, temporary, lock files and files that are not scans.
    shutil.copy(folder / "a.png", folder / ".hidden.png")
    shutil.copy(folder / "a.png", folder / "scan7.png.part")
    shutil.copy(folder / "a.png", folder / "~$lock.png")
    (folder / "notes.txt").write_text("hello")
    # Unreadable: reported, the rest goes on.
    (folder / "empty.png").write_bytes(b"")
    (folder / "letter.png").write_text("not an image")
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    return folder


@pytest.fixture
def scans(scan_set: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(scan_set, tmp_path / "scans"))


def test_folder_import_makes_one_job_and_one_page_row_per_page(
    queue: JobQueue, store: Store, exam: Exam, scans: Path
) -> None:
    report = import_paths(queue, [scans], exam=exam)

    by_file = {(r.source_path.name, r.page_index) for r in report.pages}
    assert by_file == {("a.png", 0), ("b.png", 0), ("c.pdf", 0), ("c.pdf", 1), ("d.tif", 0), ("d.tif", 1)}
    assert {r.file for r in report.pages} >= {"c.pdf#p2", "d.tif#p1", "a.png"}
    assert len(report.job_ids) == 6 == len(set(report.job_ids))
    assert report.duplicates == ()
    errors = {p.path.name: p.message for p in report.errors}
    assert set(errors) == {"empty.png", "letter.png", "locked.pdf"}
    assert "empty" in errors["empty.png"] and "not a scan" in errors["letter.png"]
    assert "password" in errors["locked.pdf"]
    assert all("\n" not in m for m in errors.values())
    skipped = {s.path.name for s in report.skipped}
    assert skipped == {".hidden.png", "scan7.png.part", "~$lock.png", "notes.txt"}

    for record in report.pages:
        view = queue.get(record.job_id)
        assert view is not None and view.job_type == "omr" and view.placement == "desk"
        assert view.payload == {
            "image_path": str(record.source_path.resolve()),
            "page": record.page_index,
            "template": str(T20.resolve()),
            "answer_key": str(exam.answer_key_path),
            "exam_id": str(exam.id),
        }
        data = record.source_path.read_bytes()
        assert record.content_sha256 == page_sha256(hashlib.sha256(data), record.page_index)
    with store.read() as conn:
        rows = conn.execute(select(pages).order_by(pages.c.id)).all()
    assert [(r.job_id, r.page_index, r.exam_id, r.content_sha256) for r in rows] == [
        (r.job_id, r.page_index, exam.id, r.content_sha256) for r in report.pages
    ]
    assert _count(store, jobs) == 6


def test_pages_of_one_file_have_different_identities(queue: JobQueue, exam: Exam, scans: Path) -> None:
    report = import_paths(queue, [scans / "c.pdf"], exam=exam)
    assert len({r.content_sha256 for r in report.pages}) == 2


def test_duplicates_are_reported_not_enqueued(queue: JobQueue, store: Store, exam: Exam, scans: Path, tmp_path: Path) -> None:
    first = import_paths(queue, [scans / "a.png", scans / "c.pdf"], exam=exam)
    assert len(first.job_ids) == 3
    renamed = tmp_path / "elsewhere" / "renamed.png"
    renamed.parent.mkdir()
    shutil.copy(scans / "a.png", renamed)

    again = import_paths(queue, [scans / "c.pdf", renamed], exam=exam)

    assert again.job_ids == ()
    existing = {(r.source_path.name, r.page_index): r.job_id for r in first.pages}
    assert sorted(again.duplicates) == sorted(
        [
            (scans / "c.pdf", 0, existing[("c.pdf", 0)]),
            (scans / "c.pdf", 1, existing[("c.pdf", 1)]),
            (renamed, 0, existing[("a.png", 0)]),
        ]
    )
    assert _count(store, jobs) == 3

    forced = import_paths(queue, [renamed], exam=exam, allow_duplicates=True)
    assert len(forced.job_ids) == 1 and forced.duplicates == ()
    assert _count(store, jobs) == 4


def test_duplicates_are_per_exam(queue: JobQueue, store: Store, exam: Exam, scans: Path) -> None:
    import_paths(queue, [scans / "a.png"], exam=exam)
    other = create_exam(store, "기말고사", T20)
    report = import_paths(queue, [scans / "a.png"], exam=other)
    assert len(report.job_ids) == 1 and report.duplicates == ()
    bare = import_paths(queue, [scans / "a.png"], template=T20)  # no exam: its own scope
    assert len(bare.job_ids) == 1


def test_the_same_scan_twice_in_one_import_is_taken_once(queue: JobQueue, exam: Exam, scans: Path) -> None:
    shutil.copy(scans / "a.png", scans / "a-copy.png")
    report = import_paths(queue, [scans / "a.png", scans / "a-copy.png"], exam=exam)
    assert len(report.job_ids) == 1
    assert report.duplicates == ((scans / "a-copy.png", 0, report.job_ids[0]),)


def test_a_discarded_reading_is_not_a_duplicate(queue: JobQueue, exam: Exam, scans: Path) -> None:
    first = import_paths(queue, [scans / "a.png"], exam=exam)
    claimed = queue.claim("test")
    assert claimed is not None and claimed.job_id == first.job_ids[0]
    queue.fail(claimed.job_id, claimed.lease_token, "wrong card", retryable=False)
    queue.discard(claimed.job_id)
    again = import_paths(queue, [scans / "a.png"], exam=exam)
    assert len(again.job_ids) == 1 and again.duplicates == ()


def test_a_racing_import_is_caught_inside_the_transaction(
    queue: JobQueue, store: Store, exam: Exam, scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = import_paths(queue, [scans / "a.png"], exam=exam)
    calls = []

    def blind_first_check(conn, shas, exam_id):  # type: ignore[no-untyped-def]
        calls.append(1)
        # The check before the write misses the page (as if the other import had not committed yet).
        return {} if len(calls) == 1 else existing_pages(conn, shas, exam_id)

    monkeypatch.setattr(intake, "existing_pages", blind_first_check)
    report = import_paths(queue, [scans / "a.png"], exam=exam)
    assert report.job_ids == ()
    assert report.duplicates == ((scans / "a.png", 0, first.job_ids[0]),)
    assert _count(store, jobs) == 1 and _count(store, pages) == 1
    assert len(calls) == 3  # pre-check (blind), in-transaction check (raised), pre-check again


def test_an_error_inside_the_transaction_writes_nothing(
    queue: JobQueue, store: Store, exam: Exam, scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn, rows, **_kw):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "insert_pages", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        import_paths(queue, [scans / "a.png", scans / "c.pdf"], exam=exam)
    assert _count(store, jobs) == 0 and _count(store, pages) == 0


def test_template_files_are_left_out_of_folders(queue: JobQueue, tmp_path: Path) -> None:
    folder = tmp_path / "with-template"
    folder.mkdir()
    raw = json.loads(T20.read_text(encoding="utf-8"))
    raw["preProcessors"].append({"name": "CropOnMarkers", "options": {"relativePath": "omr_marker.png"}})
    template = folder / "template.json"
    template.write_text(json.dumps(raw), encoding="utf-8")
    write_png(folder / "omr_marker.png", card({}))
    write_png(folder / "s1.png", card(all_right(), student_id="12345678"))
    files = collect_scans([folder], intake.template_files(template))
    assert [f.name for f in files] == ["s1.png"]
    report = import_paths(queue, [folder], template=template)
    assert [p.source_path.name for p in report.pages] == ["s1.png"]
    assert ("omr_marker.png", "belongs to the answer-card template") in [(s.path.name, s.reason) for s in report.skipped]


def test_what_stops_a_whole_import_is_a_value_error(queue: JobQueue, tmp_path: Path, scans: Path) -> None:
    with pytest.raises(ValueError, match="choose an exam or an answer-card template"):
        import_paths(queue, [scans])
    with pytest.raises(ValueError, match="template file not found"):
        import_paths(queue, [scans], template=tmp_path / "nope.json")
    bad_key = tmp_path / "key.csv"
    bad_key.write_text("question,answer\n")
    with pytest.raises(ValueError, match="holds no answers"):
        import_paths(queue, [scans], template=T20, answer_key=bad_key)


def test_missing_paths_are_reported_and_the_rest_goes_on(queue: JobQueue, exam: Exam, scans: Path, tmp_path: Path) -> None:
    report = import_paths(queue, [tmp_path / "gone.png", scans / "a.png"], exam=exam)
    assert len(report.job_ids) == 1
    assert [p.path.name for p in report.errors] == ["gone.png"]
    assert "not found" in report.errors[0].message
    with pytest.raises(FileNotFoundError, match=r"gone\.png"):
        collect_scans([tmp_path / "gone.png"])


def test_placement_and_progress_hooks(queue: JobQueue, exam: Exam, scans: Path) -> None:
    seen: list[tuple[str, dict, dict]] = []
    progress: list[tuple[int, int, str]] = []

    def placement(job_type, payload, settings):  # type: ignore[no-untyped-def]
        seen.append((job_type, dict(payload), dict(settings)))
        return "desk"

    report = import_paths(
        queue, [scans / "a.png", scans / "c.pdf"], exam=exam, settings={"x": 1}, placement_fn=placement,
        progress=lambda done, total, name: progress.append((done, total, name)),
    )
    assert len(report.job_ids) == 3
    assert [s[0] for s in seen] == ["omr"] * 3 and seen[0][2] == {"x": 1}
    assert progress == [(0, 2, "a.png"), (1, 2, "c.pdf"), (2, 2, "")]
