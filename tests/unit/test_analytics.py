"""The analytics series: e1RM per day with PRs, weekly hard sets, consistency, smoothing."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.catalog import load_catalog
from redwood.coach.analytics import (
    body_weight_series,
    consistent_runs,
    daily_sets,
    e1rm_series,
    least_squares_slope,
    moving_average,
    sleep_series,
    streaks,
    target_band,
    training_days,
    week_start,
    weekly_sets,
)
from redwood.domain.log import CheckIn, LoggedSet, SetKind, Workout
from redwood.domain.vocabulary import Goal, Level
from redwood.rules import load_rules

MON = dt.date(2027, 3, 1)  # a Monday
CATALOG = load_catalog()


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def s(ex: str, kg: float | None, reps: int, kind: SetKind = SetKind.WORKING) -> LoggedSet:
    return LoggedSet(ex, None if kg is None else Decimal(str(kg)), reps, kind=kind)


def mean_e1rm(kg: float, reps: int) -> Decimal:
    """Epley and Brzycki averaged, written out here independently of the coach."""
    w = Decimal(str(kg))
    if reps == 1:
        return w
    value = (w * (1 + Decimal(reps) / 30) + w * 36 / (37 - Decimal(reps))) / 2
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def test_e1rm_series_takes_each_days_best_set_and_marks_prs() -> None:
    log = [
        Workout(day(0), (s("back-squat", 60, 10, SetKind.WARMUP), s("back-squat", 100, 5),
                         s("back-squat", 90, 8))),
        Workout(day(3), (s("back-squat", 102.5, 5), s("deadlift", 200, 1))),
        Workout(day(7), (s("back-squat", 100, 5),)),
        Workout(day(7), (s("back-squat", 105, 3),)),  # a second workout the same day
        Workout(day(10), (s("back-squat", 110, 1),)),
    ]
    series = e1rm_series(reversed(log), "back-squat")  # any order in, oldest first out
    assert [p.date for p in series] == [day(0), day(3), day(7), day(10)]
    best0 = max(mean_e1rm(100, 5), mean_e1rm(90, 8))
    assert series[0].e1rm_kg == best0 and not series[0].is_pr
    assert series[1].e1rm_kg == mean_e1rm(102.5, 5) and series[1].is_pr
    assert series[2].e1rm_kg == max(mean_e1rm(100, 5), mean_e1rm(105, 3))
    winner = (100, 5) if mean_e1rm(100, 5) > mean_e1rm(105, 3) else (105, 3)
    assert (series[2].weight_kg, series[2].reps) == (Decimal(winner[0]), winner[1])
    assert series[3].e1rm_kg == Decimal("110") and series[3].is_pr is (Decimal(110) > max(
        p.e1rm_kg for p in series[:3]))


def test_e1rm_series_skips_warmups_bodyweight_and_long_sets() -> None:
    log = [Workout(day(0), (s("back-squat", 60, 5, SetKind.WARMUP), s("back-squat", None, 10),
                            s("back-squat", 40, 20)))]
    assert e1rm_series(log, "back-squat") == []
    assert e1rm_series([], "back-squat") == []


def test_weekly_sets_counts_hard_sets_by_region_and_muscle_with_empty_weeks() -> None:
    log = [
        Workout(day(0), (s("back-squat", 60, 5, SetKind.WARMUP), s("back-squat", 100, 5),
                         s("back-squat", 100, 5), s("barbell-row", 60, 8))),
        Workout(day(2), (s("deadlift", 140, 5, SetKind.FAILURE), s("back-squat", 80, 8,
                                                                      SetKind.DROP))),
        Workout(day(15), (s("pull-up", None, 8),)),
        Workout(day(3), (s("no-such-exercise", 10, 10),)),
    ]
    weeks = weekly_sets(log, CATALOG, MON, day(20))
    assert [w.week_start for w in weeks] == [MON, day(7), day(14)]
    assert [w.days for w in weeks] == [7, 7, 7]
    first, empty, third = weeks
    assert first.by_region == {"legs": 4, "back": 1, "core": 0, "full-body": 0}
    assert first.legs == 4 and first.back == 1
    assert empty.by_region == {"legs": 0, "back": 0, "core": 0, "full-body": 0}
    assert empty.by_muscle == {}
    # back-squat x3: quads, glutes 1 each; hamstrings, adductors, lower back 0.5 each.
    # deadlift x1: hamstrings, glutes, lower back 1; quads, traps, forearms, middle back 0.5.
    # barbell-row x1: middle back, lats 1; biceps, shoulders, lower back 0.5.
    assert first.by_muscle["quadriceps"] == 3 + 0.5
    assert first.by_muscle["glutes"] == 3 + 1
    assert first.by_muscle["hamstrings"] == 1.5 + 1
    assert first.by_muscle["lower back"] == 1.5 + 1 + 0.5
    assert first.by_muscle["middle back"] == 0.5 + 1
    assert third.back == 1 and third.by_muscle["lats"] == 1


def test_weekly_sets_clips_partial_weeks_to_the_span() -> None:
    log = [Workout(day(0), (s("back-squat", 100, 5),)), Workout(day(9), (s("deadlift", 100, 5),))]
    weeks = weekly_sets(log, CATALOG, day(2), day(9))
    assert [(w.week_start, w.days, w.legs) for w in weeks] == [(MON, 5, 0), (day(7), 3, 1)]
    assert weekly_sets(log, CATALOG, day(9), day(2)) == []


def test_training_days_streaks_and_runs() -> None:
    # Three weeks twice a week, a 10-day gap, then two sessions.
    days_ = [day(n) for n in (0, 3, 7, 10, 14, 17, 27, 30)]
    log = [Workout(d, (s("back-squat", 100, 5),)) for d in days_]
    log.append(Workout(day(40), (s("back-squat", 20, 5, SetKind.WARMUP),)))  # warm-ups only
    assert training_days(log) == days_
    runs = consistent_runs(days_)
    assert [(r.start, r.end, r.sessions, r.days) for r in runs] == [
        (day(0), day(17), 6, 18), (day(27), day(30), 2, 4)]
    assert streaks(days_, day(30)) == (4, 18)
    assert streaks(days_, day(38)) == (0, 18)  # more than a week since: the run is over
    assert streaks(days_, day(36)) == (4, 18)
    assert streaks([], day(1)) == (0, 0)
    assert streaks(days_[:3], max_gap_days=3) == (1, 4)


def test_a_run_says_when_it_reached_a_length() -> None:
    days_ = [day(n) for n in range(0, 40, 3)]
    (run,) = consistent_runs(days_)
    assert run.reached(30, days_) == day(30)  # the first training day at or past day 29
    assert run.reached(60, days_) is None


def test_daily_sets_fill_rest_days() -> None:
    log = [Workout(day(1), (s("back-squat", 100, 5), s("back-squat", 50, 5, SetKind.WARMUP)))]
    cal = daily_sets(log, MON, day(2))
    assert [(c.date, c.sets) for c in cal] == [(MON, 0), (day(1), 1), (day(2), 0)]


def test_moving_average_is_a_trailing_calendar_window() -> None:
    points = [(day(0), 80.0), (day(1), 82.0), (day(2), 81.0), (day(10), 79.0)]
    smooth = moving_average(points, days=3)
    assert smooth == [(day(0), 80.0), (day(1), 81.0), (day(2), 81.0), (day(10), 79.0)]
    with pytest.raises(ValueError):
        moving_average(points, days=0)


@given(st.lists(st.tuples(st.integers(0, 60), st.floats(40, 200)), max_size=40),
       st.integers(1, 14))
@settings(max_examples=60, deadline=None)
def test_moving_average_matches_a_brute_force_mean(raw: list[tuple[int, float]], n: int) -> None:
    points = [(day(d), v) for d, v in raw]
    got = moving_average(points, days=n)
    ordered = sorted(points, key=lambda p: p[0])
    assert [d for d, _ in got] == [d for d, _ in ordered]
    for i, (d, value) in enumerate(got):
        window = [v for j, (e, v) in enumerate(ordered) if j <= i and (d - e).days < n]
        assert value == pytest.approx(statistics.fmean(window))


def test_least_squares_slope_matches_statistics() -> None:
    points = [(day(0), Decimal(100)), (day(3), Decimal(103)), (day(7), Decimal(104)),
              (day(14), Decimal(110))]
    expected = statistics.linear_regression([0, 3, 7, 14], [100, 103, 104, 110]).slope
    assert least_squares_slope(points) == pytest.approx(expected)
    assert least_squares_slope(points[:1]) is None
    assert least_squares_slope([(day(0), 1.0), (day(0), 2.0)]) is None


def test_check_in_series_and_target_band() -> None:
    checkins = [CheckIn(day(1), body_weight_kg=Decimal("80.5"), sleep_hours=Decimal("7.5")),
                CheckIn(day(0), sleep_hours=Decimal(6))]
    assert body_weight_series(checkins) == [(day(1), Decimal("80.5"))]
    assert sleep_series(checkins) == [(day(0), Decimal(6)), (day(1), Decimal("7.5"))]
    rules = load_rules()
    assert target_band(rules, Level.BEGINNER) == rules.volume.beginner
    low, _ = target_band(rules, Level.BEGINNER, Goal.HYPERTROPHY)
    assert low == max(rules.volume.beginner[0], rules.volume.hypertrophy_min_sets)


def test_week_start_is_monday() -> None:
    assert week_start(day(6)) == MON and week_start(MON) == MON
