"""Multi-page TIFF and PDF: every page is its own job; the `omr` command runs through the queue and worker."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.omr.synth import make_sheet
from worker.omr.pages import count_pages, load_page, page_name

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
T20 = TEMPLATES / "kr_omr_20.json"


def _sheets(count: int, seed: int) -> list:
    rng = np.random.default_rng(seed)
    return [make_sheet(T20, rng, turn=0) for _ in range(count)]


def _images(sheets: list) -> list[Image.Image]:
    return [Image.open(io.BytesIO(s.jpeg)).convert("RGB") for s in sheets]


def test_every_tiff_and_pdf_page_loads(tmp_path: Path) -> None:
    images = _images(_sheets(3, 1))
    tiff = tmp_path / "stack.tif"
    images[0].save(tiff, save_all=True, append_images=images[1:], compression="tiff_deflate")
    pdf = tmp_path / "stack.pdf"
    images[0].save(pdf, save_all=True, append_images=images[1:], resolution=200.0)
    for path in (tiff, pdf):
        assert count_pages(path) == 3
        for page in range(3):
            loaded = load_page(path, page)
            assert min(loaded.grey.shape) > 500
    assert page_name(pdf, 1, 3) == "stack.pdf#p2"
    assert page_name(tmp_path / "one.jpg", 0, 1) == "one.jpg"


@pytest.mark.slow
def test_omr_command_runs_pages_through_the_queue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import desktop.cli.main as cli

    sheets = _sheets(3, 2)
    scans = tmp_path / "scans"
    (scans / "sub").mkdir(parents=True)
    images = _images(sheets[:2])
    images[0].save(scans / "two.pdf", save_all=True, append_images=images[1:], resolution=200.0)
    (scans / "sub" / "one.jpg").write_bytes(sheets[2].jpeg)
    (scans / "broken.jpg").write_bytes(b"")
    key = tmp_path / "key.csv"
    truth = sheets[2].truth
    key.write_text("question,answer\n" + "".join(f"{q},{truth[q] or 1}\n" for q in truth if q != "student_id"))
    out_csv = tmp_path / "out.csv"
    out_xlsx = tmp_path / "out.xlsx"
    code = cli.main([
        "--home", str(tmp_path / "home"), "omr", str(scans), "--template", str(T20), "--answer-key", str(key),
        "--csv", str(out_csv), "--xlsx", str(out_xlsx), "--annotate", str(tmp_path / "ann"), "--concurrency", "2",
    ])
    assert code == 1  # the empty file is named and refused, as the app's import does; the others were read
    assert "broken.jpg" in capsys.readouterr().err
    rows = {r["file"]: r for r in csv.DictReader(out_csv.open(encoding="utf-8"))}
    assert set(rows) == {"two.pdf#p1", "two.pdf#p2", "one.jpg"}
    header = next(csv.reader(out_csv.open(encoding="utf-8")))
    assert header[:2] == ["file", "student_id"] and header[-3:] == ["score", "flags", "confidence"]
    for name, sheet in (("two.pdf#p1", sheets[0]), ("two.pdf#p2", sheets[1]), ("one.jpg", sheets[2])):
        assert rows[name]["student_id"] == sheet.student_id  # leading zeros kept
    assert out_xlsx.exists() and len(list((tmp_path / "ann").glob("*.jpg"))) == 3

    from core.queue import JobQueue
    from core.store import open_store

    queue = JobQueue(open_store(None, tmp_path / "home"))
    jobs = queue.list_jobs(limit=50)
    assert len([j for j in jobs if j.job_type == "omr"]) == 3
    from core.store.schema import pages

    with queue.store.read() as conn:
        page_rows = conn.execute(pages.select()).all()
    assert sorted(r.page_index for r in page_rows) == [0, 0, 1]  # one record per page, with its job
    assert {r.job_id for r in page_rows} == {j.job_id for j in jobs if j.job_type == "omr"}


@pytest.mark.slow
def test_a_page_read_by_the_cli_is_a_duplicate_in_the_app_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`scandesk omr --exam` stores the page hash and exam exactly as the app's import does."""
    import desktop.cli.main as cli
    from core.exams import find_exam
    from core.queue import JobQueue
    from core.store import open_store
    from desktop.services.intake import import_paths

    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "a.jpg").write_bytes(_sheets(1, 5)[0].jpeg)
    home = tmp_path / "home"
    assert cli.main(["--home", str(home), "omr", str(scans), "--template", str(T20), "--exam", "Week 1"]) == 0
    queue = JobQueue(open_store(None, home))
    exam = find_exam(queue.store, "Week 1")
    assert exam is not None
    report = import_paths(queue, [scans], exam=exam)
    assert report.job_ids == () and [d.path.name for d in report.duplicates] == ["a.jpg"]
    # ...and the CLI run again on the same folder reuses the earlier read instead of a new job.
    assert cli.main(["--home", str(home), "omr", str(scans), "--template", str(T20), "--exam", "Week 1"]) == 0
    assert "read before" in capsys.readouterr().err
    assert len(queue.list_ids(job_type="omr")) == 1


@pytest.mark.slow
def test_without_an_exam_the_cli_reads_its_pages_again(tmp_path: Path) -> None:
    """No exam: a second run with another key scores the pages afresh instead of reusing the first read."""
    import desktop.cli.main as cli
    from core.queue import JobQueue
    from core.store import open_store

    scans = tmp_path / "scans"
    scans.mkdir()
    sheet = _sheets(1, 6)[0]
    (scans / "a.jpg").write_bytes(sheet.jpeg)
    home = tmp_path / "home"
    questions = [q for q in sheet.truth if q != "student_id"]
    right, wrong = tmp_path / "right.csv", tmp_path / "wrong.csv"
    right.write_text("question,answer\n" + "".join(f"{q},{sheet.truth[q] or 1}\n" for q in questions))
    wrong.write_text("question,answer\n" + "".join(f"{q},{'2' if sheet.truth[q] != '2' else '3'}\n" for q in questions))
    scores = []
    for key in (right, wrong):
        out = tmp_path / f"{key.stem}.csv"
        cli.main(["--home", str(home), "omr", str(scans), "--template", str(T20), "--answer-key", str(key),
                  "--csv", str(out)])
        [row] = list(csv.DictReader(out.open(encoding="utf-8")))
        scores.append(float(row["score"]))
    assert scores[0] > scores[1] == 0.0
    assert len(JobQueue(open_store(None, home)).list_ids(job_type="omr")) == 2


def test_the_omr_command_runs_only_omr_jobs(tmp_path: Path) -> None:
    """Jobs of other kinds waiting in the store are left to the app or `scandesk worker`: `scandesk omr`
    waits for its own pages only, and a slow job of another kind must not hold them up."""
    import desktop.cli.main as cli
    from core.contracts import AIJob
    from core.queue import JobQueue
    from core.store import open_store

    store = open_store(None, tmp_path / "home")
    queue = JobQueue(store)
    [waiting] = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["echo"]})])
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "one.jpg").write_bytes(_sheets(1, 5)[0].jpeg)
    code = cli.main(["--home", str(tmp_path / "home"), "omr", str(scans), "--template", str(T20),
                     "--concurrency", "1", "--handler", "embedding=tests.support.handlers:scripted"])
    assert code == 0
    assert [j.status for j in queue.list_jobs(job_type="omr", limit=None)] == ["DONE"]
    view = queue.get(waiting)
    assert view is not None and view.status == "PENDING"
    store.close()
