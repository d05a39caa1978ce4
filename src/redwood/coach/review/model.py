"""The review's inputs and outputs: what it reads (`ReviewInput`, `PlannedDay`, `EarlierLog`)
and what it says (`Review` with its findings, recommendations, lift trends, records and
milestones, and `Review.to_dict()`, the JSON of `redwood review --format json` and the API).
`Notes` collects findings and recommendations as the parts of the review add them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from redwood.coach.analytics import DaySets, E1rmPoint, WeekSets, is_hard, training_days
from redwood.domain.log import CheckIn, LoggedSet, Unit, Workout
from redwood.domain.vocabulary import Goal, Level

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
    """What the review reads: the period, its log and check-ins, the planned sessions, level and
    goal."""
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
    """One thing the review found, of a kind (progress, plateau, pr...)."""
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What to change in the next block, and why."""
    kind: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Milestone:
    """A milestone reached (or the next one ahead), dated."""
    kind: str
    text: str
    date: dt.date | None
    """When it was reached; None for one in reach."""


@dataclass(frozen=True, slots=True)
class Record:
    """A record set in the period, as the review words it."""
    date: dt.date
    kind: str
    """e1rm, heaviest or reps."""
    value: Decimal
    weight_kg: Decimal | None
    reps: int | None
    text: str


@dataclass(frozen=True, slots=True)
class PeriodTrend:
    """A lift's e1RM over one period: first, last and best, and the weekly slope."""
    start: dt.date
    end: dt.date
    points: int
    e1rm_start_kg: Decimal | None
    e1rm_end_kg: Decimal | None
    best_e1rm_kg: Decimal | None
    slope_kg_per_week: float | None


@dataclass(frozen=True)
class LiftTrend:
    """A core lift's e1RM trend in the period and the one before, with its records."""
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
    """Planned sessions against done ones in the period, and the training streaks."""
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


@dataclass(frozen=True, slots=True)
class MuscleVolume:
    """One tracked muscle's weekly hard sets in the period against its band for the goal and
    level (rules.toml [muscle_volume], counted as the planner doses: redwood.rules.counting).
    The review's table and its findings both read this, so they cannot disagree."""

    muscle: str
    main: bool
    """A main muscle (judged below its band too); calves and core are judged only above it,
    since a lifter may train them outside the log."""
    band: tuple[int, int]
    weekly: tuple[float, ...]
    """Hard sets in each week of `Review.weekly`, part weeks included."""
    average: float
    """Hard sets a week over the period's full weeks (every week when none is full): what is
    judged against the band."""

    @property
    def state(self) -> str:
        """'under', 'inside' or 'over' the band; 'below' for calves and core under theirs
        (shown, not judged)."""
        if self.average > self.band[1] + 1e-9:
            return "over"
        if self.average < self.band[0] - 1e-9:
            return "under" if self.main else "below"
        return "inside"

    @property
    def off_by(self) -> float:
        """Sets a week outside the band (0 inside it)."""
        if self.average > self.band[1]:
            return self.average - self.band[1]
        if self.average < self.band[0]:
            return self.band[0] - self.average
        return 0.0

    def verdict(self) -> str:
        """'inside', '2.0 under', '3.5 over', 'below (not judged)': the table's word."""
        state = self.state
        if state == "inside":
            return state
        if state == "below":
            return "below (not judged)"
        return f"{self.off_by:.1f} {state}"


@dataclass(frozen=True)
class Review:
    """The review of a period: adherence, lifts, weekly sets, findings, recommendations and
    milestones."""
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
    muscles: tuple[MuscleVolume, ...] = ()
    """Each tracked muscle's weekly hard sets against its own band: the volume judged."""

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
            # The per-region band is kept for clients that read it; volume is judged per
            # muscle ("muscles"), never a region against it.
            "band": {"low": self.band[0], "high": self.band[1]},
            "balance": self.balance(),
            "weekly_sets": [
                {"week_start": w.week_start.isoformat(), "days": w.days, "legs": w.legs,
                 "back": w.back, "by_region": dict(w.by_region), "by_muscle": dict(w.by_muscle)}
                for w in self.weekly
            ],
            "muscles": [
                {"muscle": m.muscle, "main": m.main,
                 "band": {"low": m.band[0], "high": m.band[1]},
                 "weekly": [round(x, 2) for x in m.weekly], "average": round(m.average, 2),
                 "state": m.state, "off_by": round(m.off_by, 2)}
                for m in self.muscles
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


# --- notes ---------------------------------------------------------------------------------


@dataclass
class Notes:
    """The findings and recommendations so far, in the order the review adds them."""

    findings: list[Finding] = field(default_factory=list)
    recs: list[Recommendation] = field(default_factory=list)

    def find(self, kind: str, text: str) -> None:
        self.findings.append(Finding(kind, text))

    def rec(self, kind: str, text: str, reason: str) -> None:
        self.recs.append(Recommendation(kind, text, reason))


def days_text(n: int) -> str:
    """'1 day', '7 days': a lifter's first review has runs of one day."""
    return f"{n} day" if n == 1 else f"{n} days"


def day_text(day: dt.date, *, year: bool = False) -> str:
    """'Sun 22 Nov', or with `year` 'Sun 22 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b}" + (f" {day.year}" if year else "")
