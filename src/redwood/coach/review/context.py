"""What every part of the review reads, made once: the input, the rules, the catalogue, and the
log cut into the period, the training days and the sets of the lifts it follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.analytics import (
    ExerciseLookup,
    WeekSets,
    target_band,
    training_days,
    weekly_sets,
)
from redwood.coach.loading import display_weight
from redwood.coach.review.model import ReviewInput
from redwood.domain.log import CheckIn, Unit, Workout
from redwood.rules import Rules
from redwood.rules.coach import CoachRules
from redwood.rules.review import ReviewRules


@dataclass(frozen=True)
class ReviewContext:
    """What every part of the review reads: the input, the rules, and the log cut to the period and
    its lifts."""
    inp: ReviewInput
    catalog: ExerciseLookup
    rules: Rules
    coach: CoachRules
    review: ReviewRules
    log: Sequence[Workout]
    """The workouts handed in up to the period's end (from `earlier.before` on), oldest first."""
    period: Sequence[Workout]
    """The workouts of the period."""
    days_all: Sequence[dt.date]
    """Every training day up to the end, the earlier log's included."""
    days: Sequence[dt.date]
    """The period's training days."""
    lift_log: Sequence[Workout]
    """The sets of the few lifts the review follows through the years (see EarlierLog)."""
    first_hard: Mapping[str, dt.date]
    """Each exercise's first hard set before the workouts handed in (from the earlier log)."""
    checkins: Sequence[CheckIn]
    """Check-ins up to the end, oldest first."""
    band: tuple[int, int]
    """The weekly hard-set band of the lifter's level and goal."""
    weekly: tuple[WeekSets, ...]
    """Hard sets of each week of the period (none for a period without training)."""
    logged: bool
    """Whether anything at all is logged (warm-ups and the earlier log included)."""
    body_weight_kg: Decimal | None
    """The latest body weight checked in, unless it is too old to go by."""

    @classmethod
    def of(cls, inp: ReviewInput, catalog: ExerciseLookup, rules: Rules, coach: CoachRules,
           review: ReviewRules) -> ReviewContext:
        start, end, earlier = inp.start, inp.end, inp.earlier
        since = dt.date.min if earlier is None else earlier.before
        if since > start:
            raise ValueError(
                f"the earlier log ends on {since}, after the period's start {start}")
        log = sorted((x for x in inp.workouts if since <= x.date <= end), key=lambda x: x.date)
        days_all = training_days(log)
        lift_log: Sequence[Workout] = log
        first_hard: Mapping[str, dt.date] = {}
        if earlier is not None:
            days_all = [*earlier.training_days, *days_all]
            lift_log = [*earlier.lift_days, *log]
            first_hard = earlier.first_hard
        days = [d for d in days_all if d >= start]
        period = [x for x in log if x.date >= start]
        checkins = sorted((c for c in inp.checkins if c.date <= end), key=lambda c: c.date)
        return cls(
            inp=inp, catalog=catalog, rules=rules, coach=coach, review=review, log=log,
            period=period, days_all=days_all, days=days, lift_log=lift_log,
            first_hard=first_hard,
            checkins=checkins, body_weight_kg=_body_weight(checkins, end, review),
            band=target_band(rules, inp.level, inp.goal),
            # An empty span gives empty series (and a finding saying so), not weeks of zeros.
            weekly=tuple(weekly_sets(period, catalog, start, end)) if days else (),
            logged=bool(log) or (earlier is not None and earlier.logged),
        )

    @property
    def start(self) -> dt.date:
        return self.inp.start

    @property
    def end(self) -> dt.date:
        return self.inp.end

    @property
    def unit(self) -> Unit:
        return self.inp.unit

    def w(self, kg: Decimal) -> str:
        """A weight in the lifter's unit ('102.5 kg')."""
        return display_weight(kg, self.unit)

    def name(self, ex: str) -> str:
        """An exercise's name (its id in words when the catalogue does not know it)."""
        found = self.catalog.get(ex)
        return found.name if found is not None else ex.replace("-", " ")


def _body_weight(checkins: Sequence[CheckIn], end: dt.date,
                 review: ReviewRules) -> Decimal | None:
    limit = end - dt.timedelta(days=review.protein.body_weight_max_age_days)
    for c in reversed(checkins):
        if c.date < limit:
            break
        if c.body_weight_kg is not None:
            return c.body_weight_kg
    return None
