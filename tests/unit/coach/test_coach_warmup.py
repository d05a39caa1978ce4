"""Warm-up ramps: bar, 40%, 60%, 80% of the working weight, loadable, with plates per side."""

from __future__ import annotations

from decimal import Decimal

import pytest
from coachkit import kg, plain_gym
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.loading import default_profile, implement_for, is_loadable, loads_kg
from redwood.coach.warmup import warmup_sets

GYM = plain_gym()
GYM_LB = default_profile("gym", "lb")
HOME = default_profile("home")


def ramp(catalog, exercise_id: str, weight, profile=GYM):
    return [
        (s.weight_kg, (s.reps_min, s.reps_max), s.plates_per_side)
        for s in warmup_sets(catalog[exercise_id], kg(weight), profile)
    ]


def test_a_100kg_squat_ramps_bar_40_60_80(catalog) -> None:
    assert ramp(catalog, "back-squat", 100) == [
        (kg(20), (8, 10), ()),
        (kg(40), (5, 5), (kg(10),)),
        (kg(60), (3, 3), (kg(20),)),
        (kg(80), (1, 2), (kg(25), kg(5))),
    ]


def test_light_work_skips_steps_that_collapse_onto_the_bar(catalog) -> None:
    # 40% and 60% of 30 kg are under the 20 kg bar; 80% rounds to 25 kg.
    assert ramp(catalog, "back-squat", 30) == [
        (kg(20), (8, 10), ()), (kg(25), (1, 2), (kg("2.5"),)),
    ]
    # The gym's fractional plates do not change it: a ramp uses the usual plates only.
    assert ramp(catalog, "back-squat", 30, default_profile("gym"))[-1] == (
        kg(25), (1, 2), (kg("2.5"),))
    assert ramp(catalog, "back-squat", 20) == []
    assert ramp(catalog, "back-squat", "22.5") == [(kg(20), (8, 10), ())]


def test_a_ramp_leaves_the_change_plates_for_the_working_sets(catalog) -> None:
    """The audit: 57 kg and 76 kg before a 95 kg squat (0.5 kg fractional plates on the bar for
    a warm-up). The ramp rounds with the usual plates; the change plates stay for the work."""
    gym = default_profile("gym")
    assert [w for w, _, _ in ramp(catalog, "back-squat", 95, gym)] == [
        kg(20), kg("37.5"), kg("57.5"), kg(75)]
    for steps in (ramp(catalog, "back-squat", Decimal(n) / 2, gym) for n in range(41, 400)):
        assert all(kg("1.25") <= p for _, _, plates in steps for p in plates or ())
    # Pounds likewise: no 1.25 lb change plates in a ramp.
    for n in range(46, 400):
        steps = warmup_sets(catalog["back-squat"], GYM_LB.to_kg(n), GYM_LB)
        assert all(kg("2.5") <= p for s in steps for p in s.plates_per_side or ())


def test_a_kit_of_change_plates_only_still_ramps_with_them(catalog) -> None:
    from redwood.coach.loading import LoadingProfile

    small = LoadingProfile(bar=20, plates=((1, 10), (0.5, 10)))
    assert ramp(catalog, "back-squat", 30, small)[-1] == (
        kg(24), (1, 2), (kg(1), kg(1)))


def test_dumbbells_ramp_without_a_bar_and_light_ones_not_at_all(catalog) -> None:
    assert ramp(catalog, "goblet-squat", 25, HOME) == [
        (kg(10), (5, 5), None), (kg(15), (3, 3), None), (kg(20), (1, 2), None),
    ]
    assert ramp(catalog, "goblet-squat", 12.5, HOME) == []


@pytest.mark.parametrize("exercise_id", ["pull-up", "bodyweight-squat", "band-pull-apart",
                                         "hamstring-curl", "assisted-pull-up"])
def test_no_ramp_for_bodyweight_bands_isolation_or_assistance(catalog, exercise_id) -> None:
    assert ramp(catalog, exercise_id, 60) == []


def test_no_ramp_without_a_working_weight(catalog) -> None:
    assert warmup_sets(catalog["back-squat"], None, GYM) == ()


def test_pound_ramps_show_pound_plates(catalog) -> None:
    steps = warmup_sets(catalog["back-squat"], GYM_LB.to_kg(225), GYM_LB)
    assert [s.plates_per_side for s in steps] == [
        (), (kg(10), kg(10), kg("2.5")), (kg(45),), (kg(45), kg(10), kg(10), kg("2.5")),
    ]  # 45, 90, 135, 180 lb


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["back-squat", "deadlift", "trap-bar-deadlift", "leg-press", "goblet-squat",
                     "barbell-row", "lat-pulldown"]),
    st.integers(20, 1200).map(lambda q: Decimal(q) / 4),
    st.sampled_from([GYM, GYM_LB]),
)
def test_every_ramp_climbs_to_under_the_working_weight_on_loads(catalog, exercise_id, weight,
                                                               profile) -> None:
    exercise = catalog[exercise_id]
    steps = warmup_sets(exercise, weight, profile)
    weights = [s.weight_kg for s in steps]
    assert weights == sorted(set(weights))
    assert all(w < weight for w in weights)
    implement = implement_for(exercise)
    assert all(is_loadable(w, implement, profile) for w in weights)
    assert all(w in loads_kg(implement, profile) for w in weights)
    for s in steps:
        if implement.uses_bar:
            assert s.plates_per_side is not None
