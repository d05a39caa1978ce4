"""Plateaus: no e1RM gain on a lift for 3 weeks (past 12 reps: no heavier set or more reps),
and the guide's remedy that fits.

The guide's remedies (coach.toml [plateau]): "boost weights by 5% or squeeze in an extra rep",
swap the variation at the next rotation ("every 4-6 weeks"), or change the rep scheme. Which
one: the 5% bump when today's target adds load anyway; a new rep scheme when reps keep being
missed; a variation after 4 flat weeks; else one more rep a week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from redwood.coach.context import Context
from redwood.coach.history import WORKING_KINDS, PastSession, best_e1rm_by_session
from redwood.coach.loading import Implement
from redwood.coach.targets import Decision, Plateau, PlateauRemedy, Target
from redwood.coach.variations import rotation_variation
from redwood.domain.log import LoggedSet
from redwood.rules.coach import CoachRules, PlateauRules

__all__ = ["FlatRun", "find_plateau", "flat_run", "on_epleys_line", "past_e1rm_reps",
           "top_on_line"]


# --- the rule, shared with the 4-week review (coach/review/lifts.py) --------------------------


def past_e1rm_reps(top_reps: int, rules: CoachRules) -> bool:
    """Whether a lift trained up to `top_reps` reps is past [e1rm] reps (12-15 and 15-20:
    endurance, accessories): it has no e1RM to read, and its sessions compare on Epley's line
    (`on_epleys_line`). The coach asks it of the prescription's top, the review of the reps
    the log shows the lift trained at."""
    return top_reps > rules.e1rm.reps[1]


def _counted(sets: Iterable[LoggedSet]) -> Iterable[LoggedSet]:
    """Completed working (or failure) sets with a load and reps: what a session is judged by."""
    return (s for s in sets if s.kind in WORKING_KINDS and s.completed and s.reps
            and s.weight_kg is not None and s.weight_kg > 0)


def on_epleys_line(sets: Iterable[LoggedSet]) -> Decimal | None:
    """The session's best working set as w (1 + r/30) at any reps: a measure to compare the
    sessions of one lift by (a heavier load, or more reps at it, is a gain), not an e1RM."""
    best = None
    for s in _counted(sets):
        assert s.weight_kg is not None and s.reps is not None
        value = s.weight_kg * (1 + Decimal(s.reps) / 30)
        best = value if best is None or value > best else best
    return best


def top_on_line(sets: Iterable[LoggedSet]) -> tuple[Decimal, int] | None:
    """The set furthest along Epley's line (load, reps), to name as the best."""
    found = [(s.weight_kg, s.reps) for s in _counted(sets)]
    return max(found, key=lambda wr: wr[0] * (30 + wr[1])) if found else None  # type: ignore


@dataclass(frozen=True, slots=True)
class FlatRun:
    """A lift's sessions without a gain since `since` ([plateau] window_days or more)."""

    since: dt.date
    """The last session that gained (min_gain or more over the best before it)."""
    days: int
    sessions: int
    """Sessions after it."""
    best: Decimal


def flat_run(series: Sequence[tuple[dt.date, Decimal]], today: dt.date,
             p: PlateauRules) -> FlatRun | None:
    """The plateau test on a lift's sessions (date, best e1RM or place on Epley's line),
    oldest first: no gain of min_gain for window_days and min_sessions sessions."""
    if len(series) < p.min_sessions + 1:
        return None
    gain = Decimal(str(p.min_gain))
    best = series[0][1]
    last_gain = series[0][0]
    for day, value in series[1:]:
        # abs: an assisted lift's e1RM is negative (less help is higher; coach/e1rm.py).
        if value > best + abs(best) * gain:
            last_gain = day
        best = max(best, value)
    days = (today - last_gain).days
    sessions = sum(1 for day, _ in series if day > last_gain)
    if days < p.window_days or sessions < p.min_sessions:
        return None
    return FlatRun(last_gain, days, sessions, best)


# --- the coach ---------------------------------------------------------------------------------


def _on_line(ctx: Context) -> bool:
    """A range past [e1rm] reps has no e1RM to read, and its plateaus went unseen (a lifter
    stuck at 14 reps for 7 weeks got no word): there the sessions compare on Epley's line."""
    return past_e1rm_reps(ctx.high, ctx.rules) and not ctx.timed and (
        ctx.implement is not Implement.ASSISTED_MACHINE)


def _series(ctx: Context) -> list[tuple[PastSession, Decimal]]:
    """Each session's best e1RM (or place on Epley's line, _on_line), oldest first."""
    if _on_line(ctx):
        return [(d, e) for d in ctx.done if (e := on_epleys_line(d.sets)) is not None]
    bests = best_e1rm_by_session(ctx.done, ctx.rules)
    return [(d, e) for d, e in zip(ctx.done, bests, strict=True) if e is not None]


def find_plateau(ctx: Context, target: Target) -> Plateau | None:
    p = ctx.rules.plateau
    series = _series(ctx)
    flat_ = flat_run([(d.date, e) for d, e in series], ctx.today, p)
    if flat_ is None:
        return None
    days, best = flat_.days, flat_.best
    last_gain = next(d for d, _ in series if d.date == flat_.since)
    since = [d for d, _ in series if d.date > last_gain.date]
    misses = sum(1 for d in since if ctx.missed(d, sets=d is ctx.last))
    if _on_line(ctx):
        top = top_on_line(s for d, _ in series for s in d.sets)
        assert top is not None  # every session of the series has a set on the line
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
