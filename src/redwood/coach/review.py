"""The four-week review: what happened in a span of training, why, and what changes next.

Pure: it reads workouts, check-ins and the active plan's sessions handed to it (see
redwood.services.reviewing for the service that fetches them) and returns a `Review`. Every
number it judges by comes from rules: review.toml (its own), rules.toml (volume bands, balance,
deload sets) and coach.toml (plateaus, fatigue thresholds, deloads, layoffs).

What it covers, in the guide's words ("Review logs every 4 weeks. Adjust targets based on
trends - maybe add an extra set or swap exercises hitting plateaus. Celebrate milestones"):

- adherence: planned sessions done on their day, moved (done within a few days), missed; extra
  sessions; consistency streaks;
- each core lift's e1RM trend: first and last e1RM of the period, the least-squares slope in kg
  a week, and the same for the previous period of equal length (a fair comparison: same
  length, same method); records (e1RM, heaviest, reps) set in the period;
- weekly hard sets per region and muscle against the goal's band, and the legs:back balance;
- plateaus (coach.toml [plateau], as the coach finds them), falling lifts, breaks, fatigue
  signals from check-ins, and what the log shows of the coach's decisions (deloads, returns
  after a break, loads held);
- recommendations for the next block, each with its reason, and milestones reached and in
  reach.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from redwood.coach.analytics import (
    DaySets,
    E1rmPoint,
    ExerciseLookup,
    WeekSets,
    consistent_runs,
    daily_sets,
    e1rm_series_by_exercise,
    is_hard,
    least_squares_slope,
    streaks,
    target_band,
    training_days,
    weekly_sets,
)
from redwood.coach.loading import display_weight
from redwood.coach.records import Best, ExerciseRecords, RecordKind, compute_records, new_records
from redwood.domain.log import HARD_KINDS, CheckIn, LoggedSet, Unit, Workout
from redwood.domain.vocabulary import Goal, Level, Mechanic, Region
from redwood.rules import Rules
from redwood.rules.coach import CoachRules
from redwood.rules.review import ReviewRules

__all__ = [
    "Adherence",
    "EarlierLog",
    "Finding",
    "LiftTrend",
    "Milestone",
    "PeriodTrend",
    "PlannedDay",
    "Recommendation",
    "Record",
    "Review",
    "ReviewInput",
    "build_review",
    "earlier_exercises",
    "review_period",
    "summarize_earlier",
]


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedDay:
    """One session of the active plan."""

    date: dt.date
    plan_id: int
    week: int
    index: int
    """Position in its week, from 0 (as in PlannedRef)."""
    deload: bool = False
    block: int | None = None


@dataclass(frozen=True)
class EarlierLog:
    """The log before `before`, reduced to what the review reads of it: years of training
    matter to a four-week review only for training days (streaks, breaks, milestones), firsts
    (accessory rotation, first pull-up), and the records, e1RM trends and top loads of a few
    lifts. `summarize_earlier` makes one from workouts; redwood.services.reviewing from the
    store."""

    before: dt.date
    training_days: Sequence[dt.date]
    """Days before `before` with a hard set, oldest first, each once."""
    lift_days: Sequence[Workout]
    """The hard sets of `exercise_ids`, by day, oldest first (each distinct set once a day is
    enough: only times, distances and how often a set was repeated are lost)."""
    exercise_ids: frozenset[str]
    """Must hold `earlier_exercises` of the period."""
    first_hard: Mapping[str, dt.date] = field(default_factory=dict)
    """Each exercise's first day with a hard set."""
    logged: bool = False
    """Whether any workout (warm-ups only included) is dated before `before`."""


@dataclass(frozen=True)
class ReviewInput:
    start: dt.date
    end: dt.date
    workouts: Sequence[Workout]
    """The log up to `end` (earlier history makes records, firsts and the comparison right);
    with `earlier`, only the workouts from `earlier.before` on."""
    checkins: Sequence[CheckIn] = ()
    planned: Sequence[PlannedDay] = ()
    level: Level = Level.BEGINNER
    goal: Goal | None = None
    unit: Unit = Unit.KG
    earlier: EarlierLog | None = None
    """The log before the workouts, summarized (None: `workouts` is the whole log). The review
    is the same either way; the summary is what keeps it fast on years of training."""


def review_period(end: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The `weeks` weeks ending on `end`, inclusive."""
    return end - dt.timedelta(days=7 * weeks - 1), end


def earlier_exercises(period: Iterable[Workout], catalog: ExerciseLookup,
                      review: ReviewRules) -> frozenset[str]:
    """The exercises whose earlier sets the review reads: the period's core lifts (records,
    trends, plateaus, loads), the milestone lifts and the pull-ups."""
    ids = set(_core_lifts(list(period), catalog))
    ids.update(lm.exercise_id for lm in review.milestones.lifts)
    ids.update(review.milestones.pull_up)
    return frozenset(ids)


def summarize_earlier(workouts: Iterable[Workout], before: dt.date,
                      exercise_ids: Iterable[str]) -> EarlierLog:
    """The `EarlierLog` of the workouts dated before `before` (later ones are ignored)."""
    wanted = frozenset(exercise_ids)
    old = sorted((x for x in workouts if x.date < before), key=lambda x: x.date)
    first: dict[str, dt.date] = {}
    lift_days: list[Workout] = []
    for x in old:
        kept: list[LoggedSet] = []
        for s in x.sets:
            if is_hard(s):
                first.setdefault(s.exercise_id, x.date)
                if s.exercise_id in wanted:
                    kept.append(s)
        if kept:
            lift_days.append(Workout(x.date, tuple(kept)))
    return EarlierLog(before, training_days(old), lift_days, wanted, first, bool(old))


# --- outputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    kind: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: str
    text: str
    date: dt.date | None
    """When it was reached; None for one in reach."""


@dataclass(frozen=True, slots=True)
class Record:
    date: dt.date
    kind: str
    """e1rm, heaviest or reps."""
    value: Decimal
    weight_kg: Decimal | None
    reps: int | None
    text: str


@dataclass(frozen=True, slots=True)
class PeriodTrend:
    start: dt.date
    end: dt.date
    points: int
    e1rm_start_kg: Decimal | None
    e1rm_end_kg: Decimal | None
    best_e1rm_kg: Decimal | None
    slope_kg_per_week: float | None


@dataclass(frozen=True)
class LiftTrend:
    exercise_id: str
    name: str
    current: PeriodTrend
    previous: PeriodTrend
    records: tuple[Record, ...]
    points: tuple[E1rmPoint, ...]
    """The period's e1RM points (for charts)."""

    @property
    def change_kg(self) -> Decimal | None:
        c = self.current
        if c.e1rm_start_kg is None or c.e1rm_end_kg is None:
            return None
        return c.e1rm_end_kg - c.e1rm_start_kg


@dataclass(frozen=True, slots=True)
class Adherence:
    planned: int | None
    """Planned sessions of the active plan dated in the period (None: no plan)."""
    done: int
    """Planned sessions done on their day or moved (so done + missed == planned)."""
    on_day: int
    moved: int
    missed: int
    extra: int
    """Training days that followed no planned session."""
    sessions: int
    """Training days in the period."""
    current_streak_days: int
    longest_streak_days: int

    @property
    def rate(self) -> float | None:
        return self.done / self.planned if self.planned else None


@dataclass(frozen=True)
class Review:
    start: dt.date
    end: dt.date
    unit: Unit
    adherence: Adherence
    lifts: tuple[LiftTrend, ...]
    weekly: tuple[WeekSets, ...]
    band: tuple[int, int]
    findings: tuple[Finding, ...]
    recommendations: tuple[Recommendation, ...]
    milestones: tuple[Milestone, ...]
    next_milestones: tuple[Milestone, ...]
    calendar: tuple[DaySets, ...]
    body_weight_kg: Decimal | None = None
    level: Level = Level.BEGINNER
    goal: Goal | None = None
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.adherence.sessions == 0

    def balance(self) -> dict[str, Any]:
        """Hard sets for legs and back over the period, and legs:back (None without back)."""
        legs = sum(w.legs for w in self.weekly)
        back = sum(w.back for w in self.weekly)
        return {"legs": legs, "back": back, "ratio": round(legs / back, 2) if back else None}

    def kinds(self) -> set[str]:
        return {f.kind for f in self.findings}

    def recommendation_kinds(self) -> set[str]:
        return {r.kind for r in self.recommendations}

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape (`redwood review --format json`, the API): weights in kg."""
        a = self.adherence
        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat(),
                       "days": (self.end - self.start).days + 1},
            "unit": self.unit.value,
            "level": self.level.value,
            "goal": None if self.goal is None else self.goal.value,
            "adherence": {
                "planned": a.planned, "done": a.done, "on_day": a.on_day, "moved": a.moved,
                "missed": a.missed, "extra": a.extra, "sessions": a.sessions,
                "rate": None if a.rate is None else round(a.rate, 3),
                "current_streak_days": a.current_streak_days,
                "longest_streak_days": a.longest_streak_days,
            },
            "lifts": [_lift_dict(t) for t in self.lifts],
            "band": {"low": self.band[0], "high": self.band[1]},
            "balance": self.balance(),
            "weekly_sets": [
                {"week_start": w.week_start.isoformat(), "days": w.days, "legs": w.legs,
                 "back": w.back, "by_region": dict(w.by_region), "by_muscle": dict(w.by_muscle)}
                for w in self.weekly
            ],
            "calendar": [{"date": d.date.isoformat(), "sets": d.sets} for d in self.calendar],
            "body_weight_kg": _num(self.body_weight_kg),
            "findings": [{"kind": f.kind, "text": f.text} for f in self.findings],
            "recommendations": [
                {"kind": r.kind, "text": r.text, "reason": r.reason} for r in self.recommendations
            ],
            "milestones": [_milestone_dict(m) for m in self.milestones],
            "next_milestones": [_milestone_dict(m) for m in self.next_milestones],
        }


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _milestone_dict(m: Milestone) -> dict[str, Any]:
    return {"kind": m.kind, "text": m.text, "date": None if m.date is None else m.date.isoformat()}


def _trend_dict(p: PeriodTrend) -> dict[str, Any]:
    return {
        "start": p.start.isoformat(), "end": p.end.isoformat(), "points": p.points,
        "e1rm_start_kg": _num(p.e1rm_start_kg), "e1rm_end_kg": _num(p.e1rm_end_kg),
        "best_e1rm_kg": _num(p.best_e1rm_kg),
        "slope_kg_per_week": None if p.slope_kg_per_week is None else round(
            p.slope_kg_per_week, 2),
    }


def _lift_dict(t: LiftTrend) -> dict[str, Any]:
    cur = _trend_dict(t.current)
    return {
        "exercise_id": t.exercise_id,
        "name": t.name,
        "e1rm_start_kg": cur["e1rm_start_kg"],
        "e1rm_end_kg": cur["e1rm_end_kg"],
        "best_e1rm_kg": cur["best_e1rm_kg"],
        "slope_kg_per_week": cur["slope_kg_per_week"],
        "points": cur["points"],
        "previous": _trend_dict(t.previous),
        "prs": [
            {"date": r.date.isoformat(), "kind": r.kind, "value": float(r.value),
             "weight_kg": _num(r.weight_kg), "reps": r.reps, "text": r.text}
            for r in t.records
        ],
        "series": [
            {"date": p.date.isoformat(), "e1rm_kg": float(p.e1rm_kg),
             "weight_kg": float(p.weight_kg), "reps": p.reps, "is_pr": p.is_pr}
            for p in t.points
        ],
    }


# --- building it -----------------------------------------------------------------------------


@dataclass
class _Out:
    findings: list[Finding] = field(default_factory=list)
    recs: list[Recommendation] = field(default_factory=list)

    def find(self, kind: str, text: str) -> None:
        self.findings.append(Finding(kind, text))

    def rec(self, kind: str, text: str, reason: str) -> None:
        self.recs.append(Recommendation(kind, text, reason))


def _d(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def build_review(
    inp: ReviewInput,
    catalog: ExerciseLookup,
    rules: Rules,
    coach: CoachRules,
    review: ReviewRules,
) -> Review:
    start, end, unit = inp.start, inp.end, inp.unit

    def w(kg: Decimal) -> str:
        return display_weight(kg, unit)

    def name(ex: str) -> str:
        found = catalog.get(ex)
        return found.name if found is not None else ex.replace("-", " ")

    earlier = inp.earlier
    since = dt.date.min if earlier is None else earlier.before
    if since > start:
        raise ValueError(f"the earlier log ends on {since}, after the period's start {start}")
    log = sorted((x for x in inp.workouts if since <= x.date <= end), key=lambda x: x.date)
    period = [x for x in log if x.date >= start]
    days_all = training_days(log)
    # The sets of the few lifts the review follows through the years (see EarlierLog).
    lift_log: Sequence[Workout] = log
    first_hard: Mapping[str, dt.date] = {}
    if earlier is not None:
        days_all = [*earlier.training_days, *days_all]
        lift_log = [*earlier.lift_days, *log]
        first_hard = earlier.first_hard
        missing = earlier_exercises(period, catalog, review) - earlier.exercise_ids
        if missing:
            raise ValueError(f"the earlier log leaves out {', '.join(sorted(missing))}")
    days = [d for d in days_all if d >= start]
    out = _Out()
    band = target_band(rules, inp.level, inp.goal)

    adherence = _adherence(inp, period, days, days_all, review)
    # An empty span gives empty series (and a finding saying so), not weeks of zeros.
    weekly = tuple(weekly_sets(period, catalog, start, end)) if days else ()
    calendar = tuple(daily_sets(period, start, end)) if days else ()
    checkins = sorted((c for c in inp.checkins if c.date <= end), key=lambda c: c.date)
    body_weight = _body_weight(checkins, end, review)

    # Days with only warm-ups logged are no training: the span counts as empty.
    if not days_all:
        out.find("no_data", "Nothing is logged yet: log a workout (`redwood log`) and the "
                 "review will have something to say.")
    elif not days:
        last = days_all[-1]
        out.find("no_data", f"No workouts from {_d(start)} to {_d(end)} {end.year}; the last "
                 f"one was on {_d(last)} {last.year}.")
    lifts: tuple[LiftTrend, ...] = ()
    if days:
        _adherence_findings(adherence, out, review)
        lifts, series = _lifts(lift_log, period, start, end, catalog, coach, review, w,
                               name)
        _lift_findings(lifts, out, review, w)
        _plateaus(lifts, series, coach, out, w)
        _volume(weekly, band, rules, out, review, inp.goal)
        _decisions(lift_log, lifts, inp.planned, start, end, coach, out, w, name)
    _breaks(days_all, start, end, coach, out)
    fatigued = _fatigue(checkins, period, start, end, coach, review, out)
    logged = bool(log) or (earlier is not None and earlier.logged)
    _recommend(inp, lifts, adherence, weekly, band, fatigued, body_weight, log, period,
               catalog, rules, coach, review, out, name, first_hard, logged)
    milestones, upcoming = _milestones(lift_log, days_all, checkins, start, end, lifts, adherence,
                                       review, w, name) if days_all else ([], [])
    sources = {**review.sources}
    return Review(
        start=start, end=end, unit=unit, adherence=adherence, lifts=lifts, weekly=weekly,
        band=band, findings=tuple(out.findings), recommendations=tuple(out.recs),
        milestones=tuple(milestones), next_milestones=tuple(upcoming), calendar=calendar,
        body_weight_kg=body_weight, level=inp.level, goal=inp.goal, sources=sources,
    )


# --- adherence -------------------------------------------------------------------------------


def _adherence(
    inp: ReviewInput,
    period: Sequence[Workout],
    days: Sequence[dt.date],
    days_all: Sequence[dt.date],
    review: ReviewRules,
) -> Adherence:
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


def _adherence_findings(a: Adherence, out: _Out, review: ReviewRules) -> None:
    if a.planned:
        parts = [f"{a.done} of {a.planned} planned sessions done"]
        if a.moved:
            parts.append(f"{a.moved} moved to another day")
        if a.missed:
            parts.append(f"{a.missed} missed")
        if a.extra:
            parts.append(f"{a.extra} extra")
        out.find("adherence", "; ".join(parts) + f" ({a.rate:.0%}).")
    else:
        out.find("adherence", f"{a.sessions} training days (no active plan to compare with).")
    gap = review.consistency.max_gap_days
    if a.current_streak_days:
        out.find("consistency", f"Consistent for {a.current_streak_days} days (never more "
                 f"than {gap} days without training); longest run {a.longest_streak_days} days.")


# --- lifts -----------------------------------------------------------------------------------


def _trend(points: Sequence[E1rmPoint], start: dt.date, end: dt.date,
           review: ReviewRules) -> PeriodTrend:
    slope = None
    if len(points) >= review.trend.min_points:
        per_day = least_squares_slope([(p.date, p.e1rm_kg) for p in points])
        slope = None if per_day is None else per_day * 7
    return PeriodTrend(
        start, end, len(points),
        points[0].e1rm_kg if points else None,
        points[-1].e1rm_kg if points else None,
        max((p.e1rm_kg for p in points), default=None),
        slope,
    )


def _core_lifts(period: Sequence[Workout], catalog: ExerciseLookup) -> list[str]:
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


def _lifts(log: Sequence[Workout], period: Sequence[Workout], start: dt.date, end: dt.date,
           catalog: ExerciseLookup, coach: CoachRules, review: ReviewRules, w: Any,
           name: Any) -> tuple[tuple[LiftTrend, ...], dict[str, list[E1rmPoint]]]:
    ids = _core_lifts(period, catalog)
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


def _slope_text(slope: float | None, unit_w: Any) -> str:
    if slope is None:
        return "no trend yet"
    sign = "+" if slope >= 0 else "-"
    return f"{sign}{unit_w(Decimal(str(abs(round(slope, 2)))))} a week"


def _records_text(records: Sequence[Record], w: Any) -> str:
    """'3 records: best e1RM 140 kg (Sun 22 Nov), heaviest 122 kg (Sun 22 Nov), 1 rep record'."""
    parts: list[str] = []
    e1 = [r for r in records if r.kind == "e1rm"]
    heavy = [r for r in records if r.kind == "heaviest"]
    reps = [r for r in records if r.kind == "reps"]
    if e1:
        parts.append(f"best e1RM {w(e1[-1].value)} ({_d(e1[-1].date)})")
    if heavy:
        parts.append(f"heaviest {w(heavy[-1].value)} ({_d(heavy[-1].date)})")
    if reps:
        last = reps[-1]
        at = "bodyweight" if last.weight_kg is None else w(last.weight_kg)
        parts.append(f"{len(reps)} rep record{'s' if len(reps) > 1 else ''}, the last "
                     f"{last.value} reps at {at} ({_d(last.date)})")
    n = len(records)
    return f"{n} record{'s' if n > 1 else ''} in the period: " + ", ".join(parts)


def _lift_findings(lifts: Sequence[LiftTrend], out: _Out, review: ReviewRules, w: Any) -> None:
    for t in lifts:
        c, p = t.current, t.previous
        if c.e1rm_start_kg is None or c.e1rm_end_kg is None:
            continue
        text = (f"{t.name}: e1RM {w(c.e1rm_start_kg)} -> {w(c.e1rm_end_kg)}, "
                f"{_slope_text(c.slope_kg_per_week, w)}")
        if p.points and p.best_e1rm_kg is not None and c.best_e1rm_kg is not None:
            delta = c.best_e1rm_kg - p.best_e1rm_kg
            sign = "+" if delta >= 0 else "-"
            text += (f"; best {w(c.best_e1rm_kg)} vs {w(p.best_e1rm_kg)} the "
                     f"{(p.end - p.start).days + 1} days before ({sign}{w(abs(delta))}, "
                     f"then {_slope_text(p.slope_kg_per_week, w)})")
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


def _plateaus(lifts: Sequence[LiftTrend], all_series: Mapping[str, Sequence[E1rmPoint]],
              coach: CoachRules, out: _Out, w: Any) -> None:
    """coach/plateau.py's test on each lift's e1RM series up to the period's end."""
    p = coach.plateau
    gain = Decimal(str(p.min_gain))
    for t in lifts:
        end = t.current.end
        series = all_series.get(t.exercise_id, [])
        if len(series) < p.min_sessions + 1:
            continue
        best = series[0].e1rm_kg
        last_gain = series[0].date
        for x in series[1:]:
            if x.e1rm_kg > best * (1 + gain):
                last_gain = x.date
            best = max(best, x.e1rm_kg)
        days = (end - last_gain).days
        since = [x for x in series if x.date > last_gain]
        if days >= p.window_days and len(since) >= p.min_sessions:
            out.find("plateau", f"{t.name}: no e1RM gain for {days} days ({len(since)} "
                     f"sessions since {_d(last_gain)}; best {w(best)}).")


# --- volume ----------------------------------------------------------------------------------


def _volume(weekly: Sequence[WeekSets], band: tuple[int, int], rules: Rules, out: _Out,
            review: ReviewRules, goal: Goal | None) -> None:
    full = [x for x in weekly if x.days == 7] or list(weekly)
    if not full:
        return
    low, high = band
    for region in (Region.LEGS, Region.BACK):
        counts = [x.by_region.get(region.value, 0) for x in full]
        avg = sum(counts) / len(counts)
        under = sum(1 for n in counts if n < low)
        over = sum(1 for n in counts if n > high)
        listing = ", ".join(str(n) for n in counts)
        if avg < low:
            out.find("volume_low", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), under the {low}-{high} band; {under} of {len(counts)} weeks "
                     "short.")
        elif avg > high:
            out.find("volume_high", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), over the {low}-{high} band in {over} of {len(counts)} weeks.")
        else:
            out.find("volume", f"{region.value.capitalize()}: {avg:.1f} hard sets a week "
                     f"({listing}), inside the {low}-{high} band.")
    if goal is Goal.HYPERTROPHY:
        need = rules.volume.hypertrophy_min_sets
        short = []
        for muscle in review.muscles.key:
            avg = sum(x.by_muscle.get(muscle.value, 0.0) for x in full) / len(full)
            if avg < need:
                short.append(f"{muscle.value} {avg:.1f}")
        if short:
            out.find("muscle_low", f"Under {need} hard sets a week (secondary work counted "
                     f"as half): {', '.join(short)}.")
    legs = sum(x.legs for x in weekly)
    back = sum(x.back for x in weekly)
    lo, hi = rules.volume.balance
    if legs and back:
        ratio = legs / back
        if not lo <= ratio <= hi:
            more, less = ("legs", "back") if ratio > hi else ("back", "legs")
            out.find("balance", f"Legs:back {legs}:{back} ({ratio:.2f}) is outside "
                     f"{lo:g}-{hi:g}: {more} get far more work than {less}.")
    elif legs or back:
        missing = "back" if legs else "legs"
        out.find("balance", f"No hard sets for {missing} in the period.")


# --- the coach's decisions, as the log shows them -------------------------------------------


def _top_loads(
    log: Sequence[Workout], ids: Iterable[str]
) -> dict[str, list[tuple[dt.date, Decimal]]]:
    wanted = set(ids)
    top: dict[str, dict[dt.date, Decimal]] = {ex: {} for ex in wanted}
    for x in log:
        for s in x.sets:
            if s.exercise_id in wanted and s.kind in HARD_KINDS \
                    and s.weight_kg is not None and s.weight_kg > 0:
                held = top[s.exercise_id].get(x.date)
                if held is None or s.weight_kg > held:
                    top[s.exercise_id][x.date] = s.weight_kg
    return {ex: sorted(days.items()) for ex, days in top.items()}


def _decisions(log: Sequence[Workout], lifts: Sequence[LiftTrend],
               planned: Sequence[PlannedDay], start: dt.date, end: dt.date, coach: CoachRules,
               out: _Out, w: Any, name: Any) -> None:
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
                out.find("deload", f"{name(ex)}: load cut to {w(w1)} on {_d(d1)} "
                         f"({drop:.0%} under {w(w0)}).")
        in_period = [(d, x) for d, x in loads if d >= start]
        run = 1
        for (_, a), (_, b) in itertools.pairwise(in_period):
            run = run + 1 if a == b else 1
        if run >= coach.plateau.min_sessions and in_period:
            out.find("hold", f"{name(ex)}: held at {w(in_period[-1][1])} for the last {run} "
                     "sessions.")


def _breaks(days_all: Sequence[dt.date], start: dt.date, end: dt.date, coach: CoachRules,
            out: _Out) -> None:
    after = coach.layoff.after_days
    relevant = [d for d in days_all if d <= end]
    for a, b in itertools.pairwise(relevant):
        if b >= start and (b - a).days >= after:
            out.find("break", f"No training from {_d(a)} to {_d(b)} ({(b - a).days} days).")
    if relevant and (end - relevant[-1]).days >= after and relevant[-1] >= start - dt.timedelta(
            days=7 * 52):
        out.find("stopped", f"No training since {_d(relevant[-1])} "
                 f"({(end - relevant[-1]).days} days).")


# --- fatigue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fatigue:
    signals: int
    short_sleep: int
    nights: int
    low_energy: int
    sore: int

    @property
    def persistent(self) -> bool:
        return self.signals > 0


def _fatigue(checkins: Sequence[CheckIn], period: Sequence[Workout], start: dt.date,
             end: dt.date, coach: CoachRules, review: ReviewRules, out: _Out) -> _Fatigue:
    f = coach.fatigue
    sleep_min = Decimal(str(review.sleep.min_hours))
    days: set[dt.date] = set()
    short = nights = low = sore = 0
    for c in checkins:
        if not start <= c.date <= end:
            continue
        hit = False
        if c.sleep_hours is not None:
            nights += 1
            if c.sleep_hours < sleep_min:
                short += 1
                hit = True
        if c.energy is not None and c.energy <= f.low_energy:
            low += 1
            hit = True
        if c.soreness and max(c.soreness.values()) >= f.high_soreness:
            sore += 1
            hit = True
        if hit:
            days.add(c.date)
    for x in period:
        if x.energy is not None and x.energy <= f.low_energy and x.date not in days:
            low += 1
            days.add(x.date)
    signals = len(days)
    result = _Fatigue(signals if signals >= review.fatigue.min_signals else 0, short, nights,
                      low, sore)
    if result.persistent:
        parts = []
        if short:
            parts.append(f"{short} nights under {review.sleep.min_hours:g} h of sleep")
        if low:
            parts.append(f"{low} days of low energy (≤ {f.low_energy} of 5)")
        if sore:
            parts.append(f"{sore} days of high soreness (≥ {f.high_soreness} of 5)")
        out.find("fatigue", f"Fatigue signals on {signals} days: {', '.join(parts)}.")
    if nights and short >= review.fatigue.min_signals and \
            short / nights >= review.fatigue.short_sleep_share:
        out.find("short_sleep", f"Under {review.sleep.min_hours:g} h of sleep on {short} of "
                 f"{nights} nights logged.")
    return result


# --- recommendations -------------------------------------------------------------------------


def _body_weight(checkins: Sequence[CheckIn], end: dt.date,
                 review: ReviewRules) -> Decimal | None:
    limit = end - dt.timedelta(days=review.protein.body_weight_max_age_days)
    for c in reversed(checkins):
        if c.date < limit:
            break
        if c.body_weight_kg is not None:
            return c.body_weight_kg
    return None


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


def _recommend(inp: ReviewInput, lifts: Sequence[LiftTrend], a: Adherence,
               weekly: Sequence[WeekSets], band: tuple[int, int], fatigue: _Fatigue,
               body_weight: Decimal | None, log: Sequence[Workout], period: Sequence[Workout],
               catalog: ExerciseLookup, rules: Rules, coach: CoachRules,
               review: ReviewRules, out: _Out, name: Any,
               first_hard: Mapping[str, dt.date], logged: bool) -> None:
    kinds = {f.kind for f in out.findings}
    end = inp.end
    if "stopped" in kinds:
        cut = coach.layoff
        out.rec("restart", "Start again with your usual sessions: the coach takes "
                f"{cut.cut_per_week:.0%} off each lift's load per week away (at most "
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
    rot = _rotation_anchor(log, period, catalog, inp.planned, end, first_hard)
    if rot is not None and "stopped" not in kinds:
        anchor, accessories = rot
        weeks = (end - anchor).days // 7
        if weeks >= review.rotation.after_weeks:
            names = ", ".join(name(x) for x in accessories[:4])
            more = "" if weeks < review.rotation.overdue_weeks else " (overdue)"
            out.rec("rotate", f"Rotate your accessories{more}: swap {names} for variations; "
                    "keep the core lifts.",
                    f"The same accessories for {weeks} weeks (guide: \"Rotate exercises every "
                    f"{review.rotation.after_weeks}-{review.rotation.overdue_weeks} weeks ... "
                    "while maintaining core lifts\").")
    full = [x for x in weekly if x.days == 7]
    short_regions = [r for r in (Region.LEGS, Region.BACK) if full and
                     sum(x.by_region.get(r.value, 0) for x in full) / len(full) < band[0]]
    rate = a.rate
    if rate is not None and rate >= review.adherence.high and short_regions \
            and "stopped" not in kinds:
        out.rec("add_session", "Add a session a week (or 2-3 sets for "
                f"{' and '.join(r.value for r in short_regions)} to the sessions you do).",
                f"You did {rate:.0%} of the planned sessions, and weekly hard sets for "
                f"{' and '.join(r.value for r in short_regions)} are under the "
                f"{band[0]}-{band[1]} band (rules.toml [volume]).")
    elif rate is not None and rate < review.adherence.low and "stopped" not in kinds:
        out.rec("fewer_sessions", "Plan fewer sessions a week, on days you can keep.",
                f"{a.done} of {a.planned} planned sessions done ({rate:.0%}): a plan that fits "
                "the week beats a perfect one (guide: \"Consistent effort beats perfect plans\").")
    if "short_sleep" in {f.kind for f in out.findings}:
        out.rec("sleep", f"Aim for {review.sleep.min_hours:g}-9 hours of sleep a night.",
                f"Short nights on {fatigue.short_sleep} of {fatigue.nights} nights logged "
                "(guide: \"7-9 hours of quality sleep nightly\").")
    if body_weight is not None and (period or logged):
        grams = round(float(body_weight) * review.protein.g_per_kg_day)
        out.rec("protein", f"Eat about {grams} g of protein a day.",
                f"{review.protein.g_per_kg_day:g} g per kg of body weight "
                f"({display_weight(body_weight, inp.unit)}) a day (guide).")


# --- milestones ------------------------------------------------------------------------------


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


def _milestones(log: Sequence[Workout], days_all: Sequence[dt.date], checkins: Sequence[CheckIn],
                start: dt.date, end: dt.date, lifts: Sequence[LiftTrend], a: Adherence,
                review: ReviewRules, w: Any, name: Any) -> tuple[list[Milestone], list[Milestone]]:
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
