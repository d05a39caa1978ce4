"""A training plan: profile, weeks, sessions, blocks and prescriptions.

These are plain values. The planner builds them, the checker reads them back from JSON, and the
renderers print them; none of them knows how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from redwood.domain.vocabulary import (
    Equipment,
    Goal,
    Level,
    Location,
    Mechanic,
    Muscle,
    Pattern,
    Region,
    Weekday,
)

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Profile:
    """What the lifter tells Redwood about themselves and their week."""

    goal: Goal
    level: Level
    days_per_week: int
    minutes_per_session: int
    weeks: int
    start_date: dt.date
    weekdays: tuple[Weekday, ...]
    """Exactly days_per_week weekdays, in week order."""
    location: Location
    equipment: tuple[Equipment, ...]
    """What is available after the location preset is applied."""
    supersets: bool = True
    exclude: tuple[str, ...] = ()
    seed: int = 0
    protect: tuple[str, ...] = ()
    """Areas to protect (rules.toml [protect]): lower-back, knees, shoulders."""


class Role(StrEnum):
    """An item's place in its session: the opening straight-set compounds, or the rest."""

    MAIN = "main"
    ACCESSORY = "accessory"


class SessionFocus(StrEnum):
    FULL = "full"
    LEGS = "legs"
    BACK = "back"

    @property
    def hard_regions(self) -> frozenset[Region]:
        """Regions this session loads with compound lifts (what the 48 h rule protects)."""
        return _HARD_REGIONS[self]  # a table: the planner asks for every exercise it places


_HARD_REGIONS = {SessionFocus.FULL: frozenset({Region.LEGS, Region.BACK}),
                 SessionFocus.LEGS: frozenset({Region.LEGS}),
                 SessionFocus.BACK: frozenset({Region.BACK})}


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise in a session: what to do and why."""

    exercise_id: str
    name: str
    mechanic: Mechanic
    region: Region
    pattern: Pattern
    primary_muscles: tuple[Muscle, ...]
    equipment: tuple[Equipment, ...]
    sets: int
    low: int
    """Bottom of the range: reps, or seconds for a timed exercise."""
    high: int
    timed: bool
    per_side: bool
    rest_s: int
    why: tuple[str, ...]
    cues: tuple[str, ...] = ()
    secondary_muscles: tuple[Muscle, ...] = ()
    role: Role = Role.ACCESSORY
    rpe: float | None = None
    """Target effort (RPE, 1-10) for a main lift where the level calls for one, and the easy
    effort of a deload week's main lifts."""
    lowering_s: tuple[int, int] | None = None
    """Seconds each rep's lowering takes, low to high, where the lowering is the exercise
    (a negative pull-up); None for every other exercise."""
    wave: tuple[int, int] | None = None
    """The block's rep range a rep wave climbs through (bottom, top) when this week's reps
    (low == high) are one step of it: the coach holds the load while the reps step up and adds
    load when the wave starts again at the bottom. None for every other prescription."""

    @property
    def is_compound(self) -> bool:
        return self.mechanic is Mechanic.COMPOUND


class BlockKind(StrEnum):
    SINGLE = "single"
    SUPERSET = "superset"


@dataclass(frozen=True, slots=True)
class Block:
    """A single exercise done set after set, or a superset of two done back to back."""

    kind: BlockKind
    items: tuple[Prescription, ...]
    rounds: int | None = None
    rest_between_s: int | None = None
    """In a superset: the rest between the two paired exercises."""
    why: str = ""


@dataclass(frozen=True, slots=True)
class Activity:
    """A warm-up or cool-down drill."""

    name: str
    minutes: float


@dataclass(frozen=True, slots=True)
class TrainingSession:
    """One training day of the plan: its exercises in blocks, warm-up and cool-down.

    (Not `Session`, which is SQLAlchemy's; services.training.PlannedSession is such a day found
    in a saved plan, with its plan id, week and position.)"""

    date: dt.date
    title: str
    focus: SessionFocus
    estimated_minutes: int
    warmup: tuple[Activity, ...]
    cooldown: tuple[Activity, ...]
    blocks: tuple[Block, ...]
    why: tuple[str, ...] = ()

    @property
    def weekday(self) -> Weekday:
        return Weekday.from_index(self.date.weekday())

    @property
    def items(self) -> tuple[Prescription, ...]:
        return tuple([item for block in self.blocks for item in block.items])


@dataclass(frozen=True, slots=True)
class Week:
    """One week of the plan: its sessions, block and whether it deloads."""

    index: int
    deload: bool
    sessions: tuple[TrainingSession, ...]
    block_index: int = 1
    """Which rotation block (mesocycle) the week belongs to, from 1."""
    notes: tuple[str, ...] = ()
    note: str = ""
    """What the week changes, e.g. what a deload cuts; empty for an ordinary week."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole plan: the profile it was made for, its weeks and its notes."""

    profile: Profile
    weeks: tuple[Week, ...]
    notes: tuple[str, ...] = field(default=())
