"""Same plans as another checkout: generate ~200 varied profiles and seeds in this tree and in
an anchor (e.g. a worktree of the commit before a speed-up) and compare the JSON byte for byte.

    git worktree add --detach /tmp/redwood-anchor main
    .venv/bin/python bench/plan_equivalence.py --anchor /tmp/redwood-anchor/src [--cases 200]
        [--seed 17]

A speed-up must not change a plan: run this after every one. Both trees run with this
interpreter (PYTHONPATH picks the tree) and their own empty cache folder; a profile no plan
can meet must fail with the same message in both. Prints the cases that differ (with the first
lines of the difference) and exits 1 when any does. No golden files: plans change on purpose
when the planner's rules do, so the anchor is always a checkout, never stored output.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

GOALS = ("strength", "hypertrophy", "endurance")
LEVELS = ("beginner", "intermediate", "advanced")
MINUTES = (15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120)
WEEKS = (1, 2, 4, 5, 6, 8, 10, 12, 16)
KIT = ("barbell", "dumbbell", "kettlebell", "cable", "machine", "bench", "pull-up-bar",
       "resistance-band", "box", "sled", "medicine-ball", "trap-bar", "backpack",
       "water-bottle", "towel", "stairs", "hill")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EXCLUDE = ("hinge", "squat", "lunge", "vertical-pull", "back-squat", "deadlift", "pull-up",
           "knee-flexion", "calf-raise")
PROTECT = ("lower-back", "knees", "shoulders")


def cases(count: int, seed: int = 17) -> list[dict[str, Any]]:
    """The bench's own profile first, then `count - 1` drawn with `seed` (another seed draws
    other profiles: a speed-up is checked on more than one sample)."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = [dict(goal="strength", level="intermediate", days=4, minutes=60,
                                      weeks=12, start="2027-01-04", location="gym")]
    while len(out) < count:
        days = rng.randint(2, 6)
        case: dict[str, Any] = dict(
            goal=rng.choice(GOALS), level=rng.choice(LEVELS), days=days,
            minutes=rng.choice(MINUTES), weeks=rng.choice(WEEKS) if rng.random() < 0.9 else 52,
            start=f"2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            location=rng.choice(("gym", "gym", "home", "outdoor")),
            supersets=rng.random() < 0.75, seed=rng.randint(0, 7))
        if rng.random() < 0.6:
            case["equipment"] = tuple(rng.sample(KIT, rng.randint(1, 6)))
        if rng.random() < 0.3:
            case["on"] = (",".join(sorted(rng.sample(DAYS, min(7, days + rng.randint(0, 2))),
                                          key=DAYS.index)),)
        if rng.random() < 0.2:
            case["exclude"] = tuple(rng.sample(EXCLUDE, rng.randint(1, 2)))
        if rng.random() < 0.2:
            case["protect"] = (rng.choice(PROTECT),)
        out.append(case)
    return out


def emit(count: int, folder: Path, seed: int = 17) -> None:
    """Write each case's plan JSON (or its error) to folder/N.txt, with the tree on sys.path."""
    from redwood.planner.serialize import dumps
    from redwood.services.planning import PlanningError, make_plan

    for i, case in enumerate(cases(count, seed)):
        try:
            text = dumps(make_plan(case))
        except PlanningError as exc:
            text = f"error: {exc}\n"
        (folder / f"{i}.txt").write_text(text, "utf-8")


def run_tree(src: str, count: int, folder: Path, seed: int = 17) -> None:
    folder.mkdir()
    env = {**os.environ, "PYTHONPATH": src, "REDWOOD_CACHE_DIR": str(folder / "cache")}
    subprocess.run([sys.executable, __file__, "--emit", str(folder), "--cases", str(count),
                    "--seed", str(seed)], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anchor", help="the src/ folder of the other checkout")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17,
                        help="the draw of the profiles after the bench's own (default 17)")
    parser.add_argument("--emit", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.emit:
        emit(args.cases, Path(args.emit), args.seed)
        return
    if not args.anchor:
        parser.error("--anchor is required")
    here = str(Path(__file__).resolve().parents[1] / "src")
    with tempfile.TemporaryDirectory() as tmp:
        run_tree(args.anchor, args.cases, Path(tmp) / "anchor", args.seed)
        run_tree(here, args.cases, Path(tmp) / "this", args.seed)
        differ = 0
        errors = 0
        for i, case in enumerate(cases(args.cases, args.seed)):
            old = (Path(tmp) / "anchor" / f"{i}.txt").read_text("utf-8")
            new = (Path(tmp) / "this" / f"{i}.txt").read_text("utf-8")
            errors += old.startswith("error: ")
            if old != new:
                differ += 1
                print(f"case {i} differs: {json.dumps(case)}")
                diff = difflib.unified_diff(old.splitlines(), new.splitlines(), "anchor",
                                            "this tree", lineterm="", n=1)
                for line in list(diff)[:12]:
                    print("    " + line[:160])
    print(f"{args.cases} cases, seed {args.seed} ({errors} refused by both or the anchor): "
          f"{differ} differ from the anchor")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
