"""The training log: users, profiles, plans, workouts, sets, check-ins, equipment, journal.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON()


def _active_only() -> dict[str, Any]:
    return {"sqlite_where": sa.text("active"), "postgresql_where": sa.text("active")}


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("unit", sa.String(2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.CheckConstraint("unit IN ('kg', 'lb')", name="ck_users_unit"),
    )

    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_profiles_user_id",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_profiles_user_id", "profiles", ["user_id"])
    op.create_index("uq_profiles_active", "profiles", ["user_id"], unique=True, **_active_only())

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("profile", _json(), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_plans_user_id",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("id", "user_id", name="uq_plans_id_user_id"),
    )
    op.create_index("ix_plans_user_id", "plans", ["user_id"])
    op.create_index("uq_plans_active", "plans", ["user_id"], unique=True, **_active_only())

    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("plan_week", sa.SmallInteger(), nullable=True),
        sa.Column("plan_session", sa.SmallInteger(), nullable=True),
        sa.Column("location", sa.String(100), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("energy", sa.SmallInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workouts"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_workouts_user_id",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id", "user_id"], ["plans.id", "plans.user_id"],
                                name="fk_workouts_plan"),
        sa.UniqueConstraint("id", "user_id", "date", name="uq_workouts_id_user_id_date"),
        sa.CheckConstraint("energy BETWEEN 1 AND 5", name="ck_workouts_energy"),
        sa.CheckConstraint(
            "(plan_id IS NULL AND plan_week IS NULL AND plan_session IS NULL) OR "
            "(plan_id IS NOT NULL AND plan_week IS NOT NULL AND plan_session IS NOT NULL)",
            name="ck_workouts_planned"),
        sa.CheckConstraint("ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at",
                           name="ck_workouts_times"),
    )
    op.create_index("ix_workouts_user_id_date", "workouts", ["user_id", "date"])

    op.create_table(
        "sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=True),
        sa.Column("reps", sa.SmallInteger(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("distance_m", sa.Numeric(9, 2), nullable=True),
        sa.Column("rpe", sa.Numeric(3, 1), nullable=True),
        sa.Column("rir", sa.SmallInteger(), nullable=True),
        sa.Column("rest_s", sa.Integer(), nullable=True),
        sa.Column("superset_group", sa.SmallInteger(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("form_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sets"),
        sa.ForeignKeyConstraint(
            ["workout_id", "user_id", "date"],
            ["workouts.id", "workouts.user_id", "workouts.date"],
            name="fk_sets_workout", ondelete="CASCADE", onupdate="CASCADE"),
        sa.UniqueConstraint("workout_id", "position", name="uq_sets_workout_id_position"),
        sa.CheckConstraint("kind IN ('working', 'warmup', 'drop', 'failure')",
                           name="ck_sets_kind"),
        sa.CheckConstraint("position >= 0", name="ck_sets_position"),
        sa.CheckConstraint("weight_g BETWEEN 0 AND 1000000", name="ck_sets_weight"),
        sa.CheckConstraint("reps BETWEEN 1 AND 100", name="ck_sets_reps"),
        sa.CheckConstraint("seconds BETWEEN 1 AND 86400", name="ck_sets_seconds"),
        sa.CheckConstraint("distance_m > 0", name="ck_sets_distance"),
        sa.CheckConstraint("rpe BETWEEN 1 AND 10", name="ck_sets_rpe"),
        sa.CheckConstraint("rir BETWEEN 0 AND 10", name="ck_sets_rir"),
        sa.CheckConstraint("rest_s BETWEEN 0 AND 86400", name="ck_sets_rest"),
        sa.CheckConstraint(
            "reps IS NOT NULL OR seconds IS NOT NULL OR distance_m IS NOT NULL",
            name="ck_sets_measured"),
    )
    op.create_index("ix_sets_user_id_exercise_id_date", "sets",
                    ["user_id", "exercise_id", "date", "workout_id", "position"])
    op.create_index("ix_sets_user_id_date", "sets", ["user_id", "date"])

    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("body_weight_g", sa.Integer(), nullable=True),
        sa.Column("sleep_hours", sa.Numeric(4, 2), nullable=True),
        sa.Column("energy", sa.SmallInteger(), nullable=True),
        sa.Column("soreness", _json(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_checkins_user_id",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "date", name="uq_checkins_user_id_date"),
        sa.CheckConstraint("body_weight_g > 0 AND body_weight_g <= 1000000",
                           name="ck_checkins_body_weight"),
        sa.CheckConstraint("sleep_hours BETWEEN 0 AND 24", name="ck_checkins_sleep"),
        sa.CheckConstraint("energy BETWEEN 1 AND 5", name="ck_checkins_energy"),
    )

    op.create_table(
        "equipment_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_equipment_profiles"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_equipment_profiles_user_id", ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "name", name="uq_equipment_profiles_user_id_name"),
        sa.CheckConstraint("name IN ('gym', 'home', 'outdoor')",
                           name="ck_equipment_profiles_name"),
    )

    op.create_table(
        "user_exercises",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("data", _json(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "exercise_id", name="pk_user_exercises"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_user_exercises_user_id",
                                ondelete="CASCADE"),
    )

    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.Column("data", _json(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entries"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_entries_user_id",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["workout_id"], ["workouts.id"], name="fk_entries_workout_id",
                                ondelete="CASCADE"),
        sa.CheckConstraint("kind IN ('workout', 'sets', 'checkin')", name="ck_entries_kind"),
    )
    op.create_index("ix_entries_user_id_id", "entries", ["user_id", "id"])
    op.create_index("ix_entries_workout_id", "entries", ["workout_id"])


def downgrade() -> None:
    for table in ("entries", "user_exercises", "equipment_profiles", "checkins", "sets",
                  "workouts", "plans", "profiles", "users"):
        op.drop_table(table)
