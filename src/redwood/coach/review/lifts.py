"""The lifts the review follows: each core lift's e1RM trend against the period before, the
records set in the period, plateaus, and what the log shows of the coach's decisions (deloads,
returns after a break, loads held)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from redwood.coach.analytics import (
    E1rmPoint,
    ExerciseLookup,
    e1rm_series_by_exercise,
    is_hard,
    weekly_trend,
)
from redwood.coach.history import WORKING_KINDS
from redwood.coach.plateau import flat_run, on_epleys_line, past_e1rm_reps, top_on_line
from redwood.coach.records import Best, ExerciseRecords, RecordKind, compute_records, new_records
from redwood.coach.review.context import ReviewContext
from redwood.coach.review.model import LiftTrend, Notes, PeriodTrend, Record, day_text
from redwood.domain.log import HARD_KINDS, KG_PER_LB, Unit, Workout, is_assisted
from redwood.domain.vocabulary import Mechanic
from redwood.rules.coach import CoachRules
from redwood.rules.review import ReviewRules

Weight = Callable[[Decimal], str]


def earlier_exercises(period: Iterable[Workout], catalog: ExerciseLookup,
                      review: ReviewRules) -> frozenset[str]:
    """The exercises whose earlier sets the review reads: the period's core lifts (records,
    trends, plateaus, loads), the milestone lifts and the pull-ups."""
    ids = set(core_lifts(list(period), catalog))
    ids.update(lm.exercise_id for lm in review.milestones.lifts)
    ids.update(review.milestones.pull_up)
    return frozenset(ids)


def _trend(points: Sequence[E1rmPoint], start: dt.date, end: dt.date,
           review: ReviewRules) -> PeriodTrend:
    slope = weekly_trend([(p.date, p.e1rm_kg) for p in points], review.trend)
    return PeriodTrend(
        start, end, len(points),
        points[0].e1rm_kg if points else None,
        points[-1].e1rm_kg if points else None,
        max((p.e1rm_kg for p in points), default=None),
        slope,
    )


def core_lifts(period: Sequence[Workout], catalog: ExerciseLookup) -> list[str]:
    """Loaded lifts of the period worth a trend: the catalogue's core lifts, else compounds."""
    counts: dict[str, int] = {}
    for x in period:
        for s in x.sets:
            if is_hard(s) and s.weight_kg is not None and s.reps:
                counts[s.exercise_id] = counts.get(s.exercise_id, 0) + 1
    core = [ex for ex in counts if (e := catalog.get(ex)) is not None and e.core_lift]
    if not core:
        core = [ex for ex in counts
                if (e := catalog.get(ex)) is not None and e.mechanic is Mechanic.COMPOUND]
    return sorted(core, key=lambda ex: (-counts[ex], ex))


def _merge(a: ExerciseRecords | None, b: ExerciseRecords) -> ExerciseRecords:
    if a is None:
        return b

    def top(x: Best | None, y: Best | None) -> Best | None:
        if x is None:
            return y
        if y is None:
            return x
        return y if y.value > x.value else x

    reps = dict(a.reps_at_weight or {})
    for k, v in (b.reps_at_weight or {}).items():
        if k not in reps or (v.reps or 0) > (reps[k].reps or 0):
            reps[k] = v
    return replace(a, heaviest=top(a.heaviest, b.heaviest), best_e1rm=top(a.best_e1rm, b.best_e1rm),
                   best_volume=top(a.best_volume, b.best_volume), reps_at_weight=reps)


def _records(before: Sequence[Workout], period: Sequence[Workout], ids: Sequence[str],
             coach: CoachRules) -> dict[str, list[tuple[dt.date, Any]]]:
    current: dict[str, ExerciseRecords] = compute_records(before, coach)
    found: dict[str, list[tuple[dt.date, Any]]] = {ex: [] for ex in ids}
    for x in period:
        day, sets = x.date, x.sets
        best: dict[tuple[str, RecordKind], Any] = {}
        for b in new_records(current, sets, coach):
            if b.kind is RecordKind.VOLUME:
                continue
            key = (b.exercise_id, b.kind)
            if key not in best or b.value >= best[key].value:
                best[key] = b
        for (ex, _), b in best.items():
            found[ex].append((day, b))
        for ex, rec in compute_records([(day, sets)], coach).items():
            current[ex] = _merge(current.get(ex), rec)
    return found


def lifts(ctx: ReviewContext) -> tuple[tuple[LiftTrend, ...], dict[str, list[E1rmPoint]]]:
    """Each core lift's trend in the period and the one before, with the records it set; and
    each lift's whole e1RM series (the plateau test reads it)."""
    log, period, start, end = ctx.lift_log, ctx.period, ctx.start, ctx.end
    catalog, coach, review, w, name = ctx.catalog, ctx.coach, ctx.review, ctx.w, ctx.name
    ids = core_lifts(period, catalog)
    if not ids:
        return (), {}
    length = end - start + dt.timedelta(days=1)
    prev_start, prev_end = start - length, start - dt.timedelta(days=1)
    # One pass keeps only the lifts' sets: records and series then read a fraction of the log.
    wanted = set(ids)
    only = [Workout(x.date, kept) for x in log
            if (kept := tuple(s for s in x.sets if s.exercise_id in wanted))]
    records = _records([x for x in only if x.date < start], [x for x in only if x.date >= start],
                       ids, coach)
    out: list[LiftTrend] = []
    all_series = e1rm_series_by_exercise(only, ids, coach)
    for ex in ids:
        series = all_series[ex]
        now = [p for p in series if start <= p.date <= end]
        if not now:
            continue  # only sets without an e1RM (failed singles, 13+ reps...)
        then = [p for p in series if prev_start <= p.date <= prev_end]
        recs: list[Record] = []
        for day, b in records[ex]:
            kind = {RecordKind.E1RM: "e1rm", RecordKind.HEAVIEST: "heaviest",
                    RecordKind.REPS: "reps"}[b.kind]
            if b.kind is RecordKind.REPS:
                at = "bodyweight" if b.weight_kg is None else w(b.weight_kg)
                text = f"{name(ex)}: {b.value} reps at {at} (before: {b.previous})"
            elif b.kind is RecordKind.HEAVIEST:
                text = f"{name(ex)}: heaviest ever, {w(b.value)} (was {w(b.previous)})"
            else:
                text = f"{name(ex)}: best e1RM {w(b.value)} (was {w(b.previous)})"
            recs.append(Record(day, kind, b.value, b.weight_kg, b.reps, text))
        out.append(LiftTrend(ex, name(ex), _trend(now, start, end, review),
                             _trend(then, prev_start, prev_end, review), tuple(recs),
                             tuple(now)))
    return tuple(out), all_series


def slope_amount(kg_per_week: float, unit: Unit) -> str:
    """'+2.2 kg', '-0.4 lb': a weekly e1RM trend in the lifter's unit, to 0.1. One wording
    for the lift's heading and for what the review found: they read +2.21 kg and +2 kg (a
    slope rounded as a bar is loaded, which shows +0.2 kg a week as '+0 kg')."""
    value = kg_per_week if unit is Unit.KG else kg_per_week / float(KG_PER_LB)
    return f"{value:+.1f} {unit.value}"


def _slope_text(slope: float | None, unit: Unit) -> str:
    if slope is None:
        return "no trend yet"
    return f"{slope_amount(slope, unit)} a week"


def _records_text(records: Sequence[Record], w: Weight) -> str:
    """'3 records: best e1RM 140 kg (Sun 22 Nov), heaviest 122 kg (Sun 22 Nov), 1 rep record'."""
    parts: list[str] = []
    e1 = [r for r in records if r.kind == "e1rm"]
    heavy = [r for r in records if r.kind == "heaviest"]
    reps = [r for r in records if r.kind == "reps"]
    if e1:
        parts.append(f"best e1RM {w(e1[-1].value)} ({day_text(e1[-1].date)})")
    if heavy:
        parts.append(f"heaviest {w(heavy[-1].value)} ({day_text(heavy[-1].date)})")
    if reps:
        last = reps[-1]
        at = "bodyweight" if last.weight_kg is None else w(last.weight_kg)
        parts.append(f"{len(reps)} rep record{'s' if len(reps) > 1 else ''}, the last "
                     f"{last.value} reps at {at} ({day_text(last.date)})")
    n = len(records)
    return f"{n} record{'s' if n > 1 else ''} in the period: " + ", ".join(parts)


def lift_findings(ctx: ReviewContext, lifts: Sequence[LiftTrend], out: Notes) -> None:
    review, w = ctx.review, ctx.w
    for t in lifts:
        c, p = t.current, t.previous
        if c.e1rm_start_kg is None or c.e1rm_end_kg is None:
            continue
        text = (f"{t.name}: e1RM {w(c.e1rm_start_kg)} -> {w(c.e1rm_end_kg)}, "
                f"{_slope_text(c.slope_kg_per_week, ctx.unit)}")
        if p.points and p.best_e1rm_kg is not None and c.best_e1rm_kg is not None:
            delta = c.best_e1rm_kg - p.best_e1rm_kg
            sign = "+" if delta >= 0 else "-"
            # The period before's own trend, said as of then ("then no trend yet" read as if
            # the trend were still to come).
            then = ("too short a log then for a trend" if p.slope_kg_per_week is None else
                    f"{slope_amount(p.slope_kg_per_week, ctx.unit)} a week then")
            text += (f"; best {w(c.best_e1rm_kg)} vs {w(p.best_e1rm_kg)} the "
                     f"{(p.end - p.start).days + 1} days before ({sign}{w(abs(delta))}; "
                     f"{then})")
        else:
            text += "; nothing to compare with in the period before"
        slope = c.slope_kg_per_week
        kind = "progress"
        if slope is None:
            kind = "trend"  # one session: nothing to draw a line through yet
        elif slope <= review.trend.falling_kg_per_week:
            kind = "falling"
        elif slope <= 0:
            kind = "flat"
        out.find(kind, text + ".")
        if t.records:
            out.find("pr", f"{t.name}: {_records_text(t.records, w)}.")


def plateaus(ctx: ReviewContext, all_series: Mapping[str, Sequence[E1rmPoint]],
             out: Notes) -> None:
    """The coach's plateau test (coach/plateau.py: `flat_run`) on each lift's sessions up to
    the period's end: their best e1RM, or, for a lift trained past [e1rm] reps (15s on the
    leg press), their place on Epley's line, as the coach reads such a range; the review
    used to skip those lifts (no e1RM past 12 reps), where the coach saw their plateaus."""
    coach, w, end = ctx.coach, ctx.w, ctx.end
    for ex in core_lifts(ctx.period, ctx.catalog):
        reps = sorted(s.reps for x in ctx.period for s in x.sets
                      if s.exercise_id == ex and s.kind in WORKING_KINDS and s.completed
                      and s.reps and s.weight_kg)
        if not reps:
            continue
        # The reps the lift is trained at (the period's middle working set): the review's
        # stand-in for the prescription's top the coach asks `past_e1rm_reps` of.
        if past_e1rm_reps(reps[len(reps) // 2], coach) and not is_assisted(ex):
            days = [(x.date, [s for s in x.sets if s.exercise_id == ex])
                    for x in ctx.lift_log if x.date <= end]
            line = [(day, v) for day, sets in days if (v := on_epleys_line(sets)) is not None]
            flat = flat_run(line, end, coach.plateau)
            top = top_on_line(s for day, sets in days for s in sets)
            if flat is not None and top is not None:
                out.find("plateau", f"{ctx.name(ex)}: no gain for {flat.days} days "
                         f"({flat.sessions} sessions since {day_text(flat.since)}; best set "
                         f"{w(top[0])} x {top[1]}).")
            continue
        series = [(x.date, x.e1rm_kg) for x in all_series.get(ex, []) if x.date <= end]
        flat = flat_run(series, end, coach.plateau)
        if flat is not None:
            out.find("plateau", f"{ctx.name(ex)}: no e1RM gain for {flat.days} days "
                     f"({flat.sessions} sessions since {day_text(flat.since)}; best "
                     f"{w(flat.best)}).")


# --- the coach's decisions, as the log shows them -------------------------------------------


def _top_loads(
    log: Sequence[Workout], ids: Iterable[str]
) -> dict[str, list[tuple[dt.date, Decimal]]]:
    # In the lifts' own order (not a set's): the review's findings must read the same on
    # every run, whatever Python's hash seed.
    top: dict[str, dict[dt.date, Decimal]] = {ex: {} for ex in ids}
    wanted = top.keys()
    for x in log:
        for s in x.sets:
            if s.exercise_id in wanted and s.kind in HARD_KINDS \
                    and s.weight_kg is not None and s.weight_kg > 0:
                held = top[s.exercise_id].get(x.date)
                if held is None or s.weight_kg > held:
                    top[s.exercise_id][x.date] = s.weight_kg
    return {ex: sorted(days.items()) for ex, days in top.items()}


def decisions(ctx: ReviewContext, lifts: Sequence[LiftTrend], out: Notes) -> None:
    """The plan's deload weeks, and the loads the log shows cut (a deload, or a return after a
    break) or held session after session."""
    log, planned, start, end = ctx.lift_log, ctx.inp.planned, ctx.start, ctx.end
    coach, w, name = ctx.coach, ctx.w, ctx.name
    deload_weeks = sorted({p.week for p in planned if p.deload and start <= p.date <= end})
    for week in deload_weeks:
        out.find("deload", f"Week {week} of the plan was a planned deload week.")
    ids = [t.exercise_id for t in lifts]
    cut = Decimal(str(coach.missed.deload)) - Decimal("0.005")
    # The sessions just before the period give the loads to compare with; a lift last done
    # more than a year before is a fresh start, not a deload.
    since = start - dt.timedelta(days=365)
    recent = [x for x in log if x.date >= since]
    for ex, loads in _top_loads(recent, ids).items():
        for (d0, w0), (d1, w1) in itertools.pairwise(loads):
            if d1 < start or w1 >= w0 * (1 - cut):
                continue
            gap = (d1 - d0).days
            drop = (w0 - w1) / w0
            if gap >= coach.layoff.after_days:
                out.find("return", f"{name(ex)}: back after {gap} days away at {w(w1)} "
                         f"({drop:.0%} under {w(w0)}), as the coach does after a break.")
            else:
                out.find("deload", f"{name(ex)}: load cut to {w(w1)} on {day_text(d1)} "
                         f"({drop:.0%} under {w(w0)}).")
        in_period = [(d, x) for d, x in loads if d >= start]
        run = 1
        for (_, a), (_, b) in itertools.pairwise(in_period):
            run = run + 1 if a == b else 1
        if run >= coach.plateau.min_sessions and in_period:
            out.find("hold", f"{name(ex)}: held at {w(in_period[-1][1])} for the last {run} "
                     "sessions.")


