"""Progress: what the charts, the analytics API and the progress page read from the log.

One place for what was written two to four times across the CLI and the web: weekly hard sets
per muscle judged against each muscle's band (`judge_muscles`: the four-weekly review's own
count and bands, for the active plan's level and goal, else the lifter's profile, else a
beginner's), the old per-region band (`target_band`, deprecated: a region holds several
muscles, so no band judges it), the lift a lifter names (`resolve_exercise`: an id, a name, an
alias or one of their own exercises), the data behind a chart (`chart_data`), the e1RM, weekly
sets and body-weight series, and the 7-day trends of body weight and girths.

Each function opens one reader and returns domain objects or small dataclasses; the entry
points draw and word them. Errors are `ServiceError`s naming the field ("exercise").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from redwood.domain.vocabulary import Goal, Level
from redwood.services.base import ServiceError

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog
    from redwood.coach.analytics import E1rmPoint, WeekSets
    from redwood.coach.review import MuscleVolume
    from redwood.domain.log import CheckIn, Workout
    from redwood.domain.user import User
    from redwood.rules import Rules
    from redwood.services.base import Store

CHART_KINDS = ("e1rm", "volume", "calendar", "bodyweight")
"""The progress charts, as `redwood chart KIND` and GET /charts/{kind}.svg name them."""
CHART_DEFAULT_WEEKS = {"e1rm": 26, "volume": 12, "calendar": 52, "bodyweight": 12}
"""A chart's default span: a trend needs months; the calendar reads best as a year."""
TREND_DAYS = 7
"""The moving average of body weight and girths: a week evens out daily swings."""


def _choice(enum: type[Any], value: Any, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default


def level_and_goal(profile: dict[str, Any] | None,
                   plan: dict[str, Any] | None) -> tuple[Level, Goal | None]:
    """The lifter's level and goal: the active plan's profile over the saved profile; a
    beginner without a goal when neither says (or says something unknown)."""
    settings = {**(profile or {}), **((plan or {}).get("profile") or {})}
    return (_choice(Level, settings.get("level"), Level.BEGINNER),
            _choice(Goal, settings.get("goal") or None, None))


def band_for(profile: dict[str, Any] | None, plan: dict[str, Any] | None,
             rules: Rules | None = None) -> tuple[int, int]:
    """The old weekly hard-set band per region (rules.toml [volume]) for the level and goal of
    `level_and_goal`. Deprecated: kept for the API's `band` field;
    volume is judged per muscle (`judge_muscles`)."""
    from redwood.coach.analytics import target_band as band
    from redwood.rules import load_rules

    level, goal = level_and_goal(profile, plan)
    return band(rules or load_rules(), level, goal)


def _settings(uow: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    profile = uow.profiles.active()
    plan = uow.plans.active()
    return (profile[1] if profile else None), (plan[1] if plan else None)


def target_band(store: Store, user: User) -> tuple[int, int]:
    """The lifter's old weekly hard-set band per region (legs, back); deprecated (`band_for`)."""
    with store.reader(user.id) as uow:
        profile, plan = _settings(uow)
    return band_for(profile, plan)


def judge_muscles(workouts: list[Workout], catalog: Catalog, level: Level,
                  goal: Goal | None, *, end: dt.date,
                  rules: Rules | None = None) -> tuple[MuscleVolume, ...]:
    """Each tracked muscle's hard sets a week over the review's period ending `end` (review.toml
    [period] weeks, full weeks averaged, as the review averages them) against its own band for
    the goal and level: the review's very count and judgement (coach.review.volume), so
    Progress never says "over" where the review of the same days says "inside". Regions are
    only the muscles' sums. `workouts` must cover the period."""
    from redwood.coach.analytics import weekly_sets as count
    from redwood.coach.review import review_period
    from redwood.coach.review.volume import judge_muscles as judge
    from redwood.rules import load_rules
    from redwood.rules.review import load_review_rules

    start, end = review_period(end, load_review_rules().period.weeks)
    weeks = count(workouts, catalog, start, end)
    return judge(weeks, catalog, (rules or load_rules()).muscle_volume, goal, level)


def _resolve(text: str, catalog: Catalog, uow: Any) -> str:
    from redwood.catalog.search import find_exercise, suggest_ids

    found = find_exercise(text, catalog)
    if found is not None:
        return str(found.id)
    if uow.exercises.get(text) is not None:
        return text
    hints = suggest_ids(text, catalog=catalog)
    hint = f"; did you mean {', '.join(hints)}?" if hints else ""
    raise ServiceError(f"no exercise {text!r}{hint}", "exercise")


def resolve_exercise(store: Store, user: User, text: str, catalog: Catalog) -> str:
    """The catalogue id for what the lifter typed (an id, a name or an alias), or one of their
    own exercises' ids; else ServiceError on "exercise" with the closest ids."""
    with store.reader(user.id) as uow:
        return _resolve(text, catalog, uow)


@dataclass(frozen=True)
class ChartData:
    """What one progress chart draws (see redwood.render.charts.render)."""

    kind: str
    start: dt.date
    end: dt.date
    exercise_id: str | None
    workouts: list[Workout] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    band: tuple[int, int] | None = None
    days: list[dt.date] | None = None
    """The calendar's training days, read from the whole log (not only the span's workouts)."""


def chart_span(kind: str, end: dt.date, weeks: int | None) -> dt.date:
    """The first day a chart of `kind` shows, `weeks` weeks (default: the kind's) to `end`."""
    return end - dt.timedelta(days=7 * (weeks or CHART_DEFAULT_WEEKS[kind]) - 1)


def chart_data(store: Store, user: User, kind: str, *, end: dt.date, weeks: int | None = None,
               exercise: str | None = None, catalog: Catalog) -> ChartData:
    """The log behind a chart of `kind` (one of CHART_KINDS) ending on `end`; `exercise`
    (e1rm only) is resolved as `resolve_exercise` does."""

    if kind not in CHART_KINDS:
        raise ServiceError(f"{kind!r} is not one of {', '.join(CHART_KINDS)}", "kind")
    if exercise is not None and kind != "e1rm":
        raise ServiceError("only the e1rm chart is for one lift", "exercise")
    start = chart_span(kind, end, weeks)
    with store.reader(user.id) as uow:
        exercise_id = None if exercise is None else _resolve(exercise, catalog, uow)
        workouts: list[Workout] = []
        checkins: list[CheckIn] = []
        band = days = None
        if kind == "e1rm":
            workouts = _e1rm_log(uow, exercise_id, start, end)
        elif kind != "bodyweight":
            workouts = uow.workouts.list(start - dt.timedelta(days=7), end)
        if kind == "calendar":
            days = uow.workouts.training_days(end)
        if kind == "bodyweight":
            checkins = uow.checkins.list(start - dt.timedelta(days=7), end)
        # No band for the volume chart: a region holds several muscles, each with its own band
        # (the review and Progress judge them per muscle); a band shaded per region could say
        # "legs over" beside "every muscle inside".
    return ChartData(kind, start, end, exercise_id, workouts, checkins, band, days)


def _e1rm_log(uow: Any, exercise_id: str | None, start: dt.date, end: dt.date) -> list[Workout]:
    """What the e1RM chart draws, bounded whatever the log's length: the span's sessions of
    its lifts and, the day before the span, one summary of everything earlier (each rep
    count and effort at its heaviest: the best e1RM before the span, against which the span's
    records are marked)."""
    from redwood.domain.log import Workout
    from redwood.render.charts import e1rm_lifts

    if exercise_id is None:
        # The lifts are picked from the span alone; only theirs are read further back.
        lifts = e1rm_lifts(uow.workouts.list(start, end), start, end)
    else:
        lifts = [exercise_id]
    sessions = uow.workouts.history(lifts, until=end, since=start)
    out = [Workout(date=day, sets=sets) for lift in lifts for day, sets in sessions[lift]]
    out.sort(key=lambda w: w.date)
    earlier = uow.workouts.e1rm_shapes(lifts, before=start)
    if earlier:
        out.insert(0, Workout(date=start - dt.timedelta(days=1), sets=tuple(earlier)))
    return out


@dataclass(frozen=True)
class E1rmHistory:
    """A lift's e1RM points over time and their weekly slope."""
    exercise_id: str
    name: str
    points: list[E1rmPoint]
    slope_kg_per_week: float | None
    """Least-squares trend of the e1RM (kg a week); None when too few days or too short a
    span to mean one (review.toml [trend], as the review)."""


def e1rm_history(store: Store, user: User, exercise: str, catalog: Catalog, *,
                 since: dt.date | None = None, until: dt.date | None = None) -> E1rmHistory:
    """One exercise's estimated 1RM over time. `exercise` is an id, a name or an alias; an
    id Redwood does not know reads as is (an empty history, or one of the lifter's own)."""
    from redwood.catalog.search import find_exercise
    from redwood.coach.analytics import e1rm_series, weekly_trend
    from redwood.domain.log import Workout
    from redwood.rules.review import load_review_rules

    found = find_exercise(exercise, catalog)
    ex_id = found.id if found is not None else exercise
    with store.reader(user.id) as uow:
        # The lift's own sets only (one index range), not the whole workouts they were in.
        sessions = uow.workouts.history([ex_id], until=until, since=since)[ex_id]
    points = e1rm_series([Workout(date=day, sets=sets) for day, sets in sessions], ex_id)
    slope = weekly_trend([(p.date, p.e1rm_kg) for p in points], load_review_rules().trend)
    ex = catalog.get(ex_id) or found
    return E1rmHistory(ex_id, ex.name if ex else ex_id, points,
                       None if slope is None else round(slope, 3))


@dataclass(frozen=True)
class WeeklySets:
    """Hard sets per muscle per week over a span, each muscle judged against its band."""
    start: dt.date
    end: dt.date
    band: tuple[int, int]
    """The old per-region band; deprecated (`band_for`)."""
    weeks: list[WeekSets]
    muscles: tuple[MuscleVolume, ...] = ()
    """Each tracked muscle over the review period ending `end` against its band
    (`judge_muscles`)."""


def weekly_sets(store: Store, user: User, catalog: Catalog, *, weeks: int,
                end: dt.date) -> WeeklySets:
    """Hard sets per week (per region and muscle) of the `weeks` weeks ending with `end`'s,
    each muscle judged against its band (`judge_muscles`)."""
    from redwood.coach.analytics import week_start
    from redwood.coach.analytics import weekly_sets as count
    from redwood.coach.review import review_period
    from redwood.rules.review import load_review_rules

    start = week_start(end) - dt.timedelta(weeks=weeks - 1)
    # The muscles are judged over the review's period, which may reach back further.
    since = min(start, review_period(end, load_review_rules().period.weeks)[0])
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=since, until=end)
        profile, plan = _settings(uow)
    return WeeklySets(start, end, band_for(profile, plan), count(workouts, catalog, start, end),
                      judge_muscles(workouts, catalog, *level_and_goal(profile, plan), end=end))


def body_weight(store: Store, user: User, *, since: dt.date | None = None,
                until: dt.date | None = None) -> list[tuple[dt.date, float, float]]:
    """Body weight from the check-ins as (date, kg, 7-day moving average), oldest first."""
    from redwood.coach.analytics import body_weight_series, moving_average

    with store.reader(user.id) as uow:
        checkins = uow.checkins.list(since=since, until=until)
    series = body_weight_series(checkins)
    trend = moving_average(series, TREND_DAYS)
    return [(d, float(v), round(t, 2)) for (d, v), (_, t) in zip(series, trend, strict=True)]


def trends(checkins: list[CheckIn], measurements: list[Any], start: dt.date,
           end: dt.date) -> dict[str, list[tuple[dt.date, float, float]]]:
    """Each series (body weight in kg as "weight", girths in mm by site) as (date, value,
    7-day average) from `start` to `end`; the average reads the week before `start` too."""
    from redwood.coach.analytics import body_weight_series, moving_average

    series: dict[str, list[tuple[dt.date, float]]] = {
        "weight": [(d, float(v)) for d, v in body_weight_series(checkins)]}
    for m in measurements:
        series.setdefault(m.site, []).append((m.date, float(m.value_mm)))
    out: dict[str, list[tuple[dt.date, float, float]]] = {}
    for name, points in series.items():
        averaged = moving_average(points, TREND_DAYS)
        rows = [(d, v, a) for (d, v), (_, a) in zip(points, averaged, strict=True)
                if start <= d <= end]
        if rows:
            out[name] = rows
    return out


def measurement_trends(store: Store, user: User, *, start: dt.date,
                       end: dt.date) -> dict[str, list[tuple[dt.date, float, float]]]:
    """Body weight and girths from `start` to `end` with their 7-day averages (`trends`)."""
    since = start - dt.timedelta(days=TREND_DAYS - 1)
    with store.reader(user.id) as uow:
        checkins = uow.checkins.list(since, end)
        measured = uow.measurements.list(since, end)
    return trends(checkins, measured, start, end)


@dataclass(frozen=True)
class Overview:
    """What the progress page draws: the log of the last `days` days, the active plan's
    lifts (in plan order, first week) and the level and goal the muscles are judged for."""

    workouts: list[Workout]
    checkins: list[CheckIn]
    plan_exercise_ids: list[str]
    band: tuple[int, int]
    """The old per-region band; deprecated (`band_for`): the page judges muscles."""
    training_days: list[dt.date]
    """Every training day up to today, the whole log: the streaks are counted over it, as the
    review counts them (a year's window made "longest 1 day" where the review said 274)."""
    level: Level = Level.BEGINNER
    goal: Goal | None = None


def overview(store: Store, user: User, *, today: dt.date, days: int) -> Overview:
    since = today - dt.timedelta(days=days)
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=since)
        checkins = uow.checkins.list(since=since)
        profile, plan = _settings(uow)
        trained = uow.workouts.training_days(today)
    ids: list[str] = []
    for week in (plan or {}).get("weeks", [])[:1]:
        for s in week["sessions"]:
            ids += [i["exercise_id"] for b in s["blocks"] for i in b["items"]]
    return Overview(workouts, checkins, list(dict.fromkeys(ids)), band_for(profile, plan),
                    trained, *level_and_goal(profile, plan))
