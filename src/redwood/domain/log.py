"""The training log: what was lifted, and how the lifter felt.

Weights are kept in kilograms as Decimal with two places (exact to 0.01 kg); the lifter's
display unit is kept beside them and conversions happen only at the edges.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from redwood.domain.vocabulary import Region

KG_PER_LB = Decimal("0.45359237")  # exact, by definition (international pound, 1959)
CENT = Decimal("0.01")


class Unit(StrEnum):
    KG = "kg"
    LB = "lb"


def to_kg(value: Decimal | float | str, unit: Unit) -> Decimal:
    """A weight in the canonical unit, rounded to 0.01 kg."""
    amount = Decimal(str(value))
    kg = amount if unit is Unit.KG else amount * KG_PER_LB
    return kg.quantize(CENT, rounding=ROUND_HALF_EVEN)


def from_kg(kg: Decimal, unit: Unit) -> Decimal:
    """A stored weight in the lifter's unit, to 0.01."""
    value = kg if unit is Unit.KG else kg / KG_PER_LB
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


class SetKind(StrEnum):
    WORKING = "working"
    WARMUP = "warmup"
    DROP = "drop"
    FAILURE = "failure"


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One set as it was done."""

    exercise_id: str
    weight_kg: Decimal | None = None
    """None for a bodyweight set."""
    reps: int | None = None
    seconds: int | None = None
    distance_m: Decimal | None = None
    rpe: Decimal | None = None
    rir: int | None = None
    kind: SetKind = SetKind.WORKING
    completed: bool = True
    """False when the set failed short of its target."""
    rest_s: int | None = None
    superset_group: int | None = None
    form_note: str | None = None
    """A complaint about form ('knees caved'), which holds the load next time."""

    @property
    def volume_kg(self) -> Decimal:
        if self.weight_kg is None or self.reps is None:
            return Decimal(0)
        return self.weight_kg * self.reps


@dataclass(frozen=True, slots=True)
class PlannedRef:
    """Which planned session a workout follows."""

    plan_id: int
    week: int
    session: int
    """Position of the session in its week, from 0."""


@dataclass(frozen=True, slots=True)
class Workout:
    date: dt.date
    sets: tuple[LoggedSet, ...]
    id: int | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    planned: PlannedRef | None = None
    location: str | None = None
    notes: str | None = None
    energy: int | None = None
    """1 (drained) to 5 (great)."""
    title: str | None = None
    """The workout's name, e.g. "Leg day" (imports keep the other app's name)."""
    session_rpe: int | None = None
    """How hard the whole session was, 1 (rest) to 10 (maximal): Foster's session RPE."""

    def sets_for(self, exercise_id: str) -> tuple[LoggedSet, ...]:
        return tuple(s for s in self.sets if s.exercise_id == exercise_id)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A daily check-in: the inputs to readiness and fatigue."""

    date: dt.date
    body_weight_kg: Decimal | None = None
    sleep_hours: Decimal | None = None
    energy: int | None = None
    soreness: dict[Region, int] = field(default_factory=dict)
    """1 (none) to 5 (very sore), by region."""
