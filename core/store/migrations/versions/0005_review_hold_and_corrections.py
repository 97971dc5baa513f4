"""Review before sync: the result in force and a pending correction post on the outbox row; a
correction's kind (corrected, or confirmed as read).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("result_body", sa.JSON))
        batch.add_column(sa.Column("correction_key", sa.String(64)))
        batch.add_column(sa.Column("correction_body", sa.JSON))
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="corrected"))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("revision")
        batch.drop_column("correction_body")
        batch.drop_column("correction_key")
        batch.drop_column("result_body")
