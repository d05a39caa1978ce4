"""The rep range a goal gives an exercise, shared by the planner (what it prescribes) and the
checker (what a lifter could be given): pure, no I/O."""

from __future__ import annotations

from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Equipment, Level, Mechanic
from redwood.rules import GoalRules, Limits

# Equipment whose loading moves in big, fixed jumps: prescribed in the heavier (barbell) range.
HEAVY_EQUIPMENT = frozenset(
    {Equipment.BARBELL, Equipment.TRAP_BAR, Equipment.MACHINE, Equipment.SLED, Equipment.CABLE}
)


def goal_reps(ex: Exercise, g: GoalRules, level: Level, goal: str) -> tuple[int, int, str]:
    """The goal's rep range for a rep-counted exercise, and why (before its own ceiling)."""
    if ex.mechanic is Mechanic.ISOLATION:
        return (*g.accessory_reps, f"isolation work for {goal} sits above the compound range")
    if g.advanced_reps and level is not Level.BEGINNER:
        return (*g.advanced_reps, f"{goal} range for trained lifters")
    if set(ex.equipment) & HEAVY_EQUIPMENT:
        return (*g.barbell_reps, f"the {goal} range for barbell and machine lifts")
    return (*g.dumbbell_reps, f"the {goal} range for dumbbell, band and bodyweight lifts")


def past_ceiling(ex: Exercise, g: GoalRules, level: Level, limits: Limits) -> bool:
    """Whether the goal's range for `ex` starts above the most reps a set of it can hold
    ([limits] exercise_reps): no 15-20 pull-ups or 12-15 negatives in an endurance plan."""
    most = limits.exercise_reps.get(ex.id)
    return most is not None and goal_reps(ex, g, level, "")[0] > most
