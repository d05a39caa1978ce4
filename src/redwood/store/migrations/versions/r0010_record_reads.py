"""Logging a set reads its records at a cost that does not grow with the lift's history.

Judging a new set needs, of the log before the workout's day, each rep count and effort's
heaviest and lightest set (and whether it was done at bodyweight), and the best session
volume (store/hot.py). Read from `sets` alone both grow with the lift's history: a GROUP BY
reads every set of the lift, and the session volumes are summed session by session.

- ix_sets_rep_effort_weight: the sets of the kinds records count (not warm-ups: the partial
  index's WHERE is the records' own text) by lifter, lift, rep count, RPE, RIR, completion
  and weight (then the date, so a probe need not read the table for it). The heaviest
  set of one rep count and effort up to a day is then one probe from the top of its range,
  the lightest one from the bottom. No RPE, no RIR and no load (bodyweight) are keyed as 0,
  -1 and -1 (outside their ranges): a value an equality can seek (NULL is not, on
  PostgreSQL), and a bodyweight set sorts below every load.
- rep_efforts: the rep counts and efforts of each lift ever counted, one row each, so the
  read knows which ranges to probe (insert-only: a range whose sets were all deleted
  probes to nothing, and nothing counts from it).
- session_volumes: each workout's volume of each lift (kg x reps x 1000 of its counted
  loaded sets), with the workout's day. A sum is kept exactly by adding each set written and
  subtracting each set deleted (an edit is both), so a delete needs no recount. The best
  before a day is one probe from the top of an index.

Both tables are kept by triggers on `sets`, in the writing transaction, so every write path
is covered without being told (logging, edits, deletes and a workout's cascade, moves,
undo, imports and their undo, restores, sync), as migration 0007's. SQLite: row triggers
(indexed upserts); PostgreSQL: statement triggers over the transition tables (one upsert
per statement, in key order so that two writers never wait on each other crosswise).

A later migration that rebuilds `sets` on SQLite (op.batch_alter_table) drops its triggers
and indexes: it must create them again (TRIGGERS_SQLITE, INDEX below).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

KINDS = "kind IN ('drop', 'failure', 'working')"
"""The kinds of set a record counts, as store.values.RECORD_KINDS_SQL spells them: the same
text, so that the partial index serves the records' queries (a test checks both)."""
COUNTED = f"reps >= 1 AND {KINDS}"

INDEX = ("CREATE INDEX ix_sets_rep_effort_weight ON sets (user_id, exercise_id, reps, "
         "COALESCE(rpe, 0), COALESCE(rir, -1), completed, COALESCE(weight_g, -1), date) "
         f"WHERE {KINDS}")


def _counted(row: str) -> str:
    return " AND ".join(f"{row}.{term}" for term in COUNTED.split(" AND "))


def _sqlite_add(row: str) -> str:
    return (
        "INSERT INTO rep_efforts (user_id, exercise_id, reps, rpe_key, rir_key, completed) "
        f"SELECT {row}.user_id, {row}.exercise_id, {row}.reps, COALESCE({row}.rpe, 0), "
        f"COALESCE({row}.rir, -1), {row}.completed WHERE {_counted(row)} "
        "ON CONFLICT DO NOTHING; "
        "INSERT INTO session_volumes (workout_id, exercise_id, user_id, date, volume_g) "
        f"SELECT {row}.workout_id, {row}.exercise_id, {row}.user_id, {row}.date, "
        f"{row}.weight_g * {row}.reps WHERE {_counted(row)} AND {row}.weight_g IS NOT NULL "
        "ON CONFLICT (workout_id, exercise_id) DO UPDATE SET "
        "volume_g = volume_g + excluded.volume_g, date = excluded.date;")


_SQLITE_TAKE = (
    "UPDATE session_volumes SET volume_g = volume_g - OLD.weight_g * OLD.reps "
    "WHERE workout_id = OLD.workout_id AND exercise_id = OLD.exercise_id "
    f"AND {_counted('OLD')} AND OLD.weight_g IS NOT NULL;")
_RECORD_COLUMNS = ("workout_id, user_id, date, exercise_id, kind, weight_g, reps, rpe, rir, "
                   "completed")
TRIGGERS_SQLITE = (
    f"CREATE TRIGGER tr_sets_records_insert AFTER INSERT ON sets BEGIN {_sqlite_add('NEW')} "
    "END",
    f"CREATE TRIGGER tr_sets_records_delete AFTER DELETE ON sets BEGIN {_SQLITE_TAKE} END",
    f"CREATE TRIGGER tr_sets_records_update AFTER UPDATE OF {_RECORD_COLUMNS} ON sets BEGIN "
    f"{_SQLITE_TAKE} {_sqlite_add('NEW')} END",
)
"""An edit of a note or a rest time fires nothing (UPDATE OF the columns records read)."""

_POSTGRES = (
    f"""CREATE FUNCTION redwood_records_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO rep_efforts (user_id, exercise_id, reps, rpe_key, rir_key, completed)
        SELECT DISTINCT user_id, exercise_id, reps, COALESCE(rpe, 0), COALESCE(rir, -1),
               completed
        FROM new_sets WHERE {COUNTED} ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT DO NOTHING;
        INSERT INTO session_volumes (workout_id, exercise_id, user_id, date, volume_g)
        SELECT workout_id, exercise_id, MIN(user_id), MIN(date),
               SUM(CAST(weight_g AS bigint) * reps)
        FROM new_sets WHERE {COUNTED} AND weight_g IS NOT NULL
        GROUP BY workout_id, exercise_id ORDER BY 1, 2
        ON CONFLICT (workout_id, exercise_id) DO UPDATE SET
            volume_g = session_volumes.volume_g + EXCLUDED.volume_g, date = EXCLUDED.date;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION redwood_records_take() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE session_volumes AS v SET volume_g = v.volume_g - o.grams
        FROM (SELECT workout_id, exercise_id, SUM(CAST(weight_g AS bigint) * reps) AS grams
              FROM old_sets WHERE {COUNTED} AND weight_g IS NOT NULL
              GROUP BY workout_id, exercise_id) AS o
        WHERE v.workout_id = o.workout_id AND v.exercise_id = o.exercise_id;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER tr_sets_records_insert AFTER INSERT ON sets REFERENCING NEW TABLE AS "
    "new_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_records_add()",
    "CREATE TRIGGER tr_sets_records_delete AFTER DELETE ON sets REFERENCING OLD TABLE AS "
    "old_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_records_take()",
    "CREATE TRIGGER tr_sets_records_update_new AFTER UPDATE ON sets REFERENCING NEW TABLE AS "
    "new_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_records_add()",
    "CREATE TRIGGER tr_sets_records_update_old AFTER UPDATE ON sets REFERENCING OLD TABLE AS "
    "old_sets FOR EACH STATEMENT EXECUTE FUNCTION redwood_records_take()",
)


def upgrade() -> None:
    op.create_table(
        "rep_efforts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("reps", sa.SmallInteger(), nullable=False),
        sa.Column("rpe_key", sa.Numeric(3, 1), nullable=False),
        sa.Column("rir_key", sa.SmallInteger(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "exercise_id", "reps", "rpe_key", "rir_key",
                                "completed", name="pk_rep_efforts"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_rep_efforts_user_id",
                                ondelete="CASCADE"),
    )
    op.create_table(
        "session_volumes",
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("volume_g", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("workout_id", "exercise_id", name="pk_session_volumes"),
        sa.ForeignKeyConstraint(["workout_id"], ["workouts.id"],
                                name="fk_session_volumes_workout_id", ondelete="CASCADE"),
    )
    op.create_index("ix_session_volumes_best", "session_volumes",
                    ["user_id", "exercise_id", "volume_g", "date"])
    # A log with data: what the triggers would have kept, from its sets.
    op.execute("INSERT INTO rep_efforts (user_id, exercise_id, reps, rpe_key, rir_key, "
               "completed) SELECT DISTINCT user_id, exercise_id, reps, COALESCE(rpe, 0), "
               f"COALESCE(rir, -1), completed FROM sets WHERE {COUNTED}")
    op.execute("INSERT INTO session_volumes (workout_id, exercise_id, user_id, date, volume_g) "
               "SELECT workout_id, exercise_id, MIN(user_id), MIN(date), "
               f"SUM(CAST(weight_g AS BIGINT) * reps) FROM sets WHERE {COUNTED} "
               "AND weight_g IS NOT NULL GROUP BY workout_id, exercise_id")
    op.execute(INDEX)
    statements = _POSTGRES if op.get_bind().dialect.name == "postgresql" else TRIGGERS_SQLITE
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("insert", "delete", "update_new", "update_old"):
            op.execute(f"DROP TRIGGER tr_sets_records_{name} ON sets")
        op.execute("DROP FUNCTION redwood_records_add()")
        op.execute("DROP FUNCTION redwood_records_take()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER tr_sets_records_{name}")
    op.execute("DROP INDEX ix_sets_rep_effort_weight")
    op.drop_index("ix_session_volumes_best", "session_volumes")
    op.drop_table("session_volumes")
    op.drop_table("rep_efforts")
