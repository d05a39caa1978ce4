"""The four-week review (as `redwood review --format json`) and the progress charts (as
`redwood chart`) over HTTP. Both call the same services as the CLI (redwood.services.reviewing,
redwood.render.charts), so the terminal, the API and the web UI tell a lifter the same thing."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from redwood.rules.review import load_review_rules
from redwood.web.api.paging import unprocessable
from redwood.web.deps import ApiUser, CatalogDep, StoreDep

router = APIRouter(tags=["review"])

MAX_REVIEW_WEEKS = load_review_rules().period.max_weeks
"""review.toml [period]: the longest review there is (the CLI's --weeks allows the same)."""
EARLIEST = dt.date(1950, 1, 1)
LATEST = dt.date(2100, 12, 31)
"""A last day outside these is a typo, and far enough out it would overflow the calendar."""

MAX_CHART_WEEKS = 52 * 20


class _Open(BaseModel):
    # The review's JSON may grow richer than what is typed here: extra fields pass through.
    model_config = ConfigDict(extra="allow")


class Period(_Open):
    start: dt.date
    end: dt.date
    days: int = Field(description="Days in the period, both ends included.")


class Adherence(_Open):
    planned: int | None = Field(description="Planned sessions of the active plan dated in "
                                            "the period; null without a plan.")
    done: int = Field(description="Planned sessions done on their day or moved.")
    on_day: int
    moved: int = Field(description="Done within a few days of the planned day.")
    missed: int
    extra: int = Field(description="Training days that followed no planned session.")
    sessions: int = Field(description="Training days in the period.")
    rate: float | None = Field(description="done / planned; null without planned sessions.")
    current_streak_days: int
    longest_streak_days: int


class Trend(_Open):
    start: dt.date
    end: dt.date
    points: int = Field(description="Days with an e1RM in the span.")
    e1rm_start_kg: float | None
    e1rm_end_kg: float | None
    best_e1rm_kg: float | None
    slope_kg_per_week: float | None = Field(description="Least-squares trend; null with too "
                                                        "few days or too short a span.")


class LiftRecord(_Open):
    date: dt.date
    kind: str = Field(description="e1rm, heaviest or reps.")
    value: float
    weight_kg: float | None
    reps: int | None
    text: str


class LiftPoint(_Open):
    date: dt.date
    e1rm_kg: float
    weight_kg: float
    reps: int
    is_pr: bool


class Lift(_Open):
    exercise_id: str
    name: str
    e1rm_start_kg: float | None
    e1rm_end_kg: float | None
    best_e1rm_kg: float | None
    slope_kg_per_week: float | None = Field(description="kg a week over the period.")
    points: int
    previous: Trend = Field(description="The period of equal length just before: a fair "
                                        "comparison.")
    prs: list[LiftRecord]
    series: list[LiftPoint]


class Band(_Open):
    low: int
    high: int


class Balance(_Open):
    legs: int
    back: int
    ratio: float | None = Field(description="legs:back hard sets; null without back sets.")


class WeekSets(_Open):
    week_start: dt.date
    days: int = Field(description="Days of the week inside the period (under 7 at its ends).")
    legs: int
    back: int
    by_region: dict[str, int]
    by_muscle: dict[str, float]


class MuscleSets(_Open):
    muscle: str = Field(description="A tracked muscle of rules.toml [muscle_volume] "
                                    "(quadriceps, hamstrings, glutes, lats, upper-back, calves, "
                                    "core).")
    main: bool = Field(description="A main muscle: judged under its band too (calves and core "
                                   "only above it).")
    band: Band = Field(description="The muscle's weekly hard-set band for the goal and level "
                                   "(no goal: the widest of the goals' bands).")
    weekly: list[float] = Field(description="Hard sets in each week of `weekly_sets`, counted "
                                            "as the planner doses them (secondary muscles at "
                                            "half).")
    average: float = Field(description="Hard sets a week over the full weeks: what is judged.")
    state: str = Field(description="under, inside or over the band; below for calves and core "
                                   "under theirs (not judged).")
    off_by: float = Field(description="Sets a week outside the band; 0 inside it.")


class CalendarDay(_Open):
    date: dt.date
    sets: int


class Finding(_Open):
    kind: str = Field(description="e.g. no_data, adherence, plateau, falling, fatigue, break.")
    text: str


class Recommendation(_Open):
    kind: str = Field(description="e.g. deload, rep_scheme, rotate, add_session, protein.")
    text: str
    reason: str


class Milestone(_Open):
    kind: str
    text: str
    date: dt.date | None = Field(description="When it was reached; null for one in reach.")


class Review(_Open):
    period: Period
    unit: str
    level: str
    goal: str | None
    adherence: Adherence
    lifts: list[Lift]
    band: Band = Field(deprecated=True,
                       description="The per-region band of rules.toml [volume], kept for "
                                   "clients that read it. The review judges volume per muscle "
                                   "(`muscles`), never a region against a band.")
    balance: Balance
    weekly_sets: list[WeekSets]
    muscles: list[MuscleSets] = Field(description="Each tracked muscle's weekly hard sets "
                                                  "against its own band; the findings "
                                                  "volume, volume_low and volume_high say "
                                                  "the same.")
    calendar: list[CalendarDay]
    body_weight_kg: float | None
    findings: list[Finding]
    recommendations: list[Recommendation]
    milestones: list[Milestone]
    next_milestones: list[Milestone]


class ChartKind(enum.StrEnum):
    E1RM = "e1rm"
    VOLUME = "volume"
    CALENDAR = "calendar"
    BODYWEIGHT = "bodyweight"


def _last_day(end: dt.date | None) -> dt.date:
    if end is None:
        return dt.date.today()
    if not EARLIEST <= end <= LATEST:
        raise unprocessable("end", f"{end} must be between {EARLIEST} and {LATEST}")
    return end


def _weeks(weeks: int | None, allowed: int) -> None:
    if weeks is not None and not 1 <= weeks <= allowed:
        raise unprocessable("weeks", f"{weeks} is out of range: allowed 1..{allowed}")


LastDay = Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD (default: "
                                                      "today).")]


@router.get("/review", response_model=Review,
            summary="The training review: adherence, lift trends, weekly sets, what to change",
            responses={422: {"description": "weeks or end is wrong; `error` names it"}})
def review(user: ApiUser, store: StoreDep, catalog: CatalogDep,
           weeks: Annotated[int | None, Query(
               description=f"How many weeks, ending on `end` (default 4, as the guide asks; "
                           f"1-{MAX_REVIEW_WEEKS}).",
               json_schema_extra={"minimum": 1, "maximum": MAX_REVIEW_WEEKS})] = None,
           end: LastDay = None) -> Any:
    from redwood.services.reviewing import ReviewError
    from redwood.services.reviewing import review as build_review

    # Checked here rather than by Query(ge, le): the message then reads as the CLI's.
    _weeks(weeks, MAX_REVIEW_WEEKS)
    last = _last_day(end)
    try:
        found = build_review(store, user, end=last, weeks=weeks, catalog=catalog)
    except ReviewError as exc:
        raise unprocessable("weeks", exc.message) from None
    # Validated against the model (the schema is a promise), sent with the fields it carries.
    return JSONResponse(Review.model_validate(found.to_dict()).model_dump(mode="json"))


@router.get("/charts/{kind}.svg", response_class=Response,
            summary="A progress chart as SVG: e1RM per lift, weekly sets, calendar, body weight",
            responses={200: {"content": {"image/svg+xml": {}}, "description": "The chart"},
                       404: {"description": "nothing to draw yet; `error` says why"},
                       422: {"description": "a parameter is wrong; `error` names it"}})
def chart(user: ApiUser, store: StoreDep, catalog: CatalogDep, kind: ChartKind,
          exercise_id: Annotated[str | None, Query(
              min_length=1, max_length=200,
              description="The e1RM chart's lift: an id, name or alias (default: your most "
                          "logged lifts).")] = None,
          weeks: Annotated[int | None, Query(
              description=f"Weeks shown, ending on `end` (default: 26 e1rm, 12 volume and "
                          f"bodyweight, 52 calendar; 1-{MAX_CHART_WEEKS}).",
              json_schema_extra={"minimum": 1, "maximum": MAX_CHART_WEEKS})] = None,
          end: LastDay = None) -> Response:
    from redwood.render.charts import NoData, render
    from redwood.services.base import ServiceError
    from redwood.services.progress import chart_data

    _weeks(weeks, MAX_CHART_WEEKS)
    last = _last_day(end)
    try:
        found = chart_data(store, user, kind.value, end=last, weeks=weeks, exercise=exercise_id,
                           catalog=catalog)
    except ServiceError as exc:
        raise unprocessable("exercise_id" if exc.field == "exercise" else exc.field or "kind",
                            exc.message) from None
    try:
        svg = render(kind.value, found.workouts, found.checkins, catalog=catalog,
                     exercise_id=found.exercise_id, start=found.start, end=last, fmt="svg",
                     unit=user.unit, band=found.band, days=found.days)
    except NoData as exc:
        message = str(exc)
        return JSONResponse({"detail": message, "error": message}, status_code=404)
    return Response(svg, media_type="image/svg+xml")
