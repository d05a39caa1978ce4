"""The last check before anything is written: values the log cannot hold are refused.

The database has the same limits as CHECK constraints; checking here first gives a clear
message naming the field. Pure Python: the CLI may call these to refuse input early.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from redwood.domain.log import MAX_SETS_PER_WORKOUT, Bounds, CheckIn, LoggedSet, SetKind, Workout
from redwood.domain.vocabulary import Region
from redwood.store.errors import InvalidEntry, WorkoutFull

MAX_WEIGHT_KG = Decimal(Bounds.WEIGHT_KG.most)
MAX_BODY_WEIGHT_KG = Decimal(1000)
MAX_REPS = Bounds.REPS.most
MAX_SECONDS = Bounds.SECONDS.most
MAX_DISTANCE_M = Decimal(1_000_000)
MAX_RIR = 10
MAX_REST_S = 24 * 3600
MAX_SLEEP_HOURS = Decimal(24)
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 100
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def _decimal_in(
    value: Decimal, low: Decimal, high: Decimal, step: Decimal, what: str, *, low_open: bool = False
) -> None:
    if not value.is_finite():
        raise InvalidEntry(f"{what}: {value} is not a number")
    too_low = value <= low if low_open else value < low
    if too_low or value > high:
        bound = f"more than {low}" if low_open else f"from {low}"
        raise InvalidEntry(f"{what}: {value} is out of range: allowed {bound} to {high}")
    if value != value.quantize(step):
        raise InvalidEntry(f"{what}: {value} has more precision than {step}")


def _int_in(value: int, low: int, high: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidEntry(f"{what}: {value!r} is not a whole number")
    if not low <= value <= high:
        raise InvalidEntry(f"{what}: {value} is out of range: allowed {low} to {high}")


def check_date(value: object, what: str = "date") -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidEntry(f"{what}: {value!r} is not a date")
    return value


def check_set(s: LoggedSet, where: str = "set") -> None:
    if not s.exercise_id or len(s.exercise_id) > MAX_ID_LENGTH:
        raise InvalidEntry(f"{where}: exercise id {s.exercise_id!r} is empty or too long")
    if s.weight_kg is not None:
        _decimal_in(Decimal(s.weight_kg), Decimal(0), MAX_WEIGHT_KG, CENT, f"{where}: weight kg")
    if s.reps is None and s.seconds is None and s.distance_m is None:
        raise InvalidEntry(f"{where}: give reps, seconds or a distance")
    if s.reps is not None:
        _int_in(s.reps, 1, MAX_REPS, f"{where}: reps")
    if s.seconds is not None:
        _int_in(s.seconds, 1, MAX_SECONDS, f"{where}: seconds")
    if s.distance_m is not None:
        _decimal_in(Decimal(s.distance_m), Decimal(0), MAX_DISTANCE_M, CENT, f"{where}: distance m",
                    low_open=True)
    if s.rpe is not None:
        _decimal_in(Decimal(s.rpe), Decimal(1), Decimal(10), TENTH, f"{where}: RPE")
    if s.rir is not None:
        _int_in(s.rir, 0, MAX_RIR, f"{where}: RIR")
    if s.rest_s is not None:
        _int_in(s.rest_s, 0, MAX_REST_S, f"{where}: rest seconds")
    if s.superset_group is not None:
        _int_in(s.superset_group, 0, 1000, f"{where}: superset group")
    try:
        SetKind(s.kind)
    except ValueError:
        raise InvalidEntry(f"{where}: kind {s.kind!r} is not one of "
                           f"{', '.join(k.value for k in SetKind)}") from None


def check_sets(sets: tuple[LoggedSet, ...] | list[LoggedSet], first: int = 1) -> None:
    for i, s in enumerate(sets, start=first):
        check_set(s, f"set {i} ({s.exercise_id})")


def check_room(held: int, adding: int) -> None:
    """Refuse `adding` sets to a workout that holds `held` when together they pass
    MAX_SETS_PER_WORKOUT (the cap a workout logged whole, or imported, has)."""
    if held + adding > MAX_SETS_PER_WORKOUT:
        room = max(0, MAX_SETS_PER_WORKOUT - held)
        raise WorkoutFull(
            f"sets: the workout holds {held} sets and {MAX_SETS_PER_WORKOUT} are the most a "
            f"workout takes ({room} more {'fits' if room == 1 else 'fit'}): log these in "
            "another workout", held, MAX_SETS_PER_WORKOUT)


def check_workout(w: Workout) -> None:
    check_date(w.date)
    if w.energy is not None:
        _int_in(w.energy, 1, 5, "energy")
    if w.session_rpe is not None:
        _int_in(w.session_rpe, 1, 10, "session RPE")
    if w.title is not None and len(w.title) > 200:
        raise InvalidEntry(f"title: {len(w.title)} characters, at most 200")
    if w.started_at and w.ended_at and w.ended_at < w.started_at:
        raise InvalidEntry("the workout ends before it starts")
    if w.location is not None and len(w.location) > MAX_NAME_LENGTH:
        raise InvalidEntry("location: too long")
    if w.planned is not None:
        _int_in(w.planned.week, 1, 1000, "planned week")
        _int_in(w.planned.session, 0, 100, "planned session")
    check_sets(w.sets)


def check_checkin(c: CheckIn) -> None:
    check_date(c.date)
    if c.body_weight_kg is not None:
        _decimal_in(Decimal(c.body_weight_kg), Decimal(0), MAX_BODY_WEIGHT_KG, CENT,
                    "body weight kg", low_open=True)
    if c.sleep_hours is not None:
        _decimal_in(Decimal(c.sleep_hours), Decimal(0), MAX_SLEEP_HOURS, CENT, "sleep hours")
    if c.energy is not None:
        _int_in(c.energy, 1, 5, "energy")
    for region, level in c.soreness.items():
        try:
            Region(region)
        except ValueError:
            raise InvalidEntry(f"soreness: {region!r} is not one of "
                               f"{', '.join(r.value for r in Region)}") from None
        _int_in(level, 1, 5, f"soreness {region}")
