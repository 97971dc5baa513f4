"""The outbox side of review: held rows wait, a released row posts the result in force, corrections of
posted results go to job/<id>/correction/ once each, against the stand-in over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.queue.outbox_rows import OutboxState
from core.store import Store, open_store
from core.sync.backoff import Backoff
from core.sync.client import CentralClient, CorrectionOutcome
from core.sync.outbox_sender import OutboxSender
from core.sync.review_outbox import outbox_state, queue_correction, release_held
from tests.central_api.fixtures import StandIn

FAST = Backoff(base_s=0.01, cap_s=0.05)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(home=tmp_path / "desk")
    yield opened
    opened.close()


def read(value: str, *, flagged: bool) -> dict[str, Any]:
    flags = ["q1"] if flagged else []
    return {"fields": {"q1": {"value": value, "flags": flags}}, "flags": flags, "needs_review": flagged,
            "score": 1.0 if value == "1" else 0.0}


def finish_omr(queue: JobQueue, results: list[dict[str, Any]]) -> list[str]:
    new = [AIJob.new(type="omr", payload={"image_path": f"/scans/{i}.png", "template": "t.json"},
                     source_domain="submissions", source_id=str(500 + i)) for i in range(len(results))]
    queue.enqueue_many(new)
    claimed = {c.job_id: c for c in queue.claim_many("desk-test", len(new))}
    queue.complete_many([(job.id, claimed[job.id].lease_token, result) for job, result in zip(new, results, strict=True)])
    return [job.id for job in new]


def fix(field: str, old: str, new: str) -> dict[str, str]:
    return {"field": field, "from": old, "to": new, "at": "2026-12-01T22:00:00Z"}


def test_held_rows_wait_and_go_with_the_result_in_force(store: Store, stand_in: StandIn) -> None:
    queue = JobQueue(store)
    flagged, clean = finish_omr(queue, [read("24", flagged=True), read("1", flagged=False)])
    assert outbox_state(store, flagged) == OutboxState.HELD
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, \
            OutboxSender(store, client, backoff=FAST) as sender:
        sender.drain_now()
        assert sender.counts()[OutboxState.HELD] == 1 and sender.unsent() == 0
        assert set(stand_in.results()) == {clean}

        reviewed = {**read("1", flagged=False), "review": {"corrections": [fix("q1", "24", "1")], "reviewed_at": "x"}}
        assert release_held(store, {flagged: reviewed}, reviewed=True) == [flagged]
        assert release_held(store, {flagged: reviewed}, reviewed=True) == []  # only held rows change
        sender.drain_now()
        assert sender.counts()[OutboxState.SENT] == 2
    assert stand_in.results()[flagged] == {"result": reviewed, "history": []}
    counts = stand_in.counters()
    assert counts["results"] == counts["grading"] == counts["graded_jobs"] == 2


class CorrectingDuringSend(CentralClient):
    """The teacher corrects again while the first correction post is on the wire."""

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.store = store
        self.calls = 0

    def post_correction(self, job_id: str, body: dict[str, Any], idempotency_key: str) -> CorrectionOutcome:
        outcome = super().post_correction(job_id, body, idempotency_key)
        self.calls += 1
        if self.calls == 1:
            queue_correction(self.store, job_id, read("3", flagged=False), [fix("q1", "2", "3")])
        return outcome


def test_corrections_of_a_posted_result_are_posted_once_each(store: Store, stand_in: StandIn) -> None:
    queue = JobQueue(store)
    (job_id,) = finish_omr(queue, [read("1", flagged=False)])
    with CorrectingDuringSend(stand_in.base_url, stand_in.token, "desk-a", store=store) as client, \
            OutboxSender(store, client, backoff=FAST) as sender:
        sender.drain_now()
        assert stand_in.counters()["corrections"] == 0
        # Two corrections before a send: one post, with both.
        assert queue_correction(store, job_id, read("2", flagged=False), [fix("q1", "1", "5")])
        assert queue_correction(store, job_id, read("2", flagged=False), [fix("q1", "5", "2")])
        sender.drain_now()
        sender.drain_now()
        assert sender.counts()[OutboxState.SENT] == 1
    counts = stand_in.counters()
    # The first post, then the one queued while it was on the wire: its progress was not recorded over it.
    assert (counts["corrections"], counts["correction_conflicts"], counts["regrades"]) == (2, 0, 2)
    central = stand_in.results()[job_id]
    assert central["result"] == read("3", flagged=False)
    assert central["history"] == [read("1", flagged=False), read("2", flagged=False)]
    assert (counts["results"], counts["grading"]) == (1, 1)


def test_a_held_row_takes_no_correction_post(store: Store) -> None:
    queue = JobQueue(store)
    (job_id,) = finish_omr(queue, [read("24", flagged=True)])
    assert not queue_correction(store, job_id, read("2", flagged=False), [fix("q1", "24", "2")])
    assert outbox_state(store, job_id) == OutboxState.HELD
