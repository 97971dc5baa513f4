"""`sync` and the remote worker through desktop.cli.sync, in-process, against the stand-in."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from core.contracts import AIJob
from core.queue import JobQueue
from core.store import open_store
from core.sync.client import CentralClient
from core.sync.remote import RemotePuller
from desktop.cli import main as cli_main
from tests.central_api.fixtures import StandIn


@pytest.fixture
def desk_home(_isolated_home: Path) -> Path:
    return _isolated_home


def _finish(home: Path, n: int, *, failed: int = 0) -> list[str]:
    store = open_store(home=home)
    queue = JobQueue(store)
    new = [AIJob.new(type="embedding", payload={"texts": [str(i)]}) for i in range(n)]
    queue.enqueue_many(new)
    claimed = queue.claim_many("t", n)
    queue.complete_many([(c.job_id, c.lease_token, {"ok": True}) for c in claimed[failed:]])
    for c in claimed[:failed]:
        queue.fail(c.job_id, c.lease_token, "bad", retryable=False)
    store.close()
    return [job.id for job in new]


def _point_at(monkeypatch: pytest.MonkeyPatch, url: str, token: str) -> None:
    monkeypatch.setenv("SCANDESK_API_URL", url)
    monkeypatch.setenv("SCANDESK_WORKER_TOKEN", token)
    monkeypatch.setenv("SCANDESK_WORKER_ID", "desk-cli")


def test_status_once_and_exit_codes(desk_home: Path, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    _finish(desk_home, 5)
    assert cli_main.main(["sync", "--status"]) == 0
    assert capsys.readouterr().out.splitlines()[:5] == [
        "pending  5", "held     0", "waiting  0", "sent     0", "dead     0"]
    from core.settings import set_value

    set_value("sync_retry_cap_seconds", "0.05")
    _point_at(monkeypatch, "http://127.0.0.1:9", stand_in.token)  # offline
    assert cli_main.main(["sync", "--once"]) == 1
    assert "unreachable" in capsys.readouterr().err
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    time.sleep(0.06)  # the rows that failed wait out their backoff; --once sends only what is due
    assert cli_main.main(["sync", "--once"]) == 0
    assert stand_in.counters()["grading"] == 5
    assert cli_main.main(["sync", "--status", "--quiet"]) == 0


def test_sync_runs_until_empty(desk_home: Path, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    _finish(desk_home, 3, failed=1)
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    assert cli_main.main(["sync", "--quiet"]) == 0
    counts = stand_in.counters()
    assert (counts["registered"], counts["results"], counts["grading"]) == (3, 3, 2)


def test_sync_from_several_processes_sends_each_job_once(desk_home: Path, stand_in: StandIn,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _finish(desk_home, 9)
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    assert cli_main.main(["sync", "--processes", "3", "--quiet"]) == 0
    counts = stand_in.counters()
    assert (counts["registered"], counts["results"], counts["grading"]) == (9, 9, 9)
    assert counts["result_duplicates"] == counts["grading_duplicates"] == 0  # no row sent by two processes


def test_dead_rows_listed_and_retried(desk_home: Path, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (job_id,) = _finish(desk_home, 1)
    # A 4xx the desk cannot fix by retrying: the row goes dead with the server's message.
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    store = open_store(home=desk_home)
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET steps = 'result,grading'")  # as if registration were lost
    store.close()
    assert cli_main.main(["sync", "--once", "--quiet"]) == 1
    capsys.readouterr()
    assert cli_main.main(["sync", "--status"]) == 0
    out = capsys.readouterr().out
    assert f"dead {job_id} [result,grading]: result: HTTP 404: job not found" in out
    store = open_store(home=desk_home)
    with store.write() as conn:
        conn.exec_driver_sql("UPDATE outbox SET steps = 'register,result,grading'")  # a person fixed it
    store.close()
    assert cli_main.main(["sync", "--retry-dead"]) == 0
    assert "1 dead rows queued again" in capsys.readouterr().out
    assert cli_main.main(["sync", "--once", "--quiet"]) == 0


@pytest.mark.parametrize("env,needle", [
    ({}, "api_url is not set"),
    ({"SCANDESK_API_URL": "http://127.0.0.1:9"}, "worker token is not set"),
])
def test_missing_configuration_exits_2(desk_home: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], env: dict[str, str], needle: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert cli_main.main(["sync", "--once"]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1


def test_remote_worker_refuses_unsafe_inputs(desk_home: Path, stand_in: StandIn, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Central jobs naming /etc/passwd or ../.. fail with the refusal; the allowed one runs."""
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "page.png").write_bytes(b"not really a png")
    from core.settings import set_value

    set_value("import_dirs", str(scans))
    bad = stand_in.seed_jobs([{"type": "ocr", "payload": {"image_path": "/etc/passwd"}},
                              {"type": "ocr", "payload": {"image_path": "../../etc/passwd"}}], max_attempts=1)
    (good,) = stand_in.seed_jobs([{"type": "ocr", "payload": {"image_path": "page.png"}}])
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    code = cli_main.main(["worker", "--remote", "--idle-exit", "1", "--mode", "thread", "--concurrency", "1",
                          "--handler", "ocr=tests.sync.handlers:input_size", "--quiet"])
    assert code == 0
    with httpx.Client() as http:
        for job_id in bad:
            got = http.get(stand_in.api(f"job/{job_id}/"), headers={"X-Worker-Token": stand_in.token}).json()
            assert got["status"] == "FAILED" and "outside the folders this desk allows" in got["error"]
        got = http.get(stand_in.api(f"job/{good}/"), headers={"X-Worker-Token": stand_in.token}).json()
        assert got["status"] == "DONE" and got["result"] == {"size": 16}


def test_puller_handles_unreadable_and_repeated_jobs(desk_home: Path, stand_in: StandIn) -> None:
    store = open_store(home=desk_home)
    queue = JobQueue(store)
    (unreadable,) = stand_in.seed_jobs([{"type": "ocr", "payload": {"image_path": 42}}], max_attempts=1)
    (fine,) = stand_in.seed_jobs(count=1)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-pull") as client:
        puller = RemotePuller(queue, client, backlog=5, max_jobs=2, idle_exit_s=0.5)
        puller.run(threading.Event())
        assert puller.stats.invalid == 1 and puller.stats.pulled == 1
        assert puller.pulled_ids() == [fine]
        # The same job handed out again (say its central lease ran out) while the desk still has it.
        puller._accept(AIJob.from_dict(client.get_job(fine).job))
        assert puller.stats.already_here == 1
        # One that failed here and that the central queue hands out again is run again here.
        (claimed,) = queue.claim_many("t", 1)
        queue.fail(claimed.job_id, claimed.lease_token, "bad", retryable=False)
        puller._accept(AIJob.from_dict(client.get_job(fine).job))
        assert puller.stats.retried_here == 1 and queue.get(fine).status == "PENDING"
        # The unreadable one was answered FAILED at once, so the central queue can move on.
        remote = client.get_job(unreadable)
        assert remote.status == "FAILED" and "desk cannot read this job" in remote.error
    store.close()


def test_cloud_job_waits_without_blocking_sync(desk_home: Path, stand_in: StandIn,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`sync` registers the job for the cloud and exits 1 (rows left); a later sync fetches the result."""
    from core.contracts import AIResult

    store = open_store(home=desk_home)
    queue = JobQueue(store)
    job = AIJob.new(type="embedding", payload={"texts": ["gpu"]})
    queue.enqueue(job, placement="cloud")
    store.close()
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    started = time.monotonic()
    assert cli_main.main(["sync", "--quiet"]) == 1  # registered; the cloud has not answered
    assert time.monotonic() - started < 10
    with CentralClient(stand_in.base_url, stand_in.token, "cloud-gpu") as cloud:
        assert cloud.next_job() == job
        cloud.post_result(AIResult(job.id, "DONE", {"v": 1}))
    # Not due for another look for 30 s, but a sync started by hand looks anyway.
    assert cli_main.main(["sync", "--once", "--quiet"]) == 0
    store = open_store(home=desk_home)
    assert JobQueue(store).get(job.id).result == {"v": 1}
    store.close()
    assert stand_in.counters()["grading"] == 1


def test_remote_worker_max_jobs(desk_home: Path, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = stand_in.seed_jobs(count=5, payload={"texts": ["echo"]})
    store = open_store(home=desk_home)
    local = JobQueue(store).enqueue(AIJob.new(type="embedding", payload={"texts": ["desk"]}))
    store.close()
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    assert cli_main.main(["worker", "--remote", "--max-jobs", "2", "--mode", "thread", "--concurrency", "1",
                          "--handler", "embedding=tests.support.handlers:scripted", "--quiet"]) == 0
    counts = stand_in.counters()
    assert counts["claims"] == 2 and counts["results_done"] == 2
    assert counts["jobs_by_status"] == {"DONE": 2, "PENDING": 3}
    store = open_store(home=desk_home)
    queue = JobQueue(store)
    # Remote mode claims only central jobs: the desk's own job waits for the desk's own worker.
    assert queue.get(local).status == "PENDING" and queue.get(local).attempt_count == 0
    # Retries of a central job belong to the central queue: one attempt here.
    pulled = [view for view in map(queue.get, seeded) if view is not None]
    assert len(pulled) == 2 and all(view.max_attempts == 1 for view in pulled)
    store.close()
    with pytest.raises(SystemExit) as refused:  # checked where it is parsed
        cli_main.main(["worker", "--remote", "--max-jobs", "0", "--quiet"])
    assert refused.value.code == 2


def test_remote_worker_downloads_only_where_allowed_and_deletes_the_download(
    desk_home: Path, stand_in: StandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file server on 127.0.0.1: refused by default (loopback), fetched when the desk allows it; the
    job's download folder is gone once its result is stored."""
    import http.server

    from core.settings import set_value

    served = tmp_path / "served"
    served.mkdir()
    (served / "page.png").write_bytes(b"0123456789")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(served), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page.png"
    scans = tmp_path / "scans"
    scans.mkdir()
    set_value("import_dirs", str(scans))
    _point_at(monkeypatch, stand_in.base_url, stand_in.token)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # keep pytest's own handlers
    argv = ["worker", "--remote", "--idle-exit", "1", "--mode", "thread", "--concurrency", "1",
            "--handler", "ocr=tests.sync.handlers:input_size", "--quiet"]
    try:
        (refused,) = stand_in.seed_jobs([{"type": "ocr", "payload": {"image_url": url}}], max_attempts=1)
        assert cli_main.main(argv) == 0
        set_value("allow_private_downloads", "true")
        (fetched,) = stand_in.seed_jobs([{"type": "ocr", "payload": {"image_url": url}}])
        assert cli_main.main(argv) == 0
    finally:
        server.shutdown()
        server.server_close()
    with CentralClient(stand_in.base_url, stand_in.token, "desk-check") as client:
        got = client.get_job(refused)
        assert got.status == "FAILED" and "a loopback address" in got.error
        got = client.get_job(fetched)
        assert got.status == "DONE" and got.result == {"size": 10}
    downloads = desk_home / "data" / "downloads"
    assert downloads.is_dir()  # the download happened there
    assert not (downloads / fetched).exists() and not (downloads / refused).exists()


def test_job_whose_failure_was_already_sent_is_declined_at_once(desk_home: Path, stand_in: StandIn) -> None:
    """The central queue hands a job out again after this desk posted its FAILED: the local queue will
    not run it again, so the puller answers FAILED at once instead of holding the central lease."""
    from core.sync.outbox_sender import OutboxSender

    store = open_store(home=desk_home)
    queue = JobQueue(store)
    (seeded,) = stand_in.seed_jobs(count=1, max_attempts=3)
    with CentralClient(stand_in.base_url, stand_in.token, "desk-pull") as client:
        puller = RemotePuller(queue, client, backlog=5, max_jobs=1)
        puller.run(threading.Event())
        (claimed,) = queue.claim_many("t", 1)
        queue.fail(claimed.job_id, claimed.lease_token, "bad scan", retryable=False)
        with OutboxSender(store, client, queue=queue) as sender:
            sender.drain_now()
            assert sender.counts()["sent"] == 1
        assert client.get_job(seeded).status == "PENDING"  # queued again centrally, after a backoff
        deadline = time.monotonic() + 30
        again = None
        while again is None and time.monotonic() < deadline:
            time.sleep(0.2)
            again = client.next_job()
        assert again is not None and again.id == seeded
        puller._accept(again)
        assert (puller.stats.declined, puller.stats.retried_here) == (1, 0)
        assert queue.get(seeded).status == "FAILED"
        remote = client.get_job(seeded)
        assert remote.status == "PENDING" and "this desk already failed this job: bad scan" in remote.error
    store.close()
