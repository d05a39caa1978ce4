"""Benchmark: the four-week review on five years of training, and the analytics series over
1,000,000 sets.

    .venv/bin/python bench/bench_review.py [--runs 7] [--years 5] [--sets 1000000]

1. Builds a fresh SQLite database in a temporary REDWOOD_HOME with bench_today.py's history (a
   saved 3-day plan, 5 workouts a week for five years: about 40,000 sets) and daily check-ins,
   then reports the median of
   - `reviewing.review(...)` in process: reading the period in full and a summary of the
     years before (training days, firsts, the followed lifts' sets, body weights), and
     building the review; then each half, and for comparison the same two halves over the
     whole log (`gather(whole_log=True)`, what the HTML export still reads for its charts);
   - the whole `redwood review --format json` command (start-up included).
2. Generates 1,000,000 sets in memory (workouts of 6 lifts x 5 sets over real catalogue
   exercises) and reports the median time of each analytics series over all of them:
   e1rm_series (one lift), weekly_sets (every week, regions and muscles), training_days +
   streaks, daily_sets, and moving_average over a daily body-weight series of the same span.
Goal (issue 6): the review under 1 s on five years. Nothing is asserted. `--sets 0` skips 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_today import BIN, LIFTS, build
from redwood.domain.log import CheckIn, LoggedSet, SetKind, Workout


def median_ms(fn: Callable[[], object], runs: int) -> str:
    """'wall ms (cpu ms)': the median wall time, and the median CPU time of this process and
    its children (what a shared, busy machine inflates least)."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        c0 = _cpu()
        t0 = time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((_cpu() - c0) * 1000)
    return f"{statistics.median(walls):8.1f} ms (cpu {statistics.median(cpus):7.1f} ms)"


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def add_checkins(years: int) -> int:
    from redwood.store import open_store

    store = open_store()
    user = store.default_user()
    today = dt.date.today()
    rng = random.Random(2)
    n = 0
    with store.unit_of_work(user.id) as uow:
        day = today - dt.timedelta(days=365 * years)
        while day <= today:
            uow.checkins.upsert(CheckIn(day, body_weight_kg=Decimal(80) + rng.randint(-20, 20)
                                        / Decimal(10), sleep_hours=Decimal(rng.choice([6, 7, 8])),
                                        energy=rng.randint(2, 5)))
            n += 1
            day += dt.timedelta(days=1)
        uow.commit()
    store.close()
    return n


def make_log(n_sets: int) -> list[Workout]:
    rng = random.Random(1)
    day = dt.date(2000, 1, 3)
    out: list[Workout] = []
    made = 0
    week = 0
    while made < n_sets:
        sets: list[LoggedSet] = []
        for lift in rng.sample(LIFTS, 6):
            base = Decimal(40 + week // 4) if lift != "plank" else None
            sets.append(LoggedSet(lift, base, 8, kind=SetKind.WARMUP) if base else
                        LoggedSet(lift, None, seconds=30, kind=SetKind.WARMUP))
            for _ in range(4):
                if base is None:
                    sets.append(LoggedSet(lift, None, seconds=45))
                else:
                    sets.append(LoggedSet(lift, base, rng.randint(5, 12)))
        out.append(Workout(day, tuple(sets)))
        made += len(sets)
        day += dt.timedelta(days=1)
        if day.weekday() == 0:
            week += 1
    return out


def bench_review(runs: int, years: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        sets = build(Path(tmp), years)
        checkins = add_checkins(years)
        print(f"built {sets} sets and {checkins} check-ins over {years} years in "
              f"{time.perf_counter() - t0:.1f} s")
        from redwood.catalog import load_catalog
        from redwood.services.reviewing import build as build_review
        from redwood.services.reviewing import gather, review
        from redwood.store import open_store

        store = open_store()
        user = store.default_user()
        catalog = load_catalog()
        today = dt.date.today()
        inp = gather(store, user, end=today, whole_log=False, catalog=catalog)
        full = gather(store, user, end=today)
        assert build_review(inp, catalog).to_dict() == build_review(full, catalog).to_dict()
        whole = median_ms(lambda: review(store, user, end=today, catalog=catalog), runs)
        read = median_ms(lambda: gather(store, user, end=today, whole_log=False,
                                        catalog=catalog), runs)
        pure = median_ms(lambda: build_review(inp, catalog), runs)
        read_full = median_ms(lambda: gather(store, user, end=today), runs)
        pure_full = median_ms(lambda: build_review(full, catalog), runs)
        store.close()
        env = {**os.environ, "REDWOOD_HOME": tmp}

        def cli() -> None:
            subprocess.run([str(BIN), "review", "--format", "json"], check=True, env=env,
                           stdout=subprocess.DEVNULL)

        command = median_ms(cli, runs)
    print(f"review on {years} years, median of {runs} runs")
    print(f"  reviewing.review (read + build)        {whole}")
    print(f"    of which reading (gather)            {read}")
    print(f"    of which the pure review             {pure}")
    print(f"  whole log: gather(whole_log=True)      {read_full}")
    print(f"  whole log: the pure review             {pure_full}")
    print(f"  redwood review --format json (command) {command}")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def bench_series(runs: int, n_sets: int) -> None:
    from redwood.catalog import load_catalog
    from redwood.coach.analytics import (
        daily_sets,
        e1rm_series,
        moving_average,
        streaks,
        training_days,
        weekly_sets,
    )

    log = make_log(n_sets)
    total = sum(len(w.sets) for w in log)
    start, end = log[0].date, log[-1].date
    catalog = load_catalog()
    rng = random.Random(3)
    weights = [(start + dt.timedelta(days=i), 80 + rng.random())
               for i in range((end - start).days + 1)]
    print(f"analytics over {total} sets ({len(log)} workouts, {start} to {end}), "
          f"median of {runs} runs")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("e1rm_series (one lift)", lambda: e1rm_series(log, "back-squat")),
        ("weekly_sets (regions + muscles)", lambda: weekly_sets(log, catalog, start, end)),
        ("training_days + streaks", lambda: streaks(training_days(log), end)),
        ("daily_sets (calendar)", lambda: daily_sets(log, start, end)),
        (f"moving_average ({len(weights)} days)", lambda: moving_average(weights, 7)),
    ]
    for label, fn in cases:
        print(f"  {label:<38} {median_ms(fn, runs)}")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--sets", type=int, default=1_000_000)
    args = parser.parse_args()
    bench_review(args.runs, args.years)
    if args.sets:
        bench_series(args.runs, args.sets)


if __name__ == "__main__":
    main()
