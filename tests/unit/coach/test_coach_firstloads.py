"""A new lifter's first loads without a body weight: a conservative start for their level, not
the lightest load (5 kg on a leg press for an intermediate), and never heavier than the start
their own body weight would give once they enter it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from coachkit import TODAY, Rx
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog import load_catalog
from redwood.coach.loading import LoadingProfile, default_profile, implement_for, loads_kg
from redwood.coach.progression import Decision, next_target
from redwood.coach.start import starting_load
from redwood.domain.vocabulary import Level
from redwood.rules.coach import load_coach_rules

RULES = load_coach_rules()
CATALOG = load_catalog()
GYM = default_profile("gym")
HOME = default_profile("home")
KETTLEBELLS = LoadingProfile(kettlebells=(8, 12, 16, 20, 24, 32))
# One lift a family per implement: a machine, a barbell, dumbbells, kettlebells, a cable stack.
LIFTS = [("leg-press", GYM), ("back-squat", GYM), ("deadlift", GYM), ("barbell-row", GYM),
         ("lat-pulldown", GYM), ("seated-leg-curl", GYM), ("calf-raise", GYM),
         ("face-pull", GYM), ("goblet-squat", HOME), ("dumbbell-romanian-deadlift", HOME),
         ("dumbbell-row", HOME), ("kettlebell-deadlift", KETTLEBELLS),
         ("kettlebell-goblet-squat", KETTLEBELLS)]


def lightest(exercise_id: str, profile: LoadingProfile) -> Decimal:
    return loads_kg(implement_for(CATALOG[exercise_id], RULES), profile)[0]


def test_an_intermediate_without_a_body_weight_no_longer_starts_a_leg_press_at_5_kg() -> None:
    t = next_target(CATALOG["leg-press"], Rx(3, 10, 12), [], [], TODAY, GYM,
                    level=Level.INTERMEDIATE, catalog=CATALOG)
    assert t.decision is Decision.START and t.calibrate and t.rep_out
    assert t.weight_kg is not None and t.weight_kg >= Decimal(30)  # 35 kg for 10 at 38 kg
    assert "lightest load" not in t.reason
    assert "a conservative start for an intermediate without a body weight" in t.reason
    assert "enter yours for a closer one" in t.reason


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize(("exercise_id", "profile"), LIFTS, ids=[lift for lift, _ in LIFTS])
def test_without_a_body_weight_each_level_starts_from_its_reference(
        exercise_id: str, profile: LoadingProfile, level: Level) -> None:
    """The start is the one a lifter of the reference body weight gets, says so, calibrates;
    it grows with level and is never below the lightest load."""
    reference = RULES.start.body_weight.reference(level)
    assert reference is not None
    exercise = CATALOG[exercise_id]
    start = starting_load(exercise, 10, profile, level=level, rules=RULES)
    told = starting_load(exercise, 10, profile, level=level, rules=RULES,
                         body_weight_kg=reference)
    assert start.weight_kg == told.weight_kg and start.calibrate
    assert "without a body weight (enter yours for a closer one)" in start.basis
    assert start.weight_kg is not None and start.weight_kg >= lightest(exercise_id, profile)
    if level is not Level.BEGINNER:
        below = list(Level)[list(Level).index(level) - 1]
        easier = starting_load(exercise, 10, profile, level=below, rules=RULES)
        assert easier.weight_kg is not None and easier.weight_kg <= start.weight_kg


def test_intermediate_and_advanced_starts_are_above_the_lightest_load_on_a_machine() -> None:
    for level in (Level.INTERMEDIATE, Level.ADVANCED):
        for exercise_id in ("leg-press", "lat-pulldown", "seated-leg-curl"):
            start = starting_load(CATALOG[exercise_id], 10, GYM, level=level, rules=RULES)
            assert start.weight_kg is not None
            assert start.weight_kg > lightest(exercise_id, GYM), (exercise_id, level)


@settings(max_examples=300, deadline=None)
@given(
    lift=st.sampled_from(LIFTS),
    level=st.sampled_from(list(Level)),
    reps=st.integers(1, 20),
    extra=st.decimals(min_value=0, max_value=200, places=1),
)
def test_never_heavier_than_the_start_from_a_body_weight_at_or_above_the_reference(
        lift: tuple[str, LoadingProfile], level: Level, reps: int, extra: Decimal) -> None:
    exercise_id, profile = lift
    reference = RULES.start.body_weight.reference(level)
    assert reference is not None
    exercise = CATALOG[exercise_id]
    blind = starting_load(exercise, reps, profile, level=level, rules=RULES)
    told = starting_load(exercise, reps, profile, level=level, rules=RULES,
                         body_weight_kg=reference + extra)
    assert blind.weight_kg is not None and told.weight_kg is not None
    assert blind.weight_kg <= told.weight_kg


def test_a_lift_in_no_family_still_starts_at_the_lightest_load() -> None:
    """No ratio ties a leg extension to body weight: the lightest load, said so."""
    start = starting_load(CATALOG["leg-extension"], 10, GYM, level=Level.INTERMEDIATE,
                          rules=RULES)
    assert start.weight_kg == lightest("leg-extension", GYM)
    assert start.basis == "the lightest load you have"
