"""Plate math and rounding to what a location can load, in kg and in pounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from coachkit import kg, plain_gym
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.loading import (
    Implement,
    LoadingProfile,
    default_profile,
    display_weight,
    implement_for,
    in_profile_unit,
    is_loadable,
    loads_kg,
    nearest_loadable,
    plates_per_side,
    round_to_loadable,
    step_up,
)
from redwood.domain.log import Unit, from_kg
from redwood.domain.vocabulary import Equipment

GYM = plain_gym()  # 2.5 kg is the smallest step on the bar
DEFAULT_GYM = default_profile("gym")
GYM_LB = LoadingProfile(
    name="plain lb gym", unit=Unit.LB, bar=Decimal(45),
    plates=tuple((Decimal(str(p)), n) for p, n in ((45, 6), (35, 2), (25, 2), (10, 2), (5, 2),
                                                    (2.5, 2))),
)
HOME = default_profile("home")
OUTDOOR = default_profile("outdoor")


@pytest.mark.parametrize(
    ("total", "plates"),
    [
        (20, []),
        (60, ["20"]),
        (100, ["25", "15"]),
        (102.5, ["25", "15", "1.25"]),
        (142.5, ["25", "25", "10", "1.25"]),
        (22.5, ["1.25"]),
    ],
)
def test_plates_per_side_in_a_gym(total, plates) -> None:
    assert plates_per_side(total, GYM) == [kg(p) for p in plates]


@pytest.mark.parametrize("total", [10, 21, 101, 22.4])
def test_no_plates_for_what_cant_be_loaded_exactly(total) -> None:
    assert plates_per_side(total, GYM) is None


def test_no_plates_without_a_bar() -> None:
    assert plates_per_side(60, HOME) is None
    assert plates_per_side(60, HOME, bar=20) is None  # no plates at home either
    assert plates_per_side(60, GYM, bar=15) == [kg(20), kg("2.5")]


def test_plates_owned_limit_the_load_and_beat_plain_greedy() -> None:
    # One 25 and two 15s, nothing smaller: 30 a side is 15 + 15, though greedy would take the 25.
    few = LoadingProfile(bar=kg(20), plates=((kg(25), 1), (kg(15), 2)))
    assert plates_per_side(80, few) == [kg(15), kg(15)]
    assert plates_per_side(70, few) == [kg(25)]
    assert plates_per_side(130, few) == [kg(25), kg(15), kg(15)]
    assert plates_per_side(140, few) is None  # 60 a side needs more than is owned


def test_pound_plates() -> None:
    assert plates_per_side(135, GYM_LB) == [kg(45)]
    assert plates_per_side(225, GYM_LB) == [kg(45), kg(45)]
    assert plates_per_side(185, GYM_LB) == [kg(45), kg(25)]
    assert plates_per_side(190, GYM_LB) == [kg(45), kg(25), kg("2.5")]


@pytest.mark.parametrize(
    ("total", "direction", "expected"),
    [
        (101, "nearest", 100),
        (101.5, "nearest", "102.5"),
        (101.25, "nearest", 100),  # a tie rounds down
        (101, "up", "102.5"),
        (101, "down", 100),
        (15, "down", None),
        (15, "up", 20),
        (10000, "up", None),
    ],
)
def test_nearest_loadable(total, direction, expected) -> None:
    got = nearest_loadable(total, GYM, direction)
    assert got == (None if expected is None else kg(expected))


def test_fractional_plates_make_finer_steps() -> None:
    micro = LoadingProfile(bar=kg(20), plates=((kg(20), 2), (kg("1.25"), 1), (kg("0.25"), 2)))
    assert step_up(kg(60), Implement.BARBELL, micro) == kg("60.5")
    assert step_up(kg(60), Implement.BARBELL, GYM) == kg("62.5")


def test_the_default_gym_has_fractional_plates_so_a_bare_bar_can_climb_5_percent() -> None:
    assert plates_per_side(21, DEFAULT_GYM) == [kg("0.5")]
    assert step_up(kg(20), Implement.BARBELL, DEFAULT_GYM) == kg(21)
    lb = default_profile("gym", "lb")
    assert step_up(lb.to_kg(50), Implement.BARBELL, lb) == lb.to_kg("52.5")


@pytest.mark.parametrize(
    ("equipment", "weight", "expected"),
    [
        ((Equipment.BARBELL,), "61", "60"),
        ((Equipment.DUMBBELL,), "13.6", "12.5"),
        ((Equipment.DUMBBELL, Equipment.BENCH), "14", "15"),
        ((Equipment.MACHINE,), "47", "45"),
        ((Equipment.CABLE,), "46.5", "47.5"),
        ((Equipment.KETTLEBELL,), "18", "16"),  # 16 and 20 tie: down
        ((Equipment.TRAP_BAR,), "24", "25"),
        ((Equipment.RESISTANCE_BAND,), "10", None),
    ],
)
def test_round_to_loadable_picks_the_implement(equipment, weight, expected) -> None:
    got = round_to_loadable(kg(weight), equipment, GYM)
    assert got == (None if expected is None else kg(expected))


def test_each_location_loads_what_it_has() -> None:
    assert loads_kg(Implement.DUMBBELL, HOME)[0] == kg("2.5")
    assert loads_kg(Implement.DUMBBELL, HOME)[-1] == kg(25)
    assert round_to_loadable(kg(40), (Equipment.DUMBBELL,), HOME) == kg(25)
    assert loads_kg(Implement.BARBELL, HOME) == ()
    for implement in Implement:
        assert loads_kg(implement, OUTDOOR) == ()
    assert round_to_loadable(kg(40), (Equipment.BARBELL,), OUTDOOR) is None


def test_how_exercises_are_loaded(catalog) -> None:
    assert implement_for(catalog["back-squat"]) is Implement.BARBELL
    assert implement_for(catalog["hip-thrust"]) is Implement.BARBELL
    assert implement_for(catalog["goblet-squat"]) is Implement.DUMBBELL
    assert implement_for(catalog["lat-pulldown"]) is Implement.CABLE
    assert implement_for(catalog["pull-up"]) is Implement.BODYWEIGHT
    assert implement_for(catalog["inverted-row"]) is Implement.BODYWEIGHT  # a bar, no load
    assert implement_for(catalog["band-assisted-pull-up"]) is Implement.BODYWEIGHT
    assert implement_for(catalog["assisted-pull-up"]) is Implement.ASSISTED_MACHINE
    assert implement_for(catalog["band-pull-apart"]) is Implement.BAND
    assert implement_for(catalog["box-squat"]) is Implement.BODYWEIGHT


def test_pound_loads_convert_exactly_and_show_as_typed() -> None:
    weight = round_to_loadable(kg(100), (Equipment.BARBELL,), GYM_LB)
    assert weight == kg("99.79")  # 220 lb, stored to 0.01 kg
    assert in_profile_unit(weight, Implement.BARBELL, GYM_LB) == kg(220)
    assert display_weight(weight, GYM_LB) == "220 lb"
    assert from_kg(weight, Unit.LB) == kg("220.00")
    assert step_up(weight, Implement.BARBELL, GYM_LB) == GYM_LB.to_kg(225)
    assert is_loadable(GYM_LB.to_kg(225), Implement.BARBELL, GYM_LB)
    assert not is_loadable(kg(100), Implement.BARBELL, GYM_LB)


def test_display_weight() -> None:
    assert display_weight(kg("102.50"), Unit.KG) == "102.5 kg"
    assert display_weight(kg("100.00"), Unit.KG) == "100 kg"
    assert display_weight(GYM_LB.to_kg("47.5"), Unit.LB) == "47.5 lb"


def test_a_profile_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="plate"):
        LoadingProfile(bar=kg(20), plates=((kg(-5), 2),))
    with pytest.raises(ValueError, match="bar"):
        LoadingProfile(bar=kg(0))
    with pytest.raises(ValueError, match="negative"):
        LoadingProfile(dumbbells=(kg(-1),))


def test_a_profile_takes_plain_numbers() -> None:
    home_bar = LoadingProfile(bar=20, plates=((10, 2), (5, 1)), dumbbells=(10, 5))  # type: ignore[arg-type]
    assert home_bar.dumbbells == (kg(5), kg(10))
    assert plates_per_side(50, home_bar) == [kg(10), kg(5)]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 4000).map(lambda q: Decimal(q) / 4), st.sampled_from([GYM, GYM_LB]))
def test_plates_always_add_up_to_the_total(total: Decimal, profile: LoadingProfile) -> None:
    plates = plates_per_side(total, profile)
    loadable = nearest_loadable(total, profile) == total
    assert (plates is not None) == loadable
    if plates is not None:
        assert profile.bar is not None
        assert profile.bar + 2 * sum(plates, Decimal(0)) == total
        assert plates == sorted(plates, reverse=True)
        owned = dict(profile.plates)
        assert all(plates.count(p) <= owned[p] for p in set(plates))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 3000).map(lambda q: Decimal(q) / 10),
    st.sampled_from(list(Implement)),
    st.sampled_from([GYM, GYM_LB, HOME]),
    st.sampled_from(["down", "up", "nearest"]),
)
def test_rounding_lands_on_a_load_in_the_right_direction(weight, implement, profile, direction):
    got = round_to_loadable(weight, implement, profile, direction)
    if got is None:
        return
    assert is_loadable(got, implement, profile)
    slack = Decimal("0.005")
    if direction == "down":
        assert got <= weight + slack
    if direction == "up":
        assert got >= weight - slack
