"""Sets logged from a device carry the device's id for them, so a retried request stores
nothing twice (the gym mode's offline queue, scripts using Idempotency-Key).

- sets.client_id: a client-generated id (a UUID), unique per user; NULL for sets logged
  without one (imports, the CLI, older rows).
- set_tombstones: the client ids of deleted sets, so a queued request replayed after another
  device deleted its set does not bring it back.

Revision ID: 0005c
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005c"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("sets") as batch:
        batch.add_column(sa.Column("client_id", sa.String(64), nullable=True))
    op.create_index("uq_sets_user_id_client_id", "sets", ["user_id", "client_id"],
                    unique=True)
    op.create_table(
        "set_tombstones",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "client_id", name="pk_set_tombstones"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_set_tombstones_user_id",
                                ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("set_tombstones")
    op.drop_index("uq_sets_user_id_client_id", table_name="sets")
    with op.batch_alter_table("sets") as batch:
        batch.drop_column("client_id")
