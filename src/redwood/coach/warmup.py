"""Warm-up sets before a heavy lift: a short ramp to the working weight (coach.toml [warmup]).

The ramp is the empty bar x 8-10, then 40% x 5, 60% x 3 and 80% x 1-2 of the working weight,
each rounded to what the profile can load with its usual plates (never the change plates under
[warmup] lightest_plate: a warm-up needs no such precision), with the plates per side for a
bar. Steps that
round onto the bar, repeat the step before, or reach the working weight are dropped. Bodyweight
and band work, isolation moves and light loads get no ramp: the session's dynamic warm-up is
enough for them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.loading import (
    Implement,
    LoadingProfile,
    implement_for,
    in_profile_unit,
    plates_per_side,
    round_to_loadable,
)
from redwood.domain.exercise import Exercise
from redwood.domain.log import Unit
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = ["WarmupSet", "warmup_sets"]


@dataclass(frozen=True, slots=True)
class WarmupSet:
    """One warm-up set before the working sets: load, reps and plates per side."""
    weight_kg: Decimal
    reps_min: int
    reps_max: int
    percent: float
    """Of the working weight; 0 for the empty bar."""
    plates_per_side: tuple[Decimal, ...] | None = None
    """For a bar: the plates on each side in the profile's unit, heaviest first."""


def warmup_sets(
    exercise: Exercise,
    working_weight_kg: Decimal | None,
    profile: LoadingProfile,
    rules: CoachRules | None = None,
) -> tuple[WarmupSet, ...]:
    """The ramp up to `working_weight_kg` for a heavy lift; () when none is needed."""
    r = rules or load_coach_rules()
    implement = implement_for(exercise, r)
    if (
        working_weight_kg is None
        or not exercise.is_compound
        or not implement.loaded
        or implement is Implement.ASSISTED_MACHINE
    ):
        return ()
    profile = _without_change_plates(profile, r)
    bar_kg: Decimal | None = None
    if implement.uses_bar:
        bar = profile.trap_bar if implement is Implement.TRAP_BAR else profile.bar
        if bar is None:
            return ()
        bar_kg = profile.to_kg(bar)
        if working_weight_kg <= bar_kg:
            return ()
    elif working_weight_kg < r.warmup.min_working_kg:
        return ()
    out: list[WarmupSet] = []
    last = Decimal(0)
    for step in r.warmup.steps:
        if step.percent == 0:
            if bar_kg is None:
                continue
            weight: Decimal | None = bar_kg
        else:
            raw = working_weight_kg * Decimal(str(step.percent))
            weight = round_to_loadable(raw, implement, profile, "nearest")
            if weight is None or (bar_kg is not None and weight <= bar_kg):
                continue
        if weight is None or weight <= last or weight >= working_weight_kg:
            continue
        plates = None
        if bar_kg is not None:
            found = plates_per_side(
                in_profile_unit(weight, implement, profile),
                profile,
                trap_bar=implement is Implement.TRAP_BAR,
            )
            plates = tuple(found) if found is not None else None
        out.append(WarmupSet(weight, step.reps[0], step.reps[1], step.percent, plates))
        last = weight
    return tuple(out)


def _without_change_plates(profile: LoadingProfile, rules: CoachRules) -> LoadingProfile:
    """`profile` without the plates lighter than a ramp uses; as it is when it has none of
    them, or nothing else. Working loads still round to every plate owned."""
    least = (rules.warmup.lightest_plate_kg if profile.unit is Unit.KG
             else rules.warmup.lightest_plate_lb)
    usual = tuple((plate, pairs) for plate, pairs in profile.plates if plate >= least)
    if not usual or len(usual) == len(profile.plates):
        return profile
    return dataclasses.replace(profile, plates=usual)
