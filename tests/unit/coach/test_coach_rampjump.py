"""A strong new lifter reaches a real working load in the first session ([start.ramp]).

Set 1 of a first session from a body weight is light on purpose, and each next set's load
comes from the set just logged. Read by Epley with reps in reserve, a set rated far from
failure climbs only a tenth or so a set: the scale names a reserve only down to RPE 5 (5-6 is
4-6 in reserve; 3-4 "light effort" and 1-2 "little to no effort" name none: Zourdos et al.
2016, Helms et al. 2016), and counts that far from failure are off by more than 2 reps
(Hackett et al. 2017). So a squatter of 150 kg who logged the empty bar x 10 as nothing ended
the session at 32 kg. Now a set of little to no effort takes a fixed jump, twice its load,
and the sets nearer the target are read by Epley as before: big jumps while the sets are
effortless, smaller ones near the target, never past it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_coach_firstramp import (
    CATALOG,
    GYM,
    LIFTS,
    RANGES,
    RULES,
    TRAINED,
    Rx,
    first_session,
    rpe9_load,
)

from redwood.coach.loading import implement_for, loads_kg
from redwood.coach.ramp import next_set
from redwood.coach.start import starting_load
from redwood.domain.vocabulary import Level
from simlifter import Lifter, reps_possible

RAMP = RULES.start.ramp
assert RAMP is not None
GRID = [float(x) / 2 for x in range(2, 21)]  # RPE 1 to 10 in half steps


def true_load(e1rm: float, low: int) -> float:
    """The heaviest load for `low` + 2 reps (Epley): about RPE 8 at the bottom of the range,
    the working load the ramp looks for."""
    return e1rm / (1 + (low + 2) / 30)


def epley_bound(weight: Decimal, reps: int, rpe: float, low: int) -> Decimal:
    """The load for `low` at the ramp's RPE from the set read by Epley, its reserve counted
    as `rpe` says and never more than [start.ramp] lightest_rpe's: what the set has shown."""
    effort = max(rpe, RAMP.lightest_rpe)
    counted = min(reps, RULES.calibration.max_read_reps)
    e1rm = weight * (1 + (Decimal(counted) + Decimal(str(10 - effort))) / 30)
    return e1rm / (1 + (Decimal(low) + Decimal(str(10 - RAMP.target_rpe))) / 30)


a_set = st.tuples(
    st.sampled_from(LIFTS), st.sampled_from(RANGES), st.integers(0, 40), st.integers(0, 30))


def drawn(case: tuple) -> tuple:
    """A lift, the bottom of its range, a load the kit has, and reps from the bottom up."""
    (exercise_id, profile, _), (low, _high), pick, more = case
    exercise = CATALOG[exercise_id]
    loads = loads_kg(implement_for(exercise, RULES), profile)
    return exercise, profile, low, loads[min(pick, len(loads) - 1)], low + more


@settings(max_examples=300, deadline=None)
@given(case=a_set, rpes=st.tuples(st.sampled_from(GRID), st.sampled_from(GRID)))
def test_an_easier_set_is_never_followed_by_a_lighter_next_set(case: tuple,
                                                              rpes: tuple) -> None:
    exercise, profile, low, weight, reps = drawn(case)
    easier, harder = sorted(rpes)
    a = next_set(exercise, profile, weight, reps, Decimal(str(easier)), low=low,
                 rules=RULES).weight_kg
    b = next_set(exercise, profile, weight, reps, Decimal(str(harder)), low=low,
                 rules=RULES).weight_kg
    assert a >= b, (weight, reps, easier, a, harder, b)


@settings(max_examples=300, deadline=None)
@given(case=a_set, rpe=st.sampled_from(GRID))
def test_a_step_is_bounded_by_what_the_set_showed(case: tuple, rpe: float) -> None:
    """Above "little to no effort" the next set is never heavier than Epley reads the set at
    the scale's lowest named reserve (or the load itself); after a set of little to no effort
    it is at most little_jump times the load (or that reading, when it is more); and a set
    rated under the aim is never followed by a lighter one."""
    exercise, profile, low, weight, reps = drawn(case)
    got = next_set(exercise, profile, weight, reps, Decimal(str(rpe)), low=low,
                   rules=RULES).weight_kg
    read = epley_bound(weight, reps, rpe, low)
    if rpe > RAMP.little_rpe:
        assert got <= max(weight, read), (weight, reps, rpe, got, read)
    else:
        assert got <= max(weight * Decimal(str(RAMP.little_jump)), read), (weight, reps, got)
    if rpe <= RAMP.target_rpe + 1:
        assert got >= weight


def test_a_set_of_little_to_no_effort_doubles_and_says_why() -> None:
    """The brief's lifter: the empty bar x 5 as nothing, 4-6 reps. The next set is twice it
    and the lifter is told why the jump is big; RPE 4 ("light effort") is read as 6 in
    reserve, a smaller step; RPE 7, near the aim, Epley's step and its reason."""
    squat = CATALOG["back-squat"]
    big = next_set(squat, GYM, Decimal(20), 5, Decimal(2), low=4, rules=RULES)
    assert big.weight_kg == Decimal(40)
    assert "little to no effort" in big.why and "big jump to 40 kg" in big.why, big.why
    light = next_set(squat, GYM, Decimal(40), 5, Decimal(4), low=4, rules=RULES)
    assert Decimal(40) < light.weight_kg < Decimal(50)
    assert "light, read as 6 in reserve and no more" in light.why, light.why
    near = next_set(squat, GYM, Decimal(80), 5, Decimal(7), low=4, rules=RULES)
    assert Decimal(80) < near.weight_kg <= Decimal(84)
    assert "about 3 in reserve" in near.why and "smaller the step" in near.why, near.why
    held = next_set(CATALOG["seated-leg-curl"], GYM, Decimal(10), 12, Decimal(4), low=10,
                     rules=RULES)
    assert held.weight_kg == Decimal(10) and "bigger step than this set" in held.why


@pytest.mark.parametrize(("reserve_to", "rpe"), [(5, 5), (6, 5), (7, 4), (30, 4)])
def test_the_simulated_lifter_rates_on_the_scale(reserve_to: int, rpe: int) -> None:
    """tests/simlifter.py's honest lifter: 5-6 in reserve is the scale's "5-6", more is
    "light effort" (4), and the empty bar for a 150 kg squatter "little to no effort" (2)."""
    lifter = Lifter("x", {"back-squat": 150.0}, dt.date(2027, 1, 4))
    whole = 10 + reserve_to
    weight = 150.0 / (1 + whole / 30)
    assert lifter.felt(150.0, weight, 10, whole) == rpe
    assert lifter.felt(150.0, 20.0, 10, 195) == 2


# Lifters of three strengths over a novice's (as bench/coach_audit.py draws them)
STRENGTHS = {"weak": (0.5, 0.7), "median": (1.0, 1.5), "strong": (2.0, 2.5, 3.0)}


def test_lifters_of_every_strength_end_the_first_session_nearer_their_working_load() -> None:
    """Every lift and kit of the audit, every range, a beginner and an intermediate at 60, 85
    and 110 kg, honest RPE, 3 sets: the last set of session 1 as a share of the lifter's true
    working load (RPE 8 at the bottom of the range). Before the jump the strong lifters ended
    at a median 0.17 of it and the median ones at 0.33 (Epley on RPE 5 climbed a tenth a
    set); now every strength ends at least near half of it (0.65 / 0.51 / 0.47), and no
    set of any lifter passes the true RPE 9 load. Left out, as in the audit: lifters the
    kit cannot load, and those the start without a body weight already overshoots."""
    medians = {}
    for group, multiples in STRENGTHS.items():
        shares = []
        for (exercise_id, profile, novice), (low, high), level, bw, times in itertools.product(
                LIFTS, RANGES, list(TRAINED), (60, 85, 110), multiples):
            e1rm = novice * times * TRAINED[level]
            exercise = CATALOG[exercise_id]
            loads = loads_kg(implement_for(exercise, RULES), profile)
            unknown = starting_load(exercise, low, profile, level=level, rules=RULES).weight_kg
            assert unknown is not None
            if max(float(loads[0]), float(unknown)) > rpe9_load(e1rm, low) or float(
                    loads[-1]) < true_load(e1rm, low):
                continue
            _, sets = first_session(exercise_id, profile, e1rm, level, Decimal(bw),
                                    Rx(3, low, high))
            for s in sets:
                assert float(s.weight_kg) <= rpe9_load(e1rm, low), (exercise_id, e1rm, sets)
            assert reps_possible(e1rm, float(sets[0].weight_kg)) >= low + 1
            shares.append(float(sets[-1].weight_kg) / true_load(e1rm, low))
        medians[group] = statistics.median(shares)
    assert all(m >= 0.45 for m in medians.values()), medians
    assert medians["strong"] >= 2 * 0.17, medians


def test_a_strong_squatter_jumps_while_the_sets_are_effortless() -> None:
    """A 150 kg back squat e1RM at 96 kg body weight, 8-10 reps (working load about 112 kg):
    set 1 is light on purpose and logged as nothing, set 2 twice it, and the set after a
    light one a smaller step; before, the same session went 26 -> 28.5 -> 32 kg."""
    _, sets = first_session("back-squat", GYM, 150.0, Level.INTERMEDIATE, Decimal(96),
                            Rx(3, 8, 10))
    loads = [s.weight_kg for s in sets]
    assert sets[0].rpe == Decimal(2) and loads[1] == 2 * loads[0], sets
    assert loads[1] < loads[2] <= loads[1] * Decimal("1.16"), loads
    assert float(loads[-1]) >= 0.5 * true_load(150.0, 8), loads
