"""The scheduler: weekdays, focuses and the 48 h rule, across week boundaries."""

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redwood.domain.plan import SessionFocus
from redwood.domain.vocabulary import TRAINED_REGIONS, Weekday
from redwood.planner.schedule import ScheduleError, plan_week, session_dates

MONDAY = dt.date(2027, 1, 4)
W = Weekday


def days(text: str) -> list[Weekday]:
    return [W(d) for d in text.split()]


def test_two_days_default_to_full_body_on_monday_and_thursday() -> None:
    shape = plan_week(MONDAY, days("mon thu"), 2, 2)
    assert shape.weekdays == (W.MON, W.THU)
    assert shape.focuses == (SessionFocus.FULL, SessionFocus.FULL)


def test_back_to_back_days_split_legs_and_back() -> None:
    shape = plan_week(MONDAY, days("mon tue"), 2, 2)
    assert set(shape.focuses) == {SessionFocus.LEGS, SessionFocus.BACK}


def test_six_days_alternate_regions() -> None:
    shape = plan_week(MONDAY, days("mon tue wed thu fri sat"), 6, 2)
    assert SessionFocus.FULL not in shape.focuses
    assert all(a != b for a, b in itertools.pairwise(shape.focuses))


def test_picks_the_best_spread_when_more_weekdays_are_offered() -> None:
    shape = plan_week(MONDAY, list(Weekday), 3, 2)
    assert shape.weekdays == (W.MON, W.WED, W.FRI)
    assert shape.focuses == (SessionFocus.FULL,) * 3


def test_start_midweek_orders_sessions_from_the_start_date() -> None:
    thursday = dt.date(2027, 1, 7)
    shape = plan_week(thursday, days("mon thu"), 2, 2)
    assert shape.weekdays == (W.THU, W.MON)
    assert session_dates(thursday, shape, 1) == [thursday, dt.date(2027, 1, 11)]
    assert session_dates(thursday, shape, 2) == [dt.date(2027, 1, 14), dt.date(2027, 1, 18)]


def test_impossible_spacing_is_explained() -> None:
    # Two sessions a day apart can split, but 72 h between hard sessions on three
    # consecutive days cannot work for both regions.
    with pytest.raises(ScheduleError, match="--on"):
        plan_week(MONDAY, days("mon tue wed"), 3, 3)


@given(
    st.sets(st.sampled_from(list(Weekday)), min_size=2, max_size=7),
    st.integers(2, 6),
    st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
)
@settings(deadline=None)  # the suite asserts no timings: a loaded machine must not fail it
def test_48_hours_hold_for_every_weekday_choice(candidates, n, start) -> None:
    if len(candidates) < n:
        return
    shape = plan_week(start, sorted(candidates, key=lambda w: w.number), n, 2)
    assert len(shape.weekdays) == n
    dates = [d for week in (1, 2, 3) for d in session_dates(start, shape, week)]
    focuses = list(shape.focuses) * 3
    assert len(set(dates)) == len(dates)
    for region in TRAINED_REGIONS:
        hard = [d for d, f in zip(dates, focuses, strict=True) if region in f.hard_regions]
        assert hard, f"{region} never trained"
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(hard))
