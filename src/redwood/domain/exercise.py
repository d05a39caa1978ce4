"""An exercise as the planner and the coach see it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from redwood.domain.vocabulary import (
    Equipment,
    Level,
    Measure,
    Mechanic,
    Muscle,
    Pattern,
    Region,
)

# Read once: in Python 3.11 a member read through its enum class costs some ten times a global
# (is_compound is asked for every draft the planner makes).
_COMPOUND = Mechanic.COMPOUND


@dataclass(frozen=True, slots=True)
class Substitution:
    """Another exercise that does the same job, and when to reach for it."""

    exercise_id: str
    note: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the catalogue: muscles, kit, form cues and substitutions."""

    id: str
    name: str
    pattern: Pattern
    mechanic: Mechanic
    region: Region
    primary_muscles: tuple[Muscle, ...]
    equipment: tuple[Equipment, ...]
    """Everything needed at once; an empty tuple means bodyweight only."""
    level: Level
    default_rest_s: int
    aliases: tuple[str, ...] = ()
    secondary_muscles: tuple[Muscle, ...] = ()
    unilateral: bool = False
    measure: Measure = Measure.REPS
    rank: int = 50
    """Planner preference within its pattern: lower is chosen first when it is available."""
    core_lift: bool = False
    """A lift worth keeping for a whole plan so its progress can be tracked."""
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    substitutions: tuple[Substitution, ...] = ()
    source: str = "redwood"
    """'redwood' for the curated catalogue, 'free-exercise-db' for the open library."""
    tags: tuple[str, ...] = field(default=())

    @property
    def is_compound(self) -> bool:
        return self.mechanic is _COMPOUND

    def available_with(self, equipment: Iterable[Equipment]) -> bool:
        return set(self.equipment) <= set(equipment)

    def suits(self, level: Level) -> bool:
        return self.level.rank <= level.rank
