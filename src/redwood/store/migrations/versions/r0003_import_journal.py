"""Imports that can be taken back, and the log's wider plausibility bounds.

- imports: one row per stored import (file name, format, unit, counts, its summary), so
  `redwood imports` lists them and `redwood imports undo ID` takes one back.
- workouts.import_id / sets.import_id: what an import wrote. Sets logged by hand into an
  imported workout have none, so an undo removes the imported sets and keeps those.
- entries.import_id and the 'import' kind: an import is one entry of the undo journal, so
  `redwood undo` right after an import removes it.
- sets: reps up to 1,000 and weights up to 1,500 kg (redwood.domain.log.Bounds). Unusual
  values that other apps accepted are stored and listed, not refused.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON()


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("unit", sa.String(2), nullable=True),
        sa.Column("workouts", sa.Integer(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("summary", _json(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_imports_user_id",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_imports_user_id_id", "imports", ["user_id", "id"])

    with op.batch_alter_table("workouts") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_workouts_import_id", "imports", ["import_id"], ["id"],
                                 ondelete="SET NULL")
    op.create_index("ix_workouts_import_id", "workouts", ["import_id"])

    with op.batch_alter_table("sets") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.drop_constraint("ck_sets_reps", type_="check")
        batch.drop_constraint("ck_sets_weight", type_="check")
        batch.create_check_constraint("ck_sets_reps", sa.text("reps BETWEEN 1 AND 1000"))
        batch.create_check_constraint("ck_sets_weight",
                                      sa.text("weight_g BETWEEN 0 AND 1500000"))

    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_entries_import_id", "imports", ["import_id"], ["id"],
                                 ondelete="CASCADE")
        batch.drop_constraint("ck_entries_kind", type_="check")
        batch.create_check_constraint(
            "ck_entries_kind", sa.text("kind IN ('workout', 'sets', 'checkin', 'import')"))


def downgrade() -> None:
    op.execute("DELETE FROM entries WHERE kind = 'import'")
    with op.batch_alter_table("entries") as batch:
        batch.drop_constraint("ck_entries_kind", type_="check")
        batch.create_check_constraint("ck_entries_kind",
                                      sa.text("kind IN ('workout', 'sets', 'checkin')"))
        batch.drop_constraint("fk_entries_import_id", type_="foreignkey")
        batch.drop_column("import_id")
    with op.batch_alter_table("sets") as batch:
        batch.drop_constraint("ck_sets_reps", type_="check")
        batch.drop_constraint("ck_sets_weight", type_="check")
        batch.create_check_constraint("ck_sets_reps", sa.text("reps BETWEEN 1 AND 100"))
        batch.create_check_constraint("ck_sets_weight",
                                      sa.text("weight_g BETWEEN 0 AND 1000000"))
        batch.drop_column("import_id")
    op.drop_index("ix_workouts_import_id", table_name="workouts")
    with op.batch_alter_table("workouts") as batch:
        batch.drop_constraint("fk_workouts_import_id", type_="foreignkey")
        batch.drop_column("import_id")
    op.drop_index("ix_imports_user_id_id", table_name="imports")
    op.drop_table("imports")
