"""Benchmark: the record reads of logging a set (store/hot.py), by the length of the lift's log.

    .venv/bin/python bench/bench_records.py [--runs 7] [--sizes 125,1250,6250]

For each size, a log of that many earlier counted sets of one lift (back-squat, five sets a
session, weights, reps and RPE varying as a lifter's do) is written to a new SQLite file (and
a new PostgreSQL database if REDWOOD_TEST_POSTGRES_URL is set), with a workout today holding
five sets. Then the record reads run straight on the driver connection, as `open_sets` runs
them: the reads as on main before branch records (5 Dec 2026, below: a GROUP BY of every
counted set of the lift, SQLite a DISTINCT made into the same rows by `_extremes`, and every
session's volume summed) and the current ones (`hot._record_rows`: probes of the indexes
and tables of migration 0010), alternating, each the median of `--runs`: wall time of the
statements and of making the rows into sets, and the rows the records are made from.

Then what does not depend on the machine's load: on SQLite the virtual machine's
instructions the statements ran (sqlite3's progress handler, called at each one), on
PostgreSQL the index and table pages they touched (EXPLAIN (ANALYZE, BUFFERS): shared
buffers hit or read). Timings are never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from bench_store import backends
from redwood.domain.log import LoggedSet, Workout
from redwood.store import Store, hot, open_store
from redwood.store.values import COUNTED_SETS

TODAY = dt.date(2026, 12, 5)
LIFT = "back-squat"
PER_SESSION = 5

_COUNTED = (f"{COUNTED_SETS} "
            "AND exercise_id IN (:ids) AND (date <= :until OR workout_id = :workout_id)")
_PAST = "date <= :until"
_HERE = "workout_id = :workout_id"
OLD_SHAPES = ("SELECT exercise_id, reps, rpe, rir, completed, " + ", ".join(
    f"{f}(CASE WHEN {when} THEN {what} END)" for when in (_PAST, _HERE)
    for f, what in (("MAX", "weight_g"), ("MIN", "weight_g"),
                    ("MAX", "CASE WHEN weight_g IS NULL THEN 1 END")))
    + f" FROM sets WHERE {_COUNTED} GROUP BY exercise_id, reps, rpe, rir, completed")
OLD_SQLITE_SHAPES = (f"SELECT DISTINCT {_PAST}, {_HERE}, exercise_id, reps, rpe, rir, "
                     f"completed, weight_g FROM sets INDEXED BY ix_sets_user_id_exercise_id_date "
                     f"WHERE {_COUNTED}")
OLD_VOLUMES = ("SELECT e, MAX(CASE WHEN p THEN g END), MAX(CASE WHEN h THEN g END) FROM ("
               f"SELECT exercise_id AS e, {_PAST} AS p, {_HERE} AS h, "
               f"SUM(weight_g * reps) AS g FROM sets WHERE {_COUNTED} "
               "AND weight_g IS NOT NULL GROUP BY exercise_id, date, workout_id) AS v GROUP BY e")
"""The record reads as they were on main (5 Dec 2026, b7bd763, before branch records). SQLite
is held to main's index (INDEXED BY): the partial index of migration 0010 would otherwise
serve its DISTINCT too. PostgreSQL plans them as it would on main (EXPLAIN: the same scan of
ix_sets_user_id_exercise_id_date)."""


def old_extremes(rows: Iterable[Sequence[Any]]) -> list[Any]:
    """SQLite on main: the rows of OLD_SQLITE_SHAPES as those of OLD_SHAPES."""
    found: dict[tuple[Any, ...], list[Any]] = {}
    for past, here, *group, grams in rows:
        key = tuple(group)
        bests = found.get(key)
        if bests is None:
            bests = found[key] = [None] * 6
        for flag, at in ((past, 0), (here, 3)):
            if not flag:
                continue
            if grams is None:
                bests[at + 2] = 1
            else:
                if bests[at] is None or grams > bests[at]:
                    bests[at] = grams
                if bests[at + 1] is None or grams < bests[at + 1]:
                    bests[at + 1] = grams
    return [(*key, *bests) for key, bests in found.items()]


def old_rows(db: Any, params: dict[str, Any], ids: list[str]) -> tuple[list[Any], list[Any]]:
    if db.sqlite:
        shapes = old_extremes(db.rows(hot._expand(OLD_SQLITE_SHAPES, params, "ids", ids),
                                      params))
    else:
        shapes = db.rows(hot._expand(OLD_SHAPES, params, "ids", ids), params)
    return shapes, db.rows(hot._expand(OLD_VOLUMES, params, "ids", ids), params)


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


def compare(store: Store, workout_id: int, runs: int) -> dict[str, tuple[float, int, int]]:
    """Of the old reads and of the current ones: median ms, the rows the records are made
    from, and the work that does not depend on load (SQLite: VM instructions; PostgreSQL:
    pages touched)."""
    user = store.default_user().id
    out: dict[str, tuple[float, int, int]] = {}
    with hot._statements(store.engine) as db:
        params: dict[str, Any] = {"user_id": user, "workout_id": workout_id,
                                  "until": db.value(TODAY - dt.timedelta(days=1))}
        ids = [LIFT]

        def new_rows(db: Any, params: dict[str, Any], ids: list[str]
                     ) -> tuple[list[Any], list[Any] | None]:
            return hot._record_rows(db, params, ids)

        reads = {"old": old_rows, "new": new_rows}
        bases = {}
        rows = {}
        for name, read in reads.items():  # warm, and the same records from both
            shapes, volumes = read(db, params, ids)
            bases[name] = hot._basis(shapes, volumes)
            rows[name] = len(shapes) + len(volumes or ())
        assert _records(bases["old"]) == _records(bases["new"])
        times: dict[str, list[float]] = {name: [] for name in reads}
        for _ in range(runs):  # alternating, so both see the same machine
            for name, read in reads.items():
                start = time.perf_counter()
                hot._basis(*read(db, params, ids))
                times[name].append(time.perf_counter() - start)
        work = {name: _work(db, read, params, ids) for name, read in reads.items()}
    for name in reads:
        out[name] = (statistics.median(times[name]) * 1000, rows[name], work[name])
    return out


PROBES = [LoggedSet(LIFT, Decimal(kg), reps, rpe=rpe) for kg in range(60, 201, 20)
          for reps in (1, 5, 10) for rpe in (None, Decimal(8))]
"""Sets to judge against both bases: the same records from each, or the bench stops."""


def _records(basis: hot.RecordBasis) -> Any:
    from redwood.services.training import records_against

    return [records_against([s], TODAY - dt.timedelta(days=1), basis.past,
                            basis.past_volumes or {}, basis.earlier,
                            basis.earlier_volumes or {}) for s in PROBES]


def _work(db: Any, read: Any, params: dict[str, Any], ids: list[str]) -> int:
    """SQLite: the VM instructions of the statements `read` runs; PostgreSQL: the shared
    buffers they hit or read (each statement run again under EXPLAIN ANALYZE)."""
    if db.sqlite:
        steps = [0]

        def step() -> int:
            steps[0] += 1
            return 0

        db.conn.set_progress_handler(step, 1)
        try:
            read(db, params, ids)
        finally:
            db.conn.set_progress_handler(None, 1)
        return steps[0]
    pages = 0
    rows = db.rows

    def explained(sql: str, p: dict[str, Any]) -> list[Any]:
        nonlocal pages
        plan = rows("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, p)[0][0][0]["Plan"]
        pages += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
        return rows(sql, p)

    db.rows = explained
    try:
        read(db, params, ids)
    finally:
        del db.rows
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="125,1250,6250")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print("backend, earlier sets: before (main) ms, rows, work -> after ms, rows, work "
          "(work: SQLite VM instructions, PostgreSQL pages touched)")
    for name, make_db in backends():
        for size in sizes:
            with make_db() as url:
                store = open_store(url)
                try:
                    workout = lifter_log(store, size)
                    found = compare(store, workout, args.runs)
                finally:
                    store.close()
            (before, old_n, old_work), (after, new_n, new_work) = found["old"], found["new"]
            print(f"{name}, {size:>5}: {before:7.2f} ms, {old_n:4} rows, {old_work:8} -> "
                  f"{after:7.2f} ms, {new_n:4} rows, {new_work:8}")


if __name__ == "__main__":
    main()
