"""Series for the progress charts: e1RM over time per exercise, hard sets per week per region
and muscle against the target band, body weight with its trend. Built on redwood.coach.analytics, so
the charts, the review and the API count the same way."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from redwood.web.api.paging import unprocessable
from redwood.web.deps import ApiUser, StoreDep

router = APIRouter(tags=["analytics"])

MAX_WEEKS = 260
EARLIEST = dt.date(1950, 1, 1)
LATEST = dt.date(2100, 12, 31)
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD.")]


class E1rmPoint(BaseModel):
    date: dt.date
    e1rm_kg: float
    weight_kg: float
    reps: int
    is_pr: bool = Field(description="Beats every earlier day's best.")


class E1rmSeries(BaseModel):
    exercise_id: str
    name: str
    points: list[E1rmPoint]
    slope_kg_per_week: float | None = Field(description="Least-squares trend; null under two "
                                                        "days.")


class Band(BaseModel):
    low: int
    high: int
    """Weekly hard sets per region (legs, back) to aim for, for your level and goal."""


class WeekOut(BaseModel):
    week_start: dt.date
    days: int = Field(description="Days of the week inside the span (under 7 at its ends).")
    legs: int
    back: int
    by_region: dict[str, int]
    by_muscle: dict[str, float]


class WeeklySets(BaseModel):
    start: dt.date
    end: dt.date
    band: Band
    weeks: list[WeekOut]


class WeightPoint(BaseModel):
    date: dt.date
    body_weight_kg: float
    trend_kg: float = Field(description="7-day moving average.")


class BodyWeight(BaseModel):
    points: list[WeightPoint]


def _span(since: dt.date | None, until: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    for field, value in (("since", since), ("until", until)):
        if value is not None and not EARLIEST <= value <= LATEST:
            raise unprocessable(field, f"{value} must be between {EARLIEST} and {LATEST}")
    if since is not None and until is not None and until < since:
        raise unprocessable("until", f"{until} is before since ({since})")
    return since, until


@router.get("/analytics/e1rm", response_model=E1rmSeries,
            summary="Estimated 1RM of one exercise over time")
def e1rm(user: ApiUser, store: StoreDep,
         exercise_id: Annotated[str, Query(min_length=1, max_length=200)],
         since: Day = None, until: Day = None) -> E1rmSeries:
    from redwood.catalog import load_catalog
    from redwood.catalog.search import find_exercise
    from redwood.coach.analytics import e1rm_series, least_squares_slope

    since, until = _span(since, until)
    found = find_exercise(exercise_id)
    ex_id = found.id if found is not None else exercise_id
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=since, until=until, exercise_id=ex_id)
    points = e1rm_series(workouts, ex_id)
    slope = least_squares_slope([(p.date, p.e1rm_kg) for p in points])
    ex = load_catalog().get(ex_id) or found
    return E1rmSeries(
        exercise_id=ex_id, name=ex.name if ex else ex_id,
        points=[E1rmPoint(date=p.date, e1rm_kg=float(p.e1rm_kg), weight_kg=float(p.weight_kg),
                          reps=p.reps, is_pr=p.is_pr) for p in points],
        slope_kg_per_week=None if slope is None else round(slope * 7, 3))


def _level_goal(store: Any, user: Any) -> tuple[Any, Any]:
    from redwood.domain.vocabulary import Goal, Level

    with store.reader(user.id) as uow:
        plan = uow.plans.active()
        profile = uow.profiles.active()
    data = (plan[1].get("profile") if plan else None) or (profile[1] if profile else {})
    try:
        level = Level(data.get("level", "beginner"))
    except ValueError:
        level = Level.BEGINNER
    try:
        goal = Goal(data["goal"]) if data.get("goal") else None
    except ValueError:
        goal = None
    return level, goal


@router.get("/analytics/weekly-sets", response_model=WeeklySets,
            summary="Hard sets per week, per region and muscle, against the target band")
def weekly(user: ApiUser, store: StoreDep,
           weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS,
                                       description="How many weeks, ending this one.")] = 8,
           until: Day = None) -> WeeklySets:
    from redwood.catalog import load_catalog
    from redwood.coach.analytics import target_band, week_start, weekly_sets
    from redwood.rules import load_rules

    _, until = _span(None, until)
    end = until or dt.date.today()
    start = week_start(end) - dt.timedelta(weeks=weeks - 1)
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=start, until=end)
    level, goal = _level_goal(store, user)
    low, high = target_band(load_rules(), level, goal)
    rows = weekly_sets(workouts, load_catalog(), start, end)
    return WeeklySets(start=start, end=end, band=Band(low=low, high=high), weeks=[
        WeekOut(week_start=w.week_start, days=w.days, legs=w.legs, back=w.back,
                by_region=dict(w.by_region), by_muscle=dict(w.by_muscle)) for w in rows])


@router.get("/analytics/body-weight", response_model=BodyWeight,
            summary="Body weight from check-ins, with its 7-day trend")
def body_weight(user: ApiUser, store: StoreDep, since: Day = None,
                until: Day = None) -> BodyWeight:
    from redwood.coach.analytics import body_weight_series, moving_average

    since, until = _span(since, until)
    with store.reader(user.id) as uow:
        checkins = uow.checkins.list(since=since, until=until)
    series = body_weight_series(checkins)
    trend = moving_average(series, 7)
    return BodyWeight(points=[
        WeightPoint(date=d, body_weight_kg=float(v), trend_kg=round(t, 2))
        for (d, v), (_, t) in zip(series, trend, strict=True)])
