"""Initial store: jobs with leases, results, events, outbox, exams, pages, corrections, watched files.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("job_type", sa.String(50), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("tenant_id", sa.String(64)),
        sa.Column("source_domain", sa.String(64)),
        sa.Column("source_id", sa.String(64)),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("placement", sa.String(16), nullable=False),
        sa.Column("attempt_count", sa.Integer, nullable=False),
        sa.Column("max_attempts", sa.Integer, nullable=False),
        sa.Column("locked_by", sa.String(128)),
        sa.Column("locked_at", sa.Double),
        sa.Column("lease_expires_at", sa.Double),
        sa.Column("last_heartbeat_at", sa.Double),
        sa.Column("lease_token", sa.String(64)),
        sa.Column("next_run_at", sa.Double, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("progress", sa.Double, nullable=False),
        sa.Column("progress_message", sa.Text, nullable=False),
        sa.Column("discarded", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.UniqueConstraint("job_id", name="uq_jobs_job_id"),
    )
    op.create_index("ix_jobs_claim", "jobs", ["status", "placement", "next_run_at", "created_at"])
    op.create_index("ix_jobs_lease", "jobs", ["status", "lease_expires_at"])
    op.create_index("ix_jobs_source", "jobs", ["source_domain", "source_id"])

    op.create_table(
        "results",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("payload", sa.JSON),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_results"),
        sa.UniqueConstraint("job_id", name="uq_results_job_id"),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.job_id"], name="fk_results_job_id_jobs", ondelete="CASCADE"
        ),
    )
    op.create_table(
        "job_events",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("worker_id", sa.String(128)),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_job_events"),
    )
    op.create_index("ix_job_events_job", "job_events", ["job_id", "id"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("steps", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("register_key", sa.String(64), nullable=False),
        sa.Column("result_key", sa.String(64), nullable=False),
        sa.Column("grading_key", sa.String(64), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Double, nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.Column("sent_at", sa.Double),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("job_id", name="uq_outbox_job_id"),
    )
    op.create_index("ix_outbox_state_next", "outbox", ["state", "next_attempt_at"])

    op.create_table(
        "exams",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("template_path", sa.Text, nullable=False),
        sa.Column("answer_key_path", sa.Text),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exams"),
    )
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("exam_id", sa.Integer),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("page_index", sa.Integer, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("job_id", sa.String(64)),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pages"),
        sa.ForeignKeyConstraint(["exam_id"], ["exams.id"], name="fk_pages_exam_id_exams", ondelete="SET NULL"),
    )
    op.create_index("ix_pages_sha", "pages", ["content_sha256"])
    op.create_index("ix_pages_job", "pages", ["job_id"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(100), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text, nullable=False),
        sa.Column("created_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_job", "corrections", ["job_id", "field"])

    op.create_table(
        "watched_files",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("mtime", sa.Double, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("taken_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watched_files"),
        sa.UniqueConstraint("path", "size", "mtime", name="uq_watched_files_identity"),
    )


def downgrade() -> None:
    for table in ("watched_files", "corrections", "pages", "exams", "outbox", "job_events", "results", "jobs"):
        op.drop_table(table)
