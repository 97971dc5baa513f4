"""Fixtures of the desk tests: a private store and queue, an exam on kr_omr_20 with its answer key, and
a helper that runs jobs through the real worker loop (threads: fast to start, same code path)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from core.exams import Exam, create_exam
from core.queue import JobQueue, JobView
from core.store import Store, open_store
from tests.desk.cards import T20
from worker.loop import WorkerConfig, run_jobs

# The answer key of the test exam: q1..q20 -> 1 2 3 4 5 1 2 3 4 5 ...
KEY = {f"q{n}": str((n - 1) % 5 + 1) for n in range(1, 21)}


def all_right(**changes: str) -> dict[str, str]:
    """Answers that are all correct, with some changed (q3="" for a blank, q4="24" for a double mark)."""
    answers = dict(KEY)
    answers.update(changes)
    return answers


@pytest.fixture
def store(tmp_path: Path, db_url: str) -> Iterator[Store]:
    """The store on each back end (SQLite file; PostgreSQL schema when run-tests provides one)."""
    opened = open_store(db_url, home=tmp_path / "home")
    yield opened
    opened.close()


@pytest.fixture
def queue(store: Store) -> JobQueue:
    return JobQueue(store)


@pytest.fixture
def answer_key(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "key.csv"
    path.parent.mkdir()
    path.write_text("question,answer\n" + "".join(f"{q[1:]},{a}\n" for q, a in KEY.items()), encoding="utf-8")
    return path


@pytest.fixture
def exam(store: Store, answer_key: Path) -> Exam:
    return create_exam(store, "중간고사", T20, answer_key)


@pytest.fixture
def run(store: Store) -> Callable[[JobQueue, Sequence[str]], list[JobView]]:
    def run_them(queue: JobQueue, job_ids: Sequence[str]) -> list[JobView]:
        # Two threads: the CI machines have two cores, and threads start instantly (no process pool).
        config = WorkerConfig(mode="thread", concurrency=2, data_dir=store.data_dir)
        return run_jobs(queue, job_ids, config=config)

    return run_them


class ReadExam:
    """An exam whose scans were imported and read by the real omr handler (see `read_exam`)."""

    def __init__(self, exam: Exam, jobs: dict[str, str], folder: Path) -> None:
        self.exam = exam
        self.jobs = jobs  # card name -> job id
        self.folder = folder


@pytest.fixture(scope="session")
def read_exam_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scans of `read_exam`, drawn once per test session (each test copies them)."""
    from tests.desk.cards import card, png_bytes, write_png

    folder = tmp_path_factory.mktemp("read-exam-cards")
    write_png(folder / "perfect.png", card(all_right(), student_id="10000001"))
    write_png(folder / "messy.png", card(all_right(q1="2", q2="", q3="24"), student_id="10000002", faint=["q4"],
                                        erased={"q2": "3"}))
    write_png(folder / "two_wrong.png", card(all_right(q1="2", q5="3"), student_id="10000003"))
    data = png_bytes(card(all_right(), student_id="10000004"))
    (folder / "cut.png").write_bytes(data[: len(data) // 2])
    return folder


@pytest.fixture
def read_exam(
    queue: JobQueue,
    exam: Exam,
    tmp_path: Path,
    read_exam_cards: Path,
    run: Callable[[JobQueue, Sequence[str]], list[JobView]],
) -> ReadExam:
    """Three cards and a cut-off scan of the test exam, imported and read.

    - perfect (10000001): every answer right -> 20
    - messy (10000002): q1 wrong (2), q2 blank with an erased 3, q3 double mark (24), q4 right but
      faint -> 16
    - two_wrong (10000003): q1 wrong (2), q5 wrong (3) -> 18
    - cut.png: the second half of the file is missing -> the job fails (a rejected page)
    """
    from desktop.services.intake import import_paths

    folder = tmp_path / "read-exam"
    shutil.copytree(read_exam_cards, folder)
    report = import_paths(queue, [folder], exam=exam)
    assert len(report.job_ids) == 4, report
    run(queue, report.job_ids)
    return ReadExam(exam, {p.source_path.stem: p.job_id for p in report.pages}, folder)
