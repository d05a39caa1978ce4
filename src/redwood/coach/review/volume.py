"""Weekly hard sets per muscle against the planner's bands, and the legs:back balance.

The review counts and judges volume the way the planner doses it and `redwood check` judges a
plan (one definition): each tracked muscle of rules.toml [muscle_volume] gets a set's share from
`MuscleVolumeRules.shares` (secondary muscles at half, once per set) and its band for the goal
and level. A plan the planner wrote and the lifter followed is never flagged here.
"""

from __future__ import annotations

from collections.abc import Sequence

from redwood.coach.analytics import ExerciseLookup, WeekSets
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import Notes
from redwood.domain.vocabulary import Goal, Level
from redwood.rules import MuscleVolumeRules


def tracked_sets(week: WeekSets, catalog: ExerciseLookup, rules: MuscleVolumeRules,
                 goal: Goal | None) -> dict[str, float]:
    """A logged week's hard sets per tracked muscle (every tracked muscle, 0 where none),
    counted for the lifter's goal as the planner doses it (no goal: every prime mover whole,
    as the widest bands are judged)."""
    out = dict.fromkeys(rules.tracked, 0.0)
    for exercise_id, n in week.by_exercise.items():
        ex = catalog.get(exercise_id)
        if ex is None:
            continue
        for name, share in rules.shares(ex.primary_muscles, ex.secondary_muscles, goal).items():
            out[name] += share * n
    return out


def muscle_band(rules: MuscleVolumeRules, goal: Goal | None, level: Level,
                muscle: str) -> tuple[int, int]:
    """The muscle's weekly band for the goal and level; without a goal the widest of the
    goals' bands (a lifter with no plan is not judged by one goal's numbers)."""
    if goal is not None:
        return rules.band(goal, level, muscle)
    bands = [rules.band(g, level, muscle) for g in Goal]
    return min(lo for lo, _ in bands), max(hi for _, hi in bands)


def _listing(names: Sequence[tuple[str, float, tuple[int, int]]]) -> str:
    return ", ".join(f"{m} {avg:.1f} ({lo}-{hi})" for m, avg, (lo, hi) in names)


def volume(ctx: ReviewContext, out: Notes) -> None:
    """Each tracked muscle's weekly hard sets against its band (main muscles under or above
    it; calves and core only above it, since a lifter may train them elsewhere), and the
    legs:back balance."""
    weekly, rules, goal, level = ctx.weekly, ctx.rules, ctx.inp.goal, ctx.inp.level
    full = [x for x in weekly if x.days == 7] or list(weekly)
    if not full:
        return
    mv = rules.muscle_volume
    per_week = [tracked_sets(x, ctx.catalog, mv, goal) for x in full]
    who = f"{goal.value}, {level.value}" if goal is not None else f"{level.value}, any goal"
    low: list[tuple[str, float, tuple[int, int]]] = []
    high: list[tuple[str, float, tuple[int, int]]] = []
    inside: list[tuple[str, float, tuple[int, int]]] = []
    for muscle in mv.tracked:
        band = muscle_band(mv, goal, level, muscle)
        avg = sum(w[muscle] for w in per_week) / len(per_week)
        if avg < band[0] - 1e-9 and muscle in mv.main:
            low.append((muscle, avg, band))
        elif avg > band[1] + 1e-9:
            high.append((muscle, avg, band))
        elif muscle in mv.main:
            inside.append((muscle, avg, band))
    weeks = f"{len(full)} week{'s' if len(full) != 1 else ''}"
    if low:
        out.find("volume_low", f"Under the {who} band (hard sets a week over {weeks}, "
                 f"secondary work counted as half): {_listing(low)}.")
    if high:
        out.find("volume_high", f"Over the {who} band (hard sets a week over {weeks}, "
                 f"secondary work counted as half): {_listing(high)}.")
    if inside:
        out.find("volume", f"Inside the {who} band (hard sets a week): {_listing(inside)}.")
    legs = sum(x.legs for x in weekly)
    back = sum(x.back for x in weekly)
    lo, hi = rules.volume.balance
    if legs and back:
        ratio = legs / back
        if not lo <= ratio <= hi:
            more, less = ("legs", "back") if ratio > hi else ("back", "legs")
            out.find("balance", f"Legs:back {legs}:{back} ({ratio:.2f}) is outside "
                     f"{lo:g}-{hi:g}: {more} get far more work than {less}.")
    elif legs or back:
        missing = "back" if legs else "legs"
        out.find("balance", f"No hard sets for {missing} in the period.")
