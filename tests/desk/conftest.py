"""Fixtures of the desk tests: a private store and queue, an exam on kr_omr_20 with its answer key, and
a helper that runs jobs through the real worker loop (threads: fast to start, same code path)."""

from __future__ import annotations

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
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(home=tmp_path / "home")
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
