"""Adherence: planned sessions done on their day, moved or missed, extra sessions, consistency
streaks, and the breaks in training."""

from __future__ import annotations

import datetime as dt
import itertools

from redwood.coach.analytics import is_hard, streaks
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import Adherence, Notes, PlannedDay, day_text, days_text


def adherence(ctx: ReviewContext) -> Adherence:
    """Planned sessions of the period matched to its training days: done on their day, moved
    (done within a few days) or missed; training days no planned session claimed are extra. A
    session planned for the last day is not missed yet."""
    inp, period, days, days_all, review = ctx.inp, ctx.period, ctx.days, ctx.days_all, ctx.review
    run = streaks(days_all, inp.end, max_gap_days=review.consistency.max_gap_days)
    planned = [p for p in inp.planned if inp.start <= p.date <= inp.end]
    if not inp.planned:
        return Adherence(None, 0, 0, 0, 0, len(days), len(days), run.current, run.longest)
    by_ref: dict[tuple[int, int, int], dt.date] = {}
    for x in period:
        if x.planned is not None and any(is_hard(s) for s in x.sets):
            by_ref.setdefault((x.planned.plan_id, x.planned.week, x.planned.session), x.date)
    claimed: set[dt.date] = set()
    on_day = moved = 0
    unmatched: list[PlannedDay] = []
    for p in planned:
        # weeks in PlannedRef are the plan's week index (from 1), like the plan JSON
        got = by_ref.get((p.plan_id, p.week, p.index))
        if got is None:
            unmatched.append(p)
            continue
        claimed.add(got)
        if got == p.date:
            on_day += 1
        else:
            moved += 1
    free = sorted(set(days) - claimed)
    planned_dates = {p.date for p in planned}
    still: list[PlannedDay] = []
    for p in unmatched:
        if p.date in free:
            free.remove(p.date)
            claimed.add(p.date)
            on_day += 1
        else:
            still.append(p)
    missed = pending = 0
    for p in still:
        near = [d for d in free
                if abs((d - p.date).days) <= review.adherence.moved_within_days
                and d not in planned_dates]
        if near:
            pick = min(near, key=lambda d: abs((d - p.date).days))
            free.remove(pick)
            claimed.add(pick)
            moved += 1
        elif p.date == inp.end:
            pending += 1  # the last day's session may still be done today: not missed yet
        else:
            missed += 1
    return Adherence(
        len(planned) - pending, on_day + moved, on_day, moved, missed, len(free), len(days),
        run.current, run.longest,
    )


def adherence_findings(ctx: ReviewContext, a: Adherence, out: Notes) -> None:
    review = ctx.review
    if a.planned:
        parts = [f"{a.done} of {a.planned} planned sessions done"]
        if a.moved:
            parts.append(f"{a.moved} moved to another day")
        if a.missed:
            parts.append(f"{a.missed} missed")
        if a.extra:
            parts.append(f"{a.extra} extra")
        out.find("adherence", "; ".join(parts) + f" ({a.rate:.0%}).")
    elif a.planned == 0:
        # A plan that starts next week is still a plan: not "no active plan".
        out.find("adherence", f"{_training_days(a.sessions)} (no planned session was due in "
                              "these weeks).")
    else:
        out.find("adherence", f"{_training_days(a.sessions)} (no active plan to compare with).")
    gap = review.consistency.max_gap_days
    if a.current_streak_days:
        out.find("consistency", f"Consistent for {days_text(a.current_streak_days)} (never "
                 f"more than {gap} days without training); longest run "
                 f"{days_text(a.longest_streak_days)}.")


def _training_days(n: int) -> str:
    return f"{n} training day" if n == 1 else f"{n} training days"


def breaks(ctx: ReviewContext, out: Notes) -> None:
    """Gaps of a layoff's length or more that end in the period, and training stopped."""
    days_all, start, end, coach = ctx.days_all, ctx.start, ctx.end, ctx.coach
    after = coach.layoff.after_days
    relevant = [d for d in days_all if d <= end]
    for a, b in itertools.pairwise(relevant):
        if b >= start and (b - a).days >= after:
            # A break across New Year names the years: "Mon 15 Sep to Sun 6 Dec (447 days)"
            # reads as a slip.
            years = a.year != b.year
            out.find("break", f"No training from {day_text(a, year=years)} to "
                     f"{day_text(b, year=years)} ({(b - a).days} days).")
    if relevant and (end - relevant[-1]).days >= after and relevant[-1] >= start - dt.timedelta(
            days=7 * 52):
        last = relevant[-1]
        out.find("stopped", f"No training since {day_text(last, year=last.year != end.year)} "
                 f"({(end - last).days} days).")


