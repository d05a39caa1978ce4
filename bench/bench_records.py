"""Benchmark: the record reads of logging a set (store/hot.py), by the length of the lift's log.

    .venv/bin/python bench/bench_records.py [--runs 7] [--sizes 125,1250,6250]

For each size, a log of that many earlier counted sets of one lift (back-squat, five sets a
session, weights, reps and RPE varying as a lifter's do) is written to a new SQLite file (and
a new PostgreSQL database if REDWOOD_TEST_POSTGRES_URL is set), with a workout today holding
five sets. Then the record reads run straight on the driver connection, as `open_sets` runs
them: the reads as on main before branch recordsfast (`_SHAPES` + `_VOLUMES`: every distinct
set and every session's volume) and the current ones (`hot._record_rows`), alternating, each
the median of `--runs`: wall time of the statements and of making the rows into sets, and the
rows the records are made from (SQLite: after `hot._extremes`). Timings
are never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
from decimal import Decimal
from typing import Any

from bench_store import backends, median
from redwood.domain.log import LoggedSet, Workout
from redwood.store import Store, hot, open_store
from redwood.store.values import CENT, GRAMS_PER_KG, TENTH, from_grams, read_decimal

TODAY = dt.date(2026, 12, 5)
LIFT = "back-squat"
PER_SESSION = 5

OLD_SHAPES = ("SELECT DISTINCT date <= :until, workout_id = :workout_id, exercise_id, "
              "weight_g, reps, rpe, rir, completed FROM sets WHERE " + hot._COUNTED)
OLD_VOLUMES = ("SELECT e, p, h, MAX(g) FROM (SELECT exercise_id AS e, date <= :until AS p, "
               "workout_id = :workout_id AS h, SUM(weight_g * reps) AS g FROM sets "
               f"WHERE {hot._COUNTED} AND weight_g IS NOT NULL GROUP BY exercise_id, "
               "workout_id, date <= :until) AS v GROUP BY e, p, h")
"""The record reads as they were on main (5 Dec 2026, before branch recordsfast)."""


def lifter_log(store: Store, earlier_sets: int, seed: int = 5) -> int:
    """`earlier_sets` counted sets of LIFT before TODAY, sessions every other day; a workout
    TODAY with five sets; its id."""
    rng = random.Random(seed)
    user = store.default_user().id
    sessions = earlier_sets // PER_SESSION
    with store.unit_of_work(user) as uow:
        for k in range(sessions):
            day = TODAY - dt.timedelta(days=2 * (sessions - k))
            base = Decimal(60) + Decimal("2.5") * rng.randint(0, 40)
            uow.workouts.add(Workout(day, tuple(
                LoggedSet(LIFT, base + Decimal("2.5") * rng.randint(-2, 2),
                          rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12]),
                          rpe=rng.choice([None, Decimal(7), Decimal("7.5"), Decimal(8),
                                          Decimal("8.5"), Decimal(9), Decimal("9.5")]),
                          completed=rng.random() > 0.05)
                for _ in range(PER_SESSION))))
        today = uow.workouts.add(Workout(TODAY, tuple(
            LoggedSet(LIFT, Decimal(100), 5, rpe=Decimal(8)) for _ in range(PER_SESSION))))
        uow.commit()
    return today


def old_basis(shapes: list[Any], volumes: list[Any]) -> hot.RecordBasis:
    """hot._basis as it was on main: every distinct set made into a LoggedSet."""
    past: list[LoggedSet] = []
    earlier: list[LoggedSet] = []
    for p, h, e, g, reps, rpe, rir, completed in shapes:
        s = LoggedSet(exercise_id=e, weight_kg=from_grams(g), reps=reps,
                      rpe=read_decimal(rpe, TENTH), rir=rir, completed=bool(completed))
        if p:
            past.append(s)
        if h:
            earlier.append(s)
    best: dict[tuple[str, bool], Decimal] = {}
    for e, p, h, grams in volumes:  # as the current _basis, which reads the same rows
        if grams:
            kg = (Decimal(int(grams)) / GRAMS_PER_KG).quantize(CENT)
            for flag, key in ((p, (e, True)), (h, (e, False))):
                if flag and kg > best.get(key, Decimal(0)):
                    best[key] = kg
    return hot.RecordBasis(tuple(past), {e: v for (e, p), v in best.items() if p},
                           tuple(earlier), {e: v for (e, p), v in best.items() if not p})


def compare(store: Store, workout_id: int, runs: int) -> tuple[float, float, int, int]:
    """Median ms of the old reads and of the current ones, and the rows each returns."""
    user = store.default_user().id
    with hot._statements(store.engine) as db:
        params: dict[str, Any] = {"user_id": user, "workout_id": workout_id,
                                  "until": db.value(TODAY - dt.timedelta(days=1))}
        ids = [LIFT]
        rows: dict[str, int] = {}

        def old() -> None:
            shapes = db.rows(hot._expand(OLD_SHAPES, params, "ids", ids), params)
            volumes = db.rows(hot._expand(OLD_VOLUMES, params, "ids", ids), params)
            old_basis(shapes, volumes)
            rows["old"] = len(shapes) + len(volumes)

        def new() -> None:
            shapes, volumes = hot._record_rows(db, params, ids)
            hot._basis(shapes, volumes)
            rows["new"] = len(shapes) + len(volumes or ())

        for warm in (old, new):
            warm()
        olds, news = [], []
        for _ in range(runs):  # alternating, so both see the same machine
            olds.append(median(old, 1))
            news.append(median(new, 1))
    return (statistics.median(olds) * 1000, statistics.median(news) * 1000, rows["old"],
            rows["new"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="125,1250,6250")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("backend, earlier sets: before (main) ms, rows -> after ms, rows")
    for name, make_db in backends():
        for size in sizes:
            with make_db() as url:
                store = open_store(url)
                try:
                    workout = lifter_log(store, size)
                    before, after, old_rows, new_rows = compare(store, workout, args.runs)
                finally:
                    store.close()
            print(f"{name}, {size:>5}: {before:7.2f} ms, {old_rows:4} rows -> "
                  f"{after:7.2f} ms, {new_rows:4} rows")


if __name__ == "__main__":
    main()
