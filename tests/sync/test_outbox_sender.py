"""The outbox sender against the stand-in over HTTP (and a mock transport for exact failure sequences)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.contracts import AIJob, AIResult
from core.queue import JobQueue
from core.store import Store, open_store
from core.sync.backoff import Backoff
from core.sync.client import CentralClient
from core.sync.outbox_sender import OutboxSender
from tests.central_api.fixtures import StandIn

FAST = Backoff(base_s=0.01, cap_s=0.05)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(home=tmp_path / "desk")
    yield opened
    opened.close()


def finish_jobs(queue: JobQueue, done: int, failed: int = 0) -> list[str]:
    """Desk jobs run to a final outcome here (no handlers needed): their outbox rows are written."""
    new = [AIJob.new(type="embedding", payload={"texts": [f"t{i}"]}, source_domain="submissions",
                     source_id=str(1000 + i)) for i in range(done + failed)]
    queue.enqueue_many(new)
    claimed = queue.claim_many("desk-test", done + failed)
    queue.complete_many([(c.job_id, c.lease_token, {"answers": [1, 2, 3]}) for c in claimed[:done]])
    for c in claimed[done:]:
        queue.fail(c.job_id, c.lease_token, "unreadable scan", retryable=False)
    return [job.id for job in new]


def sender_for(store: Store, client: CentralClient, **kwargs: object) -> OutboxSender:
    return OutboxSender(store, client, backoff=FAST, threads=4, **kwargs)  # type: ignore[arg-type]


def test_desk_jobs_register_result_grading(store: Store, stand_in: StandIn) -> None:
    queue = JobQueue(store)
    ids = finish_jobs(queue, done=8, failed=2)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        assert sender.counts()["pending"] == 10
        report = sender.drain_now()
        assert (report.completed, report.steps_sent, report.dead) == (10, 8 * 3 + 2 * 2, 0)
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 10, "dead": 0}
        assert sender.unsent() == 0
        assert sender.drain_now().rows == 0  # nothing left: no request sent
    counts = stand_in.counters()
    assert (counts["registered"], counts["results_done"], counts["results_failed"], counts["grading"]) == (10, 8, 2, 8)
    assert counts["result_duplicates"] == counts["grading_duplicates"] == 0
    jobs = {row["job_id"]: row for row in stand_in.jobs()}
    assert {jobs[i]["status"] for i in ids[:8]} == {"DONE"} and {jobs[i]["status"] for i in ids[8:]} == {"FAILED"}


def _recording(responses: dict[str, list[httpx.Response]], seen: list[httpx.Request]) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path.rstrip("/").rsplit("/", 1)[-1]
        queue_ = responses.get(path) or []
        return queue_.pop(0) if queue_ else httpx.Response(
            201 if path == "job" else 202 if path == "grading" else 200,
            json={"ok": True, "detail": "queued" if path == "grading" else "done", "job_id": "x"},
        )

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_retries_reuse_the_rows_idempotency_keys(store: Store) -> None:
    queue = JobQueue(store)
    (job_id,) = finish_jobs(queue, done=1)
    seen: list[httpx.Request] = []
    http = _recording({"grading": [httpx.Response(500), httpx.Response(429, headers={"Retry-After": "0"})]}, seen)
    client = CentralClient("http://central.test", "T", "desk-a", http=http)
    with sender_for(store, client) as sender:
        first = sender.send_due()
        assert (first.steps_sent, first.retry_scheduled) == (2, 1)
        with store.read() as conn:
            row = conn.exec_driver_sql("SELECT steps, attempts, last_error, grading_key FROM outbox").one()
        assert row.steps == "grading" and row.attempts == 1 and "HTTP 500" in row.last_error
        import time

        deadline = time.monotonic() + 5
        while sender.unsent() and time.monotonic() < deadline:
            sender.drain_now()
    gradings = [r for r in seen if r.url.path.endswith("/grading/")]
    assert len(gradings) == 3
    assert {r.headers["Idempotency-Key"] for r in gradings} == {row.grading_key}
    assert json.loads(gradings[0].content) == {"job_id": job_id, "submission_id": "1000"}
    # Register and result were not sent again once they had succeeded.
    assert [r.url.path.rsplit("/", 2)[-2] for r in seen].count("job") == 1


def test_4xx_makes_the_row_dead_until_retried_by_hand(store: Store) -> None:
    queue = JobQueue(store)
    finish_jobs(queue, done=2)
    seen: list[httpx.Request] = []
    http = _recording({"result": [httpx.Response(400, json={"detail": "result must be object or null"})]}, seen)
    client = CentralClient("http://central.test", "T", "desk-a", http=http)
    with sender_for(store, client) as sender:
        report = sender.drain_now()
        assert (report.dead, report.completed) == (1, 1)
        assert sender.counts()["dead"] == 1
        ((job_id, steps, error),) = sender.dead_rows()
        assert steps == "result,grading" and error == "result: HTTP 400: result must be object or null"
        assert sender.drain_now().rows == 0  # dead rows are not retried by themselves
        assert sender.retry_dead([job_id]) == 1
        assert sender.drain_now().completed == 1
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 2, "dead": 0}


def test_wrong_token_stops_the_pass_without_killing_rows(store: Store, stand_in: StandIn) -> None:
    finish_jobs(JobQueue(store), done=30)
    with CentralClient(stand_in.base_url, "wrong-token", "desk-a") as client, sender_for(store, client) as sender:
        report = sender.drain_now()
        assert report.unauthorized and report.dead == 0
        assert report.rows < 30  # the pass stopped early
        assert sender.counts()["dead"] == 0 and sender.counts()["pending"] == 30
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        import time

        deadline = time.monotonic() + 5
        while sender.unsent() and time.monotonic() < deadline:
            sender.drain_now()
        assert sender.unsent() == 0


def test_offline_is_normal(store: Store, stand_in: StandIn) -> None:
    finish_jobs(JobQueue(store), done=40)
    # Nothing listens on port 9 of loopback: every call fails at once with a connection error.
    with CentralClient("http://127.0.0.1:9", stand_in.token, "desk-a", timeout=1.0) as client, \
            sender_for(store, client) as sender:
        report = sender.drain_now()
        assert report.offline and report.dead == 0 and report.steps_sent == 0
        assert report.rows <= 8 + 4  # a short probe, not forty failures
        assert sender.counts()["pending"] == 40
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        import threading

        sender.run(threading.Event(), until_empty=True)
        assert sender.counts()["sent"] == 40
    assert stand_in.counters()["grading"] == 40


def test_cloud_job_registered_pending_then_result_fetched(store: Store, stand_in: StandIn) -> None:
    queue = JobQueue(store)
    job = AIJob.new(type="embedding", payload={"texts": ["needs gpu"]}, source_domain="submissions", source_id="7")
    queue.enqueue(job, placement="cloud")
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, \
            sender_for(store, client, poll_interval_s=0.0) as sender, \
            CentralClient(stand_in.base_url, stand_in.token, "cloud-gpu") as cloud:
        sender.drain_now()
        assert sender.counts()["waiting"] == 1
        assert stand_in.jobs()[0]["status"] == "PENDING"  # in the central queue, for the cloud worker
        sender.drain_now()
        assert queue.get(job.id).status == "PENDING"  # the cloud has not answered yet
        claimed = cloud.next_job()
        assert claimed == job
        assert cloud.post_result(AIResult(job.id, "DONE", {"vector": [0.5]})).detail == "done"
        sender.drain_now()
        sender.drain_now()
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 1, "dead": 0}
    view = queue.get(job.id)
    assert (view.status, view.result) == ("DONE", {"vector": [0.5]})
    counts = stand_in.counters()
    assert (counts["registered"], counts["results_done"], counts["grading"]) == (1, 1, 1)


def test_job_retried_by_hand_is_not_polled_and_sends_its_new_outcome(store: Store, stand_in: StandIn) -> None:
    """Retried by hand after registration, before its FAILED result went out (the queue refuses a retry
    once it has): the row waits without calling the API, then sends the new outcome and grading."""
    queue = JobQueue(store)
    (job_id,) = finish_jobs(queue, done=0, failed=1)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        with store.write() as conn:
            conn.exec_driver_sql("UPDATE outbox SET steps = 'register'")  # the result step not sent yet
        sender.drain_now()
        with store.write() as conn:
            conn.exec_driver_sql("UPDATE outbox SET steps = 'result', state = 'pending'")
        queue.retry(job_id)  # the teacher runs it again: the row waits for the new outcome
        assert sender.counts()["waiting"] == 1
        assert sender.next_due_in() is None  # nothing to ask the API about meanwhile
        before = stand_in.counters()["requests"]
        assert sender.drain_now().rows == 0
        assert stand_in.counters()["requests"] == before
        (claimed,) = queue.claim_many("desk-test", 1)
        queue.complete(claimed.job_id, claimed.lease_token, {"answers": [4]})
        sender.drain_now()
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 1, "dead": 0}
    counts = stand_in.counters()
    # The registration is not repeated; only the new DONE reaches the central API, and is graded.
    assert (counts["registered"], counts["results_failed"], counts["results_done"], counts["grading"]) == (1, 0, 1, 1)


def test_result_after_the_central_api_kept_another_is_dead_not_graded(store: Store, stand_in: StandIn) -> None:
    """A desk job whose FAILED went out, then DONE here (however it got there): the central API keeps
    its FAILED, so the row goes dead with why, and no grading is requested for a DONE it lacks."""
    queue = JobQueue(store)
    (job_id,) = finish_jobs(queue, done=0, failed=1)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        sender.drain_now()
        with store.write() as conn:  # as if the job had ended DONE here after all
            conn.exec_driver_sql("UPDATE results SET status = 'DONE', payload = '{\"answers\": [4]}', error = ''")
            conn.exec_driver_sql("UPDATE outbox SET steps = 'result,grading', state = 'pending', sent_at = NULL")
        sender.drain_now()
        assert sender.counts()["dead"] == 1
        ((dead_id, steps, error),) = sender.dead_rows()
        assert (dead_id, steps) == (job_id, "result,grading")
        assert "the central API already has another result for this job" in error
    counts = stand_in.counters()
    assert (counts["results_failed"], counts["result_duplicates"], counts["grading"]) == (1, 1, 0)


def test_result_another_worker_posted_first_is_not_graded(store: Store, stand_in: StandIn) -> None:
    """A central job run twice (its central lease ran out): the first result stands, the second goes dead."""
    queue = JobQueue(store)
    (seeded,) = stand_in.seed_jobs([{"type": "embedding", "payload": {"texts": ["x"]}}], max_attempts=1)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-other") as other:
        job = other.next_job()
        assert job is not None and job.id == seeded
        assert other.post_result(AIResult(job.id, "FAILED", None, "unreadable")).detail == "failed_recorded"
    queue.enqueue(job, origin="central")
    (claimed,) = queue.claim_many("desk-test", 1)
    queue.complete(claimed.job_id, claimed.lease_token, {"answers": [1]})
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        sender.drain_now()
        assert sender.counts()["dead"] == 1
        assert "already has another result" in sender.dead_rows()[0][2]
    assert stand_in.counters()["grading"] == 0


def test_repeated_result_after_a_lost_answer_is_still_success(store: Store, stand_in: StandIn) -> None:
    """The same result posted again (our first answer was lost) is the exactly-once case: carry on."""
    queue = JobQueue(store)
    finish_jobs(queue, done=1)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        with store.write() as conn:
            conn.exec_driver_sql("UPDATE outbox SET steps = 'register,result'")  # grading as if not due yet
        sender.drain_now()
        with store.write() as conn:  # as if the answer to the result step had been lost
            conn.exec_driver_sql("UPDATE outbox SET steps = 'result,grading', state = 'pending'")
        sender.drain_now()
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 1, "dead": 0}
    counts = stand_in.counters()
    assert (counts["result_duplicates"], counts["grading"]) == (1, 1)


def test_wrong_token_while_polling_keeps_the_waiting_rows(store: Store) -> None:
    queue = JobQueue(store)
    jobs = [AIJob.new(type="embedding", payload={"texts": [str(i)]}) for i in range(3)]
    for job in jobs:
        queue.enqueue(job, placement="cloud")
    seen: list[httpx.Request] = []
    unauthorized = [httpx.Response(401, json={"detail": "bad token"}) for _ in jobs]
    http = _recording({job.id: list(unauthorized) for job in jobs}, seen)
    client = CentralClient("http://central.test", "T", "desk-a", http=http)
    with sender_for(store, client, poll_interval_s=0.0) as sender:
        sender.drain_now()  # registered for the cloud: the rows wait
        assert sender.counts()["waiting"] == 3
        report = sender.drain_now(poll_all_waiting=True)
        assert report.unauthorized and report.dead == 0
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 3, "sent": 0, "dead": 0}
        with store.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM outbox WHERE last_error != ''").scalar() == 0


def test_repeated_failure_the_central_queue_requeued_is_still_success(store: Store, stand_in: StandIn) -> None:
    """A central job's FAILED posted again after a lost answer, when the central queue had queued the job
    for another attempt: duplicate_ignored with the job not final is no conflict."""
    queue = JobQueue(store)
    (seeded,) = stand_in.seed_jobs(count=1, max_attempts=3)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client, sender_for(store, client) as sender:
        job = client.next_job()
        assert job is not None and job.id == seeded
        queue.enqueue(job, origin="central", max_attempts=1)
        (claimed,) = queue.claim_many("desk-test", 1)
        queue.fail(claimed.job_id, claimed.lease_token, "unreadable", retryable=False)
        sender.drain_now()
        with store.write() as conn:  # as if the answer had been lost
            conn.exec_driver_sql("UPDATE outbox SET steps = 'result', state = 'pending'")
        sender.drain_now()
        assert sender.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 1, "dead": 0}
    counts = stand_in.counters()
    assert (counts["failures_requeued"], counts["result_duplicates"]) == (1, 1)


def test_partitioned_senders_share_the_outbox_without_overlap(store: Store, stand_in: StandIn) -> None:
    """`scandesk sync --processes N`: each sender takes the rows with id % N == its index, so together
    they send every row once and never the same row."""
    queue = JobQueue(store)
    finish_jobs(queue, done=10)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-a") as client:
        first = sender_for(store, client, partition=(0, 2))
        report = first.drain_now()
        assert report.completed == 5 and first.counts()["pending"] == 5
        second = sender_for(store, client, partition=(1, 2))
        assert second.drain_now().completed == 5
        assert second.counts() == {"pending": 0, "held": 0, "waiting": 0, "sent": 10, "dead": 0}
        first.close()
        second.close()
    counts = stand_in.counters()
    assert (counts["registered"], counts["grading"], counts["result_duplicates"]) == (10, 10, 0)
    with pytest.raises(ValueError, match="partition"):
        OutboxSender(store, client, partition=(2, 2))
