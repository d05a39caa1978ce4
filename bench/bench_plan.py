"""Benchmark: plan generation, in-process and as a whole CLI call, next to streprogen 4.1.0.

    .venv/bin/pip install -e '.[bench]'    # streprogen==4.1.0
    .venv/bin/python bench/bench_plan.py [--runs 15]

Reports the median of several runs for a 12-week, 4-day plan: Redwood in-process (goal: under
50 ms), Redwood's whole `redwood plan` command, and streprogen's comparable program in-process
and as a whole `python` process. Timings are never asserted in tests: run this by hand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ARGS = ["plan", "--goal", "strength", "--level", "intermediate", "--days", "4", "--minutes", "60",
        "--weeks", "12", "--start", "2027-01-04", "--format", "json"]


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def redwood_in_process() -> None:
    from redwood.catalog import load_catalog
    from redwood.planner.generate import generate_plan
    from redwood.planner.profile import make_profile
    from redwood.planner.serialize import dumps
    from redwood.rules import load_rules

    rules, catalog = load_rules(), load_catalog()
    profile, days = make_profile(rules, goal="strength", level="intermediate", days=4,
                                 minutes=60, weeks=12, start="2027-01-04", location="gym",
                                 known_ids=catalog.ids)
    dumps(generate_plan(profile, rules, catalog, days))


def run(cmd: list[str]) -> Callable[[], None]:
    def call() -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs

    rows = [("redwood, in-process (12 weeks x 4 days, JSON)",
             median_ms(redwood_in_process, runs))]
    rows.append(("redwood plan, whole CLI call", median_ms(run([str(BIN / "redwood"), *ARGS]),
                                                           runs)))
    try:
        sys.path.insert(0, str(HERE))
        from streprogen_program import build
        rows.append(("streprogen 4.1.0, in-process (12 weeks x 4 days)", median_ms(build, runs)))
        rows.append(("streprogen 4.1.0, whole python call",
                     median_ms(run([sys.executable, str(HERE / "streprogen_program.py")]), runs)))
    except ImportError:
        print("streprogen is not installed: pip install -e '.[bench]'", file=sys.stderr)
    width = max(len(name) for name, _ in rows)
    print(f"median of {runs} runs")
    for name, ms in rows:
        print(f"  {name:<{width}}  {ms:8.1f} ms")
    if len(rows) == 4:
        print(f"  whole call, redwood / streprogen: {rows[1][1] / rows[3][1]:.2f}")
        print(f"  in-process, redwood / streprogen: {rows[0][1] / rows[2][1]:.2f}")


if __name__ == "__main__":
    main()
