"""Helpers for the coach tests: prescriptions, logs and dates written the short way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from redwood.domain.log import CheckIn, LoggedSet, SetKind
from redwood.domain.vocabulary import Region

TODAY = dt.date(2027, 3, 15)  # a Monday


@dataclass(frozen=True)
class Rx:
    """A prescription as the coach reads it."""

    sets: int = 3
    low: int = 8
    high: int = 10
    timed: bool = False
    rest_s: int = 90
    wave: tuple[int, int] | None = None
    rpe: float | None = None


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def kg(value: float | str | int) -> Decimal:
    return Decimal(str(value))


def sets(
    exercise_id: str,
    weight: float | str | None,
    *reps: int,
    rpe: float | None = None,
    failed: bool = False,
    form_note: str | None = None,
    seconds: bool = False,
) -> tuple[LoggedSet, ...]:
    """Working sets of one exercise at one weight: sets("back-squat", 60, 10, 10, 9)."""
    w = None if weight is None else kg(weight)
    return tuple(
        LoggedSet(
            exercise_id,
            w,
            None if seconds else n,
            seconds=n if seconds else None,
            rpe=None if rpe is None else kg(rpe),
            completed=not (failed and i == len(reps) - 1),
            form_note=form_note if i == 0 else None,
        )
        for i, n in enumerate(reps)
    )


def levelled(exercise_id: str, weight: float = 20,
             reps: int = 8) -> tuple[dt.date, tuple[LoggedSet, ...]]:
    """An old, light session at RPE 8: it showed the lifter's level, so the exercise is past
    calibrating and the usual rules (weekly cap, once a week, holds) apply to what follows.
    Light and 150 days back, it changes nothing else (caps, runs at a load, plateaus)."""
    return session(150, sets(exercise_id, weight, reps, rpe=8))


def warmup(exercise_id: str, weight: float, reps: int = 5) -> LoggedSet:
    return LoggedSet(exercise_id, kg(weight), reps, kind=SetKind.WARMUP)


def session(days_ago: int, *groups: tuple[LoggedSet, ...]) -> tuple[dt.date, tuple[LoggedSet, ...]]:
    return ago(days_ago), tuple(s for g in groups for s in g)


def checkin(
    days_ago: int,
    *,
    energy: int | None = None,
    legs: int | None = None,
    back: int | None = None,
    body_weight: float | None = None,
) -> CheckIn:
    soreness = {}
    if legs is not None:
        soreness[Region.LEGS] = legs
    if back is not None:
        soreness[Region.BACK] = back
    return CheckIn(
        ago(days_ago),
        body_weight_kg=None if body_weight is None else kg(body_weight),
        energy=energy,
        soreness=soreness,
    )


def plain_gym():
    """The default gym without its fractional plates: 2.5 kg is the smallest step on a bar."""
    from dataclasses import replace

    from redwood.coach.loading import default_profile

    gym = default_profile("gym")
    return replace(gym, name="plain gym", plates=tuple(p for p in gym.plates if p[0] >= 1))
