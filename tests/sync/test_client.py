"""CentralClient: headers, timeouts, outcome mapping and error classes; never the token in a log line."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable

import httpx
import pytest

from core.contracts import AIJob, AIResult
from core.sync.client import (
    CentralClient,
    InvalidJob,
    PermanentError,
    RetryableError,
)
from tests.central_api.fixtures import StandIn

TOKEN = "s3cr3t-worker-token-value"


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> CentralClient:
    http = httpx.Client(transport=httpx.MockTransport(handler))
    return CentralClient("https://api.example.test/", TOKEN, "desk-9", http=http, timeout=3.0)


def _job() -> AIJob:
    return AIJob.new(type="embedding", payload={"texts": ["a"]})


def test_every_call_sends_headers_and_a_timeout() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path
        if path.endswith("/job/next/"):
            return httpx.Response(200, json={"job": None})
        if path.endswith("/job/result/"):
            return httpx.Response(200, json={"ok": True, "detail": "done"})
        if path.endswith("/grading/"):
            return httpx.Response(202, json={"ok": True, "detail": "queued"})
        if request.method == "POST":
            return httpx.Response(201, json={"ok": True, "job_id": "x", "detail": "created"})
        return httpx.Response(200, json={"job": {}, "status": "DONE", "result": {"a": 1}, "error": ""})

    client = _client(handler)
    job = _job()
    assert client.next_job() is None
    assert client.post_result(AIResult(job.id, "DONE", {"a": 1}), submission_id=5).detail == "done"
    client.register_job(job, status="PENDING")
    assert client.get_job(job.id).result == {"a": 1}
    assert client.request_grading(job.id, 5, "key-1").detail == "queued"
    assert len(seen) == 5
    for request in seen:
        assert request.headers["X-Worker-Token"] == TOKEN
        assert request.headers["X-Worker-Id"] == "desk-9"
        assert request.url.host == "api.example.test"
        assert request.url.path.startswith("/api/v1/internal/ai/")
        assert request.extensions["timeout"] == {"connect": 3.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    assert json.loads(seen[1].content) == {
        "job_id": job.id, "status": "DONE", "result": {"a": 1}, "error": "", "submission_id": 5
    }
    assert json.loads(seen[2].content) == {**job.to_dict(), "status": "PENDING"}
    assert seen[4].headers["Idempotency-Key"] == "key-1"
    assert json.loads(seen[4].content) == {"job_id": job.id, "submission_id": 5}


@pytest.mark.parametrize("code", [500, 502, 503, 504, 429])
def test_5xx_and_429_are_retryable(code: int) -> None:
    client = _client(lambda r: httpx.Response(code, json={"detail": "busy"}, headers={"Retry-After": "7"}))
    with pytest.raises(RetryableError) as caught:
        client.next_job()
    assert caught.value.status_code == code
    assert caught.value.retry_after_s == 7.0


@pytest.mark.parametrize("exc", [
    httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.ConnectTimeout("slow"),
    httpx.RemoteProtocolError("Server disconnected without sending a response."), httpx.ReadError("reset"),
])
def test_transport_errors_are_retryable(exc: Exception) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    with pytest.raises(RetryableError):
        _client(handler).post_result(AIResult(str(uuid.uuid4()), "DONE", None))


@pytest.mark.parametrize("code,detail", [
    (400, "job_id required"), (401, "Unauthorized worker"), (404, "job not found"),
    (422, "Idempotency-Key reused with a different body"), (403, "forbidden"),
])
def test_other_4xx_are_permanent_with_the_servers_detail(code: int, detail: str) -> None:
    client = _client(lambda r: httpx.Response(code, json={"detail": detail}))
    with pytest.raises(PermanentError) as caught:
        client.request_grading("j", None, "k")
    assert (caught.value.status_code, caught.value.detail) == (code, detail)


def test_non_json_success_is_retryable_not_a_crash() -> None:
    client = _client(lambda r: httpx.Response(200, text="<html>captive portal</html>"))
    with pytest.raises(RetryableError):
        client.next_job()


def test_get_job_404_is_none() -> None:
    assert _client(lambda r: httpx.Response(404, json={"detail": "job not found"})).get_job("x") is None


def test_invalid_central_job_names_its_id() -> None:
    raw = {"id": str(uuid.uuid4()), "type": "astrology", "payload": {}}
    client = _client(lambda r: httpx.Response(200, json={"job": raw}))
    with pytest.raises(InvalidJob) as caught:
        client.next_job()
    assert caught.value.job_id == raw["id"]
    assert "type" in str(caught.value)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        CentralClient("ftp://x", TOKEN, "desk")
    with pytest.raises(ValueError):
        CentralClient("http://x", TOKEN, "")
    with pytest.raises(ValueError):
        _client(lambda r: httpx.Response(200)).register_job(_job(), status="DONE")
    with pytest.raises(ValueError):
        _client(lambda r: httpx.Response(200)).request_grading("j", None, "")


def test_token_never_in_logs_errors_or_repr(caplog: pytest.LogCaptureFixture) -> None:
    responses = iter([
        httpx.Response(200, json={"job": None}),
        httpx.Response(500, json={"detail": "boom"}),
        httpx.Response(401, json={"detail": "Unauthorized worker"}),
    ])

    def handler(request: httpx.Request) -> httpx.Response:
        try:
            return next(responses)
        except StopIteration:
            raise httpx.ConnectError("refused") from None

    caplog.set_level(logging.DEBUG)  # root: catches httpx, httpcore and ours
    client = _client(handler)
    messages = [repr(client), str(client.__dict__.get("base_url"))]
    client.next_job()
    for _ in range(3):
        with pytest.raises((RetryableError, PermanentError)) as caught:
            client.next_job()
        messages.append(str(caught.value))
        messages.append(repr(caught.value))
    assert any("job/next" in record.getMessage() for record in caplog.records)
    messages += [record.getMessage() for record in caplog.records]
    assert not [m for m in messages if TOKEN in m]


def test_against_the_stand_in_over_http(stand_in_module: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with CentralClient(stand_in_module.base_url, stand_in_module.token, "desk-http", timeout=5.0) as client:
        job = _job()
        before = stand_in_module.counters()
        client.register_job(job)
        client.register_job(job)  # answered "exists": safe to repeat
        after = stand_in_module.counters()
        assert (after["registered"] - before["registered"], after["register_exists"] - before["register_exists"]) == (1, 1)
        remote = client.get_job(job.id)
        assert (remote.status, remote.final) == ("RUNNING", False)
        assert client.post_result(AIResult(job.id, "DONE", {"v": 1})).detail == "done"
        assert client.post_result(AIResult(job.id, "DONE", {"v": 1})).duplicate
        assert client.request_grading(job.id, 3, f"grade:{job.id}").detail == "queued"
        assert client.request_grading(job.id, 3, f"grade:{job.id}").detail == "duplicate_ignored"
        remote = client.get_job(job.id)
        assert (remote.status, remote.result, remote.final) == ("DONE", {"v": 1}, True)
        assert client.get_job(str(uuid.uuid4())) is None

        (seeded,) = stand_in_module.seed_jobs(count=1)
        claimed = client.next_job()
        while claimed is not None and claimed.id != seeded:  # other tests' leftovers
            claimed = client.next_job()
        assert claimed is not None and claimed.type == "embedding"
        with pytest.raises(PermanentError) as caught:
            client.post_result(AIResult(str(uuid.uuid4()), "DONE", None))
        assert caught.value.detail == "job not found"
    with CentralClient(stand_in_module.base_url, "wrong", "desk-http") as client, pytest.raises(PermanentError) as caught:
        client.next_job()
    assert (caught.value.status_code, caught.value.detail) == (401, "Unauthorized worker")
    assert not [r for r in caplog.records if stand_in_module.token in r.getMessage()]


def test_unreachable_server_is_retryable() -> None:
    # Port 9 (discard) on loopback is closed on CI machines: connection refused, quickly.
    with CentralClient("http://127.0.0.1:9", TOKEN, "desk", timeout=2.0) as client, pytest.raises(RetryableError):
        client.next_job()


def test_a_token_no_header_may_carry_never_reaches_the_error_text() -> None:
    """httpx refuses the header before sending and quotes its value; our error must not."""
    import socket

    token = "tok-secret-value-42\n "
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with CentralClient(f"http://127.0.0.1:{port}", token, "desk-a", timeout=2.0) as client, \
                pytest.raises(RetryableError) as caught:
            client.next_job()
    text = f"{caught.value} {caught.value!r}"
    assert "tok-secret-value-42" not in text and "LocalProtocolError" in text


def test_token_echoed_by_a_server_is_scrubbed() -> None:
    token = "tok-secret-value-42"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"detail": f"token {request.headers['X-Worker-Token']} is revoked"})

    client = CentralClient("http://central.test", token, "desk-a", http=httpx.Client(transport=httpx.MockTransport(handler)))
    with pytest.raises(PermanentError) as caught:
        client.next_job()
    assert token not in str(caught.value) and "[worker token] is revoked" in str(caught.value)
