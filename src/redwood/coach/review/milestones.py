"""Milestones reached in the period (consistency, training days, the first pull-up, lifts at a
multiple of body weight) and those in reach."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from redwood.coach.analytics import consistent_runs, is_hard
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import Adherence, LiftTrend, Milestone
from redwood.domain.log import HARD_KINDS, Workout


def _bw_at(dates: Sequence[dt.date], weights: Sequence[Decimal], day: dt.date) -> Decimal:
    """The latest body weight on or before `day` (else the first one after it)."""
    i = bisect.bisect_right(dates, day)
    return weights[max(i - 1, 0)]


def _heaviest_by_day(log: Sequence[Workout], ids: set[str]) -> dict[str, list[tuple[dt.date,
                                                                               Decimal]]]:
    """Each exercise's heaviest completed hard set of each day, oldest first."""
    out: dict[str, dict[dt.date, Decimal]] = {ex: {} for ex in ids}
    hard = HARD_KINDS
    for x in log:
        for s in x.sets:
            days = out.get(s.exercise_id)
            if days is None or s.kind not in hard or not s.completed or s.weight_kg is None \
                    or not s.reps:
                continue
            if s.weight_kg > days.get(x.date, Decimal(0)):
                days[x.date] = s.weight_kg
    return {ex: sorted(days.items()) for ex, days in out.items()}


def milestones(ctx: ReviewContext, lifts: Sequence[LiftTrend],
               a: Adherence) -> tuple[list[Milestone], list[Milestone]]:
    """The milestones reached in the period (by date) and those in reach."""
    log, days_all, checkins = ctx.lift_log, ctx.days_all, ctx.checkins
    start, end, review, w, name = ctx.start, ctx.end, ctx.review, ctx.w, ctx.name
    m = review.milestones
    reached: list[Milestone] = []
    upcoming: list[Milestone] = []
    target = review.consistency.milestone_days
    first_run = None
    for run in consistent_runs(days_all, review.consistency.max_gap_days):
        hit = run.reached(target, days_all)
        if hit is not None:
            first_run = hit
            break
    if first_run is not None and start <= first_run <= end:
        reached.append(Milestone("consistency", f"First {target} consistent days", first_run))
    elif first_run is None and a.current_streak_days:
        upcoming.append(Milestone("consistency", f"{target} consistent days: "
                                  f"{target - a.current_streak_days} to go", None))
    for n in m.sessions:
        if len(days_all) >= n:
            day = days_all[n - 1]
            if start <= day <= end:
                reached.append(Milestone("sessions", f"{n} training days", day))
        else:
            upcoming.append(Milestone("sessions", f"{n} training days: {n - len(days_all)} "
                                      "to go", None))
            break
    pulls = set(m.pull_up)
    first_pull = next((x.date for x in log for s in x.sets if s.exercise_id in pulls
                       and is_hard(s) and s.completed and (s.reps or 0) >= 1), None)
    if first_pull is not None and start <= first_pull <= end:
        reached.append(Milestone("pull_up", "First pull-up", first_pull))
    elif first_pull is None and any(s.exercise_id in {"band-assisted-pull-up",
                                                       "negative-pull-up", "assisted-pull-up"}
                                    for x in log if x.date >= start for s in x.sets):
        upcoming.append(Milestone("pull_up", "First unassisted pull-up", None))
    bws = [(c.date, c.body_weight_kg) for c in checkins if c.body_weight_kg is not None]
    bw_dates = [d for d, _ in bws]
    bw_values = [v for _, v in bws if v is not None]
    best_now = {t.exercise_id: t.current.best_e1rm_kg for t in lifts}
    if bw_values:
        heaviest = _heaviest_by_day(log, {lm.exercise_id for lm in m.lifts})
        for lm in m.lifts:
            label = (f"{name(lm.exercise_id)} at {lm.times_body_weight:g}x body weight")
            times = Decimal(str(lm.times_body_weight))
            when = next((d for d, kg in heaviest[lm.exercise_id]
                         if kg >= _bw_at(bw_dates, bw_values, d) * times), None)
            if when is not None:
                if start <= when <= end:
                    reached.append(Milestone("lift", label, when))
                continue
            best = best_now.get(lm.exercise_id)
            goal = bw_values[-1] * times
            if best is not None and best >= goal * Decimal(str(m.in_reach)) and not any(
                    u.kind == "lift" and u.text.startswith(name(lm.exercise_id))
                    for u in upcoming):
                upcoming.append(Milestone("lift", f"{label} ({w(goal)}): best e1RM "
                                          f"{w(best)} this period", None))
    reached.sort(key=lambda x: (x.date or end, x.kind))
    return reached, upcoming
