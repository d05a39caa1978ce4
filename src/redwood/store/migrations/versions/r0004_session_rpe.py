"""The session RPE: how hard the whole session was, 1-10 (Foster's session RPE), given with
Finish on the Today page.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("workouts") as batch:
        batch.add_column(sa.Column("session_rpe", sa.SmallInteger(), nullable=True))
        batch.create_check_constraint("ck_workouts_session_rpe", "session_rpe BETWEEN 1 AND 10")


def downgrade() -> None:
    with op.batch_alter_table("workouts") as batch:
        batch.drop_constraint("ck_workouts_session_rpe", type_="check")
        batch.drop_column("session_rpe")
