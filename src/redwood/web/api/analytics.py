"""Series for the progress charts: e1RM over time per exercise, hard sets per week per region
and muscle with each muscle judged against its own band (as the review judges it), body weight
with its trend. Built on redwood.coach.analytics, so the charts, the review and the API count
the same way."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

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
    slope_kg_per_week: float | None = Field(description="Least-squares trend; null with too "
                                                        "few days or too short a span.")


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


class MuscleOut(BaseModel):
    muscle: str
    main: bool = Field(description="Judged below its band too (calves and core only above).")
    band: Band = Field(description="Weekly hard sets for this muscle, your goal and level.")
    average: float = Field(description="Hard sets a week over the span's last full weeks (up "
                                       "to a review period), secondary muscles at half.")
    state: str = Field(description="'under', 'inside', 'over', or 'below' (calves and core "
                                   "under their band: shown, not judged).")


class WeeklySets(BaseModel):
    start: dt.date
    end: dt.date
    band: Band = Field(deprecated=True,
                       description="Deprecated: the old band per region. A region holds "
                                   "several muscles; judge by `muscles` instead.")
    weeks: list[WeekOut]
    muscles: list[MuscleOut] = Field(
        default_factory=list,
        description="Each tracked muscle against its own band, as the review judges it.")


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
    from redwood.services.progress import e1rm_history

    since, until = _span(since, until)
    found = e1rm_history(store, user, exercise_id, load_catalog(), since=since, until=until)
    return E1rmSeries(
        exercise_id=found.exercise_id, name=found.name,
        points=[E1rmPoint(date=p.date, e1rm_kg=float(p.e1rm_kg), weight_kg=float(p.weight_kg),
                          reps=p.reps, is_pr=p.is_pr) for p in found.points],
        slope_kg_per_week=found.slope_kg_per_week)


@router.get("/analytics/weekly-sets", response_model=WeeklySets,
            summary="Hard sets per week, per region and muscle; each muscle against its band")
def weekly(user: ApiUser, store: StoreDep,
           weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS,
                                       description="How many weeks, ending this one.")] = 8,
           until: Day = None) -> WeeklySets:
    from redwood.catalog import load_catalog
    from redwood.services.progress import weekly_sets

    _, until = _span(None, until)
    found = weekly_sets(store, user, load_catalog(), weeks=weeks, end=until or dt.date.today())
    low, high = found.band
    return WeeklySets(start=found.start, end=found.end, band=Band(low=low, high=high), weeks=[
        WeekOut(week_start=w.week_start, days=w.days, legs=w.legs, back=w.back,
                by_region=dict(w.by_region), by_muscle=dict(w.by_muscle)) for w in found.weeks],
        muscles=[MuscleOut(muscle=m.muscle, main=m.main, band=Band(low=m.band[0], high=m.band[1]),
                           average=round(m.average, 2), state=m.state) for m in found.muscles])


@router.get("/analytics/body-weight", response_model=BodyWeight,
            summary="Body weight from check-ins, with its 7-day trend")
def body_weight(user: ApiUser, store: StoreDep, since: Day = None,
                until: Day = None) -> BodyWeight:
    from redwood.services.progress import body_weight as read

    since, until = _span(since, until)
    return BodyWeight(points=[
        WeightPoint(date=d, body_weight_kg=v, trend_kg=t)
        for d, v, t in read(store, user, since=since, until=until)])
