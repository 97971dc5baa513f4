"""The roster: student id, name and class of every student of the academy.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roster",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("student_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("class_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("updated_at", sa.Double, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_roster"),
        sa.UniqueConstraint("student_id", name="uq_roster_student_id"),
    )


def downgrade() -> None:
    op.drop_table("roster")
