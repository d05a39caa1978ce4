"""`build_review`: the parts of the review, in order, over one `ReviewContext`."""

from __future__ import annotations

from redwood.coach.analytics import ExerciseLookup, daily_sets
from redwood.coach.review import adherence as adherence_
from redwood.coach.review import fatigue as fatigue_
from redwood.coach.review import lifts as lifts_
from redwood.coach.review import milestones as milestones_
from redwood.coach.review import recommend as recommend_
from redwood.coach.review import volume as volume_
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import LiftTrend, Notes, Review, ReviewInput, day_text
from redwood.rules import Rules
from redwood.rules.coach import CoachRules
from redwood.rules.review import ReviewRules


def build_review(
    inp: ReviewInput,
    catalog: ExerciseLookup,
    rules: Rules,
    coach: CoachRules,
    review: ReviewRules,
) -> Review:
    ctx = ReviewContext.of(inp, catalog, rules, coach, review)
    if inp.earlier is not None:
        missing = lifts_.earlier_exercises(ctx.period, catalog, review) - inp.earlier.exercise_ids
        if missing:
            raise ValueError(f"the earlier log leaves out {', '.join(sorted(missing))}")
    start, end, days, days_all = ctx.start, ctx.end, ctx.days, ctx.days_all
    out = Notes()

    adherence = adherence_.adherence(ctx)
    calendar = tuple(daily_sets(ctx.period, start, end)) if days else ()

    # Days with only warm-ups logged are no training: the span counts as empty.
    if not days_all:
        out.find("no_data", "Nothing is logged yet: log a workout (`redwood log`) and the "
                 "review will have something to say.")
    elif not days:
        last = days_all[-1]
        out.find("no_data", f"No workouts from {day_text(start)} to {day_text(end)} {end.year}; "
                 f"the last one was on {day_text(last)} {last.year}.")
    lifts: tuple[LiftTrend, ...] = ()
    # One count per muscle, read by the findings, the recommendations and the table alike.
    muscles = volume_.muscle_volumes(ctx) if days else ()
    if days:
        adherence_.adherence_findings(ctx, adherence, out)
        lifts, series = lifts_.lifts(ctx)
        lifts_.lift_findings(ctx, lifts, out)
        lifts_.plateaus(ctx, series, out)
        volume_.volume(ctx, muscles, out)
        lifts_.decisions(ctx, lifts, out)
    adherence_.breaks(ctx, out)
    fatigued = fatigue_.fatigue(ctx, out)
    recommend_.recommend(ctx, out, lifts, adherence, fatigued, muscles)
    milestones, upcoming = milestones_.milestones(ctx, lifts, adherence) if days_all else ([], [])
    return Review(
        start=start, end=end, unit=ctx.unit, adherence=adherence, lifts=lifts,
        weekly=ctx.weekly, band=ctx.band, findings=tuple(out.findings),
        recommendations=tuple(out.recs), milestones=tuple(milestones),
        next_milestones=tuple(upcoming), calendar=calendar, body_weight_kg=ctx.body_weight_kg,
        level=inp.level, goal=inp.goal, sources={**review.sources}, muscles=muscles,
    )
