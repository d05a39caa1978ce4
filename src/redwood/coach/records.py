"""Personal records per exercise, and the moment a logged set beats one.

Four records (issue 3): the heaviest weight lifted, the best estimated 1RM (see e1rm.py), the
most reps at a weight, and the best session volume (weight x reps summed over one session's
sets of the exercise). Warm-up sets never count; a set counts when it has at least one rep.

"Most reps at a weight" is read the way a lifter reads it: more reps than ever at this weight
*or heavier* (12 reps at a weight you've never used, lighter than one you did 12 with, is no
record). Bodyweight sets (no weight) keep their own rep record. A lifter's very first session
of an exercise sets the baseline: nothing is flagged until there is something to beat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from redwood.coach.e1rm import rpe_factor, set_e1rm, tables
from redwood.coach.loading import display_weight
from redwood.domain.log import (
    RECORD_KINDS,
    LoggedSet,
    Unit,
    Workout,
    is_assisted,
    signed_load,
)
from redwood.rules.coach import CoachRules, load_coach_rules

__all__ = [
    "Best",
    "DaySets",
    "ExerciseRecords",
    "RecordBreak",
    "RecordKind",
    "compute_records",
    "new_records",
    "record_candidates",
    "sessions_of",
]

_First = TypeVar("_First")
"""When a distinct set was first lifted (a day, or a day with an order within it)."""
DaySets = tuple[dt.date, Sequence[LoggedSet]]
"""One day's sets (of one exercise or of a whole workout)."""


def sessions_of(history: Iterable[DaySets | Workout]) -> Iterable[DaySets]:
    for item in history:
        if isinstance(item, Workout):
            yield item.date, item.sets
        else:
            yield item


class RecordKind(StrEnum):
    HEAVIEST = "heaviest"
    E1RM = "e1rm"
    REPS = "reps"
    VOLUME = "volume"


@dataclass(frozen=True, slots=True)
class Best:
    """A record: its value (kg; reps for a rep record), when, and the set behind it."""

    value: Decimal
    date: dt.date | None
    weight_kg: Decimal | None = None
    reps: int | None = None


@dataclass(frozen=True)
class ExerciseRecords:
    """One exercise's records: heaviest, best e1RM, best session volume and the most reps at each
    weight."""
    exercise_id: str
    heaviest: Best | None = None
    best_e1rm: Best | None = None
    best_volume: Best | None = None
    reps_at_weight: Mapping[Decimal | None, Best] | None = None
    """The most reps done at each weight (None: bodyweight)."""

    def most_reps_from(self, weight_kg: Decimal | None) -> int:
        """Most reps ever done at `weight_kg` or heavier (bodyweight: at bodyweight)."""
        table = self.reps_at_weight or {}
        if weight_kg is None:
            best = table.get(None)
            return best.reps or 0 if best is not None else 0
        return max(
            (b.reps or 0 for w, b in table.items() if w is not None and w >= weight_kg),
            default=0,
        )


@dataclass(frozen=True, slots=True)
class RecordBreak:
    """A logged set (`set_index` in the new sets) that beat a record."""

    kind: RecordKind
    exercise_id: str
    set_index: int
    value: Decimal
    previous: Decimal
    weight_kg: Decimal | None
    reps: int | None

    def describe(self, unit: Unit = Unit.KG, name: str | None = None) -> str:
        what = name or self.exercise_id
        if self.kind is RecordKind.REPS:
            at = "bodyweight" if self.weight_kg is None else display_weight(self.weight_kg, unit)
            return f"Rep record on {what}: {self.value} reps at {at} (before: {self.previous})."
        label = {
            RecordKind.HEAVIEST: "Heaviest",
            RecordKind.E1RM: "Best estimated 1RM",
            RecordKind.VOLUME: "Best session volume",
        }[self.kind]
        return (
            f"{label} on {what}: {display_weight(self.value, unit)} "
            f"(was {display_weight(self.previous, unit)})."
        )


def compute_records(
    history: Iterable[DaySets | Workout], rules: CoachRules | None = None
) -> dict[str, ExerciseRecords]:
    """Every exercise's records over a whole log, in one pass.

    Written for speed (a million sets in well under a second): the running bests of the
    exercise being read are kept in locals while its sets follow one another, and the exact
    e1RM is recomputed only for each exercise's winning set.

    An assisted exercise's weights are compared as minus the assistance (e1rm.signed_load):
    its heaviest is the set with the least help, its e1RM negative, and it has no volume.
    """
    r = rules or load_coach_rules()
    t = tables(r)
    combined, by_rpe, by_rir = t.combined, t.by_rpe, t.by_rir
    top = len(combined)
    counted = RECORD_KINDS
    zero = Decimal(0)
    floor = {False: zero, True: Decimal("-Infinity")}
    """Where the running bests start: any load beats zero; any assistance beats -inf."""
    helped_by: dict[str, bool] = {}
    heavy: dict[str, Decimal] = {}
    heavy_at: dict[str, tuple[dt.date, int]] = {}
    e1: dict[str, Decimal] = {}
    e1_set: dict[str, tuple[dt.date, LoggedSet]] = {}
    reps_at: dict[str, dict[Decimal | None, int]] = {}
    reps_day: dict[str, dict[Decimal | None, dt.date]] = {}
    volume: dict[str, Decimal] = {}
    volume_at: dict[str, dt.date] = {}
    for day, sets in sessions_of(history):
        today: dict[str, Decimal] = {}
        ex = ""
        ra: dict[Decimal | None, int] = {}
        hv = e1v = vol = zero
        helped = False
        for s in sets:
            n = s.reps
            if n is None or n < 1 or s.kind not in counted:
                continue
            if s.exercise_id != ex:
                if ex:
                    today[ex] = vol
                ex = s.exercise_id
                got = reps_at.get(ex)
                if got is None:
                    got = reps_at[ex] = {}
                    reps_day[ex] = {}
                ra = got
                known = helped_by.get(ex)
                if known is None:
                    known = helped_by[ex] = is_assisted(ex)
                helped = known
                hv = heavy.get(ex, floor[helped])
                e1v = e1.get(ex, floor[helped])
                vol = today.get(ex, zero)
            w = s.weight_kg
            if helped and w is not None:
                w = -w
            if n > ra.get(w, 0):
                ra[w] = n
                reps_day[ex][w] = day
            if w is None:
                continue
            if w > hv:
                hv = heavy[ex] = w
                heavy_at[ex] = (day, n)
            if not helped:
                vol += w * n
            if n < top and w:
                factor = combined[n]
                if factor:
                    if s.completed:
                        if s.rpe is not None:
                            factor = by_rpe.get((n, s.rpe)) or rpe_factor(n, s.rpe, factor, r)
                        elif s.rir is not None:
                            factor = by_rir.get((n, s.rir), factor)
                    value = w / factor if helped else w * factor
                    if value > e1v:
                        e1v = e1[ex] = value
                        e1_set[ex] = (day, s)
        if ex:
            today[ex] = vol
        for name, v in today.items():
            if v > volume.get(name, zero):
                volume[name] = v
                volume_at[name] = day
    out: dict[str, ExerciseRecords] = {}
    for ex, table in reps_at.items():
        days = reps_day[ex]
        heaviest = None
        if ex in heavy:
            day, n = heavy_at[ex]
            heaviest = Best(heavy[ex], day, heavy[ex], n)
        best_e1rm = None
        if ex in e1_set:
            day, s = e1_set[ex]
            exact = set_e1rm(s, r)
            if exact is not None:
                best_e1rm = Best(exact, day, signed_load(ex, s.weight_kg), s.reps)
        best_volume = Best(volume[ex], volume_at[ex]) if volume.get(ex) else None
        reps = {w: Best(Decimal(n), days[w], w, n) for w, n in table.items()}
        out[ex] = ExerciseRecords(ex, heaviest, best_e1rm, best_volume, reps)
    return out


def new_records(
    history: Iterable[DaySets | Workout] | Mapping[str, ExerciseRecords],
    new_sets: Sequence[LoggedSet],
    rules: CoachRules | None = None,
    *,
    earlier: Sequence[LoggedSet] = (),
    earlier_volume: Mapping[str, Decimal] | None = None,
) -> list[RecordBreak]:
    """The records today's sets beat, in the order they were logged.

    `history` is every session before today's (or its `compute_records`); `new_sets` are
    today's sets so far, in order: call again after each set, and the breaks whose
    `set_index` is the last one are the new set's. Each set is compared with everything before
    it, today's earlier sets included; session volume is flagged once, by the set that takes
    today's total past the best session before.

    Logging one set into a long session need not read the session back: `earlier` (today's
    sets before `new_sets`; their order and repeats do not matter, so their distinct shapes
    will do) and `earlier_volume` (their volume per exercise) give the same breaks for
    `new_sets` as passing the earlier sets first in `new_sets`.
    """
    r = rules or load_coach_rules()
    records = history if isinstance(history, Mapping) else compute_records(history, r)
    heaviest: dict[str, Decimal] = {}
    best_e1rm: dict[str, Decimal] = {}
    reps_at: dict[str, dict[Decimal | None, int]] = {}
    for ex in {s.exercise_id for s in new_sets}:
        rec = records.get(ex)
        if rec is None:
            continue
        heaviest[ex] = rec.heaviest.value if rec.heaviest else Decimal(0)
        best_e1rm[ex] = rec.best_e1rm.value if rec.best_e1rm else Decimal(0)
        reps_at[ex] = {w: b.reps or 0 for w, b in (rec.reps_at_weight or {}).items()}
    for s in earlier:  # what today's earlier sets raised the bars to (no breaks, no volume)
        n, ex, w = s.reps, s.exercise_id, signed_load(s.exercise_id, s.weight_kg)
        if n is None or n < 1 or s.kind not in RECORD_KINDS or ex not in reps_at:
            continue
        if n > reps_at[ex].get(w, 0):
            reps_at[ex][w] = n
        if w is None:
            continue
        heaviest[ex] = max(heaviest[ex], w)
        e = set_e1rm(s, r)
        if e is not None:
            best_e1rm[ex] = max(best_e1rm[ex], e)
    volume_today: dict[str, Decimal] = {}
    volume_flagged: set[str] = set()
    for ex, v in (earlier_volume or {}).items():
        rec = records.get(ex)
        if rec is None or ex not in reps_at:
            continue
        volume_today[ex] = v
        if rec.best_volume and rec.best_volume.value and v > rec.best_volume.value:
            volume_flagged.add(ex)
    out: list[RecordBreak] = []
    for i, s in enumerate(new_sets):
        n = s.reps
        if n is None or n < 1 or s.kind not in RECORD_KINDS:
            continue
        ex = s.exercise_id
        rec = records.get(ex)
        if rec is None:
            continue  # the first session of an exercise is its baseline
        w = signed_load(ex, s.weight_kg)
        table = reps_at[ex]
        if w is None:
            before = table.get(None, 0)
        else:
            before = max((v for k, v in table.items() if k is not None and k >= w), default=0)
        if before and n > before:
            out.append(RecordBreak(RecordKind.REPS, ex, i, Decimal(n), Decimal(before), w, n))
        if n > table.get(w, 0):
            table[w] = n
        if w is None:
            continue
        if heaviest[ex] and w > heaviest[ex]:
            out.append(RecordBreak(RecordKind.HEAVIEST, ex, i, w, heaviest[ex], w, n))
        heaviest[ex] = max(heaviest[ex], w)
        e = set_e1rm(s, r)
        if e is not None:
            if best_e1rm[ex] and e > best_e1rm[ex]:
                out.append(RecordBreak(RecordKind.E1RM, ex, i, e, best_e1rm[ex], w, n))
            best_e1rm[ex] = max(best_e1rm[ex], e)
        if w < 0:  # assistance is no load: no volume
            continue
        volume_today[ex] = volume_today.get(ex, Decimal(0)) + w * n
        best_volume = rec.best_volume.value if rec.best_volume else Decimal(0)
        if best_volume and ex not in volume_flagged and volume_today[ex] > best_volume:
            volume_flagged.add(ex)
            out.append(
                RecordBreak(RecordKind.VOLUME, ex, i, volume_today[ex], best_volume, w, n)
            )
    return out


def records_from_aggregates(
    shapes: Iterable[tuple[dt.date, LoggedSet]],
    volumes: Mapping[str, tuple[Decimal, dt.date]], rules: CoachRules | None = None,
) -> dict[str, ExerciseRecords]:
    """compute_records' heaviest set, best e1RM and best session volume from what the
    database sums up: each distinct set with the first day it was lifted (oldest first) and
    each exercise's best session volume with its day. The same records, whatever the log's
    length, from a few hundred rows per exercise."""
    found = compute_records(((day, (s,)) for day, s in shapes), rules)
    out: dict[str, ExerciseRecords] = {}
    for exercise_id, records in found.items():
        volume = volumes.get(exercise_id)
        # The database sums every loaded set; an assisted exercise's weight is help: no volume.
        out[exercise_id] = replace(records, best_volume=None
                                   if volume is None or is_assisted(exercise_id)
                                   else Best(volume[0], volume[1]))
    return out



def record_candidates(shapes: Sequence[tuple[_First, LoggedSet]]
                      ) -> list[tuple[_First, LoggedSet]]:
    """Of each distinct set that counts for records (exercise, weight, reps, RPE, RIR,
    completed) with its first time, oldest first, the few that can hold one, in the same
    order: records_from_aggregates gives the same records from these as from all of them.

    Kept: every set at an exercise's heaviest and lightest weight (the heaviest; an assisted
    exercise's least help), every set with the most reps done at its weight (the rep records),
    and for each rep count, RPE, RIR and completion the sets at its heaviest and lightest
    weight: an e1RM at a given rep count and effort grows with the load (falls with the
    help), so no lighter set of those can beat it, nor tie it. Years of a lift come down to a
    few dozen sets."""
    heaviest: dict[str, tuple[Decimal, Decimal]] = {}
    most_reps: dict[tuple[str, Decimal | None], int] = {}
    effort: dict[tuple[object, ...], tuple[Decimal, Decimal]] = {}
    for _, s in shapes:
        ex, w, n = s.exercise_id, s.weight_kg, s.reps or 0
        if n > most_reps.get((ex, w), 0):
            most_reps[ex, w] = n
        if w is None:
            continue
        top = heaviest.get(ex)
        heaviest[ex] = (w, w) if top is None else (max(top[0], w), min(top[1], w))
        key = (ex, n, s.rpe, s.rir, s.completed)
        top = effort.get(key)
        effort[key] = (w, w) if top is None else (max(top[0], w), min(top[1], w))
    return [(first, s) for first, s in shapes
            if (s.reps or 0) == most_reps[s.exercise_id, s.weight_kg]
            or (s.weight_kg is not None
                and (s.weight_kg in heaviest[s.exercise_id]
                     or s.weight_kg in effort[s.exercise_id, s.reps or 0, s.rpe, s.rir,
                                              s.completed]))]
