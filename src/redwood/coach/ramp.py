"""A new lifter's first session of a lift works up by feel ([start.ramp] of coach.toml).

A first load from body weight is a guess, and a heavy lifter can be weak: no start from body
weight alone is light enough for all of them. So the first session of a lift started from the
lifter's body weight is a ramp, and the target says so from the start:
set 1 deliberately light (`first_set`), then each next set's load from the set just logged
(`next_set`): its reps and RPE read as an e1RM, and the load for the bottom of the range at
about RPE 8 from it. Each step is one the lifter's own set has shown they can do; a set past
the aim, or short of the range, steps back. A set of "little to no effort" (RPE 1-2) names no
reserve to read, only that the lifter is far from their level: the next set is a fixed jump,
twice its load, so a strong lifter whose set 1 was nothing gets to real loads within the
session, and the sets nearer the target take Epley's smaller steps. Today and `redwood log`
fill in the next set, and say why it is that big a step, once the one before is logged (the
plan itself does not change); the coach's next target reads the session as calibration reads
any (its best set, the last one a rep-out).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.e1rm import epley_factor, load_for_reps, percent_of_1rm
from redwood.coach.loading import LoadingProfile, display_weight, implement_for
from redwood.coach.start import StartLoad, _fit_down, starting_load
from redwood.domain.exercise import Exercise
from redwood.domain.vocabulary import Level
from redwood.rules.coach import CoachRules

__all__ = ["RampStep", "first_set", "next_set"]


def _down(weight: Decimal, exercise: Exercise, profile: LoadingProfile,
          rules: CoachRules) -> Decimal | None:
    """Rounded down to a load; the lightest there is when under it (as a start is)."""
    return _fit_down(weight, implement_for(exercise, rules), profile)


def first_set(
    exercise: Exercise,
    reps: int,
    profile: LoadingProfile,
    start: StartLoad,
    *,
    body_weight_kg: Decimal | None,
    level: Level,
    rules: CoachRules,
    rpe: float | None = None,
) -> Decimal | None:
    """Set 1 of a ramp from the start `start` (for `reps`, at `rpe` in a rep wave):
    [start.ramp] first_share of it, never under the start without a body weight, never over
    `start` itself. `start.weight_kg` when the start does not ramp."""
    ramp = rules.start.ramp
    if ramp is None or not start.ramps or start.weight_kg is None:
        return start.weight_kg
    share = _down(start.weight_kg * Decimal(str(ramp.first_share)), exercise, profile, rules)
    unknown = start.weight_kg
    if body_weight_kg is not None:
        unknown = starting_load(exercise, reps, profile, level=level, rules=rules,
                                rpe=rpe).weight_kg or start.weight_kg
    floor = _down(unknown * Decimal(str(ramp.floor_share)), exercise, profile, rules)
    return min(start.weight_kg, max(share or unknown, floor or unknown))


@dataclass(frozen=True)
class RampStep:
    """A ramp's next set: its load, and why it is that much heavier (or lighter)."""

    weight_kg: Decimal
    why: str


def next_set(
    exercise: Exercise,
    profile: LoadingProfile,
    weight: Decimal,
    reps: int,
    rpe: Decimal | float | None,
    *,
    low: int,
    rules: CoachRules,
    completed: bool = True,
) -> RampStep:
    """A ramp's next set after a set of `weight` x `reps` at `rpe` (None: not given), for
    `low` reps (the bottom of the range, or a wave's reps this week), and why.

    The set reads as an e1RM, an RPE easier than [start.ramp] lightest_rpe as that RPE and a
    set without an RPE as taken to failure, so the reading never says more than the set
    showed; the next load is the one for `low` reps at [start.ramp] target_rpe from it,
    rounded down to a load. A set of little to no effort (little_rpe or easier) says no
    reserve to read: the next load is then little_jump times it, rounded down (never under
    the step the reading gives). It is lighter than `weight` only after a set past the aim
    (more than a point over target_rpe), short of `low`, or failed: else the same load again."""
    ramp = rules.start.ramp
    if ramp is None or weight <= 0 or reps < 1:
        return RampStep(weight, "")
    effort = 10.0 if rpe is None else max(float(rpe), ramp.lightest_rpe)
    counted = min(reps, rules.calibration.max_read_reps)
    # The chart and Epley part by up to a tenth at 12 reps: the step takes the one that says
    # less, both for the reading and for the load it asks.
    e1rm = min(weight / percent_of_1rm(counted, effort, rules),
               weight * epley_factor(counted, effort))
    at = max(1, low)
    want = min(load_for_reps(e1rm, at, ramp.target_rpe, rules),
               e1rm / epley_factor(at, ramp.target_rpe))
    got = _down(want, exercise, profile, rules) or weight
    over = not completed or reps < low or (rpe is not None and effort > ramp.target_rpe + 1)
    w = profile.unit

    def kg(load: Decimal) -> str:
        return display_weight(load, w)

    said = f"{kg(weight)} x {reps}" + ("" if rpe is None else f" at RPE {float(rpe):g}")
    if over:
        why = ("failed" if not completed else f"short of {low}" if reps < low
               else "past the aim")
        then = ("a step back to" if got < weight else "the same load again:" if got == weight
                else "from what it showed,")
        return RampStep(got, f"{said}: {why}, so {then} {kg(got)}")
    if rpe is not None and float(rpe) <= ramp.little_rpe:
        # "Little to no effort" is far from failure, where counts of reps in reserve are
        # loose: a big fixed jump, bounded, rather than Epley on a reserve nobody can count.
        jump = _down(weight * Decimal(str(ramp.little_jump)), exercise, profile, rules)
        if jump is not None and jump > max(got, weight):
            return RampStep(jump, f"{said}: little to no effort, far under your working "
                            f"load, so a big jump to {kg(jump)} (at most {ramp.little_jump:g} "
                            "times the load)")
    if got <= weight:
        if rpe is not None and effort < ramp.target_rpe - 1:
            return RampStep(weight, f"{said}: the next load up is a bigger step than this set "
                            "shows room for, so the same load again")
        return RampStep(weight, f"{said}: about the working load for {low} "
                        f"(RPE {ramp.target_rpe:g}), so the same load again")
    aim = f"for {low} at about RPE {ramp.target_rpe:g}"
    if rpe is None:
        return RampStep(got, f"{said}, without an RPE read as taken to failure: {kg(got)} {aim}")
    if effort <= ramp.lightest_rpe:
        return RampStep(got, f"{said}: light, read as {10 - effort:g} in reserve and no more "
                        f"(counts that far from failure are loose), so a smaller step to "
                        f"{kg(got)} {aim}")
    return RampStep(got, f"{said}: about {10 - effort:g} in reserve, so {kg(got)} {aim}; the "
                    "nearer a set comes to it, the smaller the step")
