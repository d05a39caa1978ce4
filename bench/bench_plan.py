"""Benchmark: plan generation, in-process and as a whole CLI call, next to streprogen 4.1.0.

    .venv/bin/pip install -e '.[bench]'    # streprogen==4.1.0
    .venv/bin/python bench/bench_plan.py [--runs 15]

Reports the median of several runs for a 12-week, 4-day plan: Redwood in-process (the
generation alone, goal at most 5 ms, and with the profile and the JSON), Redwood's whole
`redwood plan` command (goal: at most half of streprogen's whole call), and streprogen's
comparable program in-process and as a whole `python` process. Each figure is given as wall
time and as CPU time (user + system, of this process or of the child): on a busy machine the
wall time grows with the load and the CPU time much less, so the CPU ratio is the fairer one
there. Both whole calls may use and write bytecode, as installed programs have their .pyc
files (an untimed first run writes them). Timings are never asserted in tests: run this by hand.

`--instructions` also counts the instructions of the whole calls (the JSON plan, and the
default text plan piped and at --width 80 and 120) and of one generation with
valgrind (callgrind), which no machine load changes: the fairest ratio on a busy machine.
`PYTHONPATH=OTHER/src` measures another checkout (e.g. a worktree of the commit before).
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
ARGS = ["plan", "--goal", "strength", "--level", "intermediate", "--days", "4", "--minutes", "60",
        "--weeks", "12", "--start", "2027-01-04", "--format", "json"]
TEXT = [*ARGS[:-1], "text"]
"""The same plan as text, the default format: piped (plain text 100 wide), and as a terminal
of 80 and 120 columns would have it (`--width`, still piped: plain text at that width)."""
# Installed programs have bytecode: let both whole calls write and read it. `redwood plan` takes
# the options it is not given from a saved profile: it runs in a fresh, empty data folder (no
# log: the common first call, and never the developer's own profile), and once more in one
# with a log holding a profile (PROFILE_ENV, made by main()), every option still given.
_CLEAN = {k: v for k, v in os.environ.items()
          if k not in ("PYTHONDONTWRITEBYTECODE", "REDWOOD_DATABASE_URL", "REDWOOD_USER")}
ENV = {**_CLEAN, "REDWOOD_HOME": tempfile.mkdtemp(prefix="bench-plan-empty-")}
PROFILE_ENV = {**_CLEAN, "REDWOOD_HOME": tempfile.mkdtemp(prefix="bench-plan-profile-")}
for _home in (ENV["REDWOOD_HOME"], PROFILE_ENV["REDWOOD_HOME"]):
    atexit.register(shutil.rmtree, _home, ignore_errors=True)


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 1,
              who: int = resource.RUSAGE_SELF) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `fn` (CPU of this process, or of its children)."""
    for _ in range(warmup):
        fn()
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = _cpu(who), time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((_cpu(who) - c0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def redwood_parts() -> tuple[Callable[[], object], Callable[[], object]]:
    """The generation alone, and profile + generation + JSON (rules and catalogue loaded)."""
    from redwood.catalog import load_catalog
    from redwood.planner.generate import generate_plan
    from redwood.planner.profile import make_profile
    from redwood.planner.serialize import dumps
    from redwood.rules import load_rules

    rules, catalog = load_rules(), load_catalog()

    def profile() -> tuple[object, object]:
        return make_profile(rules, goal="strength", level="intermediate", days=4, minutes=60,
                            weeks=12, start="2027-01-04", location="gym", known_ids=catalog.ids)

    made, days = profile()

    def generate() -> object:
        return generate_plan(made, rules, catalog, days)  # type: ignore[arg-type]

    def whole() -> object:
        p, d = profile()
        return dumps(generate_plan(p, rules, catalog, d))  # type: ignore[arg-type]

    return generate, whole


def run(cmd: list[str], env: dict[str, str] = ENV) -> Callable[[], None]:
    def call() -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return call


def save_profile() -> None:
    """A log with a saved profile in PROFILE_ENV's data folder (not timed)."""
    subprocess.run([str(BIN / "redwood"), "profile", "set", "--goal", "hypertrophy", "--days",
                    "3", "--minutes", "45"], check=True, stdout=subprocess.DEVNULL,
                   env=PROFILE_ENV)


def instructions(cmd: list[str], env: dict[str, str] = ENV) -> int:
    """Instructions the command runs (valgrind's callgrind), after an uncounted run. The hash
    seed is fixed: with a random one the count moves by some 10 M from run to run (set and dict
    layouts), as much as a speed-up being measured."""
    env = {**env, "PYTHONHASHSEED": "0"}
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
                              *cmd], check=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, env=env).stderr
    return int(re.findall(r"Collected : (\d+)", out)[-1])


def count_instructions() -> None:
    me = [sys.executable, __file__, "--generate"]
    one = (instructions([*me, "4"]) - instructions([*me, "1"])) // 3
    whole = instructions([str(BIN / "redwood"), *ARGS])
    profiled = instructions([str(BIN / "redwood"), *ARGS], PROFILE_ENV)
    strep = instructions([sys.executable, str(HERE / "streprogen_program.py")])
    text = instructions([str(BIN / "redwood"), *TEXT])
    text80 = instructions([str(BIN / "redwood"), "--width", "80", *TEXT])
    text120 = instructions([str(BIN / "redwood"), "--width", "120", *TEXT])
    bare = instructions([sys.executable, "-c", "pass"])
    print("instructions (callgrind, millions)")
    print(f"  redwood, one more generation (12 w x 4 d)    {one / 1e6:8.0f}")
    print(f"  redwood plan --format json, whole call       {whole / 1e6:8.0f}")
    print(f"    the same, a log with a profile beside it   {profiled / 1e6:8.0f}")
    print(f"  redwood plan --format text, piped            {text / 1e6:8.0f}")
    print(f"    the same, --width 80                       {text80 / 1e6:8.0f}")
    print(f"    the same, --width 120                      {text120 / 1e6:8.0f}")
    print(f"  streprogen 4.1.0, whole python call          {strep / 1e6:8.0f}")
    print(f"  python -c pass                               {bare / 1e6:8.0f}")
    print(f"  whole call, redwood / streprogen: {whole / strep:.2f} (goal: at most 0.5)")
    print(f"  text, piped / --width 80 / --width 120, redwood / streprogen: {text / strep:.2f}"
          f" / {text80 / strep:.2f} / {text120 / strep:.2f} (goal: at most 0.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with valgrind (slow)")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate is not None:  # --instructions: N generations in a process of their own
        generate, _ = redwood_parts()
        for _ in range(args.generate):
            generate()
        return
    runs = args.runs
    children = resource.RUSAGE_CHILDREN

    save_profile()
    generate, whole = redwood_parts()
    rows = [("redwood, in-process generation (12 weeks x 4 days)", median_ms(generate, runs)),
            ("redwood, in-process profile + generation + JSON", median_ms(whole, runs)),
            ("redwood plan --format json, whole CLI call",
             median_ms(run([str(BIN / "redwood"), *ARGS]), runs, who=children))]
    extra = [("  the same, a log with a saved profile beside it",
              median_ms(run([str(BIN / "redwood"), *ARGS], PROFILE_ENV), runs, who=children)),
             ("redwood plan --format text (piped), whole CLI call",
              median_ms(run([str(BIN / "redwood"), *TEXT]), runs, who=children))]
    try:
        sys.path.insert(0, str(HERE))
        from streprogen_program import build
        rows.append(("streprogen 4.1.0, in-process (12 weeks x 4 days)", median_ms(build, runs)))
        rows.append(("streprogen 4.1.0, whole python call",
                     median_ms(run([sys.executable, str(HERE / "streprogen_program.py")]), runs,
                               who=children)))
    except ImportError:
        print("streprogen is not installed: pip install -e '.[bench]'", file=sys.stderr)
    width = max(len(name) for name, _ in rows)
    print(f"median of {runs} runs, load average {os.getloadavg()[0]:.1f}")
    print(f"  {'':<{width}}  {'wall':>8}     {'CPU':>8}")
    for name, (wall, cpu) in [*rows, *extra]:
        print(f"  {name:<{width}}  {wall:8.1f} ms  {cpu:8.1f} ms")
    if len(rows) == 5:
        (w, c), (sw, sc) = rows[2][1], rows[4][1]
        print(f"  whole call, redwood / streprogen: wall {w / sw:.2f}, CPU {c / sc:.2f} "
              "(goal: at most 0.5)")
        (w, c), (sw, sc) = rows[1][1], rows[3][1]
        print(f"  in-process, redwood / streprogen: wall {w / sw:.2f}, CPU {c / sc:.2f}")
    if args.instructions:
        count_instructions()


if __name__ == "__main__":
    main()
