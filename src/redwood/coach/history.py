"""Reading one exercise's log: its past sessions, body weight, soreness, the weekly cap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from redwood.coach.e1rm import set_e1rm
from redwood.coach.loading import Implement, implement_for
from redwood.coach.records import DaySets, sessions_of
from redwood.domain.exercise import Exercise
from redwood.domain.log import CENT, CheckIn, LoggedSet, SetKind, Workout
from redwood.domain.vocabulary import Region
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = [
    "PastSession",
    "best_e1rm_by_session",
    "best_e1rm_of",
    "cap_of_sessions",
    "effective_load",
    "latest_body_weight",
    "past_sessions",
    "soreness_in",
    "weekly_cap_kg",
]

WORKING_KINDS = (SetKind.WORKING, SetKind.FAILURE)


@dataclass(frozen=True, slots=True)
class PastSession:
    """One past session of the exercise: its working sets."""

    date: dt.date
    sets: tuple[LoggedSet, ...]
    load: Decimal | None
    """The heaviest working weight (None: bodyweight)."""
    counts: tuple[int, ...]
    """Reps (or seconds) of each working set."""


def past_sessions(
    history: Iterable[DaySets | Workout], exercise_id: str, timed: bool, today: dt.date
) -> list[PastSession]:
    """The exercise's sessions up to `today`, oldest first: working and failure sets that
    have their reps (or seconds); warm-ups and drop sets never count. One session a day."""
    by_day: dict[dt.date, list[LoggedSet]] = {}
    kinds = WORKING_KINDS
    # One comprehension a day rather than a test per set: a log of years has tens of
    # thousands of sets, and the coach reads each lift's every session.
    for day, sets in sessions_of(history):
        if day > today:
            continue
        kept = [s for s in sets if s.exercise_id == exercise_id and s.kind in kinds
                and (c := s.seconds if timed else s.reps) is not None and c >= 0]
        if kept:
            by_day.setdefault(day, []).extend(kept)
    out: list[PastSession] = []
    for day in sorted(by_day):
        sets = tuple(by_day[day])
        weights = [s.weight_kg for s in sets if s.weight_kg is not None]
        counts = tuple(int((s.seconds if timed else s.reps) or 0) for s in sets)
        out.append(PastSession(day, sets, max(weights) if weights else None, counts))
    return out


def latest_body_weight(checkins: Sequence[CheckIn], today: dt.date) -> Decimal | None:
    dated = [c for c in checkins if c.body_weight_kg is not None and c.date <= today]
    if not dated:
        return None
    return max(dated, key=lambda c: c.date).body_weight_kg


def soreness_in(checkin: CheckIn, region: Region) -> int | None:
    """The check-in's soreness where the exercise works (full-body soreness counts anywhere;
    a full-body exercise feels every region)."""
    if region is Region.FULL_BODY:
        values = list(checkin.soreness.values())
    else:
        values = [v for k, v in checkin.soreness.items() if k in (region, Region.FULL_BODY)]
    return max(values) if values else None


def best_e1rm_of(sets: Iterable[LoggedSet], rules: CoachRules) -> Decimal | None:
    values = [e for e in (set_e1rm(s, rules) for s in sets) if e is not None]
    return max(values) if values else None


def best_e1rm_by_session(done: Sequence[PastSession], rules: CoachRules
                         ) -> list[Decimal | None]:
    """`best_e1rm_of` each session's sets, from one e1RM per distinct set object: the store
    shares one object between equal sets (values.lift_sessions), so years of a lift are a
    few hundred look-ups by identity where rating every set hashes each one (the plateau
    check was most of the coach's time on a long log). The sessions hold their sets for the
    whole call, so an identity is never reused while it is in `seen`."""
    seen: dict[int, Decimal | None] = {}
    out: list[Decimal | None] = []
    for d in done:
        best: Decimal | None = None
        for s in d.sets:
            key = id(s)
            if key in seen:
                e = seen[key]
            else:
                e = seen[key] = set_e1rm(s, rules)
            if e is not None and (best is None or e > best):
                best = e
        out.append(best)
    return out


def effective_load(
    load: Decimal | None, implement: Implement, body_weight_kg: Decimal | None
) -> Decimal | None:
    """The load that the 5% rule caps: the weight, or for bodyweight moves body weight plus
    what was added (when body weight is known)."""
    if implement is Implement.BODYWEIGHT and body_weight_kg is not None:
        return body_weight_kg + (load or Decimal(0))
    return load


def weekly_cap_kg(
    exercise: Exercise,
    history: Iterable[DaySets | Workout],
    today: dt.date,
    *,
    body_weight_kg: Decimal | None = None,
    timed: bool = False,
    rules: CoachRules | None = None,
) -> Decimal | None:
    """The heaviest weight a target may have under "never more than +5% a week": 1.05 x the
    heaviest working load from `today` - 7 days to today. None when there is none to compare
    with (or for an assisted machine, whose weight is help, not load).

    For a bodyweight move with body weight known, the cap is on body weight plus added load,
    returned as the added load it allows.
    """
    r = rules or load_coach_rules()
    return cap_of_sessions(past_sessions(history, exercise.id, timed, today), exercise, today,
                           body_weight_kg=body_weight_kg, rules=r)


def cap_of_sessions(
    done: Sequence[PastSession],
    exercise: Exercise,
    today: dt.date,
    *,
    body_weight_kg: Decimal | None = None,
    rules: CoachRules | None = None,
) -> Decimal | None:
    """`weekly_cap_kg` from the exercise's `past_sessions` (all of them up to `today`, none
    left out), for a caller that has them already: reading a long log's sessions twice cost
    the coach as much as the rest of its rules."""
    r = rules or load_coach_rules()
    implement = implement_for(exercise, r)
    if implement is Implement.ASSISTED_MACHINE:
        return None
    since = today - dt.timedelta(days=r.progression.weekly_window_days)
    # Oldest first: the window is at the end.
    recent: list[PastSession] = []
    for d in reversed(done):
        if d.date < since:
            break
        recent.append(d)
    loads = [effective_load(d.load, implement, body_weight_kg) for d in recent]
    known = [x for x in loads if x is not None]
    if not known:
        return None
    cap = max(known) * (1 + Decimal(str(r.progression.max_weekly_increase)))
    if implement is Implement.BODYWEIGHT and body_weight_kg is not None:
        cap -= body_weight_kg
    return cap.quantize(CENT, rounding=ROUND_FLOOR)
