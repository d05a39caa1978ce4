"""Weekly hard sets per muscle against the planner's bands, and the legs:back balance.

The review counts and judges volume the way the planner doses it and `redwood check` judges a
plan (one definition): a logged week's sets go through redwood.rules.counting, the count the
planner's weeks go through (secondary muscles at half, once per set, the goal's assists at
half beside their leads), and each tracked muscle of rules.toml [muscle_volume] is judged
against its own band for the goal and level. Regions (legs, back, core) are only summed, for
the legs:back balance and the table of sums: a region holds several muscles, so no muscle's
band judges it. A plan the planner wrote and the lifter followed is never flagged here.
"""

from __future__ import annotations

from collections.abc import Sequence

from redwood.coach.analytics import ExerciseLookup, WeekSets
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import MuscleVolume, Notes
from redwood.domain.vocabulary import Goal, Level
from redwood.rules import MuscleVolumeRules
from redwood.rules.counting import Dose, muscle_week_sets


def tracked_sets(week: WeekSets, catalog: ExerciseLookup, rules: MuscleVolumeRules,
                 goal: Goal | None) -> dict[str, float]:
    """A logged week's hard sets per tracked muscle (every tracked muscle, 0 where none),
    counted for the lifter's goal as the planner doses it (no goal: every prime mover whole,
    as the widest bands are judged)."""
    doses: list[Dose] = []
    for exercise_id, n in week.by_exercise.items():
        ex = catalog.get(exercise_id)
        if ex is not None:
            doses.append((ex.primary_muscles, ex.secondary_muscles, n))
    return muscle_week_sets(doses, rules, goal)


def muscle_band(rules: MuscleVolumeRules, goal: Goal | None, level: Level,
                muscle: str) -> tuple[int, int]:
    """The muscle's weekly band for the goal and level; without a goal the widest of the
    goals' bands (a lifter with no plan is not judged by one goal's numbers)."""
    if goal is not None:
        return rules.band(goal, level, muscle)
    bands = [rules.band(g, level, muscle) for g in Goal]
    return min(lo for lo, _ in bands), max(hi for _, hi in bands)


def judge_muscles(weekly: Sequence[WeekSets], catalog: ExerciseLookup,
                  rules: MuscleVolumeRules, goal: Goal | None,
                  level: Level) -> tuple[MuscleVolume, ...]:
    """Each tracked muscle's sets in every week of `weekly` and a week on average over the
    full weeks (every week when none is full: a span of a few days), against its band. The
    review and the Progress page both judge by this, so they cannot disagree."""
    if not weekly:
        return ()
    per_week = [tracked_sets(x, catalog, rules, goal) for x in weekly]
    full = [counted for x, counted in zip(weekly, per_week, strict=True) if x.days == 7] \
        or per_week
    return tuple(
        MuscleVolume(muscle, muscle in rules.main, muscle_band(rules, goal, level, muscle),
                     tuple(w[muscle] for w in per_week),
                     sum(w[muscle] for w in full) / len(full))
        for muscle in rules.tracked)


def muscle_volumes(ctx: ReviewContext) -> tuple[MuscleVolume, ...]:
    """The review period's muscles against their bands (`judge_muscles`)."""
    return judge_muscles(ctx.weekly, ctx.catalog, ctx.rules.muscle_volume, ctx.inp.goal,
                         ctx.inp.level)


def _listing(names: Sequence[MuscleVolume]) -> str:
    return ", ".join(f"{m.muscle} {m.average:.1f} ({m.band[0]}-{m.band[1]})" for m in names)


def volume(ctx: ReviewContext, muscles: Sequence[MuscleVolume], out: Notes) -> None:
    """Each tracked muscle's weekly hard sets against its band (main muscles under or above
    it; calves and core only above it, since a lifter may train them elsewhere), and the
    legs:back balance of the region sums."""
    weekly, rules, goal, level = ctx.weekly, ctx.rules, ctx.inp.goal, ctx.inp.level
    if muscles:
        full = sum(1 for x in weekly if x.days == 7) or len(weekly)
        who = f"{goal.value}, {level.value}" if goal is not None else f"{level.value}, any goal"
        weeks = f"{full} week{'s' if full != 1 else ''}"
        by_state = {state: [m for m in muscles if m.state == state]
                    for state in ("under", "over", "inside")}
        if by_state["under"]:
            out.find("volume_low", f"Under the {who} band (hard sets a week over {weeks}, "
                     f"secondary work counted as half): {_listing(by_state['under'])}.")
        if by_state["over"]:
            out.find("volume_high", f"Over the {who} band (hard sets a week over {weeks}, "
                     f"secondary work counted as half): {_listing(by_state['over'])}.")
        inside = [m for m in by_state["inside"] if m.main]
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
