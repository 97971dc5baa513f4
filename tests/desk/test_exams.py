"""Exams: created with checked inputs, listed newest first, looked up by id (int or payload string)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.exams import create_exam, get_exam, list_exams
from core.store import Store, open_store

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
T20 = TEMPLATES / "kr_omr_20.json"


@pytest.fixture
def store(tmp_path: Path, db_url: str) -> Iterator[Store]:
    s = open_store(db_url, home=tmp_path / "home")
    yield s
    s.close()


def test_create_list_get(store: Store, tmp_path: Path) -> None:
    key = tmp_path / "key.csv"
    key.write_text("question,answer\n1,3\n")
    first = create_exam(store, "  중간고사 1회 ", T20, key)
    second = create_exam(store, "Quiz", str(T20))
    assert first.name == "중간고사 1회"
    assert first.template_path == T20.resolve() and first.answer_key_path == key.resolve()
    assert second.answer_key_path is None
    assert [e.id for e in list_exams(store)] == [second.id, first.id]
    assert get_exam(store, first.id) == first
    assert get_exam(store, str(first.id)) == first
    assert get_exam(store, 9999) is None and get_exam(store, "nope") is None


@pytest.mark.parametrize(
    ("name", "template", "key", "message"),
    [
        ("", T20, None, "exam name: must not be empty"),
        ("   ", T20, None, "exam name: must not be empty"),
        ("x", "missing.json", None, "template file not found"),
        ("x", TEMPLATES, None, "is a folder"),
        ("x", T20, "missing.csv", "answer key file not found"),
    ],
)
def test_bad_input_is_a_clear_value_error(store: Store, name: str, template: object, key: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        create_exam(store, name, template, key)  # type: ignore[arg-type]
    assert list_exams(store) == []


def test_template_must_be_json(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text("not json")
    with pytest.raises(ValueError, match="not a readable JSON"):
        create_exam(store, "x", bad)


def test_exam_job_ids_reads_the_payload(store: Store) -> None:
    from core.contracts import AIJob
    from core.exams import exam_job_ids
    from core.queue import JobQueue

    queue = JobQueue(store)
    exam = create_exam(store, "x", T20)
    payload = {"image_path": "/s.png", "template": str(T20)}
    mine = queue.enqueue(AIJob.new(type="omr", payload={**payload, "exam_id": str(exam.id)}))
    queue.enqueue(AIJob.new(type="omr", payload=payload))
    queue.enqueue(AIJob.new(type="omr", payload={**payload, "exam_id": str(exam.id + 1)}))
    assert exam_job_ids(store, exam.id) == [mine] == exam_job_ids(store, str(exam.id))
