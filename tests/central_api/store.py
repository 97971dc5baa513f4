"""The stand-in's own SQLite store: jobs with the seed's lease fields, write-once results, grading requests.

Lease semantics follow the seed's `DBJobQueue` (claim reclaims expired leases, picks the oldest runnable
PENDING job by `next_run_at, created`, counts the attempt at claim, leases for `lease_seconds`; a failed
attempt backs off `min(120, 2 * 2**(attempt-1))` seconds) but without its faults:

- a claim whose job has used up its attempts marks that job FAILED and goes on to the next one (the seed
  returned "no job" while others waited);
- the result fact is written once, and only for a final outcome: a retryable FAILED report re-queues the
  job without storing a fact, so the later successful attempt is recorded (the seed stored the FAILED
  fact first and then ignored the DONE as a duplicate);
- a FAILED report from a worker that no longer holds the job (its lease expired and someone else claimed
  it) is ignored, so it cannot knock the new owner's run back to PENDING;
- jobs a desk registers as RUNNING are locked by that desk without a lease expiry (the desk already ran
  them), so the central queue never hands them to another worker.

A teacher's correction of a DONE result (`record_correction`) makes the corrected result the one in
force; the one it replaces stays in `ai_result_history`, and the job is graded again (counted).

All methods are called from the server's event loop thread; the lock is there because the admin
endpoints and a test may share one store object across threads.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BASE_BACKOFF_S = 2
MAX_BACKOFF_S = 120
DEFAULT_MAX_ATTEMPTS = 5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ai_job (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL UNIQUE,
    job_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    tenant_id TEXT, source_domain TEXT, source_id TEXT,
    status TEXT NOT NULL,
    origin TEXT NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_by TEXT, locked_at REAL, lease_expires_at REAL, last_heartbeat_at REAL,
    next_run_at REAL NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    error_message TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS ai_job_status_next_run_idx ON ai_job (status, next_run_at);
CREATE INDEX IF NOT EXISTS ai_job_lease_idx ON ai_job (lease_expires_at);
CREATE TABLE IF NOT EXISTS ai_result (
    job_id TEXT PRIMARY KEY REFERENCES ai_job (job_id),
    status TEXT NOT NULL,
    payload TEXT,
    error TEXT NOT NULL DEFAULT '',
    submission_id TEXT,
    worker_id TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS grading_request (
    idempotency_key TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    submission_id TEXT,
    body_sha256 TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS ai_result_history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    payload TEXT,
    replaced_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS correction_request (
    idempotency_key TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS counter (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class Claimed:
    job_id: str
    job_type: str
    payload: dict[str, Any]
    tenant_id: str | None
    source_domain: str | None
    source_id: str | None

    def to_job_dict(self) -> dict[str, Any]:
        """The `job` object of `GET job/next/`: the contract's AIJob dict."""
        return {
            "id": self.job_id,
            "type": self.job_type,
            "payload": self.payload,
            "tenant_id": self.tenant_id,
            "source_domain": self.source_domain,
            "source_id": self.source_id,
        }


def body_fingerprint(body: Any) -> str:
    """The same JSON value gives the same digest whatever its key order or spacing."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class StandInStore:
    def __init__(self, path: Path | str, *, lease_seconds: float = 120.0, clock=time.time) -> None:
        self.lease_seconds = float(lease_seconds)
        self._clock = clock
        # One connection shared by the event loop and the admin endpoints; the lock serialises them.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across a process crash in WAL mode; only an OS crash may lose the last commit.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        # Per-endpoint request counts live in memory: they are observations, not state to recover.
        self.requests: Counter[str] = Counter()

    # ----------------------------------------------------------------- helpers
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _bump(self, name: str, by: int = 1) -> None:
        self._db.execute(
            "INSERT INTO counter (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            (name, by),
        )

    def bump(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._bump(name, by)

    def _job_row(self, job_id: str) -> sqlite3.Row | None:
        return self._db.execute("SELECT * FROM ai_job WHERE job_id = ?", (job_id,)).fetchone()

    # ------------------------------------------------------------- job queue
    def add_job(
        self,
        job: dict[str, Any],
        *,
        status: str,
        origin: str,
        worker_id: str | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> bool:
        """Insert a job; False if its id exists already. RUNNING means locked by `worker_id`, no lease.

        `origin`: "central" (seeded into the central queue), "desk" (registered RUNNING by the desk that
        ran it) or "desk_pending" (registered PENDING by a desk for the cloud worker).
        """
        now = self._clock()
        running = status == "RUNNING"
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO ai_job (job_id, job_type, payload, tenant_id, source_domain, source_id, status,"
                " origin, attempt_count, max_attempts, locked_by, locked_at, next_run_at, created_at,"
                " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(job_id) DO NOTHING",
                (
                    job["id"], job["type"], json.dumps(job.get("payload") or {}, ensure_ascii=False),
                    job.get("tenant_id"), job.get("source_domain"), job.get("source_id"),
                    status, origin, 1 if running else 0, max_attempts,
                    worker_id if running else None, now if running else None, now, now, now,
                ),
            )
            created = cur.rowcount == 1
            # Creations are counted from the table (see counters); only repeats need a counter.
            if not created:
                self._bump("seed_exists" if origin == "central" else "register_exists")
            return created

    def claim(self, worker_id: str) -> Claimed | None:
        now = self._clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                reclaimed = self._db.execute(
                    "UPDATE ai_job SET status='PENDING', locked_by=NULL, locked_at=NULL, lease_expires_at=NULL,"
                    " updated_at=? WHERE status='RUNNING' AND lease_expires_at IS NOT NULL"
                    " AND lease_expires_at < ?",
                    (now, now),
                ).rowcount
                if reclaimed:
                    self._bump("lease_reclaims", reclaimed)
                while True:
                    row = self._db.execute(
                        "SELECT * FROM ai_job WHERE status='PENDING' AND next_run_at <= ?"
                        " ORDER BY next_run_at, seq LIMIT 1",
                        (now,),
                    ).fetchone()
                    if row is None:
                        self._db.execute("COMMIT")
                        return None
                    attempt = int(row["attempt_count"]) + 1
                    if attempt > int(row["max_attempts"]):
                        # Used up: record the final failure and look at the next job instead of giving up.
                        error = row["last_error"] or "max_attempts_exceeded"
                        self._db.execute(
                            "UPDATE ai_job SET status='FAILED', error_message=?, last_error=?, updated_at=?"
                            " WHERE job_id=?",
                            (error, error, now, row["job_id"]),
                        )
                        self._db.execute(
                            "INSERT OR IGNORE INTO ai_result (job_id, status, payload, error, created_at)"
                            " VALUES (?, 'FAILED', NULL, ?, ?)",
                            (row["job_id"], error, now),
                        )
                        continue
                    self._db.execute(
                        "UPDATE ai_job SET status='RUNNING', attempt_count=?, locked_by=?, locked_at=?,"
                        " lease_expires_at=?, last_heartbeat_at=?, updated_at=? WHERE job_id=?",
                        (attempt, worker_id, now, now + self.lease_seconds, now, now, row["job_id"]),
                    )
                    self._db.execute("COMMIT")
                    return Claimed(
                        job_id=row["job_id"],
                        job_type=row["job_type"],
                        payload=json.loads(row["payload"]),
                        tenant_id=row["tenant_id"],
                        source_domain=row["source_domain"],
                        source_id=row["source_id"],
                    )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def record_result(
        self,
        job_id: str,
        *,
        status: str,
        result: dict[str, Any] | None,
        error: str,
        worker_id: str,
        submission_id: Any = None,
    ) -> str | None:
        """Apply a worker's report. Returns the response detail, or None when the job does not exist."""
        now = self._clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._job_row(job_id)
                if row is None:
                    self._db.execute("COMMIT")
                    return None
                has_fact = self._db.execute(
                    "SELECT 1 FROM ai_result WHERE job_id = ?", (job_id,)
                ).fetchone()
                if has_fact:
                    self._bump("result_duplicates")
                    self._db.execute("COMMIT")
                    return "duplicate_ignored"
                if status == "FAILED":
                    detail = self._record_failure(row, error or "failed", worker_id, submission_id, now)
                else:
                    self._db.execute(
                        "INSERT INTO ai_result (job_id, status, payload, error, submission_id, worker_id,"
                        " created_at) VALUES (?, 'DONE', ?, ?, ?, ?, ?)",
                        (job_id, None if result is None else json.dumps(result, ensure_ascii=False), error,
                         None if submission_id is None else str(submission_id), worker_id, now),
                    )
                    self._db.execute(
                        "UPDATE ai_job SET status='DONE', error_message='', locked_by=NULL, locked_at=NULL,"
                        " lease_expires_at=NULL, updated_at=? WHERE job_id=?",
                        (now, job_id),
                    )
                    detail = "done"
                self._db.execute("COMMIT")
                return detail
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _record_failure(
        self, row: sqlite3.Row, error: str, worker_id: str, submission_id: Any, now: float
    ) -> str:
        job_id = row["job_id"]
        if row["status"] != "RUNNING" or row["locked_by"] != worker_id:
            # A report from a worker that lost the lease (or a repeat of one already applied).
            self._bump("result_duplicates")
            return "duplicate_ignored"
        attempt = int(row["attempt_count"])
        error = error[:5000]
        # A desk registers a job after running it with its own retries, so its FAILED is final.
        retryable = row["origin"] != "desk" and attempt < int(row["max_attempts"])
        if retryable:
            backoff = min(MAX_BACKOFF_S, (2 ** max(0, attempt - 1)) * BASE_BACKOFF_S)
            self._db.execute(
                "UPDATE ai_job SET status='PENDING', last_error=?, error_message=?, next_run_at=?,"
                " locked_by=NULL, locked_at=NULL, lease_expires_at=NULL, updated_at=? WHERE job_id=?",
                (error, error, now + backoff, now, job_id),
            )
            self._bump("failures_requeued")
        else:
            self._db.execute(
                "INSERT INTO ai_result (job_id, status, payload, error, submission_id, worker_id, created_at)"
                " VALUES (?, 'FAILED', NULL, ?, ?, ?, ?)",
                (job_id, error, None if submission_id is None else str(submission_id), worker_id, now),
            )
            self._db.execute(
                "UPDATE ai_job SET status='FAILED', last_error=?, error_message=?, locked_by=NULL,"
                " locked_at=NULL, lease_expires_at=NULL, updated_at=? WHERE job_id=?",
                (error, error, now, job_id),
            )
        return "failed_recorded"

    def get_job(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._job_row(job_id)
            if row is None:
                return None
            fact = self._db.execute("SELECT * FROM ai_result WHERE job_id = ?", (job_id,)).fetchone()
        result = json.loads(fact["payload"]) if fact is not None and fact["payload"] is not None else None
        return {
            "job": {
                "id": row["job_id"],
                "type": row["job_type"],
                "payload": json.loads(row["payload"]),
                "tenant_id": row["tenant_id"],
                "source_domain": row["source_domain"],
                "source_id": row["source_id"],
            },
            "status": row["status"],
            "result": result,
            "error": row["error_message"] or "",
        }

    # --------------------------------------------------------------- grading
    def request_grading(self, key: str, job_id: str, submission_id: Any, fingerprint: str) -> str | None:
        """'queued', 'duplicate_ignored', 'conflict' (same key, other body), or None (job not found)."""
        now = self._clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                existing = self._db.execute(
                    "SELECT body_sha256 FROM grading_request WHERE idempotency_key = ?", (key,)
                ).fetchone()
                if existing is not None:
                    outcome = "duplicate_ignored" if existing["body_sha256"] == fingerprint else "conflict"
                    self._bump("grading_duplicates" if outcome == "duplicate_ignored" else "grading_conflicts")
                elif self._job_row(job_id) is None:
                    outcome = None
                else:
                    self._db.execute(
                        "INSERT INTO grading_request (idempotency_key, job_id, submission_id, body_sha256,"
                        " created_at) VALUES (?, ?, ?, ?, ?)",
                        (key, job_id, None if submission_id is None else str(submission_id), fingerprint, now),
                    )
                    outcome = "queued"
                self._db.execute("COMMIT")
                return outcome
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ corrections
    def record_correction(self, key: str, job_id: str, result: dict[str, Any], fingerprint: str) -> str:
        """'corrected', 'duplicate_ignored', 'conflict' (same key, other body), 'not_found' or 'no_result'."""
        now = self._clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                existing = self._db.execute(
                    "SELECT body_sha256 FROM correction_request WHERE idempotency_key = ?", (key,)
                ).fetchone()
                fact = self._db.execute("SELECT status, payload FROM ai_result WHERE job_id = ?", (job_id,)).fetchone()
                if existing is not None:
                    outcome = "duplicate_ignored" if existing["body_sha256"] == fingerprint else "conflict"
                    self._bump("correction_duplicates" if outcome == "duplicate_ignored" else "correction_conflicts")
                elif self._job_row(job_id) is None:
                    outcome = "not_found"
                elif fact is None or fact["status"] != "DONE":
                    outcome = "no_result"
                else:
                    self._db.execute(
                        "INSERT INTO correction_request (idempotency_key, job_id, body_sha256, created_at)"
                        " VALUES (?, ?, ?, ?)", (key, job_id, fingerprint, now),
                    )
                    self._db.execute(
                        "INSERT INTO ai_result_history (job_id, payload, replaced_at) VALUES (?, ?, ?)",
                        (job_id, fact["payload"], now),
                    )
                    self._db.execute(
                        "UPDATE ai_result SET payload = ? WHERE job_id = ?",
                        (json.dumps(result, ensure_ascii=False), job_id),
                    )
                    # The central API re-applies its mapper and grades the submission again.
                    self._bump("regrades")
                    outcome = "corrected"
                self._db.execute("COMMIT")
                return outcome
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def results_in_force(self) -> dict[str, Any]:
        """job id -> {"result": the result in force, "history": the results it replaced, oldest first}."""
        with self._lock:
            facts = self._db.execute("SELECT job_id, payload FROM ai_result").fetchall()
            history = self._db.execute("SELECT job_id, payload FROM ai_result_history ORDER BY seq").fetchall()
        out: dict[str, Any] = {
            row["job_id"]: {"result": None if row["payload"] is None else json.loads(row["payload"]), "history": []}
            for row in facts
        }
        for row in history:
            out[row["job_id"]]["history"].append(None if row["payload"] is None else json.loads(row["payload"]))
        return out

    # ------------------------------------------------------------ for tests
    def counters(self) -> dict[str, Any]:
        with self._lock:
            values = {row["name"]: row["value"] for row in self._db.execute("SELECT * FROM counter")}
            by_status = {
                row["status"]: row["n"]
                for row in self._db.execute("SELECT status, count(*) AS n FROM ai_job GROUP BY status")
            }
            distinct_graded, grading = self._db.execute(
                "SELECT count(DISTINCT job_id), count(*) FROM grading_request"
            ).fetchone()
            result_rows = self._db.execute("SELECT count(*) FROM ai_result").fetchone()[0]
            corrections, corrected_jobs = self._db.execute(
                "SELECT count(*), count(DISTINCT job_id) FROM correction_request"
            ).fetchone()
            # Posted results have a worker; facts the claim wrote for used-up jobs have none.
            done, failed = self._db.execute(
                "SELECT coalesce(sum(status = 'DONE'), 0), coalesce(sum(status = 'FAILED'), 0)"
                " FROM ai_result WHERE worker_id IS NOT NULL"
            ).fetchone()
            seeded, registered, claims = self._db.execute(
                "SELECT coalesce(sum(origin = 'central'), 0), coalesce(sum(origin != 'central'), 0),"
                " coalesce(sum(CASE WHEN origin = 'desk' THEN 0 ELSE attempt_count END), 0) FROM ai_job"
            ).fetchone()
        # Derived from the tables rather than bumped per request: one statement less on every call.
        values.update(seeded=seeded, registered=registered, claims=claims, results=done + failed,
                      results_done=done, results_failed=failed, grading=grading, corrections=corrections)
        names = (
            "registered", "register_exists", "seeded", "seed_exists", "claims", "lease_reclaims",
            "results", "results_done", "results_failed", "result_duplicates", "failures_requeued",
            "grading", "grading_duplicates", "grading_conflicts",
            "corrections", "correction_duplicates", "correction_conflicts", "regrades",
        )
        out: dict[str, Any] = {name: int(values.get(name, 0)) for name in names}
        out["jobs_by_status"] = by_status
        out["result_rows"] = int(result_rows)
        out["graded_jobs"] = int(distinct_graded)
        out["corrected_jobs"] = int(corrected_jobs)
        out["requests"] = dict(self.requests)
        return out

    def jobs(self, status: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            query = (
                "SELECT j.job_id, j.status, j.origin, j.attempt_count, j.max_attempts, j.locked_by,"
                " r.worker_id AS result_worker, r.status AS result_status FROM ai_job j"
                " LEFT JOIN ai_result r ON r.job_id = j.job_id"
            )
            args: tuple[Any, ...] = ()
            if status:
                query += " WHERE j.status = ?"
                args = (status,)
            rows = self._db.execute(query + " ORDER BY j.seq", args).fetchall()
        return [dict(row) for row in rows]


def new_job_id() -> str:
    return str(uuid.uuid4())
