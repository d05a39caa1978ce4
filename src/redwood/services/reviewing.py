"""The review as a service: read the log and call the pure review.

`review(store, user, end=..., weeks=...)` opens one reader, fetches the period's workouts and
check-ins, a summary of the years before (`EarlierLog`: training days, firsts, the sets of the
lifts the review follows, body weights) and the active plan, and returns
`redwood.coach.review.Review` (its `to_dict()` is the JSON of the CLI and the API); the same
review as over the whole log, in a fraction of the time on years of training.
redwood.render.review renders it as Markdown and HTML for sharing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redwood.services.base import ServiceError

if TYPE_CHECKING:
    from redwood.catalog.loader import Catalog
    from redwood.coach.review import EarlierLog, PlannedDay, Review, ReviewInput
    from redwood.domain.log import CheckIn, Workout
    from redwood.domain.user import User
    from redwood.store import Store


class ReviewError(ServiceError):
    """A review that cannot be asked for (a bad span); the message says what is allowed."""


def planned_days(plan_id: int, plan: dict[str, Any]) -> list[PlannedDay]:
    """The sessions of a plan-v1 JSON document."""
    from redwood.coach.review import PlannedDay

    out: list[PlannedDay] = []
    for week in plan.get("weeks", []):
        for i, session in enumerate(week.get("sessions", [])):
            try:
                day = dt.date.fromisoformat(session["date"])
            except (KeyError, TypeError, ValueError):
                continue
            out.append(PlannedDay(day, plan_id, int(week["index"]), i,
                                  bool(week.get("deload", False)), week.get("block")))
    return out


def gather(store: Store, user: User, *, end: dt.date, weeks: int | None = None,
           whole_log: bool = True, catalog: Catalog | None = None) -> ReviewInput:
    """What the review reads, in one reader: the log and check-ins up to `end`, the active
    plan's sessions, the goal and level (the plan's profile, else the lifter's).

    `whole_log=False` reads only the period in full and summarizes the years before it
    (ReviewInput.earlier): the same review, much faster on a long log, but `workouts` then
    holds only the period (charts of records and streaks want the whole log). The summary
    follows the core lifts of `catalog` (default: the built-in one): pass `build` the same."""
    from redwood.coach.review import ReviewInput, review_period
    from redwood.rules.review import load_review_rules

    rr = load_review_rules()
    n = rr.period.weeks if weeks is None else weeks
    if not 1 <= n <= rr.period.max_weeks:
        raise ReviewError(f"{n} is out of range: allowed 1..{rr.period.max_weeks}", "weeks")
    start, end = review_period(end, n)
    earlier: EarlierLog | None = None
    with store.reader(user.id) as uow:
        if whole_log:
            workouts: list[Workout] = uow.workouts.list(until=end)
            checkins: list[CheckIn] = uow.checkins.list(until=end)
        else:
            from redwood.catalog import load_catalog
            from redwood.coach.review import EarlierLog, earlier_exercises
            from redwood.store import queries

            workouts = uow.workouts.list(since=start, until=end)
            ids = earlier_exercises(workouts, catalog or load_catalog(), rr)
            earlier = EarlierLog(
                start, queries.training_days(uow, before=start),
                queries.hard_sets_by_day(uow, ids, before=start), ids,
                queries.first_hard_days(uow, before=start),
                queries.logged_before(uow, before=start))
            # Before the period only body weights count (milestones at times body weight).
            checkins = [*queries.body_weights(uow, before=start),
                        *uow.checkins.list(since=start, until=end)]
        active = uow.plans.active()
        profile = uow.profiles.active()
    from redwood.services.progress import level_and_goal

    planned = [] if active is None else planned_days(*active)
    level, goal = level_and_goal(profile[1] if profile else None,
                                 active[1] if active else None)
    # A lifter who started lately is reviewed from their start (sign-up, or the first workout
    # when an imported log goes further back), not blamed for the weeks before it.
    # created_at is stored in UTC; "today" (the review's end, every workout's date) is the
    # server's local day, so the sign-up is read as a local day too: west of UTC in the
    # evening the UTC date is already tomorrow's, which put the start after the end.
    signed_up = user.created_at.replace(tzinfo=dt.UTC).astimezone().date()
    began = min([signed_up, *(w.date for w in workouts[-1:])])
    if (earlier is None or not earlier.logged) and start < began <= end:
        start = began
        if earlier is not None:
            import dataclasses

            earlier = dataclasses.replace(earlier, before=start)
    return ReviewInput(start, end, workouts, checkins, planned, level, goal, user.unit,
                       earlier)


def build(inp: ReviewInput, catalog: Catalog | None = None) -> Review:
    from redwood.catalog import load_catalog
    from redwood.coach.review import build_review
    from redwood.rules import load_rules
    from redwood.rules.coach import load_coach_rules
    from redwood.rules.review import load_review_rules

    return build_review(inp, catalog or load_catalog(), load_rules(), load_coach_rules(),
                        load_review_rules())


def review(
    store: Store,
    user: User,
    *,
    end: dt.date,
    weeks: int | None = None,
    catalog: Catalog | None = None,
) -> Review:
    """The review of the `weeks` weeks ending on `end` (review.toml's default: 4)."""
    from redwood.catalog import load_catalog

    catalog = catalog or load_catalog()
    return build(gather(store, user, end=end, weeks=weeks, whole_log=False, catalog=catalog),
                 catalog)


@dataclass(frozen=True)
class ChartLog:
    """What the charts of a review file read (redwood.render.review.review_html), bounded
    whatever the log's length."""

    workouts: list[Workout]
    """From the Monday of the period's first week to its end."""
    checkins: list[CheckIn]
    """From a week before the period (the body-weight average) to its end."""
    days: list[dt.date]
    """Every training day up to the end (the calendar's streaks), from one index scan."""
    e1rm_before: list[Workout]
    """One day before the period: the best sets of the charted lifts before it (see
    WorkoutRepository.e1rm_shapes), which the period's records are marked against."""


def chart_log(store: Store, user: User, r: Review) -> ChartLog:
    """What review_html's charts of the review `r` read: the same charts as from the whole
    log, from the period and a summary of the years before it."""
    from redwood.coach.analytics import week_start
    from redwood.domain.log import Workout

    lifts = [t.exercise_id for t in r.lifts[:4]]
    before = r.start - dt.timedelta(days=1)
    with store.reader(user.id) as uow:
        workouts = uow.workouts.list(since=week_start(r.start), until=r.end)
        checkins = uow.checkins.list(r.start - dt.timedelta(days=6), r.end)
        days = uow.workouts.training_days(r.end)
        earlier = uow.workouts.e1rm_shapes(lifts, before=r.start)
    return ChartLog(workouts, checkins, days,
                    [Workout(date=before, sets=tuple(earlier))] if earlier else [])


# --- rendering -------------------------------------------------------------------------------
