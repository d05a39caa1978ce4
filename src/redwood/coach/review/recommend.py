"""Recommendations for the next block, each with its reason, from what the other parts found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from redwood.coach.analytics import ExerciseLookup, is_hard
from redwood.coach.loading import display_weight
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.fatigue import Fatigue
from redwood.coach.review.model import Adherence, LiftTrend, MuscleVolume, Notes, PlannedDay
from redwood.domain.log import Workout


def _rotation_anchor(log: Sequence[Workout], period: Sequence[Workout],
                     catalog: ExerciseLookup, planned: Sequence[PlannedDay],
                     end: dt.date, first_hard: Mapping[str, dt.date]
                     ) -> tuple[dt.date, list[str]] | None:
    """Since when the accessories (lifts that are not core lifts) have stayed the same."""
    recent = end - dt.timedelta(days=14)
    accessories = sorted({s.exercise_id for x in period if x.date >= recent for s in x.sets
                          if is_hard(s) and (e := catalog.get(s.exercise_id)) is not None
                          and not e.core_lift})
    if not accessories:
        return None
    wanted = set(accessories)
    first = {ex: d for ex, d in first_hard.items() if ex in wanted}
    for x in log:
        for s in x.sets:
            if s.exercise_id in wanted and s.exercise_id not in first and is_hard(s):
                first[s.exercise_id] = x.date
    anchor = max(first.values())
    past = [p for p in planned if p.date <= end and p.block is not None]
    if past:
        block = past[-1].block
        block_start = min(p.date for p in planned if p.block == block)
        anchor = max(anchor, block_start)
    return anchor, accessories


def _next_block(planned: Sequence[PlannedDay], end: dt.date) -> tuple[dt.date, int] | None:
    """The first day after `end` of a block of the active plan other than the one `end` is in
    (its accessories rotate with each block), and that block's number."""
    blocks = sorted((p.date, p.block) for p in planned if p.block is not None)
    current = [b for d, b in blocks if d <= end]
    for day, block in blocks:
        if day > end and (not current or block != current[-1]):
            return day, block
    return None


def recommend(ctx: ReviewContext, out: Notes, lifts: Sequence[LiftTrend], a: Adherence,
              fatigue: Fatigue, muscles: Sequence[MuscleVolume] = ()) -> None:
    """What to change for the next block, from the findings so far, the lifts, adherence and
    fatigue; each recommendation with its reason."""
    inp, body_weight = ctx.inp, ctx.body_weight_kg
    rules, coach, review, name = ctx.rules, ctx.coach, ctx.review, ctx.name
    kinds = {f.kind for f in out.findings}
    end = inp.end
    if "stopped" in kinds:
        cut = coach.layoff
        out.rec("restart", "Start again with your usual sessions: the coach takes "
                f"{cut.cut_per_week:.0%} off each lift's load per week missed (at most "
                f"{cut.max_cut:.0%}) and builds it back.",
                "No training in the last week or more; coming back lighter is safer and the "
                "strength returns quickly (coach.toml [layoff]).")
    plateaued = [f for f in out.findings if f.kind == "plateau"]
    falling = [f for f in out.findings if f.kind == "falling"]
    if fatigue.persistent and (plateaued or falling
                               or fatigue.signals >= 2 * review.fatigue.min_signals):
        factor = rules.volume.deload_set_factor
        out.rec("deload", f"Take a deload week: the same lifts and reps, lighter loads and "
                f"about {factor:.0%} of your usual sets; then start the next block.",
                f"Fatigue on {fatigue.signals} days"
                + (" while lifts stall or fall" if plateaued or falling else "")
                + " (guide: \"Notice persistent fatigue? Swap heavy sets for bodyweight "
                "exercises\").")
    if plateaued and "deload" not in {r.kind for r in out.recs}:
        for t in lifts:
            if not any(f.text.startswith(f"{t.name}:") for f in plateaued):
                continue
            reps = [p.reps for p in t.points] or [5]
            typical = sorted(reps)[len(reps) // 2]
            other = "8-10" if typical <= 6 else "4-6"
            out.rec("rep_scheme", f"{t.name}: change the rep scheme for the next block (try "
                    f"{other} reps), or add one rep a week before adding load.",
                    f"No e1RM gain for {coach.plateau.window_days}+ days (guide: \"Notice "
                    "plateauing? Boost weights by 5% or squeeze in an extra rep\").")
    rot = _rotation_anchor(ctx.log, ctx.period, ctx.catalog, inp.planned, end, ctx.first_hard)
    if rot is not None and "stopped" not in kinds:
        anchor, accessories = rot
        weeks = (end - anchor).days // 7
        if weeks >= review.rotation.after_weeks:
            names = ", ".join(name(x) for x in accessories[:4])
            why = (f"The same accessories for {weeks} weeks (guide: \"Rotate exercises every "
                   f"{review.rotation.after_weeks}-{review.rotation.overdue_weeks} weeks ... "
                   "while maintaining core lifts\").")
            turn = _next_block(inp.planned, end)
            if turn is not None and (turn[0] - anchor).days // 7 <= review.rotation.overdue_weeks:
                # The active plan rotates them itself, in time: say when, rather than ask the
                # lifter to do by hand what the plan's next block does.
                out.rec("rotate", f"Your plan rotates your accessories in block {turn[1]}, from "
                        f"{turn[0]:%a %d %b}: {names} make way for variations; the core lifts "
                        "stay.", why)
            else:
                more = "" if weeks < review.rotation.overdue_weeks else " (overdue)"
                out.rec("rotate", f"Rotate your accessories{more}: swap {names} for "
                        "variations; keep the core lifts.", why)
    # Judged per muscle, as the findings judge it: a region's sum holds several muscles.
    short = [m for m in muscles if m.state == "under"]
    rate = a.rate
    # Not beside a deload: a tired lifter is not asked for more work in the same breath.
    deloading = "deload" in {r.kind for r in out.recs}
    if rate is not None and rate >= review.adherence.high and short and "stopped" not in kinds \
            and not deloading:
        names = " and ".join(m.muscle for m in short)
        listing = ", ".join(f"{m.muscle} {m.average:.1f} ({m.band[0]}-{m.band[1]})"
                            for m in short)
        out.rec("add_session", f"Add a session a week (or 2-3 sets for {names} to the "
                "sessions you do).",
                f"You did {rate:.0%} of the planned sessions, and weekly hard sets are under "
                f"the band for {listing} (rules.toml [muscle_volume]).")
    elif rate is not None and rate < review.adherence.low and "stopped" not in kinds:
        out.rec("fewer_sessions", "Plan fewer sessions a week, on days you can keep.",
                f"{a.done} of {a.planned} planned sessions done ({rate:.0%}): a plan that fits "
                "the week beats a perfect one (guide: \"Consistent effort beats perfect plans\").")
    if "short_sleep" in {f.kind for f in out.findings}:
        out.rec("sleep", f"Aim for {review.sleep.min_hours:g}-9 hours of sleep a night.",
                f"Short nights on {fatigue.short_sleep} of {fatigue.nights} nights logged "
                "(guide: \"7-9 hours of quality sleep nightly\").")
    if body_weight is not None and (ctx.period or ctx.logged):
        grams = round(float(body_weight) * review.protein.g_per_kg_day)
        out.rec("protein", f"Eat about {grams} g of protein a day.",
                f"{review.protein.g_per_kg_day:g} g per kg of body weight "
                f"({display_weight(body_weight, inp.unit)}) a day (guide).")


