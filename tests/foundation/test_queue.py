"""The lease queue's rules, on SQLite and PostgreSQL.

The tests marked "seed fault" describe a situation the central API's DBJobQueue gets wrong; each fails
against that behaviour (noted in the test) and passes here.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from core.contracts import AIJob
from core.queue import JobQueue, Outcome, QueueError, dispatch_job
from core.queue.backoff import retry_delay
from core.store import open_store
from core.store.schema import outbox, results


class FakeClock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def queue(db_url, clock):
    store = open_store(db_url)
    yield JobQueue(store, lease_seconds=60, clock=clock, rng=random.Random(7))
    store.close()


def job(n: int = 0) -> AIJob:
    return AIJob.new(type="embedding", payload={"texts": [f"text {n}"]})


def count(queue: JobQueue, table) -> int:
    with queue.store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_claim_takes_the_oldest_runnable_job_first(queue, clock):
    first = queue.enqueue(job(1))
    clock.advance(1)
    second = queue.enqueue(job(2))
    assert queue.claim("w").job_id == first
    assert queue.claim("w").job_id == second
    assert queue.claim("w") is None


def test_claim_respects_next_run_at_before_created_at(queue, clock):
    early, late = queue.enqueue(job(1)), queue.enqueue(job(2))
    c = queue.claim("w")
    assert c.job_id == early
    assert queue.fail(early, c.lease_token, "later please") is Outcome.RETRY_SCHEDULED
    assert queue.claim("w").job_id == late  # the failed one waits for its backoff
    clock.advance(10)
    assert queue.claim("w").job_id == early


def test_claim_many_takes_distinct_jobs_each_with_a_fresh_token(queue):
    ids = queue.enqueue_many([job(i) for i in range(5)])
    a = queue.claim_many("a", 3)
    b = queue.claim_many("b", 3)
    assert [c.job_id for c in a] == ids[:3]
    assert [c.job_id for c in b] == ids[3:]
    assert len({c.lease_token for c in a} | {c.lease_token for c in b}) == 2
    assert a[0].lease_token != b[0].lease_token


def test_heartbeat_extends_the_lease(queue, clock):
    """Seed fault: heartbeat only touched last_heartbeat_at, so a live job was reclaimed at lease end."""
    job_id = queue.enqueue(job())
    c = queue.claim("alive")
    for _ in range(5):  # 5 x 40 s = 200 s, far past the 60 s lease
        clock.advance(40)
        assert queue.heartbeat(job_id, c.lease_token)
        assert queue.claim("thief") is None
    assert queue.complete(job_id, c.lease_token, {"ok": 1}) is Outcome.DONE


def test_every_claim_issues_a_new_token_and_a_late_complete_changes_nothing(queue, clock):
    """Seed fault: mark_done took only a job id, so a worker whose lease expired overwrote the new owner."""
    job_id = queue.enqueue(job())
    slow = queue.claim("slow")
    clock.advance(61)
    fast = queue.claim("fast")
    assert fast.job_id == job_id and fast.lease_token != slow.lease_token
    assert queue.complete(job_id, slow.lease_token, {"by": "slow"}) is Outcome.LEASE_LOST
    assert queue.heartbeat(job_id, slow.lease_token) is False
    assert queue.fail(job_id, slow.lease_token, "late failure") is Outcome.LEASE_LOST
    assert queue.get(job_id).status == "RUNNING"
    assert queue.complete(job_id, fast.lease_token, {"by": "fast"}) is Outcome.DONE
    assert queue.result(job_id).result == {"by": "fast"}
    assert queue.complete(job_id, fast.lease_token, {"by": "again"}) is Outcome.LEASE_LOST
    assert queue.result(job_id).result == {"by": "fast"}
    kinds = [e.kind for e in queue.events(job_id)]
    assert kinds.count("lease_lost") >= 3 and kinds[-2:] == ["done", "lease_lost"]


def test_a_failed_attempt_never_blocks_the_later_done(queue, clock):
    """Seed fault: a result row was stored for FAILED, so the retry's DONE was dropped as a duplicate."""
    job_id = queue.enqueue(job())
    c1 = queue.claim("w")
    assert queue.fail(job_id, c1.lease_token, "tesseract timed out") is Outcome.RETRY_SCHEDULED
    assert queue.result(job_id) is None and count(queue, results) == 0
    clock.advance(200)
    c2 = queue.claim("w")
    assert queue.complete(job_id, c2.lease_token, {"text": "ok"}) is Outcome.DONE
    assert queue.result(job_id).status == "DONE"
    assert count(queue, results) == 1


def test_result_is_written_with_the_status_change_and_once(queue):
    job_id = queue.enqueue(job())
    c = queue.claim("w")
    assert queue.get(job_id).result is None
    queue.complete(job_id, c.lease_token, {"a": 1})
    view = queue.get(job_id)
    assert view.status == "DONE" and view.result == {"a": 1}
    assert count(queue, results) == 1


def test_exhausted_job_fails_and_the_claim_goes_on_to_the_next(queue, clock):
    """Seed fault: the claim returned nothing when the oldest job was out of attempts, while fresh jobs waited."""
    doomed = queue.enqueue(job(1), max_attempts=2)
    clock.advance(1)
    fresh = queue.enqueue(job(2))
    for _ in range(2):  # the worker dies twice: leases expire without any fail() call
        c = queue.claim("w")
        assert c.job_id == doomed
        clock.advance(61)
    c = queue.claim("w")
    assert c is not None and c.job_id == fresh
    view = queue.get(doomed)
    assert view.status == "FAILED" and view.attempt_count == 2
    assert "stopped responding" in view.error and view.result is None


def test_attempts_are_counted_at_claim(queue, clock):
    """Seed fault in spirit: a job that kills its worker must still run out of attempts."""
    job_id = queue.enqueue(job(), max_attempts=3)
    for expected in (1, 2, 3):
        c = queue.claim("w")
        assert c.attempt == expected and queue.get(job_id).attempt_count == expected
        clock.advance(61)
    assert queue.claim("w") is None
    assert queue.get(job_id).status == "FAILED"


def test_retryable_failure_backs_off_exponentially_with_jitter_and_then_fails(queue, clock):
    job_id = queue.enqueue(job(), max_attempts=4)
    waits = []
    for attempt in range(1, 5):
        c = queue.claim("w")
        assert c is not None
        outcome = queue.fail(job_id, c.lease_token, f"boom {attempt}")
        if attempt < 4:
            assert outcome is Outcome.RETRY_SCHEDULED
            wait = queue.get(job_id).next_run_at - clock.now
            waits.append(wait)
            ceiling = min(120.0, 2.0 * 2 ** (attempt - 1))
            assert ceiling / 2 <= wait <= ceiling
            clock.advance(wait - 0.01)
            assert queue.claim("w") is None  # not before its time
            clock.advance(0.02)
        else:
            assert outcome is Outcome.FAILED
    view = queue.get(job_id)
    assert view.status == "FAILED" and view.error == "boom 4" and view.last_error == "boom 4"


def test_backoff_is_capped_and_jittered():
    rng = random.Random(1)
    samples = [retry_delay(a, rng) for a in range(1, 20)]
    assert all(d <= 120.0 for d in samples)
    assert min(samples[-8:]) >= 60.0
    assert len({round(d, 6) for d in samples[-8:]}) == 8  # jittered: not all the same at the cap


def test_bad_input_is_not_retried(queue):
    job_id = queue.enqueue(job())
    c = queue.claim("w")
    assert queue.fail(job_id, c.lease_token, "not an image", retryable=False) is Outcome.FAILED
    assert queue.get(job_id).attempt_count == 1 and queue.result(job_id).status == "FAILED"


def test_manual_retry_and_discard_of_failed_jobs(queue):
    job_id = queue.enqueue(job())
    with pytest.raises(QueueError, match="only FAILED"):
        queue.retry(job_id)
    with pytest.raises(QueueError, match="only FAILED"):
        queue.discard(job_id)
    c = queue.claim("w")
    queue.fail(job_id, c.lease_token, "bad scan", retryable=False)
    queue.retry(job_id)
    view = queue.get(job_id)
    assert view.status == "PENDING" and view.attempt_count == 0 and view.result is None
    c = queue.claim("w")
    queue.fail(job_id, c.lease_token, "bad scan", retryable=False)
    queue.discard(job_id)
    assert job_id not in [v.job_id for v in queue.list_jobs()]
    assert job_id in [v.job_id for v in queue.list_jobs(include_discarded=True)]
    assert queue.get(job_id).status == "FAILED"
    with pytest.raises(QueueError, match="no job"):
        queue.retry("nope")
    kinds = [e.kind for e in queue.events(job_id)]
    for kind in ("enqueued", "claimed", "failed", "retried", "discarded"):
        assert kind in kinds


def test_release_gives_the_job_back_without_counting_the_attempt(queue):
    job_id = queue.enqueue(job())
    c = queue.claim("w")
    assert queue.release(job_id, c.lease_token)
    view = queue.get(job_id)
    assert view.status == "PENDING" and view.attempt_count == 0 and view.locked_by is None
    assert not queue.release(job_id, c.lease_token)  # not held any more
    assert queue.claim("w").job_id == job_id


def test_outbox_rows_are_written_with_the_final_outcome(queue):
    done_id, failed_id = queue.enqueue(job(1)), queue.enqueue(job(2))
    for c in queue.claim_many("w", 2):
        if c.job_id == done_id:
            queue.complete(done_id, c.lease_token, {"ok": 1})
        else:
            queue.fail(failed_id, c.lease_token, "bad", retryable=False)
    with queue.store.read() as conn:
        rows = {r.job_id: r for r in conn.execute(select(outbox))}
    assert rows[done_id].steps == "register,result,grading" and rows[done_id].state == "pending"
    assert rows[failed_id].steps == "register,result"
    assert len({rows[done_id].register_key, rows[done_id].result_key, rows[done_id].grading_key}) == 3


def test_a_job_from_the_central_queue_only_posts_its_result(queue):
    job_id = queue.enqueue(job(), origin="central")
    c = queue.claim("w")
    queue.complete(job_id, c.lease_token, {"ok": 1})
    with queue.store.read() as conn:
        assert conn.execute(select(outbox.c.steps).where(outbox.c.job_id == job_id)).scalar() == "result"


def test_a_job_the_desk_cannot_run_waits_for_the_cloud(queue):
    job_id = queue.enqueue(job())
    c = queue.claim("w")
    assert queue.send_to_cloud(job_id, c.lease_token, "needs the YOLO model") is Outcome.CLOUD
    view = queue.get(job_id)
    assert view.status == "PENDING" and view.waiting_for_cloud and view.result is None
    assert queue.claim("w") is None  # the desk does not take it again
    assert queue.counts()["CLOUD"] == 1
    from core.contracts import AIResult

    assert queue.record_remote_result(job_id, AIResult(job_id=job_id, status="DONE", result={"q": []}))
    assert queue.get(job_id).status == "DONE" and queue.result(job_id).result == {"q": []}
    assert not queue.record_remote_result(job_id, AIResult(job_id=job_id, status="DONE", result={"q": [1]}))


def test_jobs_enqueued_for_the_cloud_are_registered_as_pending(queue):
    job_id = queue.enqueue(job(), placement="cloud")
    assert queue.claim("w") is None
    with queue.store.read() as conn:
        assert conn.execute(select(outbox.c.steps).where(outbox.c.job_id == job_id)).scalar() == "register"


def test_dispatch_job_creates_and_never_raises(queue):
    ok = dispatch_job(queue, job_type="ocr", payload={"image_path": "a.png"}, source_domain="submissions", source_id="3")
    assert ok["ok"] and queue.get(ok["job_id"]).status == "PENDING"
    bad = dispatch_job(queue, job_type="ocr", payload="not a dict")
    assert bad == {"ok": False, "job_id": None, "type": "ocr", "error": bad["error"], "field": "payload"}
    assert "must be an object" in bad["error"]
    odd = dispatch_job(queue, job_type="ocr", payload={1: "a", "b": 2})
    assert odd["ok"] is False and "payload.1" in odd["error"]


def test_dispatch_job_reports_a_store_failure_instead_of_raising(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    queue = JobQueue(store)
    with store.write() as conn:
        conn.exec_driver_sql("DROP TABLE job_events")
    out = dispatch_job(queue, job_type="embedding", payload={"texts": ["a"]})
    assert out["ok"] is False and out["job_id"] and "job_events" in out["error"]
    assert queue.get(out["job_id"]) is None  # nothing half-made: create and publish are one transaction


def test_counts_and_listing(queue):
    ids = queue.enqueue_many([job(i) for i in range(3)])
    c = queue.claim("w")
    queue.complete(c.job_id, c.lease_token, {})
    assert queue.counts() == {"PENDING": 2, "RUNNING": 0, "DONE": 1, "FAILED": 0, "CLOUD": 0}
    assert [v.job_id for v in queue.list_jobs(status="PENDING")] == ids[1:]
    assert queue.list_ids() == ids
    assert queue.unfinished(ids) == set(ids[1:])


def test_rows_written_with_the_jobs_commit_or_roll_back_with_them(queue):
    from sqlalchemy import insert

    from core.store.schema import pages

    def record_pages(conn):
        conn.execute(insert(pages).values(source_path="a.pdf", page_index=0, content_sha256="x" * 64, created_at=0))

    [job_id] = queue.enqueue_many([job()], also=record_pages)
    assert count(queue, pages) == 1 and queue.get(job_id)

    def broken(conn):
        record_pages(conn)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        queue.enqueue_many([job(2)], also=broken)
    assert count(queue, pages) == 1 and len(queue.list_ids()) == 1


def test_a_claim_can_be_limited_to_jobs_from_the_central_queue(queue, clock):
    desk_job = queue.enqueue(job(1))
    clock.advance(1)
    central_job = queue.enqueue(job(2), origin="central")
    assert [c.job_id for c in queue.claim_many("remote", 5, origin="central")] == [central_job]
    assert [c.job_id for c in queue.claim_many("desk", 5, origin="desk")] == [desk_job]


def test_retry_is_refused_once_the_failed_result_reached_the_central_api(queue):
    job_id = queue.enqueue(job())
    c = queue.claim("w")
    queue.fail(job_id, c.lease_token, "unreadable", retryable=False)
    with queue.store.write() as conn:  # the sender has posted register and result
        conn.execute(outbox.update().where(outbox.c.job_id == job_id).values(steps="", state="sent"))
    with pytest.raises(QueueError, match="already sent to the central API"):
        queue.retry(job_id)
    assert queue.get(job_id).status == "FAILED"


def test_retry_is_refused_for_a_job_the_cloud_worker_ran(queue):
    from core.contracts import AIResult

    job_id = queue.enqueue(job(), placement="cloud")
    queue.record_remote_result(job_id, AIResult(job_id=job_id, status="FAILED", error="model crashed"))
    with pytest.raises(QueueError, match="cloud worker"):
        queue.retry(job_id)


@pytest.mark.postgres
def test_postgres_leases_use_the_servers_clock_not_the_desks(pg_schema_url, monkeypatch):
    import time as time_module

    real_time = time_module.time
    store = open_store(pg_schema_url)
    monkeypatch.setattr("core.queue.lease_queue.time.time", lambda: real_time() + 3600)  # a desk an hour fast
    fast_desk = JobQueue(store, lease_seconds=60)
    fast_desk.enqueue(job())
    claimed = fast_desk.claim("fast")
    assert abs(claimed.lease_expires_at - (real_time() + 60)) < 30
    assert fast_desk.claim("fast") is None  # and it does not see the live lease as expired
    store.close()


def test_jobs_of_dead_worker_processes_on_this_host_come_back_at_once(queue: JobQueue) -> None:
    import subprocess
    import sys

    from core.queue.worker_ids import make_worker_id, this_host, this_space

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    dead_here = make_worker_id("desk", pid=ended.pid)
    alive_here = make_worker_id("desk")  # this process
    dead_elsewhere = make_worker_id("desk", pid=ended.pid, host="another-desk")
    old_style = f"desk-{this_host()}-{ended.pid}-abcd"  # not an id this host can judge: left alone
    # Same host name, another kernel boot or PID namespace (a container with host networking, a cloned
    # machine): its process ids mean nothing here, so a "dead" pid there is not judged.
    other_space = make_worker_id("desk", pid=ended.pid, space="0" * 8 if this_space() != "0" * 8 else "1" * 8)
    holders = [dead_here, alive_here, dead_elsewhere, old_style, other_space]
    for n, holder in enumerate(holders):
        queue.enqueue(job(n))
        assert queue.claim(holder) is not None
    last = AIJob.new(type="embedding", payload={"texts": ["used up"]})
    queue.enqueue(last, max_attempts=1)
    assert queue.claim(dead_here).job_id == last.id

    released = queue.release_dead_workers()

    views = {v.locked_by or v.job_id: v for v in queue.list_jobs()}
    assert {v.job_id for v in queue.list_jobs(status="RUNNING")} == {views[h].job_id for h in holders[1:]}
    back = [v for v in queue.list_jobs(status="PENDING")]
    assert len(back) == 1 and back[0].attempt_count == 1  # the attempt stays counted
    failed = queue.get(last.id)
    assert failed.status == "FAILED" and "process ended" in failed.last_error
    assert released == {back[0].job_id, last.id}
    assert [e.kind for e in queue.events(back[0].job_id)][-1] == "lease_released"
    assert queue.claim("next")  # runnable now, not after the 60 s lease
    assert queue.release_dead_workers() == set()
