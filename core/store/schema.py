"""Tables of the local store (SQLAlchemy Core).

Times are seconds since the epoch as floats: the same comparisons on SQLite and PostgreSQL, no time zone
pitfalls, and no datetime parsing in the claim path, which runs thousands of times a second.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from core.contracts import JobStatus

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# One row per job: the central API's ai_job fields, plus the lease token that fences completion,
# where the job runs (desk or cloud) and where it came from (desk or central).
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), nullable=False, unique=True),
    Column("job_type", String(50), nullable=False),
    Column("status", String(20), nullable=False, default=JobStatus.PENDING.value),
    Column("payload", JSON, nullable=False),
    Column("tenant_id", String(64)),
    Column("source_domain", String(64)),
    Column("source_id", String(64)),
    Column("origin", String(16), nullable=False, default="desk"),  # desk | central
    Column("placement", String(16), nullable=False, default="desk"),  # desk | cloud
    Column("attempt_count", Integer, nullable=False, default=0),
    Column("max_attempts", Integer, nullable=False, default=5),
    Column("locked_by", String(128)),
    Column("locked_at", Double),
    Column("lease_expires_at", Double),
    Column("last_heartbeat_at", Double),
    Column("lease_token", String(64)),
    Column("next_run_at", Double, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("progress", Double, nullable=False, default=0.0),
    Column("progress_message", Text, nullable=False, default=""),
    Column("discarded", Boolean, nullable=False, default=False),
    Column("created_at", Double, nullable=False),
    Column("updated_at", Double, nullable=False),
    # Claims scan runnable jobs in (next_run_at, created_at) order within a status.
    Index("ix_jobs_claim", "status", "placement", "next_run_at", "created_at"),
    Index("ix_jobs_lease", "status", "lease_expires_at"),
    Index("ix_jobs_source", "source_domain", "source_id"),
)

# The result fact: written once, only on a final outcome, in the transaction that makes the job final.
results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), ForeignKey("jobs.job_id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("status", String(20), nullable=False),
    Column("payload", JSON),
    Column("error", Text, nullable=False, default=""),
    Column("created_at", Double, nullable=False),
)

# What happened to a job, for the UI: claimed, lease_lost, failed, done, retried, released, discarded.
job_events = Table(
    "job_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("worker_id", String(128)),
    Column("message", Text, nullable=False, default=""),
    Column("at", Double, nullable=False),
    Index("ix_job_events_job", "job_id", "id"),
)

# What the central API still has to be told about a job: one row per job, written in the transaction
# that makes the job final (or hands it to the cloud). `steps` lists what is left, in order, from
# register, result, grading; each step has its idempotency key here, made once and sent on every retry.
# The bodies are built at send time from the job and its write-once result, so they are not copied.
# state: pending (a step can be sent), held (an answer-card read with open review flags: it waits for
# the teacher), waiting (for the cloud's result), sent (nothing left), dead (the server refused a step
# with a 4xx; a person has to look).
# A reviewed sheet's result in force is computed where templates and answer keys are known (the review
# service) and frozen here as `result_body` when the row is released; a correction after that is one
# pending post (`correction_body` under `correction_key`). `revision` changes whenever either body does,
# so a sender that read an older revision does not record its progress over the newer one.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), nullable=False, unique=True),
    Column("steps", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("register_key", String(64), nullable=False),
    Column("result_key", String(64), nullable=False),
    Column("grading_key", String(64), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Double, nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("created_at", Double, nullable=False),
    Column("updated_at", Double, nullable=False),
    Column("sent_at", Double),
    Column("result_body", JSON),
    Column("correction_key", String(64)),
    Column("correction_body", JSON),
    Column("revision", Integer, nullable=False, default=0, server_default="0"),
    Index("ix_outbox_state_next", "state", "next_attempt_at"),
)

exams = Table(
    "exams",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("template_path", Text, nullable=False),
    Column("answer_key_path", Text),
    Column("created_at", Double, nullable=False),
    Column("double_mark", String(16), nullable=False, server_default="review"),  # core.job_types.DoubleMark
)

# One row per page of an imported file; content_sha256 lets the import notice duplicate scans.
pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("exam_id", Integer, ForeignKey("exams.id", ondelete="SET NULL")),
    Column("source_path", Text, nullable=False),
    Column("page_index", Integer, nullable=False, default=0),
    Column("content_sha256", String(64), nullable=False),
    Column("job_id", String(64)),
    Column("created_at", Double, nullable=False),
    Index("ix_pages_sha", "content_sha256"),
    Index("ix_pages_job", "job_id"),
)

# A teacher's correction of one field of an OMR read; the read itself stays as the worker wrote it.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), nullable=False),
    Column("field", String(100), nullable=False),
    Column("old_value", Text),
    Column("new_value", Text, nullable=False),
    Column("created_at", Double, nullable=False),
    Column("kind", String(16), nullable=False, default="corrected", server_default="corrected"),  # | confirmed
    Index("ix_corrections_job", "job_id", "field"),
)

# Files taken from the watched scanner folder, so that none is taken twice, also across restarts.
watched_files = Table(
    "watched_files",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("mtime", Double, nullable=False),
    Column("content_sha256", String(64), nullable=False),
    Column("taken_at", Double, nullable=False),
    UniqueConstraint("path", "size", "mtime", name="uq_watched_files_identity"),
    Index("ix_watched_files_sha", "content_sha256"),
)

# The academy's students, so results show names and a misread student id is caught in review. One row
# per student id; `class_name` is the class (반) a report groups by, "" when the roster names none.
roster = Table(
    "roster",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("student_id", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("class_name", String(100), nullable=False, default=""),
    Column("updated_at", Double, nullable=False),
)
