"""Series over a training log, for charts, the four-week review and the API.

Pure functions over domain objects (workouts, check-ins, the catalogue, the rules): no storage,
no terminal. Every function takes the log in any order and returns its series oldest first.

Counting conventions (shared by the review, the charts and the API, so they agree):

- A *hard set* is any set that is not a warm-up: working, failure and drop sets (a failed set
  was taken to failure, which is as hard as a set gets). Sets of exercises the catalogue does
  not know count for no region and no muscle.
- Per region, a hard set counts 1 for its exercise's region (legs, back, core, full-body).
  The volume band (rules.toml [volume]) is about legs and back; full-body work (carries,
  sprints) counts for neither of those, as in the planner.
- Per muscle, a hard set counts 1 for each of its exercise's primary muscles and 0.5 for each
  secondary one: the common "fractional sets" convention, so a row is a full set for the lats
  and half a set for the biceps rather than a full one for both.
- A *training day* is a day with at least one hard set.
- A *consistent* run (the guide's "30 consistent days") is a span of days in which no more than
  `max_gap_days` (default 7: training at least once a week) pass between training days; its
  length is counted from its first training day to its last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, NamedTuple, Protocol

from redwood.coach.e1rm import E1rmTables, rpe_factor, set_e1rm, tables
from redwood.domain.exercise import Exercise
from redwood.domain.log import (
    CENT,
    E1RM_KINDS,
    HARD_KINDS,
    CheckIn,
    LoggedSet,
    Workout,
    is_assisted,
)
from redwood.domain.vocabulary import Goal, Level, Region
from redwood.rules import Rules
from redwood.rules.coach import CoachRules, load_coach_rules

if TYPE_CHECKING:
    from redwood.rules.review import TrendRules

__all__ = [
    "DaySets",
    "E1rmPoint",
    "ExerciseLookup",
    "Run",
    "Streaks",
    "WeekSets",
    "body_weight_series",
    "consistent_runs",
    "daily_sets",
    "e1rm_series",
    "e1rm_series_by_exercise",
    "is_hard",
    "least_squares_slope",
    "max_gap",
    "moving_average",
    "sleep_series",
    "streaks",
    "target_band",
    "training_days",
    "week_start",
    "weekly_sets",
]

SECONDARY_SHARE = 0.5
"""A hard set's share for each secondary muscle (see the module's docstring)."""


class ExerciseLookup(Protocol):
    """What these functions need of the catalogue (redwood.catalog.Catalog fits)."""

    def get(self, exercise_id: str) -> Exercise | None: ...


def is_hard(s: LoggedSet) -> bool:
    """A hard set, by the domain's one meaning of the kinds (domain.log.HARD_KINDS)."""
    return s.kind in HARD_KINDS


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


# --- e1RM ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class E1rmPoint:
    """A day's best estimated 1RM of one exercise, and the set behind it."""

    date: dt.date
    e1rm_kg: Decimal
    weight_kg: Decimal
    reps: int
    is_pr: bool
    """It beats every earlier day's best (the first day sets the baseline, so is no PR)."""


def e1rm_series(
    workouts: Iterable[Workout], exercise_id: str, rules: CoachRules | None = None
) -> list[E1rmPoint]:
    """The best e1RM of `exercise_id` on each day it was lifted with a load, oldest first.

    Warm-ups never count; bodyweight, timed and 13+ rep sets have no e1RM (see coach/e1rm.py).
    An assisted exercise's e1RM is negative: less assistance is higher (coach/e1rm.py).
    """
    return e1rm_series_by_exercise(workouts, [exercise_id], rules)[exercise_id]


def e1rm_series_by_exercise(
    workouts: Iterable[Workout], exercise_ids: Iterable[str], rules: CoachRules | None = None
) -> dict[str, list[E1rmPoint]]:
    """`e1rm_series` of several exercises in one pass over the log.

    Fast on long logs: candidates are compared with the same factor tables as the records
    code; a winner without an RPE is exact as it is (the same product, rounded), one with an
    RPE or RIR is recomputed by `set_e1rm`.
    """
    r = rules or load_coach_rules()
    t = tables(r)
    best: dict[str, dict[dt.date, tuple[Decimal, LoggedSet]]] = {ex: {} for ex in exercise_ids}
    helped = {ex for ex in best if is_assisted(ex)}
    # Each distinct set object's candidate value once: a long log's equal sets are one shared
    # object (the store's readers), so years of a lift cost a few thousand Decimal products
    # and a look-up by identity per set. The memo holds the set too, so its id stays unique.
    rated: dict[int, tuple[LoggedSet, Decimal | None]] = {}
    for workout in workouts:
        day = workout.date
        for s in workout.sets:
            days = best.get(s.exercise_id)
            if days is None:
                continue
            memo = rated.get(id(s))
            if memo is None:
                memo = rated[id(s)] = (s, _candidate(s, helped, t, r))
            value = memo[1]
            if value is None:
                continue
            held = days.get(day)
            if held is None or value > held[0]:
                days[day] = (value, s)
    out: dict[str, list[E1rmPoint]] = {}
    for ex, days in best.items():
        points: list[E1rmPoint] = []
        record: Decimal | None = None
        for day in sorted(days):
            value, s = days[day]
            if s.completed and (s.rpe is not None or s.rir is not None):
                exact = set_e1rm(s, r)
            else:
                exact = value.quantize(CENT, rounding=ROUND_HALF_EVEN)
            if exact is None or s.weight_kg is None or s.reps is None:
                continue
            is_pr = record is not None and exact > record
            record = exact if record is None else max(record, exact)
            points.append(E1rmPoint(day, exact, s.weight_kg, s.reps, is_pr))
        out[ex] = points
    return out


def _candidate(s: LoggedSet, helped: set[str], t: E1rmTables, r: CoachRules) -> Decimal | None:
    """The value that ranks `s` among a day's sets in e1rm_series_by_exercise (None: it has
    no e1RM)."""
    w = s.weight_kg
    n = s.reps
    if w is None or n is None or s.kind not in E1RM_KINDS or not 0 < n < len(t.combined) or (
            w <= 0):
        return None
    factor = t.combined[n]
    if not factor:
        return None
    if s.completed:
        if s.rpe is not None:
            factor = t.by_rpe.get((n, s.rpe)) or rpe_factor(n, s.rpe, factor, r)
        elif s.rir is not None:
            factor = t.by_rir.get((n, s.rir), factor)
    value: Decimal = -w / factor if s.exercise_id in helped else w * factor
    return value


def least_squares_slope(points: Sequence[tuple[dt.date, float | Decimal]]) -> float | None:
    """The least-squares slope of `points` in units per day; None with under two distinct days."""
    if len(points) < 2:
        return None
    origin = points[0][0]
    xs = [float((d - origin).days) for d, _ in points]
    ys = [float(v) for _, v in points]
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / sxx


def weekly_trend(points: Sequence[tuple[dt.date, float | Decimal]], rules: TrendRules
                 ) -> float | None:
    """The least-squares trend of `points` in units a week; None when they are too few days or
    too close together to mean one (review.toml [trend]: min_points, min_span_days). The one
    definition the review and the progress charts share."""
    days = {d for d, _ in points}
    if len(days) < rules.min_points or (max(days) - min(days)).days < rules.min_span_days:
        return None
    per_day = least_squares_slope(points)
    return None if per_day is None else per_day * 7


# --- weekly volume ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekSets:
    """Hard sets in one Monday-to-Sunday week (only the days inside the asked span count)."""

    week_start: dt.date
    by_region: dict[str, int]
    """Every region's count, zeros included (legs, back, core, full-body)."""
    by_muscle: dict[str, float]
    """Muscles with any sets: 1 per primary muscle, 0.5 per secondary."""
    days: int = 7
    """How many of the week's days lie inside the span (under 7 for a partial first/last week)."""
    by_exercise: dict[str, int] = field(default_factory=dict)
    """Hard sets per exercise id (what per-muscle bands are counted from)."""

    @property
    def legs(self) -> int:
        return self.by_region.get(Region.LEGS.value, 0)

    @property
    def back(self) -> int:
        return self.by_region.get(Region.BACK.value, 0)


_Weights = tuple[str, tuple[tuple[str, float], ...]]


def _weights(
    catalog: ExerciseLookup, cache: dict[str, _Weights | None], ex: str
) -> _Weights | None:
    if ex in cache:
        return cache[ex]
    exercise = catalog.get(ex)
    got: _Weights | None = None
    if exercise is not None:
        shares: dict[str, float] = {}
        for m in exercise.secondary_muscles:
            shares[m.value] = SECONDARY_SHARE
        for m in exercise.primary_muscles:
            shares[m.value] = 1.0  # a muscle listed as both counts once, as primary
        got = (exercise.region.value, tuple(shares.items()))
    cache[ex] = got
    return got


def weekly_sets(
    workouts: Iterable[Workout], catalog: ExerciseLookup, start: dt.date, end: dt.date
) -> list[WeekSets]:
    """Hard sets per region and per muscle in each week from `start` to `end` (inclusive),
    empty weeks included; weeks run Monday to Sunday and are clipped to the span."""
    if end < start:
        return []
    first = week_start(start)
    count = (week_start(end) - first).days // 7 + 1
    # Count sets per week and exercise first; the catalogue's regions and muscles are spread
    # over those counts afterwards (a set costs one dict update, not one per muscle).
    per_week: list[dict[str, int]] = [{} for _ in range(count)]
    hard = HARD_KINDS
    for workout in workouts:
        day = workout.date
        if day < start or day > end:
            continue
        tally = per_week[(day - first).days // 7]
        for s in workout.sets:
            if s.kind in hard:
                ex = s.exercise_id
                tally[ex] = tally.get(ex, 0) + 1
    region_index = {r.value: i for i, r in enumerate(Region)}
    cache: dict[str, _Weights | None] = {}
    regions = [[0] * len(Region) for _ in range(count)]
    muscles: list[dict[str, float]] = [{} for _ in range(count)]
    for i, tally in enumerate(per_week):
        reg = regions[i]
        mus = muscles[i]
        for ex, n in tally.items():
            weights = _weights(catalog, cache, ex)
            if weights is None:
                continue
            reg[region_index[weights[0]]] += n
            for m, share in weights[1]:
                mus[m] = mus.get(m, 0.0) + share * n
    out: list[WeekSets] = []
    for i in range(count):
        monday = first + dt.timedelta(days=7 * i)
        lo = max(monday, start)
        hi = min(monday + dt.timedelta(days=6), end)
        out.append(
            WeekSets(
                monday,
                {r.value: regions[i][k] for k, r in enumerate(Region)},
                dict(sorted(muscles[i].items())),
                (hi - lo).days + 1,
                per_week[i],
            )
        )
    return out


def target_band(rules: Rules, level: Level, goal: Goal | None = None) -> tuple[int, int]:
    """Weekly hard sets per region (legs, back) to aim for: the level's band in rules.toml
    [volume]; for hypertrophy the low end is at least its minimum (schoenfeld2017)."""
    low, high = rules.volume.band(level)
    if goal is Goal.HYPERTROPHY:
        low = max(low, rules.volume.hypertrophy_min_sets)
    return low, max(low, high)


# --- consistency -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DaySets:
    """One day of the consistency calendar."""

    date: dt.date
    sets: int
    """Hard sets that day (0: a rest day)."""


def training_days(workouts: Iterable[Workout]) -> list[dt.date]:
    """The days with at least one hard set, oldest first, each once."""
    days: set[dt.date] = set()
    hard = HARD_KINDS
    for workout in workouts:
        if workout.date in days:
            continue
        for s in workout.sets:
            if s.kind in hard:
                days.add(workout.date)
                break
    return sorted(days)


def daily_sets(workouts: Iterable[Workout], start: dt.date, end: dt.date) -> list[DaySets]:
    """Hard sets on every day from `start` to `end`, rest days included (for a heat map)."""
    if end < start:
        return []
    counts = [0] * ((end - start).days + 1)
    hard = HARD_KINDS
    for workout in workouts:
        if start <= workout.date <= end:
            counts[(workout.date - start).days] += sum(
                1 for s in workout.sets if s.kind in hard)
    return [DaySets(start + dt.timedelta(days=i), n) for i, n in enumerate(counts)]


@dataclass(frozen=True, slots=True)
class Run:
    """A consistent run: training days no more than `max_gap_days` apart."""

    start: dt.date
    end: dt.date
    """Its last training day."""
    sessions: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def reached(self, length: int, days: Sequence[dt.date]) -> dt.date | None:
        """The first of the training `days` on which the run had lasted `length` days."""
        if self.days < length:
            return None
        target = self.start + dt.timedelta(days=length - 1)
        return next((d for d in days if target <= d <= self.end), None)


def consistent_runs(days: Sequence[dt.date], max_gap_days: int | None = None) -> list[Run]:
    """The consistent runs in sorted, distinct training days (`training_days`): spans in which
    the lifter never went more than `max_gap_days` (review.toml [consistency]) without
    training, as a lifter means a streak (rest days are training too). Every page, chart and
    review counts streaks with this and `streaks`, over the whole log."""
    runs: list[Run] = []
    if not days:
        return runs
    if max_gap_days is None:
        max_gap_days = max_gap()
    start = prev = days[0]
    sessions = 1
    for d in days[1:]:
        if (d - prev).days > max_gap_days:
            runs.append(Run(start, prev, sessions))
            start, sessions = d, 0
        prev = d
        sessions += 1
    runs.append(Run(start, prev, sessions))
    return runs


class Streaks(NamedTuple):
    current: int
    """Days in the run still alive on `today` (its last training day within the gap), or 0."""
    longest: int


def max_gap() -> int:
    """The most days without training a consistent run allows (review.toml [consistency])."""
    from redwood.rules.review import load_review_rules

    return load_review_rules().consistency.max_gap_days


def streaks(
    days: Sequence[dt.date], today: dt.date | None = None, *, max_gap_days: int | None = None
) -> Streaks:
    """(current, longest) consistent runs in days (`consistent_runs`) over `days`, which should
    be the whole log: a window of it cuts the runs short. `today` defaults to the last
    training day."""
    if max_gap_days is None:
        max_gap_days = max_gap()
    runs = consistent_runs(days, max_gap_days)
    if not runs:
        return Streaks(0, 0)
    ref = today if today is not None else runs[-1].end
    alive = [r for r in runs if r.start <= ref and (ref - r.end).days <= max_gap_days]
    current = alive[-1].days if alive else 0
    longest = max(r.days for r in runs if r.start <= ref) if ref >= runs[0].start else 0
    return Streaks(current, longest)


# --- check-ins -------------------------------------------------------------------------------


def body_weight_series(checkins: Iterable[CheckIn]) -> list[tuple[dt.date, Decimal]]:
    """Body weight (kg) on each day that has one, oldest first (the last check-in of a day)."""
    got = {c.date: c.body_weight_kg for c in checkins if c.body_weight_kg is not None}
    return [(d, v) for d, v in sorted(got.items()) if v is not None]


def sleep_series(checkins: Iterable[CheckIn]) -> list[tuple[dt.date, Decimal]]:
    """Hours slept on each day that has them, oldest first."""
    got = {c.date: c.sleep_hours for c in checkins if c.sleep_hours is not None}
    return [(d, v) for d, v in sorted(got.items()) if v is not None]


def moving_average(
    points: Sequence[tuple[dt.date, float | Decimal]], days: int = 7
) -> list[tuple[dt.date, float]]:
    """A trailing moving average over calendar days: each point becomes the mean of the values
    dated within the `days` days ending on it (gaps in the log shrink the window, they are not
    filled), so one heavy morning does not move the trend line much."""
    if days < 1:
        raise ValueError("days must be at least 1")
    ordered = sorted(points, key=lambda p: p[0])
    out: list[tuple[dt.date, float]] = []
    lo = 0
    total = 0.0
    values = [float(v) for _, v in ordered]
    for i, (d, _) in enumerate(ordered):
        total += values[i]
        while (d - ordered[lo][0]).days >= days:
            total -= values[lo]
            lo += 1
        out.append((d, total / (i - lo + 1)))
    return out

