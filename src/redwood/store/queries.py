"""Read-only queries that summarize a long log without building its workouts.

Each function takes an open unit of work (or reader), the SQLAlchemy one or the SQLite fast
path's, and reads the user's rows as plain SQL through its `rows` port. They exist for the
four-week review (redwood.services.reviewing): years of training before the period matter
only for training days, firsts, records and e1RM trends, and reading those as a few narrow
queries costs a fraction of building 40,000 sets into workouts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from redwood.domain.log import HARD_KINDS, CheckIn, LoggedSet, SetKind, Workout
from redwood.store.values import TENTH, from_grams, read_date, read_decimal

__all__ = ["body_weights", "first_hard_days", "hard_sets_by_day", "logged_before",
           "training_days"]


class Reader(Protocol):
    """What these queries need of a unit of work: its user and plain SQL with :name
    parameters (uow.UnitOfWork on SQLAlchemy, lite.LiteUnitOfWork on sqlite3): one text per
    query for both backends and both paths."""

    user_id: int | None

    def rows(self, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]: ...


_KINDS = {k.value: k for k in SetKind}
_HARD = "kind IN ({})".format(", ".join(f"'{k.value}'" for k in sorted(HARD_KINDS)))
"""Hard sets, by the domain's one meaning of the kinds."""


def _user(uow: Reader) -> int:
    if uow.user_id is None:
        raise ValueError("these queries need a unit of work scoped to one user")
    return uow.user_id


def training_days(uow: Reader, *, before: dt.date) -> list[dt.date]:
    """The days before `before` with at least one hard set (not a warm-up), oldest first:
    analytics.training_days of the log.

    Reads the workouts (one index scan of a row or two a day) and stops at each one's first
    hard set, through the sets' (workout_id, position) key: on five years (1,800 workouts,
    40,000 sets) that is a sixth of the instructions of a DISTINCT over every set's kind. A
    set's date is its workout's (the foreign key carries it), so the days are the same."""
    rows = uow.rows("SELECT DISTINCT w.date FROM workouts w WHERE w.user_id = :user_id AND "
                    "w.date < :before AND EXISTS (SELECT 1 FROM sets s WHERE s.workout_id = w.id "
                    f"AND s.{_HARD}) ORDER BY w.date", {"user_id": _user(uow), "before": before})
    return [read_date(r[0]) for r in rows]


def first_hard_days(uow: Reader, *, before: dt.date) -> dict[str, dt.date]:
    """Each exercise's first day with a hard set, among the days before `before`."""
    # Each exercise's earliest hard set through ix_sets_user_id_exercise_id_date, which stops
    # at the first: a MIN over every set reads all of a long log's rows for their kind. The
    # exercises themselves come from the same index, one seek each (the recursive step finds
    # the next id after the last): a DISTINCT walked every set's entry, 27 M instructions on
    # five years against 0.3 M.
    rows = uow.rows(
        "WITH RECURSIVE e(exercise_id) AS (SELECT MIN(exercise_id) FROM sets WHERE "
        "user_id = :user_id UNION ALL SELECT (SELECT MIN(s.exercise_id) FROM sets s WHERE "
        "s.user_id = :user_id AND s.exercise_id > e.exercise_id) FROM e WHERE e.exercise_id "
        "IS NOT NULL) "
        "SELECT e.exercise_id, (SELECT s.date FROM sets s WHERE s.user_id = :user_id AND "
        f"s.exercise_id = e.exercise_id AND s.date < :before AND s.{_HARD} ORDER BY s.date "
        "LIMIT 1) FROM e WHERE e.exercise_id IS NOT NULL",
        {"user_id": _user(uow), "before": before})
    return {r[0]: read_date(r[1]) for r in rows if r[1] is not None}


def logged_before(uow: Reader, *, before: dt.date) -> bool:
    """Whether any workout (even one of warm-ups only) is dated before `before`."""
    return bool(uow.rows("SELECT id FROM workouts WHERE user_id = :user_id AND "
                         "date < :before LIMIT 1", {"user_id": _user(uow), "before": before}))


def hard_sets_by_day(uow: Reader, exercise_ids: Iterable[str], *,
                     before: dt.date) -> list[Workout]:
    """The hard sets of `exercise_ids` before `before`, one workout per day, oldest first,
    each distinct set once a day (exercise, kind, weight, reps, RPE, RIR, completed: what
    records, e1RM series and top loads read; times, distances, rests and notes are left out).

    A lifter repeats the same set many times a day and the same sets for weeks: equal sets
    share one LoggedSet, so five years of a lift cost a few thousand rows and few objects."""
    wanted = sorted(set(exercise_ids))
    if not wanted:
        return []
    # One query per exercise, in the order of ix_sets_user_id_exercise_id_date (no sort, no
    # DISTINCT in the database): repeated sets are dropped here, as they stream by. Without
    # the exercise's id in every row: Python 3.11's sqlite3 takes the connection's mutex for
    # every column call and gives up the GIL for every text column, which costs more than
    # the rows themselves (one text column fewer: 11% of this read's instructions).
    by_day: dict[Any, dict[int, LoggedSet]] = {}
    for exercise_id in wanted:
        rows: Any = uow.rows(
            "SELECT kind, weight_g, reps, rpe, rir, completed, date FROM sets WHERE "
            f"user_id = :user_id AND exercise_id = :ex AND date < :before AND {_HARD} "
            "ORDER BY date", {"user_id": _user(uow), "before": before, "ex": exercise_id})
        # Equal sets of the exercise are one object (kept here, so its id stays unique): a
        # day holds each once, by identity, in the order first seen.
        made: dict[tuple[Any, ...], LoggedSet] = {}
        for r in rows:
            shape = r[:6]
            logged = made.get(shape)
            if logged is None:
                logged = made[shape] = LoggedSet(
                    exercise_id=exercise_id, kind=_KINDS[r[0]], weight_kg=from_grams(r[1]),
                    reps=r[2], rpe=read_decimal(r[3], TENTH), rir=r[4], completed=bool(r[5]))
            day = by_day.get(r[6])
            if day is None:
                by_day[r[6]] = {id(logged): logged}
            elif id(logged) not in day:
                day[id(logged)] = logged
    days = sorted((read_date(k), v) for k, v in by_day.items())
    return [Workout(d, tuple(sets.values())) for d, sets in days]


def body_weights(uow: Reader, *, before: dt.date) -> list[CheckIn]:
    """The check-ins before `before` that have a body weight, oldest first, with only that
    (sleep, energy and soreness left out)."""
    rows = uow.rows("SELECT date, body_weight_g FROM checkins WHERE user_id = :user_id AND "
                    "body_weight_g IS NOT NULL AND date < :before ORDER BY date",
                    {"user_id": _user(uow), "before": before})
    return [CheckIn(read_date(d), body_weight_kg=from_grams(g)) for d, g in rows]
