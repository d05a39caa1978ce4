"""Progress and history: e1RM per lift, weekly hard sets per muscle against each muscle's band
(as the review judges them; legs and back only as their sums), the
consistency calendar with streaks and the 30-day milestone, body weight; and the log itself.

The numbers come from redwood.services.progress (over redwood.coach.analytics, shared with the
review and the API); the charts are SVG drawn on the server (views/charts.py and
templates/macros.html), each with a data table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redwood.web.views._common import (
    _weight,
    body_weight_number,
    current_user,
    render,
    store_of,
    to_login,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

    from redwood.catalog.loader import Catalog
    from redwood.coach.review import MuscleVolume
    from redwood.domain.log import Workout
    from redwood.domain.vocabulary import Goal, Level
    from redwood.web.views.charts import BarChart, LineChart

router = APIRouter()

CHART_DAYS = 365
"""How far back the e1RM and body-weight charts look."""
WEEKS = 12
"""Weeks in the volume chart and the calendar."""
NEW_WEEKS = 4
"""The calendar of a lifter who started lately: at least these weeks."""
MAX_LIFTS = 4


@dataclass(frozen=True)
class LiftChart:
    exercise_id: str
    name: str
    chart: LineChart | None
    rows: tuple[tuple[str, str, str, bool], ...]
    """(date, e1RM, the set behind it, PR) for the data table."""
    best: str


def _e1rm_text(exercise_id: str, kg: Decimal, unit: str) -> str:
    """'84 kg'; on an assisted machine the e1RM is help too, negative (less is better):
    '-26.5 kg assist', as Today names the machine's weight."""
    from redwood.domain.log import is_assisted

    return _weight(kg, unit) + (" assist" if is_assisted(exercise_id) else "")


def _set_text(exercise_id: str, kg: Decimal | None, reps: int, unit: str) -> str:
    """'60 kg x 8'; '-40 kg assist x 10' on an assisted machine (it read '40 kg x 10', a
    load, where Today and History say the machine's help)."""
    from redwood.render.text import load_text

    return f"{load_text(exercise_id, kg, unit)} x {reps}"


def _lift_charts(workouts: list[Workout], names: Mapping[str, str], unit: str,
                 plan_ids: list[str]) -> list[LiftChart]:
    from redwood.coach.analytics import e1rm_series
    from redwood.web.views.charts import line_chart

    counts: dict[str, int] = {}
    for w in workouts:
        for ex in {s.exercise_id for s in w.sets if s.weight_kg is not None}:
            counts[ex] = counts.get(ex, 0) + 1
    # The plan's lifts first (in plan order), then the most trained others.
    order = [e for e in plan_ids if e in counts]
    order += sorted((e for e in counts if e not in order), key=lambda e: -counts[e])
    out: list[LiftChart] = []
    for ex_id in order:
        points = e1rm_series(workouts, ex_id)
        if not points:
            continue
        name = names.get(ex_id, ex_id)
        factor = 1.0 if unit == "kg" else 1 / 0.45359237
        series = [(p.date, float(p.e1rm_kg) * factor) for p in points]
        labels = [f"{p.date:%d %b}: {_e1rm_text(ex_id, p.e1rm_kg, unit)} from "
                  f"{_set_text(ex_id, p.weight_kg, p.reps, unit)}"
                  + (" (PR)" if p.is_pr else "") for p in points]
        chart = None
        if len(points) >= 2:
            chart = line_chart(f"{name}: estimated 1RM ({unit})",
                               f"{len(points)} sessions from {points[0].date:%d %b %Y} to "
                               f"{points[-1].date:%d %b %Y}; PRs marked with larger dots.",
                               series, labels, [p.is_pr for p in points])
        best = max(points, key=lambda p: p.e1rm_kg)
        rows = tuple((f"{p.date:%d %b %Y}", _e1rm_text(ex_id, p.e1rm_kg, unit),
                      _set_text(ex_id, p.weight_kg, p.reps, unit), p.is_pr)
                     for p in reversed(points[-8:]))
        out.append(LiftChart(ex_id, name, chart, rows, _e1rm_text(ex_id, best.e1rm_kg, unit)))
        if len(out) >= MAX_LIFTS:
            break
    return out


def _calendar(workouts: list[Workout], days: list[dt.date], today: dt.date) -> dict[str, Any]:
    """The calendar of the last weeks (`workouts`) and the streaks of the whole log (`days`:
    every training day), counted as the review counts them."""
    from redwood.coach.analytics import consistent_runs, daily_sets, max_gap, streaks
    from redwood.rules.review import load_review_rules

    milestone = load_review_rules().consistency.milestone_days  # the guide's 30 consistent days

    start = today - dt.timedelta(days=7 * WEEKS - 1)
    # From the first week trained (at least the last four weeks), not twelve empty weeks.
    first = min(days, default=today)
    start = max(start, min(first, today - dt.timedelta(days=7 * NEW_WEEKS - 1)))
    start -= dt.timedelta(days=start.weekday())  # begin on a Monday: one row a week
    cells = []
    for d in daily_sets(workouts, start, today):
        level = 0 if d.sets == 0 else 1 if d.sets < 8 else 2 if d.sets < 16 else 3
        cells.append({"date": d.date, "sets": d.sets, "level": level})
    current, longest = streaks(days, today)
    reached = None
    for run in consistent_runs(days):
        reached = run.reached(milestone, days)
        if reached is not None:
            break
    return {"cells": cells, "current": current, "longest": longest, "reached": reached,
            "to_go": max(0, milestone - current), "training_days": len(days),
            "milestone": milestone, "gap": max_gap()}


def _volume(workouts: list[Workout], catalog: Catalog, today: dt.date, level: Level,
            goal: Goal | None) -> tuple[BarChart | None, list[Any], tuple[MuscleVolume, ...]]:
    """The weeks' legs and back sums (a chart without a band: no muscle's band judges a
    region) and each tracked muscle against its own band, judged as the review judges it."""
    from redwood.coach.analytics import weekly_sets
    from redwood.services.progress import judge_muscles
    from redwood.web.views.charts import weekly_bar_chart

    start = today - dt.timedelta(days=7 * WEEKS - 1)
    weeks = weekly_sets(workouts, catalog, start, today)
    if not any(w.legs or w.back for w in weeks):
        return None, weeks, ()
    chart = weekly_bar_chart(
        "Hard sets a week: legs and back",
        f"Weekly hard sets for legs and back over {len(weeks)} weeks, summed over their "
        "muscles; each muscle's band is in the table.",
        [(w.week_start, w.legs, w.back) for w in weeks], None)
    return chart, weeks, judge_muscles(workouts, catalog, level, goal, end=today)


def _body_weight(checkins: list[Any], unit: str) -> tuple[LineChart | None, list[Any]]:
    from redwood.coach.analytics import body_weight_series, moving_average
    from redwood.web.views.charts import line_chart

    series = body_weight_series(checkins)
    if not series:
        return None, []
    factor = 1.0 if unit == "kg" else 1 / 0.45359237
    values = [(d, float(v) * factor) for d, v in series]
    rows = [(f"{d:%d %b %Y}", f"{body_weight_number(v, unit)} {unit}")
            for d, v in reversed(series[-10:])]
    if len(values) < 2:
        return None, rows
    trend = moving_average(values, 7)
    labels = [f"{d:%d %b}: {body_weight_number(v, unit)} {unit}" for d, v in series]
    chart = line_chart(f"Body weight ({unit})",
                       f"{len(values)} check-ins; dashed: the 7-day average, which evens out "
                       "daily swings.", values, labels, trend=trend)
    return chart, rows


@router.get("/progress", include_in_schema=False)
def progress_page(request: Request) -> Response:
    from redwood.catalog import load_catalog
    from redwood.rules.review import load_review_rules
    from redwood.services.progress import overview
    from redwood.services.training import exercise_names

    user = current_user(request)
    if user is None:
        return to_login(request)
    today = dt.date.today()
    catalog = load_catalog()
    found = overview(store_of(request), user, today=today, days=CHART_DAYS)
    workouts = found.workouts
    unit = user.unit.value
    volume, weeks, muscles = _volume(workouts, catalog, today, found.level, found.goal)
    bw_chart, bw_rows = _body_weight(found.checkins, unit)
    names = exercise_names(store_of(request), user,
                           (s.exercise_id for w in workouts for s in w.sets))
    return render(request, "progress.html", user=user, active="progress", title="Progress",
                  lifts=_lift_charts(workouts, names, unit, found.plan_exercise_ids),
                  volume=volume, weeks=weeks, muscles=muscles,
                  review_weeks=load_review_rules().period.weeks,
                  calendar=_calendar(workouts, found.training_days, today),
                  bw_chart=bw_chart, bw_rows=bw_rows, empty=not workouts)
