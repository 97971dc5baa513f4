"""HTTP client for the central API's worker endpoints (`/api/v1/internal/ai/...`).

Every call sends `X-Worker-Token` and `X-Worker-Id`, has an explicit timeout, and ends in one of three
ways: a typed outcome, `RetryableError` (connection errors, timeouts, 5xx, 429: try again later), or
`PermanentError` (any other 4xx: retrying the same request cannot help; carries the server's detail).

The token is never logged and never part of an exception message or `repr`.

Thread use: one `CentralClient` may be shared by threads (httpx.Client is thread-safe); it holds no
other mutable state.
"""

from __future__ import annotations

import email.utils
import logging
import socket
import time
from dataclasses import dataclass
from typing import Any, Final

import httpx

from core.contracts import FINAL_STATUSES, AIJob, AIResult, ContractError, JobStatus

log = logging.getLogger(__name__)

API_PREFIX: Final = "/api/v1/internal/ai"
# Connect fast or give up: an offline desk should learn it in seconds. Reads get more room because the
# central API may be busy; nothing we send is large.
DEFAULT_TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)
_MAX_DETAIL: Final = 500
_FIXED_PATHS: Final = frozenset({"/job/next/", "/job/result/", "/job/", "/grading/"})


class SyncError(Exception):
    """Base of the errors a call to the central API ends in."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class RetryableError(SyncError):
    """Network trouble, timeout, 5xx or 429: the same request may succeed later."""

    def __init__(self, message: str, *, status_code: int | None = None, retry_after_s: float | None = None) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after_s = retry_after_s


class PermanentError(SyncError):
    """A 4xx other than 429: the server refuses this request; `detail` is its message."""

    def __init__(self, message: str, *, status_code: int, detail: str) -> None:
        super().__init__(message, status_code=status_code)
        self.detail = detail


class InvalidJob(SyncError):
    """`job/next/` handed out a job that does not follow the contract (the job is claimed by us)."""

    def __init__(self, message: str, *, job_id: str | None, raw: Any) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.raw = raw


@dataclass(frozen=True)
class ResultOutcome:
    detail: str  # "done" | "failed_recorded" | "duplicate_ignored" (or the server's own detail)

    @property
    def duplicate(self) -> bool:
        return self.detail == "duplicate_ignored"


@dataclass(frozen=True)
class RemoteJob:
    job: dict[str, Any]
    status: str
    result: dict[str, Any] | None
    error: str

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES


@dataclass(frozen=True)
class GradingOutcome:
    detail: str  # "queued" | "duplicate_ignored"


@dataclass(frozen=True)
class CorrectionOutcome:
    detail: str  # "corrected" | "duplicate_ignored"


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _key_header(idempotency_key: str | None) -> dict[str, str]:
    return {"Idempotency-Key": idempotency_key} if idempotency_key else {}


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:_MAX_DETAIL] or response.reason_phrase
    if isinstance(body, dict) and body.get("detail") is not None:
        return str(body["detail"])[:_MAX_DETAIL]
    return str(body)[:_MAX_DETAIL]


def _transport() -> httpx.HTTPTransport:
    """Keep-alive connections with TCP_NODELAY.

    Keep-alive: a sync run makes three calls per job, and a connection (or TLS handshake) per call
    would dominate. TCP_NODELAY: httpx writes a POST's headers and body separately, and without it the
    body waits for the server's delayed ACK (measured on loopback, one thread: 85 jobs/s synced
    without, 190 with). The pool is sized for a handful of sender threads.
    """
    return httpx.HTTPTransport(
        limits=httpx.Limits(max_connections=16, max_keepalive_connections=16),
        socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    )


class CentralClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        worker_id: str,
        *,
        http: httpx.Client | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    ) -> None:
        base_url = (base_url or "").strip().rstrip("/")
        if not base_url.lower().startswith(("http://", "https://")):
            raise ValueError(f"central API URL must start with http:// or https://, got {base_url!r}")
        if not worker_id:
            raise ValueError("worker id must not be empty")
        self.base_url = base_url
        self.worker_id = worker_id
        self._token = token or ""
        self._timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._owns_http = http is None
        worker_headers = {"X-Worker-Token": self._token, "X-Worker-Id": self.worker_id}
        if http is None:
            # Our own client: the worker headers are its defaults, merged by httpx into every request.
            self._http = httpx.Client(transport=_transport(), headers=worker_headers)
            self._per_request: dict[str, str] = {}
        else:
            # A client we were given may serve other code too: the token goes on our requests only.
            self._http = http
            self._per_request = worker_headers
        # Parsing a URL string is a measurable share of a call's CPU; the fixed endpoints are parsed once.
        self._urls: dict[str, httpx.URL] = {}

    def __repr__(self) -> str:
        return f"CentralClient(base_url={self.base_url!r}, worker_id={self.worker_id!r})"

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ transport
    def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        headers: dict[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
        passthrough: tuple[int, ...] = (),
    ) -> httpx.Response:
        """Send one request. Returns the response for `ok` and `passthrough` codes; raises otherwise."""
        url = self._urls.get(path)
        if url is None:
            url = httpx.URL(f"{self.base_url}{API_PREFIX}{path}")
            if path in _FIXED_PATHS:
                self._urls[path] = url
        all_headers = {**self._per_request, **headers} if headers else self._per_request
        started = time.monotonic()
        try:
            response = self._http.request(method, url, json=json, headers=all_headers, timeout=self._timeout)
        except httpx.TimeoutException as exc:
            raise RetryableError(f"{method} {path}: timed out ({type(exc).__name__})") from None
        except httpx.LocalProtocolError:
            # Its text quotes the offending header value, which may be the token: never pass it on.
            raise RetryableError(
                f"{method} {path}: the request could not be sent (LocalProtocolError: "
                "a header value is not allowed; check the worker token and worker id)"
            ) from None
        except httpx.TransportError as exc:
            raise RetryableError(self._scrub(f"{method} {path}: {type(exc).__name__}: {exc}")) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        log.debug("%s %s -> %s in %.0f ms", method, path, response.status_code, elapsed_ms)
        code = response.status_code
        if code in ok or code in passthrough:
            return response
        detail = self._scrub(_detail(response))  # a server may echo our headers back
        if code == 429 or code >= 500:
            raise RetryableError(
                f"{method} {path}: HTTP {code}: {detail}", status_code=code, retry_after_s=_retry_after(response)
            )
        if 400 <= code < 500:
            raise PermanentError(f"{method} {path}: HTTP {code}: {detail}", status_code=code, detail=detail)
        # 1xx/3xx or an unlisted 2xx: not what this endpoint answers (a proxy or captive portal in the
        # way). Worth another try later rather than giving the row up.
        raise RetryableError(f"{method} {path}: unexpected HTTP {code}", status_code=code)

    def _scrub(self, text: str) -> str:
        """`text` without the worker token: error text is logged and kept in the outbox."""
        token = self._token.strip()
        # A string this short would also match ordinary words of the message; real tokens are long.
        return text.replace(token, "[worker token]") if len(token) >= 8 else text

    @staticmethod
    def _body(response: httpx.Response, method: str, path: str) -> dict[str, Any]:
        try:
            body = response.json()
        except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than the parser goes
            raise RetryableError(f"{method} {path}: answer is not JSON", status_code=response.status_code) from None
        if not isinstance(body, dict):
            raise RetryableError(f"{method} {path}: answer is not a JSON object", status_code=response.status_code)
        return body

    # ------------------------------------------------------ seed endpoints
    def next_job(self) -> AIJob | None:
        """Claim the next job of the central queue (GET job/next/); None when there is none."""
        response = self._call("GET", "/job/next/")
        body = self._body(response, "GET", "/job/next/")
        if "job" not in body:
            raise RetryableError("GET /job/next/: answer has no 'job'", status_code=response.status_code)
        raw = body["job"]
        if raw is None:
            return None
        try:
            return AIJob.from_dict(raw)
        except ContractError as exc:
            job_id = raw.get("id") if isinstance(raw, dict) else None
            raise InvalidJob(f"central job does not follow the contract: {exc}", job_id=job_id, raw=raw) from None

    def post_result(
        self, result: AIResult, *, submission_id: Any = None, idempotency_key: str | None = None
    ) -> ResultOutcome:
        """POST job/result/. Posting the same result again is safe: the server answers duplicate_ignored.

        The seed de-duplicates by job id; `idempotency_key` is sent as a header as well, for proxies and
        for a central API that logs it.
        """
        body: dict[str, Any] = result.to_dict()
        if submission_id is not None:
            body["submission_id"] = submission_id
        response = self._call("POST", "/job/result/", json=body, headers=_key_header(idempotency_key))
        return ResultOutcome(detail=str(self._body(response, "POST", "/job/result/").get("detail") or ""))

    # ------------------------------------------------------------ additions
    def register_job(
        self, job: AIJob, status: str | None = None, *, idempotency_key: str | None = None
    ) -> None:
        """POST job/: make a desk job known centrally. `status="PENDING"` hands it to the cloud worker.

        Registering the same job id again is answered "exists" (200), so a retry is safe.
        """
        if status not in (None, JobStatus.PENDING, JobStatus.RUNNING):
            raise ValueError(f"status must be PENDING, RUNNING or None, got {status!r}")
        body = job.to_dict()
        if status is not None:
            body["status"] = status
        response = self._call("POST", "/job/", json=body, ok=(200, 201), headers=_key_header(idempotency_key))
        self._body(response, "POST", "/job/")  # a 2xx that is not JSON is not this API's answer: retry

    def get_job(self, job_id: str) -> RemoteJob | None:
        """GET job/<id>/: the job's central state and result; None if the central API has no such job."""
        path = f"/job/{job_id}/"
        response = self._call("GET", path, passthrough=(404,))
        if response.status_code == 404:
            return None
        body = self._body(response, "GET", path)
        result = body.get("result")
        job = body.get("job")
        return RemoteJob(
            job=job if isinstance(job, dict) else {},
            status=str(body.get("status") or ""),
            result=result if isinstance(result, dict) else None,
            error=str(body.get("error") or ""),
        )

    def request_grading(self, job_id: str, submission_id: Any, idempotency_key: str) -> GradingOutcome:
        """POST grading/. The same key and body again is answered duplicate_ignored, never graded twice."""
        if not idempotency_key:
            raise ValueError("idempotency_key must not be empty")
        body: dict[str, Any] = {"job_id": job_id}
        if submission_id is not None:
            body["submission_id"] = submission_id
        response = self._call(
            "POST", "/grading/", json=body, headers={"Idempotency-Key": idempotency_key}, ok=(200, 202)
        )
        answer = self._body(response, "POST", "/grading/")
        return GradingOutcome(detail=str(answer.get("detail") or ("queued" if response.status_code == 202 else "")))

    def post_correction(self, job_id: str, body: dict[str, Any], idempotency_key: str) -> CorrectionOutcome:
        """POST job/<id>/correction/: the teacher's corrections of a result the central API has.

        `body` is {"result": the full result in force, "corrections": [{field, from, to, at}], "submission_id"?}.
        The same key and body again is answered duplicate_ignored; 409 (no result to correct yet), 404 and
        422 (the key was used for another body) are PermanentError like any other 4xx.
        """
        if not idempotency_key:
            raise ValueError("idempotency_key must not be empty")
        path = f"/job/{job_id}/correction/"
        response = self._call("POST", path, json=body, headers={"Idempotency-Key": idempotency_key})
        return CorrectionOutcome(detail=str(self._body(response, "POST", path).get("detail") or ""))
