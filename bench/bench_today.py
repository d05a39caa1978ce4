"""Benchmark: the whole `redwood today` command on five years of training (~40,000 sets).

    .venv/bin/python bench/bench_today.py [--runs 9] [--years 5]

Builds a fresh SQLite database in a temporary REDWOOD_HOME: a saved 3-day plan and a scripted
history of 5 workouts a week for five years (31 sets each), then reports the median time
of the whole `redwood today` call (and of `redwood today --format json`). Nothing is asserted.
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


def build(home: Path, years: int) -> int:
    os.environ["REDWOOD_HOME"] = str(home)
    from redwood.catalog import load_catalog
    from redwood.domain.log import LoggedSet, SetKind, Workout
    from redwood.planner.generate import generate_plan
    from redwood.planner.profile import make_profile
    from redwood.rules import load_rules
    from redwood.services.planning import save_plan
    from redwood.store import open_store

    today = dt.date.today()
    rng = random.Random(1)
    store = open_store()
    user = store.default_user()
    rules, catalog = load_rules(), load_catalog()
    profile, days = make_profile(rules, goal="hypertrophy", level="intermediate", days=3,
                                 minutes=60, weeks=12, start=today.isoformat(), location="gym",
                                 known_ids=catalog.ids)
    save_plan(store, user, generate_plan(profile, rules, catalog, days))
    start = today - dt.timedelta(days=365 * years)
    total = 0
    day = start
    batch: list[Workout] = []
    while day < today:
        if day.weekday() < 5:
            weeks = (day - start).days // 7
            sets = []
            for lift in rng.sample(LIFTS, 6):
                base = Decimal(40 + weeks // 4) if lift != "plank" else None
                for _ in range(5):
                    if base is None:
                        sets.append(LoggedSet(lift, None, seconds=45))
                    else:
                        sets.append(LoggedSet(lift, base, reps=rng.randint(6, 10)))
            sets.append(LoggedSet("back-squat", Decimal(20), reps=10, kind=SetKind.WARMUP))
            batch.append(Workout(date=day, sets=tuple(sets), energy=rng.randint(2, 5)))
            total += len(sets)
        if len(batch) >= 200 or (batch and day >= today - dt.timedelta(days=1)):
            with store.unit_of_work(user.id) as uow:
                for w in batch:
                    uow.workouts.add(w)
                uow.commit()
            batch = []
        day += dt.timedelta(days=1)
    store.close()
    return total


def median_ms(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        sets = build(Path(tmp), args.years)
        print(f"built {sets} sets over {args.years} years in {time.perf_counter() - t0:.1f} s")
        text = median_ms([str(BIN), "today"], args.runs)
        js = median_ms([str(BIN), "today", "--format", "json"], args.runs)
    print(f"median of {args.runs} runs")
    print(f"  redwood today (text), whole command   {text:8.1f} ms")
    print(f"  redwood today --format json           {js:8.1f} ms")


if __name__ == "__main__":
    main()
