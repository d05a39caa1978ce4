"""Weekly hard sets per muscle: the one way the planner and `redwood check` count volume.

A set counts 1 for each tracked muscle (rules.toml [muscle_volume.muscles]) among the exercise's
primary muscles and `secondary_weight` for each among its secondary muscles, at most once per
tracked muscle and set (the larger share wins); the goal's [muscle_volume.assists] count at
`secondary_weight` beside their leads (for every goal, the glutes in a squat, a lunge or a
hinge), so every count takes the plan's goal (no goal: every prime mover whole). An exercise
in a superset counts its rounds.
Warm-up and cool-down drills are not items, so they count nothing.

Pure: it works from a `Week` of the domain model or from a week as plan JSON (the checker reads
plans as JSON dicts), and needs nothing but the rules. The count itself is
redwood.rules.counting's, which the review counts logged weeks with too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from redwood.domain.plan import Block, BlockKind, TrainingSession, Week
from redwood.domain.vocabulary import Goal, Level, Muscle
from redwood.rules import MuscleVolumeRules
from redwood.rules.counting import muscle_week_sets as _totals

# Read once: in Python 3.11 a member read through its enum class costs some ten times a global
# (the planner's hot loops: see planner/steps/context.py).
_SUPERSET = BlockKind.SUPERSET

TYPE_CHECKING = False  # typing's value, without importing typing: see redwood._cache
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Work:
    """What one item of a session adds to the week: its muscles and its hard sets."""

    primary: tuple[Muscle, ...]
    secondary: tuple[Muscle, ...]
    sets: int


def muscle_shares(primary: Iterable[Muscle], secondary: Iterable[Muscle],
                  rules: MuscleVolumeRules, goal: Goal | None) -> dict[str, float]:
    """How much one set counts for each tracked muscle (untracked ones are left out)."""
    return rules.shares(primary, secondary, goal)


def muscle_sets(works: Iterable[Work], rules: MuscleVolumeRules,
                goal: Goal | None) -> dict[str, float]:
    """Hard sets per tracked muscle (every tracked muscle present, 0 where none)."""
    return _totals(((w.primary, w.secondary, w.sets) for w in works), rules, goal)


def block_works(block: Block) -> list[Work]:
    superset = block.kind is BlockKind.SUPERSET and block.rounds is not None
    return [Work(item.primary_muscles, item.secondary_muscles,
                 block.rounds if superset and block.rounds is not None else item.sets)
            for item in block.items]


def session_works(session: TrainingSession) -> list[Work]:
    return [w for block in session.blocks for w in block_works(block)]


def week_muscle_sets(week: Week, rules: MuscleVolumeRules,
                     goal: Goal | None) -> dict[str, float]:
    """A plan week's hard sets per tracked muscle (block_works' counting, without making a
    Work of each item: the planner counts every week of the plan)."""
    return _totals(((item.primary_muscles, item.secondary_muscles,
                     block.rounds if block.kind is _SUPERSET and block.rounds is not None
                     else item.sets)
                    for s in week.sessions for block in s.blocks for item in block.items),
                   rules, goal)


SecondaryLookup = Callable[[str], Sequence[str]]
"""exercise_id -> its secondary muscles, for plan JSON written before items carried them."""


def _muscles(names: Iterable[str]) -> tuple[Muscle, ...]:
    out = []
    for name in names:
        try:
            out.append(Muscle(name))
        except ValueError:
            continue
    return tuple(out)


def json_session_works(session: Mapping[str, Any],
                       secondary_of: SecondaryLookup | None = None) -> list[Work]:
    """The works of one session of plan JSON (a dict as in plan-v1.schema.json)."""
    out = []
    for block in session.get("blocks", ()):
        rounds = block.get("rounds") if block.get("kind") == "superset" else None
        for item in block.get("items", ()):
            if "secondary_muscles" in item:
                secondary = _muscles(item["secondary_muscles"])
            elif secondary_of is not None:
                secondary = _muscles(secondary_of(str(item.get("exercise_id", ""))))
            else:
                secondary = ()
            sets = rounds if isinstance(rounds, int) else int(item.get("sets", 0))
            out.append(Work(_muscles(item.get("primary_muscles", ())), secondary, sets))
    return out


def json_week_muscle_sets(week: Mapping[str, Any], rules: MuscleVolumeRules, goal: Goal | None,
                          secondary_of: SecondaryLookup | None = None) -> dict[str, float]:
    """A plan-JSON week's hard sets per tracked muscle (`week` holds "sessions"; `goal` the
    plan profile's)."""
    return muscle_sets((w for s in week.get("sessions", ())
                        for w in json_session_works(s, secondary_of)), rules, goal)


def room_for_a_set(sets: float, top: int) -> bool:
    """Whether a muscle at `sets` weekly hard sets can take one more whole set and stay inside
    its band's `top`. A muscle without room is full: what time.use (`redwood check`) and the
    planner's "more would not add muscle" note both mean by a muscle at the top of its band."""
    return sets + 1 <= top + 1e-9


def shortfalls(sets: Mapping[str, float], rules: MuscleVolumeRules, goal: Goal,
               level: Level) -> dict[str, float]:
    """Tracked muscles below the bottom of their band, with how many sets they lack."""
    out = {}
    for name in rules.tracked:
        low, _ = rules.band(goal, level, name)
        if sets.get(name, 0.0) < low:
            out[name] = low - sets.get(name, 0.0)
    return out


def excesses(sets: Mapping[str, float], rules: MuscleVolumeRules, goal: Goal,
             level: Level) -> dict[str, float]:
    """Tracked muscles above the top of their band, with how many sets too many."""
    out = {}
    for name in rules.tracked:
        _, high = rules.band(goal, level, name)
        if sets.get(name, 0.0) > high:
            out[name] = sets.get(name, 0.0) - high
    return out


def small_spare(direct: Sequence[int], sets: float, floor: int, days: int,
                pattern_days: int) -> bool:
    """Whether the core or the calves, at `sets` for the week with `direct` the hard sets of
    each item that trains them as a prime mover, have a set of their own work that could go
    (volume.small-under-legs): one above their band's `floor`, beyond the week's one exercise
    of the pattern that pattern.weekly asks for from `pattern_days` days a week (its sets kept).
    The bracing half-sets of the legs' and back's lifts are no set to give."""
    kept = min(direct) if direct and days >= pattern_days else 0
    return sum(direct) - kept >= 1 and sets - 1 >= floor - 1e-9
