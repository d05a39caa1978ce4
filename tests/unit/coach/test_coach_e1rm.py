"""Estimated 1RM: Epley, Brzycki, their mean, and the RPE chart when an effort is logged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from coachkit import kg
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.coach.e1rm import (
    best_e1rm,
    brzycki,
    epley,
    estimate_1rm,
    load_for_reps,
    percent_of_1rm,
    set_e1rm,
)
from redwood.domain.log import LoggedSet, SetKind


@pytest.mark.parametrize(
    ("weight", "reps", "epley_kg", "brzycki_kg"),
    [
        (100, 1, "103.33", "100.00"),
        (100, 5, "116.67", "112.50"),
        (100, 10, "133.33", "133.33"),
        (60, 12, "84.00", "86.40"),
    ],
)
def test_epley_and_brzycki_match_their_formulas(weight, reps, epley_kg, brzycki_kg) -> None:
    assert epley(kg(weight), reps) == kg(epley_kg)
    assert brzycki(kg(weight), reps) == kg(brzycki_kg)


@pytest.mark.parametrize("reps", [0, 13, 20, -1])
def test_no_estimate_outside_one_to_twelve_reps(reps: int) -> None:
    assert epley(kg(100), reps) is None
    assert brzycki(kg(100), reps) is None
    assert estimate_1rm(kg(100), reps) is None


def test_no_estimate_without_a_weight() -> None:
    assert estimate_1rm(kg(0), 5) is None
    assert set_e1rm(LoggedSet("pull-up", None, 8)) is None


def test_the_combined_estimate_is_the_mean_and_a_single_is_its_own_max() -> None:
    assert estimate_1rm(kg(100), 1) == kg(100)
    assert estimate_1rm(kg(100), 5) == kg("114.58")  # (116.67 + 112.50) / 2
    assert estimate_1rm(kg(100), 10) == kg("133.33")


def test_an_rpe_uses_the_chart() -> None:
    # 5 reps at RPE 8 is 81.1% of 1RM: 100 / 0.811
    assert estimate_1rm(kg(100), 5, rpe=8) == kg("123.30")
    assert estimate_1rm(kg(100), 3, rpe=Decimal(9)) == kg("112.11")
    # RIR 2 is RPE 8
    assert estimate_1rm(kg(100), 5, rir=2) == estimate_1rm(kg(100), 5, rpe=8)
    # Off the chart (RPE 5): back to the formulas
    assert estimate_1rm(kg(100), 5, rpe=5) == estimate_1rm(kg(100), 5)


def test_warmups_never_estimate_and_failed_sets_ignore_their_rpe() -> None:
    assert set_e1rm(LoggedSet("back-squat", kg(100), 5, kind=SetKind.WARMUP)) is None
    failed = LoggedSet("back-squat", kg(100), 5, rpe=kg(7), completed=False)
    assert set_e1rm(failed) == estimate_1rm(kg(100), 5)


def test_load_for_reps_inverts_the_chart() -> None:
    assert percent_of_1rm(5, 8) == kg("0.811")
    assert load_for_reps(kg(100), 5, 8) == kg("81.10")
    # Past the chart: inverse Epley on reps plus reps in reserve
    assert load_for_reps(kg(100), 15, 10) == kg("66.67")


def test_best_e1rm_picks_each_exercises_best() -> None:
    log = [
        LoggedSet("back-squat", kg(100), 5),
        LoggedSet("back-squat", kg(90), 10),
        LoggedSet("back-squat", kg(140), 1, kind=SetKind.WARMUP),
        LoggedSet("back-squat", kg(60), 20),
        LoggedSet("deadlift", kg(120), 5, rpe=kg(8)),
        LoggedSet("pull-up", None, 10),
    ]
    assert best_e1rm(log) == {"back-squat": kg("120.00"), "deadlift": kg("147.97")}


_set = st.builds(
    LoggedSet,
    st.sampled_from(["a", "b", "c"]),
    st.one_of(st.none(), st.integers(1, 4000).map(lambda q: Decimal(q) / 4)),
    st.one_of(st.none(), st.integers(0, 20)),
    rpe=st.one_of(st.none(), st.sampled_from([Decimal(x) / 2 for x in range(10, 21)]), st.just(
        Decimal("8.3"))),
    rir=st.one_of(st.none(), st.integers(0, 5)),
    kind=st.sampled_from(list(SetKind)),
    completed=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_set, max_size=40))
def test_the_fast_path_agrees_with_set_by_set(log: list[LoggedSet]) -> None:
    expected: dict[str, Decimal] = {}
    for s in log:
        e = set_e1rm(s)
        if e is not None and e > expected.get(s.exercise_id, Decimal(0)):
            expected[s.exercise_id] = e
    got = best_e1rm(log)
    assert got.keys() == expected.keys()
    for ex, value in expected.items():
        assert abs(got[ex] - value) <= Decimal("0.01")
