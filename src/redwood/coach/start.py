"""Starting loads: the first target for an exercise the lifter has no history on.

In order of preference (coach.toml [start], [families], [start.body_weight]):
1. the lifter's own e1RM for it (an imported log, a rep range that changed): the load for the
   bottom of the range at RPE 8 from the RPE chart;
2. a related lift's e1RM (a substitution keeps progress): scaled by the family ratios, then the
   load for the bottom of the range at RPE 7;
3. body weight and level: a conservative e1RM for the family's anchor lift, scaled the same way;
4. else the lightest load the equipment offers.
2-4 are estimates, flagged "calibrate": the first session tells the real number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from redwood.coach.e1rm import load_for_reps
from redwood.coach.loading import (
    Implement,
    LoadingProfile,
    display_weight,
    implement_for,
    loads_kg,
    round_to_loadable,
)
from redwood.domain.exercise import Exercise
from redwood.domain.log import CENT
from redwood.domain.vocabulary import Level
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = ["RelatedLift", "StartLoad", "find_related", "related_e1rm", "starting_load"]


@dataclass(frozen=True, slots=True)
class RelatedLift:
    """Another exercise's e1RM, to start this one from (a substitution, a rotation)."""

    exercise_id: str
    e1rm_kg: Decimal
    name: str | None = None


@dataclass(frozen=True, slots=True)
class StartLoad:
    weight_kg: Decimal | None
    basis: str
    """How it was chosen, as a clause for the reason: 'from your Back Squat e1RM of 100 kg'."""
    calibrate: bool


def related_e1rm(
    exercise_id: str, related: RelatedLift, rules: CoachRules | None = None
) -> Decimal | None:
    """This exercise's e1RM estimated from a related lift in the same family; None if they
    share no family (a squat says nothing about a row)."""
    r = rules or load_coach_rules()
    found = r.family_of(exercise_id)
    if found is None:
        return None
    _, family = found
    other = family.ratios.get(related.exercise_id)
    if other is None:
        return None
    ratio = Decimal(str(family.ratios[exercise_id])) / Decimal(str(other))
    return (related.e1rm_kg * ratio).quantize(CENT, rounding=ROUND_HALF_EVEN)


def find_related(
    exercise_id: str, best_e1rms: Mapping[str, Decimal], rules: CoachRules | None = None
) -> RelatedLift | None:
    """The family member with an e1RM whose ratio is closest to this exercise's (the most
    similar lift), from the lifter's records; None when no relative has one."""
    r = rules or load_coach_rules()
    found = r.family_of(exercise_id)
    if found is None:
        return None
    _, family = found
    mine = family.ratios[exercise_id]
    candidates = [
        (abs(family.ratios[other] - mine), other)
        for other, e1rm in best_e1rms.items()
        if other != exercise_id and other in family.ratios and e1rm > 0
    ]
    if not candidates:
        return None
    _, best = min(candidates)
    return RelatedLift(best, best_e1rms[best])


def _body_weight_e1rm(
    exercise_id: str, body_weight_kg: Decimal, level: Level, rules: CoachRules
) -> Decimal | None:
    found = rules.family_of(exercise_id)
    if found is None:
        return None
    name, family = found
    fraction = rules.start.body_weight.fraction(name, level)
    if fraction is None:
        return None
    ratio = Decimal(str(family.ratios[exercise_id]))
    return body_weight_kg * Decimal(str(fraction)) * ratio


def _fit_down(weight: Decimal, implement: Implement, profile: LoadingProfile) -> Decimal | None:
    """Round down to a load; the lightest one when the estimate is below it."""
    down = round_to_loadable(weight, implement, profile, "down")
    if down is not None:
        return down
    loads = loads_kg(implement, profile)
    return loads[0] if loads else None


def starting_load(
    exercise: Exercise,
    reps: int,
    profile: LoadingProfile,
    *,
    e1rm_kg: Decimal | None = None,
    related: RelatedLift | None = None,
    body_weight_kg: Decimal | None = None,
    level: Level = Level.BEGINNER,
    rules: CoachRules | None = None,
    rpe: float | None = None,
) -> StartLoad:
    """The first working load for `reps` reps (the bottom of the prescribed range, or a rep
    wave's top week); from an e1RM at `rpe` ([start] history_rpe by default), from an
    estimate at [start] estimate_rpe (an estimate errs light and calibrates)."""
    r = rules or load_coach_rules()
    implement = implement_for(exercise, r)
    unit = profile.unit
    if implement is Implement.ASSISTED_MACHINE:
        loads = loads_kg(implement, profile)
        if not loads:
            return StartLoad(None, "this location has no assisted machine", False)
        if body_weight_kg is not None:
            want = body_weight_kg * Decimal(str(r.start.assisted_fraction))
            helped = round_to_loadable(want, implement, profile, "up") or loads[-1]
            return StartLoad(helped, "with the machine taking about half your body weight", True)
        return StartLoad(loads[len(loads) // 2], "with the middle of the stack as help", True)
    if not implement.loaded:
        return StartLoad(None, "with your body weight", False)
    weight: Decimal | None
    if e1rm_kg is not None and e1rm_kg > 0:
        at = r.start.history_rpe if rpe is None else rpe
        raw = load_for_reps(e1rm_kg, reps, at, r)
        weight = _fit_down(raw, implement, profile)
        if rpe is not None:
            # A rep wave's load (`rpe` given) already leaves its top week a rep in reserve,
            # and its bottom week three: the nearest load, short of failure at the top reps
            # (a dumbbell pair rounded down would leave the whole wave easy for 3 weeks).
            near = round_to_loadable(raw, implement, profile, "nearest")
            if near is not None and near <= load_for_reps(e1rm_kg, reps, 10.0, r):
                weight = near
        basis = f"from your e1RM of {display_weight(e1rm_kg, unit)} (about RPE {at:g})"
        return StartLoad(weight, basis, False)
    if related is not None:
        estimate = related_e1rm(exercise.id, related, r)
        if estimate is not None:
            raw = load_for_reps(estimate, reps, r.start.estimate_rpe, r)
            weight = _fit_down(raw, implement, profile)
            what = related.name or related.exercise_id
            basis = (
                f"from your {what} e1RM of {display_weight(related.e1rm_kg, unit)}, "
                f"scaled to about {display_weight(estimate, unit)} for this lift (a Redwood "
                "estimate)"
            )
            return StartLoad(weight, basis, True)
    if body_weight_kg is not None and body_weight_kg > 0:
        estimate = _body_weight_e1rm(exercise.id, body_weight_kg, level, r)
        if estimate is not None:
            raw = load_for_reps(estimate, reps, r.start.estimate_rpe, r)
            weight = _fit_down(raw, implement, profile)
            basis = (
                f"a conservative start for a {level.value} at "
                f"{display_weight(body_weight_kg, unit)} body weight"
            )
            return StartLoad(weight, basis, True)
    loads = loads_kg(implement, profile)
    if not loads:
        return StartLoad(None, "this location can't load it", False)
    return StartLoad(loads[0], "the lightest load you have", True)
