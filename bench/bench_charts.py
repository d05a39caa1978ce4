"""Benchmark: each chart over five years of training (~40,000 sets).

    .venv/bin/python bench/bench_charts.py [--runs 7] [--years 5] [--cli]

Builds the history in memory (5 workouts a week, 31 sets each, as bench_today.py; a daily
check-in with body weight and sleep) and reports, for each chart kind and format, the median
time of `redwood.render.charts.render` over the whole span (the series and the drawing, matplotlib
already imported). With --cli it also writes the history to a SQLite database in a temporary
REDWOOD_HOME and times the whole `redwood chart KIND --weeks N -o FILE.png` command.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BIN = Path(sys.executable).parent / "redwood"
LIFTS = ["back-squat", "chest-supported-row", "deadlift", "lat-pulldown", "romanian-deadlift",
         "dumbbell-row", "bulgarian-split-squat", "face-pull", "plank"]
KINDS = ("e1rm", "volume", "calendar", "bodyweight")


def history(years: int, end: dt.date) -> tuple[list, list]:
    from redwood.domain.log import CheckIn, LoggedSet, SetKind, Workout

    rng = random.Random(1)
    start = end - dt.timedelta(days=365 * years)
    workouts, checkins = [], []
    day = start
    while day <= end:
        weeks = (day - start).days // 7
        if day.weekday() < 5:
            sets = []
            for lift in rng.sample(LIFTS, 6):
                base = Decimal(40 + weeks // 4) if lift != "plank" else None
                for _ in range(5):
                    if base is None:
                        sets.append(LoggedSet(lift, None, seconds=45))
                    else:
                        sets.append(LoggedSet(lift, base, reps=rng.randint(6, 10)))
            sets.append(LoggedSet("back-squat", Decimal(20), reps=10, kind=SetKind.WARMUP))
            workouts.append(Workout(date=day, sets=tuple(sets), energy=rng.randint(2, 5)))
        checkins.append(CheckIn(day, body_weight_kg=Decimal(8000 + rng.randint(-80, 80)) / 100,
                                sleep_hours=Decimal(rng.randint(55, 90)) / 10,
                                energy=rng.randint(2, 5)))
        day += dt.timedelta(days=1)
    return workouts, checkins


def median_ms(fn, runs: int) -> float:
    fn()  # warm: imports, caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def store_history(home: Path, workouts: list, checkins: list) -> None:
    os.environ["REDWOOD_HOME"] = str(home)
    from redwood.store import open_store

    store = open_store()
    user = store.default_user()
    for i in range(0, len(workouts), 200):
        with store.unit_of_work(user.id) as uow:
            for w in workouts[i:i + 200]:
                uow.workouts.add(w)
            uow.commit()
    with store.unit_of_work(user.id) as uow:
        for c in checkins:
            uow.checkins.upsert(c)
        uow.commit()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="also time the whole command")
    args = parser.parse_args()
    from redwood.catalog import load_catalog
    from redwood.render.charts import render

    end = dt.date.today()
    t0 = time.perf_counter()
    workouts, checkins = history(args.years, end)
    n_sets = sum(len(w.sets) for w in workouts)
    print(f"built {n_sets} sets, {len(checkins)} check-ins over {args.years} years in "
          f"{time.perf_counter() - t0:.1f} s")
    catalog = load_catalog()
    start = end - dt.timedelta(days=365 * args.years)
    print(f"median of {args.runs} runs, render() over the whole span")
    for kind in KINDS:
        for fmt in ("png", "svg"):
            ms = median_ms(lambda kind=kind, fmt=fmt: render(
                kind, workouts, checkins, catalog=catalog, start=start, end=end, fmt=fmt,
                band=(10, 18)), args.runs)
            print(f"  {kind:<11} {fmt}  {ms:8.1f} ms")
    if not args.cli:
        return
    weeks = str(52 * args.years)
    with tempfile.TemporaryDirectory() as tmp:
        store_history(Path(tmp), workouts, checkins)
        print(f"median of {args.runs} runs, whole `redwood chart KIND --weeks {weeks}`")
        for kind in KINDS:
            out = Path(tmp) / f"{kind}.png"
            cmd = [str(BIN), "chart", kind, "--weeks", weeks, "-o", str(out)]
            ms = median_ms(lambda cmd=cmd: subprocess.run(
                cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                args.runs)
            print(f"  redwood chart {kind:<11} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
