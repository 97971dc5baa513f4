"""The stand-in's HTTP surface (Starlette).

Seed endpoints, same status codes and detail strings as `InternalAIJobNextView` / `InternalAIJobResultView`:
  GET  /api/v1/internal/ai/job/next/     -> 200 {"job": {...} | null}
  POST /api/v1/internal/ai/job/result/   -> 200 {"ok": true, "detail": done|failed_recorded|duplicate_ignored}
                                            400 job_id required | status must be DONE or FAILED |
                                                result must be object or null; 404 job not found
  both: 503 {"detail": "INTERNAL_WORKER_TOKEN not configured"} when no token is set,
        401 {"detail": "Unauthorized worker"} on a wrong token; X-Worker-Id defaults to "ai-worker".
Additions the desk needs (the README lists them for the central API team):
  POST /api/v1/internal/ai/job/          register a desk job (201 created / 200 exists / 400)
  GET  /api/v1/internal/ai/job/<id>/     job, status, result, error (404 job not found)
  POST /api/v1/internal/ai/grading/      Idempotency-Key header; 202 queued / 200 duplicate_ignored / 422
  POST /api/v1/internal/ai/job/<id>/correction/   Idempotency-Key header; 200 corrected / 200
                                         duplicate_ignored / 422 / 404 / 409 no result to correct / 400
Test-only endpoints (no token, never faulted) under /__stand_in__/: health, counters, faults, jobs,
results (each job's result in force and the ones it replaced).
"""

from __future__ import annotations

import hmac
import json
import re
import time
import uuid
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.central_api.faults import FaultConfig, FaultInjector, Faults
from tests.central_api.store import StandInStore, body_fingerprint, new_job_id

API = "/api/v1/internal/ai"
JOB_TYPES = (
    "ocr",
    "question_segmentation",
    "handwriting_analysis",
    "embedding",
    "problem_generation",
    "homework_video_analysis",
    "omr",
)
_JOB_FIELDS = ("id", "type", "payload", "tenant_id", "source_domain", "source_id")
_ROUTES = (
    (re.compile(rf"^{API}/job/next/?$"), "job_next"),
    (re.compile(rf"^{API}/job/result/?$"), "job_result"),
    (re.compile(rf"^{API}/job/?$"), "job_register"),
    (re.compile(rf"^{API}/job/[^/]+/?$"), "job_get"),
    (re.compile(rf"^{API}/job/[^/]+/correction/?$"), "correction"),
    (re.compile(rf"^{API}/grading/?$"), "grading"),
)


def _detail(message: str, status: int) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=status)


class BadBody(Exception):
    pass


class StandInAPI:
    def __init__(self, store: StandInStore, token: str, faults: Faults) -> None:
        self.store = store
        self.token = token
        self.faults = faults

    # ----------------------------------------------------------- shared bits
    def _auth(self, request: Request) -> JSONResponse | None:
        if not self.token:
            return _detail("INTERNAL_WORKER_TOKEN not configured", 503)
        given = request.headers.get("x-worker-token") or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return _detail("Unauthorized worker", 401)
        return None

    @staticmethod
    def _worker_id(request: Request) -> str:
        return request.headers.get("x-worker-id") or "ai-worker"

    @staticmethod
    async def _json(request: Request) -> Any:
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except ValueError as exc:
            # DRF answers a body it cannot parse with this detail.
            raise BadBody(f"JSON parse error - {exc}") from None

    def count_request(self, scope: dict[str, Any]) -> None:
        path = scope["path"]
        name = next((label for pattern, label in _ROUTES if pattern.match(path)), "other")
        self.store.requests[name] += 1

    # ------------------------------------------------------- seed endpoints
    async def job_next(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        claimed = self.store.claim(self._worker_id(request))
        if claimed is None:
            return JSONResponse({"job": None})
        return JSONResponse({"job": claimed.to_job_dict()})

    async def job_result(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        try:
            data = await self._json(request)
        except BadBody as exc:
            return _detail(str(exc), 400)
        if not isinstance(data, dict):
            data = {}
        job_id = data.get("job_id")
        if not job_id:
            return _detail("job_id required", 400)
        status = str(data.get("status") or "DONE").upper().strip()
        if status not in ("DONE", "FAILED"):
            return _detail("status must be DONE or FAILED", 400)
        result = data.get("result")
        if result is not None and not isinstance(result, dict):
            return _detail("result must be object or null", 400)
        error = str(data.get("error") or "")
        detail = self.store.record_result(
            str(job_id),
            status=status,
            result=result,
            error=error,
            worker_id=self._worker_id(request),
            submission_id=data.get("submission_id"),
        )
        if detail is None:
            return _detail("job not found", 404)
        return JSONResponse({"ok": True, "detail": detail})

    # ------------------------------------------------------------ additions
    async def job_register(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        try:
            data = await self._json(request)
            job, status = _parse_registration(data)
        except BadBody as exc:
            return _detail(str(exc), 400)
        created = self.store.add_job(
            job,
            status=status,
            origin="desk" if status == "RUNNING" else "desk_pending",
            worker_id=self._worker_id(request),
        )
        if created:
            return JSONResponse({"ok": True, "job_id": job["id"], "detail": "created"}, status_code=201)
        return JSONResponse({"ok": True, "job_id": job["id"], "detail": "exists"})

    async def job_get(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        found = self.store.get_job(request.path_params["job_id"])
        if found is None:
            return _detail("job not found", 404)
        return JSONResponse(found)

    async def grading(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        key = (request.headers.get("idempotency-key") or "").strip()
        if not key:
            return _detail("Idempotency-Key header required", 400)
        try:
            data = await self._json(request)
        except BadBody as exc:
            return _detail(str(exc), 400)
        if not isinstance(data, dict):
            return _detail("body must be a JSON object", 400)
        job_id = data.get("job_id")
        if not job_id:
            return _detail("job_id required", 400)
        outcome = self.store.request_grading(
            key, str(job_id), data.get("submission_id"), body_fingerprint(data)
        )
        if outcome is None:
            return _detail("job not found", 404)
        if outcome == "conflict":
            return _detail("Idempotency-Key reused with a different body", 422)
        if outcome == "duplicate_ignored":
            return JSONResponse({"ok": True, "detail": "duplicate_ignored"})
        return JSONResponse({"ok": True, "detail": "queued"}, status_code=202)

    async def correction(self, request: Request) -> JSONResponse:
        if denied := self._auth(request):
            return denied
        key = (request.headers.get("idempotency-key") or "").strip()
        if not key:
            return _detail("Idempotency-Key header required", 400)
        try:
            data = await self._json(request)
            result = _parse_correction(data)
        except BadBody as exc:
            return _detail(str(exc), 400)
        outcome = self.store.record_correction(key, request.path_params["job_id"], result, body_fingerprint(data))
        if outcome == "not_found":
            return _detail("job not found", 404)
        if outcome == "no_result":
            return _detail("no result to correct", 409)
        if outcome == "conflict":
            return _detail("Idempotency-Key reused with a different body", 422)
        return JSONResponse({"ok": True, "detail": outcome})

    # ------------------------------------------------------ test endpoints
    async def health(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    async def counters(self, request: Request) -> JSONResponse:
        data = self.store.counters()
        data["faults"] = dict(self.faults.counts)
        return JSONResponse(data)

    async def faults_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "POST":
            body = await request.json()
            try:
                self.faults.configure(FaultConfig.from_request(body or {}, time.time()))
            except (ValueError, TypeError) as exc:
                return _detail(str(exc), 400)
        return JSONResponse(self.faults.describe())

    async def results_endpoint(self, request: Request) -> JSONResponse:
        return JSONResponse(self.store.results_in_force())

    async def jobs_endpoint(self, request: Request) -> JSONResponse:
        if request.method == "GET":
            return JSONResponse({"jobs": self.store.jobs(request.query_params.get("status"))})
        body = await request.json()
        max_attempts = int(body.get("max_attempts", 5))
        jobs = body.get("jobs")
        if jobs is None:
            count = int(body.get("count", 1))
            template = {"type": body.get("type", "embedding"), "payload": body.get("payload", {"texts": ["x"]})}
            jobs = [{"id": new_job_id(), **template} for _ in range(count)]
        ids = []
        for job in jobs:
            job = {"id": job.get("id") or new_job_id(), **{k: v for k, v in job.items() if k != "id"}}
            self.store.add_job(job, status="PENDING", origin="central", max_attempts=max_attempts)
            ids.append(job["id"])
        return JSONResponse({"job_ids": ids}, status_code=201)


def _parse_correction(data: Any) -> dict[str, Any]:
    """The corrected result of a correction body, or BadBody naming what is wrong."""
    if not isinstance(data, dict):
        raise BadBody("body must be a JSON object")
    unknown = sorted(set(data) - {"result", "corrections", "submission_id"})
    if unknown:
        raise BadBody(f"{unknown[0]}: is not a field of a correction")
    if not isinstance(data.get("result"), dict):
        raise BadBody("result: must be an object (the full corrected result)")
    corrections = data.get("corrections")
    if not isinstance(corrections, list):
        raise BadBody("corrections: must be a list")
    for index, item in enumerate(corrections):
        if not isinstance(item, dict) or not {"field", "from", "to", "at"} <= set(item):
            raise BadBody(f"corrections[{index}]: must be an object with field, from, to and at")
    return data["result"]


def _parse_registration(data: Any) -> tuple[dict[str, Any], str]:
    if not isinstance(data, dict):
        raise BadBody("body must be a JSON object")
    unknown = sorted(set(data) - {*_JOB_FIELDS, "status"})
    if unknown:
        raise BadBody(f"{unknown[0]}: is not a field of a job")
    job_id = data.get("id")
    try:
        uuid.UUID(str(job_id))
    except ValueError:
        raise BadBody("id: must be a UUID string") from None
    if not isinstance(job_id, str):
        raise BadBody("id: must be a UUID string")
    if data.get("type") not in JOB_TYPES:
        raise BadBody(f"type: must be one of {', '.join(JOB_TYPES)}")
    payload = data.get("payload", {})
    if not isinstance(payload, dict):
        raise BadBody("payload: must be an object")
    for key in ("tenant_id", "source_domain", "source_id"):
        value = data.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            raise BadBody(f"{key}: must be a string or null")
    status = data.get("status") or "RUNNING"
    if status not in ("PENDING", "RUNNING"):
        raise BadBody("status: must be PENDING or RUNNING")
    job = {key: data.get(key) for key in _JOB_FIELDS}
    job["payload"] = payload
    for key in ("tenant_id", "source_domain", "source_id"):
        if job[key] is not None:
            job[key] = str(job[key])
    return job, status


def create_app(store: StandInStore, token: str, faults: Faults | None = None) -> Any:
    """The ASGI app: Starlette routes wrapped by the fault injector."""
    faults = faults or Faults()
    api = StandInAPI(store, token, faults)
    routes = [
        Route(f"{API}/job/next/", api.job_next, methods=["GET"]),
        Route(f"{API}/job/result/", api.job_result, methods=["POST"]),
        Route(f"{API}/job/", api.job_register, methods=["POST"]),
        Route(f"{API}/job/{{job_id}}/", api.job_get, methods=["GET"]),
        Route(f"{API}/job/{{job_id}}/correction/", api.correction, methods=["POST"]),
        Route(f"{API}/grading/", api.grading, methods=["POST"]),
        Route("/__stand_in__/health", api.health, methods=["GET"]),
        Route("/__stand_in__/counters", api.counters, methods=["GET"]),
        Route("/__stand_in__/faults", api.faults_endpoint, methods=["GET", "POST"]),
        Route("/__stand_in__/jobs", api.jobs_endpoint, methods=["GET", "POST"]),
        Route("/__stand_in__/results", api.results_endpoint, methods=["GET"]),
    ]
    app = Starlette(routes=routes)
    app.state.api = api
    return FaultInjector(app, faults, api.count_request)
