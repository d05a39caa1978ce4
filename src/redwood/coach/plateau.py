"""Plateaus: no e1RM gain on a lift for 3 weeks (past 12 reps: no heavier set or more reps),
and the guide's remedy that fits.

The guide's remedies (coach.toml [plateau]): "boost weights by 5% or squeeze in an extra rep",
swap the variation at the next rotation ("every 4-6 weeks"), or change the rep scheme. Which
one: the 5% bump when today's target adds load anyway; a new rep scheme when reps keep being
missed; a variation after 4 flat weeks; else one more rep a week.
"""

from __future__ import annotations

from decimal import Decimal

from redwood.coach.context import Context
from redwood.coach.history import PastSession, best_e1rm_by_session
from redwood.coach.loading import Implement
from redwood.coach.targets import Decision, Plateau, PlateauRemedy, Target
from redwood.coach.variations import rotation_variation

__all__ = ["find_plateau"]


def _on_epleys_line(d: PastSession) -> Decimal | None:
    """The session's best working set as w (1 + r/30) at any reps: a measure to compare the
    sessions of one lift by (a heavier load, or more reps at it, is a gain), not an e1RM."""
    best = None
    for s in d.sets:
        if s.weight_kg is None or s.weight_kg <= 0 or not s.reps or not s.completed:
            continue
        value = s.weight_kg * (1 + Decimal(s.reps) / 30)
        best = value if best is None or value > best else best
    return best


def _on_line(ctx: Context) -> bool:
    """A range past [e1rm] reps (12-15 and 15-20: endurance, accessories) has no e1RM to read,
    and its plateaus went unseen (a lifter stuck at 14 reps for 7 weeks got no word): there
    the sessions compare on Epley's line."""
    return ctx.high > ctx.rules.e1rm.reps[1] and not ctx.timed and (
        ctx.implement is not Implement.ASSISTED_MACHINE)


def _series(ctx: Context) -> list[tuple[PastSession, Decimal]]:
    """Each session's best e1RM (or place on Epley's line, _on_line), oldest first."""
    if _on_line(ctx):
        return [(d, e) for d in ctx.done if (e := _on_epleys_line(d)) is not None]
    bests = best_e1rm_by_session(ctx.done, ctx.rules)
    return [(d, e) for d, e in zip(ctx.done, bests, strict=True) if e is not None]


def find_plateau(ctx: Context, target: Target) -> Plateau | None:
    p = ctx.rules.plateau
    series = _series(ctx)
    if len(series) < p.min_sessions + 1:
        return None
    best = series[0][1]
    last_gain = series[0][0]
    for d, e in series[1:]:
        # abs: an assisted lift's e1RM is negative (less help is higher; coach/e1rm.py).
        if e > best + abs(best) * Decimal(str(p.min_gain)):
            last_gain = d
        best = max(best, e)
    days = (ctx.today - last_gain.date).days
    since = [d for d, _ in series if d.date > last_gain.date]
    if days < p.window_days or len(since) < p.min_sessions:
        return None
    misses = sum(1 for d in since if ctx.missed(d, sets=d is ctx.last))
    if _on_line(ctx):
        top = max(((s.weight_kg, s.reps) for d, _ in series for s in d.sets
                   if s.weight_kg is not None and s.reps and s.completed),
                  key=lambda wr: wr[0] * (30 + wr[1]))
        flat = (f"No gain on {ctx.exercise.name} for {days} days (best set {ctx.w(top[0])} x "
                f"{top[1]})")
    else:
        flat = f"No e1RM gain on {ctx.exercise.name} for {days} days (best {ctx.w(best)})"
    if target.decision is Decision.ADD_LOAD:
        remedy, advice = PlateauRemedy.LOAD_BUMP, f"{flat}: today's 5% bump is the remedy."
    elif misses >= p.rep_scheme_after_misses:
        other = "8-10" if ctx.high <= 6 else "4-6"
        remedy = PlateauRemedy.REP_SCHEME
        advice = (
            f"{flat}, with missed reps in {misses} sessions: change the rep scheme for the "
            f"next block (try {other} reps)."
        )
    elif days >= p.variation_after_days and (swap_id := rotation_variation(ctx)) is not None:
        remedy = PlateauRemedy.VARIATION
        advice = (
            f"{flat}: swap to a variation at the next rotation, e.g. {ctx.name_of(swap_id)}."
        )
    else:
        remedy = PlateauRemedy.EXTRA_REP
        advice = f"{flat}: squeeze in an extra rep each week before adding load."
    return Plateau(last_gain.date, days, best, remedy, advice)
