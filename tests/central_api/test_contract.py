"""The stand-in answers exactly as the seed's worker endpoints do, plus the desk's three additions.

Real HTTP on 127.0.0.1 against a stand-in subprocess (one per module; every test uses fresh job ids).
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.central_api.fixtures import StandIn, start_stand_in

TOKEN = "test-worker-token"


def _headers(worker: str | None = "desk-1", token: str = TOKEN) -> dict[str, str]:
    headers = {"X-Worker-Token": token}
    if worker:
        headers["X-Worker-Id"] = worker
    return headers


def _job(job_type: str = "embedding", **extra: object) -> dict[str, object]:
    return {"id": str(uuid.uuid4()), "type": job_type, "payload": {"texts": ["a"]},
            "tenant_id": None, "source_domain": None, "source_id": None, **extra}


@pytest.fixture
def client(stand_in_module: StandIn) -> httpx.Client:
    with httpx.Client(base_url=stand_in_module.base_url + "/api/v1/internal/ai", timeout=10.0) as c:
        yield c


def _drain(client: httpx.Client) -> None:
    """Claim whatever earlier tests left runnable so each test sees its own jobs first."""
    while client.get("/job/next/", headers=_headers("drain")).json()["job"] is not None:
        pass


# ---------------------------------------------------------------- auth
@pytest.mark.parametrize("method,path", [
    ("GET", "/job/next/"), ("POST", "/job/result/"), ("POST", "/job/"),
    ("GET", f"/job/{uuid.uuid4()}/"), ("POST", "/grading/"), ("POST", f"/job/{uuid.uuid4()}/correction/"),
])
def test_wrong_or_missing_token_is_401_unauthorized_worker(client: httpx.Client, method: str, path: str) -> None:
    for headers in ({}, {"X-Worker-Token": "wrong"}):
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized worker"}


def test_no_token_configured_is_503(tmp_path: Path) -> None:
    with start_stand_in(tmp_path, token="") as server:
        response = httpx.get(server.api("job/next/"), headers=_headers(), timeout=10)
        assert response.status_code == 503
        assert response.json() == {"detail": "INTERNAL_WORKER_TOKEN not configured"}
        response = httpx.post(server.api("job/result/"), headers=_headers(), json={"job_id": "x"}, timeout=10)
        assert response.status_code == 503


# ------------------------------------------------------------ job/next/
def test_next_returns_null_when_queue_is_empty(client: httpx.Client) -> None:
    _drain(client)
    response = client.get("/job/next/", headers=_headers())
    assert response.status_code == 200
    assert response.json() == {"job": None}


def test_next_returns_the_contract_job_dict_oldest_first(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    first, second = _job(source_id="77", tenant_id="t1"), _job("ocr", payload={"image_url": "http://x/a.png"})
    stand_in_module.seed_jobs([first, second])
    got = client.get("/job/next/", headers=_headers()).json()["job"]
    assert got == first
    assert client.get("/job/next/", headers=_headers()).json()["job"]["id"] == second["id"]
    assert client.get("/job/next/", headers=_headers()).json() == {"job": None}
    rows = {row["job_id"]: row for row in stand_in_module.jobs("RUNNING")}
    assert rows[first["id"]]["locked_by"] == "desk-1"
    assert rows[first["id"]]["attempt_count"] == 1


def test_worker_id_defaults_to_ai_worker(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1)
    assert client.get("/job/next/", headers=_headers(worker=None)).json()["job"]["id"] == job_id
    rows = {row["job_id"]: row for row in stand_in_module.jobs()}
    assert rows[job_id]["locked_by"] == "ai-worker"


# ---------------------------------------------------------- job/result/
@pytest.mark.parametrize("body,detail", [
    ({}, "job_id required"),
    ({"job_id": ""}, "job_id required"),
    (["not", "an", "object"], "job_id required"),
    ({"job_id": "x", "status": "MAYBE"}, "status must be DONE or FAILED"),
    ({"job_id": "x", "status": "DONE", "result": [1, 2]}, "result must be object or null"),
    ({"job_id": "x", "status": "DONE", "result": "text"}, "result must be object or null"),
])
def test_result_bad_bodies_are_400(client: httpx.Client, body: object, detail: str) -> None:
    response = client.post("/job/result/", headers=_headers(), json=body)
    assert response.status_code == 400
    assert response.json() == {"detail": detail}


def test_result_for_unknown_job_is_404(client: httpx.Client) -> None:
    response = client.post("/job/result/", headers=_headers(), json={"job_id": str(uuid.uuid4()), "status": "DONE"})
    assert response.status_code == 404
    assert response.json() == {"detail": "job not found"}


def test_result_done_then_duplicate_ignored(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1)
    client.get("/job/next/", headers=_headers())
    body = {"job_id": job_id, "status": "done", "result": {"answers": [1, 2]}, "error": None}
    first = client.post("/job/result/", headers=_headers(), json=body)
    assert (first.status_code, first.json()) == (200, {"ok": True, "detail": "done"})
    again = client.post("/job/result/", headers=_headers(), json=body)
    assert (again.status_code, again.json()) == (200, {"ok": True, "detail": "duplicate_ignored"})
    fetched = client.get(f"/job/{job_id}/", headers=_headers()).json()
    assert fetched["status"] == "DONE"
    assert fetched["result"] == {"answers": [1, 2]}


def test_result_status_defaults_to_done(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1)
    response = client.post("/job/result/", headers=_headers(), json={"job_id": job_id, "result": None})
    assert response.json() == {"ok": True, "detail": "done"}


def test_failed_attempt_does_not_block_the_later_success(client: httpx.Client, stand_in_module: StandIn) -> None:
    """The seed stored the FAILED fact and then ignored the retry's DONE; the stand-in keeps it open."""
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1)
    client.get("/job/next/", headers=_headers())
    failed = client.post("/job/result/", headers=_headers(), json={"job_id": job_id, "status": "FAILED", "error": "boom"})
    assert (failed.status_code, failed.json()) == (200, {"ok": True, "detail": "failed_recorded"})
    fetched = client.get(f"/job/{job_id}/", headers=_headers()).json()
    assert (fetched["status"], fetched["error"], fetched["result"]) == ("PENDING", "boom", None)
    # The retry is not runnable before its backoff (2 s) has passed.
    assert client.get("/job/next/", headers=_headers()).json() == {"job": None}
    done = client.post("/job/result/", headers=_headers(), json={"job_id": job_id, "status": "DONE", "result": {"ok": 1}})
    assert done.json() == {"ok": True, "detail": "done"}


def test_final_failure_is_recorded_once(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1, max_attempts=1)
    client.get("/job/next/", headers=_headers())
    body = {"job_id": job_id, "status": "FAILED", "error": "unreadable"}
    assert client.post("/job/result/", headers=_headers(), json=body).json()["detail"] == "failed_recorded"
    assert client.post("/job/result/", headers=_headers(), json=body).json()["detail"] == "duplicate_ignored"
    fetched = client.get(f"/job/{job_id}/", headers=_headers()).json()
    assert (fetched["status"], fetched["error"]) == ("FAILED", "unreadable")


def test_failed_report_from_a_worker_without_the_lease_is_ignored(
    client: httpx.Client, stand_in_module: StandIn
) -> None:
    _drain(client)
    (job_id,) = stand_in_module.seed_jobs(count=1)
    client.get("/job/next/", headers=_headers("owner"))
    stale = client.post("/job/result/", headers=_headers("someone-else"), json={"job_id": job_id, "status": "FAILED"})
    assert stale.json() == {"ok": True, "detail": "duplicate_ignored"}
    assert client.get(f"/job/{job_id}/", headers=_headers()).json()["status"] == "RUNNING"


def test_used_up_job_is_failed_and_the_next_one_is_claimed(tmp_path: Path) -> None:
    with start_stand_in(tmp_path, lease_seconds=0.2) as server, httpx.Client(timeout=10) as http:
        (used_up,) = server.seed_jobs(count=1, max_attempts=1)
        http.get(server.api("job/next/"), headers=_headers("crashed-worker"))
        (fresh,) = server.seed_jobs(count=1)
        time.sleep(0.3)  # the crashed worker's lease expires; its job has no attempts left
        got = http.get(server.api("job/next/"), headers=_headers()).json()["job"]
        assert got["id"] == fresh
        fetched = http.get(server.api(f"job/{used_up}/"), headers=_headers()).json()
        assert (fetched["status"], fetched["error"]) == ("FAILED", "max_attempts_exceeded")
        assert server.counters()["lease_reclaims"] == 1


def test_expired_lease_is_reclaimed_by_another_worker(tmp_path: Path) -> None:
    # A lease of seconds, not tenths: on a loaded machine two requests in a row may be that far apart,
    # and the second must still find the job leased.
    with start_stand_in(tmp_path, lease_seconds=2.5) as server, httpx.Client(timeout=10) as http:
        (job_id,) = server.seed_jobs(count=1)
        assert http.get(server.api("job/next/"), headers=_headers("a")).json()["job"]["id"] == job_id
        leased_at = time.monotonic()
        assert http.get(server.api("job/next/"), headers=_headers("b")).json()["job"] is None
        # Then b asks until the lease has run out; it gets the job then, not earlier.
        deadline = time.monotonic() + 30
        got = None
        while got is None and time.monotonic() < deadline:
            time.sleep(0.2)
            got = http.get(server.api("job/next/"), headers=_headers("b")).json()["job"]
        assert got is not None and got["id"] == job_id
        assert time.monotonic() - leased_at >= 2.5
        row = next(r for r in server.jobs() if r["job_id"] == job_id)
        assert (row["locked_by"], row["attempt_count"]) == ("b", 2)


# ------------------------------------------------------ POST job/ (new)
def test_register_creates_running_job_locked_by_the_desk(client: httpx.Client, stand_in_module: StandIn) -> None:
    _drain(client)
    job = _job("omr", payload={"image_path": "/scans/a.png", "template": "t.json"})
    response = client.post("/job/", headers=_headers("desk-7"), json=job)
    assert response.status_code == 201
    assert response.json() == {"ok": True, "job_id": job["id"], "detail": "created"}
    again = client.post("/job/", headers=_headers("desk-7"), json=job)
    assert (again.status_code, again.json()) == (200, {"ok": True, "job_id": job["id"], "detail": "exists"})
    # Running at the desk: never handed to another worker.
    assert client.get("/job/next/", headers=_headers("cloud")).json() == {"job": None}
    fetched = client.get(f"/job/{job['id']}/", headers=_headers()).json()
    assert fetched == {"job": job, "status": "RUNNING", "result": None, "error": ""}
    done = client.post("/job/result/", headers=_headers("desk-7"), json={"job_id": job["id"], "status": "DONE", "result": {}})
    assert done.json() == {"ok": True, "detail": "done"}


def test_register_pending_hands_the_job_to_the_central_queue(client: httpx.Client) -> None:
    _drain(client)
    job = _job()
    response = client.post("/job/", headers=_headers(), json={**job, "status": "PENDING"})
    assert response.status_code == 201
    assert client.get("/job/next/", headers=_headers("cloud")).json()["job"] == job


def test_desk_failure_is_final(client: httpx.Client) -> None:
    job = _job()
    client.post("/job/", headers=_headers("desk-1"), json=job)
    response = client.post("/job/result/", headers=_headers("desk-1"), json={"job_id": job["id"], "status": "FAILED", "error": "bad scan"})
    assert response.json() == {"ok": True, "detail": "failed_recorded"}
    assert client.get(f"/job/{job['id']}/", headers=_headers()).json()["status"] == "FAILED"


@pytest.mark.parametrize("body", [
    [1, 2],
    {"type": "embedding", "payload": {}},
    {"id": "not-a-uuid", "type": "embedding", "payload": {}},
    {"id": str(uuid.uuid4()), "type": "astrology", "payload": {}},
    {"id": str(uuid.uuid4()), "type": "embedding", "payload": [1]},
    {"id": str(uuid.uuid4()), "type": "embedding", "payload": {}, "status": "DONE"},
    {"id": str(uuid.uuid4()), "type": "embedding", "payload": {}, "colour": "red"},
])
def test_register_bad_body_is_400(client: httpx.Client, body: object) -> None:
    response = client.post("/job/", headers=_headers(), json=body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_register_invalid_json_is_400(client: httpx.Client) -> None:
    response = client.post("/job/", headers={**_headers(), "Content-Type": "application/json"}, content=b"{nope")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


# ---------------------------------------------------- GET job/<id>/ (new)
def test_get_unknown_job_is_404(client: httpx.Client) -> None:
    response = client.get(f"/job/{uuid.uuid4()}/", headers=_headers())
    assert (response.status_code, response.json()) == (404, {"detail": "job not found"})


# ------------------------------------------------------- grading (new)
def test_grading_idempotency(client: httpx.Client) -> None:
    job = _job()
    client.post("/job/", headers=_headers(), json=job)
    body = {"job_id": job["id"], "submission_id": 12}
    key = {"Idempotency-Key": f"grade-{job['id']}"}
    first = client.post("/grading/", headers={**_headers(), **key}, json=body)
    assert (first.status_code, first.json()) == (202, {"ok": True, "detail": "queued"})
    # Same key, same body (key order differs): a duplicate, not a second grading.
    again = client.post("/grading/", headers={**_headers(), **key}, json={"submission_id": 12, "job_id": job["id"]})
    assert (again.status_code, again.json()) == (200, {"ok": True, "detail": "duplicate_ignored"})
    other = client.post("/grading/", headers={**_headers(), **key}, json={"job_id": job["id"], "submission_id": 13})
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["detail"]


def test_grading_needs_key_job_id_and_known_job(client: httpx.Client) -> None:
    missing_key = client.post("/grading/", headers=_headers(), json={"job_id": "x"})
    assert (missing_key.status_code, missing_key.json()) == (400, {"detail": "Idempotency-Key header required"})
    key = {"Idempotency-Key": str(uuid.uuid4())}
    no_job = client.post("/grading/", headers={**_headers(), **key}, json={"submission_id": 1})
    assert (no_job.status_code, no_job.json()) == (400, {"detail": "job_id required"})
    unknown = client.post("/grading/", headers={**_headers(), **key}, json={"job_id": str(uuid.uuid4())})
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "job not found"})


# ---------------------------------------------------- corrections (new)
def _correction(value: str) -> dict[str, object]:
    return {"result": {"fields": {"q1": {"value": value}}, "score": 1},
            "corrections": [{"field": "q1", "from": "2", "to": value, "at": "2026-12-01T22:00:00Z"}]}


def test_correction_replaces_the_result_in_force_once_per_key(client: httpx.Client, stand_in_module: StandIn) -> None:
    job = _job("omr")
    client.post("/job/", headers=_headers(), json=job)
    key = {"Idempotency-Key": f"fix-{job['id']}"}
    early = client.post(f"/job/{job['id']}/correction/", headers={**_headers(), **key}, json=_correction("1"))
    assert (early.status_code, early.json()) == (409, {"detail": "no result to correct"})
    first_result = {"fields": {"q1": {"value": "2"}}, "score": 0}
    client.post("/job/result/", headers=_headers(), json={"job_id": job["id"], "status": "DONE", "result": first_result})
    before = stand_in_module.counters()["regrades"]

    done = client.post(f"/job/{job['id']}/correction/", headers={**_headers(), **key}, json=_correction("1"))
    assert (done.status_code, done.json()) == (200, {"ok": True, "detail": "corrected"})
    again = client.post(f"/job/{job['id']}/correction/", headers={**_headers(), **key}, json=_correction("1"))
    assert (again.status_code, again.json()) == (200, {"ok": True, "detail": "duplicate_ignored"})
    other = client.post(f"/job/{job['id']}/correction/", headers={**_headers(), **key}, json=_correction("3"))
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]

    in_force = client.get(f"/job/{job['id']}/", headers=_headers()).json()["result"]
    assert in_force == _correction("1")["result"]
    assert stand_in_module.results()[job["id"]]["history"] == [first_result]  # the first stays as history
    assert stand_in_module.counters()["regrades"] == before + 1


@pytest.mark.parametrize("body", [
    [], {"result": None, "corrections": []}, {"result": {}, "corrections": {}},
    {"result": {}, "corrections": [{"field": "q1"}]}, {"result": {}, "corrections": [], "extra": 1},
])
def test_correction_bad_body_is_400(client: httpx.Client, body: object) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    response = client.post(f"/job/{uuid.uuid4()}/correction/", headers={**_headers(), **key}, json=body)
    assert response.status_code == 400 and response.json()["detail"]


def test_correction_needs_a_key_and_a_known_job(client: httpx.Client) -> None:
    path = f"/job/{uuid.uuid4()}/correction/"
    missing_key = client.post(path, headers=_headers(), json=_correction("1"))
    assert (missing_key.status_code, missing_key.json()) == (400, {"detail": "Idempotency-Key header required"})
    unknown = client.post(path, headers={**_headers(), "Idempotency-Key": "k"}, json=_correction("1"))
    assert (unknown.status_code, unknown.json()) == (404, {"detail": "job not found"})


# ------------------------------------------------------------ faults
def test_faults_drop_500_and_down(tmp_path: Path) -> None:
    with start_stand_in(tmp_path) as server, httpx.Client(timeout=5) as http:
        server.set_faults(drop=1.0, after_share=0.0)
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(server.api("job/next/"), headers=_headers())
        server.set_faults(error500=1.0, after_share=0.0)
        assert http.get(server.api("job/next/"), headers=_headers()).status_code == 500
        # A 500 after the endpoint ran: the job is registered although the desk saw an error.
        server.set_faults(error500=1.0, after_share=1.0)
        job = _job()
        assert http.post(server.api("job/"), headers=_headers(), json=job).status_code == 500
        server.clear_faults()
        assert http.post(server.api("job/"), headers=_headers(), json=job).json()["detail"] == "exists"
        # Down for seconds, so the request right after is surely inside the stretch; the server set the
        # stretch's end before answering, so waiting that long after the answer is surely past it.
        server.set_faults(down_for_s=2.0)
        down_set = time.monotonic()
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(server.api("job/next/"), headers=_headers())
        assert server.counters()["registered"] == 1  # test endpoints answer while down
        time.sleep(max(0.0, down_set + 2.1 - time.monotonic()))
        assert http.get(server.api("job/next/"), headers=_headers()).status_code == 200
        server.set_faults(slow_ms=300)
        with pytest.raises(httpx.ReadTimeout):
            http.get(server.api("job/next/"), headers=_headers(), timeout=0.1)
        counts = server.counters()
        assert counts["faults"]["drop_before"] == 1
        assert counts["faults"]["error500_after"] == 1
        assert counts["faults"]["down_drops"] == 1
        assert counts["requests"]["job_next"] >= 4
