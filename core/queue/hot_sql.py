"""The few statements that run for every job, as driver SQL.

Claim and completion run thousands of times a second and, on SQLite, inside the one write lock that
all workers share; SQLAlchemy's per-statement and per-row bookkeeping there costs more than SQLite's own
work (measured: ~2,500 jobs/s through Core against ~6,000/s this way). Everything else in the queue uses
SQLAlchemy Core. The SQL is written once with `:name` parameters and translated for psycopg.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection

_RELEASE = "locked_by = NULL, locked_at = NULL, lease_expires_at = NULL, lease_token = NULL"

CLAIM = """
UPDATE jobs SET status = 'RUNNING', attempt_count = attempt_count + 1, locked_by = :worker,
    locked_at = :now, lease_expires_at = :expires, last_heartbeat_at = :now, lease_token = :token,
    progress = 0.0, progress_message = '', updated_at = :now
WHERE id IN (
    SELECT id FROM jobs
    WHERE status = 'PENDING' AND placement = 'desk' AND next_run_at <= :now {type_filter}
    ORDER BY next_run_at, created_at, id
    LIMIT :n {lock}
)
RETURNING job_id, job_type, payload, attempt_count, max_attempts, lease_expires_at, tenant_id,
    source_domain, source_id, origin, next_run_at, created_at, id
"""

COMPLETE = f"""
UPDATE jobs SET status = 'DONE', progress = 1.0, last_error = '', updated_at = :now, {_RELEASE}
WHERE status = 'RUNNING' AND (job_id, lease_token) IN (VALUES {{pairs}})
RETURNING job_id, origin, job_type
"""

INSERT_RESULT = """
INSERT INTO results (job_id, status, payload, error, created_at)
VALUES (:job_id, :status, {json_param}, :error, :created_at)
"""

# A row exists already only for a job retried by hand after its registration was sent: keep that
# registration done, take the new outcome's steps, state and keys; the old outcome's bodies are void.
UPSERT_OUTBOX = """
INSERT INTO outbox (job_id, steps, state, register_key, result_key, grading_key, attempts,
    next_attempt_at, last_error, created_at, updated_at)
VALUES (:job_id, :steps, :state, :register_key, :result_key, :grading_key, :attempts,
    :next_attempt_at, :last_error, :created_at, :updated_at)
ON CONFLICT (job_id) DO UPDATE SET steps = replace(excluded.steps, 'register,', ''),
    state = excluded.state, result_key = excluded.result_key, grading_key = excluded.grading_key,
    attempts = 0, next_attempt_at = excluded.next_attempt_at, last_error = '',
    result_body = NULL, correction_key = NULL, correction_body = NULL, revision = outbox.revision + 1,
    updated_at = excluded.updated_at
"""

INSERT_EVENT = """
INSERT INTO job_events (job_id, kind, worker_id, message, at) VALUES (:job_id, :kind, :worker_id, :message, :at)
"""

class ClaimRow(NamedTuple):
    job_id: str
    job_type: str
    payload: dict[str, Any]
    attempt_count: int
    max_attempts: int
    lease_expires_at: float
    tenant_id: str | None
    source_domain: str | None
    source_id: str | None
    origin: str
    next_run_at: float
    created_at: float
    id: int


_NAMED = re.compile(r"(?<!:):(\w+)")


class HotSQL:
    """The statements above for one dialect (sqlite or postgresql)."""

    def __init__(self, dialect: str) -> None:
        self.postgres = dialect == "postgresql"

    def _sql(self, text: str) -> str:
        return _NAMED.sub(r"%(\1)s", text) if self.postgres else text

    def claim(
        self, conn: Connection, params: dict[str, Any], job_types: Sequence[str] | None, origin: str | None = None
    ) -> list[ClaimRow]:
        type_filter = ""
        params = dict(params)
        if job_types is not None:
            names = [f"type{i}" for i in range(len(job_types))]
            type_filter = "AND job_type IN (" + ", ".join(f":{n}" for n in names) + ")"
            params.update(zip(names, job_types, strict=True))
        if origin is not None:
            type_filter += " AND origin = :origin"
            params["origin"] = origin
        # PostgreSQL: other desks' claims skip the rows this one is taking instead of queueing behind.
        lock = "FOR UPDATE SKIP LOCKED" if self.postgres else ""
        rows = [ClaimRow(*row) for row in conn.exec_driver_sql(self._sql(CLAIM.format(type_filter=type_filter, lock=lock)), params)]
        if not self.postgres:  # psycopg decodes JSON columns itself
            rows = [row._replace(payload=json.loads(str(row.payload))) for row in rows]
        return rows

    def complete(self, conn: Connection, held: Sequence[tuple[str, str]], now: float) -> list[Any]:
        params: dict[str, Any] = {"now": now}
        pairs = []
        for i, (job_id, token) in enumerate(held):
            params[f"j{i}"], params[f"t{i}"] = job_id, token
            pairs.append(f"(:j{i}, :t{i})")
        return list(conn.exec_driver_sql(self._sql(COMPLETE.format(pairs=", ".join(pairs))), params).all())

    def insert_results(self, conn: Connection, rows: list[dict[str, Any]], *, encoded: bool = False) -> None:
        """`encoded`: the payloads are JSON text already."""
        json_param = "CAST(:payload AS JSON)" if self.postgres else ":payload"
        if not encoded:
            rows = [{**row, "payload": None if row["payload"] is None else json.dumps(row["payload"])} for row in rows]
        conn.exec_driver_sql(self._sql(INSERT_RESULT.format(json_param=json_param)), rows)

    def upsert_outbox(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        conn.exec_driver_sql(self._sql(UPSERT_OUTBOX), rows)

    def insert_events(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        conn.exec_driver_sql(self._sql(INSERT_EVENT), rows)
