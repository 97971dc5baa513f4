"""A job whose handler, or the recording of its failure, throws fails alone, once, with the reason; the
jobs behind it run and the store stays readable. Texts that cannot be stored are refused at the door."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.contracts import AIJob, ContractError
from core.queue import JobQueue
from core.store import open_store
from tests.reliability.handlers import LONE_SURROGATE, TROUBLESOME
from worker.loop import WorkerConfig, run_jobs


@pytest.fixture
def queue(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'poison.db'}")
    yield JobQueue(store, lease_seconds=30)
    store.close()


@pytest.mark.parametrize(("data", "field"), [
    ({"type": "ocr", "payload": {"image_path": f"scans/{LONE_SURROGATE}.png"}}, "payload.image_path"),
    ({"type": "embedding", "payload": {"texts": ["ok", f"x{LONE_SURROGATE}"]}}, "payload.texts[1]"),
    ({"type": "ocr", "payload": {"image_path": "a\x00.png"}}, "payload.image_path"),
    ({"type": "ocr", "payload": {f"k{LONE_SURROGATE}": 1, "image_path": "a.png"}}, "payload key"),
    ({"type": "ocr", "payload": {"image_path": "a.png"}, "source_id": f"s{LONE_SURROGATE}"}, "source_id"),
])
def test_text_that_cannot_be_stored_is_refused_at_the_door_naming_the_field(data: dict, field: str) -> None:
    with pytest.raises(ContractError) as caught:
        AIJob.from_dict({"id": "0b9f6c1e-52a2-4c3c-9f55-0d3f3c7a6a11", **data})
    assert str(caught.value).startswith(field)
    str(caught.value).encode("utf-8")  # the message itself can be printed


def test_a_job_built_around_the_contract_is_refused_by_the_queue(queue: JobQueue) -> None:
    job = AIJob(id="0b9f6c1e-52a2-4c3c-9f55-0d3f3c7a6a12", type="ocr", payload={"image_path": f"{LONE_SURROGATE}.png"})
    with pytest.raises(ContractError, match=r"payload\.image_path"):
        queue.enqueue(job)
    assert queue.counts()["PENDING"] == 0


def test_a_payload_nested_too_deep_is_refused() -> None:
    deep: list = []
    for _ in range(200):
        deep = [deep]
    with pytest.raises(ContractError, match="nested more than"):
        AIJob.new(type="embedding", payload={"texts": ["a"], "backend": deep})


def test_poison_jobs_fail_alone_once_and_the_store_stays_readable(queue: JobQueue, tmp_path: Path) -> None:
    commands = ["surrogate-error", "echo", "surrogate-result", "unprintable", "surrogate-crash", "echo"]
    ids = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": [c]}) for c in commands], max_attempts=1)
    config = WorkerConfig(concurrency=1, mode="thread", data_dir=tmp_path, handler_overrides=TROUBLESOME)
    views = {v.job_id: v for v in run_jobs(queue, ids, config=config)}
    by_command = dict(zip(commands, (views[i] for i in ids), strict=False))

    assert [views[i].status for i in ids] == ["FAILED", "DONE", "FAILED", "FAILED", "FAILED", "DONE"]
    assert all(views[i].attempt_count == 1 for i in ids)
    assert by_command["surrogate-error"].error == "scans/\\ud800.png is not an image"
    assert "text the store cannot keep" in by_command["surrogate-result"].error
    assert "result.text" in by_command["surrogate-result"].error
    assert "cannot be shown" in by_command["unprintable"].error
    assert "\\ud800" in by_command["surrogate-crash"].error
    # Every job, its result and its history can be listed and printed as UTF-8 JSON.
    for view in queue.list_jobs():
        json.dumps(
            [view.payload, view.result, view.error, view.last_error, [e.message for e in queue.events(view.job_id)]],
            ensure_ascii=False,
        ).encode("utf-8")
    failures = [e for e in queue.events(ids[0]) if e.kind == "failed"]
    assert len(failures) == 1


def test_recording_that_throws_fails_that_job_alone(queue: JobQueue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever makes the store refuse one outcome (here: a fault injected for one job), the loop goes on."""
    ids = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": [c]}) for c in ("surrogate-error", "echo")],
                             max_attempts=3)
    real_fail = JobQueue.fail

    def fail_once_badly(self: JobQueue, job_id: str, token: str, error: str, *, retryable: bool = True):  # type: ignore[no-untyped-def]
        if "is not an image" in error:
            raise UnicodeEncodeError("utf-8", error, 0, 1, "surrogates not allowed")
        return real_fail(self, job_id, token, error, retryable=retryable)

    monkeypatch.setattr(JobQueue, "fail", fail_once_badly)
    config = WorkerConfig(concurrency=1, mode="thread", data_dir=tmp_path, handler_overrides=TROUBLESOME)
    first, second = run_jobs(queue, ids, config=config)
    assert first.status == "FAILED" and first.attempt_count == 1
    assert "could not be recorded (UnicodeEncodeError" in first.error
    assert second.status == "DONE"
