"""Weights are shown in the lifter's unit rounded to what that unit loads (0.5 kg, 1 lb),
while a loadable amount (a quarter of the unit) shows as it is; stored values stay exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.loading import display_weight
from redwood.domain.log import KG_PER_LB, Unit, to_kg


@pytest.mark.parametrize(("kg", "unit", "shown"), [
    ("20", Unit.LB, "44 lb"),          # not "44.09 lb"
    ("60", Unit.LB, "132 lb"),         # not "132.28 lb"
    ("70.84", Unit.LB, "156 lb"),      # a record, not "156.18 lb"
    ("70.84", Unit.KG, "71 kg"),       # not "70.84 kg"
    ("102.06", Unit.LB, "225 lb"),     # 225 lb as stored
    ("62.37", Unit.LB, "137.5 lb"),    # 137.5 lb as stored: a load, kept
    ("61.25", Unit.KG, "61.25 kg"),    # with 1.25 kg plates: a load, kept
    ("102.5", Unit.KG, "102.5 kg"),
])
def test_weights_read_as_the_lifter_loads_them(kg: str, unit: Unit, shown: str) -> None:
    assert display_weight(Decimal(kg), unit) == shown


@settings(max_examples=200, deadline=None)
@given(kg=st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2),
       unit=st.sampled_from(list(Unit)))
def test_a_shown_weight_is_near_the_stored_one_and_loads_in_quarters(kg: Decimal,
                                                                     unit: Unit) -> None:
    text, shown_unit = display_weight(kg, unit).split(" ")
    shown = Decimal(text)
    assert shown_unit == unit.value
    exact = kg if unit is Unit.KG else kg / KG_PER_LB
    step = Decimal("0.5") if unit is Unit.KG else Decimal(1)
    assert abs(shown - exact) <= step / 2 + Decimal("0.02")
    assert (shown * 4) == (shown * 4).to_integral_value()
    # What a lifter types in their unit is shown back as typed.
    typed = (shown * 4).to_integral_value() / 4
    assert display_weight(to_kg(typed, unit), unit) == f"{typed.normalize():f} {unit.value}"


@pytest.mark.parametrize(("exercise_id", "kg", "unit", "shown"), [
    ("assisted-pull-up", "80", Unit.KG, "-80 kg assist"),   # help, not a load of 80 kg
    ("assisted-pull-up", "20", Unit.LB, "-44 lb assist"),
    ("assisted-dip-import", "20", Unit.KG, "-20 kg assist"),
    ("back-squat", "60", Unit.KG, "60 kg"),
    ("back-squat", None, Unit.KG, "bodyweight"),
])
def test_an_assisted_machines_weight_reads_as_help(exercise_id: str, kg: str | None,
                                                   unit: Unit, shown: str) -> None:
    from redwood.render.text import load_text

    assert load_text(exercise_id, None if kg is None else Decimal(kg), unit) == shown
