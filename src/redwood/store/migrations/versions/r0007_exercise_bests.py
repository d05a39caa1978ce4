"""Stored bests: each exercise's record candidates, kept per lifter, marked stale by the
database itself whenever one of its sets changes.

- exercise_bests: one row per (user, exercise) ever logged. `data` holds what the records of
  the exercise are read from (the distinct sets that can hold a record, each with its first
  day, and the best session volume: see WorkoutRepository.bests), or NULL when a set of the
  exercise was written since it was worked out: the next records read works it out again from
  that exercise's sets alone and stores it.
- Triggers on sets mark the rows stale, so every write path is covered without being told:
  logging, edits, deletes (also through a workout's cascade), undo, imports and their undo,
  restores, sync. SQLite runs a row trigger (an indexed upsert per set written); PostgreSQL a
  statement trigger over the statement's transition table (one upsert per statement).

A later migration that rebuilds `sets` on SQLite (op.batch_alter_table) drops its triggers:
it must create them again (TRIGGERS_SQLITE below); tests/integration/test_records_stored.py
fails without them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

_STALE_NEW = ("INSERT INTO exercise_bests (user_id, exercise_id, data) VALUES "
              "(NEW.user_id, NEW.exercise_id, NULL) ON CONFLICT (user_id, exercise_id) "
              "DO UPDATE SET data = NULL WHERE exercise_bests.data IS NOT NULL;")
_STALE_OLD = ("UPDATE exercise_bests SET data = NULL WHERE user_id = OLD.user_id "
              "AND exercise_id = OLD.exercise_id AND data IS NOT NULL;")
TRIGGERS_SQLITE = (
    f"CREATE TRIGGER tr_sets_bests_insert AFTER INSERT ON sets BEGIN {_STALE_NEW} END",
    f"CREATE TRIGGER tr_sets_bests_delete AFTER DELETE ON sets BEGIN {_STALE_OLD} END",
    f"CREATE TRIGGER tr_sets_bests_update AFTER UPDATE ON sets BEGIN {_STALE_OLD} "
    f"{_STALE_NEW} END",
)
_POSTGRES = (
    """CREATE FUNCTION redwood_bests_stale_new() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO exercise_bests (user_id, exercise_id, data)
        SELECT DISTINCT user_id, exercise_id, NULL::text FROM new_sets
        ON CONFLICT (user_id, exercise_id)
        DO UPDATE SET data = NULL WHERE exercise_bests.data IS NOT NULL;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION redwood_bests_stale_old() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE exercise_bests AS b SET data = NULL
        FROM (SELECT DISTINCT user_id, exercise_id FROM old_sets) AS o
        WHERE b.user_id = o.user_id AND b.exercise_id = o.exercise_id
          AND b.data IS NOT NULL;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER tr_sets_bests_insert AFTER INSERT ON sets REFERENCING NEW TABLE AS "
    "new_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_bests_stale_new()",
    "CREATE TRIGGER tr_sets_bests_delete AFTER DELETE ON sets REFERENCING OLD TABLE AS "
    "old_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_bests_stale_old()",
    "CREATE TRIGGER tr_sets_bests_update_old AFTER UPDATE ON sets REFERENCING OLD TABLE AS "
    "old_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_bests_stale_old()",
    "CREATE TRIGGER tr_sets_bests_update_new AFTER UPDATE ON sets REFERENCING NEW TABLE AS "
    "new_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_bests_stale_new()",
)


def upgrade() -> None:
    op.create_table(
        "exercise_bests",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "exercise_id", name="pk_exercise_bests"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_exercise_bests_user_id",
                                ondelete="CASCADE"),
    )
    # Every exercise already logged starts stale: its first records read works it out.
    op.execute("INSERT INTO exercise_bests (user_id, exercise_id, data) "
               "SELECT DISTINCT user_id, exercise_id, NULL FROM sets")
    statements = _POSTGRES if op.get_bind().dialect.name == "postgresql" else TRIGGERS_SQLITE
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("insert", "delete", "update_old", "update_new"):
            op.execute(f"DROP TRIGGER tr_sets_bests_{name} ON sets")
        op.execute("DROP FUNCTION redwood_bests_stale_new()")
        op.execute("DROP FUNCTION redwood_bests_stale_old()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER tr_sets_bests_{name}")
    op.drop_table("exercise_bests")
