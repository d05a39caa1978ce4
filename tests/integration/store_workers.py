"""Workouts to store, and the code the storage tests run in other processes.

Run as a script for the kill test:
    python store_workers.py import URL USER_ID WORKOUTS SETS_PER_WORKOUT
writes workouts one transaction each, set by set, printing a line after each set
("set W S", not yet committed) and after each commit ("committed W").
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from decimal import Decimal

from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.store import StoreBusy, open_store

EXERCISES = ("back-squat", "romanian-deadlift", "barbell-row", "pull-up")
START = dt.date(2027, 1, 4)


def make_set(i: int, exercise_id: str = "back-squat") -> LoggedSet:
    return LoggedSet(
        exercise_id=exercise_id,
        weight_kg=Decimal("60.00") + Decimal("2.5") * (i % 8),
        reps=5 + i % 6,
        rpe=Decimal("7.5") if i % 3 == 0 else None,
        kind=SetKind.WARMUP if i % 10 == 0 else SetKind.WORKING,
        rest_s=120,
    )


def make_workout(day: int, sets: int = 20) -> Workout:
    """A workout on START + day with `sets` sets over the exercises, in order."""
    return Workout(
        date=START + dt.timedelta(days=day),
        sets=tuple(make_set(i, EXERCISES[(i * len(EXERCISES)) // max(sets, 1)])
                   for i in range(sets)),
        location="gym",
        energy=4,
    )


def write_sets(url: str, user_id: int, shared_workout_id: int, writes: int, start_at: float,
               tag: int) -> tuple[int, int]:
    """`writes` one-set transactions: even ones append a set to the shared workout, odd ones
    log a new one-set workout. Retries on StoreBusy. Returns (writes done, retries)."""
    store = open_store(url, migrate=False, ensure_user=False)
    retries = 0
    try:
        while time.time() < start_at:
            time.sleep(0.001)
        for i in range(writes):
            s = make_set(i, EXERCISES[tag % len(EXERCISES)])
            while True:
                try:
                    with store.unit_of_work(user_id) as uow:
                        if i % 2 == 0:
                            uow.workouts.add_sets(shared_workout_id, [s])
                        else:
                            uow.workouts.add(Workout(date=START + dt.timedelta(days=i % 50),
                                                     sets=(s,), notes=f"p{tag}"))
                        uow.commit()
                    break
                except StoreBusy:
                    retries += 1
                    time.sleep(0.01)
    finally:
        store.close()
    return writes, retries


def scripted_import(url: str, user_id: int, workouts: int, sets: int) -> None:
    store = open_store(url, migrate=False, ensure_user=False)
    for w in range(1, workouts + 1):
        workout = make_workout(w, sets)
        with store.unit_of_work(user_id) as uow:
            workout_id = uow.workouts.add(Workout(date=workout.date, sets=workout.sets[:1]))
            print(f"set {w} 1", flush=True)
            for j, s in enumerate(workout.sets[1:], start=2):
                uow.workouts.add_sets(workout_id, [s])
                print(f"set {w} {j}", flush=True)
                time.sleep(0.002)
            uow.commit()
        print(f"committed {w}", flush=True)
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "import":
        scripted_import(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
