"""A scripted multi-year training log for the review's fast path (the earlier log summarized)
to be checked against the whole log: every kind of set the review reads differently.

Three sessions a week with layoffs, squat/deadlift/row progressing with resets, bench-like
plateaus, RPE and RIR, failed and drop sets, warm-up-only days, two workouts on one day,
bodyweight pull-ups (first ones after assisted work), timed planks, accessories that change,
and check-ins with and without a body weight.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from redwood.domain.log import CheckIn, LoggedSet, SetKind, Workout
from redwood.domain.vocabulary import Region

ACCESSORIES = [["hip-thrust", "lat-pulldown"], ["romanian-deadlift", "face-pull"],
               ["bulgarian-split-squat", "dumbbell-row"]]


def long_log(seed: int, years: int, end: dt.date) -> tuple[list[Workout], list[CheckIn]]:
    rng = random.Random(seed)
    start = end - dt.timedelta(days=365 * years)
    workouts: list[Workout] = []
    checkins: list[CheckIn] = []
    loads = {"back-squat": Decimal(60), "deadlift": Decimal(80), "barbell-row": Decimal(40)}
    day = start
    off_until = start
    pull_ups_from = start + dt.timedelta(days=rng.randint(100, 365 * years))
    while day <= end:
        if rng.random() < 0.004:  # a layoff of one to eight weeks
            off_until = day + dt.timedelta(days=rng.randint(7, 56))
        if rng.random() < 0.5:
            bw = Decimal(80) + Decimal(rng.randint(-40, 40)) / 10 if rng.random() < 0.7 else None
            checkins.append(CheckIn(day, body_weight_kg=bw,
                                    sleep_hours=Decimal(rng.choice([5, 6, 7, 8])),
                                    energy=rng.randint(1, 5),
                                    soreness={Region.LEGS: rng.randint(1, 5)}))
        if day >= off_until and day.weekday() in (0, 2, 4) and rng.random() < 0.9:
            workouts.append(_session(rng, day, loads, pull_ups_from))
            if rng.random() < 0.03:  # a second workout the same day
                workouts.append(Workout(day, (LoggedSet("back-squat", loads["back-squat"]
                                                        + 5, rng.randint(1, 3)),)))
        elif rng.random() < 0.02:  # warm-ups only: no training day
            workouts.append(Workout(day, (LoggedSet("back-squat", Decimal(20), 10,
                                                    kind=SetKind.WARMUP),)))
        day += dt.timedelta(days=1)
    return workouts, checkins


def _session(rng: random.Random, day: dt.date, loads: dict[str, Decimal],
             pull_ups_from: dt.date) -> Workout:
    sets: list[LoggedSet] = []
    for lift in rng.sample(sorted(loads), 2):
        load = loads[lift]
        sets.append(LoggedSet(lift, (load / 2).quantize(Decimal("0.5")), 5,
                              kind=SetKind.WARMUP))
        for _ in range(rng.randint(2, 4)):
            reps = rng.randint(3, 8)
            rpe = Decimal(rng.choice([7, 8, 9])) + Decimal(rng.choice([0, 5])) / 10 \
                if rng.random() < 0.2 else None
            rir = rng.randint(0, 3) if rpe is None and rng.random() < 0.1 else None
            sets.append(LoggedSet(lift, load, reps, rpe=rpe, rir=rir,
                                  completed=rng.random() > 0.05))
        if rng.random() < 0.1:
            sets.append(LoggedSet(lift, load + Decimal("2.5"), 1, kind=SetKind.FAILURE,
                                  completed=False))
        if rng.random() < 0.1:
            sets.append(LoggedSet(lift, load - 10, 12, kind=SetKind.DROP))
        step = rng.random()
        if step < 0.5:
            loads[lift] = load + Decimal("2.5")
        elif step < 0.55:
            loads[lift] = (load * Decimal("0.85")).quantize(Decimal("0.5"))
    if day >= pull_ups_from:
        sets += [LoggedSet("pull-up", None, rng.randint(1, 8)) for _ in range(3)]
    elif rng.random() < 0.5:
        sets += [LoggedSet("band-assisted-pull-up", None, 8) for _ in range(3)]
    block = ACCESSORIES[(day.toordinal() // 42) % len(ACCESSORIES)]
    for ex in block:
        sets += [LoggedSet(ex, Decimal(rng.choice([20, 30, 40])), 10) for _ in range(2)]
    sets.append(LoggedSet("plank", None, seconds=45))
    return Workout(day, tuple(sets), energy=rng.randint(1, 5))


def store_log(store: Any, user_id: int, workouts: list[Workout], checkins: list[CheckIn]) -> None:
    """Write the workouts and check-ins as the user's, in one transaction."""
    with store.unit_of_work(user_id) as uow:
        for w in workouts:
            uow.workouts.add(w)
        for c in checkins:
            uow.checkins.upsert(c)
        uow.commit()
