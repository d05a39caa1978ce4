"""services/progress over a fake store: the band, the lift a lifter names, what a chart reads,
the trends. No database, no CLI, no HTTP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fakes import USER, Custom, Data, FakeStore

from redwood.catalog import load_catalog
from redwood.coach.analytics import target_band as band_of
from redwood.domain.log import CheckIn, LoggedSet, Workout
from redwood.domain.vocabulary import Goal, Level
from redwood.rules import load_rules
from redwood.services import progress
from redwood.services.base import ServiceError

END = dt.date(2026, 6, 30)
CATALOG = load_catalog()


def _workout(day: dt.date, *exercises: str) -> Workout:
    return Workout(date=day, sets=tuple(LoggedSet(ex, Decimal(60), 8) for ex in exercises
                                        for _ in range(3)))


def test_the_plans_level_and_goal_win_over_the_saved_profile() -> None:
    profile = {"level": "beginner", "goal": "strength"}
    plan = {"profile": {"level": "advanced"}}
    assert progress.level_and_goal(profile, plan) == (Level.ADVANCED, Goal.STRENGTH)
    assert progress.level_and_goal(profile, None) == (Level.BEGINNER, Goal.STRENGTH)


@pytest.mark.parametrize("profile", [None, {}, {"level": "wizard", "goal": "fame"},
                                     {"goal": ""}])
def test_nothing_known_reads_as_a_beginner_without_a_goal(profile: dict | None) -> None:
    assert progress.level_and_goal(profile, None) == (Level.BEGINNER, None)


def test_the_band_follows_the_active_plan_and_every_reader_gets_the_same() -> None:
    rules = load_rules()
    store = FakeStore(Data(profile={"level": "beginner"},
                           plan={"profile": {"level": "advanced", "goal": "hypertrophy"}}))
    expected = band_of(rules, Level.ADVANCED, Goal.HYPERTROPHY)
    assert expected != band_of(rules, Level.BEGINNER, None)  # else the test proves nothing
    assert progress.target_band(store, USER) == expected
    chart = progress.chart_data(store, USER, "volume", end=END, catalog=CATALOG)
    assert chart.band is None  # the chart shades no per-region band: muscles have the bands
    weekly = progress.weekly_sets(store, USER, CATALOG, weeks=4, end=END)
    assert weekly.band == expected
    assert progress.overview(store, USER, today=END, days=365).band == expected
    assert store.opened == ["reader"] * 4  # reads only, one reader each


def test_a_lift_is_found_by_name_or_as_the_lifters_own() -> None:
    store = FakeStore(Data(exercises={"my-sled": Custom("my-sled", "Sled push")}))
    squat = CATALOG.get("back-squat")
    assert squat is not None
    assert progress.resolve_exercise(store, USER, squat.name.upper(), CATALOG) == "back-squat"
    assert progress.resolve_exercise(store, USER, "my-sled", CATALOG) == "my-sled"


def test_an_unknown_lift_names_the_field_and_the_closest_ids() -> None:
    with pytest.raises(ServiceError) as caught:
        progress.resolve_exercise(FakeStore(), USER, "back-squatt", CATALOG)
    assert caught.value.field == "exercise"
    assert "did you mean" in caught.value.message and "back-squat" in caught.value.message
    assert caught.value.worded({"exercise": "--exercise"}).startswith("--exercise: no exercise")


def test_one_lift_per_chart_and_only_for_the_e1rm_chart() -> None:
    with pytest.raises(ServiceError) as caught:
        progress.chart_data(FakeStore(), USER, "volume", end=END, exercise="back-squat",
                            catalog=CATALOG)
    assert caught.value.field == "exercise"
    with pytest.raises(ServiceError) as kind:
        progress.chart_data(FakeStore(), USER, "pie", end=END, catalog=CATALOG)
    assert kind.value.field == "kind"


def test_a_lifts_chart_reads_that_lift_in_the_span_and_a_summary_of_the_years_before() -> None:
    old = END - dt.timedelta(days=400)  # before the 26-week span: records need it
    store = FakeStore(Data(workouts=[_workout(old, "back-squat", "barbell-row"),
                                     _workout(END, "back-squat", "barbell-row"),
                                     _workout(END + dt.timedelta(days=1), "back-squat")]))
    found = progress.chart_data(store, USER, "e1rm", end=END, exercise="back-squat",
                                catalog=CATALOG)
    assert found.start == END - dt.timedelta(days=7 * 26 - 1)
    # Everything before the span is one day before it: the best sets records are marked against.
    assert [w.date for w in found.workouts] == [found.start - dt.timedelta(days=1), END]
    assert {s.exercise_id for w in found.workouts for s in w.sets} == {"back-squat"}
    assert found.workouts[0].sets == store.data.workouts[1].sets[:1]


def test_the_calendar_reads_the_days_trained_and_bodyweight_the_checkins() -> None:
    days = [END - dt.timedelta(days=d) for d in (500, 10, 3)]
    store = FakeStore(Data(workouts=[_workout(d, "back-squat") for d in days],
                           checkins={d: CheckIn(d, body_weight_kg=Decimal(80)) for d in days}))
    calendar = progress.chart_data(store, USER, "calendar", end=END, catalog=CATALOG)
    assert calendar.days == days and calendar.checkins == []
    weight = progress.chart_data(store, USER, "bodyweight", end=END, weeks=4, catalog=CATALOG)
    assert weight.workouts == [] and weight.band is None
    assert [c.date for c in weight.checkins] == days[1:]


def test_trends_average_over_the_week_before_the_span_too() -> None:
    start = END - dt.timedelta(days=6)
    checkins = [CheckIn(start - dt.timedelta(days=1), body_weight_kg=Decimal(90)),
                CheckIn(start, body_weight_kg=Decimal(80))]
    found = progress.trends(checkins, [], start, END)
    assert found == {"weight": [(start, 80.0, 85.0)]}


def test_measurement_trends_read_girths_by_site() -> None:
    from redwood.store.measurements import Measurement

    store = FakeStore()
    store.data.measurements = {(END, "waist"): Measurement(END, "waist", 840)}
    assert progress.measurement_trends(store, USER, start=END, end=END) == {
        "waist": [(END, 840.0, 840.0)]}


def test_the_progress_overview_lists_the_plans_lifts_once_in_order() -> None:
    items = [{"exercise_id": e} for e in ("back-squat", "barbell-row", "back-squat")]
    plan = {"weeks": [{"sessions": [{"blocks": [{"items": items}]}]},
                      {"sessions": [{"blocks": [{"items": [{"exercise_id": "deadlift"}]}]}]}]}
    found = progress.overview(FakeStore(Data(plan=plan)), USER, today=END, days=30)
    assert found.plan_exercise_ids == ["back-squat", "barbell-row"]
