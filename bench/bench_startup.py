"""Start-up of whole commands: `redwood --help`, `redwood plan` and `redwood today`, beside
another checkout of Redwood (the anchor: e.g. the commit before a change) in the same run.

    git worktree add /tmp/redwood-before <commit>
    .venv/bin/python bench/bench_startup.py --anchor /tmp/redwood-before/src --runs 7

Both trees run with this interpreter and its installed libraries (PYTHONPATH picks the tree),
alternating command by command so machine load falls on both alike; each has its own empty
REDWOOD_HOME (the first run, which creates the database and the rules cache, is not counted).
Prints the median wall time of each command per tree.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {
    "--help": ["--help"],
    "plan (12 weeks x 4 days)": ["plan", "--weeks", "12", "--days", "4", "--start",
                                 "2027-01-04"],
    "today (empty log)": ["today", "--date", "2027-01-04"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor", required=True, help="the src/ folder of the other checkout")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parents[1] / "src")
    trees = {"anchor": args.anchor, "this tree": here}
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs + 1):
            for tree, src in trees.items():
                for name, argv in COMMANDS.items():
                    env = {**os.environ, "PYTHONPATH": src,
                           "REDWOOD_HOME": str(Path(tmp) / tree.replace(" ", "-"))}
                    env.pop("REDWOOD_DATABASE_URL", None)
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "redwood", *argv], env=env,
                                   capture_output=True, check=False)
                    if run:  # the first run fills the cache and makes the database
                        times.setdefault((name, tree), []).append(time.perf_counter() - start)
    print(f"| command | {' | '.join(trees)} |")
    print(f"|---|{'---|' * len(trees)}")
    for name in COMMANDS:
        cells = [f"{statistics.median(times[(name, t)]) * 1000:.0f} ms" for t in trees]
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
