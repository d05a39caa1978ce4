"""Imported sets deleted by hand stay deleted when an overlapping export is imported again.

- import_tombstones: one row per imported set the lifter deleted (from a workout an import
  wrote or extended), by the workout's import key and the set's identity (exercise, kind,
  load, reps, time, distance, RPE, completion: store.values.set_identity as JSON text).
  redwood.io.importer.Pipeline.extend counts them as held, so a re-import skips them and
  says how many; undoing the import that wrote the workout forgets them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "import_tombstones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("import_key", sa.String(64), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_import_tombstones"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_import_tombstones_user_id", ondelete="CASCADE"),
    )
    op.create_index("ix_import_tombstones_user_id_import_key", "import_tombstones",
                    ["user_id", "import_key"])


def downgrade() -> None:
    # The deletions stay; a later re-import of the same export brings those sets back.
    op.drop_index("ix_import_tombstones_user_id_import_key", table_name="import_tombstones")
    op.drop_table("import_tombstones")
