"""Exams: the rule for double marks (review, or scored wrong).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exams") as batch:
        batch.add_column(sa.Column("double_mark", sa.String(16), nullable=False, server_default="review"))


def downgrade() -> None:
    with op.batch_alter_table("exams") as batch:
        batch.drop_column("double_mark")
