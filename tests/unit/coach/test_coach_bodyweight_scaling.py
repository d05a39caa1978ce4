"""A heavier lifter's first load grows with body weight, but slower than it: strength grows
about as body weight to the 2/3 power (coach.toml jaric2002), so a 96 kg lifter no longer
starts as if twice as strong as a 48 kg one. Past the no-body-weight reference the fractions
apply to the allometric body weight; at or under it, to the whole body weight as before."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_coach_firstloads import CATALOG, LIFTS, RULES

from redwood.coach.loading import LoadingProfile, default_profile, implement_for, loads_kg
from redwood.coach.start import starting_load
from redwood.domain.vocabulary import Level

GYM = default_profile("gym")
# Jaric 2002's exponent: a lifter r times heavier is about r ** (2/3) times stronger.
ALLOMETRIC = 2 / 3


def start_kg(exercise_id: str, profile: LoadingProfile, reps: int, level: Level,
             body_weight: Decimal) -> Decimal:
    start = starting_load(CATALOG[exercise_id], reps, profile, level=level, rules=RULES,
                          body_weight_kg=body_weight)
    assert start.weight_kg is not None and start.calibrate
    return start.weight_kg


weights = st.decimals(min_value=30, max_value=200, places=1)


@settings(max_examples=300, deadline=None)
@given(lift=st.sampled_from(LIFTS), level=st.sampled_from(list(Level)),
       reps=st.integers(1, 20), a=weights, b=weights)
def test_a_heavier_lifter_never_starts_lighter_nor_proportionally_heavier(
        lift: tuple[str, LoadingProfile], level: Level, reps: int, a: Decimal,
        b: Decimal) -> None:
    """Monotone in body weight; and from any body weight at or past the reference, r times
    the body weight starts at most r ** (2/3) times the next load up from the lighter start
    (the start rounds down to a load), unless both are the lightest load."""
    exercise_id, profile = lift
    light, heavy = sorted((a, b))
    low = start_kg(exercise_id, profile, reps, level, light)
    high = start_kg(exercise_id, profile, reps, level, heavy)
    assert low <= high
    reference = RULES.start.body_weight.reference(level)
    assert reference is not None
    if light < reference:
        return
    loads = loads_kg(implement_for(CATALOG[exercise_id], RULES), profile)
    if high == loads[0]:
        return
    next_up = min((w for w in loads if w > low), default=None)
    if next_up is None:  # already the heaviest load the kit has
        assert high == low
        return
    bound = float(next_up) * (float(heavy) / float(light)) ** ALLOMETRIC * 1.001
    assert float(high) <= bound, (exercise_id, light, low, heavy, high, bound)


def test_a_96_kg_intermediate_squats_12_reps_from_a_lighter_start_than_linear() -> None:
    """The brief's case: linear in body weight a 96 kg intermediate started a back squat at
    57.5 kg for 12; allometric, about 42 kg: still over a 38 kg lifter's 22.5 kg."""
    heavy = start_kg("back-squat", GYM, 12, Level.INTERMEDIATE, Decimal(96))
    light = start_kg("back-squat", GYM, 12, Level.INTERMEDIATE, Decimal(38))
    assert Decimal(38) <= heavy <= Decimal(45)
    assert light < heavy


def test_at_or_under_the_reference_the_whole_body_weight_counts() -> None:
    table = RULES.start.body_weight
    assert table.scaled(Decimal(38)) == Decimal(38)
    assert table.scaled(Decimal(30)) == Decimal(30)
    assert Decimal(38) < table.scaled(Decimal(96)) < Decimal(96)


@pytest.mark.parametrize(("field", "value"), [("scale_from_kg", 5.0), ("scale_from_kg", 400.0),
                                              ("scale_exponent", 0.0), ("scale_exponent", 1.5)])
def test_a_scaling_rule_out_of_range_is_refused_by_name(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=f"start.body_weight.{field}"):
        dataclasses.replace(RULES.start.body_weight, **{field: value})
