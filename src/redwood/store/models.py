"""The tables, as SQLAlchemy 2 declarative models.

The schema is created and changed only by the Alembic migrations in `migrations/versions/`;
these models describe the same schema for queries (a test compares the two).

Decisions:
- Every row belongs to a user. `sets` repeats its workout's `user_id` and `date`, tied to the
  workout by a composite foreign key (workout_id, user_id, date) -> workouts(id, user_id, date)
  with ON UPDATE/DELETE CASCADE: a set can never belong to another user than its workout, and
  the coach's hot query (sets of some exercises, by date) is one index range scan.
- Weights are integer grams (`weight_g`, `body_weight_g`): exact on every backend (SQLite has
  no exact decimal type; its NUMERIC columns hold floats) and exact in SQL sums. The domain's
  Decimal kilograms (0.01 kg steps) are multiples of 10 g, so the round trip is exact.
- RPE, sleep hours and distances are NUMERIC with one or two decimals (read back as Decimal).
- At most one active plan and one active profile per user: partial unique indexes.
- Timestamps are naive: `created_at`/`updated_at` in UTC, a workout's `started_at`/`ended_at`
  the lifter's wall-clock time (aware values are converted to local time).
- `entries` is the undo journal: one row per logging command (see UnitOfWork.undo_last), and
  one per import (`imports`: what it wrote is marked by `import_id` on workouts and sets).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine

from redwood.store.values import RECORD_KINDS_SQL

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}


def json_type() -> TypeEngine[Any]:
    """JSON (json on PostgreSQL, text on SQLite). Never queried into, only stored and read
    whole, so plain JSON does; and this module loads no PostgreSQL code on SQLite."""
    return JSON()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("name"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ProfileRow(Base):
    __tablename__ = "profiles"
    __table_args__ = (
        Index("ix_profiles_user_id", "user_id"),
        Index("uq_profiles_active", "user_id", unique=True,
              sqlite_where=text("active"), postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    data: Mapped[dict[str, Any]] = mapped_column(json_type())
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PlanRow(Base):
    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("id", "user_id"),
        Index("ix_plans_user_id", "user_id"),
        Index("uq_plans_active", "user_id", unique=True,
              sqlite_where=text("active"), postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    profile: Mapped[dict[str, Any]] = mapped_column(json_type())
    plan_json: Mapped[str] = mapped_column(Text)
    """The plan exactly as saved (schema_version 1 JSON)."""
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class WorkoutRow(Base):
    __tablename__ = "workouts"
    __table_args__ = (
        UniqueConstraint("id", "user_id", "date"),
        ForeignKeyConstraint(["plan_id", "user_id"], ["plans.id", "plans.user_id"],
                             name="fk_workouts_plan"),
        Index("ix_workouts_user_id_date", "user_id", "date"),
        Index("uq_workouts_user_id_import_key", "user_id", "import_key", unique=True),
        CheckConstraint("energy BETWEEN 1 AND 5", name="energy"),
        CheckConstraint("session_rpe BETWEEN 1 AND 10", name="session_rpe"),
        CheckConstraint(
            "(plan_id IS NULL AND plan_week IS NULL AND plan_session IS NULL) OR "
            "(plan_id IS NOT NULL AND plan_week IS NOT NULL AND plan_session IS NOT NULL)",
            name="planned"),
        CheckConstraint("ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at",
                        name="times"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    plan_id: Mapped[int | None] = mapped_column(Integer)
    plan_week: Mapped[int | None] = mapped_column(SmallInteger)
    plan_session: Mapped[int | None] = mapped_column(SmallInteger)
    location: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    energy: Mapped[int | None] = mapped_column(SmallInteger)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    session_rpe: Mapped[int | None] = mapped_column(SmallInteger)
    """How hard the whole session was, 1-10 (given with Finish)."""
    title: Mapped[str | None] = mapped_column(String(200))
    """The workout's name in the app it was logged or imported from."""
    source: Mapped[str | None] = mapped_column(String(20))
    """The app it was imported from (strong, hevy, fitnotes, jefit, redwood); NULL if logged."""
    import_key: Mapped[str | None] = mapped_column(String(64))
    """A stable key of the imported workout, unique per user: re-imports add nothing."""
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("imports.id", ondelete="SET NULL"), index=True)
    """The import that wrote it (NULL if logged in Redwood)."""


class SetRow(Base):
    __tablename__ = "sets"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workout_id", "user_id", "date"],
            ["workouts.id", "workouts.user_id", "workouts.date"],
            name="fk_sets_workout", ondelete="CASCADE", onupdate="CASCADE"),
        UniqueConstraint("workout_id", "position"),
        # The coach's history: one range scan, already in the order it is read.
        Index("ix_sets_user_id_exercise_id_date", "user_id", "exercise_id", "date",
              "workout_id", "position"),
        Index("ix_sets_user_id_date", "user_id", "date"),
        # The records' reads (migration 0010): the heaviest or lightest counted set of a rep
        # count and effort up to a day, one probe from either end of its range.
        Index("ix_sets_rep_effort_weight", "user_id", "exercise_id", "reps",
              text("COALESCE(rpe, 0)"), text("COALESCE(rir, -1)"), "completed",
              text("COALESCE(weight_g, -1)"), "date", sqlite_where=text(RECORD_KINDS_SQL),
              postgresql_where=text(RECORD_KINDS_SQL)),
        # Partial: imported and CLI sets have no client id, and need no entry (migration 0008).
        Index("uq_sets_user_id_client_id", "user_id", "client_id", unique=True,
              sqlite_where=text("client_id IS NOT NULL"),
              postgresql_where=text("client_id IS NOT NULL")),
        # Equalities, not an IN list: SQLite builds an IN list's lookup table anew for every
        # row a CHECK runs on (migration 0008).
        CheckConstraint("kind = 'working' OR kind = 'warmup' OR kind = 'drop' "
                        "OR kind = 'failure'", name="kind"),
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("weight_g BETWEEN 0 AND 1500000", name="weight"),
        CheckConstraint("reps BETWEEN 1 AND 1000", name="reps"),
        CheckConstraint("seconds BETWEEN 1 AND 86400", name="seconds"),
        CheckConstraint("distance_m > 0", name="distance"),
        CheckConstraint("rpe BETWEEN 1 AND 10", name="rpe"),
        CheckConstraint("rir BETWEEN 0 AND 10", name="rir"),
        CheckConstraint("rest_s BETWEEN 0 AND 86400", name="rest"),
        CheckConstraint("reps IS NOT NULL OR seconds IS NOT NULL OR distance_m IS NOT NULL",
                        name="measured"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workout_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    """The workout's date, kept equal to it by the composite foreign key."""
    position: Mapped[int] = mapped_column(SmallInteger)
    exercise_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    weight_g: Mapped[int | None] = mapped_column(Integer)
    """Kilograms x 1000; NULL for a bodyweight set."""
    reps: Mapped[int | None] = mapped_column(SmallInteger)
    seconds: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[Decimal | None] = mapped_column(Numeric(9, 2))
    rpe: Mapped[Decimal | None] = mapped_column(Numeric(3, 1))
    rir: Mapped[int | None] = mapped_column(SmallInteger)
    rest_s: Mapped[int | None] = mapped_column(Integer)
    superset_group: Mapped[int | None] = mapped_column(SmallInteger)
    completed: Mapped[bool] = mapped_column(Boolean)
    form_note: Mapped[str | None] = mapped_column(Text)
    import_id: Mapped[int | None] = mapped_column(Integer)
    """The import that wrote it; NULL for a set logged in Redwood (kept by an undo)."""
    client_id: Mapped[str | None] = mapped_column(String(64))
    """The id the device that logged it gave it (a UUID), unique per user: a retried request
    finds its set instead of storing a second one. NULL when logged without one."""


class SetTombstoneRow(Base):
    """The client id of a deleted set: a queued request replayed later does not revive it."""

    __tablename__ = "set_tombstones"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ImportTombstoneRow(Base):
    """An imported set the lifter deleted by hand, by its workout's import key and its
    identity (store.values.set_identity as text): importing an overlapping export again
    does not bring it back. One row a deleted set (a multiset: two of three equal sets)."""

    __tablename__ = "import_tombstones"
    __table_args__ = (
        Index("ix_import_tombstones_user_id_import_key", "user_id", "import_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    import_key: Mapped[str] = mapped_column(String(64))
    identity: Mapped[str] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ExerciseBestRow(Base):
    """What an exercise's records are read from (WorkoutRepository.bests), kept per lifter;
    `data` is NULL once a set of the exercise was written since (triggers on `sets`, made by
    migration 0007, mark it: every write path is covered)."""

    __tablename__ = "exercise_bests"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[str | None] = mapped_column(Text)


class RepEffortRow(Base):
    """A rep count and effort (RPE, RIR, completed) of a lift the lifter has done in a set
    that counts for records: the ranges of ix_sets_rep_effort_weight the records' reads
    probe. Kept by triggers on `sets` (migration 0010); insert-only, as a range whose sets
    are gone probes to nothing. No RPE is 0 and no RIR -1 (outside their ranges), so the
    key is a plain equality."""

    __tablename__ = "rep_efforts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    reps: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    rpe_key: Mapped[Decimal] = mapped_column(Numeric(3, 1), primary_key=True)
    rir_key: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    completed: Mapped[bool] = mapped_column(Boolean, primary_key=True)


class SessionVolumeRow(Base):
    """A workout's volume of one lift (grams x reps of its counted loaded sets): kept exact
    by triggers on `sets` (migration 0010) that add each set written and take away each set
    deleted, so the best session before a day is one probe of ix_session_volumes_best."""

    __tablename__ = "session_volumes"
    __table_args__ = (Index("ix_session_volumes_best", "user_id", "exercise_id", "volume_g",
                            "date"),)

    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"),
                                            primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    volume_g: Mapped[int] = mapped_column(BigInteger)


class CheckInRow(Base):
    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("user_id", "date"),
        CheckConstraint("body_weight_g > 0 AND body_weight_g <= 1000000", name="body_weight"),
        CheckConstraint("sleep_hours BETWEEN 0 AND 24", name="sleep"),
        CheckConstraint("energy BETWEEN 1 AND 5", name="energy"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    body_weight_g: Mapped[int | None] = mapped_column(Integer)
    sleep_hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    energy: Mapped[int | None] = mapped_column(SmallInteger)
    soreness: Mapped[dict[str, int]] = mapped_column(json_type())
    """Region -> 1 (none) .. 5 (very sore)."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class EquipmentRow(Base):
    __tablename__ = "equipment_profiles"
    __table_args__ = (
        UniqueConstraint("user_id", "name"),
        CheckConstraint("name IN ('gym', 'home', 'outdoor')", name="name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict[str, Any]] = mapped_column(json_type())
    """What can be loaded there: bar, plates, dumbbells, bands."""
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class UserExerciseRow(Base):
    __tablename__ = "user_exercises"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(json_type())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class EntryRow(Base):
    """The undo journal: what one logging command wrote."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_user_id_id", "user_id", "id"),
        Index("ix_entries_workout_id", "workout_id"),
        CheckConstraint("kind IN ('workout', 'sets', 'checkin', 'import', 'deletion')",
                        name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    workout_id: Mapped[int | None] = mapped_column(
        ForeignKey("workouts.id", ondelete="CASCADE"))
    data: Mapped[dict[str, Any]] = mapped_column(json_type())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("imports.id", ondelete="CASCADE"))


class ImportRow(Base):
    """One stored import: what `redwood imports` lists and `imports undo` takes back."""

    __tablename__ = "imports"
    __table_args__ = (Index("ix_imports_user_id_id", "user_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(2))
    workouts: Mapped[int] = mapped_column(Integer)
    sets: Mapped[int] = mapped_column(Integer)
    summary: Mapped[dict[str, Any]] = mapped_column(json_type())
    """The import's counts (by kind), volume and unusual values, as reported."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MeasurementRow(Base):
    """A body measurement (a girth) on a day, in whole millimetres."""

    __tablename__ = "measurements"
    __table_args__ = (
        UniqueConstraint("user_id", "date", "site"),
        CheckConstraint("value_mm BETWEEN 1 AND 5000", name="value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    site: Mapped[str] = mapped_column(String(30))
    value_mm: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CredentialRow(Base):
    """A user's password, as an argon2 hash."""

    __tablename__ = "credentials"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    """A bearer token for scripts; only its SHA-256 hash is kept."""

    __tablename__ = "api_tokens"
    __table_args__ = (
        UniqueConstraint("token_hash"),
        Index("ix_api_tokens_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(12))
    """The token's first characters, to tell tokens apart in a list."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WebSessionRow(Base):
    """A signed-in browser; the cookie's value is kept only as its SHA-256 hash."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_user_id", "user_id"),)

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)


class RateCounterRow(Base):
    """A rate limit's attempts in its current window (a username at an address, an address,
    sign-ups, ...): shared by every worker, counted before the work it limits."""

    __tablename__ = "rate_counters"
    __table_args__ = (Index("ix_rate_counters_window_start", "window_start"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime)
    count: Mapped[int] = mapped_column(Integer)
