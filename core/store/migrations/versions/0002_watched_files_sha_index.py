"""Index watched files by content, so the duplicate check of each new scan is a lookup, not a scan.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_watched_files_sha", "watched_files", ["content_sha256"])


def downgrade() -> None:
    op.drop_index("ix_watched_files_sha", table_name="watched_files")
