"""Read-only queries that summarize a long log without building its workouts.

Each function takes an open unit of work (or reader) and reads the user's rows through its
session. They exist for the four-week review (redwood.services.reviewing): years of training before
the period matter only for training days, firsts, records and e1RM trends, and reading those
as a few narrow queries costs a fraction of building 40,000 sets into workouts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, bindparam, func, select, type_coerce
from sqlalchemy.types import NullType

from redwood.domain.log import HARD_KINDS, CheckIn, LoggedSet, SetKind, Workout
from redwood.store.models import CheckInRow, SetRow, WorkoutRow
from redwood.store.repositories.base import TENTH, from_grams, read_date, read_decimal

if TYPE_CHECKING:
    from redwood.store.uow import UnitOfWork

__all__ = ["body_weights", "first_hard_days", "hard_sets_by_day", "logged_before",
           "training_days"]

_KINDS = {k.value: k for k in SetKind}
_RAW_DATE = type_coerce(SetRow.date, NullType())
_HARD = SetRow.kind.in_(sorted(k.value for k in HARD_KINDS))
"""Hard sets, by the domain's one meaning of the kinds."""


def _before(column: Any) -> Any:
    return column < bindparam("before", type_=Date())


def _user(uow: UnitOfWork) -> int:
    if uow.user_id is None:
        raise ValueError("these queries need a unit of work scoped to one user")
    return uow.user_id


def training_days(uow: UnitOfWork, *, before: dt.date) -> list[dt.date]:
    """The days before `before` with at least one hard set (not a warm-up), oldest first:
    analytics.training_days of the log, from one index scan."""
    query = (select(_RAW_DATE).distinct()
             .where(SetRow.user_id == bindparam("user_id"), _HARD, _before(SetRow.date))
             .order_by(_RAW_DATE))
    rows = uow.session.connection().execute(query, {"user_id": _user(uow), "before": before})
    return [read_date(r[0]) for r in rows]


def first_hard_days(uow: UnitOfWork, *, before: dt.date) -> dict[str, dt.date]:
    """Each exercise's first day with a hard set, among the days before `before`."""
    query = (select(SetRow.exercise_id, type_coerce(func.min(SetRow.date), NullType()))
             .where(SetRow.user_id == bindparam("user_id"), _HARD, _before(SetRow.date))
             .group_by(SetRow.exercise_id))
    rows = uow.session.connection().execute(query, {"user_id": _user(uow), "before": before})
    return {r[0]: read_date(r[1]) for r in rows}


def logged_before(uow: UnitOfWork, *, before: dt.date) -> bool:
    """Whether any workout (even one of warm-ups only) is dated before `before`."""
    query = (select(WorkoutRow.id)
             .where(WorkoutRow.user_id == bindparam("user_id"), _before(WorkoutRow.date))
             .limit(1))
    found = uow.session.connection().execute(query, {"user_id": _user(uow), "before": before})
    return found.first() is not None


_SHAPE = (SetRow.exercise_id, SetRow.kind, SetRow.weight_g, SetRow.reps, SetRow.rpe, SetRow.rir,
          SetRow.completed)


def hard_sets_by_day(uow: UnitOfWork, exercise_ids: Iterable[str], *,
                     before: dt.date) -> list[Workout]:
    """The hard sets of `exercise_ids` before `before`, one workout per day, oldest first,
    each distinct set once a day (exercise, kind, weight, reps, RPE, RIR, completed: what
    records, e1RM series and top loads read; times, distances, rests and notes are left out).

    A lifter repeats the same set many times a day and the same sets for weeks: equal sets
    share one LoggedSet, so five years of a lift cost a few thousand rows and few objects."""
    wanted = sorted(set(exercise_ids))
    if not wanted:
        return []
    # In the order of ix_sets_user_id_exercise_id_date (no sort, no DISTINCT in the database):
    # repeated sets are dropped here, as they stream by.
    query = (select(*(type_coerce(c, NullType()) for c in _SHAPE), _RAW_DATE)
             .where(SetRow.user_id == bindparam("user_id"),
                    SetRow.exercise_id.in_(bindparam("ids", expanding=True)),
                    _before(SetRow.date), _HARD)
             .order_by(SetRow.exercise_id, SetRow.date))
    rows: Any = uow.session.connection().execute(
        query, {"user_id": _user(uow), "before": before, "ids": wanted})
    made: dict[tuple[Any, ...], LoggedSet] = {}
    by_day: dict[Any, dict[tuple[Any, ...], LoggedSet]] = {}
    for r in rows:
        shape = tuple(r[:7])
        day = by_day.get(r[7])
        if day is None:
            day = by_day[r[7]] = {}
        elif shape in day:
            continue
        logged = made.get(shape)
        if logged is None:
            logged = made[shape] = LoggedSet(
                exercise_id=r[0], kind=_KINDS[r[1]], weight_kg=from_grams(r[2]), reps=r[3],
                rpe=read_decimal(r[4], TENTH), rir=r[5], completed=bool(r[6]))
        day[shape] = logged
    days = sorted((read_date(k), v) for k, v in by_day.items())
    return [Workout(d, tuple(sets.values())) for d, sets in days]


def body_weights(uow: UnitOfWork, *, before: dt.date) -> list[CheckIn]:
    """The check-ins before `before` that have a body weight, oldest first, with only that
    (sleep, energy and soreness left out)."""
    query = (select(type_coerce(CheckInRow.date, NullType()), CheckInRow.body_weight_g)
             .where(CheckInRow.user_id == bindparam("user_id"),
                    CheckInRow.body_weight_g.is_not(None), _before(CheckInRow.date))
             .order_by(CheckInRow.date))
    rows = uow.session.connection().execute(query, {"user_id": _user(uow), "before": before})
    return [CheckIn(read_date(d), body_weight_kg=from_grams(g)) for d, g in rows]
