"""Benchmark: the storage layer, on SQLite (and PostgreSQL if REDWOOD_TEST_POSTGRES_URL is set).

    .venv/bin/python bench/bench_store.py [--runs 5]

Reports the median of several runs of:
- logging speed in sets per second through the repositories: one transaction per workout of
  20 sets, and one set per transaction (logging set by set);
- loading the coach's history (WorkoutRepository.history) from a log of 5 years of training,
  about 40,000 sets: the exercises of one session, and every exercise;
- opening an up-to-date store (what each CLI command pays).
Timings are never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from redwood.domain.log import LoggedSet, SetKind, Workout
from redwood.store import Store, open_store
from redwood.store.location import sqlite_url

START = dt.date(2022, 1, 3)
EXERCISES = ("back-squat", "romanian-deadlift", "barbell-row", "pull-up", "walking-lunge",
             "leg-curl", "back-extension", "calf-raise", "lat-pulldown", "hip-thrust")


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def session(day: int, n_sets: int = 20, exercises: tuple[str, ...] = EXERCISES[:5]) -> Workout:
    per = max(n_sets // len(exercises), 1)
    sets = tuple(
        LoggedSet(exercise_id=exercises[min(i // per, len(exercises) - 1)],
                  weight_kg=Decimal("60") + Decimal("2.5") * (day % 12), reps=5 + i % 4,
                  rpe=Decimal("8"), kind=SetKind.WARMUP if i % per == 0 else SetKind.WORKING,
                  rest_s=150)
        for i in range(n_sets))
    return Workout(date=START + dt.timedelta(days=day), sets=sets, location="gym", energy=4)


def bench_logging(store: Store, runs: int) -> tuple[float, float]:
    user = store.default_user().id
    workouts, sets_per = 25, 20

    def per_workout() -> None:
        for d in range(workouts):
            with store.unit_of_work(user) as uow:
                uow.workouts.add(session(d, sets_per))
                uow.commit()

    with store.unit_of_work(user) as uow:
        target = uow.workouts.add(session(0, 1))
        uow.commit()
    one = session(1, 1).sets
    singles = 100

    def per_set() -> None:
        for _ in range(singles):
            with store.unit_of_work(user) as uow:
                uow.workouts.add_sets(target, one)
                uow.commit()

    t_workout = median(per_workout, runs)
    t_set = median(per_set, runs)
    return workouts * sets_per / t_workout, singles / t_set


def five_years(store: Store) -> int:
    """3 sessions a week for 5 years, ~51 sets each: about 40,000 sets."""
    user = store.default_user().id
    total = 0
    days = [w * 7 + d for w in range(52 * 5) for d in (0, 2, 4)]
    with store.unit_of_work(user) as uow:
        for i, day in enumerate(days):
            chosen = tuple(EXERCISES[(i + k) % len(EXERCISES)] for k in range(6))
            workout = session(day, 51, chosen)
            uow.workouts.add(workout)
            total += len(workout.sets)
        uow.commit()
    return total


def bench_history(store: Store, runs: int) -> tuple[float, float, int]:
    user = store.default_user().id

    def one_session() -> int:
        with store.reader(user) as uow:
            h = uow.workouts.history(EXERCISES[:6])
        return sum(len(s) for sessions in h.values() for _, s in sessions)

    def everything() -> int:
        with store.reader(user) as uow:
            h = uow.workouts.history(EXERCISES)
        return sum(len(s) for sessions in h.values() for _, s in sessions)

    return median(one_session, runs), median(everything, runs), everything()


def backends() -> list[tuple[str, Callable[[], object]]]:
    out: list[tuple[str, Callable[[], object]]] = []

    @contextmanager
    def sqlite_db() -> Iterator[str]:
        with tempfile.TemporaryDirectory() as tmp:
            yield sqlite_url(Path(tmp) / "bench.db")

    out.append(("SQLite (WAL, synchronous=FULL)", sqlite_db))
    pg = os.environ.get("REDWOOD_TEST_POSTGRES_URL", "").strip()
    if pg:
        from redwood.store.admin import temporary_database

        out.append(("PostgreSQL", lambda: temporary_database(pg, prefix="redwood_bench")))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, make_db in backends():
        print(f"== {name}")
        with make_db() as url:  # type: ignore[attr-defined]
            store = open_store(url)
            try:
                per_workout, per_set = bench_logging(store, args.runs)
                print(f"logging, one transaction per 20-set workout: {per_workout:8.0f} sets/s")
                print(f"logging, one set per transaction:            {per_set:8.0f} sets/s")
            finally:
                store.close()
        with make_db() as url:  # type: ignore[attr-defined]
            store = open_store(url)
            try:
                t0 = time.perf_counter()
                total = five_years(store)
                print(f"5-year log: {total} sets written in {time.perf_counter() - t0:.2f} s "
                      "(one transaction)")
                t_one, t_all, loaded = bench_history(store, args.runs)
                print(f"history of one session's 6 exercises:  {t_one * 1000:7.1f} ms")
                print(f"history of all 10 exercises ({loaded} sets): {t_all * 1000:7.1f} ms")
            finally:
                store.close()
            t_open = median(lambda u=url: open_store(u).close(), args.runs)
            print(f"open an up-to-date store (+ default user):   {t_open * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
