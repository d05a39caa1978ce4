"""Simulated lifters over 12 weeks through the pure coach (issue 11): with a hidden true
strength, each does Today's targets as the body allows (simlifter.py). From an exercise's 4th
session (a novice: 6th) the target is in the working range in at least 85% (novice 70%) of
sessions, and once calibrated no week goes up more than 5% but for the light-load step.

The program is a generated plan's mix: barbell, trap bar, dumbbell, cable and machine lifts in
8-10 and 10-12 ranges, two to three times a week; the loads are the default gym's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from coachkit import Rx
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.e1rm import best_e1rm, estimate_1rm
from redwood.coach.loading import default_profile, implement_for, loads_kg, step_up
from redwood.coach.progression import next_target
from redwood.coach.start import find_related
from redwood.domain.log import LoggedSet
from redwood.domain.vocabulary import Level
from simlifter import (
    Done,
    Lifter,
    calibration_sessions,
    jumps_after_calibration,
    share_in_range,
)

GYM = default_profile("gym")
START = dt.date(2027, 1, 4)  # a Monday
WEEKS = 12
PROGRAM = [  # exercise, prescription, weekdays (Monday 0)
    ("back-squat", Rx(2, 8, 10), (0, 2, 4)),
    ("chest-supported-row", Rx(3, 8, 10), (0, 2, 4)),
    ("deadlift", Rx(3, 8, 10), (0,)),
    ("trap-bar-deadlift", Rx(3, 8, 10), (4,)),
    ("dumbbell-romanian-deadlift", Rx(3, 8, 10), (2,)),
    ("lat-pulldown", Rx(3, 8, 10), (2,)),
    ("reverse-machine-fly", Rx(2, 10, 12), (0, 4)),
    ("seated-leg-curl", Rx(3, 10, 12), (2,)),
    ("face-pull", Rx(2, 10, 12), (0, 4)),
    ("dumbbell-step-up", Rx(3, 8, 12), (2,)),
    ("pallof-press", Rx(3, 10, 12), (0,)),
]
NOVICE = {  # true e1RM, kg (per dumbbell for dumbbell lifts)
    "back-squat": 60, "chest-supported-row": 22, "deadlift": 80, "trap-bar-deadlift": 85,
    "dumbbell-romanian-deadlift": 25, "lat-pulldown": 50, "reverse-machine-fly": 30,
    "seated-leg-curl": 40, "face-pull": 25, "dumbbell-step-up": 18, "pallof-press": 20,
}
SEASONED = {ex: 2 * e for ex, e in NOVICE.items()}


def loads(catalog, exercise_id):
    return loads_kg(implement_for(catalog[exercise_id]), GYM)


def train_12_weeks(catalog, lifter, program=PROGRAM, *, body_weight=None,
                   level=Level.BEGINNER, weeks=WEEKS) -> list[Done]:
    """Today's target for each planned lift from the history before it (as `redwood today`
    does: a lift never done starts from a related lift's e1RM, a known set is its own), done
    by the lifter and logged."""
    known = {}
    for ex in lifter.known:
        weight, reps = lifter.known_set(ex, loads(catalog, ex))
        known[ex] = estimate_1rm(weight, reps)
    history: list[tuple[dt.date, tuple[LoggedSet, ...]]] = []
    done: list[Done] = []
    for k in range(weeks * 7):
        day = START + dt.timedelta(days=k)
        for ex, rx, weekdays in program:
            if day.weekday() not in weekdays:
                continue
            mine = any(s.exercise_id == ex for _, ss in history for s in ss)
            best = {**best_e1rm(s for _, ss in history for s in ss), **known}
            t = next_target(catalog[ex], rx, history, [], day, GYM, body_weight_kg=body_weight,
                            level=level, related=None if mine else find_related(
                                ex, best, catalog=catalog),
                            known_e1rm=known.get(ex), catalog=catalog)
            d = lifter.train(t.to_dict(), day, loads(catalog, ex), rx.low, rx.high)
            assert d is not None
            done.append(d)
            history.append((day, tuple(LoggedSet(ex, s.weight_kg, s.reps, rpe=s.rpe)
                                       for s in d.sets)))
    return done


def steps(catalog, program=PROGRAM):
    """Each exercise's next loadable step above a load (the light-load rule's step)."""
    def step_of(exercise_id):
        implement = implement_for(catalog[exercise_id])
        return lambda weight: step_up(weight, implement, GYM)

    return {ex: step_of(ex) for ex, _, _ in program}


LIFTERS = {
    # name: (lifter, body weight, level, from session, bar)
    "novice": (Lifter("novice", NOVICE, START, weekly_gain=0.015), None, Level.BEGINNER, 6,
               0.70),
    "seasoned": (Lifter("seasoned", SEASONED, START, types_first_load=True), Decimal(85),
                 Level.INTERMEDIATE, 4, 0.85),
    "known": (Lifter("known", SEASONED, START, weekly_gain=0.005,
                     known=("back-squat", "deadlift", "lat-pulldown", "chest-supported-row",
                            "seated-leg-curl")),
              Decimal(80), Level.INTERMEDIATE, 4, 0.85),
    "no-rpe": (Lifter("no-rpe", NOVICE, START, weekly_gain=0.01, logs_rpe=False), None,
               Level.BEGINNER, 4, 0.85),
}


@pytest.mark.parametrize("name", list(LIFTERS))
def test_simulated_lifters_get_working_targets_through_the_coach(catalog, name) -> None:
    lifter, body_weight, level, from_session, bar = LIFTERS[name]
    done = train_12_weeks(catalog, lifter, body_weight=body_weight, level=level)
    good, counted = share_in_range(done, from_session)
    assert good / counted >= bar, f"{name}: {good}/{counted} targets in the working range"
    assert jumps_after_calibration(done, steps(catalog)) == []
    calibrating = calibration_sessions(done)
    assert max(calibrating.values()) <= 6
    for ex in lifter.known:
        assert calibrating[ex] == 0  # a known set is history


def test_the_lightest_start_reaches_the_working_range_in_a_few_sessions(catalog) -> None:
    """The issue's complaint: 2.5 kg chest-supported rows for 10 weeks. From the lightest
    loads a novice is in the working range by the 5th session of every lift."""
    lifter = Lifter("novice", NOVICE, START, weekly_gain=0.015)
    done = train_12_weeks(catalog, lifter, weeks=5)
    from simlifter import by_exercise, in_range

    for ex, sessions in by_exercise(done).items():
        assert any(in_range(d) for d in sessions[:5]), ex
        assert sessions[-1].target_kg > sessions[0].target_kg, ex


@pytest.mark.slow
# 40 lifters drawn by hypothesis (200 random ones passed while fixing the gaps the search had
# found: a lifter without RPE whose rep-out stopped one rep under the range, read as a miss).
# The draw is fixed for CI (derandomize): run with --hypothesis-seed=random to search further.
@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(
    strength=st.floats(1.2, 3.0),
    gain=st.sampled_from([0.0, 0.005, 0.01, 0.015]),
    logs_rpe=st.booleans(),
    types_first=st.booleans(),
    # novice strengths small enough that three times them is still loadable here; the
    # dumbbell's lightest draw (24 kg e1RM, about 18 kg for 8) keeps the 2.5 kg pair step
    # near 14%: under it the pairs are 17-20% apart and a lifter between two of them has no
    # load in the working range for weeks (a limit of the equipment, not of the coach)
    lift=st.sampled_from([("back-squat", 60.0), ("deadlift", 80.0), ("romanian-deadlift", 60.0),
                          ("dumbbell-romanian-deadlift", 20.0), ("lat-pulldown", 30.0)]),
    rx=st.sampled_from([Rx(3, 8, 10), Rx(3, 6, 8), Rx(2, 10, 12), Rx(3, 5, 8)]),
)
def test_any_lifter_on_a_lift_that_can_be_loaded_finely_gets_working_targets(
    catalog, strength, gain, logs_rpe, types_first, lift, rx
) -> None:
    """Random lifters (half to three times a novice, gaining 0-1.5% a week, with or without
    RPE, typing their own first load or not) on lifts whose loads come in steps small enough
    for the working range: the same bars as the issue's seasoned lifter."""
    ex, base = lift
    lifter = Lifter("any", {ex: base * strength}, START, weekly_gain=gain, logs_rpe=logs_rpe,
                    types_first_load=types_first)
    program = [(ex, rx, (0, 3))]
    done = train_12_weeks(catalog, lifter, program)
    good, counted = share_in_range(done, 4)
    assert good / counted >= 0.85, (good, counted, done)
    assert jumps_after_calibration(done, steps(catalog, program)) == []
