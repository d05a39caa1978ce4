"""Benchmark: the records a set breaks, judged through the units of work, on five years.

    .venv/bin/python bench/bench_records_service.py [--years 5] [--seed 1]

`services.training.records_broken` judges every set the CLI `redwood log` writes (the SQLite
fast path's unit of work; the ORM's on PostgreSQL), the records Today's page shows (the ORM's
reader) and a set added to a workout through the unit of work (`add_sets`). Before branch
records2 (5 Dec 2026) it read every distinct counted set of the lifts and summed every session
(`set_shapes`, `best_volumes`: `before` below, main's code copied); now the repositories'
`record_basis` (store.record_reads: probes of the index and tables of migration 0010, as the
web's token path). A log of `--years` of tests/longlog.py's training (squat, deadlift, row,
pull-ups, accessories; RPE, RIR, failed and drop sets) goes into a new SQLite file (and a new
PostgreSQL database if REDWOOD_TEST_POSTGRES_URL is set), with a workout today; then each
case is judged both ways, the same records asserted, and what does not depend on the
machine's load is counted: SQLite's virtual machine instructions (sqlite3's progress handler,
called at each one) and PostgreSQL's shared pages hit or read (each statement run again under
EXPLAIN (ANALYZE, BUFFERS)), with the rows the statements returned. No wall clock: run
callgrind on the whole command for that (bench/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_store import backends
from longlog import long_log, store_log
from redwood.domain.log import LoggedSet, Workout
from redwood.store import Store, open_store

TODAY = dt.date(2026, 12, 5)
TODAYS = (LoggedSet("back-squat", Decimal(100), 5, rpe=Decimal(8)),
          LoggedSet("back-squat", Decimal(100), 5, rpe=Decimal("8.5")),
          LoggedSet("deadlift", Decimal(140), 3),
          LoggedSet("pull-up", None, 6))
"""Today's workout so far: what Today's page judges, and what a set added to it joins."""


def before(uow: Any, new: Sequence[LoggedSet], *, until: dt.date,
           workout_id: int | None = None) -> Any:
    """records_broken as on main before branch records2 (8d45d97): every distinct set."""
    from redwood.services.training import records_against

    ids = sorted({s.exercise_id for s in new})
    past = uow.workouts.set_shapes(ids, until=until)
    if not past:
        return []
    volumes = uow.workouts.best_volumes(ids, until=until)
    if workout_id is None:
        return records_against(new, until, past, volumes)
    return records_against(new, until, past, volumes,
                           uow.workouts.set_shapes(ids, workout_id=workout_id),
                           uow.workouts.best_volumes(ids, workout_id=workout_id))


def _driver(uow: Any) -> Any:
    """The driver connection (sqlite3 or psycopg) under a unit of work."""
    if hasattr(uow, "session"):
        return uow.session.connection().connection.driver_connection
    return uow._store.conn  # the SQLite fast path's


@contextmanager
def counted(uow: Any) -> Iterator[dict[str, int]]:
    """SQLite: the VM instructions and rows of the statements run inside; PostgreSQL: the
    pages they touch (each SELECT run again under EXPLAIN) and their rows."""
    conn = _driver(uow)
    out = {"work": 0, "rows": 0, "statements": 0}
    if isinstance(conn, sqlite3.Connection):
        traced: list[str] = []

        def step() -> int:
            out["work"] += 1
            return 0

        conn.set_progress_handler(step, 1)
        conn.set_trace_callback(traced.append)  # each statement with its values
        try:
            yield out
        finally:
            conn.set_progress_handler(None, 1)
            conn.set_trace_callback(None)
        for sql in traced:
            if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                out["statements"] += 1
                out["rows"] += len(conn.execute(sql).fetchall())
        return
    import psycopg

    seen: list[tuple[str, Any]] = []

    class Recording(psycopg.Cursor):  # type: ignore[type-arg]
        def execute(self, query: Any, params: Any = None, **kw: Any) -> Any:
            seen.append((str(query), params))
            return super().execute(query, params, **kw)

    old = conn.cursor_factory
    conn.cursor_factory = Recording
    try:
        yield out
    finally:
        conn.cursor_factory = old
    for query, params in seen:
        if not query.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        out["statements"] += 1
        with conn.cursor() as cur:
            cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + query, params)
            plan = cur.fetchone()[0][0]["Plan"]
            out["work"] += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
            cur.execute(query, params)
            out["rows"] += len(cur.fetchall())


def fill(store: Store, years: int, seed: int) -> tuple[int, int, list[LoggedSet], int]:
    """The log, and a workout today; (user, today's workout, the set to judge: a squat 2.5 kg
    above the heaviest, a record, sets in the log)."""
    user = store.default_user().id
    workouts, checkins = long_log(seed, years, TODAY - dt.timedelta(days=1))
    store_log(store, user, workouts, checkins)
    with store.unit_of_work(user) as uow:
        today = uow.workouts.add(Workout(TODAY, TODAYS))
        uow.commit()
    heaviest = max(s.weight_kg or 0 for w in workouts for s in w.sets
                   if s.exercise_id == "back-squat")
    one = [LoggedSet("back-squat", Decimal(heaviest) + Decimal("2.5"), 5, rpe=Decimal(8))]
    return user, today, one, sum(len(w.sets) for w in workouts)


def cases(store: Store, user: int, today: int, one: list[LoggedSet]
          ) -> list[tuple[str, Callable[[], Any], Any]]:
    """(name, a unit of work to judge in, the judging call's arguments)."""
    from redwood.store.lite import open_lite

    log_reader: Callable[[], Any] = lambda: store.unit_of_work(user)  # noqa: E731
    if store.backend == "sqlite":
        lite = open_lite(store.url)
        assert lite is not None
        log_reader = lambda: lite.unit_of_work(user)  # noqa: E731
    return [
        ("redwood log, one set (log_workout)", log_reader,
         (one, {"until": TODAY})),
        ("Today's records (day_records)", lambda: store.reader(user),
         (list(TODAYS), {"until": TODAY - dt.timedelta(days=1)})),
        ("a set added to today's workout (add_sets)", lambda: store.unit_of_work(user),
         (one, {"until": TODAY - dt.timedelta(days=1), "workout_id": today})),
    ]


def main() -> None:
    from redwood.services.training import records_broken

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("backend, case: before (main) work, rows -> after work, rows "
          "(work: SQLite VM instructions, PostgreSQL pages touched)")
    for name, make_db in backends():
        with make_db() as url:  # type: ignore[attr-defined]
            store = open_store(url)
            try:
                user, today, one, n = fill(store, args.years, args.seed)
                print(f"== {name}: {n} sets over {args.years} years, and today's workout")
                for case, unit, (new, kw) in cases(store, user, today, one):
                    found = {}
                    for label, judge in (("before", before), ("after", records_broken)):
                        with unit() as uow:
                            judge(uow, new, **kw)  # warm: the statements prepared
                            with counted(uow) as work:
                                result = judge(uow, new, **kw)
                        found[label] = (result, work)
                    assert found["before"][0] == found["after"][0], case
                    (_, old), (records, new_work) = found["before"], found["after"]
                    print(f"  {case}: {old['work']:>9,} work, {old['rows']:>5} rows -> "
                          f"{new_work['work']:>7,} work, {new_work['rows']:>4} rows "
                          f"({len(records)} records)")
            finally:
                store.close()


if __name__ == "__main__":
    main()
