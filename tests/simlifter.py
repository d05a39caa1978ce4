"""Simulated lifters with a hidden true strength (issue 11): they follow Today's targets and
log what their body allows, so a test can see whether the coach finds their real working loads.

A lifter's true e1RM per exercise grows by `weekly_gain` a week. Each set is done as the body
allows by Epley (reps possible at load w = 30 (e1RM / w - 1)), capped at the top of the range,
and logged with an honest RPE on the reps-in-reserve scale (Zourdos et al. 2016): 10 minus
reps left in reserve down to 6, 5 for the scale's "5-6" band (4-6 in reserve, 5-6 here), and
below it the scale's words, which name no reserve: 4 ("light effort") and 2 ("little to no
effort", a load under `little_share` of what they could lift for those reps) unless the lifter
never logs RPE or misjudges it (`rpe_bias`). A rep-out set (`"rep_out": true` on the item) is
taken to 1 rep short of failure (at most 50 reps). Everything here reads and answers the JSON
item of `redwood today --format json`, so the same lifter trains through the pure coach, the
CLI and the HTTP API.

Measures (the issue's bars): from an exercise's Nth session on, a target is *in range* when it
is neither impossible (the first set reaches the bottom of the range) nor trivial (at most 5
reps in reserve at the top of the range); after calibration no week-over-week increase is
above 5% except one loadable step (the light-load rule).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

REP_OUT_LIMIT = 50


@dataclass(frozen=True)
class SetDone:
    weight_kg: Decimal
    reps: int
    rpe: Decimal | None
    completed: bool


@dataclass(frozen=True)
class Done:
    """One exercise's session: the target as given and what the lifter did."""

    date: dt.date
    exercise_id: str
    target_kg: Decimal | None
    used_kg: Decimal | None
    low: int
    high: int
    calibrating: bool
    rep_out: bool
    decision: str
    possible: float
    """Reps the lifter could do at the target load that day."""
    sets: tuple[SetDone, ...]


def reps_possible(e1rm: float, weight: float) -> float:
    """Epley read backwards: reps to failure at `weight` for a lifter of this e1RM."""
    if weight <= 0:
        return 1000.0
    return 30 * (e1rm / weight - 1)


@dataclass
class Lifter:
    name: str
    strength: Mapping[str, float]
    """True e1RM (kg, per dumbbell for dumbbell lifts) on day one, per exercise."""
    start: dt.date
    weekly_gain: float = 0.0
    logs_rpe: bool = True
    types_first_load: bool = False
    """Types their own load (about RPE 8 at the bottom of the range) the first time."""
    known: tuple[str, ...] = ()
    """Lifts they tell the coach a working set of (`--known`)."""
    rpe_bias: int = 0
    """Logged RPE minus the honest one (+1: says 10 where 9 was true), kept within 1-10."""
    little_share: float = 1 / 3
    """A set is "little to no effort" (RPE 2) at under this share of the heaviest load they
    could do its reps with: the scale's bottom band names no reserve, so this is the model's
    reading of it (bench/coach_audit.py --little-share measures others)."""
    bad_days: frozenset[dt.date] = frozenset()
    """Days they are 10% weaker (a bad night's sleep)."""
    flat_from: dt.date | None = None
    """No gain from this day on (a plateau)."""
    seen: set[str] = field(default_factory=set)

    def e1rm(self, exercise_id: str, day: dt.date) -> float:
        until = day if self.flat_from is None else min(day, self.flat_from)
        weeks = (until - self.start).days / 7
        e = self.strength[exercise_id] * (1 + self.weekly_gain) ** weeks
        return e * 0.9 if day in self.bad_days else e

    def own_load(self, exercise_id: str, low: int, day: dt.date,
                 loads: Sequence[Decimal]) -> Decimal:
        """The heaviest load they can do `low` + 2 reps with: about RPE 8 at the bottom."""
        e = self.e1rm(exercise_id, day)
        fits = [w for w in loads if reps_possible(e, float(w)) >= low + 2]
        return max(fits) if fits else loads[0]

    def known_set(self, exercise_id: str, loads: Sequence[Decimal]) -> tuple[Decimal, int]:
        """A recent working set of 5 at about RPE 8 (7 possible), as they would tell it."""
        e = self.strength[exercise_id]
        fits = [w for w in loads if reps_possible(e, float(w)) >= 7]
        return (max(fits) if fits else loads[0]), 5

    def felt(self, e1rm: float, weight: float, done: int, whole: int) -> int:
        """The honest RPE of `done` reps at `weight` with `whole` possible, on the scale."""
        reserve = max(0, whole - done)
        if reserve <= 6:
            return max(5, 10 - reserve)
        most = e1rm / (1 + done / 30)  # the heaviest load for `done` reps
        return 2 if weight < self.little_share * most else 4

    def train(self, item: Mapping[str, Any], day: dt.date, loads: Sequence[Decimal],
              low: int, high: int,
              next_load: Callable[[SetDone], Decimal] | None = None) -> Done | None:
        """Do the item's sets as the body allows, in the prescribed range `low`-`high` (the
        item's reps_min may be higher: double progression); None for what this lifter does
        not load. A ramp (`"ramp": true`, a first session that works up by feel) takes each
        next set's load from `next_load(the set just logged)`, as Today fills it in; without
        `next_load` every set is done at the target."""
        ex = item["exercise_id"]
        if ex not in self.strength or item.get("weight_kg") is None or "reps_min" not in item:
            return None
        target = Decimal(str(item["weight_kg"])).quantize(Decimal("0.01"))
        first = ex not in self.seen
        self.seen.add(ex)
        used = target
        if first and self.types_first_load:
            used = self.own_load(ex, low, day, loads)
        e = self.e1rm(ex, day)
        ramp = bool(item.get("ramp")) and next_load is not None and used == target
        sets: list[SetDone] = []
        for n in range(int(item["sets"])):
            if ramp and sets and next_load is not None:
                used = next_load(sets[-1])
            can = reps_possible(e, float(used))
            rep_out = bool(item.get("rep_out")) and n == int(item["sets"]) - 1
            whole = math.floor(can + 1e-9)
            # A rep-out stops 1 short of failure, or at 50: nobody grinds out 200 reps.
            done = max(1, min(whole - 1, REP_OUT_LIMIT)) if rep_out else max(1, min(whole, high))
            rpe = Decimal(min(10, max(1, self.felt(e, float(used), done, whole)
                                      + self.rpe_bias))) if self.logs_rpe else None
            sets.append(SetDone(used, done, rpe, True))
        used = max(s.weight_kg for s in sets) if sets else used
        return Done(day, ex, target, used, low, high, bool(item.get("calibrating")),
                    bool(item.get("rep_out")), str(item["decision"]),
                    reps_possible(e, float(target)), tuple(sets))


# --- measures ----------------------------------------------------------------------------


def by_exercise(done: Iterable[Done]) -> dict[str, list[Done]]:
    out: dict[str, list[Done]] = {}
    for d in done:
        out.setdefault(d.exercise_id, []).append(d)
    return out


def in_range(d: Done) -> bool:
    """Neither impossible (the first set reaches the bottom) nor trivial (at most 5 reps in
    reserve at the top of the range)."""
    return d.possible + 1e-9 >= d.low and math.floor(d.possible + 1e-9) - d.high <= 5


def share_in_range(done: Iterable[Done], from_session: int) -> tuple[int, int]:
    """(in range, counted) over every exercise's sessions from the `from_session`th (1-based)."""
    good = counted = 0
    for sessions in by_exercise(done).values():
        for d in sessions[from_session - 1:]:
            counted += 1
            good += in_range(d)
    return good, counted


def calibration_sessions(done: Iterable[Done]) -> dict[str, int]:
    """Per exercise: sessions trained while calibrating (the one that ended it included)."""
    out: dict[str, int] = {}
    for ex, sessions in by_exercise(done).items():
        n = 0
        for d in sessions:
            if not d.calibrating:
                break
            n += 1
        out[ex] = n
    return out


def jumps_after_calibration(
    done: Iterable[Done], next_step: Mapping[str, Any]
) -> list[str]:
    """Week-over-week increases above 5% once calibration is over (the target the ending
    session set included), except a single loadable step (`next_step[ex](load)`) from the
    week's heaviest load: the light-load rule (a plan's lighter day between is no base for
    it). Returns what broke the rule, in words."""
    bad: list[str] = []
    for ex, sessions in by_exercise(done).items():
        over = False
        for i, d in enumerate(sessions):
            if not over:
                over = not d.calibrating and d.decision != "calibrate" and i > 0
                if not over:
                    continue
            if d.target_kg is None:
                continue
            week = [p.used_kg for p in sessions[:i]
                    if p.used_kg is not None and 0 < (d.date - p.date).days <= 7]
            if not week:
                continue
            top = max(week)
            if d.target_kg <= top * Decimal("1.05") + Decimal("0.01"):
                continue
            step = next_step[ex](top)
            if step is not None and d.target_kg <= step:
                continue
            bad.append(f"{ex} {d.date}: {top} -> {d.target_kg} ({d.decision})")
    return bad
