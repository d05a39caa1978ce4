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

    @property
    def hard(self) -> bool:
        """Whether it is a hard set (HARD_KINDS)."""
        return self in HARD_KINDS


HARD_KINDS: frozenset[SetKind] = frozenset({SetKind.WORKING, SetKind.FAILURE, SetKind.DROP})
"""The one meaning of the set kinds, used everywhere (analytics, the review, the progress
page, records, e1RM, charts, the importer's summary): working, failure and drop sets are hard
sets, and only hard sets count for volume, hard-set counts, e1RM and records. A warm-up never
does. A failure set (Hevy's "failure") is a set taken to failure: a hard set, not a missed
target (a missed target is `completed=False`, whatever the kind)."""
VOLUME_KINDS = E1RM_KINDS = RECORD_KINDS = HARD_KINDS
"""Named for the reader of each consumer: the same kinds."""


def is_hard(kind: SetKind | str) -> bool:
    """Whether a set of this kind (or kind text, as stored) is a hard set."""
    return kind in _HARD_TEXT


_HARD_TEXT = frozenset(HARD_KINDS | {k.value for k in HARD_KINDS})


def is_assisted(exercise_id: str) -> bool:
    """Whether the weight logged for this exercise is assistance (help), not load: Redwood's
    `assisted-*` exercises (the assisted pull-up machine) and an import's own exercises whose
    name says so (Strong's "Dip (Assisted)", Hevy's "Assisted Dip" become "...-assisted-...").
    More assistance is easier: e1RM, records and charts order such sets by least help, and
    their weight is never counted as lifted volume."""
    return "assisted" in exercise_id.split("-")


def signed_load(exercise_id: str, weight_kg: Decimal | None) -> Decimal | None:
    """The weight as records, charts and the history show and compare it: the load, or for
    an assisted exercise minus the assistance ("-40 kg", which beats -80 kg: less help is the
    better set)."""
    if weight_kg is None or not is_assisted(exercise_id):
        return weight_kg
    return -weight_kg


@dataclass(frozen=True, slots=True)
class Bound:
    """How far a value may go: past `usual` it is unusual (stored, and listed so the lifter
    can check it), past `most` it cannot be a set and is refused."""

    usual: int
    most: int


class Bounds:
    """Plausibility bounds of a set, the same for hand logging, the API, restores and imports,
    so an import never holds what the log would refuse (and the database's CHECK constraints
    say the same `most`). Not training numbers: limits of what a set can be."""

    REPS = Bound(usual=100, most=1000)
    WEIGHT_KG = Bound(usual=500, most=1500)
    SECONDS = Bound(usual=2 * 3600, most=24 * 3600)


MAX_SETS_PER_WORKOUT = 500
"""The most sets one workout holds, however they come (a workout logged whole, sets added to
it one tap at a time, an import): no request later has to read a workout of 330,000 sets.
Not a training number: a limit of what a workout can be."""


def unusual(weight_kg: Decimal | None, reps: int | None, seconds: int | None) -> str | None:
    """Why a set's values are unusual (over a `usual` bound, within `most`), naming the field;
    None when they are not."""
    why = []
    if weight_kg is not None and weight_kg > Bounds.WEIGHT_KG.usual:
        why.append(f"weight {weight_kg} kg is over {Bounds.WEIGHT_KG.usual} kg")
    if reps is not None and reps > Bounds.REPS.usual:
        why.append(f"reps {reps} is over {Bounds.REPS.usual}")
    if seconds is not None and seconds > Bounds.SECONDS.usual:
        why.append(f"{seconds} seconds is over {Bounds.SECONDS.usual // 3600} hours")
    return "; ".join(why) or None


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
    """One training session as logged: its date, its sets and how it went."""

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
