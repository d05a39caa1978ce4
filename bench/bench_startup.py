"""Start-up of whole commands beside another checkout of Redwood (the anchor: e.g. the commit
before a change) in the same run: `redwood --help`, `plan`, `today` and `log` of one set on an
empty log (with a saved plan; and without one, which stops at "no active plan"), and `today`
and `review --format json` on five years of training (issue 17's goals).

    git worktree add /tmp/redwood-before <commit>
    .venv/bin/python bench/bench_startup.py --anchor /tmp/redwood-before/src --runs 7
    .venv/bin/python bench/bench_startup.py --anchor ... --years 0     # the empty log only

Both trees run with this interpreter and its installed libraries (PYTHONPATH picks the tree),
alternating command by command so machine load falls on both alike. Each tree has its own
empty REDWOOD_HOME; the five-year log (bench_today.py's workouts, bench_review.py's daily
check-ins: ~40,000 sets) is built once with this tree's code and read by both. Bytecode is
allowed and the first round is not counted (it fills the rules cache, makes the database and
compiles the sources, as an installed program has its .pyc files). Prints, per command and
tree, the median wall time and the median CPU time of the command's process (user + system:
what a busy machine inflates least), the CPU ratio this tree / anchor, and issue 17's goal.

`--instructions` then counts each command's instructions in both trees (valgrind's callgrind,
one run each after the timed rounds, hash seed fixed), the figure a loaded machine does not
move, and says whether the two trees wrote the same bytes to stdout.

    .venv/bin/python bench/bench_startup.py --anchor /tmp/redwood-before/src --runs 1 --instructions
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date.today().isoformat()
EMPTY = {
    "--help": (["--help"], None),
    "plan (12 weeks x 4 days)": (["plan", "--weeks", "12", "--days", "4", "--start",
                                  "2027-01-04"], None),
    "today (empty log)": (["today", "--date", "2027-01-04"], 150),
    "today, no plan (empty log)": (["today", "--date", "2027-01-04"], None),
    "log one set": (["log", "--date", TODAY, "--exercise", "back-squat", "--set", "60kgx10"],
                    200),
}
FIVE_YEARS = {
    "today (5 years)": (["today"], 250),
    "review -f json (5 years)": (["review", "--format", "json"], 300),
}


def _cpu_children() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _five_years(home: Path, years: int) -> None:
    """bench_review.py's log: bench_today.py's workouts and a check-in a day."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_review import add_checkins
    from bench_today import build

    sets = build(home, years)
    days = add_checkins(years)
    print(f"five-year log: {sets} sets, {days} check-ins", file=sys.stderr)


def _instructions(argv: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """The command's instructions (callgrind, the whole process) and what it wrote to stdout.
    The hash seed is fixed: a random one moves the count by some 10 M (set and dict layouts)."""
    env = {**env, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
                               sys.executable, "-m", "redwood", *argv], capture_output=True,
                              env=env, check=False)
    found = re.findall(rb"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"callgrind counted nothing for {argv}: is valgrind installed?")
    return int(found[-1]), done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor", required=True, help="the src/ folder of the other checkout")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=5, help="0: skip the five-year log")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each command's instructions with callgrind (slow)")
    args = parser.parse_args()
    counts: dict[tuple[str, str], tuple[int, bytes]] = {}
    here = str(Path(__file__).resolve().parents[1] / "src")
    trees = {"anchor": args.anchor, "this tree": here}
    walls: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    goals = {name: goal for name, (_, goal) in {**EMPTY, **FIVE_YEARS}.items()}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {tree: Path(tmp) / tree.replace(" ", "-") for tree in trees}
        bare = {tree: Path(tmp) / f"no-plan-{tree.replace(' ', '-')}" for tree in trees}
        for tree in trees:  # an empty log with a plan, made by this tree's code (not timed)
            subprocess.run([sys.executable, "-m", "redwood", "plan", "--start", "2027-01-04",
                            "--save", "-f", "json", "-o", os.devnull], check=True,
                           env={**os.environ, "REDWOOD_HOME": str(homes[tree])},
                           capture_output=True)
        commands = [(name, argv, bare if name.startswith("today, no plan") else homes)
                    for name, (argv, _) in EMPTY.items()]
        if args.years:
            long_home = Path(tmp) / "five-years"
            _five_years(long_home, args.years)
            # Each tree reads its own copy (a command may write: the default user, WAL).
            copies = {}
            for tree in trees:
                copies[tree] = Path(tmp) / f"five-years-{tree.replace(' ', '-')}"
                shutil.copytree(long_home, copies[tree])
            commands += [(name, argv, copies) for name, (argv, _) in FIVE_YEARS.items()]
        for run in range(args.runs + 1):
            for name, argv, where in commands:
                for tree, src in trees.items():
                    env = {**os.environ, "PYTHONPATH": src, "REDWOOD_HOME": str(where[tree])}
                    env.pop("REDWOOD_DATABASE_URL", None)
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                    c0 = _cpu_children()
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "redwood", *argv], env=env,
                                   capture_output=True, check=False)
                    if run:  # the first round fills the caches and makes the databases
                        walls.setdefault((name, tree), []).append(time.perf_counter() - start)
                        cpus.setdefault((name, tree), []).append(_cpu_children() - c0)
        if args.instructions:
            for name, argv, where in commands:
                for tree, src in trees.items():
                    env = {**os.environ, "PYTHONPATH": src, "REDWOOD_HOME": str(where[tree])}
                    env.pop("REDWOOD_DATABASE_URL", None)
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                    counts[(name, tree)] = _instructions(argv, env)
    load = os.getloadavg()
    print(f"median of {args.runs} runs; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"| command | {' | '.join(f'{t} wall / cpu' for t in trees)} | cpu ratio | goal |")
    print(f"|---|{'---|' * len(trees)}---|---|")
    for name in goals:
        if (name, "anchor") not in walls:
            continue
        cells = [f"{statistics.median(walls[(name, t)]) * 1000:.0f} / "
                 f"{statistics.median(cpus[(name, t)]) * 1000:.0f} ms" for t in trees]
        ratio = statistics.median(cpus[(name, "this tree")]) / max(
            statistics.median(cpus[(name, "anchor")]), 1e-9)
        goal = f"{goals[name]} ms" if goals[name] else "-"
        print(f"| {name} | {' | '.join(cells)} | {ratio:.2f} | {goal} |")
    if counts:
        print("\ninstructions (callgrind, whole command, millions)")
        print(f"| command | {' | '.join(trees)} | this tree / anchor | same output |")
        print(f"|---|{'---|' * len(trees)}---|---|")
        for name in goals:
            if (name, "anchor") not in counts:
                continue
            cells = [f"{counts[(name, t)][0] / 1e6:,.0f} M" for t in trees]
            ratio = counts[(name, "this tree")][0] / max(counts[(name, "anchor")][0], 1)
            same = "yes" if counts[(name, "this tree")][1] == counts[(name, "anchor")][1] \
                else "NO"
            print(f"| {name} | {' | '.join(cells)} | {ratio:.2f} | {same} |")


if __name__ == "__main__":
    main()
