"""`scandesk omr ... --exam NAME`: the pages are filed under that exam, made with the template and key
when new, so the CLI's sheets show up in results, review and stats like a desk import's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.exams import find_exam, list_exams
from core.queue import JobQueue
from core.store import open_store
from desktop.cli.main import main as cli_main
from desktop.services.results import exam_results
from tests.desk.cards import T20, TEMPLATES

pytestmark = pytest.mark.slow


def test_omr_with_exam_name_creates_the_exam_once_and_files_the_pages(
    tmp_path: Path, read_exam_cards: Path, answer_key: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+pysqlite:///{tmp_path / 'cli.db'}"
    scans = tmp_path / "scans"
    shutil.copytree(read_exam_cards, scans)
    (scans / "cut.png").unlink()
    args = ["--db", url, "omr", str(scans), "--template", str(T20), "--answer-key", str(answer_key),
            "--exam", "6월 모의고사", "--concurrency", "1"]
    assert cli_main(args) == 0
    assert "exam '6월 모의고사' (created" in capsys.readouterr().err
    store = open_store(url)
    exam = find_exam(store, "6월 모의고사")
    assert exam is not None and exam.template_path == T20.resolve() and exam.answer_key_path == answer_key.resolve()
    results = exam_results(JobQueue(store), exam.id)
    assert sorted((s.student_id, s.score) for s in results.students) == [
        ("10000001", 20.0), ("10000002", 17.0), ("10000003", 18.0)]

    # Again: the same exam, and the same scans are not filed twice under it.
    assert cli_main(args) == 0
    assert "(existing" in capsys.readouterr().err
    assert len(list_exams(store)) == 1 and len(exam_results(JobQueue(store), exam.id).students) == 3

    other = TEMPLATES / "kr_omr_30.json"
    assert cli_main(["--db", url, "omr", str(scans), "--template", str(other), "--exam", "6월 모의고사"]) == 2
    assert f"exam '6월 모의고사' reads its sheets with {T20.resolve()}, not {other.resolve()}" in capsys.readouterr().err
    store.close()
