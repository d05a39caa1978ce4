"""The rep range a goal gives an exercise, shared by the planner (what it prescribes) and the
checker (what a lifter could be given): pure, no I/O."""

from __future__ import annotations

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Level, Mechanic
from redwood.rules import GoalRules, Limits

# Read once: in Python 3.11 a member read through its enum class costs some ten times a global
# (the planner's hot loops: see planner/steps/context.py).
_ISOLATION, _BEGINNER = Mechanic.ISOLATION, Level.BEGINNER

# Equipment whose loading moves in big, fixed jumps: prescribed in the heavier (barbell) range.
HEAVY_EQUIPMENT = frozenset(
    {Equipment.BARBELL, Equipment.TRAP_BAR, Equipment.MACHINE, Equipment.SLED, Equipment.CABLE}
)


def goal_reps(ex: Exercise, g: GoalRules, level: Level, goal: str,
              limits: Limits) -> tuple[int, int, str]:
    """The goal's rep range for a rep-counted exercise, and why (before its own ceiling)."""
    own = limits.own_reps.get(ex.id)
    if own is not None:  # a slow negative is 3-5 reps in any goal
        return (*own, f"{ex.name.lower()}s keep their own range in every goal: each rep a "
                "slow lowering, the regression to the full movement")
    if ex.mechanic is _ISOLATION:
        return (*g.accessory_reps, f"isolation work for {goal} sits above the compound range")
    if g.advanced_reps and level is not _BEGINNER:
        return (*g.advanced_reps, f"{goal} range for trained lifters")
    if ex.id in limits.loaded_bodyweight:  # plates or a bell between the feet: a barbell's jumps
        return (*g.barbell_reps, f"the {goal} range for barbell, machine and weighted "
                "bodyweight lifts")
    if set(ex.equipment) & HEAVY_EQUIPMENT and "bodyweight" not in ex.tags:
        # (an inverted row's barbell is only the handle: no load moves in a barbell's jumps)
        return (*g.barbell_reps, f"the {goal} range for barbell and machine lifts")
    return (*g.dumbbell_reps, f"the {goal} range for dumbbell, band and bodyweight lifts")


def past_ceiling(ex: Exercise, g: GoalRules, level: Level, limits: Limits) -> bool:
    """Whether the most reps a set of `ex` can hold ([limits] exercise_reps) is below the
    goal's rep band: no weighted pull-ups in an endurance plan (12-20 reps). An
    exercise whose ceiling reaches the band is prescribed up to its ceiling (capped_reps); one
    with its own range ([limits] own_reps: slow negatives) keeps it in every goal."""
    if ex.id in limits.own_reps:
        return False
    most = limits.exercise_reps.get(ex.id)
    return most is not None and most < g.band[0]


def capped_reps(ex: Exercise, low: int, high: int, limits: Limits,
                floor: int = 1) -> tuple[int, int] | None:
    """The range `low`-`high` brought down to the exercise's ceiling, keeping its width down
    to `floor` (the goal band's bottom): 12 pull-ups, not 15-20; 3-5 slow negatives, not 8.
    None when the range is within the ceiling."""
    most = limits.exercise_reps.get(ex.id)
    if most is None or high <= most:
        return None
    return max(floor, min(low, most - (high - low))), most
