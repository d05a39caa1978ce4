"""Benchmark: e1RM and personal records over 1,000,000 logged sets, and one coach decision.

    .venv/bin/python bench/bench_coach.py [--sets 1000000] [--runs 5]

Generates a synthetic log (workouts of 5 exercises x 4 working sets plus a warm-up, weights on
a 0.25 kg grid, 1-15 reps, an RPE on about a third of the sets, a few failed and bodyweight
sets), then reports the median time of
- `best_e1rm`: the best estimated 1RM of every exercise, over the flat list of sets;
- `compute_records`: every exercise's PRs (heaviest, best e1RM, most reps at a weight, best
  session volume), over the workouts;
- `next_target`: the coach's decision for one lift over five years of its history.
Goal (issue 3): e1RM/PR computation over 1,000,000 sets under 1 s in pure Python. Timings are
never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from types import SimpleNamespace

from redwood.domain.log import LoggedSet, SetKind

EXERCISES = [f"lift-{i:02d}" for i in range(40)]


def make_log(n_sets: int, seed: int = 1) -> list[tuple[dt.date, tuple[LoggedSet, ...]]]:
    rng = random.Random(seed)
    weights = [Decimal(q) / 4 for q in range(80, 1200)]
    rpes = [None, None, Decimal(7), Decimal(8), Decimal("8.5"), Decimal(9)]
    day = dt.date(2000, 1, 3)
    sessions: list[tuple[dt.date, tuple[LoggedSet, ...]]] = []
    made = 0
    while made < n_sets:
        sets: list[LoggedSet] = []
        for ex in rng.sample(EXERCISES, 5):
            w = rng.choice(weights)
            bodyweight = ex.endswith("9")
            sets.append(LoggedSet(ex, None if bodyweight else w / 2, 8, kind=SetKind.WARMUP))
            for _ in range(4):
                sets.append(
                    LoggedSet(
                        ex,
                        None if bodyweight else w,
                        rng.randint(1, 15),
                        rpe=rng.choice(rpes),
                        completed=rng.random() > 0.05,
                    )
                )
        sessions.append((day, tuple(sets)))
        made += len(sets)
        day += dt.timedelta(days=1)
    return sessions


def median_s(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: builds the factor tables and the rule objects
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from redwood.catalog import load_catalog
    from redwood.coach.e1rm import best_e1rm
    from redwood.coach.loading import default_profile
    from redwood.coach.progression import next_target
    from redwood.coach.records import compute_records

    t0 = time.perf_counter()
    log = make_log(args.sets)
    flat = [s for _, sets in log for s in sets]
    print(f"generated {len(flat):,} sets in {len(log):,} workouts "
          f"({time.perf_counter() - t0:.1f} s)")

    e1rm_s = median_s(lambda: best_e1rm(flat), args.runs)
    print(f"best_e1rm        {e1rm_s * 1000:8.0f} ms  (goal: under 1000 ms)")
    records_s = median_s(lambda: compute_records(log), args.runs)
    print(f"compute_records  {records_s * 1000:8.0f} ms  (goal: under 1000 ms)")

    squat = load_catalog()["back-squat"]
    five_years = []
    day = dt.date(2022, 1, 3)
    weight = Decimal(40)
    while len(five_years) < 5 * 52 * 3:
        reps = 8 + len(five_years) % 3
        five_years.append((day, tuple(LoggedSet("back-squat", weight, reps) for _ in range(3))))
        day += dt.timedelta(days=2 if day.weekday() < 4 else 3)
        if reps == 10:
            weight += Decimal("2.5")
    prescription = SimpleNamespace(sets=3, low=8, high=10, timed=False, rest_s=90, wave=None,
                                   rpe=None)
    profile = default_profile("gym")
    today = five_years[-1][0] + dt.timedelta(days=2)
    coach_s = median_s(
        lambda: next_target(squat, prescription, five_years, [], today, profile), args.runs
    )
    print(f"next_target      {coach_s * 1000:8.1f} ms  (one lift, {len(five_years)} sessions)")


if __name__ == "__main__":
    main()
