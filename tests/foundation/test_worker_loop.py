"""The claim loop: how each way a handler can end is recorded, leases, progress, graceful stop."""

from __future__ import annotations

import os
import threading
import time

import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from tests.support.handlers import SCRIPTED
from worker.loop import WorkerConfig, WorkerLoop, run_jobs


@pytest.fixture
def queue(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'loop.db'}")
    yield JobQueue(store, lease_seconds=30)
    store.close()


def scripted(queue: JobQueue, *commands: str, max_attempts: int | None = None) -> list[str]:
    return queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": [c]}) for c in commands], max_attempts=max_attempts)


def config(tmp_path, **kw) -> WorkerConfig:
    return WorkerConfig(concurrency=kw.pop("concurrency", 2), mode=kw.pop("mode", "thread"), data_dir=tmp_path,
                        handler_overrides=SCRIPTED, **kw)


def test_each_ending_of_a_handler_is_recorded(queue, tmp_path):
    ids = scripted(queue, "echo", "bad", "cloud", "notadict", max_attempts=3)
    views = {v.job_id: v for v in run_jobs(queue, ids, config=config(tmp_path))}
    echo, bad, cloud, notadict = (views[i] for i in ids)
    assert echo.status == "DONE" and echo.result["texts"] == ["echo"]
    assert bad.status == "FAILED" and bad.attempt_count == 1 and bad.error == "the scan is not an image"
    assert cloud.waiting_for_cloud and cloud.status == "PENDING" and cloud.attempt_count == 0
    assert notadict.status == "FAILED" and "not a dict" in notadict.error


def test_transient_errors_and_crashes_are_retried_until_attempts_run_out(queue, tmp_path, monkeypatch):
    monkeypatch.setattr("core.queue.lease_queue.retry_delay", lambda attempt, rng: 0.05)
    ids = scripted(queue, "transient", "crash", max_attempts=2)
    views = run_jobs(queue, ids, config=config(tmp_path))
    assert [v.status for v in views] == ["FAILED", "FAILED"]
    assert [v.attempt_count for v in views] == [2, 2]
    assert views[0].error == "backend unreachable"
    assert "ZeroDivisionError" in views[1].error and "handlers.py" in views[1].error
    kinds = [e.kind for e in queue.events(ids[0])]
    assert kinds.count("claimed") == 2 and kinds.count("failed") == 2


def test_a_flaky_job_succeeds_on_a_later_attempt(queue, tmp_path, monkeypatch):
    monkeypatch.setattr("core.queue.lease_queue.retry_delay", lambda attempt, rng: 0.05)
    [job_id] = scripted(queue, f"flaky:3:{tmp_path / 'tries'}")
    [view] = run_jobs(queue, [job_id], config=config(tmp_path))
    assert view.status == "DONE" and view.result == {"tries": 3} and view.attempt_count == 3


def test_unknown_job_type_handler_fails_as_bad_input(queue, tmp_path):
    [job_id] = queue.enqueue_many([AIJob.new(type="embedding", payload={"texts": ["echo"]})])
    cfg = WorkerConfig(concurrency=1, mode="thread", data_dir=tmp_path, handler_overrides={"embedding": "tests.support.handlers:nope"})
    [view] = run_jobs(queue, [job_id], config=cfg)
    assert view.status == "FAILED" and view.attempt_count == 1
    assert "nope" in view.error


def test_process_mode_runs_handlers_in_child_processes(queue, tmp_path):
    ids = scripted(queue, "echo", "echo")
    views = run_jobs(queue, ids, config=config(tmp_path, mode="process"))
    assert all(v.status == "DONE" for v in views)
    assert all(v.result["pid"] != os.getpid() for v in views)


def test_a_dying_child_process_does_not_take_the_loop_down(queue, tmp_path, monkeypatch):
    monkeypatch.setattr("core.queue.lease_queue.retry_delay", lambda attempt, rng: 0.05)
    ids = scripted(queue, "die", "echo", max_attempts=2)
    views = run_jobs(queue, ids, config=config(tmp_path, mode="process", concurrency=1))
    assert views[0].status == "FAILED" and "worker process died" in views[0].error
    assert views[1].status == "DONE"


def test_progress_reaches_the_store_and_the_observer(queue, tmp_path):
    [job_id] = scripted(queue, "sleep:1.2")
    events = []
    seen_in_store = []
    loop = WorkerLoop(queue, config(tmp_path), on_event=events.append)

    def watch() -> None:
        while not loop.stopping:
            view = queue.get(job_id)
            if view and view.status == "RUNNING" and view.progress > 0:
                seen_in_store.append(view.progress)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    loop.run(until=lambda: not queue.unfinished([job_id]))
    loop.stop()
    watcher.join()
    assert any(e.kind == "progress" and 0 < e.fraction < 1 for e in events)
    assert seen_in_store and queue.get(job_id).progress == 1.0
    assert next(e.kind for e in events if e.job_id == job_id) == "started"
    assert next(e for e in events if e.kind == "finished").outcome == "done"


def test_graceful_stop_gives_running_and_waiting_jobs_back(queue, tmp_path):
    ids = scripted(queue, "sleep:5", "sleep:5", "echo")
    loop = WorkerLoop(queue, config(tmp_path, concurrency=2, stop_grace_s=0.3))
    runner = threading.Thread(target=loop.run)
    runner.start()
    deadline = time.monotonic() + 10
    while queue.counts()["RUNNING"] < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    loop.stop()
    runner.join(timeout=15)
    assert not runner.is_alive()
    views = queue.get_many(ids)
    assert [v.status for v in views[:2]] == ["PENDING", "PENDING"]
    assert [v.attempt_count for v in views[:2]] == [0, 0]
    assert loop.stats.released == 2
    assert any(e.kind == "released" for e in queue.events(ids[0]))


def test_pause_stops_claiming_and_resume_goes_on(queue, tmp_path):
    loop = WorkerLoop(queue, config(tmp_path))
    loop.pause()
    runner = threading.Thread(target=loop.run, kwargs={"idle_exit": 30})
    runner.start()
    ids = scripted(queue, "echo")
    time.sleep(0.5)
    assert queue.get(ids[0]).status == "PENDING"
    loop.resume()
    deadline = time.monotonic() + 10
    while queue.get(ids[0]).status != "DONE" and time.monotonic() < deadline:
        time.sleep(0.05)
    loop.stop()
    runner.join(timeout=10)
    assert queue.get(ids[0]).status == "DONE"


def test_once_and_idle_exit(queue, tmp_path):
    scripted(queue, "echo", "echo")
    stats = WorkerLoop(queue, config(tmp_path)).run(once=True)
    assert stats.done == 2
    started = time.monotonic()
    WorkerLoop(queue, config(tmp_path)).run(idle_exit=0.5)
    assert 0.4 <= time.monotonic() - started < 5


def test_a_result_that_is_not_json_fails_its_own_job_only(queue, tmp_path):
    ids = scripted(queue, "notjson", "nan", "echo")
    views = run_jobs(queue, ids, config=config(tmp_path, concurrency=3))
    assert [v.status for v in views] == ["FAILED", "FAILED", "DONE"]
    assert "not JSON" in views[0].error and views[0].attempt_count == 1


def test_an_error_while_preparing_a_job_costs_an_attempt_not_the_loop(queue, tmp_path, monkeypatch):
    monkeypatch.setattr("core.queue.lease_queue.retry_delay", lambda attempt, rng: 0.05)
    ids = scripted(queue, "echo", "echo", max_attempts=2)
    calls = []

    def prepare(job):
        calls.append(job.job_id)
        if job.job_id == ids[0]:
            raise ValueError("Invalid IPv6 URL")
        return job.payload

    views = run_jobs(queue, ids, config=config(tmp_path), prepare=prepare)
    assert views[0].status == "FAILED" and "Invalid IPv6 URL" in views[0].error and views[0].attempt_count == 2
    assert views[1].status == "DONE"


def test_a_database_error_keeps_the_outcome_until_it_can_be_stored(queue, tmp_path, monkeypatch):
    from sqlalchemy.exc import OperationalError

    monkeypatch.setattr("worker.loop.DB_RETRY_S", 0.05)
    real = queue.complete_many
    failures = []

    def flaky_complete(done):
        if not failures:
            failures.append(1)
            raise OperationalError("UPDATE jobs", {}, Exception("database is locked"))
        return real(done)

    monkeypatch.setattr(queue, "complete_many", flaky_complete)
    ids = scripted(queue, "echo", "echo")
    views = run_jobs(queue, ids, config=config(tmp_path))
    assert failures and [v.status for v in views] == ["DONE", "DONE"]
    assert [v.attempt_count for v in views] == [1, 1]


def test_a_broken_pool_is_replaced_once_however_many_jobs_it_held(queue, tmp_path, monkeypatch):
    monkeypatch.setattr("core.queue.lease_queue.retry_delay", lambda attempt, rng: 0.05)
    ids = scripted(queue, "die", "sleep:1", "sleep:1", max_attempts=1)
    loop = WorkerLoop(queue, config(tmp_path, mode="process", concurrency=3))
    loop.run(until=lambda: not queue.unfinished(ids))
    assert loop._pool_generation == 1
    assert queue.get(ids[0]).status == "FAILED"


def test_stopping_ends_a_stuck_handler_process_and_gives_its_job_back(queue, tmp_path):
    pid_file = tmp_path / "pid"
    [job_id] = scripted(queue, f"hang:60:{pid_file}")
    loop = WorkerLoop(queue, config(tmp_path, mode="process", concurrency=1, stop_grace_s=0.2))
    runner = threading.Thread(target=loop.run)
    runner.start()
    deadline = time.monotonic() + 60
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    loop.stop()
    runner.join(timeout=30)
    assert not runner.is_alive()
    view = queue.get(job_id)
    assert view.status == "PENDING" and view.attempt_count == 0
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the stuck handler's process is still alive")


def test_stopping_leaves_a_stuck_handler_thread_to_its_lease(queue, tmp_path):
    pid_file = tmp_path / "pid"
    [job_id] = scripted(queue, f"hang:2:{pid_file}")
    loop = WorkerLoop(queue, config(tmp_path, concurrency=1, stop_grace_s=0.1))
    runner = threading.Thread(target=loop.run)
    runner.start()
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    loop.stop()
    runner.join(timeout=30)
    # The thread still runs the handler: giving the job back would let another worker run it too.
    assert queue.get(job_id).status == "RUNNING"


def test_a_database_error_while_starting_a_batch_leaves_the_rest_of_it_waiting_not_stranded(queue, tmp_path, monkeypatch):
    """The first job of a claimed batch meets a database error (abandoning it: its inputs came too late);
    the others of the batch start after the loop's back-off, not when their leases run out (30 s here)."""
    from sqlalchemy.exc import OperationalError

    monkeypatch.setattr("worker.loop.DB_RETRY_S", 0.05)
    real = queue.abandon
    failures = []

    def flaky_abandon(job_id, token, reason):
        if not failures:
            failures.append(job_id)
            raise OperationalError("UPDATE jobs", {}, Exception("database is locked"))
        return real(job_id, token, reason)

    monkeypatch.setattr(queue, "abandon", flaky_abandon)
    ids = scripted(queue, "late", "echo", "echo")
    loop = WorkerLoop(queue, config(tmp_path, concurrency=3),
                      expired=lambda job: "its central lease ran out" if job.job_id == ids[0] else None)
    loop.run(until=lambda: not queue.unfinished(ids))
    late, *others = queue.get_many(ids)
    assert failures == [ids[0]]
    assert late.status == "FAILED" and "central lease" in late.error
    assert [v.status for v in others] == ["DONE", "DONE"]
    assert [v.attempt_count for v in others] == [1, 1]  # started by this claim, not claimed again later
